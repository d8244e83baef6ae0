"""A link reopens the same view: AppTest opens the app with a query string, the widgets show
it, and the query string written back matches what is on screen."""

from __future__ import annotations


def _widget(at, label):
    return next(w for w in [*at.sidebar.multiselect, *at.sidebar.slider] if w.label == label)


def test_a_link_restores_filters_and_map_choices(app):
    at = app(
        query={
            "language": ["es", "ar"],
            "category": "legal",
            "arrived": "25",
            "indicator": "noncitizen_share",
            "breaks": "natural_breaks",
            "radius": "1500",
        }
    )
    assert not at.exception
    assert _widget(at, "Languages served").value == ["es", "ar"]
    assert _widget(at, "Service categories").value == ["legal"]
    assert _widget(at, "At least % arrived 2010 or later").value == 25
    # The map page's widgets (whatever their kind) hold the link's values.
    assert at.session_state["map.indicator"] == "noncitizen_share"
    assert at.session_state["map.scheme"] == "natural_breaks"
    assert at.session_state["map.radius_m"] == 1500
    assert not at.info or all("link" not in i.value for i in at.info)
    assert at.query_params["language"] == ["es", "ar"]
    assert at.query_params["indicator"] == "noncitizen_share"
    assert at.query_params["radius"] == "1500"


def test_changing_a_filter_updates_the_link(app):
    at = app()
    assert "indicator" not in at.query_params  # the default view has a plain link
    at.selectbox(key="map.indicator").select("noncitizen_share").run()
    _widget(at, "At least % non-citizens").set_value(10).run()
    assert at.query_params["indicator"] == "noncitizen_share"
    assert at.query_params["noncitizen"] == "10"


def test_a_bad_link_opens_the_default_view_with_a_note(app):
    at = app(
        query={
            "indicator": "<script>alert(1)</script>",
            "radius": "99999",
            "language": ["es", "zz"],
            "country": "Narnia",
            "utm_source": "newsletter",
        }
    )
    assert not at.exception
    assert at.session_state["map.indicator"] == "foreign_born_share"
    assert at.session_state["map.radius_m"] == 1000
    assert _widget(at, "Languages served").value == ["es"]
    assert _widget(at, "Countries of origin").value == []
    notes = " ".join(i.value for i in at.info)
    for dropped in ("indicator", "radius", "zz", "Narnia", "utm\\_source"):
        assert dropped in notes, dropped


def test_a_link_naming_a_page_opens_that_page(app):
    at = app(role="viewer", query={"page": "assets", "language": "es"})
    assert not at.exception
    assert [t.value for t in at.title] == ["Asset directory"]
    assert _widget(at, "Languages served").value == ["es"]
