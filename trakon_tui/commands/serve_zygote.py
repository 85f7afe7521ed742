"""Tabs that open at once: `trakon serve` forks each tab's app from a process that has already
imported Textual and Trakon's first screens and loaded the library (Linux).

Without it every tab starts a new interpreter that imports and loads all of that again
(issue #16: a tab took 1.4–2× as long as a minimal Textual app). The "zygote" is forked from
the server before the server starts its event loop (no threads, nothing imported from Textual
yet), prepares once, and then forks one child per tab on request; each child is still a
process of its own, given the tab's pipes as its standard input, output and error, exactly as
textual-serve would start it. The zygote ends with the server, and each tab's app with the
zygote (the kernel tells them, see `die_with_parent`). Where any of this is not available,
textual-serve starts the app command as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import struct
import sys
from collections.abc import Callable

_PID = struct.Struct("!i")


def die_with_parent(name: bytes) -> None:
    """Name this process (for `ps` and /proc/PID/comm) and have the kernel send it SIGTERM
    when its parent ends (Linux)."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(15, name[:15])  # PR_SET_NAME
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class ForkedProcess:
    """A tab's app forked by the zygote, as textual-serve uses a subprocess: pipes for its
    standard streams, `wait`, `terminate` and `kill`."""

    def __init__(
        self,
        pid: int,
        stdin: asyncio.StreamWriter,
        stdout: asyncio.StreamReader,
        stderr: asyncio.StreamReader,
        ended: asyncio.Future[None],
    ) -> None:
        self.pid = pid
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self._ended = ended

    @classmethod
    async def attach(cls, pid: int, stdin: int, stdout: int, stderr: int) -> ForkedProcess:
        loop = asyncio.get_running_loop()
        readers = []
        for fd in (stdout, stderr):
            reader = asyncio.StreamReader()
            await loop.connect_read_pipe(
                lambda reader=reader: asyncio.StreamReaderProtocol(reader),  # type: ignore[misc]
                os.fdopen(fd, "rb", buffering=0),
            )
            readers.append(reader)
        transport, protocol = await loop.connect_write_pipe(
            asyncio.streams.FlowControlMixin, os.fdopen(stdin, "wb", buffering=0)
        )
        writer = asyncio.StreamWriter(transport, protocol, None, loop)
        ended: asyncio.Future[None] = loop.create_future()
        try:
            pidfd = os.pidfd_open(pid)
        except ProcessLookupError:
            ended.set_result(None)
        else:

            def gone() -> None:
                loop.remove_reader(pidfd)
                os.close(pidfd)
                if not ended.done():
                    ended.set_result(None)

            loop.add_reader(pidfd, gone)
        return cls(pid, writer, readers[0], readers[1], ended)

    async def wait(self) -> None:
        await asyncio.shield(self._ended)

    def send_signal(self, signum: int) -> None:
        if not self._ended.done():
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class Zygote:
    """The server's end: ask for a tab's app process."""

    def __init__(self, control: socket.socket, pid: int) -> None:
        self.control = control
        self.pid = pid
        self.broken = False  # once out of step or gone, tabs start the slow way
        self._lock = asyncio.Lock()

    @classmethod
    def start(cls, prepare: Callable[[], Callable[[], int]], env: dict[str, str]) -> Zygote | None:
        """Fork the zygote, which sets `env`, calls `prepare` once (imports, the library) and
        then runs what it returned in each tab's process. None where it cannot be."""
        if not sys.platform.startswith("linux") or not hasattr(os, "pidfd_open"):
            return None
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        sys.stdout.flush()  # nothing buffered may be written again by a child
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the zygote
            code = 0
            try:
                ours.close()
                _serve_forks(theirs, prepare, env)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        theirs.close()
        ours.setblocking(False)
        return cls(ours, pid)

    async def spawn(self, width: int, height: int) -> ForkedProcess:
        """A new tab's app, its terminal `width` x `height`. Raises OSError if the zygote is
        gone."""
        loop = asyncio.get_running_loop()
        async with self._lock:
            if self.broken:
                raise ConnectionError("the zygote is gone")
            stdin_r, stdin_w = os.pipe()
            stdout_r, stdout_w = os.pipe()
            stderr_r, stderr_w = os.pipe()
            try:
                request = json.dumps({"width": width, "height": height}).encode()
                socket.send_fds(self.control, [request], [stdin_r, stdout_w, stderr_w])
            except OSError:
                self.broken = True
                for fd in (stdin_w, stdout_r, stderr_r):
                    os.close(fd)
                raise
            finally:
                for fd in (stdin_r, stdout_w, stderr_w):
                    os.close(fd)
            try:
                answer = await asyncio.wait_for(loop.sock_recv(self.control, _PID.size), 10)
                if len(answer) != _PID.size:
                    raise ConnectionError("the zygote is gone")
            except (OSError, TimeoutError):
                # Out of step, or gone: never ask it again (closing the socket ends it, and
                # the kernel any app it forks late).
                self.broken = True
                self.control.close()
                for fd in (stdin_w, stdout_r, stderr_r):
                    os.close(fd)
                raise
        (pid,) = _PID.unpack(answer)
        return await ForkedProcess.attach(pid, stdin_w, stdout_r, stderr_r)

    def end(self, grace: float = 2.0) -> None:
        """Tell the zygote to end (it does, and the kernel ends its tabs' apps) and wait for
        it, so that it is not left as a zombie; kill it after `grace` seconds."""
        import time

        with contextlib.suppress(OSError):
            self.control.close()
        deadline = time.monotonic() + grace
        with contextlib.suppress(ChildProcessError):
            while os.waitpid(self.pid, os.WNOHANG) == (0, 0):
                if time.monotonic() > deadline:
                    os.kill(self.pid, signal.SIGKILL)
                    os.waitpid(self.pid, 0)
                    return
                time.sleep(0.02)


def _serve_forks(
    control: socket.socket, prepare: Callable[[], Callable[[], int]], env: dict[str, str]
) -> None:
    """The zygote's life: prepare, then fork a tab's app for each request until the server
    closes the control socket (or ends: then the kernel ends the zygote)."""
    die_with_parent(b"trakon-zygote")
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the server's to handle
    os.environ.update(env)
    run = prepare()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the tabs' apps
    while True:
        try:
            message, fds, _flags, _address = socket.recv_fds(control, 1024, 3)
        except OSError:
            return
        if not message or len(fds) != 3:
            return
        size = json.loads(message)
        pid = os.fork()
        if pid == 0:  # a tab's app
            code = 1
            try:
                control.close()
                for signum in (signal.SIGCHLD, signal.SIGINT):
                    signal.signal(signum, signal.SIG_DFL)
                for target, fd in enumerate(fds):
                    os.dup2(fd, target)
                    os.close(fd)
                os.environ["COLUMNS"] = str(int(size["width"]))
                os.environ["ROWS"] = str(int(size["height"]))
                die_with_parent(b"trakon-tab")
                code = run()
            finally:
                with contextlib.suppress(Exception):
                    sys.stdout.flush()
                    sys.stderr.flush()
                os._exit(code)
        for fd in fds:
            os.close(fd)
        control.sendall(_PID.pack(pid))
