"""Template helpers for the shortlist button and the tour pages."""

from django import template

from locations.models import ShortlistItem

register = template.Library()

_CACHE_ATTR = "_shortlisted_places"


def _shortlisted(request) -> dict[tuple[str, int], int]:
    """{(item_type, pk): shortlist pk} for the signed-in user, one query per request however
    many buttons a page shows."""
    cached = getattr(request, _CACHE_ATTR, None)
    if cached is None:
        cached = {}
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            rows = ShortlistItem.objects.filter(shortlist__owner=user).values_list(
                "location_id", "studio_id", "shortlist_id"
            )
            for location_id, studio_id, shortlist_id in rows:
                key = ("location", location_id) if location_id else ("studio", studio_id)
                cached.setdefault(key, shortlist_id)
        setattr(request, _CACHE_ATTR, cached)
    return cached


@register.simple_tag(takes_context=True)
def shortlist_of(context, item_type, item):
    """The pk of a shortlist of the user's that holds `item`, or None."""
    request = context.get("request")
    if request is None or item is None:
        return None
    return _shortlisted(request).get((item_type, item.pk))
