"""Photos in templates: an <img> with srcset, sizes and dimensions, never the original file.

    {% load photos %}
    {% photo_img photo "card" %}
    {% photo_img photo "gallery" sizes="(min-width: 900px) 50vw, 100vw" alt="…" %}
    {% photo_img photo "full" loading="eager" %}

or, without loading the library, the include it renders:

    {% include "includes/photo.html" with photo=location.cover size="card" %}

Sizes: "card" (4:3 crop, 480 and 960 wide), "gallery" (800 and 1600 wide, uncropped),
"full" (1600 and 2048 wide, uncropped). See locations.photos.thumbnails.
"""

from dataclasses import dataclass

from django import template

from locations.photos.thumbnails import DEFAULT_SIZES_ATTRIBUTE, thumbnail_url, variants

register = template.Library()


@dataclass(frozen=True)
class PhotoSources:
    """What an <img> needs for one photo at one size."""

    src: str
    srcset: str
    sizes: str
    width: int
    height: int


@register.simple_tag
def photo_sources(photo, size: str = "card") -> PhotoSources | None:
    """The `src` (smallest thumbnail), `srcset`, default `sizes` and the `width`/`height` of
    `photo` at `size`; None without a photo. Reads no file and runs no query."""
    if photo is None or not photo.image:
        return None
    size = size or "card"
    candidates = variants(photo.width, photo.height, size)
    urls = [thumbnail_url(photo, v.thumbnail.name) for v in candidates]
    return PhotoSources(
        src=urls[0],
        srcset=", ".join(f"{url} {v.width}w" for url, v in zip(urls, candidates, strict=True)),
        sizes=DEFAULT_SIZES_ATTRIBUTE[size],
        width=candidates[0].width,
        height=candidates[0].height,
    )


@register.inclusion_tag("includes/photo.html")
def photo_img(photo, size="card", *, alt=None, sizes="", loading="lazy", css_class=""):
    """The <img> for `photo` at `size` (see includes/photo.html). `alt` defaults to the
    photo's caption or owner; pass alt="" for a purely decorative image."""
    return {
        "photo": photo,
        "size": size,
        "alt": alt,
        "alt_given": alt is not None,
        "sizes": sizes,
        "loading": loading,
        "class": css_class,
    }
