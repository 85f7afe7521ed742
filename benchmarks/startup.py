"""Startup: launch to first painted screen against a minimal one-screen Textual app, pair by
pair in one run, measured two ways: in a bare pseudo-terminal (up to the first bytes of the
marker) and in tmux as a user sees it (up to the check-in question on the pane, polled with
capture-pane); also peak memory, `trakon --version` and `trakon --help` against a bare
interpreter, and the pure core's imports.

    python benchmarks/startup.py [--pairs 15] [--no-tmux]

Both apps run from bytecode, as after `pip install .` (pip compiles every module at install
time; Textual's were compiled when it was installed). An editable checkout run with
PYTHONDONTWRITEBYTECODE=1 would instead compile Trakon's start-up modules from source on every
launch (~12 ms of compiler here), so the package is compiled once before measuring.

Prints medians and ratios (budget, DESIGN: in tmux ≤ 1.25×, aim 1.15×; peak memory ≤ 1.5×
the baseline; `--version` and `--help` ≤ 2× `python -c pass`).
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARKER = b"Trakon"  # both apps paint this word on their first screen
SIZE = (32, 100)


def launch(argv: list[str], env: dict[str, str], timeout: float = 20.0) -> tuple[float, int]:
    """Seconds from fork to the marker on the terminal, and the child's peak RSS in KiB."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[0], SIZE[1], 0, 0))
    seen = b""
    painted = None
    deadline = start + timeout
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        seen += chunk
        if painted is None and MARKER in seen:
            painted = time.perf_counter() - start
            break
    os.kill(pid, signal.SIGKILL)
    _, _, usage = os.wait4(pid, 0)
    os.close(fd)
    if painted is None:
        raise RuntimeError(f"{argv} painted nothing within {timeout} s")
    return painted, usage.ru_maxrss


TMUX_SOCKET = "trakon-bench-startup"
# What each app shows when it is ready: the check-in's question, the baseline's line.
TMUX_MARKERS = ("Where are you right now?", "Trakon baseline")


def tmux(*args: str) -> str:
    return subprocess.run(
        ["tmux", "-L", TMUX_SOCKET, *args], capture_output=True, text=True, check=False
    ).stdout


def launch_tmux(argv: list[str], env: dict[str, str], timeout: float = 20.0) -> float:
    """Seconds from asking tmux for a new window running `argv` to its ready words on the
    pane (capture-pane polled every 5 ms; the tmux server is already running)."""
    command = " ".join(["exec", "env", *(f"{k}={v}" for k, v in env.items()), *argv])
    start = time.perf_counter()
    tmux("new-window", "-d", "-t", "bench", "-n", "run", command)
    deadline = start + timeout
    try:
        while time.perf_counter() < deadline:
            pane = tmux("capture-pane", "-p", "-t", "bench:run")
            if any(marker in pane for marker in TMUX_MARKERS):
                return time.perf_counter() - start
            time.sleep(0.005)
        raise RuntimeError(f"{argv} showed nothing in tmux within {timeout} s")
    finally:
        tmux("kill-window", "-t", "bench:run")


