"""Rate limits per client address on the public endpoints that cost work (docs/security.md).

Each limit has a name and a rate in `settings.RATE_LIMITS` ("search": "120/m"). Counters are
django-ratelimit's, in the default cache (Redis in production), keyed by the client address
as `locations.security.client_ip` trusts our own proxies, so a forged X-Forwarded-For
changes nothing. Staff are never limited (fixers bulk-check the site). Over a limit,
`RateLimited` is raised and django-ratelimit's middleware renders `too_many_requests`: the
429 page in the visitor's language, a small partial for htmx, always with Retry-After.
"""

import ipaddress
import logging
from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage
from django_ratelimit.exceptions import Ratelimited

from locations.security import client_ip
from locations.views import wants_partial

logger = logging.getLogger(__name__)

# What was not done, for the limits whose refusal loses something the visitor typed.
NOTES = {
    "submit": _(
        "Nothing from this attempt was saved. If you have many places to suggest, ask the "
        "editors about a spreadsheet import."
    ),
    "comment": _("Your answer was not sent. Go back to the shortlist and send it again later."),
}
NOTES["submit_accepted"] = NOTES["submit"]


# Past this many times its limit in one window, an address is a program, not a person: it
# gets the short 429 (a 429 with the site's layout costs ~4 ms to render, the short ~1 ms).
FLOOD_FACTOR = 2


class RateLimited(Ratelimited):
    """Over the limit `name`; try again in `retry_after` seconds; `flood` when far over."""

    def __init__(self, name: str, retry_after: int, *, flood: bool = False):
        super().__init__(name)
        self.name = name
        self.retry_after = retry_after
        self.flood = flood


def client_key(group: str, request) -> str:
    """The counters' key: the client's address; an IPv6 address by its /64, which belongs
    to one customer who may use any address in it."""
    address = client_ip(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def is_exempt(request) -> bool:
    """Staff are never limited."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_staff)


def usage(request, name: str, *, increment: bool = True) -> dict | None:
    """This address's count against the limit `name` (django-ratelimit's usage dict:
    count, limit, should_limit, time_left), or None for staff."""
    if is_exempt(request):
        return None
    rate = settings.RATE_LIMITS[name]
    return get_usage(request, group=name, key=client_key, rate=rate, increment=increment)


def retry_after(found: dict) -> int:
    """Seconds until the window ends (at least 1: a failed cache read reports -1)."""
    return max(1, found["time_left"])


def enforce(request, name: str, *, increment: bool = True) -> None:
    """Count this request against `name` and raise RateLimited once the address is over it.
    With `increment=False` nothing is counted: the address is refused once it has used the
    whole limit (the caller counts successes with `usage`)."""
    found = usage(request, name, increment=increment)
    if found is None:
        return
    over = found["should_limit"] if increment else found["count"] >= found["limit"]
    if over:
        flood = found["count"] > FLOOD_FACTOR * found["limit"]
        raise RateLimited(name, retry_after(found), flood=flood)


def rate_limited(name: str, *, methods: tuple[str, ...] | None = None):
    """View decorator: every request (or every one with a method in `methods`) counts
    against the limit `name`; over it, the 429 page."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if methods is None or request.method in methods:
                enforce(request, name)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def too_many_requests(request, exception):
    """RATELIMIT_VIEW: the 429 page (its partial for htmx, a short page for a flood), with
    Retry-After."""
    seconds = getattr(exception, "retry_after", 60)
    name = getattr(exception, "name", "")
    logger.info("rate_limited limit=%s ip=%s", name or "unknown", client_ip(request))
    if wants_partial(request):
        template = "includes/too_many_requests.html"
    else:
        template = "429_short.html" if getattr(exception, "flood", False) else "429.html"
    context = {"minutes": max(1, -(-seconds // 60)), "note": NOTES.get(name)}
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(seconds)
    # Never kept by a browser or a shared cache: the next request may well be served.
    add_never_cache_headers(response)
    return response
