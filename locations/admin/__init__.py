"""The fixers' admin, split by concern; each module registers its models."""

from . import (  # noqa: F401
    areas,
    catalogue,
    incentives,
    itineraries,
    photos,
    studios,
    verification,
)
