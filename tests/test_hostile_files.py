"""Hostile files (#11 points 2 and 3): escape sequences never reach the terminal, and odd
files (FIFOs, devices, symlink loops, huge or deeply nested files, crowded folders, broken
settings) never hang, exhaust memory or crash; each gives one clear line.

A case that could hang runs the CLI in a subprocess with a timeout, so it fails instead."""

from __future__ import annotations

import errno
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from trakon_tui.cli import main
from trakon_tui.commands.options import Options
from trakon_tui.core import crisis, files, settings
from trakon_tui.core.files import MAX_DEPTH, MAX_PROBLEMS, MAX_TABLES
from trakon_tui.core.library import (
    MAX_FILES_PER_FOLDER,
    MAX_FOLDER_DEPTH,
    Library,
    Tier,
    build,
)
from trakon_tui.core.loader import MAX_FILE_BYTES, load_bytes, load_file
from trakon_tui.core.paths import data_file
from trakon_tui.core.settings import SettingsFile
from trakon_tui.core.text import CONTROL
from trakon_tui.plain import PlainIO

Write = Callable[[str, str], Path]
ESC = "\x1b"
MiB = 1024 * 1024

PAGE = """\
format = 1
id = "{id}"
kind = "info"
title = {{ en = "Page" }}
summary = {{ en = "A page." }}
[[pages]]
title = {{ en = "P" }}
body = {{ en = "B" }}
"""

GROUNDING = """\
format = 1
id = "our-pause"
kind = "grounding"
title = { en = "Our pause", fi = "Tauko" }
summary = { en = "Three steps." }
[[steps]]
text = { en = "One." }
[[steps]]
text = { en = "Two." }
[[steps]]
text = { en = "Three.", fi = "Kolme." }
"""


