"""The catalogue's models, split by concern; import them from here."""

from .areas import Category, Prefecture, Region, Tag
from .catalogue import Compass, DronePolicy, Location, Photo, Power
from .commissions import FilmCommission
from .common import Status
from .incentives import ApplicationWindow, IncentiveProgramme, IncentiveThreshold
from .itineraries import (
    Itinerary,
    ItineraryStatus,
    ItineraryStop,
    Shortlist,
    ShortlistItem,
    TravelMode,
)
from .jobs import Job, JobKind, JobStatus
from .sharing import ShareReply, Verdict
from .studios import ReferenceStage, Soundstage, StageCriteria, Studio

__all__ = [
    "ApplicationWindow",
    "Category",
    "Compass",
    "DronePolicy",
    "FilmCommission",
    "IncentiveProgramme",
    "IncentiveThreshold",
    "Itinerary",
    "ItineraryStatus",
    "ItineraryStop",
    "Job",
    "JobKind",
    "JobStatus",
    "Location",
    "Photo",
    "Power",
    "Prefecture",
    "ReferenceStage",
    "Region",
    "ShareReply",
    "Shortlist",
    "ShortlistItem",
    "Soundstage",
    "StageCriteria",
    "Status",
    "Studio",
    "Tag",
    "TravelMode",
    "Verdict",
]
