"""Re-verification (issue 14): owners confirm their records through a signed e-mailed link.

- `confirmation_link(record)`: a signed, expiring URL naming the record (no login). It also
  carries a digest of the contact address, so a link sent to a former contact stops working
  once an editor changes the address.
- `record_for_token(token)`: the record a link names, or `InvalidLink`.
- `confirm(record)`: "Still correct" — checked today (in Japan), the round cleared, one
  history entry with its reason.
- `submit_change_request(...)`: "Something changed" — stored for editors, e-mailed to
  `VERIFICATION_EDITORS_EMAIL` when set.

The schedule of requests, reminders and flags is in locations.verification_round.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils.crypto import salted_hmac

from locations.mail import queue_email
from locations.models import ChangeRequest, Location, Studio
from locations.models.verification import TRACKING_FIELDS, japan_today

SALT = "rokehan.verification"
KINDS = {"location": Location, "studio": Studio}
CONFIRMED_REASON = "Confirmed by the owner (e-mailed link)"
CHECKED_BY_EDITOR_REASON = "Marked checked by an editor"


class InvalidLink(Exception):
    """A confirmation link that was tampered with, expired, or sent to a former contact."""

    def __init__(self, *, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def kind_of(record) -> str:
    """The record's kind: location or studio."""
    return record._meta.model_name


def _contact_digest(email: str) -> str:
    return salted_hmac(SALT, email.strip().casefold()).hexdigest()[:16]


def make_token(record) -> str:
    """A signed token naming `record` and the address its link is sent to."""
    payload = {"k": kind_of(record), "id": record.pk, "e": _contact_digest(record.contact_email)}
    return signing.dumps(payload, salt=SALT)


def confirmation_link(record) -> str:
    """The absolute URL of the record's confirmation page, for an e-mail."""
    path = reverse("verification:check", kwargs={"token": make_token(record)})
    return settings.SITE_URL + path


def record_for_token(token: str):
    """The location or studio `token` names; `InvalidLink` if it is not a valid, current
    link; Http404 if the record no longer exists."""
    max_age = datetime.timedelta(days=settings.VERIFICATION_LINK_DAYS)
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise InvalidLink(expired=True) from error
    except signing.BadSignature as error:
        raise InvalidLink() from error
    if not isinstance(payload, dict) or payload.get("k") not in KINDS:
        raise InvalidLink()
    model = KINDS[payload["k"]]
    record = model.objects.select_related("prefecture").filter(pk=payload.get("id")).first()
    if record is None:
        raise Http404("No such record")
    if payload.get("e") != _contact_digest(record.contact_email):
        raise InvalidLink()
    return record


@transaction.atomic
def confirm(record, *, reason: str = CONFIRMED_REASON, user=None) -> datetime.date:
    """Mark `record` checked today (Japan), clear its round, and say so in its history
    (`reason`; `user` when an editor does it in the admin)."""
    locked = type(record).objects.select_for_update().get(pk=record.pk)
    locked.verified_on = japan_today()
    locked.clear_verification_round()
    locked._change_reason = reason
    fields = ["verified_on", "updated_at", *TRACKING_FIELDS]
    if user is not None:
        locked.updated_by = user
        locked._history_user = user
        fields.append("updated_by")
    # updated_at too: an editor with the form open is told instead of saving the old date.
    # The save's signal sets a new catalogue version, so cached pages show the date at once.
    locked.save(update_fields=fields)
    record.verified_on = locked.verified_on
    record.clear_verification_round()
    return locked.verified_on


@transaction.atomic
def submit_change_request(record, *, message: str) -> ChangeRequest:
    """Store the owner's message for editors (and e-mail it to them when configured).

    Writing back is an answer: the record is no longer "unanswered", and the round pauses
    while the request is open (locations.verification_round skips it).
    """
    change = ChangeRequest.objects.create(
        **{kind_of(record): record}, message=message, sent_to=record.contact_email
    )
    type(record).objects.filter(pk=record.pk).update(verification_flagged_at=None)
    if settings.VERIFICATION_EDITORS_EMAIL:
        admin_path = reverse("admin:locations_changerequest_change", args=[change.pk])
        queue_email(
            "verification_change_request",
            {"change": change, "record": record, "admin_url": settings.SITE_URL + admin_path},
            to=settings.VERIFICATION_EDITORS_EMAIL,
            language=settings.LANGUAGE_CODE,
        )
    return change