def cli(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """The CLI as a user runs it, in a child process: a hang fails the test at `timeout`.
    In English from the locale (the settings file is read for the language)."""
    return subprocess.run(
        [sys.executable, "-m", "trakon_tui", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def no_controls(text: str) -> bool:
    """Nothing a terminal acts on (line breaks and tabs are ours)."""
    return CONTROL.search(text.replace("\n", "").replace("\t", "")) is None


def messages(path: Path) -> list[str]:
    return [problem.format() for problem in load_file(path).problems]


# --- 2. control characters in exercise files are errors, with the field path ---------


@pytest.mark.parametrize(
    ("change", "where", "named"),
    [
        (('en = "Our pause"', r'en = "Our\u001b[2J pause"'), "title.en", "U+001B (ESC)"),
        (('en = "Three steps."', 'en = "Three\u009b31m steps."'), "summary.en", "U+009B (CSI)"),
        (('fi = "Kolme."', r'fi = "Kol\u0007me."'), "steps[3].text.fi", "U+0007 (BEL)"),
        (('en = "Two."', r'en = "Two.\r"'), "steps[2].text.en", "U+000D (CR)"),
        (('id = "our-pause"', r'id = "our-pause\n"'), "id", "U+000A (LF)"),
        (('fi = "Tauko"', r'fi = "Tau\tko"'), "title.fi", "U+0009 (TAB)"),
        (('[[steps]]\ntext = { en = "One." }', r'[[steps]]' + '\ntext = { "e\\u001bn" = "One." }'),
         "steps[1].text.e\u241bn", "U+001B (ESC)"),
    ],
)  # fmt: skip
def test_a_control_character_is_an_error_naming_the_field_and_the_character(
    write: Write, change: tuple[str, str], where: str, named: str
) -> None:
    path = write("pause.toml", GROUNDING.replace(*change))
    loaded = load_file(path)
    assert loaded.item is None
    (line,) = [problem.format() for problem in loaded.problems if named in problem.message]
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+: {re.escape(where)}: ", line), line
    assert named in line
    assert no_controls(line)


def test_line_breaks_and_tabs_are_fine_in_prose_fields_only(write: Write) -> None:
    prose = GROUNDING.replace('en = "Two."', 'en = """Two\n\tlines."""').replace(
        'en = "Three steps."', r'en = "Three\nsteps."'
    )
    assert load_file(write("prose.toml", prose)).item is not None
    title = GROUNDING.replace('en = "Our pause"', r'en = "Our\npause"')
    (line,) = messages(write("title.toml", title))
    assert "title.en: this field is one line" in line and "U+000A (LF)" in line


def test_every_string_with_a_control_character_is_reported_up_to_a_limit(write: Write) -> None:
    two = GROUNDING.replace('"One."', r'"One\u001b."').replace('"Two."', r'"Two\u0090."')
    found = messages(write("two.toml", two))
    assert [line.split(": ")[1] for line in found] == ["steps[1].text.en", "steps[2].text.en"]
    many = "".join(f'k{i} = "\\u001b"\n' for i in range(MAX_PROBLEMS + 50))
    found = messages(write("many.toml", "kind = 'info'\n" + many))
    assert len(found) == MAX_PROBLEMS + 1
    # 70 control characters, 70 unknown fields and 5 missing ones
    assert found[-1].endswith("and 125 more problems like these")


def test_a_control_character_in_a_crisis_file_is_an_error_and_the_shipped_numbers_stay(
    tmp_path: Path,
) -> None:
    extra = tmp_path / "crisis.toml"
    extra.write_text(
        'format = 1\n[[resources]]\nname = { en = "Help\\u001b]0;owned\\u0007" }\n'
        'number = "012 345 678"\nverified_on = 2026-11-01\nverified_from = "our intranet"\n'
        'note = { en = "Weekdays.\\nAsk for the duty worker." }\n',
        encoding="utf-8",
    )
    loaded = crisis.load([data_file("crisis.toml"), extra])
    assert len(loaded.resources) == 5
    (problem,) = loaded.problems
    assert problem.format().startswith(f"{extra}:3:10: resources[1].name.en: ")
    assert "U+001B (ESC)" in problem.message
    note_only = extra.read_text().replace("\\u001b]0;owned\\u0007", "")
    extra.write_text(note_only, encoding="utf-8")
    assert crisis.load([extra]).resources[0].note == {"en": "Weekdays.\nAsk for the duty worker."}


# --- 2. every output shows control characters as visible stand-ins --------------------


def test_validate_and_list_show_a_hostile_file_name_safely(tmp_path: Path) -> None:
    folder = tmp_path / "ex"
    folder.mkdir()
    (folder / f"{ESC}]0;owned\a{ESC}[2J.toml").write_text("nonsense", encoding="utf-8")
    checked = cli("validate", str(folder))
    assert checked.returncode == 1
    assert "␛]0;owned␇␛[2J.toml:1:9: TOML syntax" in checked.stdout
    listed = cli("list", "--exercises", str(folder))
    assert "␛]0;owned␇␛[2J.toml" in listed.stderr
    for output in (checked.stdout, checked.stderr, listed.stdout, listed.stderr):
        assert no_controls(output), output


def test_ids_and_arguments_echoed_in_errors_are_shown_safely() -> None:
    for args in (["breathe", f"{ESC}[2J"], ["present", f"{ESC}]0;x\a"], ["list", f"{ESC}[5m"]):
        result = cli(*args)
        assert result.returncode == 2
        assert "␛" in result.stderr and no_controls(result.stderr), result.stderr


def test_list_lays_out_its_cells_through_the_one_seam(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], shipped_library: Library
) -> None:
    """A title cannot hold ESC once loaded; the seam holds even if one ever did."""
    import msgspec

    from trakon_tui.commands import listing

    box = shipped_library.items["box-breathing"]
    hostile = msgspec.structs.replace(box, title={"en": f"Box{ESC}[2J\x9b"})
    library = Library(items={box.id: hostile}, origin=dict(shipped_library.origin))
    monkeypatch.setattr(listing, "load_library", lambda extra: library)
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "Box␛[2J�" in out and no_controls(out)


def test_plain_mode_says_and_asks_only_visible_text() -> None:
    lines: list[str] = []
    prompts: list[str] = []

    class Out:
        def write(self, text: str) -> None:
            lines.append(text)

        def flush(self) -> None:
            pass

    io = PlainIO(out=Out(), ask=lambda prompt: prompts.append(prompt) or "")  # type: ignore[arg-type, func-returns-value]
    io.say(f"Title{ESC}]0;owned\a\nsecond line\tend")
    io.ask(f"Where are you{ESC}[2J? ")
    assert "".join(lines) == "Title␛]0;owned␇\nsecond line\tend\n"
    assert prompts == ["Where are you␛[2J? "]


# --- 3. odd files: one clear line each, never a hang ----------------------------------


def test_a_fifo_is_not_read_and_never_blocks(tmp_path: Path) -> None:
    folder = tmp_path / "ex"
    folder.mkdir()
    fifo = folder / "pipe.toml"
    os.mkfifo(fifo)
    assert messages(fifo) == [
        f"{fifo}: this is a named pipe (FIFO), not a regular file; only regular files are read"
    ]
    result = cli("validate", str(fifo), timeout=20)
    assert result.returncode == 1 and "named pipe (FIFO)" in result.stdout
    listed = cli("list", "--exercises", str(folder), timeout=20)
    assert listed.returncode == 0 and "pipe.toml: this is a named pipe" in listed.stderr


def test_dev_zero_and_other_devices_are_refused_before_reading() -> None:
    started = time.monotonic()
    for device in ("/dev/zero", "/dev/null", "/dev/urandom"):
        (line,) = messages(Path(device))
        assert (
            line == f"{device}: this is a device, not a regular file; only regular files are read"
        )
    assert time.monotonic() - started < 1
    result = cli("validate", "/dev/zero", timeout=20)
    assert result.returncode == 1 and "device" in result.stdout


def test_a_socket_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        (line,) = messages(path)
    finally:
        server.close()
    assert "this is a socket" in line


def test_a_folder_named_as_a_file_is_said_so(tmp_path: Path) -> None:
    (tmp_path / "dir.toml").mkdir()
    assert messages(tmp_path / "dir.toml") == [
        f"{tmp_path / 'dir.toml'}: this is a folder, not a file"
    ]


def test_symlink_loops_give_one_line_and_no_hang(tmp_path: Path) -> None:
    folder = tmp_path / "ex"
    folder.mkdir()
    (folder / "loop.toml").symlink_to("loop.toml")
    (folder / "a.toml").symlink_to("b.toml")
    (folder / "b.toml").symlink_to("a.toml")
    (folder / "round").symlink_to(".", target_is_directory=True)  # not followed
    (folder / "ok.toml").write_text(PAGE.format(id="ok"), encoding="utf-8")
    library = build([(Tier.EXTRA, folder)])
    assert set(library.items) == {"ok"}
    assert sorted(p.format() for p in library.problems) == [
        f"{folder / name}: its symbolic links go round in a loop"
        for name in ("a.toml", "b.toml", "loop.toml")
    ]
    result = cli("validate", str(folder / "loop.toml"), str(folder), timeout=20)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.count("go round in a loop") == 3


def test_a_file_that_cannot_be_read_names_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.toml"
    path.write_text(PAGE.format(id="secret"), encoding="utf-8")
    if os.geteuid() != 0:  # root reads anything: then only the stand-in below runs
        path.chmod(0)
        assert messages(path) == [f"{path}: you do not have permission to read it"]
        path.chmod(0o600)

    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files.os, "open", refuse)
    assert messages(path) == [f"{path}: you do not have permission to read it"]


def test_a_large_file_is_refused_after_reading_at_most_the_limit(tmp_path: Path) -> None:
    exact = tmp_path / "exact.toml"
    exact.write_bytes(b"#" * MAX_FILE_BYTES)
    assert "too large" not in " ".join(messages(exact))
    over = tmp_path / "over.toml"
    over.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    assert messages(over) == [f"{over}: the file is too large (more than {MAX_FILE_BYTES} bytes)"]
    sparse = tmp_path / "sparse.toml"  # 64 GiB by its size, nothing on disk
    with sparse.open("wb") as handle:
        handle.truncate(64 * 1024 * MiB)
    started = time.monotonic()
    assert "too large" in messages(sparse)[0]
    assert time.monotonic() - started < 1


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"a = " + b"[" * (MiB - 4), id="[[[["),
        pytest.param(b"a = " + b"{a = " * (MiB // 5 - 1), id="a={a={"),
        pytest.param(b"a" + b".a" * (MiB // 2 - 8) + b" = 1", id="a.a.a.a=1"),
        pytest.param(b"x = {" + b"a." * (MiB // 2 - 8) + b"a = 1}", id="x={a.a.a=1}"),
        pytest.param(b'"a" . ' * (MiB // 7) + b"= 1", id="quoted dotted key"),
        pytest.param(b"[" + b"a." * (MiB // 4) + b"a]\n" + b"b=1\n" * (MiB // 9), id="long header"),
        pytest.param(b"a = " + b"[" * 40 + b"]" * 40, id="33 levels"),
    ],
)  # fmt: skip
def test_a_deeply_nested_megabyte_is_refused_at_once(data: bytes) -> None:
    assert len(data) <= MiB
    started = time.monotonic()
    loaded = load_bytes(Path("deep.toml"), data)
    elapsed = time.monotonic() - started
    assert loaded.item is None
    assert [p.message for p in loaded.problems] == [
        f"the file is nested too deeply (more than {MAX_DEPTH} levels)"
    ]
    assert elapsed < 1, elapsed  # measured here: at most 0.05 s


def test_nesting_up_to_the_limit_is_fine_and_one_more_level_is_not() -> None:
    deep = b"kind = 'info'\na = " + b"[" * MAX_DEPTH + b"]" * MAX_DEPTH
    assert "nested" not in load_bytes(Path("f.toml"), deep).problems[0].message
    deeper = b"kind = 'info'\na = " + b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1)
    (problem,) = load_bytes(Path("f.toml"), deeper).problems
    assert problem.message.startswith("the file is nested too deeply")
    assert problem.where == "a" + "[1]" * (MAX_DEPTH - 1)  # counted from 1, as people count


def test_a_file_with_thousands_of_tables_is_refused_before_parsing() -> None:
    data = b"".join(b"[t%d.a.a.a]\n" % i for i in range(MAX_TABLES + 1))
    started = time.monotonic()
    (problem,) = load_bytes(Path("tables.toml"), data).problems
    assert problem.message == f"the file has more than {MAX_TABLES} tables and dotted keys"
    assert time.monotonic() - started < 0.5


# --- 3. folders -----------------------------------------------------------------------


def test_a_folder_of_ten_thousand_files_is_capped_and_says_how_many_were_left_out(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"p{i:05d}.toml").write_text(PAGE.format(id=f"p{i:05d}"), encoding="utf-8")
    started = time.monotonic()
    library = build([(Tier.EXTRA, folder)])
    elapsed = time.monotonic() - started
    assert len(library.items) == MAX_FILES_PER_FOLDER == 1000
    assert "p00999" in library.items and "p01000" not in library.items
    assert [p.format() for p in library.problems] == [
        f"{folder}: only the first 1000 files here were read; 9000 more were left out"
    ]
    assert elapsed < 10, elapsed  # measured here: about 0.4 s
    result = cli("validate", str(folder), timeout=60)
    assert result.returncode == 1
    assert (
        result.stdout
        == f"{folder}: only the first 1000 files here were read; 9000 more were left out\n"
    )


def test_a_very_deep_folder_tree_is_read_to_a_limit_without_crashing(tmp_path: Path) -> None:
    folder = tmp_path / "deep"
    chain = [folder.joinpath(*["d"] * n) for n in range(1101)]  # os.walk crashed at ~1,000
    for level in chain:
        level.mkdir()
    try:
        (chain[-1] / "far.toml").write_text(PAGE.format(id="far"), encoding="utf-8")
        (chain[2] / "near.toml").write_text(PAGE.format(id="near"), encoding="utf-8")
        library = build([(Tier.EXTRA, folder)])
        assert set(library.items) == {"near"}
        (problem,) = library.problems
        assert problem.file == chain[MAX_FOLDER_DEPTH]
        assert problem.message == f"folders more than {MAX_FOLDER_DEPTH} levels deep are not read"
    finally:  # pytest's own clean-up (shutil.rmtree) recurses, and would fail on this
        for level in reversed(chain):
            for entry in level.iterdir():
                if not entry.is_dir():
                    entry.unlink()
            level.rmdir()


def test_a_subfolder_that_cannot_be_listed_is_named_and_the_rest_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "ex"
    (folder / "closed").mkdir(parents=True)
    (folder / "ok.toml").write_text(PAGE.format(id="ok"), encoding="utf-8")
    real = os.scandir

    def scandir(path: Path) -> object:  # root may list anything, so chmod cannot show it
        if Path(path).name == "closed":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    library = build([(Tier.EXTRA, folder)])
    assert set(library.items) == {"ok"}
    assert [p.format() for p in library.problems] == [
        f"{folder / 'closed'}: you do not have permission to read it"
    ]


def test_a_symlinked_folder_is_not_followed_and_a_missing_user_folder_is_quiet(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "ex"
    folder.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.toml").write_text(PAGE.format(id="x"), encoding="utf-8")
    (folder / "link").symlink_to(elsewhere, target_is_directory=True)
    library = build([(Tier.EXTRA, folder), (Tier.USER, tmp_path / "absent")])
    assert library.items == {} and library.problems == []


# --- 3. settings: read once, after argparse; a broken file said once -----------------


@pytest.fixture
def settings_reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Every read of the settings file, from anywhere."""
    reads: list[Path] = []
    real = settings.load

    def spy(path: Path) -> settings.SettingsLoad:
        reads.append(path)
        return real(path)

    monkeypatch.setattr(settings, "load", spy)
    yield reads


@pytest.mark.parametrize(
    "args", [["--version"], ["--help"], ["list", "--help"], ["--lang", "fi", "breathe", "-h"]]
)
def test_version_and_help_never_open_the_settings_file(
    args: list[str], settings_reads: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 0
    assert settings_reads == []
    assert capsys.readouterr().out


def test_help_takes_its_language_from_the_locale_not_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.save(settings.Settings(language="en"), tmp_path / "config" / "settings.toml")
    monkeypatch.setenv("LANG", "fi_FI.UTF-8")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "tarkista harjoitustiedostot" in capsys.readouterr().out


def test_a_settings_fifo_never_blocks_help_or_a_command(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    os.mkfifo(tmp_path / "config" / "settings.toml")
    assert cli("--help", timeout=20).returncode == 0
    result = cli("list", "--kind", "info", timeout=20)
    assert result.returncode == 0 and "window-of-tolerance" in result.stdout
    assert result.stderr.count("Your settings could not be read") == 1
    assert "named pipe (FIFO)" in result.stderr


def test_settings_are_read_once_per_run_and_a_broken_file_is_said_once_on_stderr(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    settings_reads: list[Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "config" / "settings.toml"
    path.parent.mkdir()
    path.write_text('language = "fi"\ncolour = 1\n', encoding="utf-8")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert main(["list", "--kind", "info"]) == 0
    out = capsys.readouterr()
    assert settings_reads == [path]
    assert out.err.count(f"{path}: unknown field “colour”") == 1
    assert "The window of tolerance" in out.out  # the locale's English, as the app falls back
    settings_reads.clear()
    assert main(["--lang", "en", "validate", str(ROOT / "exercises")]) == 0
    assert settings_reads == [] and "Your settings" not in capsys.readouterr().err


def test_the_app_shows_a_broken_settings_file_as_one_toast_and_not_on_stderr(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    settings_reads: list[Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    from trakon_tui.ui import run

    path = tmp_path / "config" / "settings.toml"
    path.parent.mkdir()
    path.write_text("theme = [", encoding="utf-8")
    built: list[object] = []
    monkeypatch.setattr(
        run, "run_app", lambda options, **kw: built.append(run.build_app(options, **kw)) or 0
    )
    assert main([]) == 0
    assert capsys.readouterr().err == ""
    assert settings_reads == [path]  # the language and the app share one read
    (app,) = built
    assert app.settings == settings.Settings()  # type: ignore[attr-defined]


async def test_build_app_toasts_the_warning_once_unless_it_was_already_reported(
    tmp_path: Path,
) -> None:
    from trakon_tui.ui.run import build_app

    path = tmp_path / "config" / "settings.toml"
    path.parent.mkdir()
    path.write_text("theme = [", encoding="utf-8")
    for report, toasts in ((None, 1), (lambda text: None, 0)):
        options = Options(settings_file=SettingsFile(report=report))
        options.settings()  # the CLI's read for the language
        app = build_app(options, checkin_first=True)
        async with app.run_test() as pilot:
            await pilot.pause()
            shown = [n.message for n in app._notifications if "Your settings" in n.message]
        assert len(shown) == toasts, shown


def test_the_format_documents_the_prose_fields_and_the_limits() -> None:
    from trakon_tui.core import model

    text = (ROOT / "docs" / "exercise-format.md").read_text(encoding="utf-8")
    prose = text[text.index("**Plain text only.**") : text.index("**Limits**")]
    for name in model.MULTILINE_FIELDS:
        assert f"`{name}`" in prose, name
    limits = text[text.index("**Limits**") : text.index("**Wording.**")]
    for number in (MAX_DEPTH, MAX_TABLES, MAX_FILES_PER_FOLDER, MAX_FOLDER_DEPTH, MAX_PROBLEMS):
        assert str(number) in limits, number
    assert MAX_FILE_BYTES == 1024 * 1024 and "1 MiB" in limits
