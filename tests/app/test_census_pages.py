"""The community profile and the census data pages as a user drives them (AppTest)."""

import pytest

from geo.census import StudyAreaStore, import_census_download
from geo.config import DEMO_DIR
from tests.census.conftest import tiny_files  # noqa: F401
from tests.geo.conftest import tiny_area, tiny_tables  # noqa: F401


@pytest.fixture
def areas_dir(tmp_path, monkeypatch):
    folder = tmp_path / "areas"
    monkeypatch.setenv("WELCOME_ATLAS_STUDY_AREAS_DIR", str(folder))
    return folder


def test_profile_page_shows_a_branch_catchment_with_moes(app, areas_dir):
    at = app("pages/community_profile.py")
    assert not at.exception
    assert at.title[0].value == "Community profile"
    caption = " ".join(c.value for c in at.caption)
    assert "ACS 2019-2023 5-year" in caption and "centroid" in caption
    assert "illustrative data, not a real place" in caption.casefold()
    assert len(at.dataframe) >= 5
    assert any(b.label == "Download PDF" for b in at.get("download_button"))
    assert "Organizations in this area" in [h.value for h in at.subheader]
    counted = [m.value for m in at.markdown if "sites inside these tracts" in m.value]
    assert len(counted) == 1 and counted[0].startswith("**")


def test_profile_page_for_one_country_and_picked_tracts(app, areas_dir):
    at = app("pages/community_profile.py")
    at.radio(key="profile.kind").set_value("tracts").run()
    assert any("Pick one or more tracts" in i.value for i in at.info)
    first = at.multiselect(key="profile.tracts").options[0].split("(")[-1].rstrip(")")
    at.multiselect(key="profile.tracts").set_value([first]).run()
    country = at.selectbox(key="profile.group").options[1]
    at.selectbox(key="profile.group").set_value(country).run()
    assert not at.exception
    assert any(f"born in {country}" in m.value for m in at.markdown)


def test_data_page_lists_areas_and_the_sidebar_switches_to_an_import(
    app, areas_dir, tiny_files, monkeypatch
):
    import ui.auth

    monkeypatch.setattr(ui.auth, "role", lambda: "editor")  # the data page needs 'import'
    import_census_download(
        StudyAreaStore(areas_dir, DEMO_DIR),
        "tiny",
        tracts_path=tiny_files["tracts"],
        acs_paths=tiny_files["acs"],
        label="Tiny town",
    )
    at = app("pages/study_areas.py")
    assert not at.exception
    assert at.title[0].value == "Census data and study areas"
    at.sidebar.selectbox(key="filters.study_area").set_value("tiny").run()
    assert not at.exception
    assert at.sidebar.selectbox(key="filters.study_area").value == "tiny"
    assert "Tiny town" in str(at.sidebar)
    at.switch_page("pages/map_explorer.py").run()
    assert not at.exception
    at.switch_page("pages/community_profile.py").run()
    assert not at.exception


def test_profile_rows_of_chosen_countries_in_spanish(app, in_language):
    at = app("pages/community_profile.py")
    countries = at.sidebar.multiselect(key="filters.countries")
    first, second = countries.options[:2]
    countries.set_value([first, second]).run()
    in_language(at, "es")  # AppTest formats widget options in English: switch after choosing
    total = "Total de nacidos en el extranjero"
    origin = next(d.value for d in at.dataframe if total in list(d.value[""]))
    assert list(origin[""])[:2] == [total, f"Países elegidos en conjunto ({first} y {second})"]


def test_profile_opens_with_the_foreign_born_total_then_the_chosen_countries(app, areas_dir):
    at = app("pages/community_profile.py")
    origin = next(d.value for d in at.dataframe if "Foreign-born total" in list(d.value[""]))
    total = origin.iloc[0]
    assert total[""] == "Foreign-born total"
    assert " ± " in total["Estimate"] and total["Share"].endswith("of all residents")
    countries = at.sidebar.multiselect(key="filters.countries")
    chosen = countries.options[:2]
    countries.set_value(chosen).run()
    origin = next(d.value for d in at.dataframe if "Foreign-born total" in list(d.value[""]))
    assert origin.iloc[1][""] == f"Chosen countries combined ({', '.join(chosen)})"
    assert " ± " in origin.iloc[1]["Estimate"]
    headings = [m.value for m in at.markdown if "universe" in m.value]
    assert headings and all("ACS 2019-2023 5-year" in h for h in headings)


def test_data_page_lists_study_areas_under_headers_in_the_readers_language(
    app, areas_dir, in_language, monkeypatch
):
    import ui.auth

    monkeypatch.setattr(ui.auth, "role", lambda: "editor")
    at = in_language(app("pages/study_areas.py"), "fr")
    assert not at.exception
    listed = at.dataframe[0].value
    assert "Fuseau horaire" in listed.columns and "Millésime du recensement" in listed.columns
    assert not {"time zone", "vintage", "label"} & set(listed.columns)  # English headers gone
    assert listed.iloc[0]["Nom court (dossier)"] == "demo"  # what commands use, as typed
