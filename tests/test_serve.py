"""trakon serve: the presenter screen in headless Chromium, nothing fetched from the internet,
loopback by default, and no app process left behind when the browser and server close.

The browser is driven through the DevTools protocol (aiohttp, which textual-serve brings):
the test watches the frames the page receives over its websocket for the presenter screen's
words while it walks the peer-group session with the keys, and keeps a screenshot in
`.artifacts/serve.png`. Without Chromium the test reports
itself skipped with the reason (`.ci/run` installs Debian's chromium)."""

from __future__ import annotations

import asyncio
import base64
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from trakon_tui.commands.options import Options
from trakon_tui.commands.serve import app_command, is_loopback

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / ".artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}")


def processes_with(marker: str) -> list[int]:
    """Live processes whose environment holds `marker` (set for this test's server only)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            status = (entry / "status").read_text()
        except OSError:
            continue
        if marker.encode() in environ and "State:\tZ" not in status:
            found.append(int(entry.name))
    return found


def test_loopback_by_default_and_the_app_command() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")
    command = app_command(Options(reduced_motion=True))
    assert command.startswith("exec ") and command.endswith("--reduced-motion present")


def test_a_public_address_gets_a_warning(tmp_path: Path) -> None:
    env = {**os.environ, "TRAKON_CONFIG_DIR": str(tmp_path / "c")}
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "trakon_tui", "serve", "--host", "0.0.0.0", "--port", str(port)],
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
    finally:
        server.send_signal(signal.SIGINT)
        _out, err = server.communicate(timeout=20)
    assert b"Warning: listening on 0.0.0.0" in err


KEYS = {"Enter": (13, "\r"), "ArrowRight": (39, ""), "ArrowDown": (40, "")}
# What the facilitator does in the browser, and what the page must then receive: the picker,
# the peer-group session's agreements (the fourth session, the shortest first), its window
# picture, and after eight more steps its quiet end. (The room's text is drawn in big block
# letters in a browser-sized terminal, so the steps are recognised by the progress line.)
WALK: tuple[tuple[tuple[str, ...], bytes], ...] = (
    ((), b"Facilitator mode"),
    (("ArrowDown", "ArrowDown", "ArrowDown", "Enter"), "1/10 · planned end".encode()),
    (("ArrowRight",), b"Within the window"),
    (("ArrowRight",) * 8, "10/10 · planned end".encode()),
)


async def _browse(url: str, debug_port: int, screenshot: Path) -> list[bytes]:
    """Drive the page through WALK; returns the words that arrived, in order."""
    import aiohttp

    async with aiohttp.ClientSession() as http:
        deadline = time.monotonic() + 20
        target = None
        while target is None and time.monotonic() < deadline:
            try:
                async with http.get(f"http://127.0.0.1:{debug_port}/json/list") as response:
                    pages = [p for p in await response.json() if p.get("type") == "page"]
                    target = pages[0]["webSocketDebuggerUrl"] if pages else None
            except aiohttp.ClientError:
                await asyncio.sleep(0.2)
        assert target is not None, "Chromium gave no page to drive"
        async with http.ws_connect(target, max_msg_size=0) as cdp:
            ids = iter(range(1, 10_000))
            seen = bytearray()

            async def call(method: str, **params: object) -> int:
                number = next(ids)
                await cdp.send_json({"id": number, "method": method, "params": params})
                return number

            async def wait_for(words: bytes, timeout: float = 40) -> bool:
                deadline = time.monotonic() + timeout
                while time.monotonic() < deadline:
                    if words in seen:
                        return True
                    try:
                        left = max(0.05, min(2.0, deadline - time.monotonic()))
                        message = await cdp.receive_json(timeout=left)
                    except (TimeoutError, TypeError):
                        continue
                    if message.get("method") == "Network.webSocketFrameReceived":
                        frame = message["params"]["response"]
                        data = frame["payloadData"]
                        seen.extend(
                            base64.b64decode(data) if frame.get("opcode") == 2 else data.encode()
                        )
                return words in seen

            await call("Network.enable")
            await call("Page.enable")
            await call("Page.navigate", url=url)
            arrived = []
            focused = False
            for keys, words in WALK:
                if keys and not focused:
                    # The terminal reads keys from its own (hidden) text field; focusing it
                    # makes the app redraw, and keys sent before that settles can be lost.
                    focus = "document.querySelector('.xterm-helper-textarea').focus()"
                    await call("Runtime.evaluate", expression=focus)
                    await wait_for(b"\0never", timeout=3)  # reads frames while it settles
                    focused = True
                for key in keys:
                    seen.clear()
                    code, text = KEYS[key]
                    await call(
                        "Input.dispatchKeyEvent",
                        type="keyDown",
                        key=key,
                        code=key,
                        windowsVirtualKeyCode=code,
                        text=text,
                    )
                    await call(
                        "Input.dispatchKeyEvent",
                        type="keyUp",
                        key=key,
                        code=key,
                        windowsVirtualKeyCode=code,
                    )
                    await wait_for(b"\0never", timeout=0.5)
                if not await wait_for(words):
                    (ARTIFACTS / "frames.bin").write_bytes(bytes(seen))  # for a failure's reader
                    break
                arrived.append(words)
            await asyncio.sleep(1.0)  # let the canvas paint what arrived
            shot = await call("Page.captureScreenshot")
            while True:
                message = await cdp.receive_json(timeout=20)
                if message.get("id") == shot:
                    screenshot.write_bytes(base64.b64decode(message["result"]["data"]))
                    break
            return arrived


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here (.ci/run installs Debian's)")
@pytest.mark.parametrize("ending", ["tab closed, then server stopped", "server killed"])
def test_the_presenter_screen_renders_in_chromium_and_nothing_is_left_behind(
    tmp_path: Path, ending: str
) -> None:
    assert CHROMIUM is not None
    marker = f"TRAKON_SERVE_TEST={tmp_path.name}-{os.getpid()}"  # in the server's tree only
    env = {
        **os.environ,
        "TRAKON_SERVE_TEST": marker.split("=", 1)[1],
        "TRAKON_CONFIG_DIR": str(tmp_path / "config"),
        "TRAKON_DATA_DIR": str(tmp_path / "data"),
        "LANG": "en_US.UTF-8",
    }
    port, debug_port = free_port(), free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "trakon_tui", "--lang", "en", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    browser = None
    try:
        wait_for_port(port)
        browser = subprocess.Popen(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={tmp_path / 'chromium'}",
                f"--remote-debugging-port={debug_port}",
                "--window-size=1280,800",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        ARTIFACTS.mkdir(exist_ok=True)
        screenshot = ARTIFACTS / "serve.png"
        arrived = asyncio.run(_browse(f"http://127.0.0.1:{port}/", debug_port, screenshot))
        assert arrived == [words for _keys, words in WALK]  # the whole session, in the page
        assert screenshot.stat().st_size > 1000
        assert len(processes_with(marker)) == 2  # the server and the tab's app
        if ending == "server killed":
            server.kill()  # no chance to tidy up: the app must still end by itself
            server.wait(timeout=10)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and processes_with(marker):
                time.sleep(0.2)
            assert processes_with(marker) == []
    finally:
        if browser is not None:
            browser.terminate()
            browser.wait(timeout=20)
    if ending == "server killed":
        return
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and len(processes_with(marker)) > 1:
        time.sleep(0.2)  # the tab is gone: its app ends; only the server is left
    assert processes_with(marker) == [server.pid]
    server.send_signal(signal.SIGINT)
    server.wait(timeout=20)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and processes_with(marker):
        time.sleep(0.2)
    assert processes_with(marker) == []  # no orphan left spinning
    assert not (tmp_path / "data").exists()  # presenter mode wrote nothing


def test_without_the_extra_a_clear_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from trakon_tui.commands.serve import run_serve

    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # as if not installed
    assert run_serve("127.0.0.1", free_port(), Options()) == 2
    assert "pip install 'trakon[serve]'" in capsys.readouterr().err


def test_the_end_page_is_calm_and_in_the_sessions_language() -> None:
    jinja2 = pytest.importorskip("jinja2")
    from trakon_tui.commands.serve import TEMPLATES, page_words
    from trakon_tui.i18n import set_language

    set_language("fi")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    env.globals["words"] = page_words()
    page = env.get_template("app_index.html").render(
        config={"static": {"url": "/static/"}}, application={"name": "Trakon"}
    )
    assert 'lang="fi"' in page and "Tapaaminen on päättynyt. Kiitos." in page
    assert "Session ended" not in page and "Restart" not in page
