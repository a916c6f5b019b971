"""Filming incentives: the national location rebate, its thresholds and application rounds.

The national rebate is renewed every year and public sources disagree on its figures, so every
figure is data with its source and the day someone read it, never a constant in code.
"""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .common import pick_language

# Money in whole yen: 15 digits reach ¥999 trillion, far above any production budget.
YEN_DIGITS = 15


class IncentiveProgrammeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def current(self):
        """The programme the calculator uses, with its thresholds and windows (3 queries)."""
        return (
            self.active()
            .prefetch_related("thresholds", "windows")
            .order_by("-verified_on", "pk")
            .first()
        )


class IncentiveProgramme(models.Model):
    """A filming incentive, e.g. METI's location incentive under JLOX+ (run by VIPO)."""

    name = models.CharField(_("name (English)"), max_length=300)
    name_ja = models.CharField(_("name (Japanese)"), max_length=300, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    operator = models.CharField(
        _("operator (English)"),
        max_length=300,
        blank=True,
        help_text=_("Who runs it and for whom, e.g. VIPO, for METI (JLOX+)."),
    )
    operator_ja = models.CharField(_("operator (Japanese)"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)

    rate_percent = models.DecimalField(
        _("rate (%)"),
        max_digits=5,
        decimal_places=2,
        help_text=_("Share of qualifying spend in Japan paid back, e.g. 50."),
    )
    rate_source = models.TextField(
        _("source of the rate"), blank=True, help_text=_("Where the rate was read: URL or text.")
    )
    cap_yen = models.DecimalField(
        _("cap per project (yen)"),
        max_digits=YEN_DIGITS,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("Most a project can receive, in yen. Empty: no cap."),
    )
    cap_source = models.TextField(
        _("source of the cap"),
        blank=True,
        help_text=_("Where the cap was read; say so when sources disagree."),
    )

    eligibility = models.TextField(_("who may apply (English)"), blank=True)
    eligibility_ja = models.TextField(_("who may apply (Japanese)"), blank=True)
    qualifying = models.TextField(_("what qualifies (English)"), blank=True)
    qualifying_ja = models.TextField(_("what qualifies (Japanese)"), blank=True)
    non_qualifying = models.TextField(_("what does not qualify (English)"), blank=True)
    non_qualifying_ja = models.TextField(_("what does not qualify (Japanese)"), blank=True)

    source = models.TextField(
        _("source"), help_text=_("Where these facts were read: URLs and what they said.")
    )
    verified_on = models.DateField(
        _("verified on"), help_text=_("The day someone last read the sources above.")
    )
    notes = models.TextField(_("notes (English)"), blank=True)
    notes_ja = models.TextField(_("notes (Japanese)"), blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Used by the rebate calculator.")
    )

    objects = IncentiveProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("incentive programme")
        verbose_name_plural = _("incentive programmes")
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_rate_range",
                condition=Q(rate_percent__gt=0, rate_percent__lte=100),
                violation_error_message=_("The rate must be above 0 and at most 100%."),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_cap_positive",
                condition=Q(cap_yen__isnull=True) | Q(cap_yen__gt=0),
                violation_error_message=_("The cap must be positive (or empty for no cap)."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("incentives:calculator")

    @property
    def local_name(self) -> str:
        return pick_language(self.name, self.name_ja)

    @property
    def local_operator(self) -> str:
        return pick_language(self.operator, self.operator_ja)

    @property
    def local_eligibility(self) -> str:
        return pick_language(self.eligibility, self.eligibility_ja)

    @property
    def local_qualifying(self) -> str:
        return pick_language(self.qualifying, self.qualifying_ja)

    @property
    def local_non_qualifying(self) -> str:
        return pick_language(self.non_qualifying, self.non_qualifying_ja)

    @property
    def local_notes(self) -> str:
        return pick_language(self.notes, self.notes_ja)


class IncentiveThreshold(models.Model):
    """One way to qualify: a project meeting ANY one threshold of its programme qualifies.

    Each figure is a floor the project must exceed ("over ¥500 million"), as the scheme words it.
    """

    programme = models.ForeignKey(
        IncentiveProgramme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="thresholds",
    )
    description = models.CharField(_("description (English)"), max_length=300)
    description_ja = models.CharField(_("description (Japanese)"), max_length=300, blank=True)
    japan_spend_over_yen = models.DecimalField(
        _("spend in Japan over (yen)"),
        max_digits=YEN_DIGITS,
        decimal_places=0,
        help_text=_("The qualifying spend in Japan must exceed this."),
    )
    total_budget_over_yen = models.DecimalField(
        _("total budget over (yen)"),
        max_digits=YEN_DIGITS,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("Empty if this threshold does not look at the total budget."),
    )
    release_countries_over = models.PositiveSmallIntegerField(
        _("released in more than (countries)"),
        null=True,
        blank=True,
        help_text=_("Empty if this threshold does not look at the release."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    source = models.TextField(_("source"), blank=True)
    verified_on = models.DateField(_("verified on"), null=True, blank=True)

    class Meta:
        ordering = ["programme", "order", "pk"]
        verbose_name = _("incentive threshold")
        verbose_name_plural = _("incentive thresholds")
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_amounts_not_negative",
                condition=Q(japan_spend_over_yen__gte=0)
                & (Q(total_budget_over_yen__isnull=True) | Q(total_budget_over_yen__gte=0)),
            )
        ]

    def __str__(self):
        return self.description

    @property
    def local_description(self) -> str:
        return pick_language(self.description, self.description_ja)


class ApplicationWindow(models.Model):
    """A dated application round; rounds change every year and may close early."""

    programme = models.ForeignKey(
        IncentiveProgramme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="windows",
    )
    label = models.CharField(_("label (English)"), max_length=200)
    label_ja = models.CharField(_("label (Japanese)"), max_length=200, blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    source = models.TextField(_("source"), blank=True)
    verified_on = models.DateField(_("verified on"), null=True, blank=True)

    class Meta:
        ordering = ["programme", "opens_on"]
        verbose_name = _("application window")
        verbose_name_plural = _("application windows")
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_closes_after_opens",
                condition=Q(closes_on__gte=F("opens_on")),
                violation_error_message=_("A window cannot close before it opens."),
            )
        ]

    def __str__(self):
        return f"{self.label} ({self.opens_on:%Y-%m-%d} – {self.closes_on:%Y-%m-%d})"

    @property
    def local_label(self) -> str:
        return pick_language(self.label, self.label_ja)
