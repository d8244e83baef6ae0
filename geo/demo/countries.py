"""Countries of birth in the demo city: their B05006 place in the label tree and profiles.

Codes and labels are those of ACS 2019-2023 table B05006 (place of birth for the foreign-born
population in the United States). Profiles are invented but follow well-known patterns: recent
refugee groups entered mostly after 2010, are rarely naturalized yet, and more often speak
English less than "very well".
"""

from __future__ import annotations

from dataclasses import dataclass

# B05006 subtotals used by the demo city: code -> (label, parent code).
B05006_SUBTOTALS: dict[str, tuple[str, str | None]] = {
    "001": ("Total:", None),
    "002": ("Europe:", "001"),
    "028": ("Eastern Europe:", "002"),
    "047": ("Asia:", "001"),
    "048": ("Eastern Asia:", "047"),
    "049": ("China:", "048"),
    "056": ("South Central Asia:", "047"),
    "068": ("South Eastern Asia:", "047"),
    "079": ("Western Asia:", "047"),
    "095": ("Africa:", "001"),
    "096": ("Eastern Africa:", "095"),
    "105": ("Middle Africa:", "095"),
    "119": ("Western Africa:", "095"),
    "138": ("Americas:", "001"),
    "139": ("Latin America:", "138"),
    "140": ("Caribbean:", "139"),
    "154": ("Central America:", "139"),
    "164": ("South America:", "139"),
}

# Share of entrants by period: 2010 or later, 2000-2009, 1990-1999, before 1990.
PERIODS = (
    "Entered 2010 or later:",
    "Entered 2000 to 2009:",
    "Entered 1990 to 1999:",
    "Entered before 1990:",
)
RECENT = (0.86, 0.10, 0.03, 0.01)
MOSTLY_RECENT = (0.62, 0.25, 0.09, 0.04)
MIXED = (0.34, 0.30, 0.20, 0.16)
SETTLED = (0.22, 0.24, 0.26, 0.28)

# Education of the 25+: less than high school, high school, some college, bachelor's, graduate.
EDU_LOW = (0.46, 0.28, 0.14, 0.08, 0.04)
EDU_MID = (0.22, 0.30, 0.24, 0.15, 0.09)
EDU_HIGH = (0.07, 0.14, 0.17, 0.32, 0.30)

# Poverty: below 100 percent, 100 to 149 percent, at or above 150 percent of the poverty level.
POOR = (0.34, 0.21, 0.45)
MODEST = (0.19, 0.16, 0.65)
COMFORTABLE = (0.08, 0.08, 0.84)


@dataclass(frozen=True, kw_only=True)
class Country:
    """A B05006 leaf (country of birth) with the invented profile of its Riverton community.

    ``languages`` maps C16001 language groups (or ``"English only"``) to the share of the
    foreign born 5+ who speak it at home; ``limited_english`` is the share of those speaking
    a language other than English who speak English less than "very well".
    """

    code: str
    name: str
    parent: str
    weight: float
    periods: tuple[float, ...]
    naturalization: float
    limited_english: float
    education: tuple[float, ...]
    poverty: tuple[float, ...]
    languages: dict[str, float]


_SPANISH = {"Spanish": 0.93, "English only": 0.07}
_OIE = "Other Indo-European languages"
_ASIAN = "Other Asian and Pacific Island languages"
_OTHER = "Other and unspecified languages"
_SLAVIC = "Russian, Polish, or other Slavic languages"
_FRENCH = "French, Haitian, or Cajun"


def _c(
    code: str,
    name: str,
    parent: str,
    weight: float,
    periods: tuple[float, ...],
    nat: float,
    lep: float,
    edu: tuple[float, ...],
    pov: tuple[float, ...],
    languages: dict[str, float],
) -> Country:
    """Build one Country record (keeps the table below readable)."""
    return Country(
        code=code,
        name=name,
        parent=parent,
        weight=weight,
        periods=periods,
        naturalization=nat,
        limited_english=lep,
        education=edu,
        poverty=pov,
        languages=languages,
    )


