"""`trakon serve`, per browser tab: from the tab's websocket connecting to the first frame that
shows the session picker, beside a minimal Textual app served by textual-serve the same way,
tab by tab in one run.

    python benchmarks/serve.py [--tabs 15]

Both servers run side by side from the start; each tab connects, waits for its app's first
screen, then closes and waits until the app process has ended, so that tabs never overlap.
The package is compiled to bytecode first, as `pip install .` does (see startup.py).

Prints medians and the ratio (budget, issue #16: ≤ 1.25× the minimal app served the same way).
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import os
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SIZE = (100, 32)
TRAKON_MARKER = b"Facilitator mode"  # the picker's title (--lang en)
BASELINE_MARKER = b"baseline"  # the minimal app's one line
BUDGET = 1.25


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


async def tab(port: int, marker: bytes, server_pid: int) -> float:
    """Seconds from connecting a tab's websocket to its first frame holding `marker`; then
    closes the tab and waits for its app process to end."""
    import aiohttp

    url = f"http://127.0.0.1:{port}/ws?width={SIZE[0]}&height={SIZE[1]}"
    async with aiohttp.ClientSession() as http:
        start = time.perf_counter()
        async with http.ws_connect(url, max_msg_size=0) as ws:
            seen = b""
            while marker not in seen:
                message = await ws.receive(timeout=30)
                if message.type == aiohttp.WSMsgType.BINARY:
                    seen += message.data
                elif message.type != aiohttp.WSMsgType.TEXT:
                    raise RuntimeError(f"the tab closed before {marker!r}: {message}")
            painted = time.perf_counter() - start
    deadline = time.monotonic() + 30
    while children(server_pid) and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    return painted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tabs", type=int, default=15)
    args = parser.parse_args()
    config = tempfile.mkdtemp(prefix="trakon-bench-")
    env = {
        **os.environ,
        "TRAKON_CONFIG_DIR": config,
        "TRAKON_DATA_DIR": str(Path(config) / "data"),
        "LANG": "en_US.UTF-8",
    }
    compileall.compile_dir(ROOT / "trakon_tui", quiet=1)  # what `pip install .` does
    trakon_port, base_port = free_port(), free_port()
    base_command = "exec " + shlex.join([sys.executable, str(HERE / "_minimal_app.py")])
    serve_baseline = (
        "from textual_serve.server import Server; "
        f"Server({base_command!r}, host='127.0.0.1', port={base_port}).serve()"
    )
    servers = [
        subprocess.Popen(
            [sys.executable, "-m", "trakon_tui", "--lang", "en", "serve", "--port", str(port)]
            if name == "trakon"
            else [sys.executable, "-c", serve_baseline],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for name, port in (("trakon", trakon_port), ("baseline", base_port))
    ]
    trakon_server, base_server = servers
    try:
        wait_for_port(trakon_port)
        wait_for_port(base_port)

        async def measure() -> list[tuple[float, float]]:
            await tab(trakon_port, TRAKON_MARKER, trakon_server.pid)  # warm the file cache
            await tab(base_port, BASELINE_MARKER, base_server.pid)
            rows = []
            for _ in range(args.tabs):
                base = await tab(base_port, BASELINE_MARKER, base_server.pid)
                ours = await tab(trakon_port, TRAKON_MARKER, trakon_server.pid)
                rows.append((ours, base))
            return rows

        rows = asyncio.run(measure())
    finally:
        for server in servers:
            server.send_signal(signal.SIGINT)
        for server in servers:
            server.wait(timeout=20)
    ratios = [ours / base for ours, base in rows]
    med = statistics.median
    print(f"serve, {args.tabs} tabs each, {SIZE[0]}x{SIZE[1]}, {os.cpu_count()} cores")
    print(f"{'':28}{'trakon':>10}{'baseline':>10}{'ratio':>8}{'budget':>9}")
    print(
        f"{'tab: connect to screen (ms)':28}{med(r[0] for r in rows) * 1000:10.1f}"
        f"{med(r[1] for r in rows) * 1000:10.1f}{med(ratios):8.2f}{'≤ ' + str(BUDGET):>9}"
    )
    print(f"{'ratio min/max':28}{min(ratios):10.2f}{max(ratios):10.2f}")


if __name__ == "__main__":
    main()
