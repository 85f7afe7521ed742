"""`trakon breathe ID --render-sound FILE.wav [--pace P]`: the whole practice's tones as a
WAV file (16-bit, 48 kHz, mono), without playing it: for a room's own sound system, and for
tests. The track is the one a practice plays live (core/tones.py), from the same schedule."""

from __future__ import annotations

import sys
from pathlib import Path

from trakon_tui.commands import complain
from trakon_tui.commands.options import Options
from trakon_tui.core import measure, tones
from trakon_tui.core.library import load_library
from trakon_tui.core.model import Breathing
from trakon_tui.core.pacer import Schedule
from trakon_tui.core.private_file import target_problem, write_new
from trakon_tui.core.text import clock_text, decimal, tr, visible
from trakon_tui.i18n import _


def run_render_sound(
    item_id: str | None, output: Path, pace: float | None, force: bool, options: Options
) -> int:
    if not item_id:
        complain(_("Name the practice: trakon breathe ID --render-sound FILE.wav"))
        return 2
    item = load_library(options.extra_dirs).items.get(item_id)
    if not isinstance(item, Breathing):
        complain(
            _(
                "There is no breathing practice “{id}”; `trakon list --kind breathing` shows them."
            ).format(id=item_id)
        )
        return 2
    chosen = 1.0 if pace is None else pace
    if not item.pace.fastest <= chosen <= item.pace.slowest:
        complain(
            _(
                "The pace of this practice can be from {fastest} to {slowest} (1 is as written)."
            ).format(fastest=decimal(item.pace.fastest, 2), slowest=decimal(item.pace.slowest, 2))
        )
        return 2
    problem = target_problem(output, force)
    if problem is not None:
        complain(problem)
        return 1
    schedule = Schedule.of(item, measure.cycle_count(item), start=0.0, pace=chosen)
    phase_types = [phase.type for phase in item.phases]
    track = tones.render(schedule, phase_types, options.settings().sound.volume)
    problem = write_new(output, lambda out: tones.write_wav(out, track), force)
    if problem is not None:
        complain(problem)
        return 1
    print(
        _("The tones of “{title}” ({length}) were written to {path}.").format(
            title=tr(item.title),
            length=clock_text(len(track) / tones.SAMPLE_RATE),
            path=visible(str(output), lines=False),
        ),
        file=sys.stderr,
    )
    return 0
