"""The presenter page as staff and visitors drive it (AppTest)."""

import pytest


def _button(at, label):
    return next(b for b in at.button if b.label == label)


def test_editor_saves_views_as_slides_and_a_slide_reopens_its_view(app):
    at = app("pages/presenter.py", role="editor")
    at.sidebar.multiselect(key="filters.categories").set_value(["legal", "english"]).run()
    assert not at.exception
    at.text_input(key="presenter.new_name").set_value("Spring workshop")
    _button(at, "Create story").click().run()
    at.selectbox(key="presenter.indicator").set_value("limited_english_share")
    at.radio(key="presenter.scheme").set_value("natural_breaks")
    at.slider(key="presenter.radius_m").set_value(1500)
    at.text_input(key="presenter.caption").set_value("Limited English and legal help")
    _button(at, "Save the current view as a slide").click().run()
    assert not at.exception
    assert any("Spring workshop: 1 slides" in s.value for s in at.subheader)

    # somewhere else in the atlas...
    at.switch_page("pages/map_explorer.py").run()
    at.selectbox(key="map.indicator").set_value("foreign_born_share").run()
    at.sidebar.multiselect(key="filters.categories").set_value([]).run()
    at.switch_page("pages/presenter.py").run()
    _button(at, "Open on the map").click().run()
    assert not at.exception
    assert at.selectbox(key="map.indicator").value == "limited_english_share"
    assert at.selectbox(key="map.scheme").value == "natural_breaks"
    assert at.slider(key="map.radius_m").value == 1500
    return at


@pytest.mark.xfail(
    strict=True,
    reason="known gap since the sites/services record landed: a reopened slide's service "
    "categories do not reach the sidebar on the map page (reported to the lead)",
)
def test_a_reopened_slide_restores_the_sidebar_categories(app):
    at = test_editor_saves_views_as_slides_and_a_slide_reopens_its_view(app)
    assert at.sidebar.multiselect(key="filters.categories").value == ["legal", "english"]


def test_presenting_shows_the_slide_without_editing_controls(app):
    at = app("pages/presenter.py", role="editor")
    at.text_input(key="presenter.new_name").set_value("Workshop")
    _button(at, "Create story").click().run()
    at.text_input(key="presenter.caption").set_value("First")
    _button(at, "Save the current view as a slide").click().run()
    at.text_input(key="presenter.caption").set_value("Second")
    _button(at, "Save the current view as a slide").click().run()
    _button(at, "Present").click().run()
    assert not at.exception
    labels = [b.label for b in at.button]
    assert "Next ▶" in labels and "Save the current view as a slide" not in labels
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
