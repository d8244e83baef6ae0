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
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from geo.errors import ImportFormatError
from geo.messages import N_, Message, reason

FORMAT = "welcome-atlas-backup"
_IN_LIST = re.compile(r"^\s*(\w+)\s+IN\s*\((.*)\)\s*$", re.IGNORECASE)

Rows = dict[str, list[tuple[int, dict[str, Any]]]]


def _refuse(name: str, line: int | None, what: object) -> ImportFormatError:
    """Refused at ``line`` (or the whole file); ``what`` is a Message, or a library's text."""
    return ImportFormatError.said(
        N_("Line {line} of '{name}': {what}. Nothing was restored; the database is unchanged.")
        if line
        else N_("The backup '{name}': {what}. Nothing was restored; the database is unchanged."),
        line=str(line),
        name=name,
        what=what,
    )


def read_text(path: Path) -> list[str]:
    """The file's lines, un-gzipped when the name ends in ``.gz``; damaged files are refused."""
    try:
        raw = path.read_bytes()
        data = gzip.decompress(raw) if path.suffix == ".gz" else raw
        return data.decode("utf-8").splitlines()
    except (EOFError, OSError, zlib.error) as err:
        what = N_("it is not a complete gzip file ({reason}); it may have been cut short")
        raise _refuse(path.name, None, Message(what, reason=str(err))) from err
    except UnicodeDecodeError as err:
        what = N_("it is not UTF-8 text (byte {byte} cannot be read)")
        raise _refuse(path.name, None, Message(what, byte=str(err.start))) from err


def read_header(lines: list[str], name: str) -> dict[str, Any]:
    """The first line as the backup header; anything else is not a backup."""
    try:
        header = json.loads(lines[0]) if lines else None
    except json.JSONDecodeError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ImportFormatError.said(
            N_(
                "The file '{name}' is not a Welcome Atlas backup. Choose a file made with "
                "'Prepare a backup file'."
            ),
            name=name,
        )
    if not isinstance(header.get("tables"), dict):
        raise _refuse(name, 1, Message(N_("the header has no table counts")))
    return header


def _check_int(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(Message(N_("{value} is not a whole number"), value=repr(value)))
    return value


def _check_float(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(Message(N_("{value} is not a number"), value=repr(value)))
    return float(value)


def _check_bool(value: Any) -> Any:
    if not isinstance(value, bool):
        raise ValueError(Message(N_("{value} is not true or false"), value=repr(value)))
    return value


def _parse(kind: type, value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError(Message(N_("{value} is not a date written as text"), value=repr(value)))
    try:
        return kind.fromisoformat(value)  # type: ignore[attr-defined]
    except ValueError:
        what = N_("'{value}' is not a valid date (YYYY-MM-DD...)")
        raise ValueError(Message(what, value=value[:40])) from None


def _string_check(length: int | None) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if not isinstance(value, str):
            raise ValueError(Message(N_("{value} is not text"), value=repr(value)))
        if length is not None and len(value) > length:
            what = N_("the text is {count} characters long, at most {limit} fit")
            raise ValueError(Message(what, count=len(value), limit=length))
        return value

    return check


def _checker(column: sa.Column) -> Callable[[Any], Any]:
    kind = getattr(column.type, "impl", column.type)
    kind = kind if isinstance(kind, sa.types.TypeEngine) else column.type
    if isinstance(kind, sa.DateTime):
        return lambda v: _parse(datetime, v)
    if isinstance(kind, sa.Date):
        return lambda v: _parse(date, v)
    if isinstance(kind, sa.Time):  # opening hours
        return lambda v: _parse(time, v)
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
            what = N_("unknown column '{column}' in table '{table}'")
            raise ValueError(Message(what, column=unknown[0], table=self.table.name))
        cleaned: dict[str, Any] = {}
        for name, value in row.items():
            column = self.table.c[name]
            if value is None:
                if not column.nullable:
                    what = N_("column '{column}' is empty but is required")
                    raise ValueError(Message(what, column=name))
                cleaned[name] = None
                continue
            try:
                cleaned[name] = self.checks[name](value)
            except ValueError as err:
                what = N_("column '{column}': {reason}")
                raise ValueError(Message(what, column=name, reason=reason(err))) from None
            if name in self.allowed and value not in self.allowed[name]:
                what = N_("column '{column}': '{value}' is not one of {allowed}")
                allowed = str(sorted(self.allowed[name]))
                raise ValueError(Message(what, column=name, value=str(value), allowed=allowed))
        missing = [c for c in self.columns if c not in row]
        if missing:
            what = N_("column '{column}' of table '{table}' is missing")
            raise ValueError(Message(what, column=missing[0], table=self.table.name))
        return cleaned


def _parse_line(text: str, number: int, name: str) -> tuple[str, dict[str, Any]]:
    try:
        line = json.loads(text)
    except json.JSONDecodeError as err:
        raise _refuse(
            name, number, Message(N_("it is damaged ({reason})"), reason=err.msg)
        ) from err
    if not isinstance(line, dict):
        what = N_("expected an object, found {kind}")
        raise _refuse(name, number, Message(what, kind=type(line).__name__))
    table, row = line.get("table"), line.get("row")
    if not isinstance(table, str) or not isinstance(row, dict):
        raise _refuse(name, number, Message(N_("a line needs a 'table' name and a 'row' object")))
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
            raise _refuse(name, number, Message(N_("unknown table '{table}'"), table=table[:64]))
        try:
            rows[table].append((number, checks[table].clean(row)))
        except ValueError as err:
            raise _refuse(name, number, reason(err)) from None
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
                    what = N_("{table} {key} repeats line {line}")
                    where = {"table": table.name, "key": shown, "line": str(seen[value])}
                    raise _refuse(name, number, Message(what, **where))
                seen[value] = number
    for table in tables:
        for fk in table.foreign_keys:
            target = fk.column
            present = {r.get(target.name) for _, r in rows[target.table.name]}
            for number, row in rows[table.name]:
                ref = row.get(fk.parent.name)
                if ref is not None and ref not in present:
                    what = N_("{column} = {value} refers to a {table} row the backup does not hold")
                    column, table_name = f"{table.name}.{fk.parent.name}", target.table.name
                    said = Message(what, column=column, value=repr(ref), table=table_name)
                    raise _refuse(name, number, said)
