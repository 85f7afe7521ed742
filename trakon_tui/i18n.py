"""UI strings through gettext; English is the source language, Finnish a catalogue.

The current language is process-wide state on purpose: gettext is built that way, and the
language changes only when the user switches it. Everything else is passed in explicitly.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, get_args

from trakon_tui import quick

Lang = Literal["fi", "en"]
LANGUAGES: tuple[Lang, ...] = get_args(Lang)
DOMAIN = "trakon"
_LOCALE_DIR = Path(__file__).parent / "locale"

_current: Lang = "en"
_translations: _gettext.NullTranslations = _gettext.NullTranslations()


def language_from_env(environ: Mapping[str, str] | None = None) -> Lang:
    """Finnish when the first set locale variable starts with `fi`, else English.

    The variables are read in gettext's order: LANGUAGE, LC_ALL, LC_MESSAGES, LANG.
    """
    return "fi" if quick.language_from_env(environ) == "fi" else "en"


def parse_language(value: str | None) -> Lang | None:
    """`value` as a supported language, or None."""
    return {"fi": "fi", "en": "en"}.get(value or "")  # type: ignore[return-value]


def set_language(lang: Lang) -> None:
    """Make `lang` the language of every string from `_` and `ngettext`."""
    global _current, _translations
    _current = lang
    if lang == "en":
        _translations = _gettext.NullTranslations()
    else:
        _translations = _gettext.translation(
            DOMAIN, localedir=_LOCALE_DIR, languages=[lang], fallback=True
        )


def current_language() -> Lang:
    return _current


def _(message: str) -> str:
    """Translate one UI string into the current language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for translation where it is defined; translate it where it is shown."""
    return message
