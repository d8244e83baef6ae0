"""``python -m geo i18n``: keep the interface catalogs in step with the code (Babel).

``update`` extracts every ``_()``/``n_()`` string of app.py, pages/ and ui/, every ``N_()``
label of geo/ (and the handout's ``_()``)
(``babel.cfg``) plus the labels of the controlled vocabularies (service categories and
language names, shown in the interface but stored as keys) into ``locale/messages.pot``,
then merges it into each ``locale/<code>/LC_MESSAGES/messages.po``. ``init CODE`` starts a
new language. Translators edit the ``.po`` files; the app compiles them when it starts.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

from geo.i18n import LOCALE_DIR
from geo.vocab import BRANCH_SERVICES, ENTRY_TECHNIQUES, LANGUAGES, SERVICE_CATEGORIES

_ROOT = LOCALE_DIR.parent
TEMPLATE = LOCALE_DIR / "messages.pot"


def _po(code: str):
    return LOCALE_DIR / code / "LC_MESSAGES" / "messages.po"


def extract(template_path: Path = TEMPLATE) -> Catalog:
    """Write ``messages.pot`` from the code and the vocabularies; return it."""
    CommandLineInterface().run(
        [
            "pybabel",
            "-q",
            "extract",
            "-F",
            str(_ROOT / "babel.cfg"),
            "-k",
            "_",
            "-k",
            "n_:1,2",
            "-k",
            "N_",
            "--no-location",
            "--sort-output",
            "--omit-header",
            "-o",
            str(template_path),
            str(_ROOT),
        ]
    )
    with template_path.open("rb") as handle:
        template = read_po(handle)
    vocabularies = (SERVICE_CATEGORIES, LANGUAGES, BRANCH_SERVICES, ENTRY_TECHNIQUES)
    for label in (label for vocab in vocabularies for label in vocab.values()):
        if label not in template:
            template.add(label, auto_comments=["geo.vocab label"])
    with template_path.open("wb") as handle:
        write_po(handle, template, omit_header=True, sort_output=True, no_location=True)
    return template


def update() -> list[str]:
    """Merge the template into every language's catalog; the codes updated."""
    template = extract()
    codes = sorted(p.parent.parent.name for p in LOCALE_DIR.glob("*/LC_MESSAGES/messages.po"))
    for code in codes:
        with _po(code).open("rb") as handle:
            catalog = read_po(handle, locale=code)
        catalog.update(template, no_fuzzy_matching=True)
        with _po(code).open("wb") as handle:
            write_po(
                handle,
                catalog,
                omit_header=True,
                sort_output=True,
                no_location=True,
                ignore_obsolete=True,
            )
    return codes


def init(code: str) -> None:
    """Start ``locale/<code>/LC_MESSAGES/messages.po`` from the template."""
    Locale.parse(code)  # an unknown code fails here, before any file is written
    template = extract()
    catalog = Catalog(locale=code)
    catalog.update(template)
    _po(code).parent.mkdir(parents=True, exist_ok=True)
    with _po(code).open("wb") as handle:
        write_po(handle, catalog, omit_header=True, sort_output=True, no_location=True)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``update`` | ``init CODE``."""
    sub = parser.add_subparsers(dest="i18n_command", required=True)
    sub.add_parser("update", help="re-extract the strings and merge them into every catalog")
    start = sub.add_parser("init", help="start the catalog of a new language")
    start.add_argument("code", help="e.g. uk, fa, so (Babel locale code)")


def run(args: argparse.Namespace) -> int:
    """Run the chosen sub-command and say what changed."""
    if args.i18n_command == "init":
        init(args.code)
        print(f"started {_po(args.code)}: translate its msgstr lines, then restart the app")
        return 0
    codes = update()
    print(f"updated {TEMPLATE} and the catalogs of {', '.join(codes) or 'no language'}")
    return 0
