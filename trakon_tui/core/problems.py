"""Problems found in exercise files, phrased in the file's own vocabulary.

A problem keeps its message id and arguments, and is rendered in the current language when it
is shown, so switching the language also switches messages that were found earlier.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from trakon_tui.core.text import visible
from trakon_tui.i18n import N_, _

# Words for msgspec's type names, in the vocabulary of a TOML file.
_TYPE_WORDS = {
    "str": N_("text"),
    "int": N_("a whole number"),
    "float": N_("a number"),
    "bool": N_("true or false"),
    "array": N_("a list [ ]"),
    "object": N_("a table { }"),
    "null": N_("nothing"),
    "datetime": N_("a date and time"),
    "date": N_("a date"),
    "time": N_("a time"),
}


class Finding(NamedTuple):
    """A problem before it is tied to a file and a line: where in the parsed data (indexes
    from 0, as Python counts), a message id and its arguments. With `key`, the last part of
    the path is a key the message names (an unknown field): the field path shown is its
    table's, and the position the key's own."""

    path: tuple[str | int, ...]
    msgid: str
    args: Mapping[str, object] = MappingProxyType({})
    key: bool = False


def field_path(where: tuple[str | int, ...]) -> str:
    """`steps[2].text.fi`, as messages name fields: entries of a list count from 1, as
    people count them (`steps[2]` is the second `[[steps]]`)."""
    return "".join(f"[{part + 1}]" if isinstance(part, int) else f".{part}" for part in where)[1:]


def parse_field_path(where: str) -> tuple[str | int, ...]:
    """The parts of a field path as `field_path` writes it (`resources[2].name` gives
    ("resources", 1, "name")): for finding where a field named in a message is written."""
    parts: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", where):
        parts.append(int(index) - 1 if index else name)
    return tuple(parts)


class Problem(NamedTuple):
    """One thing wrong with one file. (A NamedTuple rather than a dataclass: it is on the
    way to the first screen, through the settings, and a dataclass takes ~0.6 ms to define.)"""

    file: Path
    msgid: str
    args: Mapping[str, object] = MappingProxyType({})
    line: int | None = None
    col: int | None = None
    where: str | None = None  # a field path like phases[2].seconds

    @property
    def message(self) -> str:
        """In the current language, on one line, with no control character left in it (a
        value quoted from the file may hold one)."""
        return visible(_render(self.msgid, self.args), lines=False)

    def format(self) -> str:
        """`FILE:LINE:COL: field.path: message`, leaving out what is not known (the line,
        or the field for a problem with the whole file); one line, safe to print (a file
        may be named `\x1b]0;x\x07.toml`)."""
        parts = [
            str(self.file) if self.line is None else f"{self.file}:{self.line}:{self.col or 1}"
        ]
        if self.where:
            parts.append(self.where)
        parts.append(self.message)
        return visible(": ".join(parts), lines=False)


class _Translatable(str):
    """An argument that is itself a UI word, translated when the message is shown."""


class _Phrase(NamedTuple):
    """An argument that is itself a message with arguments, rendered when shown."""

    msgid: str
    args: Mapping[str, object]


def word(msgid: str) -> _Translatable:
    return _Translatable(msgid)


_LANGUAGE_NAMES = {"fi": N_("Finnish"), "en": N_("English")}


def language_name(lang: str) -> _Translatable:
    """ "Finnish", "English": a language's name, translated when the message is shown."""
    return word(_LANGUAGE_NAMES.get(lang, lang))


def phrase(msgid: str, **args: object) -> _Phrase:
    return _Phrase(msgid, args)


def _render(msgid: str, args: Mapping[str, object]) -> str:
    shown: dict[str, object] = {}
    for key, value in args.items():
        if isinstance(value, _Translatable):
            shown[key] = _(value)
        elif isinstance(value, _Phrase):
            shown[key] = _render(value.msgid, value.args)
        else:
            shown[key] = value
    return _(msgid).format(**shown)


_PATH_RE = re.compile(r" - at `(?P<path>[^`]*)`(?: in `(?P<outer>[^`]*)`)?$")


def _clean_path(path: str) -> str:
    path = path.removeprefix("$").removeprefix(".").replace("[...]", "")
    return re.sub(r"\[(\d+)\]", lambda m: f"[{int(m[1]) + 1}]", path)  # counted from 1


