"""Pieces shared by the catalogue's models: publication status, coordinates, the location-or-
studio owner pair, audit fields."""

import functools
import re
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from locations.geo import bounding_box, distance_expression

# Japan, generously: Okinotorishima (20.4°N) to Hokkaido's northern tip (45.6°N),
# Yonaguni (122.9°E) to Minamitorishima (153.9°E).
JAPAN_LAT_MIN, JAPAN_LAT_MAX = Decimal("20"), Decimal("46")
JAPAN_LNG_MIN, JAPAN_LNG_MAX = Decimal("122"), Decimal("154")


def is_japanese() -> bool:
    """Whether the active language (the page's, on a request) is Japanese."""
    return (get_language() or "").startswith("ja")


def pick_language(en: str, ja: str) -> str:
    """The text in the active language, falling back to the other one."""
    if is_japanese():
        return ja or en
    return en or ja


class Status(models.TextChoices):
    """Editorial workflow: fixers write drafts and submit them; editors publish."""

    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


def coordinate_fields():
    """A fresh (latitude, longitude) pair of fields; both empty until a fixer pins the place."""
    return (
        models.DecimalField(
            _("latitude"),
            max_digits=9,
            decimal_places=6,
            null=True,
            blank=True,
            help_text=_("Decimal degrees, WGS84, e.g. 35.039370 (north is positive)."),
        ),
        models.DecimalField(
            _("longitude"),
            max_digits=9,
            decimal_places=6,
            null=True,
            blank=True,
            help_text=_("Decimal degrees, WGS84, e.g. 135.729243 (east is positive)."),
        ),
    )


def coordinates_in_japan_constraint() -> models.CheckConstraint:
    """Both coordinates empty, or both inside Japan's box."""
    return models.CheckConstraint(
        name="%(app_label)s_%(class)s_coordinates_in_japan",
        condition=(
            Q(latitude__isnull=True, longitude__isnull=True)
            | Q(
                latitude__isnull=False,
                longitude__isnull=False,
                latitude__gte=JAPAN_LAT_MIN,
                latitude__lte=JAPAN_LAT_MAX,
                longitude__gte=JAPAN_LNG_MIN,
                longitude__lte=JAPAN_LNG_MAX,
            )
        ),
        violation_error_message=_(
            "Coordinates must both be empty, or lie inside Japan "
            "(latitude 20–46, longitude 122–154)."
        ),
    )


def place_fields(related_name: str, *, on_delete=models.CASCADE):
    """A fresh (location, studio) pair of optional foreign keys, for a row that belongs to a
    catalogue place of either kind (a photo, a shortlist item, a tour stop, a change request).
    Pair it with `one_place_constraint()` where exactly one of the two must be set."""
    return tuple(
        models.ForeignKey(
            f"locations.{model}",
            verbose_name=label,
            null=True,
            blank=True,
            on_delete=on_delete,
            related_name=related_name,
        )
        for model, label in (("Location", _("location")), ("Studio", _("studio")))
    )


def one_place_constraint(suffix: str, message) -> models.CheckConstraint:
    """Exactly one of `place_fields()`' location and studio is set (`suffix` names it)."""
    return models.CheckConstraint(
        name=f"%(app_label)s_%(class)s_{suffix}",
        condition=Q(location__isnull=False, studio__isnull=True)
        | Q(location__isnull=True, studio__isnull=False),
        violation_error_message=message,
    )


# `nearest`: the circles tried, as shares of the radius asked for (the last is the whole).
# On the 100,000-place catalogue, 1/8 of 30 km holds a place's six neighbours for 79% of
# places (1/16: 46%) and at most ~400 rows to sort: 1.2 queries a page instead of 1.6.
NEAREST_STEPS = (1 / 8, 1 / 2, 1)


