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
import re
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


def tab_apps(marker: str) -> list[int]:
    """The app processes of the marked server's tabs (each named so by `trakon serve`)."""
    return [pid for pid in processes_with(marker) if _comm(pid) == "trakon-tab"]


def _comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def marked_env(tmp_path: Path, tag: str) -> tuple[str, dict[str, str]]:
    """An environment for a server under test, with its own folders and a marker that only
    the processes of its tree carry (`processes_with` finds them)."""
    value = f"{tmp_path.name}-{os.getpid()}-{tag}"
    env = {
        **os.environ,
        "TRAKON_SERVE_TEST": value,
        "TRAKON_CONFIG_DIR": str(tmp_path / "config"),
        "TRAKON_DATA_DIR": str(tmp_path / "data"),
    }
    return f"TRAKON_SERVE_TEST={value}", env


def start_server(port: int, env: dict[str, str], *options: str) -> subprocess.Popen[bytes]:
    """`trakon serve` in English on 127.0.0.1:`port` (with the app's `options`, such as
    `--exercises DIR`, which its tabs run with too), quietly; the caller stops it."""
    command = [sys.executable, "-m", "trakon_tui", "--lang", "en", *options]
    return subprocess.Popen(
        [*command, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


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
Walk = tuple[tuple[tuple[str, ...], bytes], ...]
# What the facilitator does in the browser, and what the page must then receive: the picker,
# then the peer-group session (the fourth session, the shortest first) step by step, known by
# its step counter ("1/10 · …"; the room's own text may be drawn in big letters): the
# agreements, the window page, the first reflection page ("Our own work situations", with its
# questions) and, after five more steps, its quiet end.
WALK: Walk = (
    ((), b"Facilitator mode"),
    (("ArrowDown", "ArrowDown", "ArrowDown", "Enter"), "1/10 · ".encode()),
    (("ArrowRight",), "2/10 · ".encode()),
    (("ArrowRight",) * 3, "5/10 · ".encode()),
    (("ArrowRight",) * 5, "10/10 · ".encode()),
)
SESSIONS = ROOT / "tests" / "data" / "sessions"
# With the test sessions added, the fourth is "Reading and writing together", which opens
# with an info item (the window of tolerance, four pages; its page counter "Page 1/4" is in
# small letters under the big title): its first page arrives, → turns it, and → on the last
# page moves on to the session's second step.
INFO_WALK: Walk = (
    ((), b"Facilitator mode"),
    (("ArrowDown", "ArrowDown", "ArrowDown", "Enter"), b"Page 1/4"),
    (("ArrowRight",), b"Page 2/4"),
    (("ArrowRight",) * 2, b"Page 4/4"),
    (("ArrowRight",), "2/4 · ".encode()),
)


async def _browse(url: str, debug_port: int, screenshot: Path, walk: Walk = WALK) -> list[bytes]:
    """Drive the page through `walk`; returns the words that arrived, in order."""
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
            for keys, words in walk:
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


def open_chromium(tmp_path: Path, debug_port: int) -> subprocess.Popen[bytes]:
    """Headless Chromium on a blank page, driven through `debug_port`; the caller ends it."""
    assert CHROMIUM is not None
    return subprocess.Popen(
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


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here (.ci/run installs Debian's)")
@pytest.mark.parametrize("ending", ["tab closed, then server stopped", "server killed"])
def test_the_presenter_screen_renders_in_chromium_and_nothing_is_left_behind(
    tmp_path: Path, ending: str
) -> None:
    assert CHROMIUM is not None
    marker, env = marked_env(tmp_path, "browser")
    env["LANG"] = "en_US.UTF-8"
    port, debug_port = free_port(), free_port()
    server = start_server(port, env)
    browser = None
    try:
        wait_for_port(port)
        browser = open_chromium(tmp_path, debug_port)
        ARTIFACTS.mkdir(exist_ok=True)
        screenshot = ARTIFACTS / "serve.png"
        arrived = asyncio.run(_browse(f"http://127.0.0.1:{port}/", debug_port, screenshot))
        assert arrived == [words for _keys, words in WALK]  # the whole session, in the page
        assert screenshot.stat().st_size > 1000
        assert len(tab_apps(marker)) == 1  # the tab's own app
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
    while time.monotonic() < deadline and tab_apps(marker):
        time.sleep(0.2)  # the tab is gone: its app ends; the server goes on
    assert tab_apps(marker) == [] and server.poll() is None
    server.send_signal(signal.SIGINT)
    server.wait(timeout=20)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and processes_with(marker):
        time.sleep(0.2)
    assert processes_with(marker) == []  # no orphan left spinning
    assert not (tmp_path / "data").exists()  # presenter mode wrote nothing


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here (.ci/run installs Debian's)")
def test_an_info_item_in_a_session_turns_its_pages_in_chromium(tmp_path: Path) -> None:
    """Issue #13: an info item inside a session shows its pages in the browser, and → turns
    them, then moves on to the next step."""
    _marker, env = marked_env(tmp_path, "info")
    env["LANG"] = "en_US.UTF-8"
    port, debug_port = free_port(), free_port()
    server = start_server(port, env, "--exercises", str(SESSIONS))
    browser = None
    try:
        wait_for_port(port)
        browser = open_chromium(tmp_path, debug_port)
        ARTIFACTS.mkdir(exist_ok=True)
        screenshot = ARTIFACTS / "serve-info.png"
        url = f"http://127.0.0.1:{port}/"
        arrived = asyncio.run(_browse(url, debug_port, screenshot, INFO_WALK))
        assert arrived == [words for _keys, words in INFO_WALK]
    finally:
        if browser is not None:
            browser.terminate()
            browser.wait(timeout=20)
        server.send_signal(signal.SIGINT)
        server.wait(timeout=20)


def test_without_the_extra_a_clear_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from trakon_tui.commands.serve import run_serve

    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # as if not installed
    monkeypatch.setitem(sys.modules, "trakon_tui.commands.serve_room", None)
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


# --- from another device --------------------------------------------------------------------

_ASSET = re.compile(rb'(?:href|src)="([^"]+)"|url\("([^"]+)"\)')


def page_addresses(html: bytes) -> tuple[list[str], str]:
    """The asset addresses a page loads (stylesheet, script, fonts, picture) and its
    websocket address."""
    assets = [(a or b).decode() for a, b in _ASSET.findall(html)]
    (websocket,) = re.findall(rb'data-session-websocket-url="([^"]+)"', html)
    return assets, websocket.decode()


def _get_page(host_header: str | None, path: str = "/") -> bytes:
    """The page as the server's own handler builds it for a request with that Host."""
    from aiohttp.test_utils import TestClient, TestServer

    from trakon_tui.commands.serve import TEMPLATES
    from trakon_tui.commands.serve_room import RoomServer

    async def fetch() -> bytes:
        server = RoomServer("true", host="0.0.0.0", port=8000, templates_path=TEMPLATES)
        async with TestClient(TestServer(await server._make_app())) as client:
            headers = {} if host_header is None else {"Host": host_header}
            response = await client.get(path, headers=headers)
            assert response.status == 200
            return await response.read()

    return asyncio.run(fetch())


@pytest.mark.parametrize(
    ("host", "websocket"),
    [
        ("192.168.1.20:8000", "ws://192.168.1.20:8000/ws"),
        ("trakon.local:9000", "ws://trakon.local:9000/ws"),
        ("[fe80::1]:8000", "ws://[fe80::1]:8000/ws"),
        ('evil"><script>x</script>', "ws://0.0.0.0:8000/ws"),  # odd: never echoed
    ],
)
def test_the_page_talks_back_to_the_address_the_browser_used(host: str, websocket: str) -> None:
    assets, found = page_addresses(_get_page(host))
    assert found == websocket
    assert assets and all(asset.startswith("/static/") for asset in assets)


def test_fontsize_in_the_address_sets_the_text_size_and_the_readme_says_so() -> None:
    assert b'data-font-size="28"' in _get_page("127.0.0.1:8000", "/?fontsize=28")
    assert b'data-font-size="16"' in _get_page("127.0.0.1:8000", "/?fontsize=big")
    assert b'data-font-size="72"' in _get_page("127.0.0.1:8000", "/?fontsize=9999")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "?fontsize=" in readme


def _netns_problem() -> str | None:
    if not sys.platform.startswith("linux") or shutil.which("ip") is None:
        return "needs Linux with iproute2"
    if os.geteuid() != 0:
        return "making network namespaces needs root"
    return None


class Namespaces:
    """Two network namespaces joined by a veth pair: the server's and another device's."""

    def __init__(self) -> None:
        tag = f"{os.getpid() % 100000}"
        self.server, self.device = f"trakon-srv-{tag}", f"trakon-dev-{tag}"
        self.server_if, self.device_if = f"tks{tag}", f"tkd{tag}"
        self.server_ip, self.device_ip = "10.213.7.1", "10.213.7.2"

    def ip(self, *args: str) -> None:
        subprocess.run(["ip", *args], check=True, capture_output=True)

    def __enter__(self) -> Namespaces:
        try:
            self.ip("netns", "add", self.server)
            self.ip("netns", "add", self.device)
            self.ip("link", "add", self.server_if, "type", "veth", "peer", "name", self.device_if)
        except subprocess.CalledProcessError as error:
            self.__exit__()
            pytest.skip(f"network namespaces are not permitted here: {error.stderr.decode()}")
        for name, link, address in (
            (self.server, self.server_if, self.server_ip),
            (self.device, self.device_if, self.device_ip),
        ):
            self.ip("link", "set", link, "netns", name)
            self.ip("-n", name, "addr", "add", f"{address}/24", "dev", link)
            self.ip("-n", name, "link", "set", link, "up")
            self.ip("-n", name, "link", "set", "lo", "up")
        return self

    def __exit__(self, *_exc: object) -> None:
        for name in (self.server, self.device):  # deleting them removes the veth pair too
            subprocess.run(["ip", "netns", "delete", name], capture_output=True)


DEVICE_SCRIPT = r"""
import asyncio, re, sys
import aiohttp

async def main(url):
    async with aiohttp.ClientSession() as http:
        async with http.get(url) as response:
            html = await response.read()
        assets = [(a or b).decode() for a, b in re.findall(ASSET, html)]
        websocket = re.findall(rb'data-session-websocket-url="([^"]+)"', html)[0].decode()
        for asset in assets:
            async with http.get(aiohttp.client.URL(url).join(aiohttp.client.URL(asset))) as r:
                print("asset", r.status, asset, flush=True)
        async with http.ws_connect(websocket + "?width=100&height=32", max_msg_size=0) as ws:
            seen = b""
            while b"Facilitator mode" not in seen:
                message = await ws.receive(timeout=30)
                if message.type != aiohttp.WSMsgType.BINARY:
                    raise SystemExit(f"closed: {message}")
                seen += message.data
            print("screen", websocket, flush=True)
            await asyncio.sleep(3600)  # stay until the test takes the network away

asyncio.run(main(sys.argv[1]))
"""


def test_another_device_on_the_network_opens_the_page_and_a_dropped_one_ends(
    tmp_path: Path,
) -> None:
    """A server on a LAN address (its own network namespace) serves a browser on another
    "machine" (a second namespace): the page, every asset and the websocket come through, and
    when that machine's network goes away mid-session, its app ends within 5 s."""
    if problem := _netns_problem():
        pytest.skip(problem)
    marker, env = marked_env(tmp_path, "netns")
    script = tmp_path / "device.py"
    script.write_text(DEVICE_SCRIPT.replace("ASSET", repr(_ASSET.pattern)), encoding="utf-8")
    with Namespaces() as net:
        url = f"http://{net.server_ip}:8000/"
        in_server = ["ip", "netns", "exec", net.server]
        serve = [sys.executable, "-m", "trakon_tui", "--lang", "en", "serve"]
        on_device = ["ip", "netns", "exec", net.device]
        connect = f"import socket; socket.create_connection(('{net.server_ip}', 8000), 1)"
        server = subprocess.Popen(
            [*in_server, *serve, "--host", net.server_ip, "--port", "8000"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        device = None
        try:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:  # listening, seen from the device
                probe = subprocess.run(
                    [*on_device, sys.executable, "-c", connect],
                    capture_output=True,
                )
                if probe.returncode == 0:
                    break
            device = subprocess.Popen(
                [*on_device, sys.executable, str(script), url],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            assert device.stdout is not None
            lines = []
            for line in device.stdout:
                lines.append(line.split())
                if line.startswith("screen"):
                    break
            assets = [words for words in lines if words[0] == "asset"]
            assert len(assets) >= 4 and all(words[1] == "200" for words in assets), lines
            assert lines[-1] == ["screen", f"ws://{net.server_ip}:8000/ws"], lines

            net.ip("-n", net.device, "link", "set", net.device_if, "down")  # no goodbye
            dropped = time.monotonic()
            apps = tab_apps(marker)
            assert len(apps) == 1  # the device's app
            while time.monotonic() - dropped < 5 and Path(f"/proc/{apps[0]}").exists():
                if "State:\tZ" in _status(apps[0]):
                    break
                time.sleep(0.05)
            assert not _alive(apps[0]), "the dropped device's app still runs after 5 s"
        finally:
            if device is not None:
                device.kill()
                device.wait(timeout=10)
            server.send_signal(signal.SIGINT)
            _out, err = server.communicate(timeout=20)
        assert f"Warning: listening on {net.server_ip}".encode() in err


def _status(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    status = _status(pid)
    return bool(status) and "State:\tZ" not in status


# --- a dropped tab --------------------------------------------------------------------------


async def _drop_a_tab(port: int, how: str, marker: str) -> tuple[bool, int]:
    """Open a tab's websocket (through a relay that can stop passing anything on, as a
    vanished network does), wait for its first screen, drop it, and poll its app for 5 s
    (the relay's connections stay open meanwhile: nobody says goodbye). Whether the app
    still runs after that, and how many apps ran before the drop."""
    import aiohttp

    frozen = asyncio.Event()

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while not frozen.is_set():
            data = await reader.read(65536)
            if not data or frozen.is_set():
                break
            writer.write(data)
            await writer.drain()
        if not frozen.is_set():
            writer.close()

    tasks: list[asyncio.Task[None]] = []

    async def relay(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", port)
        tasks.append(asyncio.create_task(pipe(reader, up_writer)))
        tasks.append(asyncio.create_task(pipe(up_reader, writer)))

    relay_server = await asyncio.start_server(relay, "127.0.0.1", 0)
    relay_port = relay_server.sockets[0].getsockname()[1]
    async with aiohttp.ClientSession() as http:
        ws = await http.ws_connect(
            f"http://127.0.0.1:{relay_port}/ws?width=100&height=32", autoping=False
        )
        seen = b""
        while b"Facilitator mode" not in seen:
            message = await ws.receive(timeout=30)
            if message.type == aiohttp.WSMsgType.BINARY:
                seen += message.data
        apps = tab_apps(marker)
        if how == "connection reset":
            transport = ws._response.connection.transport  # type: ignore[union-attr]
            transport.abort()
        else:  # "network gone": nothing passes any more, in either direction
            frozen.set()
        dropped = time.monotonic()
        while time.monotonic() - dropped < 5 and any(_alive(pid) for pid in apps):
            await asyncio.sleep(0.05)  # polls the process; 5 s is the limit, not a wait
        still = any(_alive(pid) for pid in apps)
    for task in tasks:
        task.cancel()
    relay_server.close()
    return still, len(apps)


@pytest.mark.parametrize("how", ["connection reset", "network gone"])
def test_the_app_of_a_dropped_tab_ends_within_5_s(tmp_path: Path, how: str) -> None:
    marker, env = marked_env(tmp_path, "drop")
    port = free_port()
    server = start_server(port, env)
    try:
        wait_for_port(port)
        still, apps = asyncio.run(_drop_a_tab(port, how, marker))
        assert apps == 1  # the tab's own app ran
        assert not still, f"{how}: the tab's app still runs 5 s after the drop"
        assert server.poll() is None  # the server goes on for the other tabs
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=20)


def test_without_the_prepared_process_a_tab_still_opens(tmp_path: Path) -> None:
    """Tabs are forked from a prepared process (the zygote); if it is gone, a tab's app is
    started from scratch, as textual-serve does, and the page still works."""
    import aiohttp

    marker, env = marked_env(tmp_path, "zygote")
    port = free_port()
    server = start_server(port, env)

    async def first_screen() -> bytes:
        async with (
            aiohttp.ClientSession() as http,
            http.ws_connect(f"http://127.0.0.1:{port}/ws?width=100&height=32") as ws,
        ):
            seen = b""
            while b"Facilitator mode" not in seen:
                message = await ws.receive(timeout=30)
                assert message.type == aiohttp.WSMsgType.BINARY, message
                seen += message.data
            return seen

    try:
        wait_for_port(port)
        deadline = time.monotonic() + 10
        zygotes: list[int] = []
        while not zygotes and time.monotonic() < deadline:
            zygotes = [pid for pid in processes_with(marker) if _comm(pid) == "trakon-zygote"]
        (zygote,) = zygotes
        os.kill(zygote, signal.SIGKILL)
        assert b"Facilitator mode" in asyncio.run(first_screen())
        assert server.poll() is None
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=20)
