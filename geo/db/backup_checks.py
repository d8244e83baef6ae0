"""Read a backup file and check every value against the schema before anything is written.

A damaged or crafted backup (cut gzip, random bytes, a line that is not an object, an unknown
table or column, a bad date, a duplicate key, a missing required value, a reference to a row that
is not there) is refused with one message naming the line and what is wrong, so a restore either
replaces everything or changes nothing, the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import zlib
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from geo.errors import ImportFormatError

FORMAT = "welcome-atlas-backup"
_IN_LIST = re.compile(r"^\s*(\w+)\s+IN\s*\((.*)\)\s*$", re.IGNORECASE)

Rows = dict[str, list[tuple[int, dict[str, Any]]]]


def _refuse(name: str, line: int | None, what: str) -> ImportFormatError:
    where = f"Line {line} of '{name}'" if line else f"The backup '{name}'"
    return ImportFormatError(f"{where}: {what}. Nothing was restored; the database is unchanged.")


def read_text(path: Path) -> list[str]:
    """The file's lines, un-gzipped when the name ends in ``.gz``; damaged files are refused."""
    try:
        raw = path.read_bytes()
        data = gzip.decompress(raw) if path.suffix == ".gz" else raw
        return data.decode("utf-8").splitlines()
    except (EOFError, OSError, zlib.error) as err:
        raise _refuse(
            path.name, None, f"it is not a complete gzip file ({err}); it may have been cut short"
        ) from err
    except UnicodeDecodeError as err:
        raise _refuse(
            path.name, None, f"it is not UTF-8 text (byte {err.start} cannot be read)"
        ) from err


def read_header(lines: list[str], name: str) -> dict[str, Any]:
    """The first line as the backup header; anything else is not a backup."""
    try:
        header = json.loads(lines[0]) if lines else None
    except json.JSONDecodeError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ImportFormatError(
            f"The file '{name}' is not a Welcome Atlas backup. "
            "Choose a file made with 'Back up the database'."
        )
    if not isinstance(header.get("tables"), dict):
        raise _refuse(name, 1, "the header has no table counts")
    return header


