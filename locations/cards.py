"""A location card's costly parts, rendered once and shared by every page that shows the place.

The cover's `<img>` (thumbnail URLs, srcset) and the names and place line are the same on the
list, the home page and a place's "nearby" cards, whatever the search: they are rendered once
per place, cover photo, language and catalogue version (an edit sets a new version) and kept
in the visitors' cache. What differs per page stays in `includes/location_card.html`: the
distance from the searched point, a draft's badge, the shortlist button.
"""

from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.translation import get_language

from locations.caching import BODY_TIMEOUT, catalogue_version

PARTS = {
    "cover": "includes/location_card_cover.html",
    "face": "includes/location_card_face.html",
}


def card_parts(location) -> dict[str, str]:
    """{"cover": html, "face": html} of `location`'s card (primed by `prime_card_parts`)."""
    primed = getattr(location, "_card_parts", None)
    if primed is not None:
        return primed
    prime_card_parts([location])
    return location._card_parts


def with_cards(locations) -> list:
    """The places as a list, their cards' shared parts read in one go (`prime_card_parts`)."""
    locations = list(locations)
    prime_card_parts(locations)
    return locations


def prime_card_parts(locations) -> None:
    """Read every card of a page in one cache round trip; render and store the missing ones."""
    locations = [location for location in locations if not hasattr(location, "_card_parts")]
    if not locations:
        return
    store, version, language = caches["visitors"], catalogue_version(), get_language() or ""
    keys = {_key(location, language): location for location in locations}
    found = store.get_many(list(keys))
    missing = {}
    for key, location in keys.items():
        entry = found.get(key)
        if entry is not None and entry[0] == version:
            location._card_parts = entry[1]
        else:
            location._card_parts = _render(location, language)
            missing[key] = (version, location._card_parts)
    if missing:
        store.set_many(missing, BODY_TIMEOUT)


def _key(location, language: str) -> str:
    # The cover is part of the key: a shared shortlist's page may show a private property's
    # photo that the public lists must never show.
    cover = location.cover
    return f"rokehan:card:{location.pk}:{cover.pk if cover else 0}:{language}"


def _render(location, language: str) -> dict[str, str]:
    context = {"location": location, "LANGUAGE_CODE": language}
    return {part: render_to_string(template, context) for part, template in PARTS.items()}
