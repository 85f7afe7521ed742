"""The breathing pacer: phase-boundary timing on the real screen, visual update rate, CPU.

    python benchmarks/pacer.py [--long] [--window 10]

1. Timing: the real BreathingScreen runs headless on the real monotonic clock; every phase
   change is recorded when the screen shows it and compared with its ideal time. A compressed
   box schedule (0.2 s phases, ≥ 150 boundaries, as many as 10 minutes of 4-second box
   breathing) stands in for the long run; `--long` also runs the real 4-second box for 11
   minutes. Both idle and with a busy process on the other core. Budget: max ≤ 30 ms, and the
   same late in the run as early.
2. Smoothness: redraws of the picture per second while it moves (budget ≥ 20/s), headless.
3. CPU: `trakon breathe` in a real pseudo-terminal, % of one core in
   consecutive windows while breathing, beside an idle minimal Textual app and Textual's own
   floor for a moving picture (one 1-row widget repainted 20 times a second) in the same run
   (budget ≤ 4 %, not growing with run length).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from _pty import PtyProcess  # noqa: E402

from trakon_tui.core import model  # noqa: E402
from trakon_tui.core.library import Library, Tier, build  # noqa: E402
from trakon_tui.core.model import Breathing  # noqa: E402
from trakon_tui.core.settings import Settings  # noqa: E402

SHIPPED = HERE.parent / "exercises"


def box(seconds: float, cycles: int) -> Breathing:
    item = model.convert(
        {
            "format": 1,
            "id": "bench-box",
            "kind": "breathing",
            "alternative": "orienting",
            "title": {"en": "Bench box"},
            "summary": {"en": "x"},
            "cycles": cycles,
            "lead_in": 1,
            "phases": [
                {"type": t, "seconds": seconds} for t in ("inhale", "hold", "exhale", "hold-empty")
            ],
        }
    )
    assert isinstance(item, Breathing)
    return item


async def run_screen(
    item: Breathing, size: tuple[int, int], seconds: float
) -> tuple[list[tuple[float, float]], int, float]:
    """Run the screen for `seconds`; ((ideal time from start, error ms)...), redraws,
    seconds during which the picture moved."""
    from trakon_tui.ui.app import AppConfig, TrakonApp
    from trakon_tui.ui.screens.breathing import BreathingScreen
    from trakon_tui.ui.widgets.breath_visual import BreathBox

    library: Library = build([(Tier.SHIPPED, SHIPPED)])
    seen: list[tuple[int, float]] = []
    screen = BreathingScreen(item, on_boundary=lambda i, t: seen.append((i, t)))
    config = AppConfig(
        settings=Settings(),
        settings_file=Path(tempfile.mkdtemp()) / "s.toml",
        load_library=lambda: library,
        save_settings=False,
        start=lambda: screen,
    )
    app = TrakonApp(config)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        picture = screen.query_one(BreathBox)  # kept: the screen closes at the end
        await asyncio.sleep(seconds)
        redraws = picture.redraws
    assert screen.schedule is not None
    schedule = screen.schedule
    bounds = schedule.boundaries()
    errors = [(bounds[i], (t - schedule.to_clock(bounds[i])) * 1000) for i, t in seen]
    moving = 0.0
    ran = min(seconds, schedule.end)
    for c in range(schedule.cycles):
        for p, phase in enumerate(item.phases):
            if phase.type in ("inhale", "exhale", "top-up"):
                start = schedule.boundary(c, p)
                end = start + phase.seconds
                moving += max(0.0, min(end, ran) - min(start, ran))
    return errors, redraws, moving


def busy_core() -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", "while True: pass"])


def stats(errors: list[float]) -> str:
    if not errors:
        return "–"
    worst = max(abs(e) for e in errors)
    return f"{worst:6.1f} / {statistics.fmean(abs(e) for e in errors):5.1f}"


def timing(long: bool) -> None:
    print("1. phase-boundary error on the screen, ms (max / mean of |error|), 100x32 headless")
    print(f"{'run':34}{'boundaries':>11}{'first 10 s':>16}{'late':>16}{'late from':>11}")
    runs: list[tuple[str, Breathing, float, float, bool]] = [
        ("compressed box 0.2 s, idle", box(0.2, 55), 45.5, 30.0, False),
        ("compressed box 0.2 s, busy core", box(0.2, 55), 45.5, 30.0, True),
    ]
    if long:
        runs += [
            ("box 4 s for 11 min, idle", box(4.0, 42), 662.0, 600.0, False),
            ("box 4 s for 11 min, busy core", box(4.0, 42), 662.0, 600.0, True),
        ]
    for name, item, seconds, late_from, busy in runs:
        hog = busy_core() if busy else None
        try:
            errors, _, _ = asyncio.run(run_screen(item, (100, 32), seconds))
        finally:
            if hog is not None:
                hog.kill()
                hog.wait()
        lead = item.lead_in
        early = [e for t, e in errors if t - lead < 10.0]
        late = [e for t, e in errors if t - lead >= late_from]
        print(f"{name:34}{len(errors):11d}{stats(early):>16}{stats(late):>16}{late_from:>9.0f} s")


def smoothness() -> None:
    print()
    print("2. picture repaints per second while it moves (4-second box breathing, headless);")
    print("   frames are computed 20/s, a repaint happens when the picture differs")
    for size in ((60, 20), (100, 32), (200, 60)):
        _, redraws, moving = asyncio.run(run_screen(box(4.0, 4), size, 17.0))
        print(
            f"   {size[0]}x{size[1]}: {redraws / moving:5.1f} /s  ({redraws} redraws in "
            f"{moving:.0f} s of movement)"
        )


def cpu(window: float) -> None:
    print()
    print(f"3. CPU, % of one core, real pseudo-terminal, consecutive {window:.0f}-s windows")
    config = tempfile.mkdtemp(prefix="trakon-bench-")
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "TRAKON_CONFIG_DIR": config,
        "LANG": "en_US.UTF-8",
    }
    script = Path(sys.executable).parent / "trakon"  # as installed; not a version manager's shim
    app = [str(script)] if script.exists() else [sys.executable, "-m", "trakon_tui"]
    rows = []

    def measure(
        argv: list[str],
        size: tuple[int, int],
        start_keys: bytes | None,
        extra_env: dict[str, str] | None = None,
    ) -> list[float]:
        process = PtyProcess(argv, {**env, **(extra_env or {})}, size)
        try:
            process.pump(10.0, until=b"Start" if start_keys else b"baseline")
            if start_keys:
                process.send(start_keys)
                process.pump(3.5)  # the 3-2-1 lead-in
            shares = []
            for _ in range(2):
                before, started = process.cpu_seconds(), time.monotonic()
                process.pump(window)
                shares.append(100 * (process.cpu_seconds() - before) / (time.monotonic() - started))
            return shares
        finally:
            process.close()

    idle = measure([sys.executable, str(HERE / "_minimal_app.py")], (100, 32), None)
    rows.append(("idle minimal Textual app, 100x32", idle))
    for size in ((100, 32), (200, 60)):
        floor = measure([sys.executable, str(HERE / "_floor_app.py")], size, None)
        rows.append((f"Textual floor: 1 row at 20/s, {size[0]}x{size[1]}", floor))
    for size in ((60, 20), (100, 32), (200, 60)):
        # Extended exhale has no holds: the picture moves all the time.
        shares = measure([*app, "breathe", "extended-exhale-4-6"], size, b"\r")
        rows.append((f"extended exhale (always moving), {size[0]}x{size[1]}", shares))
    shares = measure([*app, "breathe", "box-breathing"], (100, 32), b"\r")
    rows.append(("box breathing (half holds), 100x32", shares))
    shares = measure([*app, "--reduced-motion", "breathe", "extended-exhale-4-6"], (100, 32), b"\r")
    rows.append(("extended exhale, reduced motion, 100x32", shares))
    print(f"{'':42}{'window 1':>10}{'window 2':>10}{'× idle':>9}")
    base = statistics.fmean(idle) or 0.01
    for name, shares in rows:
        print(f"{name:42}{shares[0]:10.2f}{shares[1]:10.2f}{statistics.fmean(shares) / base:9.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--long", action="store_true", help="also run 11 real minutes")
    parser.add_argument("--window", type=float, default=10.0)
    args = parser.parse_args()
    print(f"pacer benchmark, {os.cpu_count()} cores, python {sys.version.split()[0]}")
    timing(args.long)
    smoothness()
    cpu(args.window)


if __name__ == "__main__":
    main()
