"""The catalogue version, and what anonymous visitors share, keyed by it (issue 6).

Visitors share rendered pages (`visitor_cached`, `visitor_fragment`: the list and detail
pages, the home page) and GeoJSON bodies (`cached_for_visitors`); one request at a time
builds a missing entry (`build_once`), and while it does the others get the previous version.
Signed-in users never share anything.

Keys cannot be busted with made-up URLs (issue 18): a view names the parameters its output
depends on (`canonical_query`: the FilterSet's parameters, blanks and defaults dropped, in the
form's order), and the key holds those alone. Unknown, reordered or blank parameters map to
the same entry, and the shared body is rendered from that canonical query too, so its links
never carry a first visitor's `utm_source` to everyone else.

Every cached public fragment or body is stored with the catalogue version it was built from
and served only for that version, so an edit shows at once: saving or deleting anything a
public page draws (location, studio, stage, photo, tag, prefecture, region, category, film
commission) or changing a location's tags sets a new version, and the next request rebuilds
the entry in place (one entry per URL, not one per URL and version). Bulk paths that skip
`save()` (the generator, raw `bulk_create`/`update`) call `bump_catalogue_version()`
themselves.

The version lives in Django's cache. With a per-process cache (`LocMemCache`, the default
without `REDIS_URL`) and several server processes, another process notices an edit only when
its own entry expires: bodies are kept `BODY_TIMEOUT` seconds, which bounds that staleness.
Production with more than one process should set `REDIS_URL` (a shared cache).
"""

import gzip
import hashlib
import time
import uuid
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import TypeVar

from django import forms
from django.conf import settings
from django.core.cache import cache, caches
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import compress_string
from django.utils.translation import get_language

VERSION_KEY = "rokehan:catalogue-version"
BODY_TIMEOUT = 300
# A cold all-Japan GeoJSON takes seconds to build: one request builds it, the others wait.
BUILD_LOCK_SECONDS = 60
BUILD_WAIT_SECONDS = 30
BUILD_POLL_SECONDS = 0.02

T = TypeVar("T")


# Within a request the version is read once (CatalogueVersionMiddleware): a page asks for it
# half a dozen times (its body, filter options, cards, prefecture names), one cache round trip
# each, and one version for the whole page is also the consistent answer.
_request_version: ContextVar[list | None] = ContextVar("rokehan_request_version", default=None)


def catalogue_version() -> str:
    """A short token that changes whenever the public catalogue changes."""
    memo = _request_version.get()
    if memo:
        return memo[0]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex[:12], None)
        version = cache.get(VERSION_KEY, "")
    if memo is not None:
        memo.append(version)
    return version


def bump_catalogue_version(**_signal_kwargs) -> None:
    """Invalidate every cached public body and fragment (a new version; old keys go unread)."""
    version = uuid.uuid4().hex[:12]
    cache.set(VERSION_KEY, version, None)
    memo = _request_version.get()
    if memo is not None:
        memo[:] = [version]  # this request's own edit shows in what it renders next


