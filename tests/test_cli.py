"""The command line as a user types it: exit codes, messages, languages, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHIPPED
from trakon_tui import __version__
from trakon_tui.cli import main

Write = Callable[[str, str], Path]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "trakon_tui", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=full_env,
        timeout=60,
    )


def test_validate_the_shipped_library_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(SHIPPED)]) == 0
    assert "all valid" in capsys.readouterr().err


def test_validate_prints_every_problem_and_exits_one(
    write: Write, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = write("broken.toml", "format = 1\nid = \n")
    typo = write("typo.toml", 'format = 1\nkind = "info"\nid = "x"\ntitel = 1\n')
    code = main(["validate", str(tmp_path / "ex")])
    out = capsys.readouterr()
    assert code == 1
    lines = out.out.splitlines()
    assert lines[0].startswith(f"{broken}:2:")
    assert f"{typo}:4:1: unknown field “titel” (did you mean “title”?)" in lines
    assert f"{typo}: required field “pages” is missing; add at least one `[[pages]]` table" in lines
    assert "5 problems in 2 files" in out.err


def test_validate_names_the_exact_line_and_column_or_the_field_path(
    write: Write, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """DESIGN: `FILE:LINE:COL: message` where TOML gives a position, `FILE: field.path:
    message` otherwise; one line per problem, in file order, so an editor can jump to it."""
    syntax = write(
        "a-syntax.toml",
        'format = 1\nid = "x"\ntitle = { fi = "a", en = "b" }\nsummary = = 3\n',
    )
    seconds = write(
        "b-seconds.toml",
        """
        format = 1
        id = "calm"
        kind = "breathing"
        title = { en = "Calm" }
        summary = { en = "S" }
        alternative = "feet-on-the-floor"
        cycles = 6
        [[phases]]
        type = "inhale"
        seconds = 4
        [[phases]]
        type = "exhale"
        seconds = "six"
        """,
    )
    control = write(
        "c-control.toml",
        """
        format = 1
        kind = "grounding"
        id = "g"
        title = { en = "T" }
        summary = { en = "S" }
        suits = ["above"]
        [[steps]]
        text = { en = "one" }
        [[steps]]
        text = { en = "two\\u001b[2J" }
        """,
    )
    assert main(["validate", str(tmp_path / "ex")]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{syntax}:4:11: TOML syntax: this value cannot be read: a text goes in quotes "
        '("…"); numbers, true and false go without',
        f"{seconds}:13:1: phases[2].seconds: write a number of seconds without quotes, "
        "e.g. `seconds = 4` (a decimal takes a point: 4.5)",
        f"{control}:10:10: steps[2].text.en: the text holds the control character U+001B (ESC), "
        "which a terminal could act on; remove it",
    ]


def test_validate_refuses_direction_controls_that_reorder_a_text(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    """A right-to-left override makes a title read in another order than it is written (and
    so pass for another text in `list`, a card or a room): an error naming the field, and the
    file is not loaded."""
    path = write(
        "bidi.toml",
        """
        format = 1
        kind = "grounding"
        id = "g"
        title = { en = "Calm \u202eevil\u202c" }
        summary = { en = "S" }
        suits = ["above"]
        [[steps]]
        text = { en = "one \u2066two\u2069" }
        """,
    )
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:4:11: title.en: the text holds the direction control U+202E (RLO), which shows "
        "the text in another order than it is written; remove it",
        f"{path}:8:10: steps[1].text.en: the text holds the direction control U+2066 (LRI), "
        "which shows the text in another order than it is written; remove it",
    ]
    assert main(["--exercises", str(path.parent), "list"]) == 0
    said = capsys.readouterr()
    listed = said.out + said.err
    assert "\u202e" not in listed
    assert "bidi.toml:4:11: title.en: the text holds the direction control" in listed


@pytest.mark.parametrize("content", [b"\x00\xff\xfe", b"\xff\xfe\x00x", b"", b"[" * 100000])
def test_validate_never_prints_a_traceback(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "weird.toml"
    path.write_bytes(content)
    result = run("validate", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith(str(path))


def test_validate_a_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nowhere")]) == 1
    assert "no such file or folder" in capsys.readouterr().out


def test_validate_speaks_finnish(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("typo.toml", 'format = 1\nkind = "info"\nid = "x"\ntitel = 1\n')
    assert main(["--lang", "fi", "validate", str(path)]) == 1
    assert "tuntematon kenttä ”titel” (tarkoititko ”title”?)" in capsys.readouterr().out


def test_list_shows_id_kind_title_length_and_suits(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--kind", "breathing", "--suits", "below"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "KIND", "TITLE", "LENGTH", "SUITS"]
    assert lines[1].split()[:2] == ["even-breathing", "Breathing"]
    assert "59 s" in lines[1] and lines[1].endswith("below, within")
    assert len(lines) == 2


def test_list_in_finnish_from_the_locale(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANG", "fi_FI.UTF-8")
    assert main(["list", "--kind", "grounding"]) == 0
    out = capsys.readouterr().out
    assert "Jalat lattiassa" in out and "LAJI" in out


def test_list_includes_extra_folders_and_reports_skipped_files(
    write: Write, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        "ours.toml",
        """
        format = 1
        id = "our-pause"
        kind = "info"
        title = { en = "Our pause" }
        summary = { en = "A page." }
        [[pages]]
        title = { en = "P" }
        body = { en = "B" }
    """,
    )
    write("bad.toml", "nonsense")
    assert main(["list", "--exercises", str(tmp_path / "ex")]) == 0
    out = capsys.readouterr()
    assert "our-pause" in out.out
    assert "1 file was skipped" in out.err and "bad.toml" in out.err


def test_version_and_help_answer_quickly_without_textual() -> None:
    version = run("--version")
    assert version.stdout.strip() == f"trakon {__version__}"
    helped = run("--help", env={"LANG": "fi_FI.UTF-8"})
    assert helped.returncode == 0
    assert "tarkista harjoitustiedostot" in helped.stdout


def test_a_bad_language_is_a_usage_error() -> None:
    result = run("--lang", "sv", "list")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_breathe_with_an_unknown_id_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["breathe", "no-such-breath"]) == 2
    assert "no breathing practice “no-such-breath”" in capsys.readouterr().err


def test_breathe_plain_with_no_answer_leaves_quietly() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "trakon_tui", "--plain", "breathe"],
        input="\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0
    assert "1. Three sighs (30 s)" in result.stdout


@pytest.mark.parametrize(
    "command", [["list"], ["export"], ["--lang", "fi", "list", "--kind", "grounding"]]
)
def test_a_reader_that_has_gone_gets_no_traceback(command: list[str]) -> None:
    """`trakon list | head -1`: the reader may leave before Trakon writes. Closing our end
    of the pipe at once makes every write fail, every time."""
    trakon = subprocess.Popen(
        [sys.executable, "-m", "trakon_tui", *command],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert trakon.stdout is not None and trakon.stderr is not None
    trakon.stdout.close()  # the reader goes away before anything is written
    err = trakon.stderr.read()
    trakon.wait(timeout=60)
    assert b"Traceback" not in err and b"BrokenPipe" not in err, err
