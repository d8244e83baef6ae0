"""Sentences ``geo/`` composes for people, said later in the interface language.

``geo`` never knows the session's language. A :class:`Message` is its English text (so
logs, the command line, ``str(err)`` and tests read English) that keeps the ``N_()``
template and the values filled into it; the interface calls :func:`say` (or
:meth:`Message.in_language`), which translates the template first and fills the values in
after: data (names, what someone typed, row numbers given as text) stays as typed, numbers
follow the locale, and a value that is itself a Message is said in the same language.

Example
-------
>>> m = Message(N_("'{name}' is not a number"), name="4O.7")
>>> str(m)
"'4O.7' is not a number"
"""

from __future__ import annotations

from collections.abc import Mapping

from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol
from babel.units import format_unit

from geo.i18n import DEFAULT, N_, PSEUDO, format_list, translator

__all__ = [
    "Listing",
    "Message",
    "N_",
    "Quantity",
    "choices",
    "enumeration",
    "file_size",
    "n_",
    "reason",
    "say",
]


class Message(str):
    """English text that can be said again in another language (``in_language``)."""

    template: str
    params: dict[str, object]
    forms: tuple[str, str] | None

    def __new__(cls, template: str, /, **params: object) -> Message:  # noqa: D102
        text = (
            template.format(**{k: _english(v) for k, v in params.items()}) if params else template
        )
        self = super().__new__(cls, text)
        self.template, self.params, self.forms = template, dict(params), None
        return self

    def in_language(self, code: str) -> str:
        """This sentence in the interface language ``code`` (``en``, ``es``, ``qps``...)."""
        if code == DEFAULT:
            return str(self)
        catalog = translator(code)
        if self.forms is not None:
            template = catalog.ngettext(*self.forms, int(self.params["count"]))  # type: ignore[call-overload]
        else:
            template = catalog.gettext(self.template)
        values = {k: _in_language(v, code) for k, v in self.params.items()}
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):  # a catalog typo must not hide the message
            return str(self)


def n_(singular: str, plural: str, count: int, /, **params: object) -> Message:
    """A Message whose template depends on ``count`` (``{count}`` is filled in too).

    Marked for the catalogs like ``ui.i18n.n_`` (``python -m geo i18n update`` extracts it
    as a plural entry).
    """
    message = Message(singular if count == 1 else plural, count=count, **params)
    message.forms = (singular, plural)
    return message


def say(value: object, code: str) -> object:
    """``value`` in language ``code`` if it is a Message; anything else unchanged."""
    return value.in_language(code) if isinstance(value, Message) else value


def reason(err: BaseException) -> str:
    """Why ``err`` was raised: its Message when it carries one (kept translatable), else text."""
    return err.args[0] if err.args and isinstance(err.args[0], Message) else str(err)


def choices(known: Mapping[str, str]) -> Listing:
    """Accepted keys with their labels, ``in_progress (In progress), ...``, for a refusal.

    The keys stay as the command line and files write them; each label (an ``N_`` text)
    is said in the reader's language.
    """
    return Listing(
        (Message(N_("{key} ({label})"), key=k, label=Message(v)) for k, v in known.items()), ", "
    )


class _Number:
    """A number that formats itself as the locale writes it, format spec and all."""

    def __init__(self, value: float, code: str) -> None:
        self.value, self.code = value, "en" if code == PSEUDO else code

    def __format__(self, spec: str) -> str:
        if not spec:
            return format_decimal(self.value, locale=self.code)
        english = format(self.value, spec)
        decimal, group = get_decimal_symbol(self.code), get_group_symbol(self.code)
        return english.replace(",", "\0").replace(".", decimal).replace("\0", group)


class Listing(tuple[object, ...]):
    """Items (Messages or data) that a Message shows joined by ``sep``, each in its language.

    ``sep=None`` lists them as the reader's language does (:func:`enumeration`).
    """

    sep: str | None

    def __new__(cls, items: object, sep: str | None = "; ") -> Listing:  # noqa: D102
        self = super().__new__(cls, items)  # type: ignore[arg-type]
        self.sep = sep
        return self

    def __getnewargs__(self) -> tuple[object, ...]:  # noqa: D105 - copy and pickle
        return (tuple(self), self.sep)


class Quantity:
    """An amount with its unit, said as the locale writes both (``12.3 MB``, ``12,3 Mo``).

    ``unit`` is a CLDR unit (``digital-megabyte``): Babel knows its short name in every
    language, so no catalog entry is needed for it.
    """

    def __init__(self, value: float, unit: str, decimals: int = 1) -> None:
        self.value, self.unit, self.decimals = value, unit, decimals

    def in_language(self, code: str) -> str:
        """The amount and unit in language ``code`` (the pseudo-locale writes English)."""
        pattern = "#,##0" + ("." + "0" * self.decimals if self.decimals else "")
        locale = DEFAULT if code == PSEUDO else code
        return format_unit(self.value, self.unit, length="short", format=pattern, locale=locale)

    def __str__(self) -> str:
        return self.in_language(DEFAULT)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Quantity) and (self.value, self.unit) == (other.value, other.unit)

    def __hash__(self) -> int:
        return hash((self.value, self.unit))


def file_size(size_bytes: int) -> Quantity:
    """A file's size in megabytes (1 MB = 1024 × 1024 bytes, as file managers count)."""
    return Quantity(size_bytes / 1024 / 1024, "digital-megabyte")


def enumeration(items: object, limit: int | None = None) -> Listing:
    """Items a Message lists as the reader's language does: ``lat, lon`` in English,
    ``lat、lon`` in Chinese, ``lat وlon`` in Arabic (:func:`geo.i18n.format_list`).

    For plain enumerations (missing columns, who changed a record); a list of choices
    ("use one of ...") keeps ``Listing(items, ", ")``: the reader picks one of them.
    With ``limit``, the first ``limit`` items and "…" last when there are more.
    """
    shown = list(items)  # type: ignore[call-overload]
    if limit is not None and len(shown) > limit:
        shown = [*shown[:limit], "…"]
    return Listing(shown, None)


def _joined(listing: Listing, words: list[str], code: str) -> str:
    return format_list(words, code) if listing.sep is None else listing.sep.join(words)


def _english(value: object) -> object:
    if isinstance(value, Listing):
        return _joined(value, [str(item) for item in value], DEFAULT)
    return value


def _in_language(value: object, code: str) -> object:
    if isinstance(value, Listing):
        return _joined(value, [str(_in_language(item, code)) for item in value], code)
    if isinstance(value, Message | Quantity):
        return value.in_language(code)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _Number(value, code)
    return value
