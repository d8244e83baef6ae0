"""The validation report of an import: every problem, warning and note by row and field.

``row`` is the 1-based data row (header excluded), ``line`` the line a spreadsheet program
shows; the report reads as a table on the page and downloads as CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from geo.cells import neutralize_cell
from geo.db import DuplicateMatch
from geo.errors import DuplicateAsset, ValidationError
from geo.i18n import N_, english_n
from geo.messages import Listing, Message, n_, say

REPORT_COLUMNS = ("row", "line", "severity", "kind", "field", "value", "message")
# Headings of the report in words (the English CSV keeps the column names above).
REPORT_HEADINGS = {
    "row": N_("Row"),
    "line": N_("Line"),
    "severity": N_("Severity"),
    "kind": N_("Kind"),
    "field": N_("Field"),
    "value": N_("Value"),
    "message": N_("Problem"),
}
SEVERITIES = {"error": N_("error"), "warning": N_("warning"), "note": N_("note")}
KINDS = {
    "invalid": N_("invalid"),
    "duplicate": N_("duplicate"),
    "needs_location": N_("needs location"),
    "geocoded": N_("geocoded"),
    "file": N_("file"),
    "site": N_("site"),
}


@dataclass(frozen=True, kw_only=True)
class Issue:
    """One problem (error: row rejected), warning (user decides) or note (for information)."""

    row: int | None
    field: str
    message: str
    severity: str = "error"
    kind: str = "invalid"  # invalid, duplicate, needs_location, geocoded, file
    value: str = ""
    line: int | None = None


@dataclass(kw_only=True)
class ValidationReport:
    """Every problem found in one file; ``row_label`` says how ``row`` counts."""

    source: str
    row_label: str = "data row"
    first_line: int = 2
    rows_read: int = 0
    issues: list[Issue] = field(default_factory=list)

    def add(self, issue: Issue) -> None:
        """Append an issue, filling its spreadsheet line from its row."""
        line = None if issue.row is None else issue.row + self.first_line - 1
        self.issues.append(Issue(**{**issue.__dict__, "line": line}))

    def rows_with(self, *, kind: str) -> set[int]:
        """Row numbers having at least one issue of ``kind``."""
        return {i.row for i in self.issues if i.kind == kind and i.row is not None}

    @property
    def rejected_rows(self) -> set[int]:
        """Rows with at least one error."""
        return {i.row for i in self.issues if i.severity == "error" and i.row is not None}

    def to_frame(self, language: str = "en") -> pd.DataFrame:
        """One line per issue, columns REPORT_COLUMNS, ordered by row.

        In another ``language`` the messages, severities and kinds are said in it (names
        and values stay as typed).
        """
        records = [_record(i, language) for i in self.issues]
        frame = pd.DataFrame.from_records(records, columns=list(REPORT_COLUMNS))
        return frame.sort_values("row", kind="stable", na_position="first").reset_index(drop=True)

    def summary(
        self,
        translate: Callable[[str], str] = str,
        n_: Callable[[str, str, int], str] = english_n,
    ) -> str:
        """One plain sentence for the page or the terminal, in the language of ``translate``."""
        bad, dup = len(self.rejected_rows), len(self.rows_with(kind="duplicate"))
        unplaced = len(self.rows_with(kind="needs_location"))
        read = self.rows_read
        if self.row_label == "organization row":
            rows = n_("{count} organization row", "{count} organization rows", read)
        elif self.row_label == "feature":
            rows = n_("{count} feature", "{count} features", read)
        else:
            rows = n_("{count} data row", "{count} data rows", read)
        duplicates = n_("{count} possible duplicate", "{count} possible duplicates", dup)
        return translate(
            N_(
                "'{source}': {rows} read; {rejected} rejected, {duplicates}, "
                "{unplaced} without a location."
            )
        ).format(
            source=self.source,
            rows=rows.format(count=read),
            rejected=bad,
            duplicates=duplicates.format(count=dup),
            unplaced=unplaced,
        )


def _record(issue: Issue, language: str) -> dict[str, object]:
    record = {c: getattr(issue, c) for c in REPORT_COLUMNS}
    if language != "en":
        words = {"severity": SEVERITIES, "kind": KINDS}
        for column, vocabulary in words.items():
            code = str(record[column])
            if code in vocabulary:
                record[column] = Message(vocabulary[code])
        record = {c: say(v, language) for c, v in record.items()}
    return record


def rows_phrase(row_label: str, count: int) -> Message:
    """'12 data rows', '1 feature', '3 organization rows': a count of the file's rows."""
    if row_label == "organization row":
        return n_("{count} organization row", "{count} organization rows", count)
    if row_label == "feature":
        return n_("{count} feature", "{count} features", count)
    return n_("{count} data row", "{count} data rows", count)


