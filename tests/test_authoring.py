"""Writing exercise files (#15, and the format parts of #14): every problem at once, in the
author's words and language, at its line; references found the way authors work; copies of
the shipped library; `--require`, `--show`; the breathing hold rule; no internal references;
the shipped library's own texts; the Finnish catalogue as msgfmt checks it."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHIPPED
from trakon_tui.cli import main
from trakon_tui.core import paths
from trakon_tui.core.library import Tier, build
from trakon_tui.core.loader import load_bytes, load_file
from trakon_tui.core.positions import Positions
from trakon_tui.core.text import CONTROL
from trakon_tui.i18n import set_language

Write = Callable[[str, str], Path]

GROUND = """
format = 1
id = "our-pause"
kind = "grounding"
title = { fi = "Tauko", en = "A pause" }
summary = { fi = "Kolme asiaa.", en = "Three things." }
suits = ["above"]

[[steps]]
text = { fi = "Huomaa kolme asiaa.", en = "Notice three things." }
seconds = 30
"""

BREATH = """
format = 1
id = "our-breath"
kind = "breathing"
title = { fi = "Hengitys", en = "Breath" }
summary = { fi = "Sisään ja ulos.", en = "In and out." }
alternative = "feet-on-the-floor"
cycles = 4
pace = { fastest = 0.8, slowest = 1.0 }

[[phases]]
type = "inhale"
seconds = 4

[[phases]]
type = "hold"
seconds = 4

[[phases]]
type = "exhale"
seconds = 4
"""


def lines(path: Path) -> list[str]:
    return [problem.format() for problem in load_file(path).problems]


def validate(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, list[str], str]:
    code = main(["validate", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out.splitlines(), out.err


# --- 1. every problem at once, in the user's words, at its line -------------------------------


THREE_MISTAKES = GROUND.replace('suits = ["above"]', 'suits = ["abov"]\ncolour = "green"').replace(
    "seconds = 30", 'seconds = "30"'
)


def test_a_typo_a_quoted_number_and_an_unknown_choice_are_all_reported(write: Write) -> None:
    """Issue #15's definition of done, in English."""
    path = write("three.toml", THREE_MISTAKES)
    assert lines(path) == [
        f"{path}:6:10: suits[1]: “abov” is not allowed here (did you mean “above”?); choose one "
        "of: above, within, below",
        f"{path}:7:1: unknown field “colour”; the fields here are: between_clients, caution, "
        "closing, duration, format, id, override, source, steps, suits, summary, title",
        f"{path}:11:1: steps[1].seconds: write a whole number of seconds without quotes, e.g. "
        "`seconds = 10`",
    ]


