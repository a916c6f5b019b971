"""A FieldTrip as GeoJSON (RFC 7946): a Point feature per stop with coordinates."""

import geojson

CONTENT_TYPE = "application/geo+json"


def to_geojson(trip) -> bytes:
    """A FeatureCollection; `name`, `description` and `unlocated` are foreign members
    (RFC 7946 §6.1) that carry the title and the stops that are not on the map."""
    features = [
        geojson.Feature(
            id=point.number,
            geometry=geojson.Point(
                (round(point.coordinates[1], 6), round(point.coordinates[0], 6))
            ),
            properties={
                "number": point.number,
                "name": point.name,
                "name_ja": point.name_ja,
                "group": group.name,
                "date": group.day.isoformat() if group.day else None,
                "starts": point.starts.isoformat() if point.starts else None,
                "ends": point.ends.isoformat() if point.ends else None,
                "address": point.address,
                "notes": point.notes,
                "url": point.url,
            },
        )
        for group in trip.groups
        for point in group.located
    ]
    unlocated = [
        {"number": point.number, "name": point.name, "group": group.name, "address": point.address}
        for group, point in trip.unlocated
    ]
    collection = geojson.FeatureCollection(
        features, name=trip.title, description=trip.full_description, unlocated=unlocated
    )
    return geojson.dumps(collection, ensure_ascii=False).encode()
