"""The catalogue's models, split by concern; import them from here."""

from .areas import Category, Prefecture, Region, Tag
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
from .locations import Compass, DronePolicy, Location, Power
from .photos import Photo
from .sharing import ShareReply, Verdict
from .studios import ReferenceStage, Soundstage, StageCriteria, Studio
from .submissions import Decision, Submission
from .verification import ChangeRequest

__all__ = [
    "ApplicationWindow",
    "Category",
    "ChangeRequest",
    "Compass",
    "Decision",
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
    "Submission",
    "Tag",
    "TravelMode",
    "Verdict",
]
