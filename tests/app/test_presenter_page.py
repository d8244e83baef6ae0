"""The presenter page as staff and visitors drive it (AppTest)."""

import json
import os
from dataclasses import replace

from geo.filters import Filters
from geo.view import View


def _button(at, label):
    return next(b for b in at.button if b.label == label)


def _saved_views(at):
    """The views of every stored slide, read from the app's own database."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from geo.presenter import stories

    engine = create_engine(os.environ["DATABASE_URL"])
    with Session(engine) as session:
        listed = stories.list_stories(session)
        views = [s.view for i, _ in listed for s in stories.load_story(session, i).slides]
    engine.dispose()
    return views


def _save_a_slide(app):
    """An editor sets a view on the asset map (link position, sidebar, map choices), then
    saves it from the presenter page; the map then moves on to something else."""
    at = app(role="editor", query={"at": "41.01234,-44.98765,14"})
    # A filter reruns the map part alone; AppTest's tree then lacks the sidebar: run it all.
    at.sidebar.multiselect(key="filters.countries").set_value(["Bangladesh"]).run().run()
    at.sidebar.multiselect(key="filters.languages").set_value(["bn"]).run().run()
    at.sidebar.multiselect(key="filters.categories").set_value(["legal", "english"]).run().run()
    for name, pct in THRESHOLDS.items():
        at.sidebar.slider(key=f"filters.{name}").set_value(pct).run().run()
    at.selectbox(key="map.indicator").set_value("limited_english_share").run()
    at.selectbox(key="map.scheme").set_value("natural_breaks").run()
    at.slider(key="map.radius_m").set_value(1500).run()
    at.switch_page("pages/presenter.py").run()
    assert not at.exception
    at.text_input(key="presenter.new_name").set_value("Spring workshop")
    _button(at, "Create story").click().run()
    shown = " ".join(c.value for c in at.caption)
    for words in ("Bengali", "Immigration legal help", "arrived 2010\\+ ≥ 25%", "zoom 14"):
        assert words in shown, words
    at.text_input(key="presenter.caption").set_value("Limited English and legal help")
    _button(at, "Save this view as a slide").click().run()
    assert not at.exception
    assert any("Spring workshop · Slides: 1" in s.value for s in at.subheader)

    # somewhere else in the atlas...
    at.switch_page("pages/map_explorer.py").run()
    at.selectbox(key="map.indicator").set_value("foreign_born_share").run()
    for name in ("countries", "languages", "categories"):
        at.sidebar.multiselect(key=f"filters.{name}").set_value([]).run().run()
    for name in THRESHOLDS:
        at.sidebar.slider(key=f"filters.{name}").set_value(0).run().run()
    at.switch_page("pages/presenter.py").run()
    assert replace(at.session_state["view.current"], page="") != SAVED
    return at


THRESHOLDS = {
    "min_arrived_2010_pct": 25,
    "min_limited_english_hh_pct": 10,
    "min_noncitizen_pct": 15,
}
SAVED = View(  # every field of the shared view away from its default
    study_area="demo",
    filters=Filters(
        countries=("Bangladesh",),
        languages=("bn",),
        categories=("legal", "english"),
        min_arrived_2010_pct=25.0,
        min_limited_english_hh_pct=10.0,
        min_noncitizen_pct=15.0,
    ),
    indicator="limited_english_share",
    scheme="natural_breaks",
    radius_m=1500,
    centre=(41.01234, -44.98765),
    zoom=14,
)


def test_saving_a_slide_stores_the_whole_current_view(app):
    at = _save_a_slide(app)
    assert _saved_views(at) == [SAVED]


def test_a_reopened_slide_restores_the_saved_view(app, monkeypatch):
    at = _save_a_slide(app)
    _button(at, "Open on the map").click().run()
    assert not at.exception
    assert at.title[0].value == "Asset map"
    assert at.selectbox(key="map.indicator").value == "limited_english_share"
    assert at.selectbox(key="map.scheme").value == "natural_breaks"
    assert at.slider(key="map.radius_m").value == 1500
    for name, pct in THRESHOLDS.items():
        assert at.sidebar.slider(key=f"filters.{name}").value == pct
    assert at.sidebar.multiselect(key="filters.countries").value == ["Bangladesh"]
    assert at.sidebar.multiselect(key="filters.languages").value == ["bn"]
    assert replace(at.session_state["view.current"], page="") == SAVED  # all View fields
    # the map's own script opens it at the slide's centre and zoom, with no fit to the area
    script = json.loads(next(iter(at.get("component_instance"))).proto.json_args)["script"]
    assert "center: [41.01234, -44.98765]" in script and '"zoom": 14' in script
    assert "fitBounds" not in script
    assert at.query_params["at"] == "41.01234,-44.98765,14"


def test_a_reopened_slide_restores_the_sidebar_categories(app):
    at = _save_a_slide(app)
    _button(at, "Open on the map").click().run()
    assert at.sidebar.multiselect(key="filters.categories").value == ["legal", "english"]


def test_presenting_shows_the_slide_without_editing_controls(app):
    at = app("pages/presenter.py", role="editor")
    at.text_input(key="presenter.new_name").set_value("Workshop")
    _button(at, "Create story").click().run()
    at.text_input(key="presenter.caption").set_value("First")
    _button(at, "Save this view as a slide").click().run()
    at.text_input(key="presenter.caption").set_value("Second")
    _button(at, "Save this view as a slide").click().run()
    _button(at, "Present").click().run()
    assert not at.exception
    labels = [b.label for b in at.button]
    assert "Next ▶" in labels and "Save this view as a slide" not in labels
    assert not at.text_input  # nothing to type while presenting
    assert any("First" in m.value for m in at.markdown)
    _button(at, "Next ▶").click().run()
    assert any("Second" in m.value for m in at.markdown)
    _button(at, "Leave the presentation").click().run()
    assert at.title[0].value == "Presenter"


def test_visitors_see_stories_but_cannot_change_them(app):
    at = app("pages/presenter.py")
    assert not at.exception
    assert not any(b.label == "Create story" for b in at.button)
    assert any("No story yet" in i.value for i in at.info)


def test_editors_rename_delete_and_restore_a_story_and_read_its_history(app):
    at = app("pages/presenter.py", role="editor")
    at.text_input(key="presenter.new_name").set_value("Workshop")
    _button(at, "Create story").click().run()
    at.text_input(key="presenter.caption").set_value("First")
    _button(at, "Save this view as a slide").click().run()
    story_id = at.selectbox(key="presenter.story").value
    at.text_input(key=f"presenter.rename.{story_id}").set_value("Spring <b>workshop</b>")
    _button(at, "Rename").click().run()
    assert not at.exception
    assert at.selectbox(key="presenter.story").options == ["Spring <b>workshop</b>"]
    history = at.dataframe[-1].value
    assert list(history["Who"].unique()) == ["Editor"]
    assert list(history["What"])[:2] == ["changed", "changed"]  # newest first: rename, slide
    assert "Spring <b>workshop</b>" in list(history["New value"])

    _button(at, "Delete this story").click().run()
    assert not at.exception
    assert any("No story yet" in i.value for i in at.info)
    assert any("Spring" in m.value for m in at.markdown)  # under "Deleted stories"
    _button(at, "Restore").click().run()
    assert not at.exception
    assert at.selectbox(key="presenter.story").value == story_id
    assert at.dataframe[-1].value["What"].iloc[0] == "restored"


def test_a_change_made_from_a_stale_page_is_refused_with_who_changed_it(app):
    amira = app("pages/presenter.py", role="editor", user="amira")
    amira.text_input(key="presenter.new_name").set_value("Workshop")
    _button(amira, "Create story").click().run()
    for caption in ("First", "Second"):
        amira.text_input(key="presenter.caption").set_value(caption)
        _button(amira, "Save this view as a slide").click().run()
    bo = app("pages/presenter.py", role="editor", user="bo")
    _button(bo, "↓").click().run()  # Bo moves "First" down
    assert not bo.exception and not bo.error
    _button(amira, "Remove").click().run()  # Amira's page still shows the old order
    assert not amira.exception
    assert "changed by Bo since you opened it" in amira.error[0].value.replace("\\", "")
    amira.run()
    slides = [m.value for m in amira.markdown if m.value.startswith(("**1.**", "**2.**"))]
    assert slides == ["**1.** Second", "**2.** First"]  # Bo's order, nothing removed


def test_a_story_downloads_as_html_and_pdf(app):
    at = app("pages/presenter.py", role="editor")
    at.text_input(key="presenter.new_name").set_value("Workshop")
    _button(at, "Create story").click().run()
    at.text_input(key="presenter.caption").set_value("مساعدة قانونية")
    _button(at, "Save this view as a slide").click().run()
    _button(at, "Prepare the downloads").click().run()
    assert not at.exception and not at.error
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download the story (HTML, works offline)", "Download the handout (PDF)"]


def test_every_presenter_word_comes_through_the_catalogs(app, monkeypatch):
    """In the pseudo-locale every interface string shows as ⟦…⟧: with a story, a slide, the
    editing panels, the downloads and the full-screen deck, nothing bypassed the catalogs."""
    from geo.i18n import OPEN
    from tests.app.test_pseudo_locale import unmarked

    monkeypatch.setenv("WELCOME_ATLAS_PSEUDO_LOCALE", "1")
    at = app("pages/presenter.py", role="editor")
    at.text_input(key="presenter.new_name").set_value("Workshop")
    next(b for b in at.button if b.key == "presenter.create").click().run()
    at.text_input(key="presenter.caption").set_value("Legal help")
    next(b for b in at.button if b.key == "presenter.save").click().run()
    next(b for b in at.button if b.key == "presenter.prepare").click().run()
    assert not at.exception
    arrows = [b for b in at.button if b.label in ("↑", "↓")]  # symbols; their words are help
    assert len(arrows) == 2 and all(OPEN in b.help for b in arrows)
    assert [u for u in unmarked(at) if u not in ("button: ↑", "button: ↓")] == []
    assert [e.label for e in at.expander if OPEN not in e.label] == []
    assert all(OPEN in b.label for b in at.get("download_button"))
    history = at.dataframe[-1].value
    assert all(OPEN in column for column in history.columns)
    assert any(m.value.endswith("Legal help") for m in at.markdown)  # the caption, as typed
    next(b for b in at.button if b.key == "presenter.start").click().run()
    assert not at.exception
    assert unmarked(at) == []