def from_validation_error(
    file: Path, text: str, choices: dict[str, tuple[str, ...]], known_fields: frozenset[str]
) -> Problem:
    """Rephrase one msgspec.ValidationError message as a Problem with a field path."""
    where: str | None = None
    match = _PATH_RE.search(text)
    if match:
        text = text[: match.start()]
        where = _clean_path(match["outer"] if match["outer"] else match["path"]) or None

    def problem(msgid: str, **args: object) -> Problem:
        return Problem(file, msgid, args, where=where)

    last = (where or "").rsplit(".", 1)[-1].split("[", 1)[0]
    if m := re.fullmatch(r"Object missing required field `(\w[\w-]*)`", text):
        return problem(N_("required field “{name}” is missing"), name=m[1])
    if m := re.fullmatch(r"Object contains unknown field `(.*)`", text):
        return unknown_field(file, m[1], known_fields, where)
    if m := re.fullmatch(r"Invalid enum value '(.*)'", text, re.S):
        if match and match["outer"]:  # a table key, e.g. a language code
            return problem(N_("unknown language “{value}”; use fi or en"), value=m[1])
        allowed = choices.get(last)
        if allowed:
            return not_allowed(file, m[1], allowed, where)
        return problem(N_("“{value}” is not allowed here"), value=m[1])
    if m := re.fullmatch(r"Invalid value '(.*)'", text, re.S):
        return not_allowed(file, m[1], choices.get(last, ()), where)
    if m := re.fullmatch(r"Expected `(\w+)`, got `(\w+)`", text):
        return wrong_type(file, m[1], m[2], where)
    if re.fullmatch(r"Expected `str` matching regex .*", text, re.S):
        return problem(
            N_("use lowercase letters a–z, digits and single hyphens, like “box-breathing”")
        )
    if m := re.fullmatch(r"Expected `(\w+)` of length >= 1", text):
        return problem(N_("must not be empty"))
    if m := re.fullmatch(r"Expected `(\w+)` of length <= (\d+)", text):
        return problem(N_("too long: at most {limit}"), limit=m[2])
    if m := re.fullmatch(r"Expected `(?:int|float)` (>=|>|<=|<) (-?[\d.]+)", text):
        limit = m[2].removesuffix(".0")
        msgids = {
            ">=": N_("must be at least {limit}"),
            ">": N_("must be more than {limit}"),
            "<=": N_("must be at most {limit}"),
            "<": N_("must be less than {limit}"),
        }
        return problem(msgids[m[1]], limit=limit)
    return problem(N_("{detail}"), detail=text)


# The same problems, for files checked by hand (the settings, read before the first screen
# without msgspec), in the same words.


def unknown_field(file: Path, name: str, known: frozenset[str], where: str | None) -> Problem:
    import difflib  # only here: not on the way to the first screen

    close = difflib.get_close_matches(name, sorted(known), n=1)
    if close:
        return Problem(
            file,
            N_("unknown field “{name}” (did you mean “{hint}”?)"),
            {"name": name, "hint": close[0]},
            where=where,
        )
    return Problem(file, N_("unknown field “{name}”"), {"name": name}, where=where)


def not_allowed(file: Path, value: str, allowed: tuple[str, ...], where: str | None) -> Problem:
    return Problem(
        file,
        N_("“{value}” is not allowed here; choose one of: {allowed}"),
        {"value": value, "allowed": ", ".join(allowed)},
        where=where,
    )


def wrong_type(file: Path, expected: str, found: str, where: str | None) -> Problem:
    """`expected` and `found` are type names as msgspec says them (str, int, bool, array…)."""
    return Problem(
        file,
        N_("expected {expected}, found {found}"),
        {
            "expected": word(_TYPE_WORDS.get(expected, expected)),
            "found": word(_TYPE_WORDS.get(found, found)),
        },
        where=where,
    )


def type_name(value: object) -> str:
    """A parsed TOML value's type, as msgspec names it (for `wrong_type`)."""
    names = {bool: "bool", int: "int", float: "float", str: "str", list: "array", dict: "object"}
    return names.get(type(value), type(value).__name__)
