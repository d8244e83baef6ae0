"""The demo city's illustrative engagement log: invented contacts with real demo organizations.

Every person is made up (surnames such as "Demo" and "Sample" say so) and every summary says
"(illustrative)". Dates are days before the day the database is created, so the demo always
looks current. :mod:`geo.db.demo_fieldwork` writes these through :func:`add_engagement`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class DemoEntry:
    """One invented contact; ``key`` lets the action plan's steps link to it."""

    key: str
    days_ago: int
    branch_id: str
    team: str  # a key of geo.fieldwork.engagement.TEAMS
    technique: str  # a key of geo.vocab.ENTRY_TECHNIQUES
    continuum: str  # a key of geo.fieldwork.engagement.CONTINUUM
    staff: str
    organization_ids: tuple[str, ...]
    communities: tuple[str, ...]
    summary: str
    needs: str = ""
    aspirations: str = ""
    assets_heard: str = ""
    challenges: str = ""
    follow_up_days: int | None = None  # after the contact

    def fields(self) -> dict[str, object]:
        """The entry's fields as :func:`geo.db.engagement.add_engagement` takes them."""
        return {
            "staff": self.staff,
            "branch_id": self.branch_id,
            "team": self.team,
            "technique": self.technique,
            "continuum": self.continuum,
            "summary": self.summary,
            "needs": self.needs,
            "aspirations": self.aspirations,
            "assets_heard": self.assets_heard,
            "challenges": self.challenges,
        }


