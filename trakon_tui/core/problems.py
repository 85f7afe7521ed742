"""Problems found in exercise files, phrased in the file's own vocabulary.

A problem keeps its message id and arguments, and is rendered in the current language when it
is shown, so switching the language also switches messages that were found earlier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

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


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file."""

    file: Path
    msgid: str
    args: dict[str, object] = field(default_factory=dict)
    line: int | None = None
    col: int | None = None
    where: str | None = None  # a field path like phases[2].seconds

    @property
    def message(self) -> str:
        """In the current language, on one line, with no control character left in it (a
        value quoted from the file may hold one)."""
        args = {k: _(v) if isinstance(v, _Translatable) else v for k, v in self.args.items()}
        return visible(_(self.msgid).format(**args), lines=False)

    def format(self) -> str:
        """`FILE:LINE:COL: message` when the position is known, else `FILE: path: message`;
        one line, safe to print (a file may be named `\x1b]0;x\x07.toml`)."""
        if self.line is not None:
            line = f"{self.file}:{self.line}:{self.col or 1}: {self.message}"
        elif self.where:
            line = f"{self.file}: {self.where}: {self.message}"
        else:
            line = f"{self.file}: {self.message}"
        return visible(line, lines=False)


class _Translatable(str):
    """An argument that is itself a UI word, translated when the message is shown."""


def word(msgid: str) -> _Translatable:
    return _Translatable(msgid)


_PATH_RE = re.compile(r" - at `(?P<path>[^`]*)`(?: in `(?P<outer>[^`]*)`)?$")


def _clean_path(path: str) -> str:
    path = path.removeprefix("$").removeprefix(".")
    return path.replace("[...]", "")


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
        import difflib  # only here: not on the way to the first screen

        close = difflib.get_close_matches(m[1], sorted(known_fields), n=1)
        if close:
            return problem(
                N_("unknown field “{name}” (did you mean “{hint}”?)"), name=m[1], hint=close[0]
            )
        return problem(N_("unknown field “{name}”"), name=m[1])
    if m := re.fullmatch(r"Invalid enum value '(.*)'", text, re.S):
        if match and match["outer"]:  # a table key, e.g. a language code
            return problem(N_("unknown language “{value}”; use fi or en"), value=m[1])
        allowed = choices.get(last)
        if allowed:
            return problem(
                N_("“{value}” is not allowed here; choose one of: {allowed}"),
                value=m[1],
                allowed=", ".join(allowed),
            )
        return problem(N_("“{value}” is not allowed here"), value=m[1])
    if m := re.fullmatch(r"Invalid value '(.*)'", text, re.S):
        allowed = choices.get(last, ())
        return problem(
            N_("“{value}” is not allowed here; choose one of: {allowed}"),
            value=m[1],
            allowed=", ".join(allowed),
        )
    if m := re.fullmatch(r"Expected `(\w+)`, got `(\w+)`", text):
        return problem(
            N_("expected {expected}, found {found}"),
            expected=word(_TYPE_WORDS.get(m[1], m[1])),
            found=word(_TYPE_WORDS.get(m[2], m[2])),
        )
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
