"""The fixers' admin, split by concern; each module registers its models."""

from . import (  # noqa: F401
    areas,
    catalogue,
    incentives,
    itineraries,
    jobs,
    photos,
    studios,
    submissions,
    verification,
)
