"""A slide's map as tables and text: the same rows and classes the slide draws, in the
reader's language (words and numbers), data as recorded; the presenter's refusals too."""

import re
from collections import Counter, defaultdict

import folium
import pytest
from sqlalchemy.orm import Session

from geo.errors import AssetNotFound, ValidationError, VendorAssetsMissing
from geo.i18n import translator
from geo.presenter import stories
from geo.presenter.export_html import standalone_map_html
from geo.presenter.slide_map import build_slide_map, compute_slide
from geo.presenter.slide_tables import build_slide_tables


def _slide(demo_loader, organizations, view, code="en"):
    catalog = translator(code)
    area, outlines = demo_loader(view.study_area)
    figures = compute_slide(area, organizations, view, catalog.gettext, code)
    m = build_slide_map(area, outlines, figures, view, translate=catalog.gettext, code=code)
    tables = build_slide_tables(
        area, outlines, figures, view, translate=catalog.gettext, n_=catalog.ngettext, code=code
    )
    return m, tables


def _drawn(m: folium.Map) -> tuple[set[frozenset[str]], int, list[str], list[str]]:
    """What the map draws: tract GEOIDs grouped by fill colour, how many tracts are faded
    (dashed), the points' names."""
    layers = [c for c in m._children.values() if isinstance(c, folium.GeoJson)]
    colours: dict[str, set[str]] = defaultdict(set)
    styles = [(f["id"], layers[0].style_function(f)) for f in layers[0].data["features"]]
    for geoid, style in styles:
        colours[style["fillColor"]].add(geoid)
    labels = [f["properties"].get("label", "") for g in layers for f in g.data["features"]]
    return (
        {frozenset(g) for g in colours.values()},
        sum(style["dashArray"] is not None for _, style in styles),
        [x.removeprefix("Organization site: ") for x in labels if x.startswith("Organization")],
        [x.removeprefix("Library branch: ") for x in labels if x.startswith("Library")],
    )


@pytest.mark.parametrize("slide", [0, 1])
def test_the_tables_hold_what_the_slide_map_draws(
    demo_story, demo_loader, demo_organizations, slide
):
    view = demo_story.slides[slide].view
    m, tables = _slide(demo_loader, demo_organizations, view)
    classes, faded, organizations, branches = _drawn(m)
    assert set(tables.tracts.groupby("Map class")["GEOID"].agg(frozenset)) == classes
    assert f"faded with a dashed outline: unreliable estimate ({faded} tracts)" in tables.legend
    assert Counter(tables.organizations["Organization"]) == Counter(organizations)
    assert sorted(tables.branches["Branch"]) == sorted(branches)
    assert len(tables.tracts) == len(demo_loader("demo")[1])
    # public fields only, as on the slide: no phone, hours or website of an organization
    assert list(tables.organizations.columns) == [
        "Organization",
        "Services",
        "Languages",
        "Latitude",
        "Longitude",
        "Organization id",
    ]
    assert f"orange circles: matching organizations ({len(organizations):,} drawn)" in (
        tables.legend
    )


def test_the_second_slide_has_its_own_organizations(demo_story, demo_loader, demo_organizations):
    first = _slide(demo_loader, demo_organizations, demo_story.slides[0].view)[1]
    legal = _slide(demo_loader, demo_organizations, demo_story.slides[1].view)[1]
    assert 0 < len(legal.organizations) < len(first.organizations)
    assert set(legal.organizations["Services"]) == {"Immigration legal help"}


