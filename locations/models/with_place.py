"""What a place's page reads in the place's own statement: its tags' keys and its gallery.

A place's page read its tags and its photos in two queries of their own, and each query cost
Django about a millisecond to build, compile and turn into instances for well under 0.1 ms of
SQL (docs/performance.md, eighteenth and nineteenth rounds). These expressions read both as
columns of the place's row: one correlated subquery each, written out as
`locations.geo.GreatCircleKm` is, since the same subqueries built from querysets cost as
much to compile as the queries they replace. Django 5.2 has no string or JSON aggregate
that both engines share, so each writes SQLite's and PostgreSQL's own.
"""

import orjson
from django.db import models

from .photos import Photo


class _PlaceSubquery(models.Func):
    """A correlated subquery over a table with a foreign key to the place: `select` (with
    `{table}` and `{column}` names filled in) over the rows of `model` whose `field` is the
    outer place, `where` added."""

    output_field = models.TextField()
    model: type[models.Model]
    field = "location"
    where = ""

    def __init__(self):
        super().__init__(models.F("pk"))

    def select(self, connection, table: str, column) -> str:
        raise NotImplementedError

    def as_sql(self, compiler, connection, **extra_context):
        place_sql, params = compiler.compile(self.get_source_expressions()[0])
        meta = self.model._meta
        quote = connection.ops.quote_name
        table = quote(meta.db_table)

        def column(name: str) -> str:
            return f"{table}.{quote(meta.get_field(name).column)}"

        where = f" AND {column(self.where)}" if self.where else ""
        owner = column(self.field)
        select = self.select(connection, table, column)
        # Names from the models' meta, quoted; the place's column compiled by Django.
        sql = f"(SELECT {select} FROM {table} WHERE {owner} = {place_sql}{where})"  # noqa: S608
        return sql, params


class TagKeys(_PlaceSubquery):
    """The keys of a place's tags as one comma-separated text (NULL when it has none), in
    no particular order: `GROUP_CONCAT` on SQLite, `STRING_AGG` on PostgreSQL."""

    @property
    def model(self):
        from .locations import Location

        return Location.tags.through

    def select(self, connection, table, column):
        if connection.vendor == "postgresql":
            return f"STRING_AGG(({column('tag')})::text, ',')"
        return f"GROUP_CONCAT({column('tag')})"


# What the gallery draws of a photo (`_detail.html`, includes/photo.html, photo_sources), in
# the model's field order, which `Model.from_db` expects of a row with deferred fields.
_DRAWN = {"id", "location_id", "image", "width", "height", "caption", "credit"}
_GALLERY = tuple(f.attname for f in Photo._meta.concrete_fields if f.attname in _DRAWN)
_ROW = (*_GALLERY, "is_cover", "order")  # and the gallery's order, `for_gallery`'s


class GalleryRows(_PlaceSubquery):
    """The photos of a place's gallery (`PhotoQuerySet.for_gallery`: thumbnails made) as one
    JSON array of rows of `_ROW`, in no particular order (`gallery_photos` sorts them); NULL
    or an empty array when it has none."""

    model = Photo
    where = "thumbnails_ready"

    def select(self, connection, table, column):
        fields = ", ".join(column(name) for name in _ROW)
        if connection.vendor == "postgresql":
            return f"JSON_AGG(JSON_BUILD_ARRAY({fields}))::text"
        return f"JSON_GROUP_ARRAY(JSON_ARRAY({fields}))"


def gallery_photos(location) -> list[Photo]:
    """The gallery of `location` as `location.photos.for_gallery()` gives it (cover first,
    then the fixers' order), from the `GalleryRows` read with the place: no query. Each photo
    knows its place, as the related manager's do."""
    count = len(_GALLERY)
    rows = orjson.loads(location.gallery_rows or "[]")
    # (-is_cover, order, pk): booleans and small integers sort the same in Python and SQL.
    rows.sort(key=lambda row: (not row[count], row[count + 1], row[0]))
    photos = []
    for row in rows:
        photo = Photo.from_db(Photo.objects.db, _GALLERY, row[:count])
        photo.location = location
        photos.append(photo)
    return photos
