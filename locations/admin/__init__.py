"""The fixers' admin, split by concern; each module registers its models."""

from . import areas, catalogue, incentives, itineraries, jobs, photos, studios  # noqa: F401
