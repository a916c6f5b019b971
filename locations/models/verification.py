"""Keeping records fresh (issue 14): when a place or studio was last checked, where its
owner's confirmation round stands, and what owners told us had changed.

A round: the daily `request_verification` command e-mails the owner contact of a published
record not checked for `VERIFICATION_STALE_MONTHS`, sends one reminder after
`VERIFICATION_REMINDER_DAYS`, and flags the record for editors when the reminder goes
unanswered as long again. Confirming (the e-mailed link, or an editor) ends the round.
Records are never deleted or unpublished by any of this (locations.verification).
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .common import owner_fields

# "Checked on" dates are days in Japan, where the owners and editors are.
JAPAN = ZoneInfo("Asia/Tokyo")

# The round's bookkeeping: not part of a record's facts, so not in its change history.
TRACKING_FIELDS = (
    "verification_requests_sent",
    "verification_last_sent_at",
    "verification_flagged_at",
)


def japan_today() -> datetime.date:
    """Today's date in Japan."""
    return timezone.localdate(timezone=JAPAN)


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months earlier (31 Aug − 6 months = 28/29 Feb)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last_day in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last_day))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def stale_before(today: datetime.date | None = None) -> datetime.date:
    """Records checked before this date are stale ("not checked for over 6 months")."""
    return months_before(today or japan_today(), settings.VERIFICATION_STALE_MONTHS)


class VerificationQuerySetMixin:
    """Named queries over the freshness of locations and studios (admin filters, the job)."""

    def checked_recently(self):
        """Checked on or after the stale threshold."""
        return self.filter(verified_on__gte=stale_before())

    def checked_long_ago(self):
        """Checked, but before the stale threshold."""
        return self.filter(verified_on__lt=stale_before())

    def never_checked(self):
        return self.filter(verified_on__isnull=True)

    def verification_due(self):
        """Stale or never checked: what the owner should be asked to confirm."""
        return self.filter(Q(verified_on__isnull=True) | Q(verified_on__lt=stale_before()))

    def verification_flagged(self):
        """Owners did not answer a request and its reminder: an editor should follow up."""
        return self.filter(verification_flagged_at__isnull=False)

    def with_open_change_request(self):
        """Annotate `has_open_change_request` (an owner wrote and no editor has resolved it)."""
        field = self.model._meta.model_name
        pending = ChangeRequest.objects.open().filter(**{field: OuterRef("pk")})
        return self.annotate(has_open_change_request=Exists(pending))


class VerificationTracking(models.Model):
    """Where a record's confirmation round stands; cleared when the record is confirmed."""

    verification_requests_sent = models.PositiveSmallIntegerField(
        _("confirmation e-mails sent"),
        default=0,
        editable=False,
        help_text=_("In the current round: 1 after the request, 2 after the reminder."),
    )
    verification_last_sent_at = models.DateTimeField(
        _("last confirmation e-mail"), null=True, blank=True, editable=False
    )
    verification_flagged_at = models.DateTimeField(
        _("flagged for editors"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The owner did not answer the request nor the reminder."),
    )

    class Meta:
        abstract = True

    @property
    def verification_is_stale(self) -> bool:
        """Never checked, or not for longer than the stale threshold."""
        return self.verified_on is None or self.verified_on < stale_before()

    def clear_verification_round(self) -> None:
        """Forget the round (on confirmation): the next one starts when the record is stale."""
        self.verification_requests_sent = 0
        self.verification_last_sent_at = None
        self.verification_flagged_at = None


class ChangeRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class ChangeRequest(models.Model):
    """What an owner wrote through the "Something changed" form of a confirmation link."""

    MAX_LENGTH = 2000

    location, studio = owner_fields("change_requests")
    message = models.TextField(_("message"), max_length=MAX_LENGTH)
    # The contact the link was sent to (the record's contact may be edited later).
    sent_to = models.EmailField(_("link sent to"), blank=True)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ChangeRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("change request from an owner")
        verbose_name_plural = _("change requests from owners")
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_one_record",
                condition=Q(location__isnull=False, studio__isnull=True)
                | Q(location__isnull=True, studio__isnull=False),
                violation_error_message=_("A change request is about one location or studio."),
            ),
        ]

    def __str__(self):
        return str(self.record)

    @property
    def record(self):
        return self.location or self.studio

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