def _check_int(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{value!r} is not a whole number")
    return value


def _check_float(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{value!r} is not a number")
    return float(value)


def _check_bool(value: Any) -> Any:
    if not isinstance(value, bool):
        raise ValueError(f"{value!r} is not true or false")
    return value


def _parse(kind: type, value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a date written as text")
    try:
        return kind.fromisoformat(value)  # type: ignore[attr-defined]
    except ValueError:
        raise ValueError(f"'{value[:40]}' is not a valid date (YYYY-MM-DD...)") from None


def _string_check(length: int | None) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if not isinstance(value, str):
            raise ValueError(f"{value!r} is not text")
        if length is not None and len(value) > length:
            raise ValueError(f"the text is {len(value)} characters long, at most {length} fit")
        return value

    return check


def _checker(column: sa.Column) -> Callable[[Any], Any]:
    kind = getattr(column.type, "impl", column.type)
    kind = kind if isinstance(kind, sa.types.TypeEngine) else column.type
    if isinstance(kind, sa.DateTime):
        return lambda v: _parse(datetime, v)
    if isinstance(kind, sa.Date):
        return lambda v: _parse(date, v)
    if isinstance(kind, sa.Boolean):
        return _check_bool
    if isinstance(kind, sa.Integer):
        return _check_int
    if isinstance(kind, sa.Float):
        return _check_float
    if isinstance(kind, sa.String):
        return _string_check(kind.length)
    return lambda v: v  # JSON: any JSON value is storable


def _allowed_values(table: sa.Table) -> dict[str, set[str]]:
    """Column -> allowed values, from ``CHECK (col IN ('a', 'b'))`` constraints."""
    allowed: dict[str, set[str]] = {}
    for constraint in table.constraints:
        if isinstance(constraint, sa.CheckConstraint):
            match = _IN_LIST.match(str(constraint.sqltext))
            if match:
                values = re.findall(r"'([^']*)'", match.group(2))
                allowed[match.group(1)] = set(values)
    return allowed


class _TableCheck:
    """Checks rows of one table: every column present, types, required values, enumerations."""

    def __init__(self, table: sa.Table) -> None:
        self.table = table
        self.checks = {c.name: _checker(c) for c in table.columns}
        self.columns = [c.name for c in table.columns]
        self.allowed = _allowed_values(table)

    def clean(self, row: dict[str, Any]) -> dict[str, Any]:
        """The row with Python values; ValueError says which column is wrong."""
        unknown = sorted(set(row) - set(self.checks))
        if unknown:
            raise ValueError(f"unknown column '{unknown[0]}' in table '{self.table.name}'")
        cleaned: dict[str, Any] = {}
        for name, value in row.items():
            column = self.table.c[name]
            if value is None:
                if not column.nullable:
                    raise ValueError(f"column '{name}' is empty but is required")
                cleaned[name] = None
                continue
            try:
                cleaned[name] = self.checks[name](value)
            except ValueError as err:
                raise ValueError(f"column '{name}': {err}") from None
            if name in self.allowed and value not in self.allowed[name]:
                raise ValueError(
                    f"column '{name}': '{value}' is not one of {sorted(self.allowed[name])}"
                )
        missing = [c for c in self.columns if c not in row]
        if missing:
            raise ValueError(f"column '{missing[0]}' of table '{self.table.name}' is missing")
        return cleaned


def _parse_line(text: str, number: int, name: str) -> tuple[str, dict[str, Any]]:
    try:
        line = json.loads(text)
    except json.JSONDecodeError as err:
        raise _refuse(name, number, f"it is damaged ({err.msg})") from err
    if not isinstance(line, dict):
        raise _refuse(name, number, f"expected an object, found {type(line).__name__}")
    table, row = line.get("table"), line.get("row")
    if not isinstance(table, str) or not isinstance(row, dict):
        raise _refuse(name, number, "a line needs a 'table' name and a 'row' object")
    return table, row


def read_rows(lines: list[str], tables: tuple[sa.Table, ...], name: str) -> Rows:
    """Every data line parsed and checked against its table's columns, per table."""
    checks = {t.name: _TableCheck(t) for t in tables}
    rows: Rows = {t.name: [] for t in tables}
    for number, text in enumerate(lines[1:], start=2):
        if not text.strip():
            continue
        table, row = _parse_line(text, number, name)
        if table not in checks:
            raise _refuse(name, number, f"unknown table '{table[:64]}'")
        try:
            rows[table].append((number, checks[table].clean(row)))
        except ValueError as err:
            raise _refuse(name, number, str(err)) from None
    return rows


def _keys(table: sa.Table) -> list[tuple[str, ...]]:
    keys = [tuple(c.name for c in table.primary_key.columns)]
    for constraint in table.constraints:
        if isinstance(constraint, sa.UniqueConstraint):
            keys.append(tuple(c.name for c in constraint.columns))
    keys += [tuple(c.name for c in i.columns) for i in table.indexes if i.unique]
    return keys


def check_keys(rows: Rows, tables: tuple[sa.Table, ...], name: str) -> None:
    """Refuse duplicate keys and references to rows the backup does not hold."""
    for table in tables:
        for key in _keys(table):
            seen: dict[tuple[Any, ...], int] = {}
            for number, row in rows[table.name]:
                value = tuple(row.get(c) for c in key)
                if None in value:
                    continue
                if value in seen:
                    shown = ", ".join(f"{c}={v!r}" for c, v in zip(key, value, strict=True))
                    raise _refuse(name, number, f"{table.name} {shown} repeats line {seen[value]}")
                seen[value] = number
    for table in tables:
        for fk in table.foreign_keys:
            target = fk.column
            present = {r.get(target.name) for _, r in rows[target.table.name]}
            for number, row in rows[table.name]:
                ref = row.get(fk.parent.name)
                if ref is not None and ref not in present:
                    raise _refuse(
                        name,
                        number,
                        f"{table.name}.{fk.parent.name} = {ref!r} refers to a "
                        f"{target.table.name} row the backup does not hold",
                    )