def test_and_in_finnish_under_lang_fi(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    path = write("three.toml", THREE_MISTAKES)
    assert main(["--lang", "fi", "validate", str(path)]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines() == [
        f"{path}:6:10: suits[1]: ”abov” ei käy tähän (tarkoititko ”above”?); valitse jokin "
        "näistä: above, within, below",
        f"{path}:7:1: tuntematon kenttä ”colour”; tämän taulukon kentät ovat: between_clients, "
        "caution, closing, duration, format, id, override, source, steps, suits, summary, title",
        f"{path}:11:1: steps[1].seconds: kirjoita sekunnit kokonaislukuna ilman "
        "lainausmerkkejä, esim. `seconds = 10`",
    ]
    assert out.err == "3 ongelmaa 1 tiedostossa.\n"


WRITING = """
format = 1
id = "our-writing"
kind = "writing"
title = { en = "W" }
summary = { en = "S" }

[[prompts]]
text = { en = "What went well?" }
"""


@pytest.mark.parametrize(
    ("base", "change", "en", "fi"),
    [
        (
            WRITING,
            ('summary = { en = "S" }', 'summary = { en = "S" }\ntimer = "300"'),
            "6:1: timer: write a whole number of seconds without quotes, e.g. `timer = 300`",
            "6:1: timer: kirjoita sekunnit kokonaislukuna ilman lainausmerkkejä, esim. "
            "`timer = 300`",
        ),
        (
            WRITING,
            ('summary = { en = "S" }', 'summary = { en = "S" }\ncaution = "Take care"'),
            '6:1: caution: write the text in Finnish and English: `caution = { fi = "…", en = '
            '"…" }` (one language is enough)',
            '6:1: caution: kirjoita teksti suomeksi ja englanniksi: `caution = { fi = "…", en = '
            '"…" }` (yksi kieli riittää)',
        ),
        (
            WRITING,
            ('summary = { en = "S" }', 'summary = { en = "S" }\nbetween_clients = "yes"'),
            "6:1: between_clients: write true or false without quotes, e.g. "
            "`between_clients = true`",
            "6:1: between_clients: kirjoita true tai false ilman lainausmerkkejä, esim. "
            "`between_clients = true`",
        ),
        (
            WRITING,
            ('summary = { en = "S" }', 'summary = { en = "S" }\nsuits = "above"'),
            '6:1: suits: write a list in square brackets, e.g. `suits = ["above", "within"]`',
            '6:1: suits: kirjoita lista hakasulkeisiin, esim. `suits = ["above", "within"]`',
        ),
        (
            WRITING,
            ('summary = { en = "S" }', 'summary = { en = "S" }\nsource = 1999'),
            '6:1: source: write a text in quotes, `source = "…"`, or in Finnish and English, '
            '`source = { fi = "…", en = "…" }`',
            '6:1: source: kirjoita teksti lainausmerkkeihin, `source = "…"`, tai suomeksi ja '
            'englanniksi, `source = { fi = "…", en = "…" }`',
        ),
        (
            WRITING,
            ("[[prompts]]\ntext", 'prompts = "What?"\n[[x]]\ntext'),
            "7:1: prompts: write each one as a table of its own that starts with a `[[prompts]]` "
            "line",
            "7:1: prompts: kirjoita jokainen omaksi taulukokseen, joka alkaa rivillä `[[prompts]]`",
        ),
        (
            BREATH,
            ("slowest = 1.0 }", 'slowest = "1.2" }'),
            "8:25: pace.slowest: write a number without quotes, e.g. `slowest = 1.25` (a "
            "decimal takes a point)",
            "8:25: pace.slowest: kirjoita luku ilman lainausmerkkejä, esim. `slowest = 1.25` "
            "(desimaaliluvussa on piste)",
        ),
        (
            BREATH,
            ("pace = { fastest = 0.8, slowest = 1.0 }", "pace = 0.8"),
            "8:1: pace: write a table, e.g. `pace = { fastest = 0.8, slowest = 1.25 }`",
            "8:1: pace: kirjoita taulukko, esim. `pace = { fastest = 0.8, slowest = 1.25 }`",
        ),
        (
            BREATH,
            ('alternative = "feet-on-the-floor"', "alternative = 3"),
            '6:1: alternative: write an id in quotes, e.g. `alternative = "feet-on-the-floor"`',
            "6:1: alternative: kirjoita tunnus lainausmerkkeihin, esim. "
            '`alternative = "feet-on-the-floor"`',
        ),
        (
            BREATH,
            ('type = "hold"', "type = 2"),
            '15:1: phases[2].type: write one of "inhale", "top-up", "hold", "exhale", '
            '"hold-empty", "pause", in quotes, e.g. `type = "inhale"`',
            '15:1: phases[2].type: kirjoita lainausmerkkeihin jokin näistä: "inhale", "top-up", '
            '"hold", "exhale", "hold-empty", "pause", esim. `type = "inhale"`',
        ),
        (
            BREATH,
            ("cycles = 4", "cycles = 4\nlead_in = 2.5"),
            "8:1: lead_in: write a whole number of seconds without quotes, e.g. `lead_in = 3`",
            "8:1: lead_in: kirjoita sekunnit kokonaislukuna ilman lainausmerkkejä, esim. "
            "`lead_in = 3`",
        ),
        (
            BREATH,
            ('alternative = "feet-on-the-floor"\n', ""),
            "1:1: required field “alternative” is missing; add it, e.g. "
            '`alternative = "feet-on-the-floor"`',
            "1:1: pakollinen kenttä ”alternative” puuttuu; lisää se, esim. "
            '`alternative = "feet-on-the-floor"`',
        ),
    ],
)
def test_type_mistakes_say_how_to_write_the_value_in_both_languages(
    write: Write, base: str, change: tuple[str, str], en: str, fi: str
) -> None:
    text = base.replace(*change)
    assert text != base
    path = write("f.toml", text)
    problems = load_file(path).problems
    found = [p.format() for p in problems]
    assert f"{path}:{en}" in found or (en.startswith("1:1: ") and f"{path}: {en[5:]}" in found), (
        found
    )
    set_language("fi")
    found = [p.format() for p in problems]
    assert f"{path}:{fi}" in found or (fi.startswith("1:1: ") and f"{path}: {fi[5:]}" in found), (
        found
    )


def test_no_message_speaks_msgspecs_language(write: Write) -> None:
    text = (
        WRITING.replace('title = { en = "W" }', 'title = "W"')
        .replace('text = { en = "What went well?" }', "text = 3\nhint = []")
        .replace('id = "our-writing"', 'id = "Our Writing"\ntimer = 1.5\nsuits = ["up"]')
    )
    found = lines(write("f.toml", text))
    assert len(found) == 6, found
    for line in found:
        assert not re.search(r"Expected `|got `|\$\.|\bnull\b|\bint\b|\bstr\b", line), line
        assert re.match(r".*f\.toml:\d+:\d+: ", line), line


def test_a_missing_field_points_at_its_table(write: Write) -> None:
    path = write("f.toml", BREATH.replace('type = "hold"\nseconds = 4\n', 'type = "hold"\n'))
    assert f"{path}:14:1: phases[2]: required field “seconds” is missing; add it, e.g. " in (
        " ".join(lines(path))
    )


def test_control_characters_and_field_problems_are_reported_together(write: Write) -> None:
    path = write(
        "f.toml", GROUND.replace('en = "A pause"', 'en = "A\\u001b pause"').replace("30", '"30"')
    )
    found = lines(path)
    assert len(found) == 2
    assert found[0].startswith(f"{path}:4:25: title.en: the text holds the control character")
    assert found[1].startswith(f"{path}:10:1: steps[1].seconds: write a whole number")


def test_cross_field_rules_report_every_broken_rule_at_its_line(write: Write) -> None:
    text = BREATH.replace("cycles = 4", "cycles = 4\nseconds = 60").replace(
        'type = "hold"\nseconds = 4', 'type = "hold"\nseconds = 12'
    )
    path = write("f.toml", text)
    found = lines(path)
    assert [line.split(": ", 2)[:2] for line in found] == [
        [f"{path}:8:1", "seconds"],  # both cycles and seconds
        [f"{path}:17:1", "phases[2].seconds"],  # a phase over 10 s
        [f"{path}:17:1", "phases[2].seconds"],  # a hold over 4 s
    ]
    assert "give the length as either “cycles” or “seconds”, not both" in found[0]


# --- TOML syntax, fully translated, saying what to check --------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "en", "fi"),
    [
        (
            'format = 1\ntitle = { fi = "Otsikko, en = "Title" }\n',
            "2:37",
            "the quotes on this line do not pair up",
            "tämän rivin lainausmerkit eivät mene pareittain",
        ),
        (
            'format = 1\nsummary = { en = """\nLong text.\n}\n',
            "2:18",
            'a text opened here with """ is never closed; end it with """',
            'tähän merkillä """ aloitettu teksti jää sulkematta',
        ),
        (
            'title = { fi = "a" en = "b" }\n',
            "1:20",
            "a { … } table is not closed: separate its entries with commas",
            "{ … }-taulukkoa ei ole suljettu",
        ),
        ("id = “abc”\n", "1:6", "use straight quotes", "käytä tekstin ympärillä suoria"),
        ("seconds = 4,5\n", "1:12", "a decimal number takes a point", "desimaaliluvussa on piste"),
        ("long holds = true\n", "1:6", "a key is one word", "avain on yksi sana"),
        ("id = \n", "1:6", "a value is missing after “=”", "merkin ”=” jälkeen puuttuu arvo"),
        ('id = "a"\nid = "b"\n', "2:9", "this key is given twice", "tämä avain on kahdesti"),
        ("[pace]\n[pace]\n", "2:6", "the heading [pace] appears twice", "otsikko [pace] on"),
        ('suits = ["a" "b"]\n', "1:14", "a list [ … ] is not closed", "listaa [ … ] ei ole"),
        ("kind = breathing\n", "1:8", "a text goes in quotes", "teksti kirjoitetaan"),
    ],
)
def test_toml_syntax_errors_are_translated_and_say_what_to_check(
    text: str, where: str, en: str, fi: str
) -> None:
    (problem,) = load_bytes(Path("f.toml"), text.encode()).problems
    assert problem.format().startswith(f"f.toml:{where}: TOML syntax: "), problem.format()
    assert en in problem.message
    set_language("fi")
    assert problem.format().startswith(f"f.toml:{where}: TOML-syntaksivirhe: ")
    assert fi in problem.message
    for english in ("Unclosed", "Invalid", "Expected", "Cannot", "Illegal", "document"):
        assert english not in problem.message


# --- positions: the scanner --------------------------------------------------------------------


def test_positions_follow_headings_dotted_keys_inline_tables_and_lists() -> None:
    text = (
        'title.fi = "x"\n'  # 1
        "[zones.above]\n"  # 2
        'signs = [ { id = "a" },\n'  # 3
        '  { id = "b", label = { en = "B" } } ]\n'  # 4
        "[[steps]]\n"  # 5
        "[steps.page]\n"  # 6
        "minutes = 5 # a comment with a [bracket]\n"  # 7
        "[[steps]]\n"  # 8
        "  item = 'x' \n"  # 9
        '"quoted key" = """\n{ not a table\n"""\n'  # 10-12
        "after = 1\n"  # 13
    )
    found = Positions(text)
    assert found.find(("title", "fi")) == (1, 7)
    assert found.find(("zones", "above")) == (2, 1)
    assert found.find(("zones", "above", "signs", 1)) == (4, 3)
    assert found.find(("zones", "above", "signs", 1, "label", "en")) == (4, 25)
    assert found.find(("steps", 0, "page", "minutes")) == (7, 1)
    assert found.find(("steps", 1)) == (8, 1)
    assert found.find(("steps", 1, "item")) == (9, 3)
    assert found.find(("steps", 1, "quoted key")) == (10, 1)
    assert found.find(("steps", 1, "after")) == (13, 1)
    assert found.find(("steps", 1, "missing")) == (8, 1)  # its table
    assert found.find(("nowhere",)) is None


def test_positions_never_raise_and_a_large_file_is_scanned_quickly() -> None:
    import time

    assert Positions("a = [[[[").find(("a",)) == (1, 1)
    big = "".join(f'[[steps]]\ntext = {{ en = "step {i}" }}\n' for i in range(20000))
    started = time.perf_counter()
    found = Positions(big)
    assert found.find(("steps", 19999, "text", "en")) == (40000, 10)
    assert time.perf_counter() - started < 2


# --- 2. cross-references the way authors work ---------------------------------------------------

SESSION = """
format = 1
id = "our-session"
kind = "session"
title = { en = "Ours" }
summary = { en = "S" }

[[steps]]
item = "our-pause"
"""


def test_a_session_validated_alone_finds_its_items_in_the_same_folder(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    session = write("our-session.toml", SESSION)
    write("our-pause.toml", GROUND)
    code, out, err = validate(capsys, session)
    assert (code, out) == (0, [])
    assert "Checked 1 file: all valid." in err


def test_items_are_found_in_the_user_folder_and_exercises_folders(
    write: Write, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = write("our-session.toml", SESSION)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "our-pause.toml").write_text(GROUND, encoding="utf-8")
    code, out, _err = validate(capsys, session.parent)
    assert code == 1 and "“our-pause” is not in the library" in out[0]
    assert validate(capsys, "--exercises", elsewhere, session)[0] == 0
    user = paths.user_exercises_dir()
    user.mkdir(parents=True)
    shutil.copy(elsewhere / "our-pause.toml", user)
    assert validate(capsys, session)[0] == 0


def test_an_unknown_id_gets_a_did_you_mean_and_a_broken_one_is_called_broken(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    session = write(
        "our-session.toml",
        SESSION + '\n[[steps]]\nitem = "orientng"\n\n[[steps]]\nitem = "nothing-like-it"\n',
    )
    broken = write("our-pause.toml", GROUND.replace("seconds = 30", 'seconds = "30"'))
    code, out, _err = validate(capsys, session)
    assert code == 1
    assert out == [
        f"{session}:8:1: steps[1].item: “our-pause” is in {broken}, which has a problem of its "
        "own; fix that file first",
        f"{session}:11:1: steps[2].item: “orientng” is not in the library (did you mean "
        "“orienting”?)",
        f"{session}:14:1: steps[3].item: “nothing-like-it” is not in the library: `trakon list` "
        "shows the ids there are",
    ]
    assert main(["--lang", "fi", "validate", str(session)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "”orientng” ei ole kirjastossa (tarkoititko ”orienting”?)" in out[1]
    assert "jossa on oma ongelmansa; korjaa ensin se tiedosto" in out[0]


def test_an_item_whose_own_reference_is_broken_is_named_broken_too(write: Write) -> None:
    write("a.toml", BREATH.replace('"feet-on-the-floor"', '"nowhere"'))
    write("s.toml", SESSION.replace("our-pause", "our-breath"))
    library = build([(Tier.SHIPPED, SHIPPED), (Tier.EXTRA, write("x.toml", GROUND).parent)])
    found = sorted(p.format() for p in library.problems)
    assert "alternative: “nowhere” is not in the library" in found[0]
    assert "steps[1].item: “our-breath” is in" in found[1]


def test_an_empty_folder_says_so_and_exits_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not an exercise", encoding="utf-8")
    code, out, err = validate(capsys, empty)
    assert code == 1
    assert out == [
        f"{empty}: there is no exercise file here (no name ends in .toml), so nothing was checked"
    ]
    assert "all valid" not in err
    assert main(["--lang", "fi", "validate", str(empty)]) == 1
    assert "täällä ei ole harjoitustiedostoja" in capsys.readouterr().out


def test_the_shipped_library_copied_elsewhere_is_not_a_duplicate_of_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`trakon validate exercises/` from a normal install: the package holds its own copy of
    the library, and the folder validated is another copy of the same files."""
    installed = tmp_path / "site-packages" / "trakon_tui" / "exercises"
    shutil.copytree(SHIPPED, installed)
    monkeypatch.setattr(paths, "shipped_exercises_dir", lambda: installed)
    code, out, err = validate(capsys, SHIPPED)
    assert (code, out) == (0, [])
    shipped = len(list(SHIPPED.rglob("*.toml")))
    assert f"Checked {shipped} files: all valid." in err
    # Line endings and comments do not make a copy another item; other contents do.
    copy = tmp_path / "copy"
    shutil.copytree(SHIPPED, copy)
    box = copy / "breathing" / "box-breathing.toml"
    box.write_bytes(b"# our copy\r\n" + box.read_bytes().replace(b"\n", b"\r\n"))
    assert validate(capsys, copy)[0] == 0
    box.write_text(box.read_text().replace("cycles = 4", "cycles = 5"), encoding="utf-8")
    code, out, _err = validate(capsys, copy)
    assert code == 1
    assert out == [
        f"{box}:3:1: id: the id “box-breathing” is already a shipped item ({installed}/breathing/"
        "box-breathing.toml); to replace it on purpose, add “override = true”"
    ]


def test_an_identical_copy_in_the_user_folder_is_quietly_the_same_item(tmp_path: Path) -> None:
    user = tmp_path / "user"
    shutil.copytree(SHIPPED / "grounding", user)
    library = build([(Tier.SHIPPED, SHIPPED), (Tier.USER, user)])
    assert library.problems == []
    assert library.origin["orienting"] == SHIPPED / "grounding" / "orienting.toml"


def test_upper_case_endings_are_read_and_hidden_txt_endings_are_named(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    upper = write("OUR-PAUSE.TOML", GROUND)
    hidden = write("our-breath.toml.txt", BREATH)
    library = build([(Tier.SHIPPED, SHIPPED), (Tier.EXTRA, upper.parent)])
    assert "our-pause" in library.items and "our-breath" not in library.items
    assert [p.format() for p in library.problems] == [
        f"{hidden}: not read: the name ends in .txt, not .toml (Windows may hide the ending); "
        "rename it to our-breath.toml"
    ]
    code, out, err = validate(capsys, upper.parent)
    assert code == 1 and out == [p.format() for p in library.problems]
    assert "1 problem in 1 file." in err


# --- 3. both languages, when asked ---------------------------------------------------------------


def test_require_reports_every_text_that_lacks_a_language(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        "f.toml",
        GROUND.replace('{ fi = "Tauko", en = "A pause" }', '{ en = "A pause" }')
        .replace(
            '{ fi = "Huomaa kolme asiaa.", en = "Notice three things." }',
            '{ fi = "Huomaa kolme asiaa." }',
        )
        .replace(
            "[[steps]]", 'source = "Plain text is shown as it is in both languages"\n[[steps]]'
        ),
    )
    assert validate(capsys, path)[0] == 0  # one language is enough by default
    code, out, _err = validate(capsys, "--require", "fi,en", path)
    assert code == 1
    assert out == [
        f'{path}:4:1: title: there is no Finnish text here; add `fi = "…"`',
        f'{path}:10:1: steps[1].text: there is no English text here; add `en = "…"`',
    ]
    assert validate(capsys, "--require", "en", path)[1] == out[1:]
    assert main(["--lang", "fi", "validate", "--require", "fi,en", str(path)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f'{path}:4:1: title: tästä puuttuu suomenkielinen teksti; lisää `fi = "…"`'
    )


def test_require_takes_only_known_languages(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["validate", "--require", "fi,sv", str(SHIPPED)])
    assert stopped.value.code == 2
    assert "use fi, en or fi,en" in capsys.readouterr().err


def test_the_shipped_library_passes_require_fi_en(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = validate(capsys, "--require", "fi,en", SHIPPED)
    assert (code, out) == (0, [])


# --- 5. the author's preview ---------------------------------------------------------------------


def test_show_prints_the_card_the_phases_the_length_and_the_rate(
    capsys: pytest.CaptureFixture[str],
) -> None:
    box = SHIPPED / "breathing" / "box-breathing.toml"
    code, out, _err = validate(capsys, "--show", box)
    assert code == 0
    text = "\n".join(out)
    for shown in (
        f"== {box} ==",
        "Box breathing 4-4-4-4",
        "Length: 1 min 7 s",
        "Rounds: 4 breaths, about 3.8 a minute",
        "Source: ",
        "  1. IN 4 s — Breathe in, counting to four",
        "  4. PAUSE 4 s — Pause after breathing out, counting to four",
        "A round takes 16 s; 4 rounds after the lead-in.",
        "Pace: + makes it up to 4.7 a minute, − down to 3.8 a minute.",
        "The longest hold: 4 s as written, 4 s at the slowest pace.",
    ):
        assert shown in text, shown


def test_show_speaks_the_chosen_language_for_every_kind(
    capsys: pytest.CaptureFixture[str],
) -> None:
    files = [
        SHIPPED / "grounding" / "senses-5-4-3-2-1.toml",
        SHIPPED / "writing" / "pillars-of-safety.toml",
        SHIPPED / "info" / "window-of-tolerance.toml",
        SHIPPED / "checkin" / "window-checkin.toml",
        SHIPPED / "sessions" / "peer-group.toml",
    ]
    assert main(["--lang", "fi", "validate", "--show", *map(str, files)]) == 0
    text = capsys.readouterr().out
    for shown in (
        "Vaihe 1/",
        "Lopuksi: ",
        "Turvapilarit",
        "[tähän piirretään sietoikkuna]",
        "Sietoikkuna: 3–7 asteikolla 0–10",
        "Vertaisryhmän tapaaminen",
        "Laji: ",
    ):
        assert shown in text, shown
    assert CONTROL.search(text.replace("\n", "")) is None


def test_show_says_when_a_file_cannot_be_shown(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write("f.toml", THREE_MISTAKES)
    code, out, _err = validate(capsys, "--show", path)
    assert code == 1
    assert out[:2] == [f"== {path} ==", "Not shown: fix the problems listed below first."]
    assert len(out) == 3 + 3


def test_a_localised_source_is_shown_in_the_users_language(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    text = GROUND.replace(
        "[[steps]]", 'source = { fi = "Lähde suomeksi", en = "In English" }\n[[steps]]'
    )
    path = write("f.toml", text)
    assert main(["--lang", "fi", "validate", "--show", str(path)]) == 0
    assert "Lähde: Lähde suomeksi" in capsys.readouterr().out
    assert main(["validate", "--show", str(path)]) == 0
    assert "Source: In English" in capsys.readouterr().out


# --- issue #14: the hold rule and internal references -------------------------------------------


def test_a_hold_that_the_slowest_pace_stretches_past_4_s_needs_long_holds(write: Write) -> None:
    assert lines(write("ok.toml", BREATH)) == []
    slow = write("slow.toml", BREATH.replace("slowest = 1.0", "slowest = 1.25"))
    assert lines(slow) == [
        f"{slow}:8:25: pace.slowest: at the slowest pace a 4 s hold lasts 5 s; holds longer "
        "than 4 s need “long_holds = true” and a “caution”, or make “slowest” at most 1"
    ]
    opted = BREATH.replace("slowest = 1.25", "slowest = 1.25").replace(
        "cycles = 4", "cycles = 4\nlong_holds = true"
    )
    assert "needs a “caution”" in lines(write("opted.toml", opted))[0]
    cautious = opted.replace("cycles = 4", 'cycles = 4\ncaution = { en = "Holds can feel tight." }')
    assert lines(write("cautious.toml", cautious)) == []
    three = write(
        "three.toml",
        BREATH.replace(
            'seconds = 4\n\n[[phases]]\ntype = "exhale"',
            'seconds = 3\n\n[[phases]]\ntype = "exhale"',
        ),
    )
    assert lines(three) == []
    assert (
        "make “slowest” at most 1.33"
        in lines(
            write("three-slow.toml", three.read_text().replace("slowest = 1.0", "slowest = 1.5"))
        )[0]
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('source = "Common practice; GLOSSARY §2."', "“GLOSSARY”"),
        ('source = { fi = "Katso /work/shared/notes", en = "x" }', "“/work/shared/notes”"),
        ('caution = { en = "As DESIGN.md says" }', "“DESIGN.md”"),
    ],
)
def test_no_shown_text_may_point_at_internal_notes(write: Write, text: str, found: str) -> None:
    (line,) = lines(write("f.toml", GROUND.replace("[[steps]]", text + "\n[[steps]]")))
    assert found in line and "points to notes the reader cannot see" in line
    assert re.match(r".*f\.toml:8:\d+: (source|caution)", line), line


def test_a_web_address_is_a_fine_source(write: Write) -> None:
    text = GROUND.replace(
        "[[steps]]", 'source = "https://example.org/shared/notes/README.md"\n[[steps]]'
    )
    assert lines(write("f.toml", text)) == []


# --- issue #14: the shipped library's own texts --------------------------------------------------


def test_every_shipped_text_has_finnish_and_english_no_internal_reference_and_no_control(
    shipped_library,  # type: ignore[no-untyped-def]
) -> None:
    from trakon_tui.core import rules
    from trakon_tui.core.text import internal_reference

    assert len(shipped_library.loaded) == len(list(SHIPPED.rglob("*.toml")))
    for item in shipped_library.loaded.values():
        assert list(rules.missing_languages(item, ("fi", "en"))) == [], item.id
        for _path, value in rules.texts(item):
            for text in value.values() if isinstance(value, dict) else [value]:
                assert text.strip(), item.id
                assert internal_reference(text) is None, (item.id, text)
                assert CONTROL.search(text.replace("\n", "").replace("\t", "")) is None, item.id
    for path in SHIPPED.rglob("*.toml"):
        raw = path.read_text(encoding="utf-8")
        assert "GLOSSARY" not in raw and "shared/" not in raw, path


def test_every_shipped_source_is_localised(shipped_library) -> None:  # type: ignore[no-untyped-def]
    for item in shipped_library.loaded.values():
        assert item.source is None or isinstance(item.source, dict), item.id


# --- issue #14: the Finnish catalogue, as msgfmt checks it ---------------------------------------

PO = ROOT / "trakon_tui" / "locale" / "fi" / "LC_MESSAGES" / "trakon.po"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (gettext) is not installed")
def test_msgfmt_check_passes(tmp_path: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "trakon.mo"), str(PO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_every_translation_keeps_the_placeholders_of_its_message() -> None:
    """What `msgfmt --check` checks for python-brace-format, without gettext installed:
    the same {names} in the Finnish as in the English. A plural's first form (in Finnish,
    for exactly one) may leave the count out, as msgfmt allows: "kerran", not "1 kerran"."""
    from tools.i18n import read_catalog

    def names(text: str) -> set[str]:
        return set(re.findall(r"(?<!\{)\{(\w*)\}(?!\})", text))

    for message in read_catalog():
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(names(text) for text in ids))
        for n, text in enumerate(strings):
            assert names(text) <= wanted, (ids[0], text)
            if len(strings) > 1 and n == 0:
                assert len(wanted - names(text)) <= 1, (ids[0], text)  # at most the count
            else:
                assert names(text) == wanted, (ids[0], text)
