"""An area's title is English text that the profile page says in the reader's language."""

from shapely.geometry import box

from geo.analysis.catchments import HAND_PICKED, describe_selection
from geo.i18n import translator
from tests.analysis.conftest import GEOIDS, lonlat


def test_catchment_title_reads_in_english_and_in_spanish_with_the_radius_as_written(grid_area):
    _, title, rule = describe_selection(
        grid_area.tracts, grid_area.branches, branch_id="BR-1", radius_m=1500.0
    )
    assert title == "Within 1,500 m of Centre Branch"  # English where geo prints it
    assert title.in_language("es") == "A menos de 1.500 m de Centre Branch"  # the name as recorded
    assert title.in_language("fr") == "À moins de 1\u202f500\u202fm de Centre Branch"
    assert "Centre Branch" in title.in_language("ar") and "1,500" in title.in_language("ar")
    assert rule.startswith("A tract is counted")


def test_point_drawn_and_hand_picked_titles_are_translated(grid_area):
    lon, lat = lonlat(1500, 1500)
    _, point, _ = describe_selection(
        grid_area.tracts, grid_area.branches, lat=lat, lon=lon, radius_m=500.0
    )
    assert point.startswith("Within 500 m of point ")
    assert point.in_language("es").startswith("A menos de 500 m de punto ")
    assert f"{lat:.5f}, {lon:.5f}" in point.in_language("es")  # coordinates keep their point

    corner = box(*lonlat(0, 0), *lonlat(3000, 3000))
    _, drawn, _ = describe_selection(grid_area.tracts, grid_area.branches, shape=corner)
    assert (drawn, drawn.in_language("es")) == ("Drawn area", "Área dibujada")

    _, picked, rule = describe_selection(grid_area.tracts, None, geoids=GEOIDS[:2])
    assert picked == "2 hand-picked tracts"
    assert picked.in_language("es") == "2 sectores censales elegidos a mano"
    _, one, _ = describe_selection(grid_area.tracts, None, geoids=GEOIDS[:1])
    assert one.in_language("es") == "1 sector censal elegido a mano"
    assert translator("es").gettext(rule) == "Sectores censales elegidos uno a uno."
    assert rule == HAND_PICKED