class CatalogueVersionMiddleware:
    """One catalogue version per request, read when first needed (`catalogue_version`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_version.set([])
        try:
            return self.get_response(request)
        finally:
            _request_version.reset(token)


def connect_signals() -> None:
    """Bump the version on every save/delete of a model that the public pages draw."""
    from locations.models import (
        Category,
        FilmCommission,
        Location,
        Photo,
        Prefecture,
        Region,
        Soundstage,
        Studio,
        Tag,
    )

    # A place's page shows who to ask about permits there: its film commissions too.
    catalogue = (Location, Studio, Soundstage, Photo, Tag, Prefecture, Region, Category)
    for model in (*catalogue, FilmCommission):
        uid = f"catalogue-version-{model._meta.label_lower}"
        post_save.connect(bump_catalogue_version, sender=model, dispatch_uid=uid)
        post_delete.connect(bump_catalogue_version, sender=model, dispatch_uid=uid)
    m2m_changed.connect(
        bump_catalogue_version, sender=Location.tags.through, dispatch_uid="catalogue-version-tags"
    )


def canonical_query(
    data: QueryDict,
    filterset_class=None,
    *,
    keep: Iterable[str] = (),
    defaults: dict[str, str] | None = None,
) -> QueryDict:
    """The parameters a page's output depends on, in one spelling per meaning.

    Only the FilterSet's parameters and `keep` (e.g. `page`), in that order; values stripped
    and blanks dropped (an empty field means "any"); one value for a single field (the last,
    as a form reads it), a multiple field's values deduplicated and sorted; a value equal to
    its default (`defaults`, e.g. page 1) dropped. No database query: the values are not
    validated here, so an invalid one keys its own page of form errors.
    """
    filters = filterset_class.base_filters if filterset_class else {}
    names = [*filters, *(name for name in keep if name not in filters)]
    defaults = defaults or {}
    result = QueryDict(mutable=True)
    for name in names:
        values = [value.strip() for value in data.getlist(name)]
        values = [value for value in values if value]
        if not values:
            continue
        if name in filters and _is_multiple(filters[name]):
            values = sorted(set(values))
        elif values[-1] == defaults.get(name):
            continue
        else:
            values = values[-1:]
        result.setlist(name, values)
    result._mutable = False
    return result


def _is_multiple(filter_) -> bool:
    multiple = (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)
    return issubclass(filter_.field_class, multiple)


def visitor_key(request, name: str, *vary, query: QueryDict | None = None) -> str | None:
    """The cache key of what `name` shows an anonymous visitor at this URL, or None.

    The key holds the path, `query` (the canonical parameters the output depends on; none
    when omitted, so a made-up parameter never makes a new entry), the language and `vary`
    (whatever else from the visitor's session the output depends on, e.g. their units). The
    catalogue version is checked by `build_once`. Signed-in users get None: staff see drafts,
    users see their own shortlists; so does everyone with settings.VISITOR_CACHE off.
    """
    if request.user.is_authenticated or not settings.VISITOR_CACHE:
        return None
    parts = [
        name,
        request.path,
        query.urlencode() if query else "",
        get_language() or "",
        *map(str, vary),
    ]
    return "rokehan:visitor:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


@contextmanager
def reading(request, query: QueryDict | None):
    """`request` as if it had been asked with `query` only, for the length of the block.

    A shared body is built from exactly what its key holds: forms, pagination and
    `{% querystring %}` links read the canonical parameters, never a visitor's extras.
    """
    query = query if query is not None else QueryDict()
    saved = request.GET, request.META.get("QUERY_STRING", "")
    request.GET, request.META["QUERY_STRING"] = query, query.urlencode()
    try:
        yield request
    finally:
        request.GET, request.META["QUERY_STRING"] = saved


def visitor_cached(
    request, name: str, build: Callable[[], T], *vary, query: QueryDict | None = None
) -> T:
    """What `build()` returns, shared by anonymous visitors of this URL (`visitor_key`).

    A hit skips `build()` and so its queries: views put the lookups, filtering, pagination
    and template rendering inside it. `build()` sees `request.GET` as `query` (`reading`).
    Only one request at a time builds a missing value (`build_once`). Signed-in users always
    get a fresh `build()`. The value must pickle (HTML strings, model instances).
    """

    def canonical_build():
        with reading(request, query):
            return build()

    key = visitor_key(request, name, *vary, query=query)
    if key is None:
        return canonical_build()
    built = []

    def shareable():
        built.append(canonical_build())
        # A CSRF token belongs to one visitor: a page holding one is never shared.
        return None if _holds_csrf_token(built[-1]) else built[-1]

    cached = build_once(key, shareable, catalogue_version())
    return built[-1] if cached is None else cached


def _holds_csrf_token(value) -> bool:
    parts = value.values() if isinstance(value, dict) else [value]
    return any(isinstance(part, str) and "csrfmiddlewaretoken" in part for part in parts)


def visitor_fragment(
    request, name: str, render: Callable[[], str], *vary, query: QueryDict | None = None
) -> SafeString:
    """`visitor_cached` for HTML that our own templates rendered (and so escaped)."""
    return mark_safe(visitor_cached(request, name, lambda: str(render()), *vary, query=query))


# Small values every page reads (filter options, prefecture names: `build_once(local=True)`),
# kept in this process as well, per version: no cache round trip or unpickling per request.
_process_values: dict[str, tuple[str, object]] = {}


def build_once(
    key: str, build: Callable[[], T | None], version: str = "", *, local: bool = False
) -> T | None:
    """`build()` cached under `key` for `version`, built by one request at a time.

    With `local`, the value is also kept in this process for `version` (for small values
    every page reads; the keys must come from code, never from a request).

    The entry is (version, value): a new catalogue version replaces it rather than adding
    one more. While one request builds, the others get the previous version's value if there
    is one (for the moment a build takes), else they wait for the builder's result instead of
    each building it (a stampede: 8 connections made 8 builds of a cold 100,000-place
    GeoJSON). If the builder fails or returns None (nothing to cache), a waiter builds for
    itself. Entries and locks live in the visitors' cache (settings.CACHES["visitors"]).
    """
    if local:
        entry = _process_values.get(key)
        if entry is not None and entry[0] == version:
            return entry[1]
    value, current = _shared_build_once(key, build, version)
    # Never a previous version's value, nor under no version (a cache that keeps nothing).
    if local and current and version and value is not None:
        _process_values[key] = (version, value)
    return value


def _shared_build_once(key: str, build: Callable[[], T | None], version: str):
    """(value, whether it is `version`'s value) for `build_once`."""
    store = caches["visitors"]
    entry = store.get(key)
    if entry is not None and entry[0] == version:
        return entry[1], True
    previous = entry[1] if entry is not None else None
    lock = key + ":building"
    deadline = time.monotonic() + BUILD_WAIT_SECONDS
    while not store.add(lock, 1, BUILD_LOCK_SECONDS):
        if previous is not None:
            return previous, False
        time.sleep(BUILD_POLL_SECONDS)
        entry = store.get(key)
        if entry is not None and entry[0] == version:
            return entry[1], True
        if time.monotonic() > deadline:
            return build(), True
    try:
        entry = store.get(key)  # built while this request waited for the lock
        if entry is not None and entry[0] == version:
            return entry[1], True
        value = build()
        if value is not None:
            store.set(key, (version, value), BODY_TIMEOUT)
        return value, True
    finally:
        store.delete(lock)


def cached_for_visitors(key_extra=None, query=None):
    """Cache a public GET view's 200 body, gzipped, for anonymous visitors.

    The key is `visitor_key` with `key_extra(request)` (e.g. the visitor's units) and
    `query(request)` (the canonical parameters; none without it), and the view runs reading
    that query alone. Signed-in users (staff see drafts) are never served from, nor stored
    into, this cache. Only one request at a time builds a missing body (`build_once`).
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            extra = key_extra(request) if key_extra else ""
            canonical = query(request) if query else None
            key = visitor_key(request, "body", extra, query=canonical)
            if key is None:
                with reading(request, canonical):
                    return view(request, *args, **kwargs)
            response = None

            def build():
                nonlocal response
                with reading(request, canonical):
                    response = view(request, *args, **kwargs)
                if response.status_code != 200 or response.streaming:
                    return None
                # Compressed once, here: gzip of 90,000 features costs ~1 s per request, and
                # the cache holds (and unpickles) a tenth of the bytes.
                return (compress_string(response.content), response["Content-Type"])

            cached = build_once(key, build, catalogue_version())
            if cached is None:
                return response  # an error or a stream: not cached
            compressed, content_type = cached
            if re_accepts_gzip.search(request.headers.get("Accept-Encoding", "")):
                response = HttpResponse(compressed, content_type=content_type)
                # gzip_page (outside this) leaves an already encoded response alone.
                response["Content-Encoding"] = "gzip"
            else:
                response = HttpResponse(gzip.decompress(compressed), content_type=content_type)
            patch_vary_headers(response, ["Accept-Encoding"])
            patch_vary_headers(response, ["Cookie", "Accept-Language"])
            return response

        return wrapper

    return decorator
