"""Studios, their soundstages, and reference stages abroad that producers compare with."""

from decimal import Decimal

from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from locations.search import KeywordSearchMixin, search_document

from .areas import Prefecture
from .common import (
    AuditedModel,
    PublishableQuerySet,
    Status,
    contact_fields,
    coordinate_fields,
    coordinates_in_japan_constraint,
    pick_language,
    unique_slug,
)
from .stage_criteria import StageCriteria
from .verification import TRACKING_FIELDS, VerificationQuerySetMixin, VerificationTracking

SQM_TO_SQFT = Decimal("10.7639")
M_TO_FT = Decimal("3.28084")
# Columns built from other data (the search text, the stage stats): no history of their own.
DERIVED_FIELDS = ["search_text", "largest_stage_m2", "stage_count"]


# What a list page reads of each studio (`card_rows`): its order (largest_first) and the
# shortlist button (the names); the rest comes with the card from the cache.
CARD_ROW_FIELDS = ("name", "name_ja", "status", "largest_stage_m2", "stage_count")


class StudioQuerySet(KeywordSearchMixin, VerificationQuerySetMixin, PublishableQuerySet):
    """Named queries for studios; `.search(query)` is the keyword search of every list
    (locations.search): names, company, municipality, descriptions, prefecture."""

    def refresh_stage_stats(self) -> int:
        """Store each studio's `largest_stage_m2` and `stage_count` from its stages (one
        UPDATE; lists sort and show them without a subquery per studio). Stage saves and
        deletes call it (locations.signals); so must anything that bulk-writes stages."""
        stages = Soundstage.objects.filter(studio=OuterRef("pk"))
        largest_first = stages.order_by(F("floor_area_m2").desc(nulls_last=True))
        largest = largest_first.values("floor_area_m2")[:1]
        count = stages.values("studio").annotate(n=models.Count("pk")).values("n")
        return self.update(
            largest_stage_m2=models.Subquery(largest),
            stage_count=Coalesce(models.Subquery(count), 0),
        )

    def with_stage_meeting(self, criteria: StageCriteria):
        """Studios where one single stage meets every criterion."""
        if not criteria:
            return self
        return self.filter(Exists(Soundstage.objects.filter(criteria.q(), studio=OuterRef("pk"))))

    def for_list(self, criteria: StageCriteria | None = None):
        """Cards: prefecture, cover, stage stats, and the stages (matching ones when filtering)."""
        return self.for_cards().prefetch_related(*card_prefetches(criteria))

    def for_cards(self):
        """Full rows and their prefecture: what a card is drawn from (with `card_prefetches`)."""
        return self.select_related("prefecture__region")

    def card_rows(self):
        """The few columns a page of cards reads per row once its cards are cached
        (locations.cards): the order's, the shortlist button's; no joins. The cards not
        drawn yet read their full rows, stages and cover then."""
        return self.only(*CARD_ROW_FIELDS)

    def largest_first(self):
        return self.order_by(F("largest_stage_m2").desc(nulls_last=True), "name")


def listed_stages(criteria: StageCriteria | None = None):
    """A studio card's stages in their order: the ones that meet `criteria` when filtering."""
    stages = Soundstage.objects.order_by(F("floor_area_m2").desc(nulls_last=True), "name")
    return stages.filter(criteria.q()) if criteria else stages


def card_prefetches(criteria: StageCriteria | None = None) -> list[Prefetch]:
    """The stages (`listed_stages`) and photos (`ordered_photos`) a studio card draws."""
    from .photos import Photo

    return [
        Prefetch("stages", queryset=listed_stages(criteria), to_attr="listed_stages"),
        Prefetch("photos", queryset=Photo.objects.for_gallery(), to_attr="ordered_photos"),
    ]


def prime_listed_stage_keys(studios, criteria: StageCriteria | None = None) -> None:
    """Set each studio's `listed_stage_keys` (its listed stages' keys, in order) in one query
    of keys alone: what a cached card is looked up by (locations.cards)."""
    keys: dict[int, list[int]] = {studio.pk: [] for studio in studios}
    if keys:
        rows = listed_stages(criteria).filter(studio__in=list(keys)).values_list("studio", "pk")
        for studio_pk, stage_pk in rows:
            keys[studio_pk].append(stage_pk)
    for studio in studios:
        studio.listed_stage_keys = keys[studio.pk]


