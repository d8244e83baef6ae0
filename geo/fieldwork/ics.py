"""Action steps as iCalendar events (RFC 5545): one all-day VEVENT per step, on its due date."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta

PRODID = "-//Welcome Atlas//Action plan//EN"


def escape_text(value: object) -> str:
    r"""Escape a TEXT value (RFC 5545 3.3.11): backslash, ';', ',' and new lines.

    Examples
    --------
    >>> escape_text("Call Ana; bring flyers, maps\nthen report")
    'Call Ana\\; bring flyers\\, maps\\nthen report'
    """
    text = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold_line(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with one space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


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
    stamp = _stamp(now or datetime.now(UTC))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(calendar_name)}",
    ]
    for step in steps:
        due = step.get("due_on")
        if not isinstance(due, date):
            continue
        details = [f"Who: {step.get('who') or '—'}", f"Status: {step.get('status') or 'open'}"]
        if step.get("notes"):
            details.append(str(step["notes"]))
        if step.get("links"):
            details.append(f"Linked: {step['links']}")
        lines += [
            "BEGIN:VEVENT",
            f"UID:step-{step['id']}@{domain}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{due:%Y%m%d}",
            f"DTEND;VALUE=DATE:{due + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape_text(step.get('title') or 'Action step')}",
            f"DESCRIPTION:{escape_text(chr(10).join(details))}",
            f"STATUS:{'CANCELLED' if step.get('status') == 'dropped' else 'CONFIRMED'}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold_line(line) for line in lines) + "\r\n").encode("utf-8")
