"""GPX 1.1 of a walk for phones (OsmAnd, Organic Maps, Gaia...): route, track and waypoints.

Apps differ in what they import: some read only routes (``<rte>``, a list of places to go
to), several only tracks (``<trk>``, the line to follow), so the file carries both.
"""

from __future__ import annotations

from collections.abc import Callable

import gpxpy.gpx

from geo.fieldwork.routes import Route
from geo.i18n import N_


def export_gpx(
    route: Route, *, name: str = "Walkabout", translate: Callable[[str], str] = str
) -> bytes:
    """The walk as GPX: a ``<rte>`` and a ``<trk>`` branch -> stops -> branch, a ``<wpt>`` per stop.

    The track follows the streets where the route was planned on a street graph, and
    straight lines between stops otherwise.

    Parameters
    ----------
    route : Route
        The planned walk.
    name : str, optional
        Name shown by the phone app.
    translate : callable, optional
        Turns the file's own words ("Start", "End", "along streets") into the reader's
        language; names of places stay as recorded.

    Returns
    -------
    bytes
        UTF-8 GPX 1.1 document.
    """
    tr = translate
    gpx = gpxpy.gpx.GPX()
    gpx.name = name
    gpx.creator = "Welcome Atlas"
    rte = gpxpy.gpx.GPXRoute(name=name)
    start = route.start
    rte.points.append(
        gpxpy.gpx.GPXRoutePoint(
            start.lat, start.lon, name=tr(N_("Start: {place}")).format(place=start.label)
        )
    )
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
    rte.points.append(
        gpxpy.gpx.GPXRoutePoint(
            start.lat, start.lon, name=tr(N_("End: {place}")).format(place=start.label)
        )
    )
    gpx.routes.append(rte)
    streets = any(leg.path for leg in route.legs)
    along = tr(N_("{name} (along streets)")).format(name=name)
    track = gpxpy.gpx.GPXTrack(name=along if streets else name)
    track.segments.append(
        gpxpy.gpx.GPXTrackSegment([gpxpy.gpx.GPXTrackPoint(lat, lon) for lat, lon in route.line()])
    )
    gpx.tracks.append(track)
    return gpx.to_xml(version="1.1").encode("utf-8")
