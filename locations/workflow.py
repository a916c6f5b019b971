"""The editorial rule for status changes, shared by the admin and the bulk import.

Fixers write drafts and submit them for review; only users with the publish permission
(Editors) move a record to or from "published".
"""

from typing import NamedTuple

from django.utils.translation import gettext as _

from locations.models import Status


class StatusDecision(NamedTuple):
    status: str
    note: str  # why the requested status was not applied; empty when it was


def allowed_status(requested: str, current: str | None, *, can_publish: bool) -> StatusDecision:
    """The status a save may store.

    `current` is the stored status (None for a new record). Without the publish permission,
    "published" becomes "review" (submitted for an editor), and a published record stays
    published (unpublishing is an editor's decision).
    """
    if can_publish or requested == current:
        return StatusDecision(requested, "")
    if requested == Status.PUBLISHED:
        return StatusDecision(
            Status.REVIEW, _('status "published" saved as "review": an editor publishes it')
        )
    if current == Status.PUBLISHED:
        return StatusDecision(
            Status.PUBLISHED, _('status stays "published": only an editor unpublishes')
        )
    return StatusDecision(requested, "")


def publish_permission(model) -> str:
    """The permission name that allows publishing `model` ("locations.publish_location")."""
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"
