"""Trakon in a real pseudo-terminal: what only a real terminal driver can show."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from _pty import PtyProcess  # the benchmarks' pseudo-terminal helper


def trakon_in_a_terminal(tmp_path: Path, *args: str) -> PtyProcess:
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "TRAKON_DATA_DIR": str(tmp_path / "data"),
        "TRAKON_CONFIG_DIR": str(tmp_path / "config"),
    }
    return PtyProcess([sys.executable, "-m", "trakon_tui", *args], env, (100, 32))


def exit_status(process: PtyProcess, seconds: float) -> int | None:
    """The exit code once the process has ended (its output drained meanwhile), else None."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        process.pump(0.1)
        pid, status = os.waitpid(process.pid, os.WNOHANG)
        if pid:
            os.close(process.fd)
            return os.waitstatus_to_exitcode(status)
    process.close()
    return None


def test_bytes_that_are_not_utf8_are_a_character_not_a_crash(tmp_path: Path) -> None:
    """A terminal set to Latin-1 sends 0xE4 for ä: Textual's strict decoder killed its input
    thread and the app stopped with a traceback and exit code 0 (textual#6456)."""
    app = trakon_in_a_terminal(tmp_path, "--lang", "en")
    assert app.pump(20, until=b"Where are you right now?")
    app.send(b"\xe4\x9b")  # Latin-1 ä, and a lone C1 byte
    app.pump(0.5)
    app.send(b"h")  # the app still answers keys: history opens
    assert app.pump(10, until=b"History")
    app.send(b"\x11")  # Ctrl+Q
    assert exit_status(app, 10) == 0
    assert b"Traceback" not in app.output and b"UnicodeDecodeError" not in app.output
    assert not list((tmp_path / "data").glob("crash-*.txt"))