class Studio(VerificationTracking, AuditedModel):
    """A film studio: a lot with one or more soundstages."""

    name = models.CharField(_("name (English)"), max_length=200, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, blank=True)
    company = models.CharField(_("company"), max_length=200, blank=True)
    prefecture = models.ForeignKey(
        Prefecture, verbose_name=_("prefecture"), on_delete=models.PROTECT, related_name="studios"
    )
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    address = models.CharField(_("address (English)"), max_length=300, blank=True)
    address_ja = models.CharField(_("address (Japanese)"), max_length=300, blank=True)
    latitude, longitude = coordinate_fields()
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description (English)"), blank=True)
    description_ja = models.TextField(_("description (Japanese)"), blank=True)

    has_backlot = models.BooleanField(_("backlot"), default=False)
    has_workshops = models.BooleanField(_("workshops"), default=False)
    has_offices = models.BooleanField(_("production offices"), default=False)
    has_dressing_rooms = models.BooleanField(_("dressing rooms"), default=False)
    parking_vehicles = models.PositiveSmallIntegerField(
        _("parking (vehicles)"), null=True, blank=True
    )
    facilities_notes = models.TextField(_("facilities notes"), blank=True)

    contact_name, contact_phone, contact_email = contact_fields()

    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, db_index=True
    )
    source = models.CharField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_("Where these facts come from (URL or publication)."),
    )
    verified_on = models.DateField(
        _("verified on"),
        null=True,
        blank=True,
        help_text=_("When someone last checked these facts on site or with the owner."),
    )
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Invented figures for demonstration; shown with a visible 'sample' label."),
    )
    search_text = models.TextField(editable=False, default="")
    # Kept from the stages (StudioQuerySet.refresh_stage_stats): what lists sort on and show.
    largest_stage_m2 = models.DecimalField(
        _("largest stage (m²)"), max_digits=12, decimal_places=4, null=True, editable=False
    )
    stage_count = models.PositiveIntegerField(_("stages"), default=0, editable=False)

    history = HistoricalRecords(excluded_fields=[*DERIVED_FIELDS, *TRACKING_FIELDS])
    objects = StudioQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("studio")
        verbose_name_plural = _("studios")
        permissions = [("publish_studio", "Can publish and unpublish studios")]
        constraints = [coordinates_in_japan_constraint()]
        indexes = [
            models.Index(fields=["prefecture", "status"], name="studio_pref_status"),
            # The published studios' keys, by region: a size search's count joins them with the
            # stages that qualify, from this index alone.
            models.Index(fields=["status", "prefecture", "id"], name="studio_status_pref_id"),
            # The nearby-studios bounding box (within_km), as for locations.
            models.Index(fields=["status", "latitude", "longitude"], name="studio_status_lat_lng"),
        ]

    def __str__(self):
        return self.name

    @property
    def local_name(self) -> str:
        """The name in the page's language, falling back to the other."""
        return pick_language(self.name, self.name_ja)

    def get_absolute_url(self):
        return reverse("studios:detail", kwargs={"slug": self.slug})

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def cover(self):
        photos = getattr(self, "ordered_photos", None)
        if photos is None:
            photos = list(self.photos.for_gallery()[:1])
        return photos[0] if photos else None

    def build_search_text(self) -> str:
        """The normalised search column: names, company, municipality, descriptions."""
        return search_document(
            self.name,
            self.name_ja,
            self.company,
            self.municipality,
            self.description,
            self.description_ja,
        )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Studio, self.name or self.name_ja, instance_pk=self.pk)
        self.search_text = self.build_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)
        # The row now holds whatever stats this instance was read with; its stages may have
        # changed since (an import saves a studio again after its stages): count them again.
        Studio.objects.filter(pk=self.pk).refresh_stage_stats()


def _positive(field: str) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gt": 0})


