"""The breathing pacer: phase-boundary timing on the real screen, visual update rate, CPU.

    python benchmarks/pacer.py [--busy] [--minutes 10] [--long] [--window 10] [--reps 2]

1. Timing: the real BreathingScreen runs headless on the real monotonic clock; every phase
   change is recorded when the screen shows it and compared with its ideal time. A compressed
   box schedule (0.2 s phases, ≥ 150 boundaries, as many as 10 minutes of 4-second box
   breathing) stands in for the long run; `--long` also runs the real 4-second box for 11
   minutes. Both idle and with a busy process on the other core. Budget: max ≤ 30 ms, and the
   same late in the run as early.
1b. The same on a real pseudo-terminal: `trakon breathe` on a 4-second box for `--minutes`
   (default 2; the budget's run is `--busy --minutes 10`), the time each phase's words reach
   the terminal against the schedule. Budget: max ≤ 30 ms, the last minute like the first.
2. Smoothness: redraws of the picture per second while it moves, headless. Budget: the
   picture changes whenever its drawn surface changes (an eighth of a row), up to 20/s.
3. CPU and terminal bytes: `trakon breathe` in a real pseudo-terminal, % of one core and
   bytes/s in consecutive windows while breathing, interleaved with Textual's own floor for a
   moving picture (one Static updated 20 times a second, as DESIGN.md defines it) and the
   cheaper line floor (one 1-row widget repainted 20 times a second) at the same size, and an
   idle minimal Textual app. Budgets: CPU ≤ 1.0× the floor at 60x20, 100x32 and 200x60;
   bytes/s at 200x60 ≤ 1.5× the floor's; reduced motion ≤ 0.2× the floor; not growing with
   run length.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import select
import shlex
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
        run_screen.rows = picture.outer_size.height  # type: ignore[attr-defined]
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


PTY_CUES = ("Bench phase one", "Bench phase two", "Bench phase three", "Bench phase four")
PTY_PHASE = 4.0  # seconds, as box breathing


def bench_box_folder(minutes: float) -> Path:
    """A user folder with a 4-second box whose four cues are easy to find in the bytes."""
    folder = Path(tempfile.mkdtemp(prefix="trakon-pacer-"))
    cycles = max(2, round(minutes * 60 / (4 * PTY_PHASE)))
    phases = "".join(
        f'[[phases]]\ntype = "{kind}"\nseconds = {PTY_PHASE:g}\nsay = {{ en = "{cue}" }}\n\n'
        for kind, cue in zip(("inhale", "hold", "exhale", "hold-empty"), PTY_CUES, strict=True)
    )
    (folder / "bench-pacer-box.toml").write_text(
        'format = 1\nid = "bench-pacer-box"\nkind = "breathing"\n'
        'title = { en = "Bench box" }\nsummary = { en = "For the benchmark." }\n'
        'source = { en = "benchmarks/pacer.py" }\nsuits = ["within"]\n'
        f'alternative = "feet-on-the-floor"\ncycles = {cycles}\nlead_in = 3\n\n{phases}',
        encoding="utf-8",
    )
    return folder


# A bystander: a process that only wakes up every 10 ms and notes how late it woke. When a
# boundary is late and the bystander was late at the same moment, the machine did not run
# either process (the scheduler, other load), not the pacer.
PROBE = """
import sys, time
period, end = 0.01, time.monotonic() + float(sys.argv[1])
due = time.monotonic() + period
with open(sys.argv[2], "w") as out:
    while due < end:
        time.sleep(max(0.0, due - time.monotonic()))
        late = time.monotonic() - due
        if late > 0.005:
            out.write(f"{due:.4f} {late * 1000:.1f}\\n")
            out.flush()
        due += period
