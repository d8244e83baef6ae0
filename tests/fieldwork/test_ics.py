"""The action plan as a calendar file: what a calendar app reads back."""

from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar

from geo.fieldwork.ics import export_ics

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
TYPED = 'Call Ana, then; plan\\ "flyers"\nsecond line ' + "é" * 60 + "华" * 30


def _events(data: bytes):
    return [c for c in Calendar.from_ical(data).walk("VEVENT")]


def test_one_all_day_event_per_dated_step():
    steps = [
        {"id": "s1", "title": "Call Ana", "due_on": date(2026, 4, 1), "who": "Amira"},
        {"id": "s2", "title": "No date", "due_on": None},
        {"id": "s3", "title": "Dropped", "due_on": date(2026, 5, 2), "status": "dropped"},
    ]
    data = export_ics(steps, now=NOW)
    events = _events(data)
    assert [str(e["uid"]) for e in events] == [
        "step-s1@welcome-atlas.local",
        "step-s3@welcome-atlas.local",
    ]
    first = events[0]
    assert first.decoded("dtstart") == date(2026, 4, 1)
    assert first.decoded("dtend") == date(2026, 4, 2)  # all day: DTEND is the next day
    assert first.decoded("dtstamp") == NOW
    assert str(first["description"]) == "Who: Amira\nStatus: open"
    assert [str(e["status"]) for e in events] == ["CONFIRMED", "CANCELLED"]
    text = data.decode("utf-8")
    assert "DTSTART;VALUE=DATE:20260401\r\n" in text
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")


@pytest.mark.parametrize("field", ["title", "notes"])
def test_whatever_staff_typed_reads_back_unchanged(field):
    step = {"id": "s1", "title": "Step", "due_on": date(2026, 4, 1), field: TYPED}
    data = export_ics([step], now=NOW)
    event = _events(data)[0]
    if field == "title":
        assert str(event["summary"]) == TYPED
    else:
        assert str(event["description"]).endswith("\n" + TYPED)
    text = data.decode("utf-8")
    assert "Call Ana\\, then\\; plan\\\\" in text  # RFC 5545 3.3.11 escapes
    lines = text.split("\r\n")
    assert max(len(line.encode("utf-8")) for line in lines) <= 75  # RFC 5545 3.1 folding
    assert "\n" not in text.replace("\r\n", "")


def test_uids_are_stable_so_a_reimport_updates_events():
    step = {"id": "s1", "title": "A", "due_on": date(2026, 4, 1)}
    first = _events(export_ics([step], now=NOW))[0]["uid"]
    later = _events(export_ics([step], now=datetime(2026, 6, 1, tzinfo=UTC)))[0]["uid"]
    assert first == later