class Soundstage(models.Model):
    """A stage on a studio lot. Sizes in metres; height is to the grid."""

    studio = models.ForeignKey(
        Studio, verbose_name=_("studio"), on_delete=models.CASCADE, related_name="stages"
    )
    name = models.CharField(_("name"), max_length=100)
    length_m = models.DecimalField(
        _("length (m)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    width_m = models.DecimalField(
        _("width (m)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    height_m = models.DecimalField(
        _("height to grid (m)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    area_m2 = models.DecimalField(
        _("floor area (m²)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "Leave empty to use length × width; enter it when the floor is not a rectangle."
        ),
    )
    # The area every query uses: entered, or length × width (computed by the database).
    floor_area_m2 = models.GeneratedField(
        expression=Coalesce(F("area_m2"), F("length_m") * F("width_m")),
        output_field=models.DecimalField(max_digits=12, decimal_places=4),
        db_persist=True,
        verbose_name=_("floor area (m²)"),
    )
    tank = models.BooleanField(_("water tank"), default=False)
    cyclorama = models.BooleanField(_("cyclorama"), default=False)
    soundproofed = models.BooleanField(_("soundproofed"), default=True)
    power_kva = models.PositiveIntegerField(_("power (kVA)"), null=True, blank=True)
    door_width_m = models.DecimalField(
        _("door width (m)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    door_height_m = models.DecimalField(
        _("door height (m)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Lets a second editor of the same stage be told instead of overwriting (concurrency.py).
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["studio", "order", "name"]
        verbose_name = _("soundstage")
        verbose_name_plural = _("soundstages")
        constraints = [
            models.UniqueConstraint(
                fields=["studio", "name"], name="%(app_label)s_%(class)s_unique_name"
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_positive_sizes",
                condition=_positive("length_m")
                & _positive("width_m")
                & _positive("height_m")
                & _positive("area_m2")
                & _positive("power_kva")
                & _positive("door_width_m")
                & _positive("door_height_m"),
                violation_error_message=_("Sizes must be positive."),
            ),
        ]
        indexes = [
            # The studio size search: one stage meeting every criterion. Area and height with
            # the studio, so the search's stages come from the index alone (docs/performance.md,
            # 12th round).
            models.Index(
                fields=["floor_area_m2", "height_m", "studio"], name="stage_area_height_studio"
            ),
            models.Index(fields=["studio", "floor_area_m2"], name="stage_studio_area"),
        ]

    def __str__(self):
        return f"{self.studio.name} — {self.name}"

    @property
    def area(self) -> Decimal | None:
        """Floor area in m², also before the row is saved (the database computes floor_area_m2)."""
        if self.area_m2 is not None:
            return self.area_m2
        if self.length_m is not None and self.width_m is not None:
            return self.length_m * self.width_m
        return None

    @property
    def area_is_computed(self) -> bool:
        return self.area_m2 is None and self.area is not None


class ReferenceStage(models.Model):
    """A well-known stage abroad (Pinewood's 007 Stage …) shown beside Japanese ones for scale."""

    studio = models.CharField(_("studio"), max_length=200)
    name = models.CharField(_("stage"), max_length=100)
    city = models.CharField(_("city"), max_length=200, blank=True)
    country = models.CharField(_("country code"), max_length=2, help_text=_("ISO 3166, e.g. GB."))
    length_m = models.DecimalField(_("length (m)"), max_digits=6, decimal_places=2)
    width_m = models.DecimalField(_("width (m)"), max_digits=6, decimal_places=2)
    height_m = models.DecimalField(
        _("height (m)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    area_m2 = models.DecimalField(
        _("floor area (m²)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(_("source"), max_length=500)
    verified_on = models.DateField(_("verified on"))
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    class Meta:
        ordering = ["-length_m"]
        verbose_name = _("reference stage abroad")
        verbose_name_plural = _("reference stages abroad")
        constraints = [
            models.UniqueConstraint(
                fields=["studio", "name"], name="%(app_label)s_%(class)s_unique_name"
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_positive_sizes",
                condition=Q(length_m__gt=0, width_m__gt=0)
                & _positive("height_m")
                & _positive("area_m2"),
            ),
        ]

    def __str__(self):
        return f"{self.studio} — {self.name}"

    @property
    def area(self) -> Decimal:
        return self.area_m2 if self.area_m2 is not None else self.length_m * self.width_m
