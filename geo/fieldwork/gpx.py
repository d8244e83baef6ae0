"""GPX 1.1 of a walk for phones (OsmAnd, Organic Maps, Gaia...): a route plus waypoints."""

from __future__ import annotations

import gpxpy.gpx

from geo.fieldwork.routes import Route


def export_gpx(route: Route, *, name: str = "Walkabout") -> bytes:
    """The walk as GPX: one ``<rte>`` branch -> stops -> branch, one ``<wpt>`` per stop.

    Parameters
    ----------
    route : Route
        The planned walk.
    name : str, optional
        Name shown by the phone app.

    Returns
    -------
    bytes
        UTF-8 GPX 1.1 document.
    """
    gpx = gpxpy.gpx.GPX()
    gpx.name = name
    gpx.creator = "Welcome Atlas"
    rte = gpxpy.gpx.GPXRoute(name=name)
    start = route.start
    rte.points.append(gpxpy.gpx.GPXRoutePoint(start.lat, start.lon, name=f"Start: {start.label}"))
    for number, stop in enumerate(route.stops, start=1):
        label = f"{number}. {stop.label}"
        rte.points.append(gpxpy.gpx.GPXRoutePoint(stop.lat, stop.lon, name=label))
        gpx.waypoints.append(
            gpxpy.gpx.GPXWaypoint(
                stop.lat,
                stop.lon,
                name=label,
                description="; ".join(p for p in (stop.address, stop.languages, stop.services) if p)
                or None,
            )
        )
    rte.points.append(gpxpy.gpx.GPXRoutePoint(start.lat, start.lon, name=f"End: {start.label}"))
    gpx.routes.append(rte)
    if any(leg.path for leg in route.legs):
        track = gpxpy.gpx.GPXTrack(name=f"{name} (streets)")
        segment = gpxpy.gpx.GPXTrackSegment(
            [gpxpy.gpx.GPXTrackPoint(lat, lon) for lat, lon in route.line()]
        )
        track.segments.append(segment)
        gpx.tracks.append(track)
    return gpx.to_xml(version="1.1").encode("utf-8")
