"""Where things are and what they are: regions, prefectures, categories and tags."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from locations.search import normalize

from .common import pick_language


class Region(models.Model):
    """One of Japan's eight regions (Hokkaido … Kyushu-Okinawa), shipped by a migration."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    name_ja = models.CharField(_("Japanese name"), max_length=50)
    slug = models.SlugField(_("slug"), unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("North to south."))

    class Meta:
        ordering = ["order"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        # In the page's language: the admin's filters and choices read 関西 for fixers.
        return self.local_name

    @property
    def local_name(self) -> str:
        """The name in the page's language."""
        return pick_language(self.name, self.name_ja)

    def get_absolute_url(self):
        return reverse("locations:list") + f"?region={self.slug}"


# Readings of the prefectures' short names in JIS order (1 = Hokkaido … 47 = Okinawa), for
# keyword search in kana. Written out: a converter reads 鹿児島 as かこしま.
PREFECTURE_KANA = (
    *("ほっかいどう", "あおもり", "いわて", "みやぎ", "あきた", "やまがた", "ふくしま"),
    *("いばらき", "とちぎ", "ぐんま", "さいたま", "ちば", "とうきょう", "かながわ"),
    *("にいがた", "とやま", "いしかわ", "ふくい", "やまなし", "ながの", "ぎふ", "しずおか"),
    *("あいち", "みえ", "しが", "きょうと", "おおさか", "ひょうご", "なら", "わかやま"),
    *("とっとり", "しまね", "おかやま", "ひろしま", "やまぐち", "とくしま", "かがわ"),
    *("えひめ", "こうち", "ふくおか", "さが", "ながさき", "くまもと", "おおいた", "みやざき"),
    *("かごしま", "おきなわ"),
)


class Prefecture(models.Model):
    """One of the 47 prefectures, keyed by its JIS X 0401 code (1 = Hokkaido … 47 = Okinawa)."""

    code = models.PositiveSmallIntegerField(_("JIS code"), unique=True)
    name_en = models.CharField(_("English name"), max_length=50, unique=True)
    name_ja = models.CharField(_("Japanese name"), max_length=20, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="prefectures"
    )
    # The prefectural government office: where a map of the prefecture is centred.
    latitude = models.DecimalField(_("centre latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("centre longitude"), max_digits=9, decimal_places=6)

    class Meta:
        ordering = ["code"]
        verbose_name = _("prefecture")
        verbose_name_plural = _("prefectures")
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_jis_code_range",
                condition=models.Q(code__gte=1, code__lte=47),
            )
        ]

    def __str__(self):
        return f"{self.name_en} ({self.name_ja})"

    @property
    def local_name(self) -> str:
        """The name in the page's language: 京都府 or Kyoto."""
        return pick_language(self.name_en, self.name_ja)

    @property
    def jis_code(self) -> str:
        """The two-digit code as written officially: "01" … "47"."""
        return f"{self.code:02d}"

    @property
    def short_name_ja(self) -> str:
        """京都府 → 京都, 東京都 → 東京; 北海道 stays whole."""
        name = self.name_ja
        return name[:-1] if name[-1:] in "都府県" else name

    @property
    def name_kana(self) -> str:
        """The reading of the short name in hiragana: 京都府 → きょうと (empty if unknown)."""
        return PREFECTURE_KANA[self.code - 1] if 1 <= self.code <= len(PREFECTURE_KANA) else ""

    def search_names(self) -> list[str]:
        """Normalised names a keyword may match: English, Japanese, Japanese without 都府県,
        and the kana reading (ｷｮｳﾄ, キョウト and きょうと all fold to きょうと)."""
        names = [self.name_en, self.name_ja, self.short_name_ja, self.name_kana]
        return [normalize(name) for name in names if name]

    def get_absolute_url(self):
        return reverse("locations:list") + f"?prefecture={self.slug}"


class Category(models.Model):
    """What kind of place a location is: street, temple, shrine, castle, nature …"""

    name = models.CharField(_("name"), max_length=60, unique=True)
    name_ja = models.CharField(_("Japanese name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        # In the page's language: the admin's filters and choices read 寺院 for fixers.
        return self.local_name

    @property
    def local_name(self) -> str:
        """The name in the page's language, falling back to English."""
        return pick_language(self.name, self.name_ja)


class Tag(models.Model):
    """A free label fixers add ("neon", "snow", "period-drama"); created on import when new."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    # Normalised name, so keyword search can match tags without folding at query time.
    search_name = models.CharField(max_length=120, editable=False, db_index=True, default="")

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        from .common import unique_slug

        if not self.slug:
            self.slug = unique_slug(Tag, self.name, instance_pk=self.pk)
        self.search_name = normalize(self.name)
        super().save(*args, **kwargs)
