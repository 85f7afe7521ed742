"""The presenter console's link: a Unix socket per presentation in the user's runtime
folder (folder 0700, socket 0600, both the user's own), never anything over the network.
Plain asyncio, no Textual: the room's app runs a `RoomServer`, the console a `ConsoleClient`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import stat
import struct
from collections.abc import AsyncIterator, Callable
from pathlib import Path

from trakon_tui.core.console_link import (
    Bye,
    LineBuffer,
    RoomState,
    decode_key,
    decode_room,
    encode_bye,
    encode_key,
)
from trakon_tui.core.text import WordedError
from trakon_tui.i18n import N_

PREFIX = "present-"
SUFFIX = ".sock"
MAX_PATH = 100  # bytes; a Unix socket's address holds at most 104–108
MAX_BACKLOG = 256 * 1024  # a console that stops reading is let go, never buffered for
CHUNK = 4096
PEEK_SECONDS = 1.0  # how long a room listed for choosing may take to say what it runs


class LinkError(WordedError):
    """Why the link cannot be made, as a message id and its arguments."""


def private_folder(folder: Path) -> Path:
    """The runtime folder, created 0700 if missing; refused if it is not the user's own
    folder (a link, a file, someone else's), and tightened to 0700 if it is looser."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
        info = os.lstat(folder)
    except OSError as error:
        raise LinkError(
            N_("The folder {folder} for the console cannot be used: {reason}"),
            folder=folder,
            reason=error.strerror or error,
        ) from error
    if not stat.S_ISDIR(info.st_mode):
        raise LinkError(N_("{folder} is not a folder; the console needs one."), folder=folder)
    if not _safe_parent(folder.parent):
        raise LinkError(
            N_("The folder {folder} is inside a folder others can change; the console will "
               "not use it."),
            folder=folder,
        )  # fmt: skip
    if info.st_uid != os.getuid():
        raise LinkError(
            N_("The folder {folder} belongs to someone else; the console will not use it."),
            folder=folder,
        )
    if stat.S_IMODE(info.st_mode) & 0o077:
        os.chmod(folder, 0o700)
    return folder


def _safe_parent(parent: Path) -> bool:
    """Whether no one else could swap the folder out from under us: the folder above it is
    the user's or root's, and others may not rename in it (or it is sticky, as /tmp is)."""
    try:
        info = os.stat(parent)
    except OSError:
        return False
    if info.st_uid not in (os.getuid(), 0):
        return False
    return not (info.st_mode & 0o022) or bool(info.st_mode & stat.S_ISVTX)


def socket_path(folder: Path, pid: int | None = None) -> Path:
    path = folder / f"{PREFIX}{os.getpid() if pid is None else pid}{SUFFIX}"
    if len(os.fsencode(path)) > MAX_PATH:
        raise LinkError(
            N_("The folder {folder} has too long a name for the console's socket."),
            folder=folder,
        )
    return path


def _is_own_socket(path: Path) -> bool:
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISSOCK(info.st_mode) and info.st_uid == os.getuid()


def find_rooms(folder: Path) -> list[Path]:
    """The presentations running now: the user's own sockets in the folder that answer.
    A socket left behind by a presentation that ended without closing is removed."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    rooms = []
    for name in names:
        if not (name.startswith(PREFIX) and name.endswith(SUFFIX)):
            continue
        path = folder / name
        if not _is_own_socket(path):
            continue
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        probe.settimeout(1.0)
        try:
            probe.connect(os.fspath(path))
        except (ConnectionRefusedError, FileNotFoundError):
            with contextlib.suppress(OSError):
                path.unlink()
            continue
        except OSError:
            continue
        finally:
            probe.close()
        rooms.append(path)
    return rooms


def running_rooms(folder: Path) -> list[Path]:
    """The presentations running, or a LinkError that says there is none."""
    rooms = find_rooms(folder)
    if not rooms:
        raise LinkError(
            N_(
                "No presentation is running. Start one with `trakon present SESSION` in "
                "another terminal, then open the console again."
            )
        )
    return rooms


def described(rooms: list[Path]) -> list[RoomState | None]:
    """What each room tells a console that attaches (its session's title, when it started
    …), asked of all at once and let go; None for a room that says nothing within
    PEEK_SECONDS (its session not started yet, or busy)."""

    async def all_rooms() -> list[RoomState | None]:
        return list(await asyncio.gather(*(_peek(room, PEEK_SECONDS) for room in rooms)))

    return asyncio.run(all_rooms())


async def _peek(room: Path, wait: float) -> RoomState | None:
    try:
        client = await ConsoleClient.connect(room)
    except LinkError:
        return None

    async def first() -> RoomState | None:
        async for message in client.messages():
            return message if isinstance(message, RoomState) else None
        return None

    try:
        return await asyncio.wait_for(first(), wait)
    except TimeoutError:
        return None
    finally:
        client.close()


def _peer_is_us(writer: asyncio.StreamWriter) -> bool:
    """Whether the process at the other end runs as this user (Linux says; elsewhere the
    folder's 0700 is the guard)."""
    sock = writer.get_extra_info("socket")
    option = getattr(socket, "SO_PEERCRED", None)
    if sock is None or option is None:
        return True
    try:
        _pid, uid, _gid = struct.unpack("3i", sock.getsockopt(socket.SOL_SOCKET, option, 12))
    except OSError:
        return False
    return bool(uid == os.getuid())


class RoomServer:
    """The room's end: a console that connects is told at once (`on_connect` publishes),
    and every state published goes to each console; the key names they send go to
    `on_key`."""

    def __init__(
        self, folder: Path, on_key: Callable[[str], None], on_connect: Callable[[], None]
    ) -> None:
        self.folder = folder
        self.on_key = on_key
        self.on_connect = on_connect
        self.path: Path | None = None
        self._server: asyncio.AbstractServer | None = None
        self._clients: set[asyncio.StreamWriter] = set()
        self._last: bytes | None = None

    async def start(self) -> None:
        path = socket_path(private_folder(self.folder))
        if os.path.lexists(path):  # a presentation with this process id ended unclean
            if not _is_own_socket(path):
                raise LinkError(N_("{path} is in the way of the console's socket."), path=path)
            path.unlink()
        self._server = await asyncio.start_unix_server(self._serve, path=os.fspath(path))
        os.chmod(path, 0o600)  # the 0700 folder already keeps everyone else out meanwhile
        self.path = path

    @property
    def has_consoles(self) -> bool:
        return bool(self._clients)

    def publish(self, line: bytes) -> None:
        if line == self._last:
            return
        self._last = line
        for writer in list(self._clients):
            self._send(writer, line)

    def _send(self, writer: asyncio.StreamWriter, line: bytes) -> None:
        transport = writer.transport
        if transport.is_closing() or transport.get_write_buffer_size() > MAX_BACKLOG:
            self._clients.discard(writer)
            transport.abort()
            return
        writer.write(line)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if not _peer_is_us(writer):
            writer.transport.abort()
            return
        self._clients.add(writer)
        self._last = None  # the newcomer is told where the room is, at once
        self.on_connect()
        buffer = LineBuffer()
        try:
            while data := await reader.read(CHUNK):
                for line in buffer.feed(data):
                    key = decode_key(line)
                    if key is not None:
                        self.on_key(key)
        except (ConnectionError, OSError):
            pass
        finally:
            self._clients.discard(writer)
            writer.transport.abort()

    async def close(self) -> None:
        """Say goodbye to every console, stop listening and remove the socket."""
        for writer in list(self._clients):
            with contextlib.suppress(Exception):
                writer.write(encode_bye())
                await asyncio.wait_for(writer.drain(), 0.5)
            writer.transport.abort()
        self._clients.clear()
        if self._server is not None:
            self._server.close()
            self._server = None
        if self.path is not None:
            with contextlib.suppress(OSError):
                self.path.unlink()
            self.path = None


class ConsoleClient:
    """The console's end of one presentation's socket."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer

    @classmethod
    async def connect(cls, path: Path) -> ConsoleClient:
        if not _is_own_socket(path):
            raise LinkError(N_("{path} is not this user's presentation."), path=path)
        try:
            reader, writer = await asyncio.open_unix_connection(os.fspath(path))
        except OSError as error:
            raise LinkError(
                N_("The presentation could not be reached: {reason}"),
                reason=error.strerror or error,
            ) from error
        return cls(reader, writer)

    async def messages(self) -> AsyncIterator[RoomState | Bye]:
        """States as they come; ends with the room (a `Bye`, or the socket closing)."""
        buffer = LineBuffer()
        try:
            while data := await self._reader.read(CHUNK):
                for line in buffer.feed(data):
                    message = decode_room(line)
                    if message is not None:
                        yield message
                    if isinstance(message, Bye):
                        return
        except (ConnectionError, OSError):
            return

    def send_key(self, name: str) -> None:
        if not self._writer.transport.is_closing():
            self._writer.write(encode_key(name))

    def close(self) -> None:
        self._writer.transport.abort()
