"""One error hierarchy for the domain; only ui/errors.py turns these into messages on a page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Self

from geo.messages import Message, reason, say

Rows = Sequence[Mapping[str, object]]


class GeoError(Exception):
    """A problem the user can act on; the message says what happened and what to do.

    ``problems`` lists the input rows at fault (row, field, message, ...) and ``changes``
    what someone else saved meanwhile (field, who, their value, yours, ...); ui/errors.py
    shows both, row by row, under the message. A :class:`geo.messages.Message` (as the
    message or a row's value) is English in ``str(err)`` and said in the reader's language
    by :meth:`in_language`.
    """

    def __init__(
        self, message: str = "", *, problems: Rows | None = None, changes: Rows | None = None
    ) -> None:
        super().__init__(message)
        self.problems: list[dict[str, object]] = [dict(p) for p in problems or ()]
        self.changes: list[dict[str, object]] = [dict(c) for c in changes or ()]

    def in_language(self, code: str) -> str:
        """The message in interface language ``code`` (plain text stays as it is)."""
        return str(say(self.args[0], code)) if self.args else ""

    @classmethod
    def said(cls, template: str, /, **values: object) -> Self:
        """This error with ``Message(template, **values)``: English in logs, any language later.

        Mark ``template`` with ``N_()`` so the catalogs extract it; pass what the user
        typed and what a library reported as values (they stay as written).
        """
        return cls(Message(template, **values))


class ImportFormatError(GeoError):
    """A file cannot be read as the format it claims to be."""

    @classmethod
    def unreadable(cls, template: str, name: str, err: Exception, **values: object) -> Self:
        """A library's refusal to read the file ``name``, its reason quoted as it wrote it.

        ``template`` (marked with ``N_()``) says ``{name}`` and ``{reason}`` and what to do.
        """
        return cls.said(template, name=name, reason=reason(err), **values)


class ValidationError(GeoError):
    """Input rows or fields break a rule; carries the problems found."""

    def __init__(self, message: str, problems: Rows | None = None) -> None:
        super().__init__(message, problems=problems)


class DataNotAvailable(GeoError):
    """The study area lacks the table an indicator needs."""


class AssetNotFound(GeoError):
    """No asset with the given id."""


class EditConflict(GeoError):
    """Someone else saved the record since it was opened; carries what they changed."""

    def __init__(self, message: str, changes: Rows | None = None) -> None:
        super().__init__(message, changes=changes)


class VendorAssetsMissing(GeoError):
    """The offline map files (Leaflet and plugins) are not installed."""


class DuplicateAsset(ValidationError):
    """A new organization looks like one already stored; carries the matches.

    ``duplicates`` lists :class:`geo.db.duplicates.DuplicateMatch` records; ``problems``
    says which input row each belongs to. Save anyway with ``allow_duplicate=True``.
    """

    def __init__(
        self,
        message: str,
        problems: Rows | None = None,
        duplicates: list[object] | None = None,
    ) -> None:
        super().__init__(message, problems)
        self.duplicates = duplicates or []


class UnvendoredAsset(GeoError):
    """A map needs a browser file (JS/CSS) that has no local copy, so it would need internet."""


class RouteNotFeasible(GeoError):
    """A walkabout cannot be planned as asked (no stops, or stops that cannot be joined)."""


class PermissionDenied(GeoError):
    """The signed-in role (or an anonymous visitor) may not do this; nothing was changed."""


class SignInFailed(GeoError):
    """A sign-in was refused: unknown name, wrong password, inactive account or too many tries."""


class AccountNotFound(GeoError):
    """No staff account with the given user name."""


class ImportCancelled(GeoError):
    """The user cancelled an import; the caller's transaction rolls back, nothing is kept."""
