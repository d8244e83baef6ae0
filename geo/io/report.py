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
from geo.i18n import N_, english_n

REPORT_COLUMNS = ("row", "line", "severity", "kind", "field", "value", "message")


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

    def to_frame(self) -> pd.DataFrame:
        """One line per issue, columns REPORT_COLUMNS, ordered by row."""
        records = [{c: getattr(i, c) for c in REPORT_COLUMNS} for i in self.issues]
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


def report_to_csv(report: ValidationReport) -> bytes:
    """The report as CSV bytes (UTF-8 with BOM for spreadsheets; cells formula-neutralized).

    The first line explains the numbering, e.g. ``row = data row counting from 1 after the
    header; line = line number in a spreadsheet program``.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(REPORT_COLUMNS)
    for record in report.to_frame().itertuples(index=False):
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
