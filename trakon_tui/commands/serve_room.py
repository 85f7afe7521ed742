"""textual-serve, adjusted for a room (imported only by `trakon serve`, with the extra).

Two things differ from textual-serve's own server:
- The page's addresses follow the request: assets by path, the websocket on the host the
  browser asked for (its Host header), so that a page opened from another machine as
  http://192.168.1.20:8000/ works, whatever address the server listens on.
- A dropped tab ends its app within seconds. textual-serve notices a vanished browser only
  after its 15 s heartbeat and 7.5 s more, and then waits without limit for the app to end,
  which it cannot while its output is stuck behind a dead connection. Here the server pings
  every second and lets a browser go silent for at most `SILENT_LIMIT`; the app is then asked
  to quit and, after `QUIT_GRACE`, ended.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from typing import Any

import aiohttp_jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from trakon_tui.commands.serve import page_urls, page_words
from trakon_tui.commands.serve_zygote import Zygote

log = logging.getLogger("textual-serve")

PING_EVERY = 1.0  # seconds between the server's pings to a quiet browser
SILENT_LIMIT = 2.5  # a browser that answers nothing for this long is gone (network included)
QUIT_GRACE = 1.0  # how long an app may take to quit before it is ended


class Link:
    """One tab's websocket as the app process sees it: writes go nowhere once the tab is gone
    (so the app's output never waits on a dead connection), and silence is timed."""

    def __init__(self, websocket: web.WebSocketResponse, request: web.Request) -> None:
        self.websocket = websocket
        self.request = request
        self.gone = False
        self.last_heard = time.monotonic()

    def heard(self) -> None:
        self.last_heard = time.monotonic()

    def drop(self) -> None:
        """The tab is gone: stop writing, and let the connection go without waiting for
        the network to take what is still queued."""
        self.gone = True
        transport = self.request.transport
        if transport is not None:
            transport.abort()

    async def send_bytes(self, data: bytes) -> None:
        if not self.gone:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await self.websocket.send_bytes(data)

    async def send_str(self, data: str) -> None:
        if not self.gone:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await self.websocket.send_str(data)

    async def close(self) -> None:
        if not self.gone:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await self.websocket.close()

    async def watch(self) -> None:
        """Ping a quiet browser; drop the tab when it has been silent too long."""
        while not self.gone:
            await asyncio.sleep(PING_EVERY / 2)
            silent = time.monotonic() - self.last_heard
            if silent > SILENT_LIMIT:
                self.drop()
                return
            if silent >= PING_EVERY and not self.websocket.closed:
                with contextlib.suppress(ConnectionError, RuntimeError, TimeoutError):
                    await asyncio.wait_for(self.websocket.ping(), PING_EVERY / 2)


class RoomAppService(AppService):
    """One tab's app process, forked from the zygote where there is one, and ended within
    `QUIT_GRACE` (+ a moment) of the tab going."""

    zygote: Zygote | None = None

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        if self.zygote is not None:
            try:
                process = await self.zygote.spawn(width, height)
            except (OSError, TimeoutError) as error:
                log.warning("starting the app the slow way: %s", error)
            else:
                self._process = process  # type: ignore[assignment]
                self._stdin = process.stdin
                return process
        return await super()._open_app_process(width, height)

    async def stop(self) -> None:
        task, self._task = self._task, None
        process = self._process
        if task is None or process is None:
            return
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.send_meta({"type": "quit"}), QUIT_GRACE)
        for end in (process.terminate, process.kill):
            try:
                await asyncio.wait_for(process.wait(), QUIT_GRACE)
                break
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    end()
        else:
            await process.wait()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


class RoomServer(Server):
    """textual-serve's server with the page's addresses from the request, quick starts and
    quick endings."""

    zygote: Zygote | None = None

    def start_zygote(self, prepare: Callable[[], Callable[[], int]]) -> None:
        """Fork the process that forks each tab's app (before `serve`: no loop, no threads)."""
        environment = RoomAppService(
            self.command,
            write_bytes=_nowhere,
            write_str=_nowhere,
            close=_nothing,
            download_manager=self.download_manager,
        )._build_environment()
        self.zygote = Zygote.start(prepare, environment)

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: `trakon serve` says where it listens in its own words."""

    async def on_shutdown(self, app: web.Application) -> None:
        """The zygote ends when told (its tabs' apps with it) and is waited for."""
        if self.zygote is not None:
            await asyncio.to_thread(self.zygote.end)

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        static, websocket = page_urls(
            request.headers.get("Host"), secure=request.secure, fallback=self.fallback_host()
        )
        return {
            "font_size": min(max(to_int(request.query.get("fontsize", "16"), 16), 8), 72),
            "app_websocket_url": websocket,
            "config": {"static": {"url": static}},
            "application": {"name": self.title},
            "words": page_words(),  # start, the calm end of a session: the tabs' language
        }

    def fallback_host(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(autoping=False)  # pings and pongs are timed here
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        await websocket.prepare(request)
        link = Link(websocket, request)
        service = RoomAppService(
            self.command,
            write_bytes=link.send_bytes,
            write_str=link.send_str,
            close=link.close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        service.zygote = self.zygote
        watch = asyncio.create_task(link.watch())
        try:
            await service.start(width, height)
            await self.relay(websocket, service, link)
        except asyncio.CancelledError:
            pass
        except Exception as error:
            log.exception(error)
        finally:
            watch.cancel()
            link.drop()
            await asyncio.shield(service.stop())
        return websocket

    async def relay(
        self, websocket: web.WebSocketResponse, service: AppService, link: Link
    ) -> None:
        """The browser's messages to the app (as textual-serve's own loop), hearing each."""
        async for message in websocket:
            link.heard()
            if message.type == WSMsgType.PING:
                await websocket.pong(message.data)
                continue
            if message.type != WSMsgType.TEXT:
                continue
            envelope = message.json()
            if not isinstance(envelope, list) or not envelope:
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await service.set_terminal_size(
                    to_int(str(data.get("width")), 80), to_int(str(data.get("height")), 24)
                )
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()


async def _nowhere(_data: object) -> None:
    return None


async def _nothing() -> None:
    return None
