"""The schedule of confirmation requests (`manage.py request_verification`).

Safe to run every day: each step is decided from the record's own bookkeeping, and moves it
on with a conditional UPDATE in the same transaction as the queued e-mail, so a re-run (or
two runs at once) sends nothing twice.

For each published location and studio with a contact e-mail that is due (never checked,
or not for `VERIFICATION_STALE_MONTHS`) and has no open change request:

1. no request yet → the request;
2. the request unanswered for `VERIFICATION_REMINDER_DAYS` → the reminder;
3. the reminder unanswered as long → flagged for editors (and, when
   `VERIFICATION_EDITORS_EMAIL` is set, one summary e-mail to them).

A record that is no longer due (an editor set "verified on") has its round cleared. Nothing
is ever deleted or unpublished.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from locations.mail import queue_email
from locations.models import Location, Studio
from locations.verification import confirmation_link, kind_of

REQUEST, REMINDER = 1, 2


@dataclass
class RoundResult:
    """What one run did (or, dry, would do): the records of each step."""

    requested: list = field(default_factory=list)
    reminded: list = field(default_factory=list)
    flagged: list = field(default_factory=list)
    cleared: int = 0
    # Due, published, but nobody to ask: editors see them in the admin's "Checked" filter.
    without_email: int = 0


def run_round(*, now: datetime.datetime | None = None, dry_run: bool = False) -> RoundResult:
    """One pass over locations and studios; see the module docstring."""
    now = now or timezone.now()
    wait = datetime.timedelta(days=settings.VERIFICATION_REMINDER_DAYS)
    result = RoundResult()
    for model in (Location, Studio):
        _clear_finished(model, result, dry_run)
        due = (
            model.objects.published()
            .verification_due()
            .with_open_change_request()
            .filter(has_open_change_request=False)
        )
        result.without_email += due.filter(contact_email="").count()
        due = due.exclude(contact_email="").select_related("prefecture").order_by("pk")
        for record in due.filter(verification_requests_sent=0, verification_flagged_at=None):
            if dry_run or _send(record, step=REQUEST, now=now):
                result.requested.append(record)
        reminder_due = due.filter(
            verification_requests_sent=REQUEST, verification_last_sent_at__lte=now - wait
        )
        for record in reminder_due:
            if dry_run or _send(record, step=REMINDER, now=now):
                result.reminded.append(record)
        unanswered = due.filter(
            verification_requests_sent__gte=REMINDER,
            verification_last_sent_at__lte=now - wait,
            verification_flagged_at=None,
        )
        for record in unanswered:
            if dry_run or _flag(record, now=now):
                result.flagged.append(record)
    if result.flagged and settings.VERIFICATION_EDITORS_EMAIL and not dry_run:
        queue_email(
            "verification_flagged",
            {"records": [(record, _admin_url(record)) for record in result.flagged]},
            to=settings.VERIFICATION_EDITORS_EMAIL,
            language=settings.LANGUAGE_CODE,
        )
    return result


def _clear_finished(model, result: RoundResult, dry_run: bool) -> None:
    """Rounds of records that are no longer due (checked meanwhile) are over."""
    in_round = Q(verification_requests_sent__gt=0) | Q(verification_flagged_at__isnull=False)
    finished = model.objects.filter(in_round).exclude(
        pk__in=model.objects.verification_due().values("pk")
    )
    if dry_run:
        result.cleared += finished.count()
        return
    # Bookkeeping only: no history entry, no new catalogue version (no page shows it).
    result.cleared += finished.update(
        verification_requests_sent=0, verification_last_sent_at=None, verification_flagged_at=None
    )


@transaction.atomic
def _send(record, *, step: int, now: datetime.datetime) -> bool:
    """Move `record` to `step` and queue its e-mail, unless another run already did."""
    moved = (
        type(record)
        .objects.filter(pk=record.pk, verification_requests_sent=step - 1)
        .update(verification_requests_sent=step, verification_last_sent_at=now)
    )
    if not moved:
        return False
    queue_email(
        "verification_request",
        {
            "record": record,
            "kind": kind_of(record),
            "link": confirmation_link(record),
            "reminder": step == REMINDER,
            "link_days": settings.VERIFICATION_LINK_DAYS,
        },
        to=record.contact_email,
        # The message carries both languages ({% language %} blocks): owners are mostly
        # Japanese-speaking, and we do not know each one's language.
        language="ja",
    )
    return True


def _flag(record, *, now: datetime.datetime) -> bool:
    flagged = (
        type(record)
        .objects.filter(pk=record.pk, verification_flagged_at=None)
        .update(verification_flagged_at=now)
    )
    return bool(flagged)


def _admin_url(record) -> str:
    return settings.SITE_URL + reverse(
        f"admin:locations_{kind_of(record)}_change", args=[record.pk]
    )
