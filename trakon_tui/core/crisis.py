"""Crisis and support numbers from data files, so they can be corrected without code."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated

import msgspec
from msgspec import Meta

from trakon_tui.core.model import Localized, NonEmpty
from trakon_tui.core.problems import Problem
from trakon_tui.i18n import N_


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
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            if index == 0:
                result.problems.append(Problem(path, N_("no such file or folder")))
            continue
        except (OSError, UnicodeDecodeError):
            result.problems.append(
                Problem(path, N_("cannot read the file: {reason}"), {"reason": "UTF-8"})
            )
            continue
        try:
            data = msgspec.convert(tomllib.loads(text), type=CrisisFile, strict=False)
        except (tomllib.TOMLDecodeError, msgspec.ValidationError) as error:
            result.problems.append(Problem(path, N_("{detail}"), {"detail": str(error)}))
            continue
        result.resources.extend(data.resources)
    return result
