from . import itineraries  # noqa: F401