# One row per country: code, name, parent subtotal, city-wide weight, period of entry,
# naturalization factor, limited-English share, education, poverty, languages at home.
# fmt: off
COUNTRIES: tuple[Country, ...] = (
    _c("040", "Poland", "028", 0.5, SETTLED, 1.1, 0.3, EDU_MID, COMFORTABLE,
       {_SLAVIC: 0.8, "English only": 0.2}),
    _c("042", "Russia", "028", 0.5, MIXED, 1.0, 0.35, EDU_HIGH, MODEST,
       {_SLAVIC: 0.85, "English only": 0.15}),
    _c("044", "Ukraine", "028", 0.8, MOSTLY_RECENT, 0.7, 0.55, EDU_HIGH, MODEST,
       {_SLAVIC: 0.92, "English only": 0.08}),
    _c("050", "China, excluding Hong Kong and Taiwan", "049", 1.5, MIXED, 1.0, 0.55, EDU_MID,
       MODEST, {"Chinese (incl. Mandarin, Cantonese)": 0.92, "English only": 0.08}),
    _c("054", "Korea", "048", 0.6, SETTLED, 1.1, 0.45, EDU_HIGH, COMFORTABLE,
       {"Korean": 0.85, "English only": 0.15}),
    _c("057", "Afghanistan", "056", 0.6, RECENT, 0.35, 0.7, EDU_LOW, POOR,
       {_OIE: 0.96, "English only": 0.04}),
    _c("058", "Bangladesh", "056", 0.6, MOSTLY_RECENT, 0.9, 0.45, EDU_MID, MODEST,
       {_OIE: 0.92, "English only": 0.08}),
    _c("059", "Bhutan", "056", 0.5, MOSTLY_RECENT, 0.9, 0.72, EDU_LOW, POOR,
       {_OIE: 0.95, "English only": 0.05}),
    _c("060", "India", "056", 1.4, MIXED, 0.9, 0.18, EDU_HIGH, COMFORTABLE,
       {_OIE: 0.8, "English only": 0.2}),
    _c("063", "Nepal", "056", 0.5, MOSTLY_RECENT, 0.6, 0.45, EDU_MID, MODEST,
       {_OIE: 0.92, "English only": 0.08}),
    _c("064", "Pakistan", "056", 0.5, MIXED, 1.0, 0.3, EDU_MID, MODEST,
       {_OIE: 0.88, "English only": 0.12}),
    _c("069", "Burma (Myanmar)", "068", 0.5, MOSTLY_RECENT, 0.8, 0.74, EDU_LOW, POOR,
       {_ASIAN: 0.95, "English only": 0.05}),
    _c("074", "Philippines", "068", 0.8, MIXED, 1.2, 0.15, EDU_HIGH, COMFORTABLE,
       {"Tagalog (incl. Filipino)": 0.65, "English only": 0.35}),
    _c("077", "Vietnam", "068", 0.9, SETTLED, 1.25, 0.6, EDU_MID, MODEST,
       {"Vietnamese": 0.93, "English only": 0.07}),
    _c("083", "Iraq", "079", 0.5, MOSTLY_RECENT, 0.8, 0.55, EDU_MID, POOR,
       {"Arabic": 0.9, _OIE: 0.06, "English only": 0.04}),
    _c("089", "Syria", "079", 0.4, RECENT, 0.5, 0.65, EDU_MID, POOR,
       {"Arabic": 0.95, "English only": 0.05}),
    _c("097", "Eritrea", "096", 0.3, MOSTLY_RECENT, 0.7, 0.55, EDU_MID, POOR,
       {_OTHER: 0.9, "English only": 0.1}),
    _c("098", "Ethiopia", "096", 0.5, MIXED, 0.9, 0.4, EDU_MID, MODEST,
       {_OTHER: 0.85, "English only": 0.15}),
    _c("100", "Somalia", "096", 0.5, MOSTLY_RECENT, 0.85, 0.62, EDU_LOW, POOR,
       {_OTHER: 0.95, "English only": 0.05}),
    _c("108", "Democratic Republic of Congo (Zaire)", "105", 0.4, RECENT, 0.4, 0.68, EDU_LOW, POOR,
       {_FRENCH: 0.45, _OTHER: 0.5, "English only": 0.05}),
    _c("124", "Nigeria", "119", 0.5, MIXED, 1.0, 0.06, EDU_HIGH, COMFORTABLE,
       {_OTHER: 0.35, "English only": 0.65}),
    _c("143", "Cuba", "140", 0.6, MIXED, 1.0, 0.6, EDU_MID, MODEST,
       _SPANISH),
    _c("145", "Dominican Republic", "140", 1.0, MIXED, 0.9, 0.55, EDU_MID, POOR,
       _SPANISH),
    _c("147", "Haiti", "140", 0.9, MIXED, 0.9, 0.5, EDU_MID, MODEST,
       {_FRENCH: 0.88, "English only": 0.12}),
    _c("148", "Jamaica", "140", 0.6, SETTLED, 1.1, 0.02, EDU_MID, MODEST,
       {"English only": 0.97, _OTHER: 0.03}),
    _c("157", "El Salvador", "154", 1.0, MIXED, 0.6, 0.62, EDU_LOW, POOR,
       _SPANISH),
    _c("158", "Guatemala", "154", 0.8, MOSTLY_RECENT, 0.45, 0.68, EDU_LOW, POOR,
       {"Spanish": 0.82, _OTHER: 0.12, "English only": 0.06}),
    _c("159", "Honduras", "154", 0.7, MOSTLY_RECENT, 0.45, 0.66, EDU_LOW, POOR,
       _SPANISH),
    _c("160", "Mexico", "154", 3.0, MIXED, 0.55, 0.55, EDU_LOW, MODEST,
       _SPANISH),
    _c("169", "Colombia", "164", 0.6, MIXED, 1.0, 0.45, EDU_MID, MODEST,
       _SPANISH),
    _c("170", "Ecuador", "164", 0.5, MIXED, 0.8, 0.55, EDU_LOW, MODEST,
       _SPANISH),
    _c("174", "Venezuela", "164", 0.7, RECENT, 0.35, 0.5, EDU_HIGH, MODEST,
       _SPANISH),
)
# fmt: on
