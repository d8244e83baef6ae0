"""The asset directory's tables in the reader's language: headings, status, "open now".

Names, addresses, hours and contacts are data and stay as recorded; the words around them
(column headings, a record's status, open/closed now) come from the catalogs.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd

from geo.db import forms as af
from geo.db.models import Asset
from geo.db.sites import site_hours_table
from geo.i18n import N_, language_names
from geo.vocab import LANGUAGES, split_list
from geo.weekdays import localize_hours
from ui import errors
from ui.i18n import _, current, joined

STATUSES = {"active": N_("active"), "archived": N_("archived")}
# The staff-only contacts table's headings (geo.db.models.ContactPerson fields).
CONTACT_HEADINGS = {
    "name": N_("Name"),
    "role": N_("Role"),
    "phone": N_("Phone"),
    "email": N_("Email"),
}


def headings(table: pd.DataFrame) -> pd.DataFrame:
    """A table from geo with its column headings (marked there) in the interface language."""
    return table.rename(columns=lambda c: _(str(c)))


def status(code: str) -> str:
    """A record's status ('active', 'archived') in the interface language."""
    return _(STATUSES[code]) if code in STATUSES else code


def directory(assets: pd.DataFrame, hours=None, now=None) -> pd.DataFrame:
    """The directory listing: headings, status and the "open now" words translated."""
    now = None if now is None else {i: errors.say(state) for i, state in now.items()}
    table = af.directory_table(assets, hours, now, translate=_, locale=current())
    table["Status"] = table["Status"].map(status)
    table["Languages"] = languages(table["Languages"])
    table["Communities"] = table["Communities"].map(lambda c: joined(split_list(c)))
    if "Hours" in table:
        table["Hours"] = table["Hours"].map(lambda h: localize_hours(h, current()))
    return headings(table)


def languages(cells: pd.Series) -> pd.Series:
    """Cells of stored codes (``so;am;om;en``) as names listed the reader's way.

    ``somalí, amárico, oromo e inglés``: names from :func:`geo.i18n.language_names`, one
    name per code across the whole column (a code is kept beside two names that read
    alike). The database, the filters and the exports keep the codes.
    """
    lists = cells.map(split_list)
    names = language_names((c for codes in lists for c in codes), current(), LANGUAGES)
    return lists.map(lambda codes: joined(names[c] for c in codes))


def record_line(asset: Asset) -> str:
    """``Id ORG-0138 · version 1 · active · last changed by demo-seed``."""
    return _("Id {id} · version {version} · {status} · last changed by {who}").format(
        id=asset.id,
        version=asset.version,
        status=status(asset.status),
        who=asset.updated_by or "—",
    )


def spoken(asset: Asset) -> str:
    """The organization's languages by name, each with its note: ``somalí (interpreter on
    request) e inglés`` (the note is data and stays as typed)."""
    names = language_names((lang.code for lang in asset.languages), current(), LANGUAGES)
    return joined(
        f"{names[lang.code]} ({lang.note})" if lang.note else names[lang.code]
        for lang in asset.languages
    )


def sites(asset: Asset, tz: str) -> pd.DataFrame:
    """One row per site: name, address, hours, and open or closed now in the zone ``tz``."""
    table = site_hours_table(asset, now=datetime.now(UTC), tz=tz).map(errors.say)
    table["Hours"] = table["Hours"].map(lambda h: localize_hours(h, current()))
    return headings(table)


def contacts(asset: Asset) -> pd.DataFrame:
    """The staff-only contact persons, headings in the interface language."""
    people = pd.DataFrame([vars(c) for c in asset.contacts])
    return people.rename(columns=lambda c: _(CONTACT_HEADINGS.get(str(c), str(c)))).fillna("")
