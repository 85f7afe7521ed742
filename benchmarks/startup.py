"""Startup: launch to first painted screen in a real pseudo-terminal, against a minimal
one-screen Textual app, pair by pair in one run; also peak memory and the pure core's imports.

    python benchmarks/startup.py [--pairs 15]

Both apps run from bytecode, as after `pip install .` (pip compiles every module at install
time; Textual's were compiled when it was installed). An editable checkout run with
PYTHONDONTWRITEBYTECODE=1 would instead compile Trakon's start-up modules from source on every
launch (~12 ms of compiler here), so the package is compiled once before measuring.

Prints medians and ratios (budget, DESIGN: first paint ≤ 1.25×, aim 1.15×; peak memory ≤ 1.5×
the baseline).
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
    ratios = [a / b for a, b, _, _ in rows]
    mem_ratios = [am / bm for _, _, am, bm in rows]
    med = statistics.median
    print(f"startup, {args.pairs} pairs, {SIZE[1]}x{SIZE[0]} pty, {os.cpu_count()} cores")
    print(f"{'':24}{'trakon':>12}{'baseline':>12}{'ratio':>10}{'budget':>10}")
    print(
        f"{'first paint (ms)':24}{med(r[0] for r in rows) * 1000:12.1f}"
        f"{med(r[1] for r in rows) * 1000:12.1f}{med(ratios):10.2f}{'≤ 1.25':>10}"
    )
    print(
        f"{'peak memory (MiB)':24}{med(r[2] for r in rows) / 1024:12.1f}"
        f"{med(r[3] for r in rows) / 1024:12.1f}{med(mem_ratios):10.2f}{'≤ 1.50':>10}"
    )
    print(f"{'paint ratio min/max':24}{min(ratios):12.2f}{max(ratios):12.2f}")
    runs = max(5, args.pairs // 2)
    print()
    print(f"pure-core imports (median of {runs}, beyond a bare interpreter):")
    for module in ("trakon_tui.core.library", "trakon_tui.cli", "trakon_tui.commands.listing"):
        print(f"  {module:36}{import_ms(module, runs):8.1f} ms")
    print(f"  {'textual.app (for scale)':36}{import_ms('textual.app', runs):8.1f} ms")


if __name__ == "__main__":
    main()
