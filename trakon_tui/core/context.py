"""Context tags: what was just before a check-in (a home visit, a phone call…), chosen with
one key on the details step, given with `trakon checkin --context`, and grouped in history
and the summary. Never a client's name: a tag names a kind of situation.

A tag is stored as a stable id: a built-in one (`home-visit`) is shown in the current
language, and matched from either language's words, so that a tag written in Finnish is
always understood; a tag of the user's own (from the settings) is stored as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from trakon_tui.core.text import CONTROL
from trakon_tui.i18n import N_, _

MAX_TAGS = 9  # one key each: 1–9
MAX_TAG_CHARS = 40

# id → (English msgid, the Finnish word always accepted on the command line)
BUILT_IN: dict[str, tuple[str, str]] = {
    "home-visit": (N_("home visit"), "kotikäynti"),
    "phone-call": (N_("phone call"), "puhelu"),
    "meeting": (N_("meeting"), "palaveri"),
    "documentation": (N_("documentation"), "kirjaaminen"),
    "client-crisis": (N_("a client's crisis"), "asiakkaan kriisi"),
}
DEFAULT_TAGS: tuple[str, ...] = tuple(BUILT_IN)

_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "-": " ", "_": " ", "’": "'"})


def _key(text: str) -> str:
    """How two spellings of a tag are compared: case, ä/ö, hyphens and spaces aside."""
    return " ".join(text.casefold().translate(_FOLD).split())


def _built_in_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for tag, (english, finnish) in BUILT_IN.items():
        for word in (tag, english, finnish, _(english)):
            keys[_key(word)] = tag
    return keys


def label(tag: str) -> str:
    """The tag as the user reads it: a built-in one in the current language."""
    if tag in BUILT_IN:
        return _(BUILT_IN[tag][0])
    return tag


def clean(text: str) -> str | None:
    """A tag of the user's own as it is kept: one line, trimmed; None if nothing is left or
    it is too long to be a tag."""
    words = " ".join(CONTROL.sub(" ", text).replace(",", " ").split())
    if not words or len(words) > MAX_TAG_CHARS:
        return None
    return words


def resolve(text: str, own: Iterable[str] = ()) -> str | None:
    """The tag `text` names (a built-in one in Finnish or English, by its id, or one of the
    user's own tags), or None."""
    key = _key(text)
    found = _built_in_keys().get(key)
    if found is not None:
        return found
    for tag in own:
        if _key(tag) == key:
            return tag
    return None


def from_words(text: str, own: Iterable[str] = ()) -> list[str]:
    """The user's list as typed in the settings ("kotikäynti, puhelu, työnohjaus"): the
    built-in ones by their id, the others as written; repeats and empty entries dropped,
    at most MAX_TAGS kept."""
    tags: list[str] = []
    for part in text.split(","):
        word = clean(part)
        if word is None:
            continue
        tag = resolve(word, own) or word
        if tag not in tags:
            tags.append(tag)
    return tags[:MAX_TAGS]


def to_words(tags: Sequence[str]) -> str:
    """The list as the settings field shows it, in the current language."""
    return ", ".join(label(tag) for tag in tags)


def parse_cli(values: Iterable[str], own: Sequence[str]) -> tuple[list[str], list[str]]:
    """`--context` values (repeated or comma-separated): the tags they name, and the words
    that name none."""
    tags: list[str] = []
    unknown: list[str] = []
    for value in values:
        for part in re.split(r",", value):
            if not part.strip():
                continue
            tag = resolve(part, own)
            if tag is None:
                unknown.append(part.strip())
            elif tag not in tags:
                tags.append(tag)
    return tags, unknown
