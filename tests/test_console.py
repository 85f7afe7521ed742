"""The presenter console (#13 point 4): facilitator notes on session steps, validated and
printed with `trakon present --notes`; the link protocol (framing, caps, garbage); the
private socket; and a console driving the room's screen over a real socket."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import socketserver
import stat
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import FakeClock, advance
from tests.test_authoring import Write
from tests.test_present import NOON
from trakon_tui.cli import main
from trakon_tui.commands.app_request import OpenApp
from trakon_tui.commands.options import Options
from trakon_tui.core import console_link as link
from trakon_tui.core.console_socket import (
    ConsoleClient,
    LinkError,
    find_rooms,
    private_folder,
    running_rooms,
    socket_path,
)
from trakon_tui.core.library import load_library
from trakon_tui.core.loader import load_file
from trakon_tui.core.model import Session
from trakon_tui.core.programme import Programme
from trakon_tui.ui.run import build_app, present_start
from trakon_tui.ui.screens.present import PresentScreen

SESSION = """
format = 1
id = "our-group"
kind = "session"
title = { fi = "Ryhmä", en = "Group" }
summary = { fi = "Lyhyt.", en = "Short." }

[[steps]]
item = "extended-exhale-3-6"
notes = { fi = "Silmät voivat olla auki.", en = "Eyes may stay open." }

