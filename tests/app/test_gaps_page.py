"""The Gaps page as a user drives it (AppTest), on the demo city."""


def test_gaps_page_ranks_tracts_and_states_its_rules(app):
    at = app("pages/gaps.py")
    assert not at.exception
    assert at.title[0].value == "Gaps"
    text = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert "within 800 m of the tract's boundary, in a straight line" in text
    assert "people in need per matching organization within reach" in text
    assert "ranked after every reliable tract" in text
    ranking = next(d.value for d in at.dataframe if d.value.columns[0] == "Rank")
    assert list(ranking["Rank"][:3]) == [1, 2, 3]
    assert any(b.label == "Download the ranking (CSV)" for b in at.get("download_button"))
    # the branch view: the catchment's tracts and a row per language group
    groups = next(d.value for d in at.dataframe if d.value.columns[0] == "Language group")
    assert len(groups) == 12


def test_gaps_page_follows_the_language_group_and_can_mix_unreliable(app):
    at = app("pages/gaps.py")
    at.selectbox(key="gaps.language_group").set_value("Arabic").run()
    assert not at.exception
    assert any("Arabic: speak English" in m.value for m in at.markdown)
    at.toggle(key="gaps.mix_unreliable").set_value(True).run()
    assert any("ranked among the reliable ones" in c.value for c in at.caption)


def test_country_measure_asks_for_countries_first(app):
    at = app("pages/gaps.py")
    at.selectbox(key="gaps.measure").set_value("origin").run()
    assert any("countries of origin in the sidebar" in i.value for i in at.info)
    at.sidebar.multiselect(key="filters.countries").set_value(["Syria"]).run()
    assert not at.exception
    assert any("Foreign-born from the chosen countries: Syria" in m.value for m in at.markdown)


def test_community_profile_shows_the_gap_figures_of_its_area(app):
    at = app("pages/community_profile.py")
    assert not at.exception
    assert any(s.value == "Gaps in this area" for s in at.subheader)
    labels = [m.label for m in at.metric]
    assert "Matching organizations within reach" in labels
    need = next(m.value for m in at.metric if m.label == "People in need")
    assert "±" in need
