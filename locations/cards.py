"""Location cards: their costly parts rendered once and shared, the rest joined per page.

The cover's `<img>` (thumbnail URLs, srcset) and the names and place line are the same on the
list, the home page and a place's "nearby" cards, whatever the search: they are rendered once
per place and language and kept in the visitors' cache with the catalogue version (any save
of a place, its photos, category or prefecture sets a new one). A page then needs only its
rows' keys: the list reads `Location.objects.card_rows()` (no joins, no photo prefetch) and
loads the full rows of the few places whose parts are not cached yet.

What differs per page is joined here, in Python rather than one template include per card
(24 includes and their context pushes were a third of a first visit's render): the distance
from the searched point, a draft's badge, the shortlist button.
"""

import hashlib

from django.core.cache import caches
from django.db.models import prefetch_related_objects
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from locations.caching import BODY_TIMEOUT, catalogue_version
from locations.models import FilmCommission, Location, Status, Studio
from locations.models.commissions import city_keys
from locations.models.studios import card_prefetches, prime_listed_stage_keys

PARTS = {
    "cover": "includes/location_card_cover.html",
    "face": "includes/location_card_face.html",
}
SHORTLIST_BUTTON = "includes/shortlist_button.html"
STUDIO_CARD = "includes/studio_card.html"
FILM_COMMISSIONS = "includes/film_commissions.html"
NEARBY_STUDIO = "includes/nearby_studio.html"
# Where a cached studio card takes the page's own shortlist button: markup no escaped text
# can contain.
ACTIONS_MARK = "<!--rokehan:card-actions-->"
# Where a cached nearby-studio line takes its distance from the page's place.
DISTANCE_MARK = "<!--rokehan:distance-->"


def with_cards(locations) -> list:
    """The places as a list, their cards' shared parts read in one go (`prime_card_parts`)."""
    locations = list(locations)
    prime_card_parts(locations)
    return locations


def prime_card_parts(locations) -> None:
    """Read every card of a page in one cache round trip; render and store the missing ones.

    A row from `card_rows()` carries no category, prefecture or photos: the missing cards'
    full rows are read in one query (`for_cards()`), never one per card. A place deleted since
    the page's rows were read gets no card (`_card_parts` None).
    """
    locations = [location for location in locations if not hasattr(location, "_card_parts")]
    if not locations:
        return
    language = get_language() or ""

    def render_missing(missing: dict) -> dict:
        full = _full_rows([location for location in missing.values() if not _complete(location)])
        rendered = {}
        for key, location in missing.items():
            source = location if _complete(location) else full.get(location.pk)
            if source is not None:
                rendered[key] = _render(source, language)
        return rendered

    keyed = {_key(location, language): location for location in locations}
    parts = _read_or_render(keyed, render_missing)
    for key, location in keyed.items():
        location._card_parts = parts.get(key)


def render_cards(context, locations, *, show_distance: bool = False) -> SafeString:
    """The `<li>` cards of `locations` (for a `<ul class="cards">`), in their order.

    `context` is the page's template context: the shortlist buttons read its user, request
    and CSRF token (`_shortlist_buttons`).
    """
    locations = [location for location in with_cards(locations) if location._card_parts]
    buttons = _shortlist_buttons(context, "location", locations)
    cards = [_card(location, show_distance, buttons(location)) for location in locations]
    return mark_safe("".join(cards))  # noqa: S308 (every part escaped by its template or here)


def render_studio_cards(context, studios) -> SafeString:
    """The `<li>` cards of `studios` (`Studio.objects.card_rows()`), in their order;
    the context's `stage_criteria` says which of their stages a card lists.

    A studio's card depends on the visitor's units and on which of its stages the search
    lists, so it is rendered once per studio, language, units and listed stages, and kept
    like a location's parts; only the shortlist button is the page's own. The page reads its
    studios' listed stages as keys alone (`prime_listed_stage_keys`, one query); only the
    studios whose cards are missing get their full rows, stages and photos read (one query
    each).
    """
    studios = list(studios)
    units, filtering = context.get("units"), bool(context.get("filtering_stages"))
    criteria = context.get("stage_criteria")
    language = get_language() or ""
    template = context.template.engine.get_template(STUDIO_CARD)
    prime_listed_stage_keys(studios, criteria)

    def render_missing(missing: dict) -> dict:
        full = Studio.objects.for_cards().in_bulk([studio.pk for studio in missing.values()])
        prefetch_related_objects(list(full.values()), *card_prefetches(criteria))
        rendered = {}
        for key, row in missing.items():
            studio = full.get(row.pk)
            if studio is None:  # deleted since the page's rows were read: no card
                continue
            values = {"studio": studio, "card_actions": mark_safe(ACTIONS_MARK)}  # noqa: S308
            with context.push(values):
                rendered[key] = template.render(context)
        return rendered

    keyed = {_studio_key(studio, language, units, filtering): studio for studio in studios}
    bodies = _read_or_render(keyed, render_missing)
    buttons = _shortlist_buttons(context, "studio", studios)
    cards = [
        "<li>" + bodies[key].replace(ACTIONS_MARK, buttons(studio)) + "</li>"
        for key, studio in keyed.items()
        if key in bodies
    ]
    return mark_safe("".join(cards))  # noqa: S308 (the card's template escaped its parts)


