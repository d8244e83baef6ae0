"""Action steps as an iCalendar file (RFC 5545): one all-day event per step, on its due date.

The `icalendar` package writes the file (escaping, line folding, CRLF), so calendar apps read
whatever staff typed into a step.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

PRODID = "-//Welcome Atlas//Action plan//EN"


def export_ics(
    steps: Iterable[Mapping[str, object]],
    *,
    calendar_name: str = "Welcome Atlas action plan",
    now: datetime | None = None,
    domain: str = "welcome-atlas.local",
) -> bytes:
    """A calendar with one all-day event per action step that has a due date.

    Parameters
    ----------
    steps : iterable of Mapping
        Rows with ``id``, ``title``, ``due_on`` (date), and optional ``who``, ``status``,
        ``notes``, ``links``.
    calendar_name : str, optional
        ``X-WR-CALNAME`` shown by calendar apps.
    now : datetime, optional
        DTSTAMP (default: the current UTC time).
    domain : str, optional
        Right-hand side of each UID (``step-<id>@domain``), stable across exports so
        re-importing updates events instead of duplicating them.

    Returns
    -------
    bytes
        UTF-8 ``text/calendar`` with CRLF line ends.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", calendar_name)
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    for step in steps:
        due = step.get("due_on")
        if isinstance(due, date):
            calendar.add_component(_event(step, due, stamp, domain))
    return calendar.to_ical()


def _event(step: Mapping[str, object], due: date, stamp: datetime, domain: str) -> Event:
    """One all-day, non-blocking event; a dropped step stays listed as cancelled."""
    details = [f"Who: {step.get('who') or '—'}", f"Status: {step.get('status') or 'open'}"]
    if step.get("notes"):
        details.append(str(step["notes"]))
    if step.get("links"):
        details.append(f"Linked: {step['links']}")
    event = Event()
    event.add("uid", f"step-{step['id']}@{domain}")
    event.add("dtstamp", stamp)
    event.add("dtstart", due)
    event.add("dtend", due + timedelta(days=1))
    event.add("summary", str(step.get("title") or "Action step"))
    event.add("description", "\n".join(details))
    event.add("status", "CANCELLED" if step.get("status") == "dropped" else "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    return event