# One entry per call, several fields a line: a table to read, not code to reflow.
# fmt: off
ENTRIES: tuple[DemoEntry, ...] = (
    DemoEntry(
        key="jobs-intro", days_ago=118, branch_id="BR-07", team="Newcomer services",
        technique="introduction", continuum="consult", staff="Robin Demo (branch manager)",
        organization_ids=("ORG-0070",), communities=("Ethiopia", "Eritrea"),
        summary="(Illustrative) The Kestrel Park Senior Center's coordinator introduced the "
        "branch manager to the job coaches of the Horn of Africa Workers' Center.",
        needs="Help with online job applications; English for the workplace.",
        aspirations="Members would like a weekly job club close to home.",
        assets_heard="Coaches speak Amharic, Oromo and Tigrinya and know local employers.",
        challenges="Evening shifts make daytime sessions hard.", follow_up_days=21,
    ),
    DemoEntry(
        key="pine-walk", days_ago=110, branch_id="BR-06", team="Outreach",
        technique="walkabout", continuum="outreach", staff="Jordan Sample; Lee Placeholder",
        organization_ids=("ORG-0275", "ORG-0276", "ORG-0147"),
        communities=("Burma (Myanmar)", "Bhutan"),
        summary="(Illustrative) Saturday walkabout from the Pine Hollow Branch: grocers and "
        "the market stalls, leaflets about the branch's world-language shelves.",
        needs="Picture books in Karen and Burmese; help reading school letters.",
        assets_heard="The grocers' notice boards are read by everyone on the street.",
        follow_up_days=14,
    ),
    DemoEntry(
        key="bethel", days_ago=103, branch_id="BR-04", team="Adult learning",
        technique="word_of_mouth", continuum="consult", staff="Casey Example",
        organization_ids=("ORG-0208",), communities=("Haiti",),
        summary="(Illustrative) A patron mentioned the church's Kreyòl literacy class; met "
        "the pastor and two volunteer teachers after the Sunday service.",
        needs="Citizenship test practice in Kreyòl.",
        assets_heard="Volunteer teachers; a hall free on weekday evenings.",
    ),
    DemoEntry(
        key="fair", days_ago=96, branch_id="BR-01", team="Newcomer services",
        technique="event", continuum="outreach", staff="Morgan Placeholder",
        organization_ids=("ORG-0001", "ORG-0044"), communities=("Afghanistan", "Ukraine"),
        summary="(Illustrative) Newcomer resource fair at the Central Library: tables for the "
        "Refugee Welcome Center and the Immigrant Justice Project.",
        needs="Know-your-rights sessions; library cards without proof of address.",
        challenges="Few families knew the library lends laptops.",
    ),
    DemoEntry(
        key="desi-intro", days_ago=88, branch_id="BR-05", team="Older adults",
        technique="introduction", continuum="involve", staff="Alex Fictional",
        organization_ids=("ORG-0325", "ORG-0213"), communities=("Bangladesh", "Pakistan", "India"),
        summary="(Illustrative) The gurdwara's volunteer coordinator introduced the Desi "
        "Women's Association; they asked the branch about a health information morning.",
        needs="Health information in Bengali, Urdu and Punjabi; blood-pressure checks.",
        aspirations="A monthly morning for older women, run with the library.",
        follow_up_days=30,
    ),
    DemoEntry(
        key="ukraine", days_ago=80, branch_id="BR-08", team="Newcomer services",
        technique="outreach", continuum="outreach", staff="Morgan Placeholder",
        organization_ids=("ORG-0323", "ORG-0141"), communities=("Ukraine",),
        summary="(Illustrative) Library card sign-up table at the Orchard Hill Food Pantry "
        "with the Ukrainian Newcomers Help Center.",
        needs="The library card form in Ukrainian.",
    ),
    DemoEntry(
        key="soccer", days_ago=72, branch_id="BR-07", team="Youth",
        technique="event", continuum="involve", staff="Taylor Madeup",
        organization_ids=("ORG-0178", "ORG-0239"),
        communities=("Democratic Republic of Congo (Zaire)", "Somalia"),
        summary="(Illustrative) Story corner at the Horn of Africa heritage festival; the "
        "Congolese youth soccer club asked about homework help after practice.",
        needs="Quiet study space on weekday evenings.",
        assets_heard="Coaches who are trusted by parents.",
    ),
    DemoEntry(
        key="filipino", days_ago=64, branch_id="BR-02", team="Adult learning",
        technique="word_of_mouth", continuum="collaborate", staff="Lee Placeholder",
        organization_ids=("ORG-0236", "ORG-0033"), communities=("Philippines", "Vietnam"),
        summary="(Illustrative) Conversation Café regulars brought the Filipino-American "
        "Association; agreed to co-host two conversation evenings.",
        aspirations="A Tagalog story time for grandchildren.",
    ),
    DemoEntry(
        key="pine-families", days_ago=57, branch_id="BR-06", team="Newcomer services",
        technique="introduction", continuum="involve", staff="Jordan Sample",
        organization_ids=("ORG-0327", "ORG-0254"), communities=("Burma (Myanmar)", "Bhutan"),
        summary="(Illustrative) After the walk, the grocer introduced Burmese Family Services "
        "and the Bhutanese Community of Riverton.",
        needs="Karen and Burmese picture books; Nepali newspapers.",
        challenges="Families work weekends; mornings suit elders best.",
        follow_up_days=28,
    ),
    DemoEntry(
        key="calder", days_ago=49, branch_id="BR-09", team="Outreach",
        technique="outreach", continuum="outreach", staff="Sam Sample",
        organization_ids=("ORG-0157", "ORG-0089"),
        communities=("Guatemala", "Honduras", "El Salvador"),
        summary="(Illustrative) Library table on a food distribution day at the Calder Flats "
        "Food Pantry; the workers' centre handed out the branch's flyers.",
        needs="Job-seeking help in Spanish; Mam and K'iche' speakers need interpreters.",
    ),
    DemoEntry(
        key="millbrook", days_ago=41, branch_id="BR-03", team="Youth",
        technique="word_of_mouth", continuum="consult", staff="Taylor Madeup",
        organization_ids=("ORG-0189", "ORG-0321"), communities=("Guatemala", "Honduras"),
        summary="(Illustrative) Parents at the homework club asked whether the branch could "
        "open a Saturday English class.",
        challenges="No volunteer teacher free on Saturdays yet.",
    ),
    DemoEntry(
        key="jobs-plan", days_ago=34, branch_id="BR-07", team="Newcomer services",
        technique="introduction", continuum="collaborate", staff="Robin Demo (branch manager)",
        organization_ids=("ORG-0070", "ORG-0080"), communities=("Ethiopia", "Somalia"),
        summary="(Illustrative) Second meeting: the Workers' Center and Kestrel Park Career "
        "Pathways will run a weekly job club in the branch's meeting room.",
        aspirations="A job club led by the community's own coaches.",
        assets_heard="Career Pathways lends two laptops; coaches bring employer contacts.",
        follow_up_days=40,
    ),
    DemoEntry(
        key="elders", days_ago=26, branch_id="BR-01", team="Older adults",
        technique="event", continuum="involve", staff="Alex Fictional",
        organization_ids=("ORG-0249", "ORG-0324"), communities=("Afghanistan", "Syria"),
        summary="(Illustrative) Tea morning with the Afghan Elders' Circle and the Middle "
        "Eastern Mutual Aid Society; elders chose large-print Dari and Arabic titles.",
        needs="Large-print books; help with phone banking.",
    ),
    DemoEntry(
        key="desi-plan", days_ago=19, branch_id="BR-05", team="Older adults",
        technique="word_of_mouth", continuum="collaborate", staff="Alex Fictional",
        organization_ids=("ORG-0325", "ORG-0116"), communities=("Bangladesh",),
        summary="(Illustrative) The Desi Women's Association and the mobile health van agreed "
        "to plan the first health information morning together.",
        follow_up_days=21,
    ),
    DemoEntry(
        key="kreyol", days_ago=12, branch_id="BR-04", team="Adult learning",
        technique="event", continuum="collaborate", staff="Casey Example",
        organization_ids=("ORG-0253", "ORG-0069"), communities=("Haiti",),
        summary="(Illustrative) At the Haitian Flag Day gathering the cultural society offered "
        "volunteers for a Kreyòl conversation circle at the branch.",
        aspirations="Circles led by the society's own volunteers.",
    ),
    DemoEntry(
        key="pine-youth", days_ago=6, branch_id="BR-06", team="Youth",
        technique="walkabout", continuum="consult", staff="Jordan Sample",
        organization_ids=("ORG-0196", "ORG-0165"), communities=("Burma (Myanmar)",),
        summary="(Illustrative) Short walk past the dance troupe's rehearsal hall; the "
        "teenagers asked for a place to practise and film their dances.",
        needs="A room with space to move; video editing help.",
    ),
    DemoEntry(
        key="story-time", days_ago=2, branch_id="BR-02", team="Youth",
        technique="introduction", continuum="community_led", staff="Lee Placeholder",
        organization_ids=("ORG-0236", "ORG-0229"), communities=("Philippines",),
        summary="(Illustrative) The Filipino-American Association will run its own Tagalog "
        "story time at the branch; the parish will share the dates.",
        assets_heard="Grandparents who read aloud; a parish newsletter.",
        follow_up_days=10,
    ),
)
# fmt: on