def render_nearby_studios(context, studios) -> SafeString:
    """The `<li>` lines of the studios near a place (`within_km` rows), nearest first.

    A line's link, names, sample badge and prefecture are the same on every page that lists
    the studio, so they are rendered once per studio and language and kept like the cards;
    only the distance from the page's place is joined here (six lines rendered per page were
    a twentieth of a place's first visit).
    """
    language = get_language() or ""
    template = context.template.engine.get_template(NEARBY_STUDIO)

    def render_missing(missing: dict) -> dict:
        rendered = {}
        for key, studio in missing.items():
            with context.push(studio=studio):
                rendered[key] = template.render(context)
        return rendered

    keyed = {f"rokehan:nearby-studio:{studio.pk}:{language}": studio for studio in studios}
    lines = _read_or_render(keyed, render_missing)
    unit = _("%(km)s km")
    return mark_safe(  # noqa: S308 (the line's template escaped its parts; the number is ours)
        "".join(
            lines[key].replace(DISTANCE_MARK, unit % {"km": floatformat(studio.distance_km, 1)})
            for key, studio in keyed.items()
        )
    )


def render_film_commissions(context, location) -> SafeString:
    """The "who to ask about permits here" section of `location`'s page.

    Every place of a prefecture (and of a city with an office of its own) lists the same
    commissions (`FilmCommission.objects.for_location`: they depend on the prefecture and the
    municipality alone), so the section is rendered once per prefecture, city and language,
    and kept like the cards (a commission's save sets a new catalogue version): a hit runs
    no query.
    """
    area = f"{location.prefecture_id}|{','.join(city_keys(location.municipality))}"
    digest = hashlib.blake2b(area.encode(), digest_size=8).hexdigest()
    key = f"rokehan:commissions:{get_language() or ''}:{digest}"
    template = context.template.engine.get_template(FILM_COMMISSIONS)

    def render_missing(missing: dict) -> dict:
        commissions = list(FilmCommission.objects.for_location(location))
        with context.push(film_commissions=commissions):
            return {name: template.render(context) for name in missing}

    return mark_safe(_read_or_render({key: location}, render_missing)[key])  # noqa: S308


def _shortlist_buttons(context, item_type: str, items):
    """item → the shortlist button's HTML. Anonymous visitors' buttons are all the same
    sign-in link, rendered once per page; a signed-in user's is rendered per card (its form
    and whether the item is shortlisted)."""
    button = context.template.engine.get_template(SHORTLIST_BUTTON)

    def render(item) -> str:
        with context.push(item_type=item_type, item=item):
            return button.render(context)

    if items and not getattr(context.get("user"), "is_authenticated", False):
        shared = render(items[0])
        return lambda item: shared
    return render


def _card(location, show_distance: bool, actions: str) -> str:
    parts = location._card_parts
    extra = []
    distance = getattr(location, "distance_km", None)
    if show_distance and distance is not None:
        text = _("%(km)s km away") % {"km": floatformat(distance, 1)}
        extra.append(format_html('<p class="card-distance">{}</p>', text))
    if location.status != Status.PUBLISHED:
        extra.append(
            format_html(
                '<p><span class="badge badge-{}">{}</span></p>',
                location.status,
                location.get_status_display(),
            )
        )
    return (
        '<li class="card location-card">'
        f'{parts["cover"]}<div class="card-body">{parts["face"]}{"".join(extra)}'
        f'<div class="card-actions">{actions}</div></div></li>'
    )


def _key(location, language: str) -> str:
    # Cards show only public covers (`for_list()`), so the place and language name them.
    return f"rokehan:card:{location.pk}:{language}"


def _studio_key(studio, language: str, units: str, filtering: bool) -> str:
    # The stages a card lists depend on the search: their keys are part of the card's.
    stages = ",".join(str(key) for key in studio.listed_stage_keys)
    digest = hashlib.blake2b(stages.encode(), digest_size=8).hexdigest()
    return f"rokehan:studio-card:{studio.pk}:{language}:{units}:{int(filtering)}:{digest}"


def _read_or_render(keyed: dict, render_missing) -> dict:
    """{key: html} for `keyed` ({cache key: object}): what the visitors' cache holds for this
    catalogue version, in one round trip, and what `render_missing({key: object})` returns
    for the rest (stored; a key it leaves out gets nothing)."""
    store, version = caches["visitors"], catalogue_version()
    found = store.get_many(list(keyed))
    values = {key: entry[1] for key, entry in found.items() if entry[0] == version}
    missing = {key: obj for key, obj in keyed.items() if key not in values}
    rendered = render_missing(missing) if missing else {}
    if rendered:
        store.set_many({key: (version, html) for key, html in rendered.items()}, BODY_TIMEOUT)
    return {**values, **rendered}


def _complete(location) -> bool:
    """Whether this row can draw its card itself (a `for_cards()` row, not a `card_rows()` one)."""
    state = location._state.fields_cache
    return "category" in state and "prefecture" in state and hasattr(location, "ordered_photos")


def _full_rows(locations) -> dict:
    if not locations:
        return {}
    return Location.objects.for_cards().in_bulk([location.pk for location in locations])


def _render(location, language: str) -> dict[str, str]:
    context = {"location": location, "LANGUAGE_CODE": language}
    return {part: render_to_string(template, context) for part, template in PARTS.items()}