def test_a_french_slide_speaks_french_and_keeps_the_names(
    demo_story, demo_loader, demo_organizations
):
    view = demo_story.slides[0].view
    english = _slide(demo_loader, demo_organizations, view)[1]
    m, french = _slide(demo_loader, demo_organizations, view, "fr")
    page = _page(m)
    tips = [f["properties"]["tip"] for f in next(iter(_geojson(m))).data["features"]]
    assert "Part de la population née à l&#x27;étranger : <b>33,7\xa0%</b> ± 5,9\xa0%" in tips[0]
    assert "Fiabilité élevée" in tips[0] and "High reliability" not in page
    assert "Bibliothèque de quartier : Riverton Central Library" in page  # a branch's name
    assert 'aria-label="Légende"' in page and "≤ 31,7\xa0%" in page and "≤ 31.7%" not in page
    assert "non disponible" in page and "not available" not in page
    assert list(french.tracts.columns[:2]) == ["GEOID", "Secteur de recensement"]
    assert french.legend[1] == "classe 1 : ≤ 31,7\xa0% (37 secteurs)"
    # data stays as recorded: names and tract names, in the same rows
    assert list(french.organizations["Organisme"]) == list(english.organizations["Organization"])
    assert list(french.tracts["Secteur de recensement"]) == list(english.tracts["Tract"])


def test_an_arabic_slide_has_arabic_words(demo_story, demo_loader, demo_organizations):
    m, arabic = _slide(demo_loader, demo_organizations, demo_story.slides[0].view, "ar")
    page = _page(m)
    assert 'aria-label="وسيلة الإيضاح"' in page and "فرع المكتبة: Millbrook Branch" in page
    for english in ("Legend", "Library branch: ", "Organization site: ", "not available"):
        assert english not in page, english
    assert arabic.organizations.columns[0] == "المنظمة"
    assert arabic.legend[0].startswith("نسبة المولودين في الخارج من السكان (")
    assert arabic.legend[0].endswith("، من اللون الأفتح إلى الأغمق:")


def _geojson(m):
    return (c for c in m._children.values() if isinstance(c, folium.GeoJson))


def _page(m: folium.Map) -> str:
    """The map's page as the browser reads it (JSON's \\uXXXX escapes undone)."""
    page = m.get_root().render()
    return re.sub(r"\\u([0-9a-f]{4})", lambda x: chr(int(x.group(1), 16)), page)


def test_a_missing_story_or_slide_is_said_in_the_readers_language(engine):
    with Session(engine) as session, pytest.raises(AssetNotFound) as missing:
        stories.load_story(session, 4321)
    assert str(missing.value) == "No story has the id 4321; reload the list of stories."
    assert missing.value.in_language("fr") == (
        "Aucun récit n'a l'identifiant 4321 ; rechargez la liste des récits."
    )
    with Session(engine) as session, session.begin():
        story_id = stories.create_story(session, "Workshop", user="a")
    with Session(engine) as session, pytest.raises(AssetNotFound) as gone:
        stories.remove_slide(session, story_id, 1234, user="a")
    assert gone.value.in_language("es").startswith("La historia ya no tiene la diapositiva 1234")
    with Session(engine) as session, pytest.raises(ValidationError) as empty:
        stories.create_story(session, " ", user="a")
    assert empty.value.in_language("ar") == "تحتاج القصة إلى اسم، مثل «ورشة الربيع»."


def test_missing_leaflet_is_said_in_the_readers_language(tmp_path):
    with pytest.raises(VendorAssetsMissing) as missing:
        standalone_map_html(folium.Map(), tmp_path)
    assert str(missing.value).startswith("Leaflet is missing from ")
    assert missing.value.in_language("zh").endswith("请先运行 `python -m geo vendor`。")


def test_a_slide_map_is_named_for_screen_readers_in_its_language(
    demo_story, demo_loader, demo_organizations
):
    from geo.maps.frame_title import frame_title

    view = demo_story.slides[0].view
    english = _slide(demo_loader, demo_organizations, view)[0]
    arabic = _slide(demo_loader, demo_organizations, view, "ar")[0]
    assert frame_title(english) == "Presenter slide: map of tracts, organizations and branches"
    assert frame_title(arabic) == "شريحة العرض التقديمي: خريطة المقاطع الإحصائية والمنظمات والفروع"