[[steps]]
[steps.notes]
fi = \"\"\"
Kierros kulkee järjestyksessä.
Vuoron saa ohittaa.\"\"\"
en = \"\"\"
The round goes in order.
Anyone may pass.\"\"\"
[steps.page]
role = "closing"
title = { fi = "Loppukierros", en = "Closing round" }
minutes = 5
"""


def problems(path: Path) -> list[str]:
    return [problem.format() for problem in load_file(path).problems]


# --- notes in the format ------------------------------------------------------------------------


def test_notes_load_on_item_and_page_steps_and_reach_the_programme(write: Write) -> None:
    item = load_file(write("our-group.toml", SESSION)).item
    assert isinstance(item, Session)
    assert item.steps[0].notes == {"fi": "Silmät voivat olla auki.", "en": "Eyes may stay open."}
    assert item.steps[1].notes is not None
    assert item.steps[1].notes["en"] == "The round goes in order.\nAnyone may pass."
    programme = Programme.of(item, load_library([]).items)
    assert [step.notes is not None for step in programme.steps] == [True, True]
    assert programme.source is item


def test_notes_of_the_wrong_type_or_language_are_reported_at_their_line(write: Write) -> None:
    text = SESSION.replace(
        'notes = { fi = "Silmät voivat olla auki.", en = "Eyes may stay open." }',
        'notes = "Eyes open"',
    ).replace('en = """\nThe round', 'sv = """\nThe round')
    path = write("our-group.toml", text)
    assert problems(path) == [
        f"{path}:9:1: steps[1].notes: write the text in Finnish and English: "
        '`notes = { fi = "…", en = "…" }` (one language is enough)',
        f"{path}:16:1: steps[2].notes.sv: unknown language “sv”; use fi or en",
    ]


def test_notes_are_reported_in_finnish_too(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write("our-group.toml", SESSION.replace('fi = "Silmät', 'ru = "Silmät'))
    assert main(["--lang", "fi", "validate", str(path)]) == 1
    assert capsys.readouterr().out == (
        f"{path}:9:11: steps[1].notes.ru: tuntematon kieli ”ru”; käytä fi tai en\n"
    )


def test_notes_refuse_control_characters_but_keep_line_breaks(write: Write) -> None:
    path = write("our-group.toml", SESSION.replace("Eyes may stay open.", "Eyes\\u001b[2J open."))
    (found,) = problems(path)
    assert found.startswith(f"{path}:9:44: steps[1].notes.en: the text holds the control character")
    # a prose field: the line breaks of the [steps.notes] table above were fine


# --- trakon present --notes ------------------------------------------------------------------


def test_notes_print_every_step_its_length_and_its_notes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["present", "--notes", "peer-group"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == ["Peer-group meeting", "about 91 min · 10 steps"]
    assert "1. Group agreements · 5 min" in out
    assert "3. Extended exhale 3-6 · Breathing · 1 min 13 s" in out
    assert any("interrupt kindly" in line for line in out)
    assert any("If someone is overwhelmed" in line for line in out)
    assert all(
        line.startswith("   ") for line in out[out.index("1. Group agreements · 5 min") + 1 :][:1]
    )


def test_notes_speak_finnish_and_go_into_a_pipe(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "fi", "present", "--notes", "peer-group"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Vertaisryhmän tapaaminen\nnoin 91 min · 10 vaihetta\n")
    assert "1. Pelisäännöt · 5 min" in out
    assert "Jos joku kuormittuu" in out
    assert "\x1b" not in out


def test_notes_for_an_unknown_id_or_a_practice_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for wrong in ("no-such-session", "box-breathing"):
        assert main(["present", "--notes", wrong]) == 2
        out = capsys.readouterr()
        assert out.out == ""
        assert out.err.count("\n") == 1 and "trakon list --kind session" in out.err


# --- the protocol ------------------------------------------------------------------------------


def a_state(**changes: object) -> link.RoomState:
    base = {
        "session": "peer-group",
        "title": {"fi": "Vertaisryhmä", "en": "Peer group"},
        "index": 1,
        "count": 10,
        "step_title": {"fi": "Kierros", "en": "Round"},
        "notes": {"fi": "Rauhassa.", "en": "Calmly.\nOne line more."},
        "next_title": {"en": "Breathing"},
        "step_planned": 600.0,
        "drift": -130.0,
        "on_time": False,
        "started": "12:00",
        "planned_end": "13:31",
        "planned_total": 5482.0,
        "elapsed": 320.0,
        "step_elapsed": 20.0,
        "tally": {"above": 2, "within": 1, "below": 0},
        "fingers": (
            link.QuestionCount({"fi": "Mikä jäi?", "en": "What stayed?"}, (0, 2, 1, 0, 0)),
            link.QuestionCount({"en": "What next?"}, (0, 0, 0, 0, 0)),
        ),
        "fingers_selected": 1,
        "keys": (link.RoomKey("right", "Next"), link.RoomKey("1", "Above")),
    }
    base.update(changes)
    return link.RoomState(**base)  # type: ignore[arg-type]


def test_a_state_and_a_key_survive_the_wire() -> None:
    state = a_state()
    line = link.encode_state(state)
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert link.decode_room(line) == state
    assert link.decode_room(link.encode_bye()) == link.Bye()
    assert link.decode_key(link.encode_key("right")) == "right"


@pytest.mark.parametrize(
    "garbage",
    [
        b"not json\n",
        b"\xff\xfe\n",
        b"[1, 2]\n",
        b'{"type": "state", "v": 2}\n',
        b'{"type": "state", "v": 1, "index": "one"}\n',
        b'{"type": "launch", "v": 1}\n',
        b"[" * 5000 + b"\n",
    ],
)
def test_garbage_is_dropped_whole(garbage: bytes) -> None:
    assert link.decode_room(garbage) is None
    assert link.decode_key(garbage) is None


@pytest.mark.parametrize(
    "fingers",
    [
        {"fingers": "many"},
        {"fingers": [{"question": {"en": "Q"}, "counts": [1, 2, 3]}]},  # not five counts
        {"fingers": [{"question": {"en": "Q"}, "counts": [1, 2, 3, 4, -5]}]},
        {"fingers": [{"question": {"en": "Q"}, "counts": [1, 2, 3, 4, 10_001]}]},
        {"fingers": [{"question": "Q", "counts": [0, 0, 0, 0, 0]}]},
        {"fingers": [[0, 0, 0, 0, 0]]},
        {"fingers_selected": 2},  # past the questions
        {"fingers_selected": True},
    ],
)
def test_raised_fingers_of_the_wrong_shape_drop_the_state(fingers: dict[str, object]) -> None:
    raw = json.loads(link.encode_state(a_state()))
    raw.update(fingers)
    assert link.decode_room(json.dumps(raw).encode() + b"\n") is None


@pytest.mark.parametrize(
    "time",
    [
        {"drift": "3 min later"},
        {"drift": 8 * 24 * 3600},  # over the cap, either way
        {"drift": -8 * 24 * 3600},
        {"drift": float("nan")},
        {"started": "noon"},
        {"planned_end": "25:00"},
        {"planned_end": "13:31\x1b[2J"},
        {"started": 1300},
    ],
)
def test_the_rooms_time_of_the_wrong_shape_drops_the_state(time: dict[str, object]) -> None:
    raw = json.loads(link.encode_state(a_state()))
    raw.update(time)
    assert link.decode_room(json.dumps(raw).encode() + b"\n") is None


def test_the_rooms_drift_is_told_either_way_and_on_time_only_if_true() -> None:
    raw = json.loads(link.encode_state(a_state(drift=-7 * 24 * 3600, on_time=True)))
    assert link.decode_room(json.dumps(raw).encode() + b"\n") == a_state(
        drift=-7 * 24 * 3600, on_time=True
    )
    raw["on_time"] = "yes"
    state = link.decode_room(json.dumps(raw).encode() + b"\n")
    assert isinstance(state, link.RoomState) and state.on_time is False


def test_raised_fingers_are_capped_and_their_questions_are_text() -> None:
    raw = json.loads(link.encode_state(a_state()))
    question = {"question": {"en": "[b]Q\x1b[2J" + "q" * 500}, "counts": [1, 0, 0, 0, 0]}
    raw["fingers"] = [question] * 40
    state = link.decode_room(json.dumps(raw).encode() + b"\n")
    assert isinstance(state, link.RoomState)
    assert len(state.fingers) == link.MAX_QUESTIONS
    text = state.fingers[0].question["en"]
    assert text.startswith("[b]Q␛[2J") and len(text) == link.MAX_QUESTION
    assert state.fingers[0].hands == 1


def test_a_key_must_be_a_key_name() -> None:
    for name in ("ctrl+q", "right"):
        assert link.decode_key(link.encode_key(name)) == name
    for name in ("", "Right", "a" * 33, "x\x1b", "[b]x"):
        line = json.dumps({"type": "key", "v": 1, "key": name}).encode() + b"\n"
        assert link.decode_key(line) is None


def test_texts_are_cut_to_their_caps_and_controls_made_visible() -> None:
    raw = json.loads(link.encode_state(a_state()))
    raw["notes"] = {"en": "[bold]x[/] \x1b[2J" + "n" * 20_000, "xx": "ignored"}
    raw["title"] = {"en": "T\x07\nitle"}
    state = link.decode_room(json.dumps(raw).encode() + b"\n")
    assert isinstance(state, link.RoomState)
    assert state.notes["en"].startswith("[bold]x[/] ␛[2J")  # kept as text, never markup
    assert len(state.notes["en"]) == link.MAX_NOTES and "xx" not in state.notes
    assert state.title == {"en": "T␇␊itle"}


def test_a_line_over_the_cap_is_dropped_and_the_next_one_read() -> None:
    buffer = link.LineBuffer(cap=64)
    assert buffer.feed(b"x" * 50) == []
    assert buffer.feed(b"y" * 50) == []  # over the cap: dropped, nothing kept growing
    assert buffer.feed(b"zz\nok\nha") == [b"ok\n"]
    assert buffer.feed(b"lf\n") == [b"half\n"]
    assert link.decode_room(b"{" + b" " * link.MAX_LINE + b"}\n") is None


# --- the private socket ------------------------------------------------------------------------


def test_the_folder_is_made_private_and_someone_elses_is_refused(tmp_path: Path) -> None:
    folder = private_folder(tmp_path / "run")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    os.chmod(folder, 0o755)
    private_folder(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    if os.getuid() == 0:  # only root can give a folder away
        os.chown(folder, 4242, -1)
        with pytest.raises(LinkError, match="belongs to someone else"):
            private_folder(folder)
    file = tmp_path / "file"
    file.write_text("")
    with pytest.raises(LinkError, match="is not a folder"):
        private_folder(file)


def test_a_folder_others_could_swap_out_is_refused(tmp_path: Path) -> None:
    open_parent = tmp_path / "open"
    open_parent.mkdir()
    os.chmod(open_parent, 0o777)  # anyone may rename what is in it
    with pytest.raises(LinkError, match="inside a folder others can change"):
        private_folder(open_parent / "run")
    os.chmod(open_parent, 0o1777)  # sticky, as /tmp is: fine
    assert private_folder(open_parent / "run") == open_parent / "run"


def test_no_presentation_is_said_plainly_and_the_running_ones_found(tmp_path: Path) -> None:
    folder = private_folder(tmp_path / "run")
    with pytest.raises(LinkError) as none:
        running_rooms(folder)
    assert "No presentation is running" in none.value.message()
    listening = []
    for pid in (1, 2):
        server = socket.socket(socket.AF_UNIX)
        server.bind(os.fspath(socket_path(folder, pid)))
        server.listen()
        listening.append(server)
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(os.fspath(socket_path(folder, 3)))  # bound, never listening: left behind
    stale.close()
    try:
        assert running_rooms(folder) == [socket_path(folder, 1), socket_path(folder, 2)]
        assert not socket_path(folder, 3).exists()  # the one left behind is cleared away
        listening.pop().close()
        os.unlink(socket_path(folder, 2))
        assert running_rooms(folder) == [socket_path(folder, 1)]
    finally:
        for server in listening:
            server.close()


def test_the_console_command_says_when_nothing_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["present", "--console"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No presentation is running" in err
    assert main(["present", "--console", "peer-group"]) == 2


class FakeRoom(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    """A presentation as a console meets it, on a real socket in the folder: it tells every
    console that attaches where it is (`said`: a state line; None says nothing), then
    keeps the line open until the console lets go."""

    daemon_threads = True

    def __init__(self, folder: Path, pid: int, said: bytes | None) -> None:
        self.said = said

        class Tell(socketserver.BaseRequestHandler):
            def handle(inner) -> None:
                with contextlib.suppress(OSError):  # a console may let go at any moment
                    if self.said is not None:
                        inner.request.sendall(self.said)
                    while inner.request.recv(4096):
                        pass

        super().__init__(os.fspath(socket_path(folder, pid)), Tell)
        self.thread = threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


@pytest.fixture
def two_rooms(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Two presentations running in the runtime folder: the peer-group meeting from 12:00
    and one titled with an escape sequence from 13:05."""
    folder = private_folder(tmp_path / "run")
    first = a_state(title={"fi": "Vertaisryhmä", "en": "Peer group"}, started="12:00")
    second = a_state(title={"en": "Team\x1b[2J day"}, started="13:05")
    rooms = [
        FakeRoom(folder, 101, link.encode_state(first)),
        FakeRoom(folder, 102, link.encode_state(second)),
    ]
    yield [socket_path(folder, 101), socket_path(folder, 102)]
    for room in rooms:
        room.stop()


