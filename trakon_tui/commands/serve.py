"""`trakon serve`: facilitator mode in a browser through textual-serve (an optional extra,
imported only here and in serve_room.py). Loopback by default; the page and its font come from
this server only, at the address the browser used; each browser tab runs its own facilitator
mode (forked ready-made, serve_zygote.py), which ends with the tab, within seconds when its
network goes away, or with the server."""

from __future__ import annotations

import ipaddress
import os
import re
import shlex
import sys
from collections.abc import Callable
from pathlib import Path

from trakon_tui.commands.options import Options
from trakon_tui.i18n import _, current_language

TEMPLATES = Path(__file__).resolve().parent.parent / "data" / "serve_templates"
SERVED_ENV = "TRAKON_SERVED"  # set for the app processes a server starts


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# What a browser may send as the Host header: a name or an IPv4 address, or an IPv6 address
# in brackets, with an optional port (anything else is not echoed into the page).
_HOST = re.compile(r"(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?")


def page_urls(host_header: str | None, *, secure: bool, fallback: str) -> tuple[str, str]:
    """The page's asset folder and websocket address, as the browser reached the server:
    assets by path (relative to wherever the page came from), the websocket on the host the
    browser asked for (`fallback`, the listening address, when the header is missing or
    odd). So a page opened from another machine talks back to the address it used."""
    host = host_header if host_header and _HOST.fullmatch(host_header) else fallback
    return "/static/", f"{'wss' if secure else 'ws'}://{host}/ws"


def app_command(options: Options) -> str:
    """The command each browser tab runs: presenter mode, in the server's language."""
    parts = [sys.executable, "-m", "trakon_tui", "--lang", current_language()]
    for folder in options.extra_dirs:
        parts += ["--exercises", str(folder)]
    if options.reduced_motion:
        parts.append("--reduced-motion")
    parts.append("present")
    return "exec " + shlex.join(parts)  # the shell becomes the app: one process per tab


def run_serve(
    host: str,
    port: int,
    options: Options,
    prepare_tab: Callable[[], Callable[[], int]] | None = None,
) -> int:
    """Serve facilitator mode; `prepare_tab` (from the command line, which may import the UI)
    prepares a tab's app once and returns what runs it, for tabs forked ready-made."""
    try:
        from trakon_tui.commands.serve_room import RoomServer
    except ImportError:
        print(
            _(
                "trakon serve needs the optional part textual-serve: "
                "python3 -m pip install 'trakon[serve]'"
            ),
            file=sys.stderr,
        )
        return 2
    if not is_loopback(host):
        print(
            _(
                "Warning: listening on {host}, so other computers on the network can open the "
                "presentation. Use 127.0.0.1 unless that is what you want."
            ).format(host=host),
            file=sys.stderr,
        )
    problem = listen_problem(host, port)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    os.environ[SERVED_ENV] = "1"
    server = RoomServer(
        app_command(options),
        host=host,
        port=port,
        title="Trakon",
        templates_path=TEMPLATES,
    )
    if prepare_tab is not None:
        server.start_zygote(prepare_tab)
    print(
        _("Trakon presenter mode on http://{host}:{port}/ — Ctrl+C stops it.").format(
            host=host, port=port
        ),
        flush=True,
    )
    try:
        server.serve()
    except OSError as error:  # taken between the check and the start
        print(listen_problem(host, port, error) or str(error), file=sys.stderr)
        return 1
    return 0


def page_words() -> dict[str, str]:
    """What the browser page says around the app, in the language the tabs run in."""
    return {
        "lang": current_language(),
        "start": _("Start"),
        "ended": _("The session has ended. Thank you."),
        "again": _("Open again"),
    }


def listen_problem(host: str, port: int, error: OSError | None = None) -> str | None:
    """Why the server could not listen on host:port, in one sentence; None if it can (the
    check binds a socket the way the server will, then lets it go)."""
    import errno
    import socket

    if error is None:
        try:
            family, kind, proto, _name, address = socket.getaddrinfo(
                host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
            )[0]
            with socket.socket(family, kind, proto) as probe:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                probe.bind(address)
            return None
        except OSError as found:  # socket.gaierror included: an unknown host name
            error = found
    if error.errno == errno.EADDRINUSE:
        return _(
            "Port {port} on {host} is already in use (by another program, or another trakon "
            "serve); you can choose another with --port."
        ).format(port=port, host=host)
    return _("Trakon cannot listen on {host}, port {port}: {reason}").format(
        host=host, port=port, reason=error.strerror or error
    )


def end_with_parent() -> None:
    """In an app process a server started: end when the server does, even if it is killed
    (Linux: the kernel sends SIGTERM when the parent dies), so none is left spinning."""
    if os.environ.get(SERVED_ENV) != "1" or not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the server is already gone
        os.kill(os.getpid(), signal.SIGTERM)
