"""A two-slide story of the demo city, built without a server (the exporters' input)."""

import pytest

from geo.census.study_area import load_demo_study_area
from geo.config import DEMO_DIR
from geo.filters import Filters
from geo.io.organizations import load_organizations_csv
from geo.maps.layers import simplify_tracts
from geo.presenter.stories import SlideRecord, StoryRecord
from geo.view import View


@pytest.fixture(scope="session")
def demo_loader():
    area = load_demo_study_area(DEMO_DIR)
    outlines = simplify_tracts(area.tracts)
    return lambda name: (area, outlines)


@pytest.fixture(scope="session")
def demo_organizations():
    return load_organizations_csv(DEMO_DIR / "organizations.csv")


@pytest.fixture
def demo_story():
    views = [
        View(study_area="demo"),
        View(
            study_area="demo",
            indicator="limited_english_share",
            filters=Filters(categories=("legal",)),
            centre=(41.0, -45.0),
            zoom=13,
        ),
    ]
    captions = ["Where newcomers live", "Legal help <script>alert(1)</script>"]
    return StoryRecord(
        story_id=1,
        name="Spring workshop",
        slides=tuple(
            SlideRecord(slide_id=i + 1, position=i, caption=c, view=v)
            for i, (c, v) in enumerate(zip(captions, views, strict=True))
        ),
    )
