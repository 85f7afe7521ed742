"""The global options every command receives, as one value."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Options:
    data_dir: Path | None = None
    extra_dirs: list[Path] = field(default_factory=list)
    reduced_motion: bool = False
    plain: bool = False
    no_log: bool = False

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Options:
        return cls(
            data_dir=args.data_dir,
            extra_dirs=list(args.exercises),
            reduced_motion=bool(args.reduced_motion),
            plain=bool(args.plain),
            no_log=bool(args.no_log),
        )
