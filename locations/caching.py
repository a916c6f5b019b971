"""The catalogue version, and cached public GeoJSON bodies keyed by it (issue 6).

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
import uuid
from functools import wraps

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string
from django.utils.translation import get_language

VERSION_KEY = "rokehan:catalogue-version"
BODY_TIMEOUT = 300


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


def cached_for_visitors(key_extra=None):
    """Cache a public GET view's 200 body, gzipped, for anonymous visitors.

    The key is the path, the query string, the language, the catalogue version and
    `key_extra(request)` (e.g. the visitor's units). Signed-in users (staff see drafts) are
    never served from, nor stored into, this cache.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.user.is_authenticated:
                return view(request, *args, **kwargs)
            parts = [
                request.path,
                request.GET.urlencode(),
                get_language() or "",
                catalogue_version(),
                key_extra(request) if key_extra else "",
            ]
            key = "rokehan:body:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()
            cached = cache.get(key)
            if cached is None:
                response = view(request, *args, **kwargs)
                if response.status_code != 200 or response.streaming:
                    return response
                # Compressed once, here: gzip of 90,000 features costs ~1 s per request, and
                # the cache holds (and unpickles) a tenth of the bytes.
                cached = (compress_string(response.content), response["Content-Type"])
                cache.set(key, cached, BODY_TIMEOUT)
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
