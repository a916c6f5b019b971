"""Filming locations: the catalogue's main model, its choices and its named queries."""

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from locations.iterables import batched
from locations.search import KeywordSearchMixin, search_document, search_grams, short_vowels

from .areas import Category, Prefecture, Tag
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
from .photos import Photo
from .verification import TRACKING_FIELDS, VerificationQuerySetMixin, VerificationTracking


class Compass(models.TextChoices):
    N = "N", _("North")
    NE = "NE", _("North-east")
    E = "E", _("East")
    SE = "SE", _("South-east")
    S = "S", _("South")
    SW = "SW", _("South-west")
    W = "W", _("West")
    NW = "NW", _("North-west")


class Power(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    NONE = "none", _("No power on site (bring generators)")
    SINGLE = "single", _("Single-phase (100 V outlets)")
    THREE = "three", _("Three-phase available")


class DronePolicy(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    NO = "no", _("Not allowed")
    PERMIT = "permit", _("With permission")
    YES = "yes", _("Allowed")


class LocationQuerySet(KeywordSearchMixin, VerificationQuerySetMixin, PublishableQuerySet):
    """Named queries for locations; views call these instead of re-deriving joins.

    `.search(query)` is the keyword search every list shares (locations.search): every term
    in the names, readings, descriptions, municipality, tags or the prefecture's names."""

    def for_list(self):
        """Everything a card shows, in a fixed number of queries: place names, category, cover
        (never a private property's: those show only through a shortlist's live link)."""
        return self.select_related("prefecture__region", "category").prefetch_related(
            Prefetch(
                "photos", queryset=Photo.objects.for_gallery().public(), to_attr="ordered_photos"
            )
        )

    def for_cards(self):
        """`for_list()` reading only the columns a card draws (a place has ~90: its filming
        facts and search text stay in the database): the list, the home page, nearby places."""
        return self.for_list().only(*CARD_FIELDS)

    def card_rows(self):
        """The few columns a page of cards reads per row once the cards' shared parts are
        cached (locations.cards): no joins, no photo prefetch; the list's rows."""
        return self.only(*CARD_ROW_FIELDS)


# What includes/location_card_{cover,face}.html read of a place (rendered once, locations.cards).
CARD_FIELDS = (
    "slug",
    "name",
    "name_ja",
    "municipality",
    "status",
    "private_property",
    "category",
    "prefecture",
)
# What a card reads per page (locations.cards.render_cards): the draft badge, and the names
# for a signed-in user's shortlist button.
CARD_ROW_FIELDS = ("status", "name", "name_ja")


def refresh_search_columns(location_pks, using: str = DEFAULT_DB_ALIAS) -> int:
    """Rebuild `search_text`/`search_grams` of these places (after their tags changed),
    without touching `updated_at` or the history. Returns how many were rewritten.

    In batches of keys (never one `IN` list past SQLite's bound on parameters), one
    `executemany` each: renaming a tag carried by 29,000 places took 31 s with `bulk_update`
    (Django builds a CASE expression per row), 23 s this way; most of the rest is PostgreSQL
    writing each row's new version into every index.
    """
    connection = connections[using]
    table = connection.ops.quote_name(Location._meta.db_table)
    # The table name comes from the model and is quoted; the values are parameters.
    sql = f"UPDATE {table} SET search_text = %s, search_grams = %s WHERE id = %s"  # noqa: S608
    places = Location.objects.using(using).only("pk", *Location.SEARCH_FIELDS)
    count = 0
    for pks in batched(location_pks, REFRESH_BATCH):
        rows = []
        for location in places.filter(pk__in=pks).prefetch_related("tags"):
            location.set_search_columns()
            rows.append((location.search_text, location.search_grams, location.pk))
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)
        count += len(rows)
    return count


# Places rebuilt per query when tags change.
REFRESH_BATCH = 1000


# Paths beside a place's page under /locations/ (locations/urls.py): no place may be named
# so, or its page would be unreachable behind the route.
RESERVED_SLUGS = ("submit",)


class Location(VerificationTracking, AuditedModel):
    """A place a production can film: a street, a temple, a coastline, a factory …"""

    name = models.CharField(_("name (English)"), max_length=200)
    name_ja = models.CharField(
        _("name (Japanese)"), max_length=200, blank=True, help_text=_("e.g. 金閣寺")
    )
    name_kana = models.CharField(
        _("reading (kana)"),
        max_length=200,
        blank=True,
        help_text=_("How the Japanese name is read, in hiragana: きんかくじ."),
    )
    name_romaji = models.CharField(
        _("reading (romaji)"),
        max_length=200,
        blank=True,
        help_text=_("Hepburn romanisation a visitor might type: Kinkakuji. Check the suggestion."),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True, blank=True)
    # Japan has dozens of 八幡神社 per prefecture: names are not identities. A spreadsheet's
    # own id keeps a row tied to its place across imports (docs/import-format.md).
    ref = models.CharField(
        _("reference"),
        max_length=100,
        blank=True,
        help_text=_(
            "A stable id from your own list or a film office (e.g. a station code, "
            "KFC-0123). Imports match rows to places by it; leave empty if you have none."
        ),
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="locations"
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="locations")
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown on the home page.")
    )

    prefecture = models.ForeignKey(
        Prefecture, verbose_name=_("prefecture"), on_delete=models.PROTECT, related_name="locations"
    )
    municipality = models.CharField(
        _("municipality"), max_length=100, blank=True, help_text=_("City, ward, town or village.")
    )
    address = models.CharField(_("address (English)"), max_length=300, blank=True)
    address_ja = models.CharField(_("address (Japanese)"), max_length=300, blank=True)
    latitude, longitude = coordinate_fields()

    description = models.TextField(_("description (English)"), blank=True)
    description_ja = models.TextField(_("description (Japanese)"), blank=True)

    # Permits: who grants them, how long it takes, what it costs.
    permit_authority = models.CharField(
        _("permits granted by"),
        max_length=300,
        blank=True,
        help_text=_("e.g. Police road-use permission (道路使用許可) + temple office."),
    )
    # Counted in the authority's business days (locations.permits); the field always asked
    # for working days, so migration 0014 keeps the values and only says so more plainly.
    permit_lead_days = models.PositiveSmallIntegerField(
        _("permit lead time (business days)"),
        null=True,
        blank=True,
        help_text=_(
            "The granting authority's business days from application to permission: "
            "Monday to Friday, not counting national holidays or 29 December – 3 January. "
            "A place's page counts back from a shoot date to the last day to apply."
        ),
    )
    permit_fees = models.CharField(
        _("permit and location fees"), max_length=300, blank=True, help_text=_("e.g. ¥50,000/day")
    )
    permit_notes = models.TextField(_("permit notes"), blank=True)

    # Production facts a location manager filters on.
    power = models.CharField(_("power on site"), max_length=10, choices=Power, blank=True)
    parking_vehicles = models.PositiveSmallIntegerField(
        _("parking (vehicles)"), null=True, blank=True
    )
    basecamp_trucks = models.PositiveSmallIntegerField(
        _("base camp (trucks)"),
        null=True,
        blank=True,
        help_text=_("How many trucks/trailers fit at base camp."),
    )
    load_in = models.CharField(
        _("load-in access"),
        max_length=300,
        blank=True,
        help_text=_("e.g. 4 t truck to the gate, hand-carry 80 m up steps."),
    )
    noise_flight_path = models.BooleanField(_("under a flight path"), default=False)
    noise_trains = models.BooleanField(_("trains audible"), default=False)
    noise_traffic = models.BooleanField(_("heavy traffic"), default=False)
    noise_notes = models.CharField(_("noise notes"), max_length=300, blank=True)
    view_facing = models.CharField(
        _("main view faces"),
        max_length=2,
        choices=Compass,
        blank=True,
        help_text=_("Direction the camera looks for the main view (decides when the sun works)."),
    )
    light_notes = models.CharField(_("natural light"), max_length=300, blank=True)

    # Access.
    nearest_station = models.CharField(_("nearest station"), max_length=200, blank=True)
    station_walk_minutes = models.PositiveSmallIntegerField(
        _("walk from station (minutes)"), null=True, blank=True
    )
    unit_move_notes = models.CharField(
        _("unit moves"),
        max_length=300,
        blank=True,
        help_text=_("How a unit gets here and what is near: e.g. 20 min to Arashiyama by car."),
    )

    # Restrictions and timing.
    filming_hours = models.CharField(_("filming hours"), max_length=200, blank=True)
    drones = models.CharField(_("drones"), max_length=10, choices=DronePolicy, blank=True)
    restrictions = models.TextField(
        _("restrictions"), blank=True, help_text=_("Crowds, closed days, what may not be shown.")
    )
    best_season = models.CharField(_("best season"), max_length=200, blank=True)
    best_time_of_day = models.CharField(_("best time of day"), max_length=200, blank=True)

    contact_name, contact_phone, contact_email = contact_fields()
    private_property = models.BooleanField(
        _("private property"),
        default=False,
        help_text=_(
            "A home, shop or other private place whose owner allows filming but not public "
            "photos: its photos show only in client packages (a shortlist's live link)."
        ),
    )

    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, db_index=True
    )
    verified_on = models.DateField(
        _("verified on"),
        null=True,
        blank=True,
        help_text=_("When someone last checked these facts on site or with the owner."),
    )
    # Normalised text for keyword search (see locations.search); rebuilt on every save.
    search_text = models.TextField(editable=False, default="")
    # Its one- and two-character Japanese pieces, for short Japanese terms (search_grams).
    search_grams = models.TextField(editable=False, default="")

    history = HistoricalRecords(excluded_fields=["search_text", "search_grams", *TRACKING_FIELDS])
    objects = LocationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        permissions = [("publish_location", "Can publish and unpublish locations")]
        constraints = [
            coordinates_in_japan_constraint(),
            models.UniqueConstraint(
                fields=["ref"],
                condition=~Q(ref=""),
                name="%(app_label)s_%(class)s_unique_ref",
                violation_error_message=_("Another location has this reference."),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_slug_not_reserved",
                condition=~Q(slug__in=RESERVED_SLUGS),
                violation_error_message=_("This slug is the address of another page."),
            ),
        ]
        indexes = [
            # The public list: published places by name, by recency (each with the pk that
            # breaks ties, so deep pages skip rows in an index-only scan), per
            # prefecture/category.
            models.Index(fields=["status", "name", "id"], name="loc_status_name_id"),
            models.Index(fields=["status", "-updated_at", "id"], name="loc_status_updated_id"),
            # Region/prefecture/category filters: with the id, a count or a join with the
            # tag links reads the index alone, not each candidate's row.
            models.Index(fields=["prefecture", "status", "id"], name="loc_pref_status_id"),
            models.Index(fields=["category", "status", "id"], name="loc_category_status_id"),
            # The importer's match of a row without `ref`: name + prefecture (+ municipality).
            models.Index(fields=["name", "prefecture"], name="loc_name_pref"),
            # Bounding-box prefilter of near= searches.
            models.Index(fields=["latitude", "longitude"], name="loc_lat_lng"),
            # The same for visitors (published only): one index range, not a bitmap AND with
            # the status index's 90,000 published rows (15 ms of each near= or nearby query).
            models.Index(fields=["status", "latitude", "longitude"], name="loc_status_lat_lng"),
            # A category within a region, or near a point: one index range each, not a bitmap AND
            # with a whole region's or latitude band's places (docs/performance.md, 12th round).
            models.Index(
                fields=["category", "prefecture", "status", "id"], name="loc_cat_pref_status_id"
            ),
            models.Index(
                fields=["category", "status", "latitude", "longitude"],
                name="loc_cat_status_lat_lng",
            ),
        ]

    def __str__(self):
        # Staff pick places by this label (autocomplete, history, imports): the municipality
        # tells the many places of one name apart.
        label = f"{self.name} ({self.name_ja})" if self.name_ja else self.name
        return f"{label}, {self.municipality}" if self.municipality else label

    def get_absolute_url(self):
        return reverse("locations:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def cover(self):
        """The cover photo: the one flagged, else the first; uses the list prefetch when present
        (without it, none for a private property: only a prefetch may choose to show those)."""
        photos = getattr(self, "ordered_photos", None)
        if photos is None:
            photos = [] if self.private_property else list(self.photos.for_gallery()[:1])
        return photos[0] if photos else None

    # The fields `search_text` is built from (with the tags' names).
    SEARCH_FIELDS = (
        "name",
        "name_ja",
        "name_kana",
        "name_romaji",
        "municipality",
        "description",
        "description_ja",
    )

    def build_search_text(self, tag_names: list[str] | None = None) -> str:
        """The normalised search column: names, readings (the romaji also `short_vowels`),
        municipality, descriptions, tag names (the saved tags unless `tag_names` is given)."""
        if tag_names is None:
            tag_names = [tag.name for tag in self.tags.all()] if self.pk else []
        fields = (getattr(self, field) for field in self.SEARCH_FIELDS)
        return search_document(*fields, *sorted(tag_names), short_vowels(self.name_romaji))

    @property
    def local_name(self) -> str:
        """The name in the page's language, falling back to the other (as Studio's)."""
        return pick_language(self.name, self.name_ja)

    def set_search_columns(self, tag_names: list[str] | None = None) -> None:
        """Fill `search_text` and `search_grams` from the fields and tags (save(), bulk
        loads, and `refresh_search_columns` when the tags change)."""
        self.search_text = self.build_search_text(tag_names)
        self.search_grams = search_grams(self.search_text)

    def save(self, *args, tag_names: list[str] | None = None, **kwargs):
        """Save, rebuilding the search columns; `tag_names` are the tags a new place is about
        to get (the importer links them in bulk afterwards, which sends no signal)."""
        if not self.slug:
            self.slug = unique_slug(
                Location,
                self.name or self.name_ja,
                instance_pk=self.pk,
                qualifier=self.municipality,
                reserved=RESERVED_SLUGS,
            )
        self.set_search_columns(tag_names)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "search_grams"}
        super().save(*args, **kwargs)
