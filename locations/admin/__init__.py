from . import incentives  # noqa: F401
