"""The logging configuration (12-factor: key=value lines on stdout)."""


def logging_config(level: str) -> dict:
    """Django's LOGGING: one structured stream on stdout, the root logger at `level`."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            # key=value lines (see locations.logging): easy to grep, and parsed by most log stores.
            "structured": {
                "format": "%(asctime)s level=%(levelname)s logger=%(name)s %(message)s",
            },
        },
        # 12-factor: one stream on stdout; the platform collects and routes it.
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "structured",
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.request": {"level": "WARNING"},
            "django.server": {"level": "INFO"},
            "axes": {"level": "WARNING"},
            # Scanners send wrong Host headers all day; Django logs each at ERROR. The request line
            # (status=400) still records them, without paging anyone.
            "django.security.DisallowedHost": {"handlers": [], "propagate": False},
            # One line per request (rokehan.request) and per login or failed login (rokehan.auth).
            "rokehan": {"level": "INFO"},
        },
    }
