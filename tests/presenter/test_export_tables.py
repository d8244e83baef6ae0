"""The exported story carries each slide's map as text and tables, like the in-app slide:
under each caption a <details> with the legend as text and the tracts (indicator ± MOE,
reliability, class), organizations and branches as <table>s with a <caption> and <th scope>,
in the exporter's language, right to left in Arabic, names typed by users escaped."""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd
import pytest

from geo.i18n import format_number, translator
from geo.presenter.build import story_html
from geo.presenter.export_tables import table_html
from geo.presenter.slide_map import compute_slide
from geo.presenter.slide_tables import build_slide_tables

HOSTILE = "<img src=x onerror=alert(1)>"


class _Deck(HTMLParser):
    """Per slide (``<section data-index>``): its summary, legend lines and tables."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.html_attrs: dict[str, str | None] = {}
        self.slides: list[dict] = []
        self._text: list[str] | None = None
        self._cell: dict | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if tag == "html":
            self.html_attrs = attrs
        elif tag == "section":
            self.slides.append({"summary": "", "legend": [], "tables": []})
        elif tag == "table":
            self.slides[-1]["tables"].append({"caption": "", "head": [], "rows": []})
        elif tag == "tr":
            table = self.slides[-1]["tables"][-1]
            table["rows" if table["head"] else "head"].append([])
        elif tag in ("th", "td", "caption", "summary", "li", "p"):
            self._text = []
            self._cell = {"tag": tag, "scope": attrs.get("scope")}

    def handle_endtag(self, tag):
        if self._cell is None or tag != self._cell["tag"]:
            return
        text = "".join(self._text or [])
        slide = self.slides[-1] if self.slides else None
        if tag in ("th", "td"):
            table = slide["tables"][-1]
            (table["rows"] or table["head"])[-1].append((text, tag, self._cell["scope"]))
        elif tag == "caption":
            slide["tables"][-1]["caption"] = text
        elif tag == "summary":
            slide["summary"] = text
        elif tag in ("li", "p") and slide and slide["summary"]:
            slide["legend"].append(text)
        self._text, self._cell = None, None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


@pytest.fixture(scope="module")
def hostile_organizations(demo_organizations):
    legal = demo_organizations[demo_organizations["category"] == "legal"].iloc[[0]]
    evil = legal.assign(name=HOSTILE, organization_id="ORG-EVIL")
    return pd.concat([demo_organizations, evil], ignore_index=True)


_EXPORTED: dict[str, tuple[str, _Deck]] = {}  # language -> (html, parsed): same story


def _deck(story, loader, organizations, language) -> tuple[str, _Deck]:
    if language not in _EXPORTED:
        html = story_html(story, loader, organizations, language=language)
        deck = _Deck()
        deck.feed(html)
        _EXPORTED[language] = html, deck
    return _EXPORTED[language]


def _expected(story, loader, organizations, language, index):
    catalog = translator(language)
    view = story.slides[index].view
    area, outlines = loader(view.study_area)
    figures = compute_slide(area, organizations, view, catalog.gettext, language)
    return build_slide_tables(
        area, outlines, figures, view, translate=catalog.gettext, n_=catalog.ngettext,
        code=language,
    )  # fmt: skip


def _column(table: dict, heading: str) -> list[str]:
    at = [text for text, _, _ in table["head"][0]].index(heading)
    return [row[at][0] for row in table["rows"]]


@pytest.mark.parametrize("index", [0, 1])
def test_each_slide_has_its_tracts_organizations_and_branches_as_tables(
    demo_story, demo_loader, hostile_organizations, index
):
    html, deck = _deck(demo_story, demo_loader, hostile_organizations, "en")
    expected = _expected(demo_story, demo_loader, hostile_organizations, "en", index)
    slide = deck.slides[index]
    assert slide["summary"] == (
        "This slide's map as text and tables (legend, tracts, organizations)"
    )
    tracts, organizations, branches = slide["tables"]
    assert tracts["caption"] == f"Tracts ({len(expected.tracts)})"
    assert _column(tracts, "GEOID") == list(expected.tracts["GEOID"])
    assert len(tracts["rows"]) == len(demo_loader("demo")[1]) == 186
    label = expected.tracts.columns[2]  # the slide's indicator, in percent
    assert [text for text, _, _ in tracts["head"][0]] == list(expected.tracts.columns)
    assert all(scope == "col" for _, _, scope in tracts["head"][0])
    first = expected.tracts.iloc[0]
    assert tracts["rows"][0][1] == (first["Tract"], "th", "row")  # the row's name
    assert tracts["rows"][0][2][0] == f"{first[label]:.1f}"
    assert tracts["rows"][0][4][0] == first["Reliability"]
    assert tracts["rows"][0][5][0] == first["Map class"]
    assert _column(organizations, "Organization") == list(expected.organizations["Organization"])
    assert HOSTILE in _column(organizations, "Organization")  # shown as typed, as text
    assert sorted(_column(branches, "Branch")) == sorted(expected.branches["Branch"])
    assert slide["legend"] == [
        f"Legend of the map: {expected.legend[0]}",
        *expected.legend[1:],
    ]


def test_a_hostile_organization_name_is_escaped_everywhere(
    demo_story, demo_loader, hostile_organizations
):
    html, deck = _deck(demo_story, demo_loader, hostile_organizations, "en")
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert HOSTILE not in html and "img" not in deck.tags
    assert deck.tags.count("script") == 1  # the deck's own; the maps are data in it
    assert deck.tags.count("details") == len(demo_story.slides)


def test_an_arabic_story_has_arabic_tables_read_right_to_left(
    demo_story, demo_loader, hostile_organizations
):
    html, deck = _deck(demo_story, demo_loader, hostile_organizations, "ar")
    tr = translator("ar").gettext
    assert deck.html_attrs == {"lang": "ar", "dir": "rtl"}
    expected = _expected(demo_story, demo_loader, hostile_organizations, "ar", 1)
    slide = deck.slides[1]
    assert slide["summary"] == tr(
        "This slide's map as text and tables (legend, tracts, organizations)"
    )
    assert slide["summary"].startswith("خريطة")
    tracts, organizations, _ = slide["tables"]
    assert tracts["caption"] == tr("Tracts ({count})").format(count=format_number(186, "ar"))
    assert [text for text, _, _ in tracts["head"][0]] == list(expected.tracts.columns)
    assert _column(tracts, "GEOID") == list(expected.tracts["GEOID"])
    assert tr("Reliability") in [text for text, _, _ in tracts["head"][0]]
    assert HOSTILE in _column(organizations, tr("Organization"))
    assert "Reliability" not in html and "Legend of the map" not in html
    assert slide["legend"][0].startswith(tr("Legend of the map: {legend}")[:10])


def test_table_cells_are_escaped_isolated_and_written_in_the_language():
    table = pd.DataFrame(
        {"Name": ["<b>Club</b>", None], "Share (%)": [12.5, float("nan")], "Id": [1001, 7]}
    )
    html = table_html(table, "Clubs & <friends>", row_header="Name", code="fr")
    assert "<caption>Clubs &amp; &lt;friends&gt;</caption>" in html
    assert '<th scope="row"><bdi>&lt;b&gt;Club&lt;/b&gt;</bdi></th>' in html
    assert '<td class="num" data-v="12.5">12,5</td>' in html  # sorted by its value
    assert '<td class="num" data-v="">—</td>' in html
    assert '<th scope="col"><button type="button">Share (%)</button></th>' in html
    assert "<td><bdi>1001</bdi></td>" in html  # an id is not a quantity: no separators
