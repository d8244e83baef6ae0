"""The help handout page as a visitor drives it (public view, AppTest)."""


def test_handout_page_lists_organizations_and_makes_a_one_page_pdf(app):
    at = app("pages/handouts.py")
    assert not at.exception
    assert at.title[0].value == "Help handouts"
    at.selectbox(key="handout.language").set_value("ar").run()
    assert at.subheader[0].value.endswith("organizations near the branch")
    table = at.dataframe[0].value
    assert len(table) > 0 and (table["distance_m"] <= 3000).all()
    at.button(key="handout.make").click().run()
    assert not at.exception
    assert [b.label for b in at.get("download_button")] == ["Download the handout"]


def test_handout_page_in_spanish_shows_spanish_words(app):
    at = app()
    at.selectbox(key="ui.language").set_value("es").run()
    at.switch_page("pages/handouts.py").run()
    assert not at.exception
    assert at.title[0].value == "Folletos de ayuda"
