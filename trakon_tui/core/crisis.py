"""Crisis and support numbers from data files, so they can be corrected without code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, NamedTuple

import msgspec
from msgspec import Meta

from trakon_tui.core.contacts import NUMBER_FORM, Contact
from trakon_tui.core.files import Missing, Unreadable, parse_toml, read_regular
from trakon_tui.core.model import Localized, NonEmpty
from trakon_tui.core.problems import Finding, Problem, from_validation_error, parse_field_path
from trakon_tui.core.text import tr

MAX_FILE_BYTES = 256 * 1024  # the shipped file is 3 KB
MULTILINE_FIELDS = frozenset({"note"})  # names, numbers, hours and sources are one line


class Resource(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, frozen=True):
    name: Localized
    number: Annotated[str, Meta(pattern=r"^[0-9 +()-]{3,20}$")]
    hours: Localized | None = None
    note: Localized | None = None
    verified_on: date
    verified_from: NonEmpty


class CrisisFile(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    format: int
    resources: list[Resource]


_FIELDS = frozenset(CrisisFile.__struct_fields__) | frozenset(Resource.__struct_fields__)


@dataclass
class CrisisList:
    resources: list[Resource] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


FILE_NAME = "crisis.toml"
_NUMBER = NUMBER_FORM  # the same rule as the user's own contacts


def load(files: list[Path]) -> CrisisList:
    """Every good file's resources, in order; a missing extra file is simply absent."""
    result = CrisisList()
    for index, path in enumerate(files):
        resources, problems = read(path, missing_is_a_problem=index == 0)
        result.resources.extend(resources)
        result.problems.extend(problems)
    return result


def read(path: Path, *, missing_is_a_problem: bool = True) -> tuple[list[Resource], list[Problem]]:
    """One crisis file's resources, or the problems that kept it from being read (phrased
    as the exercise validator phrases them, with field paths)."""
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except Missing as why:
        return [], [why.problem(path)] if missing_is_a_problem else []
    except Unreadable as why:
        return [], [why.problem(path)]
    parsed = parse_toml(path, data, multiline=MULTILINE_FIELDS)
    if parsed.data is None:
        return [], list(parsed.problems)
    try:
        crisis = msgspec.convert(parsed.data, type=CrisisFile, strict=False)
    except msgspec.ValidationError as error:
        problem = from_validation_error(path, str(error), {}, _FIELDS)
        msgid, args = problem.msgid, problem.args
        if "matching regex" in str(error):  # the one pattern here is the phone number's
            msgid, args = _NUMBER, {}
        from trakon_tui.core.positions import locate

        finding = Finding(parse_field_path(problem.where or ""), msgid, args)
        return [], locate(path, parsed.text, [finding])
    return list(crisis.resources), []


class Entry(NamedTuple):
    """One line of the crisis page, in the current language: the user's own contacts come
    first (no date: the user wrote them), then the verified public numbers."""

    number: str
    name: str
    notes: tuple[str, ...]  # hours, a note: each on its own line
    checked: date | None  # when a public number was verified


def entries(found: CrisisList, contacts: Sequence[Contact] = ()) -> tuple[list[Entry], list[Entry]]:
    """The page's two groups: the user's own people and services, and the public numbers.
    Facilitator mode passes no contacts (nothing personal on a shared screen)."""
    own = [Entry(c.number, c.name, (c.note,) if c.note else (), None) for c in contacts]
    public = [
        Entry(
            r.number,
            tr(r.name),
            tuple(tr(text) for text in (r.hours, r.note) if text),
            r.verified_on,
        )
        for r in found.resources
    ]
    return own, public
