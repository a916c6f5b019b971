"""The demo catalogue `manage.py load_demo` writes: true public places, sourced and sample
studios, and placeholder photos. Data lives in `places.py` and `studios.py` as plain records;
`loader.py` writes it idempotently, one step per function."""