def test_with_two_rooms_the_console_lists_them_and_takes_a_number(
    two_rooms: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from trakon_tui.commands.console import run_console

    request = run_console("2", None, Options())
    assert isinstance(request, OpenApp) and request.target == str(two_rooms[1])
    assert (request.first, capsys.readouterr().out) == ("console", "")  # nothing asked

    # Not at a terminal, no number: the list, and how to choose (exit 2).
    assert main(["--lang", "en", "present", "--console"]) == 2
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "2 presentations are running:",
        "  1. Peer group, started at 12:00",
        "  2. Team␛[2J day, started at 13:05",  # what a room says is shown as text
    ]
    assert err == "Choose one with `trakon present --console N`.\n"

    assert main(["--lang", "fi", "present", "--console", "3"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[0] == "Esitystä numero 3 ei ole; käynnissä ovat nämä:"
    assert "  1. Vertaisryhmä, aloitettu klo 12:00" in err.splitlines()


def test_with_two_rooms_the_console_asks_on_the_terminal(
    two_rooms: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from trakon_tui.commands.console import run_console

    answers = iter(["9", "x", " 1 "])
    asked: list[str] = []

    def ask(question: str) -> str:
        asked.append(question)
        return next(answers)

    request = run_console("", None, Options(), ask=ask)
    assert isinstance(request, OpenApp) and request.target == str(two_rooms[0])
    assert asked[0] == "Which one does the console follow? (1–2, Enter: none) "
    assert len(asked) == 3  # a wrong answer is asked again, calmly
    assert capsys.readouterr().out.count("A number from 1 to 2, please.") == 2
    assert run_console("", None, Options(), ask=lambda _q: "") == 1  # Enter: none, no screen


def test_one_room_is_followed_at_once_and_a_silent_one_is_listed_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from trakon_tui.commands.console import run_console
    from trakon_tui.core import console_socket

    folder = private_folder(tmp_path / "run")
    quiet = FakeRoom(folder, 103, None)  # its picker is open: no session to tell of yet
    try:
        request = run_console("", None, Options(), ask=lambda _q: "")
        assert isinstance(request, OpenApp) and request.target == str(socket_path(folder, 103))
        other = FakeRoom(folder, 104, link.encode_state(a_state(started="09:30")))
        monkeypatch.setattr(console_socket, "PEEK_SECONDS", 0.2)
        try:
            assert run_console("", None, Options(), ask=lambda _q: "") == 1
        finally:
            other.stop()
        assert capsys.readouterr().out.splitlines()[1:] == [
            "  1. a presentation whose session has not started yet",
            "  2. Peer group, started at 09:30",
        ]
    finally:
        quiet.stop()


# --- the console drives the room, over a real socket -----------------------------------------


def room_app(  # type: ignore[no-untyped-def]
    folder: Path, clock: FakeClock, started: datetime = NOON, session: str = "peer-group"
):
    """A room running a session (the peer-group meeting unless told); its wall clock moves
    with the fake clock."""
    library = load_library([])
    app = build_app(
        Options(), library=library, start=present_start(library, session), presenter=True
    )
    app.config.console_folder = folder
    app.config.clock = clock
    app.config.timers = clock.timers
    at = clock.now
    app.config.wall_clock = lambda: started + timedelta(seconds=clock.now - at)
    return app


async def next_state(messages, index: int) -> link.RoomState:  # type: ignore[no-untyped-def]
    """The first state at step `index` the room sends."""
    while True:
        message = await asyncio.wait_for(messages.__anext__(), 5)
        if isinstance(message, link.RoomState) and message.index == index:
            return message


async def test_a_console_key_moves_the_room_and_the_console_hears_the_notes(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "run"
    clock = FakeClock()
    app = room_app(folder, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        (room,) = find_rooms(folder)
        assert stat.S_IMODE(os.lstat(room).st_mode) == 0o600
        assert stat.S_IMODE(os.lstat(folder).st_mode) == 0o700
        client = await ConsoleClient.connect(room)
        messages = client.messages()
        first = await next_state(messages, 0)
        assert first.session == "peer-group" and first.count == 10
        assert "interrupt kindly" in first.notes["en"]
        assert first.next_title == {
            "fi": "Kuulumiskierros: missä olemme nyt?",
            "en": "Opening round: where are we now?",
        }
        assert {key.key for key in first.keys} >= {"right", "b"}
        assert "left" not in {key.key for key in first.keys}  # nothing before the first step

        await advance(pilot, clock, 90)
        client.send_key("right")
        second = await next_state(messages, 1)
        screen = app.screen
        assert isinstance(screen, PresentScreen) and screen.programme.index == 1
        assert second.step_title["en"] == "Opening round: where are we now?"
        assert "anyone may pass" in second.notes["en"]
        assert second.elapsed == 90 and second.step_elapsed == 0
        assert (second.started, second.planned_end) == ("12:00", "13:31")
        assert not second.on_time and second.drift == -210  # the first step ended 3.5 min early

        # keys in the room's window reach the console too
        await pilot.press("1", "1")
        while (await next_state(messages, 1)).tally.get("above") != 2:
            pass

        # a key the room does not answer to now, and garbage, change nothing
        client.send_key("ctrl+q")
        client.send_key("c")
        client._writer.write(b"garbage\n" + b"x" * 70_000 + b"\n{]\n")
        client.send_key("left")
        back = await next_state(messages, 0)
        assert back.index == 0 and app.is_running

        # the console leaving does not touch the room
        client.close()
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, PresentScreen)
        again = await ConsoleClient.connect(room)
        fresh = again.messages()
        assert (await next_state(fresh, 0)).tally == {"above": 0, "within": 0, "below": 0}

        # the room ending: the console hears it calmly, and the socket is gone
        await pilot.press("escape")
    rest = await asyncio.wait_for(collect(fresh), 5)
    assert rest[-1:] == [link.Bye()]
    assert not room.exists()


async def test_a_session_ended_on_the_room_leaves_no_stale_step_on_the_console(
    tmp_path: Path,
) -> None:
    """Esc, Esc ends the session and the room shows its list, still running: the console
    is told the session is over (not left showing its last step with the clock running),
    and follows the next session the room starts."""
    from trakon_tui.ui.screens.present import PresentPicker

    folder = tmp_path / "run"
    clock = FakeClock()
    app = room_app(folder, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        (room,) = find_rooms(folder)
        client = await ConsoleClient.connect(room)
        messages = client.messages()
        await next_state(messages, 0)
        await pilot.press("escape", "escape")  # the second Esc ends the session
        while not isinstance(app.screen, PresentPicker):
            await pilot.pause(0.01)
        rest = await asyncio.wait_for(collect(messages), 5)
        assert rest[-1:] == [link.Bye()] and app.is_running
        client.close()

        again = await ConsoleClient.connect(room)  # the console looks again: nothing yet
        fresh = again.messages()
        await pilot.pause()
        await pilot.press("enter")  # resume the session from the list
        while not isinstance(app.screen, PresentScreen):
            await pilot.pause(0.01)
        assert (await next_state(fresh, 0)).session == "peer-group"
        again.close()


async def test_raised_fingers_on_a_reflection_page_reach_the_console_and_clear_after(
    tmp_path: Path,
) -> None:
    """The console drives the room to the work community's six questions and counts hands
    for the two on the 1–5 scale; the counts come back with those questions, and are gone
    once the page is left."""
    folder = tmp_path / "run"
    clock = FakeClock()
    app = room_app(folder, clock, session="work-community")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        (room,) = find_rooms(folder)
        client = await ConsoleClient.connect(room)
        messages = client.messages()
        assert (await next_state(messages, 0)).fingers == ()
        client.send_key("right")  # what was agreed last time: talked, nothing counted
        assert (await next_state(messages, 1)).fingers == ()
        client.send_key("right")
        reached = await next_state(messages, 2)
        assert reached.step_title["en"] == "Reflection questions"
        questions = reached.fingers
        assert len(questions) == 2 and all(q.counts == (0, 0, 0, 0, 0) for q in questions)
        assert all(q.question["en"].startswith("How well") for q in questions)
        assert reached.fingers_selected == 0

        client.send_key("3")  # a hand with three fingers up, for the first question
        client.send_key("tab")
        while (await next_state(messages, 2)).fingers_selected != 1:
            pass
        await pilot.press("5", "5")  # and two fives for the second, in the room's window
        while (state := await next_state(messages, 2)).fingers[1].counts != (0, 0, 0, 0, 2):
            pass
        assert state.fingers[0].counts == (0, 0, 1, 0, 0)
        assert state.fingers_selected == 1

        client.send_key("right")  # the next page's questions are talked: none counted
        assert (await next_state(messages, 3)).fingers == ()
        client.send_key("left")
        back = await next_state(messages, 2)
        assert [q.hands for q in back.fingers] == [0, 0]
        client.close()
        await pilot.press("escape")


async def collect(messages):  # type: ignore[no-untyped-def]
    return [message async for message in messages]


# --- the console screen ------------------------------------------------------------------------


def console_app(folder: Path, clock: FakeClock, room: Path | None = None, state=None):  # type: ignore[no-untyped-def]
    from trakon_tui.ui.screens.console import ConsoleScreen

    screen = ConsoleScreen(room, folder)
    if state is not None:
        screen.state = state
        screen._received = clock.now
    app = build_app(Options(), library=load_library([]), start=lambda: screen, console=True)
    app.config.clock = clock
    app.config.timers = clock.timers
    return app, screen


async def test_the_console_shows_the_room_sends_its_keys_and_waits_after_it_ends(
    tmp_path: Path,
) -> None:
    from trakon_tui.core.console_socket import RoomServer
    from trakon_tui.ui.literal import Static

    folder = tmp_path / "run"
    pressed: list[str] = []
    server = RoomServer(folder, pressed.append, lambda: None)
    await server.start()
    assert server.path is not None
    clock = FakeClock()
    app, screen = console_app(folder, clock, server.path)
    async with app.run_test(size=(100, 32)) as pilot:
        while not server.has_consoles:
            await pilot.pause(0.01)
        keys = (link.RoomKey("right", "Next"), link.RoomKey("1", "Above"))
        keys += (link.RoomKey("tab", "Question"),)  # Tab too: the reflection questions
        state = a_state(notes={"en": "[b]Calmly[/b]\nbreathe"}, keys=keys)
        server.publish(link.encode_state(state))
        while screen.state is None:
            await pilot.pause(0.01)

        def shown(selector: str) -> str:
            return str(screen.query_one(selector, Static).content)

        assert shown("#console-notes") == "[b]Calmly[/b]\nbreathe"  # literal, never markup
        assert shown("#console-fingers").splitlines() == [
            "Raised fingers",
            "  1 · 0  2 ██ 2  3 █ 1  4 · 0  5 · 0  What stayed?",
            "▶ 1 · 0  2 · 0  3 · 0  4 · 0  5 · 0  What next?",
        ]
        assert shown("#console-now") == "Now  Round"
        assert shown("#console-next") == "Next  Breathing"
        await advance(pilot, clock, 30)
        await pilot.press("d")  # the discussion timer is the console's own
        await advance(pilot, clock, 65)
        assert shown("#console-times").splitlines() == [
            "This step 1:55 of 10:00 · session 6:55 of 91:22",
            "planned end 13:31 · about 2 min earlier",  # the room's words, as it sent them
        ]
        assert shown("#console-discussion").startswith("Discussion 1:05")
        await pilot.press("right", "1", "tab", "left", "d")  # left: not offered by the room
        while len(pressed) < 3:
            await pilot.pause(0.01)
        assert pressed == ["right", "1", "tab"]
        assert "stopped" in shown("#console-discussion")
        await pilot.press("r")
        assert shown("#console-discussion") == "Discussion timer: d starts it"

        await server.close()  # the room ends
        while screen.state is not None:
            await pilot.pause(0.01)
        assert shown("#console-where").startswith("The presentation has ended.")
        assert app.is_running
        await pilot.press("escape")
    assert not list(folder.iterdir())  # the console wrote nothing, anywhere here


@pytest.mark.parametrize(("over", "words"), [(0, "on time"), (180, "about 3 min later")])
async def test_the_console_says_the_time_in_the_rooms_own_words(
    tmp_path: Path, over: int, words: str
) -> None:
    """A room and a console over a real socket: the first step runs `over` seconds past
    its planned length, and the console says how far the session is from its plan in the
    very words the room's screen shows (the room's SessionRun is the one source)."""
    from trakon_tui.ui.literal import Static

    folder = tmp_path / "run"
    clock = FakeClock()
    room = room_app(folder, clock)
    async with room.run_test(size=(100, 32)) as room_pilot:
        await room_pilot.pause()
        present = room.screen
        assert isinstance(present, PresentScreen)
        step = present.programme.step.seconds
        await advance(room_pilot, clock, step + over)
        (path,) = find_rooms(folder)
        # The console opens now (its own app; the room's fake time stands still meanwhile).
        console, screen = console_app(folder, FakeClock(), path)
        async with console.run_test(size=(100, 32)) as pilot:
            while screen.state is None:
                await pilot.pause(0.01)

            def text(app, selector: str) -> str:  # type: ignore[no-untyped-def]
                return str(app.screen.query_one(selector, Static).content)

            in_room = text(room, "#present-progress")
            on_console = text(console, "#console-times")
            assert in_room.endswith(" · planned end 13:31 · " + words)
            assert on_console.endswith("\nplanned end 13:31 · " + words)
            assert screen.state.drift == over and screen.state.on_time == (over == 0)
            assert screen.state.step_elapsed == step + over
            await pilot.press("escape")
        await room_pilot.press("escape")
