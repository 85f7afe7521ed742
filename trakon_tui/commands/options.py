"""The global options every command receives, as one value."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trakon_tui.core.settings import Settings, SettingsFile


def _settings_file() -> SettingsFile:
    from trakon_tui.core.settings import SettingsFile  # msgspec: not for --help/--version

    return SettingsFile()


@dataclass(frozen=True)
class Options:
    data_dir: Path | None = None
    extra_dirs: list[Path] = field(default_factory=list)
    reduced_motion: bool = False
    plain: bool = False
    no_log: bool = False
    # The run's one settings file: read on first use, a broken one reported once.
    settings_file: SettingsFile = field(default_factory=_settings_file, compare=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace, settings_file: SettingsFile) -> Options:
        return cls(
            data_dir=args.data_dir,
            extra_dirs=list(args.exercises),
            reduced_motion=bool(args.reduced_motion),
            plain=bool(args.plain),
            no_log=bool(args.no_log),
            settings_file=settings_file,
        )

    def settings(self) -> Settings:
        """The user's settings (the defaults if the file is missing or broken); the file is
        read at most once per run, however often this is called."""
        return self.settings_file.load().settings
