"""Import orchestration: read -> map -> validate -> (geocode) -> duplicate guard -> write.

All or nothing: rows are written with :func:`geo.db.add_assets` inside the caller's
transaction (``with Session(engine) as s, s.begin(): import_file(s, ...)``), so a rejected
file, a duplicate question, a cancel or a failure half-way leaves the database unchanged.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from geo.db import DuplicateMatch, add_assets, find_duplicates_many
from geo.db.unit_of_work import changes
from geo.errors import ImportCancelled
from geo.io.geocoding import Geocoder, geocode_records
from geo.io.mapping import FIELDS, apply_mapping, check_mapping, propose_mapping
from geo.io.readers import SourceTable
from geo.io.report import Issue, ValidationReport, refuse_duplicates, refuse_rejected
from geo.io.sniff import DEFAULT_LIMITS, Limits
from geo.io.sources import read_source
from geo.io.validation import validate_rows
from geo.messages import N_, Message, enumeration

DUPLICATE_CHOICES = ("ask", "skip", "import")
CANCELLED = N_("The import was cancelled. Nothing was saved.")
# What two organizations share when they look like one (geo.db.duplicates reasons).
REASONS = {"name": N_("name"), "phone": N_("phone"), "website": N_("website")}
CHUNK_ROWS = 500
Progress = Callable[[int, int], object]  # return value ignored (a progress bar returns itself)
ShouldCancel = Callable[[], bool]


@dataclass(kw_only=True)
class ImportPlan:
    """A read, mapped and validated file, ready for :func:`run_import`."""

    table: SourceTable
    mapping: dict[str, str]
    records: list[tuple[int, dict[str, object]]]
    report: ValidationReport


@dataclass(kw_only=True)
class ImportResult:
    """What an import wrote: ids by source row, what was skipped, what needs a location."""

    ids: dict[int, str] = field(default_factory=dict)
    skipped_rows: list[int] = field(default_factory=list)
    needs_location: list[str] = field(default_factory=list)
    report: ValidationReport | None = None

    @property
    def imported(self) -> int:
        """Number of organizations written."""
        return len(self.ids)


def prepare_import(
    source: str | Path | SourceTable,
    *,
    mapping: Mapping[str, str | None] | None = None,
    session: Session | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportPlan:
    """Read, map and validate a file; nothing is written.

    Parameters
    ----------
    source : str, pathlib.Path or SourceTable
        File or datapackage to read, or a table already read with :func:`read_source`.
    mapping : Mapping, optional
        ``{our_field: source_column}``; default :func:`propose_mapping` (ignored for HSDS).
    session : sqlalchemy.orm.Session, optional
        When given, possible duplicates are added to the report as warnings.
    limits : Limits, optional
        Size and row limits.

    Returns
    -------
    ImportPlan

    Raises
    ------
    ImportFormatError
        When the file cannot be read or has no name column.
    """
    table = source if isinstance(source, SourceTable) else read_source(source, limits)
    if table.mapped:
        chosen = {f: f for f in table.frame.columns if f in FIELDS}
    else:
        chosen = dict(mapping) if mapping is not None else propose_mapping(table.frame.columns)
    chosen = check_mapping(chosen, table.frame.columns, table.name)
    records, issues = validate_rows(apply_mapping(table.frame, chosen), source=table.name)
    report = ValidationReport(
        source=table.name,
        row_label=table.row_label,
        first_line=table.first_line,
        rows_read=len(table.frame),
    )
    for note in table.notes:
        report.add(Issue(row=None, field="file", message=note, severity="warning", kind="file"))
    for issue in issues:
        report.add(issue)
    plan = ImportPlan(table=table, mapping=chosen, records=records, report=report)
    if session is not None:
        flag_duplicates(session, plan.records, plan.report)
    return plan


def flag_duplicates(
    session: Session, records: list[tuple[int, dict[str, object]]], report: ValidationReport
) -> dict[int, list[DuplicateMatch]]:
    """Add a warning per possible duplicate (stored or earlier in the file); keyed by row."""
    found = find_duplicates_many(session, [r for _, r in records])
    rows = [row for row, _ in records]
    by_row: dict[int, list[DuplicateMatch]] = {}
    for index, matches in sorted(found.items()):
        row = rows[index]
        by_row[row] = matches
        for match in matches:
            other = _describe_match(match, rows)
            report.add(
                Issue(
                    row=row,
                    field="name",
                    severity="warning",
                    kind="duplicate",
                    value=str(records[index][1]["name"]),
                    message=Message(
                        N_("looks like {other}: same {reasons}"),
                        other=other,
                        reasons=enumeration(Message(REASONS.get(r, r)) for r in match.reasons),
                    ),
                )
            )
    return by_row


def _describe_match(match: DuplicateMatch, rows: list[int]) -> Message:
    if match.status == "new" and match.organization_id.startswith("#"):
        row = rows[int(match.organization_id[1:])]
        return Message(N_("row {row} of this file ('{name}')"), row=str(row), name=match.name)
    return Message(
        N_("saved organization '{name}' ({id})"), name=match.name, id=match.organization_id
    )


def _write(
    session: Session,
    records: list[tuple[int, dict[str, object]]],
    *,
    user: str,
    progress: Progress | None,
    should_cancel: ShouldCancel | None,
    done: int,
    total: int,
) -> dict[int, str]:
    """Insert in chunks (one transaction) so progress shows and cancel is honoured."""
    ids: dict[int, str] = {}
    for start in range(0, len(records), CHUNK_ROWS):
        if should_cancel is not None and should_cancel():
            raise ImportCancelled(Message(CANCELLED))
        chunk = records[start : start + CHUNK_ROWS]
        new_ids = add_assets(session, [r for _, r in chunk], user=user, allow_duplicate=True)
        ids.update(zip([row for row, _ in chunk], new_ids, strict=True))
        if progress is not None:
            progress(done + start + len(chunk), total)
    if should_cancel is not None and should_cancel():
        raise ImportCancelled(Message(CANCELLED))
    return ids


def run_import(
    session: Session,
    plan: ImportPlan,
    *,
    user: str,
    import_only_valid: bool = False,
    duplicates: str = "ask",
    geocoder: Geocoder | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportResult:
    """Write a prepared import into the caller's transaction (all or nothing).

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        Session inside ``session.begin()``; it commits when the block ends without error.
    plan : ImportPlan
        From :func:`prepare_import`.
    user : str
        Who imports (change log and ``updated_by``).
    import_only_valid : bool, optional
        Import the valid rows even when others were rejected (default: refuse the file).
    duplicates : {'ask', 'skip', 'import'}, optional
        Rows that look like saved organizations (or earlier rows): 'ask' refuses the
        import so the user can decide, 'skip' leaves them out, 'import' saves them anyway.
    geocoder : Geocoder, optional
        Places rows without coordinates from their address; None leaves them unplaced.
    progress : callable (done, total), optional
        Called after each geocoded row and each written chunk.
    should_cancel : callable () -> bool, optional
        Polled between rows/chunks; True raises :class:`ImportCancelled`.

    Returns
    -------
    ImportResult

    Raises
    ------
    ValidationError
        Rows were rejected and ``import_only_valid`` is False; nothing is written.
    DuplicateAsset
        Possible duplicates and ``duplicates='ask'``; nothing is written.
    ImportCancelled
        ``should_cancel`` returned True; roll back (leaving ``session.begin()`` does).
    """
    if duplicates not in DUPLICATE_CHOICES:
        raise ValueError(f"duplicates must be one of {DUPLICATE_CHOICES}")
    report = copy.deepcopy(plan.report)
    report.issues = [i for i in report.issues if i.kind != "duplicate"]
    if report.rejected_rows and not import_only_valid:
        refuse_rejected(report)
    records = [(row, dict(record)) for row, record in plan.records]
    unplaced = [(row, r) for row, r in records if r["lat"] is None]
    total = len(records) + (len(unplaced) if geocoder else 0)
    if geocoder is not None:
        geocode_records(
            unplaced, geocoder, report, progress=progress, should_cancel=should_cancel, total=total
        )
    found = flag_duplicates(session, records, report)
    if found and duplicates == "ask":
        refuse_duplicates(report, found)
    skipped = sorted(found) if duplicates == "skip" else []
    kept = [(row, r) for row, r in records if row not in set(skipped)]
    done = total - len(records)
    ids = _write(
        session,
        kept,
        user=user,
        progress=progress,
        should_cancel=should_cancel,
        done=done,
        total=total - len(skipped),
    )
    with changes(session, user) as uow:
        counts = {"added": len(ids), "skipped": len(skipped), "rejected": len(report.rejected_rows)}
        uow.event("import", plan.table.name, "import", counts)
    return ImportResult(
        ids=ids,
        skipped_rows=skipped + sorted(report.rejected_rows),
        report=report,
        needs_location=[ids[row] for row, r in kept if r["lat"] is None],
    )


def import_file(
    session: Session,
    source: str | Path | SourceTable,
    *,
    user: str,
    mapping: Mapping[str, str | None] | None = None,
    import_only_valid: bool = False,
    duplicates: str = "ask",
    geocoder: Geocoder | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportResult:
    """Read, check and write one file in the caller's transaction; see :func:`run_import`.

    Examples
    --------
    >>> with Session(engine) as s, s.begin():  # doctest: +SKIP
    ...     result = import_file(s, "orgs.csv", user="amira", duplicates="skip")
    """
    plan = prepare_import(source, mapping=mapping, limits=limits)
    return run_import(
        session,
        plan,
        user=user,
        import_only_valid=import_only_valid,
        duplicates=duplicates,
        geocoder=geocoder,
        progress=progress,
        should_cancel=should_cancel,
    )
