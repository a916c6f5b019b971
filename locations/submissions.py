"""Places suggested through the public form: saving one, and an editor's decision on it.

Each function is one transaction: the place, its submission, its photos and the e-mail to
the submitter (a queued task row, locations.mail) are saved together or not at all.
"""

import logging
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from locations.mail import queue_email
from locations.models import Decision, Location, Status, Submission
from locations.photos.images import PreparedPhoto
from locations.photos.services import add_photos
from locations.workflow import publish_permission

logger = logging.getLogger(__name__)


class DecisionRefused(Exception):
    """An editor's decision that cannot be applied (not allowed, or already decided)."""


def submit_place(
    *, location: Location, photos: Iterable[PreparedPhoto], language: str
) -> Submission:
    """Save a visitor's place (unsaved, from the form) in review, with its submission and
    photos, and queue the thank-you e-mail. Nothing is kept if any part fails."""
    with transaction.atomic():
        location.status = Status.REVIEW
        location.featured = False
        location.save()
        submission = Submission.objects.create(
            location=location,
            submitter_name=location.contact_name,
            submitter_email=location.contact_email,
            consent_at=timezone.now(),
            language=language,
        )
        _email(submission, "submission_received")
        # Last: add_photos removes its own files when it fails, and nothing after it can.
        add_photos(owner=location, prepared=photos, first_is_cover=True)
    logger.info("place_submitted location=%s submission=%s", location.pk, submission.pk)
    return submission


def can_decide(user) -> bool:
    """Only editors (who may publish places) approve or reject submissions."""
    return user.has_perm(publish_permission(Location))


def approve(submission: Submission, *, user) -> None:
    """Publish the submitted place and tell the submitter where to find it."""
    _decide(submission, user=user, decision=Decision.APPROVED, status=Status.PUBLISHED)


def reject(submission: Submission, *, user, reason: str) -> None:
    """Keep the place unpublished (back to draft, not deleted: fixers may still use what it
    says) and send the submitter the reason."""
    reason = reason.strip()
    if not reason:
        raise DecisionRefused(_("Give the submitter a reason."))
    _decide(submission, user=user, decision=Decision.REJECTED, status=Status.DRAFT, reason=reason)


def _decide(submission: Submission, *, user, decision: str, status: str, reason: str = "") -> None:
    if not can_decide(user):
        raise DecisionRefused(_("Only editors approve or reject submissions."))
    with transaction.atomic():
        # Locked, so two editors deciding at once cannot both e-mail the submitter.
        current = Submission.objects.select_for_update().get(pk=submission.pk)
        if not current.is_pending:
            raise DecisionRefused(_("This submission was already decided."))
        location = current.location
        location.status = status
        location.updated_by = user
        location.save(update_fields=["status", "updated_by", "updated_at"])
        current.decision, current.reason = decision, reason
        current.decided_by, current.decided_at = user, timezone.now()
        current.save(update_fields=["decision", "reason", "decided_by", "decided_at"])
        _email(current, f"submission_{decision}")
    submission.refresh_from_db()
    logger.info(
        "submission_decided submission=%s decision=%s user=%s", current.pk, decision, user.pk
    )


def _email(submission: Submission, template: str) -> None:
    queue_email(
        template,
        {"submission": submission, "location": submission.location},
        to=submission.submitter_email,
        language=submission.language,
    )
