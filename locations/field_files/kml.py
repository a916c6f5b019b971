"""A FieldTrip as KML 2.2 for Google Earth: a folder per day, a placemark per stop."""

from fastkml import KML, Document, Folder, Placemark, TimeSpan, TimeStamp
from fastkml.times import KmlDateTime
from pygeoif.geometry import Point

CONTENT_TYPE = "application/vnd.google-earth.kml+xml"


def _times(point):
    if point.starts is None:
        return None
    if point.ends and point.ends != point.starts:
        return TimeSpan(begin=KmlDateTime(point.starts), end=KmlDateTime(point.ends))
    return TimeStamp(timestamp=KmlDateTime(point.starts))


def to_kml(trip) -> bytes:
    """The KML document (UTF-8): the trip's description lists the stops not on the map."""
    folders = []
    for group in trip.groups:
        placemarks = [
            Placemark(
                id=f"stop-{point.number}",
                name=f"{point.number}. {point.title}",
                address=point.address or None,
                description=point.description or None,
                times=_times(point),
                # KML and GeoJSON put longitude first.
                geometry=Point(point.coordinates[1], point.coordinates[0]),
            )
            for point in group.located
        ]
        folders.append(Folder(name=group.name, features=placemarks))
    document = Document(
        name=trip.title, description=trip.full_description or None, features=folders
    )
    body = KML(features=[document]).to_string(prettyprint=True)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body.encode()
