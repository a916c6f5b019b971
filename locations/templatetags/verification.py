"""`{% checked_on place %}`: when a location or studio was last checked, for visitors."""

from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("includes/checked_on.html")
def checked_on(place, hint=True):
    """The "Checked on DATE" (or "Not checked yet") line, with a hint to visitors when it
    is stale (`hint=False` on the owner's own confirmation page)."""
    return {
        "place": place,
        "hint": hint,
        "stale": place.verification_is_stale,
        "months": settings.VERIFICATION_STALE_MONTHS,
    }
