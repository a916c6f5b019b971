"""Familiarisation tours: itineraries and their stops (the shortlists they grow from are in
models/shortlists.py)."""

from datetime import datetime, timedelta

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, TimeField
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from locations.permits import validate_calendar_date

from .common import (
    AuditedModel,
    PublishableQuerySet,
    coordinate_fields,
    coordinates_in_japan_constraint,
    place_fields,
    unique_slug,
)
from .place_prefetch import place_prefetches

# Migration 0006 names the share tokens' default by this module's path.
from .sharing import new_share_token, share_token_field


class TravelMode(models.TextChoices):
    """How guests get to a stop from the one before (the estimates live in locations.travel)."""

    CAR = "car", _("Car")
    TRAIN = "train", _("Train")
    SHINKANSEN = "shinkansen", _("Shinkansen")
    FLIGHT = "flight", _("Flight")
    WALK = "walk", _("Walk")


class ItineraryStatus(models.TextChoices):
    """A tour is planned as a draft (seen by staff and by share link) and published for all."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class ItineraryQuerySet(PublishableQuerySet):
    """Named queries for tours; `published()` and `visible_to(user)` come from the base."""

    def for_list(self):
        """The tours list: how many stops each has, without a query per row."""
        return self.annotate(stop_count=models.Count("stops")).order_by("start_date", "title")

    def with_overlap_flag(self):
        """Annotate `has_overlaps`: some of the tour's stops overlap (the admin's list column)."""
        overlapping = ItineraryStop.objects.with_overlaps().filter(
            itinerary=OuterRef("pk"), overlaps=True
        )
        return self.annotate(has_overlaps=Exists(overlapping))

    def with_stops(self, *, stages: bool = False, published_places: bool = False):
        """The day view and the package: stops in order with their places, covers and regions
        (a fixed number of queries however many stops there are). `published_places` leaves
        out stops at unpublished places (for visitors of a published tour's public page)."""
        stops = (
            ItineraryStop.objects.with_overlaps()
            .select_related(
                "location__prefecture__region", "location__category", "studio__prefecture__region"
            )
            .order_by("date", "start_time", "pk")
        )
        return self.prefetch_related(
            *place_prefetches("stops", stops, stages=stages, published_places=published_places)
        )


class Itinerary(AuditedModel):
    """A familiarisation tour: days of stops at locations, studios, hotels and meetings."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("The tour's web address; made from the title when left empty."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("What the tour is for, shown to the guests.")
    )
    start_date = models.DateField(_("first day"), validators=[validate_calendar_date])
    end_date = models.DateField(_("last day"), validators=[validate_calendar_date])
    party_size = models.PositiveSmallIntegerField(_("number of guests"), null=True, blank=True)
    party = models.TextField(
        _("guests"),
        blank=True,
        help_text=_("Who travels: one guest per line, e.g. “Jane Doe — producer, Acme Films”."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ItineraryStatus,
        default=ItineraryStatus.DRAFT,
        db_index=True,
        help_text=_("Drafts are seen by staff and by whoever has the private link."),
    )
    share_token = share_token_field()

    objects = ItineraryQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "title"]
        verbose_name = _("itinerary")
        verbose_name_plural = _("itineraries")
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_ends_after_start",
                condition=Q(end_date__gte=F("start_date")),
                violation_error_message=_("The last day cannot be before the first day."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("itineraries:detail", kwargs={"slug": self.slug})

    def get_share_url(self):
        return reverse("itineraries:shared", kwargs={"token": self.share_token})

    @property
    def is_published(self) -> bool:
        return self.status == ItineraryStatus.PUBLISHED

    @property
    def day_count(self) -> int:
        return (self.end_date - self.start_date).days + 1

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first day.")})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Itinerary, self.title, instance_pk=self.pk)
        super().save(*args, **kwargs)

    def regenerate_share_token(self, *, save: bool = True) -> str:
        """A new private link; the old one stops working at once."""
        self.share_token = new_share_token()
        if save:
            self.save(update_fields=["share_token", "updated_at"])
        return self.share_token


class ItineraryStopQuerySet(models.QuerySet):
    def with_overlaps(self):
        """Annotate `overlaps`: another stop of the same tour on the same day starts at the same
        minute or runs into this one (a stop without an end is a moment at its start)."""
        own_end = Coalesce(OuterRef("end_time"), OuterRef("start_time"), output_field=TimeField())
        others = (
            ItineraryStop.objects.filter(itinerary=OuterRef("itinerary"), date=OuterRef("date"))
            .exclude(pk=OuterRef("pk"))
            .alias(other_end=Coalesce("end_time", "start_time", output_field=TimeField()))
            .filter(
                Q(start_time=OuterRef("start_time"))
                | Q(start_time__lt=own_end, other_end__gt=OuterRef("start_time"))
            )
        )
        return self.annotate(overlaps=Exists(others))


class ItineraryStop(models.Model):
    """One thing on a tour: a location, a studio, or neither (a hotel, a meal, a meeting)."""

    itinerary = models.ForeignKey(
        Itinerary, verbose_name=_("itinerary"), on_delete=models.CASCADE, related_name="stops"
    )
    date = models.DateField(_("date"), validators=[validate_calendar_date])
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(
        _("until"), null=True, blank=True, help_text=_("Leave empty for a moment (a check-in).")
    )
    # PROTECT: a place on a tour cannot vanish from under the guests; remove the stop first.
    location, studio = place_fields("itinerary_stops", on_delete=models.PROTECT)
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_(
            "Needed when the stop is neither a location nor a studio, e.g. “Hotel check-in”; "
            "otherwise optional (what happens there)."
        ),
    )
    latitude, longitude = coordinate_fields()
    address = models.CharField(
        _("address"),
        max_length=300,
        blank=True,
        help_text=_("For a stop that is not a catalogue place: where to go."),
    )
    notes = models.TextField(_("notes"), blank=True, help_text=_("Shown to the guests."))
    travel_mode = models.CharField(
        _("getting there"),
        max_length=12,
        choices=TravelMode,
        default=TravelMode.CAR,
        help_text=_("How the party travels here from the previous stop."),
    )

    objects = ItineraryStopQuerySet.as_manager()

    class Meta:
        ordering = ["date", "start_time", "pk"]
        verbose_name = _("stop")
        verbose_name_plural = _("stops")
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_ends_after_start",
                condition=Q(end_time__isnull=True) | Q(end_time__gt=F("start_time")),
                violation_error_message=_("A stop must end after it starts."),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_one_place_at_most",
                condition=Q(location__isnull=True) | Q(studio__isnull=True),
                violation_error_message=_("A stop is a location or a studio, not both."),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_titled_when_no_place",
                condition=Q(location__isnull=False) | Q(studio__isnull=False) | ~Q(title=""),
                violation_error_message=_(
                    "A stop that is neither a location nor a studio needs a title."
                ),
            ),
            coordinates_in_japan_constraint(),
        ]
        indexes = [
            # The day view: a tour's stops in date and time order.
            models.Index(fields=["itinerary", "date", "start_time"], name="stop_itinerary_order"),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.start_time:%H:%M} {self.name}"

    def _itinerary_or_none(self):
        try:
            return self.itinerary
        except ObjectDoesNotExist:
            return None

    def clean(self):
        super().clean()
        errors = {}
        if self.location_id and self.studio_id:
            errors["studio"] = _("Choose a location or a studio, not both.")
        elif not self.location_id and not self.studio_id and not self.title.strip():
            errors["title"] = _(
                "Give this stop a title (e.g. “Hotel check-in”), or choose a location or a studio."
            )
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The stop must end after it starts (%(start)s).") % {
                "start": self.start_time.strftime("%H:%M")
            }
        itinerary = self._itinerary_or_none()
        if (
            itinerary is not None
            and self.date
            and itinerary.start_date
            and itinerary.end_date
            and not itinerary.start_date <= self.date <= itinerary.end_date
        ):
            errors["date"] = _(
                "%(date)s is outside the trip: choose a day from %(start)s to %(end)s."
            ) % {
                "date": self.date.isoformat(),
                "start": itinerary.start_date.isoformat(),
                "end": itinerary.end_date.isoformat(),
            }
        if errors:
            raise ValidationError(errors)

    @property
    def place(self):
        """The catalogue place (location or studio), or None for a hotel, meal or meeting."""
        return self.location or self.studio

    @property
    def name(self) -> str:
        """What the stop is called: the place's name, else its title."""
        place = self.place
        return place.name if place else self.title

    @property
    def name_ja(self) -> str:
        place = self.place
        return place.name_ja if place else ""

    @property
    def coordinates(self) -> tuple[float, float] | None:
        """(lat, lng) of the place, or the stop's own; None when nobody pinned it."""
        source = self.place or self
        if source.latitude is None or source.longitude is None:
            return None
        return float(source.latitude), float(source.longitude)

    @property
    def address_line(self) -> str:
        """The address a taxi driver or a calendar needs (English, then Japanese)."""
        place = self.place
        if place is None:
            return self.address
        return " / ".join(part for part in (place.address, place.address_ja) if part)

    @property
    def cover(self):
        place = self.place
        return place.cover if place else None

    @property
    def starts_at(self) -> datetime:
        """Naive local (Asia/Tokyo) start; combine with a tzinfo for calendars."""
        return datetime.combine(self.date, self.start_time)

    @property
    def ends_at(self) -> datetime:
        """Naive local end; the start when no end is given (a moment, not a span)."""
        return datetime.combine(self.date, self.end_time or self.start_time)

    @property
    def duration(self) -> timedelta:
        return self.ends_at - self.starts_at