"""


def pty_boundaries(
    minutes: float, size: tuple[int, int], busy: bool
) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """`trakon breathe` on a real pseudo-terminal: when each phase's words reach the
    terminal, against the schedule. The app's start is not visible from outside, so the
    errors are taken against the run's median latency (a constant delay of the terminal
    path is not a pacer error; a late or early boundary is). (ideal s, error ms) each."""
    folder = bench_box_folder(minutes)
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "TRAKON_CONFIG_DIR": tempfile.mkdtemp(prefix="trakon-bench-"),
        "TRAKON_DATA_DIR": tempfile.mkdtemp(prefix="trakon-bench-"),
        "LANG": "en_US.UTF-8",
    }
    script = Path(sys.executable).parent / "trakon"
    app = [str(script)] if script.exists() else [sys.executable, "-m", "trakon_tui"]
    argv = [*app, "--no-log", "--exercises", str(folder), "breathe", "bench-pacer-box"]
    markers = [cue.encode() for cue in PTY_CUES]
    hog = busy_core() if busy else None
    probe_file = folder / "bystander.txt"
    probe = subprocess.Popen([sys.executable, "-c", PROBE, str(minutes * 60 + 40), str(probe_file)])
    process = PtyProcess(argv, env, size)
    seen: list[tuple[float, int]] = []  # (arrival, phase) each time the words change
    try:
        if not process.pump(20.0, until=b"Start"):
            raise SystemExit("the practice card did not appear")
        process.send(b"\r")
        tail = b""
        deadline = time.monotonic() + 3.0 + minutes * 60 + 2.0
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([process.fd], [], [], min(left, 0.5))
            if not ready:
                continue
            arrived = time.monotonic()
            try:
                chunk = os.read(process.fd, 65536)
            except OSError:
                break
            data = tail + chunk
            found = [(data.rfind(m), i) for i, m in enumerate(markers) if m in data]
            if found:
                phase = max(found)[1]
                if not seen or seen[-1][1] != phase:
                    seen.append((arrived, phase))
            tail = data[-40:]
    finally:
        process.close()
        if hog is not None:
            hog.kill()
            hog.wait()
    if not seen or seen[0][1] != 0:
        raise SystemExit("the first phase's words were not seen")
    ideal = [k * PTY_PHASE for k in range(len(seen))]
    if [phase for _t, phase in seen] != [k % 4 for k in range(len(seen))]:
        raise SystemExit("a phase was missed or seen twice")
    offset = statistics.median(t - i for (t, _p), i in zip(seen, ideal, strict=True))
    errors = [(i, (t - i - offset) * 1000) for (t, _p), i in zip(seen, ideal, strict=True)]
    probe.kill()
    probe.wait()
    lateness = [
        (float(due), float(late))
        for due, late in (line.split() for line in probe_file.read_text().splitlines())
    ]
    # the bystander's lateness just before each of the worst boundaries (arrival times)
    worst = sorted(range(len(errors)), key=lambda k: -abs(errors[k][1]))[:3]
    blame = []
    for k in worst:
        arrived = seen[k][0]
        near = [late for due, late in lateness if arrived - 0.15 <= due <= arrived]
        blame.append((errors[k][1], max(near, default=0.0)))
    return errors, blame


def pty_timing(minutes: float, busy: bool) -> None:
    print()
    load = "with the other core busy" if busy else "idle"
    print(
        f"1b. phase-boundary error on a real pseudo-terminal, {minutes:g} min of 4-s box, {load},"
    )
    print("    words seen on the terminal against the schedule (ms, max / mean of |error|,")
    print("    against the run's median latency; budget: max ≤ 30 and late as small as early)")
    errors, blame = pty_boundaries(minutes, (100, 32), busy)
    early = [e for t, e in errors if t < 10.0]
    late = [e for t, e in errors if t >= max(10.0, minutes * 60 - 60)]
    worst = max(errors, key=lambda pair: abs(pair[1]))
    print(f"{'boundaries':>14}{'all':>16}{'first 10 s':>16}{'last minute':>16}{'worst at':>11}")
    print(
        f"{len(errors):14d}{stats([e for _t, e in errors]):>16}{stats(early):>16}"
        f"{stats(late):>16}{worst[0]:>9.0f} s"
    )
    print("    the three worst boundaries, and how late a bystander process woke in the 150 ms")
    print("    before each (it only sleeps 10 ms at a time: its lateness is the machine's):")
    for error, late in blame:
        print(f"{'':14}boundary {error:+7.1f} ms   bystander late by {late:6.1f} ms")


def surface_changes(item: Breathing, rows: int, seconds: float) -> int:
    """How often the drawn surface (eighths of a row) changes between frames at 20/s over the
    first `seconds` of breathing: the repaints the budget asks for."""
    from trakon_tui.core.pacer import ease, fullness
    from trakon_tui.ui.widgets.breath_visual import MIN_FILL

    levels = fullness([p.type for p in item.phases])
    changes, last = 0, None
    frame, elapsed = 1 / 20, 0.0
    while elapsed < seconds:
        cycle_time = elapsed % sum(p.seconds for p in item.phases)
        for (start, end), phase in zip(levels, item.phases, strict=True):
            if cycle_time < phase.seconds:
                level = start + (end - start) * ease(cycle_time / phase.seconds)
                break
            cycle_time -= phase.seconds
        fill = round((MIN_FILL + (1 - MIN_FILL) * level) * rows * 8)
        changes += last is not None and fill != last
        last, elapsed = fill, elapsed + frame
    return changes


def smoothness() -> None:
    print()
    print("2. picture repaints while it moves (4-second box breathing, headless), against the")
    print("   changes of its drawn surface at 20 frames/s (budget: ratio 1.00, every change drawn)")
    for size in ((60, 20), (100, 32), (200, 60)):
        item = box(4.0, 4)
        _, redraws, moving = asyncio.run(run_screen(item, size, 17.0))
        rows = run_screen.rows  # type: ignore[attr-defined]
        expected = surface_changes(item, rows, 17.0 - item.lead_in)
        print(
            f"   {size[0]}x{size[1]}: {redraws / moving:5.1f} /s, {redraws} repaints for"
            f" {expected} surface changes ({redraws / max(expected, 1):.2f})"
        )


def cpu(window: float, reps: int, compare: list[str] | None = None) -> None:
    print()
    print(
        f"3. CPU (% of one core) and terminal bytes/s, real pseudo-terminal, {reps} rounds of"
        f" 2 x {window:.0f}-s windows,"
    )
    print("   breathing and Textual's floors interleaved size by size. Floor: one Static updated")
    print("   20 times a second (DESIGN.md); line floor: one 1-row widget repainted 20 times a")
    print(
        "   second (cheaper: no layout pass). Both draw a moving bar of 1-byte cells, full width."
    )
    print("   Budgets against the floor: CPU ≤ 1.0× at each size, bytes/s at 200x60 ≤ 1.5×,")
    print("   reduced motion CPU ≤ 0.2×. CPU from the kernel's per-thread run time (ns).")
    print("   Ratios: median of the rounds' ratios, [lowest–highest round].")
    config = tempfile.mkdtemp(prefix="trakon-bench-")
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "TRAKON_CONFIG_DIR": config,
        "TRAKON_DATA_DIR": config,
        "LANG": "en_US.UTF-8",
    }
    script = Path(sys.executable).parent / "trakon"  # as installed; not a version manager's shim
    app = [str(script)] if script.exists() else [sys.executable, "-m", "trakon_tui"]

    def measure(
        argv: list[str], size: tuple[int, int], start_keys: bytes | None
    ) -> tuple[list[float], list[float]]:
        """(CPU % per window, bytes/s per window)."""
        process = PtyProcess(argv, env, size)
        try:
            process.pump(10.0, until=b"Start" if start_keys else b"baseline")
            if start_keys:
                process.send(start_keys)
                process.pump(3.5)  # the 3-2-1 lead-in
            else:
                process.pump(1.5)  # the rest of the first paint is not the floor's running cost
            shares, rates = [], []
            for _ in range(2):
                before, sent, started = process.cpu_seconds(), process.received, time.monotonic()
                process.pump(window)
                took = time.monotonic() - started
                shares.append(100 * (process.cpu_seconds() - before) / took)
                rates.append((process.received - sent) / took)
            return shares, rates
        finally:
            process.close()

    floor_app = [sys.executable, str(HERE / "_floor_app.py")]
    # Extended exhale has no holds: the picture moves all the time.
    breathe = ["--no-log", "breathe", "extended-exhale-4-6"]
    reduced = ["--no-log", "--reduced-motion", "breathe", "extended-exhale-4-6"]
    # name -> one (CPU %s, bytes/s) per round
    rows: dict[str, list[tuple[list[float], list[float]]]] = {}

    def add(name: str, found: tuple[list[float], list[float]]) -> None:
        rows.setdefault(name, []).append(found)

    for _ in range(reps):
        add(
            "idle minimal Textual app 100x32",
            measure([sys.executable, str(HERE / "_minimal_app.py")], (100, 32), None),
        )
        for size in ((60, 20), (100, 32), (200, 60)):
            tag = f"{size[0]}x{size[1]}"
            add(f"floor {tag}", measure(floor_app, size, None))
            add(f"breathing {tag}", measure([*app, *breathe], size, b"\r"))
            add(f"line floor {tag}", measure([*floor_app, "--line"], size, None))
            if compare:
                add(f"compared build {tag}", measure([*compare, *breathe], size, b"\r"))
        add("reduced motion 100x32", measure([*app, *reduced], (100, 32), b"\r"))
    med = statistics.median

    def ratio(name: str, floor: str, which: int) -> str:
        """The median of the rounds' ratios of medians, with the lowest and highest."""
        if floor not in rows:
            return ""
        found = [
            med(mine[which]) / med(theirs[which])
            for mine, theirs in zip(rows[name], rows[floor], strict=True)
        ]
        return f"{med(found):.2f} [{min(found):.2f}–{max(found):.2f}]"

    print(
        f"{'':32}{'CPU %':>6}{'× floor':>18}{'× line floor':>18}"
        f"{'bytes/s':>8}{'× floor':>18}{'× line floor':>18}   budget"
    )
    for name, rounds in rows.items():
        tag = name.rsplit(" ", 1)[1]
        shares = [share for found in rounds for share in found[0]]
        rates = [rate for found in rounds for rate in found[1]]
        cpu_ratio = cpu_line = bytes_ratio = bytes_line = budget = ""
        if name.startswith(("breathing", "reduced", "compared")):
            cpu_ratio = ratio(name, f"floor {tag}", 0)
            cpu_line = ratio(name, f"line floor {tag}", 0)
            bytes_ratio = ratio(name, f"floor {tag}", 1)
            bytes_line = ratio(name, f"line floor {tag}", 1)
            budget = "CPU ≤ 1.0×" + (", bytes ≤ 1.5×" if tag == "200x60" else "")
            if name.startswith("reduced"):
                budget = "CPU ≤ 0.2×"
            if name.startswith("compared"):
                budget = "(the build given with --compare)"
        print(
            f"{name:32}{med(shares):6.2f}{cpu_ratio:>18}{cpu_line:>18}"
            f"{med(rates):8.0f}{bytes_ratio:>18}{bytes_line:>18}   {budget}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--long", action="store_true", help="also run 11 real minutes")
    parser.add_argument("--window", type=float, default=10.0)
    parser.add_argument("--reps", type=int, default=2, help="CPU/bytes repetitions")
    parser.add_argument("--only-cpu", action="store_true", help="only the CPU and bytes (3)")
    parser.add_argument(
        "--compare",
        metavar="COMMAND",
        help="also measure another build's breathing in (3), e.g. 'env PYTHONPATH=/tmp/old"
        " python3 -P -m trakon_tui' (-P: not the current folder's package)",
    )
    parser.add_argument(
        "--busy", action="store_true", help="the real-terminal timing with the other core busy"
    )
    parser.add_argument(
        "--minutes", type=float, default=2.0, help="length of the real-terminal timing run"
    )
    parser.add_argument(
        "--only-pty", action="store_true", help="only the real-terminal timing (1b)"
    )
    args = parser.parse_args()
    print(
        f"pacer benchmark, {os.cpu_count()} cores, python {sys.version.split()[0]},"
        f" load average {os.getloadavg()[0]:.1f}"
    )
    if args.only_cpu:
        cpu(args.window, args.reps, shlex.split(args.compare) if args.compare else None)
        return
    if args.only_pty:
        pty_timing(args.minutes, args.busy)
        return
    timing(args.long)
    pty_timing(args.minutes, args.busy)
    smoothness()
    cpu(args.window, args.reps, shlex.split(args.compare) if args.compare else None)


if __name__ == "__main__":
    main()
