"""Photos of locations and studios: safe to accept, clean to store, light to serve.

- `locations.photos.images`: decode an upload (JPEG, PNG, WebP, HEIC; size and pixel limits),
  read its GPS position, re-encode it without metadata (`prepare_photo`).
- `locations.photos.thumbnails`: the WebP sizes the templates use (django-imagekit specs on
  `Photo`), their dimensions, and `generate_thumbnails`.
- `locations.photos.services`: `add_photo`, `set_cover`, `use_gps_position`: the only ways
  the admin and the demo loader write photos.
- Templates: `{% include "includes/photo.html" with photo=… size="card" %}` or
  `{% load photos %}{% photo_img photo "card" %}` (locations.templatetags.photos).

Submodules are imported by name (the models import `thumbnails`, and `services` imports the
models), so this package's __init__ stays empty of imports.
"""
