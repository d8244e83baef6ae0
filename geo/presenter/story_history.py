"""A story's change log in the reader's language, captions as their authors typed them.

The log stores each slide list in English words (``"(no caption) [slide 3]"``), as every
change log of the app does; this says the log's own words (the field, the action, "(no
caption)", "slide") in the interface language when the log is shown. Stories saved before
this module existed read the same, since the stored form did not change.
"""

from __future__ import annotations

import json
import re

import pandas as pd

from geo.db.forms import ACTION_WORDS
from geo.messages import N_, Message, say

__all__ = ["NO_CAPTION", "listed_slide", "say_story_history"]

NO_CAPTION = N_("(no caption)")
_LISTED = re.compile(r"^(?P<caption>.*) \[slide (?P<id>\d+)\]$", re.DOTALL)
_SLIDE_FIELD = re.compile(r"^slide (?P<id>\d+)$")
_FIELDS = {"slides": N_("Slides"), "name": N_("Name"), "status": N_("Status")}
_ACTIONS = ACTION_WORDS


def listed_slide(caption: str, slide_id: int) -> str:
    """How the change log stores one slide of a story's order: ``Caption [slide 3]``."""
    return f"{caption or NO_CAPTION} [slide {slide_id}]"


def say_story_history(history: pd.DataFrame, code: str) -> pd.DataFrame:
    """The table of :func:`geo.db.forms.history_table` for a story, said in ``code``.

    The "Field" and "What" columns and the slide lists in "Old value" and "New value" are
    put in the interface language; captions, names and people stay as stored.
    """
    out = history.copy()
    fields = out["Field"].astype(str)
    out["Field"] = [say(_field(f), code) for f in fields]
    out["What"] = [
        Message(_ACTIONS[a]).in_language(code) if a in _ACTIONS else a for a in out["What"]
    ]
    for column in ("Old value", "New value"):
        out[column] = [
            _slides(v, code) if f == "slides" else v
            for f, v in zip(fields, out[column], strict=True)
        ]
    return out


def _field(field: str) -> Message | str:
    found = _SLIDE_FIELD.match(field)
    if found:
        return Message(N_("Slide {id}"), id=found["id"])
    return Message(_FIELDS[field]) if field in _FIELDS else field


def _slides(value: object, code: str) -> object:
    """A stored slide list as the reader's words; anything unexpected stays as stored."""
    try:
        items = json.loads(str(value))
    except (TypeError, ValueError):
        return value
    if not isinstance(items, list):
        return value
    said = [_slide(str(item)) for item in items]
    return "; ".join(s.in_language(code) if isinstance(s, Message) else s for s in said)


def _slide(item: str) -> Message | str:
    found = _LISTED.match(item)
    if not found:
        return item
    caption = found["caption"]
    return Message(
        N_("{caption} [slide {id}]"),
        caption=Message(NO_CAPTION) if caption == NO_CAPTION else caption,
        id=found["id"],
    )
