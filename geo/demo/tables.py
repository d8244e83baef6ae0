"""The ACS 2019-2023 5-year tables of the demo city: variable codes and label paths.

Codes and labels are those of the real tables (data.census.gov, vintage 2023); the demo city
uses a subset of B05006's countries and keeps only the subtotals on their path.
"""

from __future__ import annotations

from dataclasses import dataclass

from geo.demo.countries import B05006_SUBTOTALS, COUNTRIES, PERIODS
from geo.demo.households import LANGUAGE_GROUPS

Path = tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Table:
    """One ACS table: its id, title and variables (3-digit code -> label path).

    ``crossed`` tables (B06009, B06012) list the total's categories twice under ``Total:``:
    once as leaves (e.g. 'Bachelor's degree') and once inside each place-of-birth subtotal.
    """

    table_id: str
    title: str
    variables: tuple[tuple[str, Path], ...]
    crossed: bool = False


def _b05006() -> tuple[tuple[str, Path], ...]:
    """Return the B05006 variables used: every country and the subtotals above it."""
    nodes = {code: label for code, (label, _) in B05006_SUBTOTALS.items()}
    parents = {code: parent for code, (_, parent) in B05006_SUBTOTALS.items()}
    nodes |= {c.code: c.name for c in COUNTRIES}
    parents |= {c.code: c.parent for c in COUNTRIES}

    def path(code: str) -> Path:
        parent = parents[code]
        return (nodes[code],) if parent is None else (*path(parent), nodes[code])

    return tuple((code, path(code)) for code in sorted(nodes))


def _b05005() -> tuple[tuple[str, Path], ...]:
    """Return the B05005 variables: period of entry by nativity and citizenship."""
    variables: list[tuple[str, Path]] = [("001", ("Total:",))]
    for p, period in enumerate(PERIODS):
        base, head = 2 + 5 * p, ("Total:", period)
        foreign = (*head, "Foreign born:")
        variables += [
            (f"{base:03d}", head),
            (f"{base + 1:03d}", (*head, "Native")),
            (f"{base + 2:03d}", foreign),
            (f"{base + 3:03d}", (*foreign, "Naturalized U.S. citizen")),
            (f"{base + 4:03d}", (*foreign, "Not a U.S. citizen")),
        ]
    return tuple(variables)


def _c16001() -> tuple[tuple[str, Path], ...]:
    """Return the C16001 variables: 12 language groups by ability to speak English."""
    variables: list[tuple[str, Path]] = [
        ("001", ("Total:",)),
        ("002", ("Total:", "Speak only English")),
    ]
    for g, group in enumerate(LANGUAGE_GROUPS):
        head = ("Total:", f"{group}:")
        variables += [
            (f"{3 + 3 * g:03d}", head),
            (f"{4 + 3 * g:03d}", (*head, 'Speak English "very well"')),
            (f"{5 + 3 * g:03d}", (*head, 'Speak English less than "very well"')),
        ]
    return tuple(variables)


def _c16002() -> tuple[tuple[str, Path], ...]:
    """Return the C16002 variables: household language by limited English speaking status."""
    variables: list[tuple[str, Path]] = [
        ("001", ("Total:",)),
        ("002", ("Total:", "English only")),
    ]
    groups = (
        "Spanish:",
        "Other Indo-European languages:",
        "Asian and Pacific Island languages:",
        "Other languages:",
    )
    for g, group in enumerate(groups):
        head = ("Total:", group)
        variables += [
            (f"{3 + 3 * g:03d}", head),
            (f"{4 + 3 * g:03d}", (*head, "Limited English speaking household")),
            (f"{5 + 3 * g:03d}", (*head, "Not a limited English speaking household")),
        ]
    return tuple(variables)


_BIRTHPLACES = (
    "Born in state of residence:",
    "Born in other state in the United States:",
    "Native; born outside the United States:",
    "Foreign born:",
)
_EDUCATION = (
    "Less than high school graduate",
    "High school graduate (includes equivalency)",
    "Some college or associate's degree",
    "Bachelor's degree",
    "Graduate or professional degree",
)
_POVERTY = (
    "Below 100 percent of the poverty level",
    "100 to 149 percent of the poverty level",
    "At or above 150 percent of the poverty level",
)


def _crossed(categories: tuple[str, ...]) -> tuple[tuple[str, Path], ...]:
    """Return a place-of-birth table: the categories, then each birthplace with them."""
    variables: list[tuple[str, Path]] = [("001", ("Total:",))]
    code = 2
    for head in [("Total:",)] + [("Total:", place) for place in _BIRTHPLACES]:
        if len(head) > 1:
            variables.append((f"{code:03d}", head))
            code += 1
        for category in categories:
            variables.append((f"{code:03d}", (*head, category)))
            code += 1
    return tuple(variables)


_B05001 = (
    ("001", ("Total:",)),
    ("002", ("Total:", "U.S. citizen, born in the United States")),
    ("003", ("Total:", "U.S. citizen, born in Puerto Rico or U.S. Island Areas")),
    ("004", ("Total:", "U.S. citizen, born abroad of American parent(s)")),
    ("005", ("Total:", "U.S. citizen by naturalization")),
    ("006", ("Total:", "Not a U.S. citizen")),
)

TABLES: tuple[Table, ...] = (
    Table(table_id="B01003", title="Total Population", variables=(("001", ("Total",)),)),
    Table(
        table_id="B05006",
        variables=_b05006(),
        title="Place of Birth for the Foreign-Born Population in the United States",
    ),
    Table(
        table_id="B05005",
        variables=_b05005(),
        title="Period of Entry by Nativity and Citizenship Status in the United States",
    ),
    Table(
        table_id="B05001",
        variables=_B05001,
        title="Nativity and Citizenship Status in the United States",
    ),
    Table(
        table_id="C16001",
        variables=_c16001(),
        title="Language Spoken at Home for the Population 5 Years and Over",
    ),
    Table(
        table_id="C16002",
        variables=_c16002(),
        title="Household Language by Household Limited English Speaking Status",
    ),
    Table(
        table_id="B06009",
        variables=_crossed(_EDUCATION),
        crossed=True,
        title="Place of Birth by Educational Attainment in the United States",
    ),
    Table(
        table_id="B06012",
        variables=_crossed(_POVERTY),
        crossed=True,
        title="Place of Birth by Poverty Status in the Past 12 Months in the United States",
    ),
)
