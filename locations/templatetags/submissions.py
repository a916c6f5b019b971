"""The review queue's count on the admin index."""

from django import template
from django.urls import reverse

from locations.models import Decision, Submission

register = template.Library()


@register.inclusion_tag("admin/locations/submission/_waiting.html", takes_context=True)
def waiting_submissions(context) -> dict:
    """How many submitted places wait for an editor (for staff who may see the queue)."""
    request = context.get("request")
    if request is None or not request.user.has_perm("locations.view_submission"):
        return {"hidden": True}
    url = reverse("admin:locations_submission_changelist")
    return {
        "count": Submission.objects.pending().count(),
        "url": f"{url}?decision__exact={Decision.PENDING}",
    }