class PublishableQuerySet(models.QuerySet):
    """Status filters and the radius search shared by locations, studios and itineraries."""

    def published(self):
        """What visitors may see."""
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user):
        """All for signed-in staff (drafts are marked in templates); published for others."""
        if user is not None and user.is_authenticated and user.is_staff:
            return self.all()
        return self.published()

    def within_km(self, lat: float, lng: float, radius_km: float | None):
        """Rows with coordinates, annotated with `distance_km` from the point; within the radius
        when one is given (bounding box on indexed columns first, then the exact circle)."""
        if radius_km is None:
            qs = self.filter(latitude__isnull=False, longitude__isnull=False)
        else:
            # A box holds no row without coordinates: its four bounds are the only filter
            # (each lookup Django builds was a tenth of a place's nearest places).
            min_lat, max_lat, min_lng, max_lng = bounding_box(lat, lng, radius_km)
            qs = self.filter(
                latitude__gte=max(min_lat, -90),
                latitude__lte=min(max_lat, 90),
                longitude__gte=min_lng,
                longitude__lte=max_lng,
            )
        qs = qs.annotate(distance_km=distance_expression(lat, lng))
        if radius_km is not None:
            qs = qs.filter(distance_km__lte=radius_km)
        return qs

    def nearest(self, lat: float, lng: float, radius_km: float, limit: int) -> list:
        """The `limit` rows nearest the point within `radius_km`, nearest first, then by name.

        Read in the smallest of a few circles that holds `limit` rows: around central Tokyo,
        30 km holds 12,000 places to compute and sort, 4 km a few hundred. The answer is the
        same: rows outside a circle are farther than every row inside it. Each circle tried
        is one query that already returns the rows, so a dense area costs one query.
        """
        for share in NEAREST_STEPS:
            circle = self.within_km(lat, lng, radius_km * share)
            rows = list(circle.order_by("distance_km", "name", "pk")[:limit])
            if len(rows) == limit:
                break
        return rows


class AuditedModel(models.Model):
    """Who created and last changed a record, and when (read-only in the admin)."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


def contact_fields():
    """Private contact (name, phone, email): shown to signed-in staff only."""
    return (
        models.CharField(_("contact name"), max_length=200, blank=True),
        models.CharField(_("contact phone"), max_length=50, blank=True),
        models.EmailField(_("contact email"), blank=True),
    )


def unique_slug(
    model,
    text: str,
    *,
    instance_pk=None,
    qualifier: str = "",
    max_length=80,
    reserved: tuple[str, ...] = (),
) -> str:
    """A slug for `text` unique in `model`: the name alone, else the name and `qualifier`
    (a municipality: `hachiman-jinja-kamakura`), then -2, -3 … appended. `reserved` slugs
    (the words of routes beside the detail page, such as "submit") count as taken.

    Japanese-only text slugifies to nothing, so it is romanised first (pykakasi).
    """
    base = _slug_part(text, max_length) or model._meta.model_name
    others = model._default_manager.all()
    if instance_pk is not None:
        others = others.exclude(pk=instance_pk)
    candidates = [base]
    extra = _slug_part(qualifier, max_length)
    if extra and extra not in base.split("-"):
        candidates.append(f"{base[: max_length - len(extra) - 1]}-{extra}")
    # One indexed prefix query (a LIKE on the unique slug's index), not one per try.
    pattern = re.compile(rf"^({'|'.join(map(re.escape, candidates))})(-[0-9]+)?$")
    taken = {
        slug
        for slug in others.filter(slug__startswith=base).values_list("slug", flat=True)
        if pattern.match(slug)
    } | set(reserved)
    for slug in candidates:
        if slug not in taken:
            return slug
    stem, n = candidates[-1], 2
    while True:
        suffix = f"-{n}"
        slug = stem[: max_length - len(suffix)] + suffix
        if slug not in taken:
            return slug
        n += 1


def _slug_part(text: str, max_length: int) -> str:
    from django.utils.text import slugify

    part = slugify(text)[:max_length].strip("-")
    if not part and text:
        part = slugify(romanize(text))[:max_length].strip("-")
    return part


@functools.cache
def _kakasi():
    import pykakasi

    return pykakasi.kakasi()


def reading_items(text: str) -> list[dict]:
    """pykakasi's words of `text` (orig, hira, hepburn …), without the okurigana it repeats.

    For a dictionary word written with okurigana (通り, 曲り) pykakasi reads the kanji with
    the kana included (通 → どおり) and then gives the kana again as a word of its own, so
    銀座通り read ぎんざどおりり. A kana-only word that the previous word's reading already
    ends with, while its written form does not, is that repeat.
    """
    items = []
    for item in _kakasi().convert(text or ""):
        previous = items[-1] if items else None
        if (
            previous is not None
            and item["orig"] == item["hira"]  # kana only
            and previous["hira"].endswith(item["hira"])
            and not previous["orig"].endswith(item["orig"])
        ):
            continue
        items.append(item)
    return items


def romanize(text: str) -> str:
    """Hepburn romaji for Japanese text (a suggestion for a person to confirm)."""
    return " ".join(item["hepburn"] for item in reading_items(text) if item["hepburn"])