def row_name(row_label: str, row: object) -> Message:
    """'data row 4', 'feature 2': one row of the file (its number stays as typed)."""
    if row_label == "organization row":
        return Message(N_("organization row {row}"), row=str(row))
    if row_label == "feature":
        return Message(N_("feature {row}"), row=str(row))
    return Message(N_("data row {row}"), row=str(row))


def report_to_csv(report: ValidationReport, language: str = "en") -> bytes:
    """The report as CSV bytes (UTF-8 with BOM for spreadsheets; cells formula-neutralized).

    In another ``language`` the headings are words (``Row``, ``Problem``...) and the
    problems are said in it; in English the headings are the column names.

    The first line explains the numbering, e.g. ``row = data row counting from 1 after the
    header; line = line number in a spreadsheet program``.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if language == "en":
        writer.writerow(REPORT_COLUMNS)
    else:
        writer.writerow([say(Message(REPORT_HEADINGS[c]), language) for c in REPORT_COLUMNS])
    for record in report.to_frame(language).itertuples(index=False):
        writer.writerow(
            [
                ""
                if pd.isna(v)
                else neutralize_cell(
                    v if isinstance(v, str) else str(int(v)) if isinstance(v, float) else str(v)
                )
                for v in record
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def refuse_rejected(report: ValidationReport) -> None:
    """Raise the ValidationError that lists the rejected rows (the first three in words)."""
    bad = sorted(report.rejected_rows)
    problems = _problems(report, lambda issue: issue.severity == "error")
    shown = Listing(
        Message(
            N_("{row}: '{field}' {message}"),
            row=row_name(report.row_label, p["row"]),
            field=p["field"],
            message=p["message"],
        )
        for p in problems[:3]
    )
    raise ValidationError(
        Message(
            N_(
                "{bad} of {rows} in '{source}' cannot be imported: {shown}{more}. Nothing was "
                "saved. Fix the file and import it again, or choose to import only the valid "
                "rows. The full list is in the validation report."
            ),
            bad=len(bad),
            rows=rows_phrase(report.row_label, report.rows_read),
            source=report.source,
            shown=shown,
            more=_more(len(problems) - 3),
        ),
        problems,
    )


def _problems(report: ValidationReport, wanted: Callable[[Issue], bool]) -> list[dict]:
    """The problem rows (row, line, field, message) of the issues ``wanted`` keeps."""
    return [
        {"row": i.row, "line": i.line, "field": i.field, "message": i.message}
        for i in report.issues
        if wanted(i)
    ]


def _more(count: int) -> Message | str:
    return n_(" (and {count} more)", " (and {count} more)", count) if count > 0 else ""


def refuse_duplicates(report: ValidationReport, found: dict[int, list[DuplicateMatch]]) -> None:
    """Raise the DuplicateAsset that lists the possible duplicates (the first three)."""
    problems = _problems(report, lambda issue: issue.kind == "duplicate")
    shown = Listing(
        Message(
            N_("{row} {message}"), row=row_name(report.row_label, p["row"]), message=p["message"]
        )
        for p in problems[:3]
    )
    raise DuplicateAsset(
        n_(  # the count picks the verb's form: "1 row ... is", "3 rows ... are"
            "{rows} of '{source}' may already be saved: {shown}{more}. Nothing was saved. "
            "Choose to skip the duplicate or to import it anyway.",
            "{rows} of '{source}' may already be saved: {shown}{more}. Nothing was saved. "
            "Choose to skip the duplicates or to import them anyway.",
            len(found),
            rows=rows_phrase(report.row_label, len(found)),
            source=report.source,
            shown=shown,
            more=_more(len(problems) - 3),
        ),
        problems,
        [m for matches in found.values() for m in matches],
    )
