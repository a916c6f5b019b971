"""GPS offers: the positions uploaded photos carried, kept in the fixer's session (never in
the photo, whose file has no EXIF left) until the fixer applies or dismisses one."""

from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

GPS_OFFERS_SESSION_KEY = "photo_gps_offers"


def _offers_key(owner) -> str:
    return f"{owner._meta.label_lower}:{owner.pk}"


def offer_gps(request, owner, photos_and_positions) -> int:
    """Remember, in the session, the GPS positions uploaded photos carried when `owner` has no
    coordinates, so the admin can offer them; returns how many are on offer."""
    if owner is None or owner.has_coordinates:
        return 0
    offers = request.session.get(GPS_OFFERS_SESSION_KEY, {})
    mine = offers.get(_offers_key(owner), [])
    outside = 0
    for photo, position in photos_and_positions:
        if position is None:
            continue
        if not position.in_japan:
            outside += 1
            continue
        mine.append(
            {"photo": photo.pk, "lat": str(position.latitude), "lng": str(position.longitude)}
        )
    if outside:
        messages.info(
            request,
            ngettext(
                "%(count)d photo has a GPS position outside Japan: it is not offered.",
                "%(count)d photos have GPS positions outside Japan: they are not offered.",
                outside,
            )
            % {"count": outside},
        )
    if mine:
        offers[_offers_key(owner)] = mine
        request.session[GPS_OFFERS_SESSION_KEY] = offers
    return len(mine)


def gps_offers(request, owner) -> list[dict]:
    """The positions on offer for `owner` in this session (photo pk, lat, lng)."""
    return request.session.get(GPS_OFFERS_SESSION_KEY, {}).get(_offers_key(owner), [])


def forget_gps_offers(request, owner) -> None:
    """Drop `owner`'s offers (applied, dismissed, or the place has coordinates now)."""
    offers = request.session.get(GPS_OFFERS_SESSION_KEY, {})
    if offers.pop(_offers_key(owner), None) is not None:
        request.session[GPS_OFFERS_SESSION_KEY] = offers


def offer_message():
    """What the change page says while a GPS offer waits for the fixer."""
    return _(
        "A photo you added carries a GPS position and this place has no coordinates yet: "
        "use “Use a photo’s GPS position” at the top of the page to review it."
    )
