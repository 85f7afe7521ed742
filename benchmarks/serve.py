"""`trakon serve`, per browser tab: from the tab's websocket connecting to the first frame that
shows the session picker, beside a minimal Textual app served by textual-serve the same way,
tab by tab in one run.

    python benchmarks/serve.py [--tabs 15]

Three servers run side by side from the start: `trakon serve`, textual-serve's own server
starting Trakon's app for each tab (as `trakon serve` did before it forked tabs from a
prepared process), and textual-serve's own server starting the minimal app. Each tab connects,
waits for its app's first screen, then closes and waits until the app process has ended, so
that tabs never overlap.
The package is compiled to bytecode first, as `pip install .` does (see startup.py).

Prints medians and ratios to the minimal app (budget, issue #16: `trakon serve` per tab
≤ 1.25× the minimal app served by textual-serve).
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


def descendants(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    found = [int(child) for child in text.split()]
    return found + [grandchild for child in found for grandchild in descendants(child)]


async def tab(port: int, marker: bytes, server_pid: int) -> float:
    """Seconds from connecting a tab's websocket to its first frame holding `marker`; then
    closes the tab and waits for its app process to end."""
    import aiohttp

    url = f"http://127.0.0.1:{port}/ws?width={SIZE[0]}&height={SIZE[1]}"
    before = len(descendants(server_pid))  # trakon serve keeps one: the zygote
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
    while len(descendants(server_pid)) > before and time.monotonic() < deadline:
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
    python = sys.executable
    ports = {name: free_port() for name in ("trakon", "spawned", "baseline")}

    def stock(command: list[str], port: int) -> list[str]:
        """textual-serve's own server, starting `command` for each tab."""
        line = "exec " + shlex.join(command)
        serve = f"Server({line!r}, host='127.0.0.1', port={port}).serve()"
        return [python, "-c", "from textual_serve.server import Server; " + serve]

    trakon_serve = [python, "-m", "trakon_tui", "--lang", "en", "serve"]
    argvs = {
        "trakon": [*trakon_serve, "--port", str(ports["trakon"])],
        # Trakon's app started per tab as textual-serve does it (before the zygote)
        "spawned": stock([python, "-m", "trakon_tui", "--lang", "en", "present"], ports["spawned"]),
        "baseline": stock([python, str(HERE / "_minimal_app.py")], ports["baseline"]),
    }
    markers = {"trakon": TRAKON_MARKER, "spawned": TRAKON_MARKER, "baseline": BASELINE_MARKER}
    servers = {
        name: subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for name, argv in argvs.items()
    }
    try:
        for port in ports.values():
            wait_for_port(port)

        async def measure() -> list[dict[str, float]]:
            for name in servers:  # warm the file cache (and the zygote)
                await tab(ports[name], markers[name], servers[name].pid)
            rows = []
            for _ in range(args.tabs):
                rows.append(
                    {
                        name: await tab(ports[name], markers[name], servers[name].pid)
                        for name in ("baseline", "trakon", "spawned")
                    }
                )
            return rows

        rows = asyncio.run(measure())
    finally:
        for server in servers.values():
            server.send_signal(signal.SIGINT)
        for server in servers.values():
            server.wait(timeout=20)
    med = statistics.median
    print(f"serve, {args.tabs} tabs each, {SIZE[0]}x{SIZE[1]}, {os.cpu_count()} cores")
    print("a tab: from its websocket connecting to the first frame showing the first screen")
    print(f"{'':34}{'ms':>8}{'ratio':>8}{'budget':>9}{'min':>7}{'max':>7}")
    base = med(row["baseline"] for row in rows)
    print(f"{'minimal Textual app (textual-serve)':34}{base * 1000:8.1f}{1:8.2f}")
    for name, label, budget in (
        ("trakon", "trakon serve", f"≤ {BUDGET}"),
        ("spawned", "trakon app, spawned per tab", ""),
    ):
        ratios = [row[name] / row["baseline"] for row in rows]
        print(
            f"{label:34}{med(row[name] for row in rows) * 1000:8.1f}{med(ratios):8.2f}"
            f"{budget:>9}{min(ratios):7.2f}{max(ratios):7.2f}"
        )


if __name__ == "__main__":
    main()
