"""Keep the Finnish catalogue in step with the code (development tool, uses Babel).

python tools/i18n.py update    # extract msgids from trakon_tui/ and merge into fi .po
python tools/i18n.py compile   # write the .mo that the app reads with stdlib gettext,
                               # and the shipped `trakon --help` texts
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "trakon_tui"
PO = PACKAGE / "locale" / "fi" / "LC_MESSAGES" / "trakon.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extract() -> Catalog:
    template = Catalog(project="trakon", domain="trakon")
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=(),
        strip_comment_tags=True,
    ):
        template.add(message, locations=[(filename, lineno)])
    return template


def read_catalog() -> Catalog:
    with PO.open("rb") as handle:
        return read_po(handle, locale="fi")


# A %-format as Trakon's strings use it (argparse's `%(prog)s`, `%s`). Babel also flags
# "{n} % slower" as python-format ("% s" reads as a conversion with a space flag), and then
# `msgfmt --check` rejects the Finnish "{n} % hitaampi": such flags are dropped.
_PERCENT_FORMAT = re.compile(r"%(?:\([A-Za-z_]+\))?[sdr]")


def _drop_false_percent_flags(catalog: Catalog) -> None:
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        if "python-format" in message.flags and not any(
            _PERCENT_FORMAT.search(text) for text in ids if text
        ):
            message.flags.discard("python-format")


def update() -> None:
    template = extract()
    catalog = read_catalog() if PO.exists() else Catalog(locale="fi", domain="trakon")
    catalog.update(template, no_fuzzy_matching=True)
    write_catalog(catalog)


def write_catalog(catalog: Catalog) -> None:
    """Write the Finnish .po. Babel adds "python-format" again whenever it reads a message
    (`read_po` → `Message.__init__`), so every writer must go through here: a script that
    sets translations and writes with Babel directly brings the false flags back."""
    _drop_false_percent_flags(catalog)
    PO.parent.mkdir(parents=True, exist_ok=True)
    with PO.open("wb") as handle:
        write_po(
            handle,
            catalog,
            width=100,
            omit_header=False,
            no_location=True,
            sort_output=False,
            ignore_obsolete=True,
        )


def compiled_bytes() -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, read_catalog(), use_fuzzy=False)
    return buffer.getvalue()


def compile_mo() -> None:
    MO.write_bytes(compiled_bytes())
    write_help()


def write_help() -> None:
    """The top-level `trakon --help` in each language, as argparse formats it, for the fast
    path in `trakon_tui/quick.py` (run in a fresh interpreter: the catalogue just written)."""
    import subprocess

    code = (
        "import sys\n"
        "from trakon_tui.cli import render_help\n"
        "from trakon_tui.quick import help_path\n"
        "for lang in ('fi', 'en'):\n"
        "    with open(help_path(lang), 'w', encoding='utf-8', newline='') as out:\n"
        "        out.write(render_help(lang))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def messages_in_po() -> dict[str, str]:
    """What the .po translates, as stdlib gettext would look it up (plurals keyed by
    "msgid\x00index"); the header and fuzzy or empty entries are left out."""
    found: dict[str, str] = {}
    for message in read_catalog():
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            strings = message.string if isinstance(message.string, tuple) else ()
            if all(strings):
                found.update({f"{message.id[0]}\x00{n}": text for n, text in enumerate(strings)})
        elif message.string:
            found[message.id] = str(message.string)
    return found


def messages_in_mo() -> dict[str, str]:
    """What the shipped .mo holds, read with stdlib gettext (the header left out).

    Compared with `messages_in_po` instead of byte for byte: another Babel version writes
    another header (its own version, a date), which changes no translation."""
    import gettext

    with MO.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    found: dict[str, str] = {}
    for key, text in catalog.items():
        if isinstance(key, tuple):
            found[f"{key[0]}\x00{key[1]}"] = text
        elif key:
            found[key] = text
    return found


def untranslated() -> list[str]:
    """msgids used in the code that have no Finnish translation."""
    catalog = read_catalog()
    missing = []
    for message in extract():
        if not message.id:
            continue
        found = catalog.get(message.id)
        if (
            found is None
            or not found.string
            or found.fuzzy
            or (isinstance(found.string, tuple) and not all(found.string))
        ):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "update":
        update()
    elif command == "compile":
        compile_mo()
    elif command == "check":
        missing = untranslated()
        print("\n".join(missing) or "all translated")
        raise SystemExit(1 if missing else 0)
    else:
        raise SystemExit(__doc__)
