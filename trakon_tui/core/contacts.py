"""The user's own support people and services (a supervisor, occupational health): kept in
the settings file, shown first on the crisis page, never in facilitator mode.

Checked by hand (no msgspec): the settings are read before the first screen."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from trakon_tui.core.problems import Problem, type_name, unknown_field, wrong_type
from trakon_tui.core.text import CONTROL
from trakon_tui.i18n import N_

MAX_CONTACTS = 12
MAX_NAME = 60
MAX_NOTE = 80
# As crisis.toml's numbers: digits, spaces, + ( ) and -, 3 to 20 characters.
NUMBER = re.compile(r"[0-9 +()-]{3,20}")
_FIELDS = frozenset({"name", "number", "note"})

NAME_NEEDED = N_("a contact needs a name")
NAME_LONG = N_("a name is at most {n} characters")
NOTE_LONG = N_("a note is at most {n} characters")
NUMBER_FORM = N_("a phone number: digits, spaces, + ( ) and -, 3 to 20 characters")
ONE_LINE = N_("one line of text, with no control characters")
TOO_MANY = N_("at most {n} contacts")


class Contact(NamedTuple):
    name: str
    number: str
    note: str = ""


def contact_problem(name: str, number: str, note: str) -> tuple[str, dict[str, object]] | None:
    """What is wrong with a contact as typed (a message id and its arguments), or None.
    Names and notes are one line of text; no control character is ever kept."""
    for text in (name, number, note):
        if CONTROL.search(text):
            return ONE_LINE, {}
    if not name.strip():
        return NAME_NEEDED, {}
    if len(name) > MAX_NAME:
        return NAME_LONG, {"n": MAX_NAME}
    if NUMBER.fullmatch(number.strip()) is None:
        return NUMBER_FORM, {}
    if len(note) > MAX_NOTE:
        return NOTE_LONG, {"n": MAX_NOTE}
    return None


def make_contact(name: str, number: str, note: str = "") -> Contact | tuple[str, dict[str, object]]:
    """A contact from what the user typed (trimmed), or why it cannot be kept."""
    name, number, note = name.strip(), number.strip(), note.strip()
    problem = contact_problem(name, number, note)
    return problem if problem is not None else Contact(name, number, note)


def contacts_from_data(path: Path, value: object, key: str = "contacts") -> list[Contact] | Problem:
    """`[[contacts]]` tables as the settings file holds them, or the first thing wrong."""
    if not isinstance(value, list):
        return wrong_type(path, "array", type_name(value), key)
    if len(value) > MAX_CONTACTS:
        return Problem(path, TOO_MANY, {"n": MAX_CONTACTS}, where=key)
    contacts: list[Contact] = []
    for index, entry in enumerate(value, start=1):
        where = f"{key}[{index}]"
        if not isinstance(entry, dict):
            return wrong_type(path, "object", type_name(entry), where)
        for field, text in entry.items():
            if field not in _FIELDS:
                return unknown_field(path, field, _FIELDS, where)
            if not isinstance(text, str):
                return wrong_type(path, "str", type_name(text), f"{where}.{field}")
        made = make_contact(entry.get("name", ""), entry.get("number", ""), entry.get("note", ""))
        if not isinstance(made, Contact):
            msgid, args = made
            return Problem(path, msgid, args, where=where)
        contacts.append(made)
    return contacts


def contacts_to_data(contacts: list[Contact]) -> list[dict[str, str]]:
    return [
        {"name": c.name, "number": c.number, **({"note": c.note} if c.note else {})}
        for c in contacts
    ]
