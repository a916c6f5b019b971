"""A FieldTrip as GPX 1.1: a waypoint per stop with coordinates, a route per day."""

import gpxpy.gpx

CONTENT_TYPE = "application/gpx+xml"
CREATOR = "Rokehan"


def to_gpx(trip) -> bytes:
    """The GPX document (UTF-8): metadata's description lists the stops not on the map."""
    gpx = gpxpy.gpx.GPX()
    gpx.creator = CREATOR
    gpx.name = trip.title
    gpx.description = trip.full_description or None
    for group in trip.groups:
        for point in group.located:
            gpx.waypoints.append(
                gpxpy.gpx.GPXWaypoint(
                    latitude=point.coordinates[0],
                    longitude=point.coordinates[1],
                    name=f"{point.number}. {point.title}",
                    description=point.description or None,
                    time=point.starts,
                    type=group.name,
                )
            )
        if group.route and group.located:
            route = gpxpy.gpx.GPXRoute(name=group.name)
            route.points = [
                gpxpy.gpx.GPXRoutePoint(
                    latitude=point.coordinates[0],
                    longitude=point.coordinates[1],
                    name=f"{point.number}. {point.title}",
                    time=point.starts,
                )
                for point in group.located
            ]
            gpx.routes.append(route)
    return gpx.to_xml(version="1.1").encode()
