"""`{% checked_on place %}`: when a location or studio was last checked, for visitors."""

from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("includes/checked_on.html")
def checked_on(place):
    """ "Checked on DATE" (or "Not checked yet"), with a hint when it is stale."""
    return {
        "place": place,
        "stale": place.verification_is_stale,
        "months": settings.VERIFICATION_STALE_MONTHS,
    }
