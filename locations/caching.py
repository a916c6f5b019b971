"""The catalogue version, and what anonymous visitors share, keyed by it (issue 6).

Visitors share rendered pages (`visitor_cached`, `visitor_fragment`: the list and detail
pages, the home page) and GeoJSON bodies (`cached_for_visitors`); one request at a time
builds a missing entry (`build_once`). Signed-in users never share anything.

Every cached public fragment or body carries the catalogue version in its key, so an edit
shows at once: saving or deleting anything a public page draws (location, studio, stage,
photo, tag, prefecture, region, category) or changing a location's tags sets a new version,
and old entries simply stop being read. Bulk paths that skip `save()` (the generator, raw
`bulk_create`/`update`) call `bump_catalogue_version()` themselves.

The version lives in Django's cache. With a per-process cache (`LocMemCache`, the default
without `REDIS_URL`) and several server processes, another process notices an edit only when
its own entry expires: bodies are kept `BODY_TIMEOUT` seconds, which bounds that staleness.
Production with more than one process should set `REDIS_URL` (a shared cache).
"""

import gzip
import hashlib
import time
import uuid
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
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


def catalogue_version() -> str:
    """A short token that changes whenever the public catalogue changes."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex[:12], None)
        version = cache.get(VERSION_KEY, "")
    return version


def bump_catalogue_version(**_signal_kwargs) -> None:
    """Invalidate every cached public body and fragment (a new version; old keys go unread)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex[:12], None)


def connect_signals() -> None:
    """Bump the version on every save/delete of a model that the public pages draw."""
    from locations.models import (
        Category,
        Location,
        Photo,
        Prefecture,
        Region,
        Soundstage,
        Studio,
        Tag,
    )

    for model in (Location, Studio, Soundstage, Photo, Tag, Prefecture, Region, Category):
        uid = f"catalogue-version-{model._meta.label_lower}"
        post_save.connect(bump_catalogue_version, sender=model, dispatch_uid=uid)
        post_delete.connect(bump_catalogue_version, sender=model, dispatch_uid=uid)
    m2m_changed.connect(
        bump_catalogue_version, sender=Location.tags.through, dispatch_uid="catalogue-version-tags"
    )


def visitor_key(request, name: str, *vary) -> str | None:
    """The cache key of what `name` shows an anonymous visitor at this URL, or None.

    The key holds the path, the query string, the language, the catalogue version and `vary`
    (whatever else from the visitor's session the output depends on, e.g. their units).
    Signed-in users get None: staff see drafts, users see their own shortlists.
    """
    if request.user.is_authenticated:
        return None
    parts = [
        name,
        request.path,
        request.GET.urlencode(),
        get_language() or "",
        catalogue_version(),
        *map(str, vary),
    ]
    return "rokehan:visitor:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def visitor_cached(request, name: str, build: Callable[[], T], *vary) -> T:
    """What `build()` returns, shared by anonymous visitors of this URL (`visitor_key`).

    A hit skips `build()` and so its queries: views put the lookups, filtering, pagination
    and template rendering inside it. Only one request at a time builds a missing value
    (`build_once`). Signed-in users always get a fresh `build()`. The value must pickle
    (HTML strings, model instances).
    """
    key = visitor_key(request, name, *vary)
    if key is None:
        return build()
    built = []

    def shareable():
        built.append(build())
        # A CSRF token belongs to one visitor: a page holding one is never shared.
        return None if _holds_csrf_token(built[-1]) else built[-1]

    cached = build_once(key, shareable)
    return built[-1] if cached is None else cached


def _holds_csrf_token(value) -> bool:
    parts = value.values() if isinstance(value, dict) else [value]
    return any(isinstance(part, str) and "csrfmiddlewaretoken" in part for part in parts)


def visitor_fragment(request, name: str, render: Callable[[], str], *vary) -> SafeString:
    """`visitor_cached` for HTML that our own templates rendered (and so escaped)."""
    return mark_safe(visitor_cached(request, name, lambda: str(render()), *vary))


def build_once(key: str, build: Callable[[], T | None]) -> T | None:
    """`build()` cached under `key` for BODY_TIMEOUT seconds, built by one request at a time.

    While one request builds, the others with the same key wait for its result instead of
    each building it (a stampede: 8 connections made 8 builds of a cold 100,000-place
    GeoJSON or of the home page's counts). If the builder fails or returns None (nothing to
    cache), a waiter builds for itself.
    """
    cached = cache.get(key)
    if cached is not None:
        return cached
    lock = key + ":building"
    deadline = time.monotonic() + BUILD_WAIT_SECONDS
    while not cache.add(lock, 1, BUILD_LOCK_SECONDS):
        time.sleep(BUILD_POLL_SECONDS)
        cached = cache.get(key)
        if cached is not None:
            return cached
        if time.monotonic() > deadline:
            return build()
    try:
        cached = cache.get(key)  # built while this request waited for the lock
        if cached is None:
            cached = build()
            if cached is not None:
                cache.set(key, cached, BODY_TIMEOUT)
        return cached
    finally:
        cache.delete(lock)


def cached_for_visitors(key_extra=None):
    """Cache a public GET view's 200 body, gzipped, for anonymous visitors.

    The key is `visitor_key` with `key_extra(request)` (e.g. the visitor's units). Signed-in
    users (staff see drafts) are never served from, nor stored into, this cache. Only one
    request at a time builds a missing body (`build_once`).
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            extra = key_extra(request) if key_extra else ""
            key = visitor_key(request, "body", extra)
            if key is None:
                return view(request, *args, **kwargs)
            response = None

            def build():
                nonlocal response
                response = view(request, *args, **kwargs)
                if response.status_code != 200 or response.streaming:
                    return None
                # Compressed once, here: gzip of 90,000 features costs ~1 s per request, and
                # the cache holds (and unpickles) a tenth of the bytes.
                return (compress_string(response.content), response["Content-Type"])

            cached = build_once(key, build)
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
