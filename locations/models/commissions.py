"""Film commissions and film offices: who to ask about filming and permits in an area."""

import re

from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from locations.search import KeywordSearchMixin, compact, normalize, search_document

from .areas import Prefecture
from .common import pick_language, unique_slug

# "Kobe City", "Kobe-shi", "神戸市", "City of Kobe" all mean Kobe.
_CITY_AFFIXES = re.compile(r"^city of\s+|(\s+city|[\s\-]+shi|市)$")


def city_key(text: str) -> str:
    """A comparable key for a city name: folded, without "city"/"-shi"/"市" or separators."""
    return compact(_CITY_AFFIXES.sub("", normalize(text)))


def city_keys(municipality: str) -> list[str]:
    """Keys for each part of a municipality such as "Chuo-ku, Kobe" (comma or 、 separated)."""
    parts = re.split(r"[,、，]", municipality or "")
    return [key for key in (city_key(part) for part in parts) if key]


class FilmCommissionQuerySet(KeywordSearchMixin, models.QuerySet):
    """Named queries for the directory; `.search(query)` is the keyword search of every list
    (locations.search): names and city in either script, or the prefecture's names."""

    def for_directory(self):
        """National first, then north to south by region and prefecture, then by city."""
        return self.select_related("prefecture__region").order_by(
            F("prefecture__region__order").asc(nulls_first=True),
            F("prefecture__code").asc(nulls_first=True),
            "city",
            "name",
        )

    def for_prefecture(self, prefecture):
        """Who covers a prefecture: prefecture-wide offices, then city offices, then national."""
        return (
            self.filter(Q(prefecture=prefecture) | Q(prefecture__isnull=True))
            .select_related("prefecture")
            .annotate(
                coverage_rank=Case(
                    When(prefecture__isnull=True, then=Value(2)),
                    When(city="", then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("coverage_rank", "city", "name")
        )

    def for_location(self, location):
        """Who to ask about a location: the city's office first, then the prefecture's, then the
        national commission. Offices of other cities in the same prefecture are left out."""
        keys = city_keys(location.municipality)
        city_match = Q(city_key__in=keys) | Q(city_ja_key__in=keys) if keys else Q(pk__in=[])
        return (
            self.filter(
                (Q(prefecture=location.prefecture_id) & (Q(city="") | city_match))
                | Q(prefecture__isnull=True)
            )
            .select_related("prefecture")
            .annotate(
                coverage_rank=Case(
                    When(prefecture__isnull=True, then=Value(2)),
                    When(city="", then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            )
            .order_by("coverage_rank", "name")
        )


class FilmCommission(models.Model):
    """A film commission or film office: who to call about filming and permits in an area."""

    name = models.CharField(_("name (English)"), max_length=200, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, blank=True)
    prefecture = models.ForeignKey(
        Prefecture,
        verbose_name=_("prefecture"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="film_commissions",
        help_text=_("Empty for a national body such as the Japan Film Commission."),
    )
    city = models.CharField(
        _("city (English)"),
        max_length=100,
        blank=True,
        help_text=_("Empty when it covers the whole prefecture, e.g. Kobe."),
    )
    city_ja = models.CharField(_("city (Japanese)"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    languages = models.CharField(
        _("languages"),
        max_length=200,
        blank=True,
        help_text=_("Languages they answer in, e.g. Japanese, English."),
    )
    permit_lead_days = models.PositiveSmallIntegerField(
        _("typical permit lead time (days)"),
        null=True,
        blank=True,
        help_text=_("How many days before filming to apply, typically."),
    )
    notes = models.TextField(
        _("notes (English)"),
        blank=True,
        help_text=_("Permits: who grants them, how long it takes, what it costs."),
    )
    notes_ja = models.TextField(_("notes (Japanese)"), blank=True)
    source = models.TextField(_("source"), blank=True, help_text=_("Where these facts were read."))
    verified_on = models.DateField(
        _("verified on"),
        null=True,
        blank=True,
        help_text=_("The day someone last checked these facts with the source."),
    )
    # Folded city names, so for_location() compares "Kobe City", "kobe" and "神戸市" alike.
    city_key = models.CharField(max_length=100, editable=False, default="", db_index=True)
    city_ja_key = models.CharField(max_length=100, editable=False, default="", db_index=True)
    # Normalised names and city for keyword search (locations.search); rebuilt on every save.
    search_text = models.TextField(editable=False, default="")

    objects = FilmCommissionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("film commission")
        verbose_name_plural = _("film commissions")
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_city_needs_prefecture",
                condition=Q(prefecture__isnull=False) | (Q(city="") & Q(city_ja="")),
                violation_error_message=_("A city office needs its prefecture."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.name_ja})" if self.name_ja else self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(FilmCommission, self.name, instance_pk=self.pk)
        self.city_key = city_key(self.city)
        self.city_ja_key = city_key(self.city_ja)
        self.search_text = self.build_search_text()
        if kwargs.get("update_fields") is not None:
            derived = {"city_key", "city_ja_key", "search_text"}
            kwargs["update_fields"] = {*kwargs["update_fields"], *derived}
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        """The normalised search column: names and city in both scripts."""
        return search_document(self.name, self.name_ja, self.city, self.city_ja)

    @property
    def local_name(self) -> str:
        return pick_language(self.name, self.name_ja)

    @property
    def local_city(self) -> str:
        return pick_language(self.city, self.city_ja)

    @property
    def local_notes(self) -> str:
        return pick_language(self.notes, self.notes_ja)

    @property
    def is_national(self) -> bool:
        return self.prefecture_id is None
