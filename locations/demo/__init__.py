"""The demo catalogue `manage.py load_demo` writes: true public places, sourced and sample
studios, and placeholder photos. Places live in `places.csv`, a file in the import format
loaded by the fixers' own importer; studios in `studios.py` as plain records. `loader.py`
writes it all idempotently, one step per function."""