def cli_ms(commands: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, float]:
    """Median wall ms per command, the commands interleaved run by run."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            start = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, env=env, check=True)
            times[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def import_ms(module: str, runs: int) -> float:
    """Median wall time of `python -c "import module"` minus `python -c pass`."""

    def once(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    base = statistics.median(once("pass") for _ in range(runs))
    mod = statistics.median(once(f"import {module}") for _ in range(runs))
    return (mod - base) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=15)
    parser.add_argument("--no-tmux", action="store_true", help="skip the tmux measurement")
    args = parser.parse_args()
    config = tempfile.mkdtemp(prefix="trakon-bench-")
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "TRAKON_CONFIG_DIR": config,
        "LANG": "en_US.UTF-8",
        "COLUMNS": str(SIZE[1]),
        "LINES": str(SIZE[0]),
    }
    # The console script installed beside this interpreter, started the same way as the
    # baseline (a version manager's shim on PATH, e.g. pyenv's, adds a shell and ~20 ms).
    script = Path(sys.executable).parent / "trakon"
    app_argv = [str(script)] if script.exists() else [sys.executable, "-m", "trakon_tui"]
    base_argv = [sys.executable, str(HERE / "_minimal_app.py")]
    package = Path(__file__).resolve().parent.parent / "trakon_tui"
    compileall.compile_dir(package, quiet=1)  # what `pip install .` does (see above)
    launch(app_argv, env)  # warm the file cache for both
    launch(base_argv, env)
    rows: list[tuple[float, float, int, int]] = []
    for _ in range(args.pairs):
        b_time, b_mem = launch(base_argv, env)
        a_time, a_mem = launch(app_argv, env)
        rows.append((a_time, b_time, a_mem, b_mem))
    in_tmux: list[tuple[float, float]] = []
    if not args.no_tmux:
        tmux_env = {k: env[k] for k in ("TRAKON_CONFIG_DIR", "LANG")}
        tmux_env["TRAKON_DATA_DIR"] = config
        tmux("kill-server")  # only this benchmark's own socket
        tmux("new-session", "-d", "-s", "bench", "-x", str(SIZE[1]), "-y", str(SIZE[0]))
        try:
            launch_tmux(app_argv, tmux_env)  # warm
            launch_tmux(base_argv, tmux_env)
            for _ in range(args.pairs):
                b_time = launch_tmux(base_argv, tmux_env)
                a_time = launch_tmux(app_argv, tmux_env)
                in_tmux.append((a_time, b_time))
        finally:
            tmux("kill-server")
    med = statistics.median
    ratios = [a / b for a, b, _, _ in rows]
    mem_ratios = [am / bm for _, _, am, bm in rows]
    print(
        f"startup, {args.pairs} pairs, {SIZE[1]}x{SIZE[0]}, {os.cpu_count()} cores,"
        f" load average {os.getloadavg()[0]:.1f} (ratios: medians of back-to-back pairs)"
    )
    print(f"{'':34}{'trakon':>10}{'baseline':>10}{'ratio':>8}{'budget':>10}")

    def row(name: str, ours: float, base: float, ratio: float, budget: str) -> None:
        print(f"{name:34}{ours:10.1f}{base:10.1f}{ratio:8.2f}{budget:>10}")

    if in_tmux:
        t_ratios = [a / b for a, b in in_tmux]
        row(
            "in tmux, to the question (ms)",
            med(a for a, _ in in_tmux) * 1000,
            med(b for _, b in in_tmux) * 1000,
            med(t_ratios),
            "≤ 1.25",
        )
    row(
        "pty, first paint (ms)",
        med(r[0] for r in rows) * 1000,
        med(r[1] for r in rows) * 1000,
        med(ratios),
        "—",
    )
    row(
        "peak memory (MiB)",
        med(r[2] for r in rows) / 1024,
        med(r[3] for r in rows) / 1024,
        med(mem_ratios),
        "≤ 1.50",
    )
    print(f"{'pty paint ratio min/max':34}{min(ratios):10.2f}{max(ratios):10.2f}")
    if in_tmux:
        print(f"{'tmux ratio min/max':34}{min(t_ratios):10.2f}{max(t_ratios):10.2f}")
    runs = max(10, args.pairs)
    cli = cli_ms(
        {
            "bare": [sys.executable, "-c", "pass"],
            "--version": [*app_argv, "--version"],
            "--help": [*app_argv, "--help"],
        },
        env,
        runs,
    )
    print()
    print(f"command line (median of {runs}, interleaved), against `python -c pass`")
    print(f"{'':34}{'ms':>10}{'bare ms':>10}{'ratio':>8}{'budget':>10}")
    for name in ("--version", "--help"):
        row(f"trakon {name}", cli[name], cli["bare"], cli[name] / cli["bare"], "≤ 2.00")
    runs = max(5, args.pairs // 2)
    print()
    print(f"pure-core imports (median of {runs}, beyond a bare interpreter):")
    for module in ("trakon_tui.core.library", "trakon_tui.cli", "trakon_tui.commands.listing"):
        print(f"  {module:36}{import_ms(module, runs):8.1f} ms")
    print(f"  {'textual.app (for scale)':36}{import_ms('textual.app', runs):8.1f} ms")


if __name__ == "__main__":
    main()
