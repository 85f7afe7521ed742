"""Crisis and support numbers from data files, so they can be corrected without code."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated

import msgspec
from msgspec import Meta

from trakon_tui.core.files import Missing, Unreadable, parse_toml, read_regular
from trakon_tui.core.model import Localized, NonEmpty
from trakon_tui.core.problems import Problem
from trakon_tui.i18n import N_

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


@dataclass
class CrisisList:
    resources: list[Resource] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def load(files: list[Path]) -> CrisisList:
    """Every good file's resources, in order; a missing extra file is simply absent."""
    result = CrisisList()
    for index, path in enumerate(files):
        try:
            data = read_regular(path, MAX_FILE_BYTES)
        except Missing as why:
            if index == 0:
                result.problems.append(why.problem(path))
            continue
        except Unreadable as why:
            result.problems.append(why.problem(path))
            continue
        parsed = parse_toml(path, data, multiline=MULTILINE_FIELDS)
        if parsed.data is None:
            result.problems.extend(parsed.problems)
            continue
        try:
            crisis = msgspec.convert(parsed.data, type=CrisisFile, strict=False)
        except msgspec.ValidationError as error:
            result.problems.append(Problem(path, N_("{detail}"), {"detail": str(error)}))
            continue
        result.resources.extend(crisis.resources)
    return result
