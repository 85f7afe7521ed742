"""Every example in docs/exercise-format.md is what Trakon does, so an organisation can copy
them: complete files load, fragments load inside a file of their kind, the validator's
output shown is its output, and the numbers stated are the code's."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import tomli_w

from tests.conftest import ROOT, SHIPPED
from trakon_tui.core import model
from trakon_tui.core.library import Tier, build

DOC = ROOT / "docs" / "exercise-format.md"
_BLOCK = re.compile(r"(?:<!-- (?P<marker>[^>]*) -->\n)?```(?P<lang>\w*)\n(?P<body>.*?)```", re.S)


def blocks() -> list[tuple[str, str, str]]:
    """(marker, language, text) of every fenced block, in order."""
    text = DOC.read_text(encoding="utf-8")
    return [(m["marker"] or "", m["lang"], m["body"]) for m in _BLOCK.finditer(text)]


def examples() -> list[str]:
    """The complete files (TOML blocks with no marker)."""
    return [body for marker, lang, body in blocks() if lang == "toml" and not marker]


def fragments() -> list[tuple[str, str]]:
    found = []
    for marker, _lang, body in blocks():
        if m := re.fullmatch(r"example: fragment of an? (\w+) file", marker):
            found.append((m[1], body))
    return found


def test_there_is_one_complete_example_per_kind(tmp_path: Path) -> None:
    for n, text in enumerate(examples()):
        (tmp_path / f"example-{n}.toml").write_text(text, encoding="utf-8")
    library = build([(Tier.SHIPPED, SHIPPED), (Tier.EXTRA, tmp_path)])
    assert library.problems == []
    ours = [item for item in library.items.values() if item.id.startswith("our-")]
    assert sorted(model.kind_of(item) for item in ours) == sorted(model.KINDS)


@pytest.mark.parametrize(("kind", "fragment"), fragments())
def test_each_fragment_loads_inside_a_file_of_its_kind(
    kind: str, fragment: str, tmp_path: Path
) -> None:
    (base,) = [tomllib.loads(text) for text in examples() if f'kind = "{kind}"' in text]
    merged = {**base, **tomllib.loads(fragment)}
    (tmp_path / "merged.toml").write_text(tomli_w.dumps(merged), encoding="utf-8")
    library = build([(Tier.SHIPPED, SHIPPED), (Tier.EXTRA, tmp_path)])
    assert library.problems == []
    assert base["id"] in library.items


def test_there_is_an_example_of_each_type_of_value() -> None:
    """Localised text (short and long), plain text, id, whole number, decimal number, true
    or false, a list of choices, a table and a list of tables."""
    seen: set[str] = set()
    for _kind, fragment in fragments():
        for key, value in tomllib.loads(fragment).items():
            if isinstance(value, dict) and set(value) <= {"fi", "en"}:
                long = any("\n" in text for text in value.values())
                seen.add("long localised" if long else "localised")
            elif isinstance(value, dict):
                seen.add("table")
            elif isinstance(value, list):
                seen.add("list of tables" if isinstance(value[0], dict) else "list of choices")
            elif isinstance(value, bool):
                seen.add("true or false")
            elif isinstance(value, int):
                seen.add("whole number")
            elif isinstance(value, str):
                seen.add("plain text" if key == "source" else "id")
        if re.search(r"\b\d+\.\d+\b", fragment):
            seen.add("decimal number")
    assert seen == {
        "localised",
        "long localised",
        "plain text",
        "id",
        "whole number",
        "decimal number",
        "true or false",
        "list of choices",
        "table",
        "list of tables",
    }


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_the_validator_output_shown_is_what_it_prints(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from trakon_tui.cli import main

    found = blocks()
    (index,) = [i for i, (marker, _l, _b) in enumerate(found) if "with problems" in marker]
    name = found[index][0].rsplit(" ", 1)[1]
    (tmp_path / name).write_text(found[index][2], encoding="utf-8")
    wanted = "output, --lang fi" if lang == "fi" else "output"
    (expected,) = [body for marker, _l, body in found[index + 1 :] if marker == wanted]
    monkeypatch.chdir(tmp_path)
    assert main(["--lang", lang, "validate", name]) == 1
    assert capsys.readouterr().out == expected


def test_the_lengths_and_limits_stated_are_the_codes() -> None:
    from trakon_tui.core import files, library, measure, rules

    text = " ".join(DOC.read_text(encoding="utf-8").split())
    for stated in (
        f"counted as {measure.UNTIMED_STEP_SECONDS} seconds plus {measure.PER_COUNT_SECONDS} "
        "seconds for each thing",
        f"{measure.PER_PROMPT_SECONDS} seconds a prompt",
        f"{measure.PER_PAGE_SECONDS} seconds a page",
        f"at most {int(rules.MAX_BETWEEN_CLIENTS_SECONDS)} seconds",
        f"longer than {int(rules.MAX_HOLD_WITHOUT_OPT_IN)} seconds",
        f"at most {int(rules.MAX_BREATHS_PER_MINUTE)} breaths a minute",
        f"at most {rules.MAX_PRACTICE_SECONDS // 60} minutes",
        f"up to {library.MAX_FOLDER_DEPTH} levels deep",
        f"at most {library.MAX_FILES_PER_FOLDER} files",
        f"At most {files.MAX_PROBLEMS} problems are listed",
    ):
        assert stated in text, stated


def test_every_field_of_the_format_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name in model.field_names():
        assert f"`{name}`" in text or f".{name}`" in text or f"{name} =" in text, name


def test_the_snapshot_renderers_are_the_pinned_versions() -> None:
    """The SVG baselines are what the pinned renderers draw; another version would turn
    every snapshot red for a reason unrelated to Trakon. The `test` extra pins them, and
    this names a mismatch in one line."""
    import tomllib
    from importlib.metadata import version

    extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]["test"]
    pins = dict(
        re.fullmatch(r"([\w.-]+)==([\w.]+)", spec).groups() for spec in extra if "==" in spec
    )  # type: ignore[union-attr]
    assert {"textual", "rich", "pytest-textual-snapshot", "syrupy"} <= pins.keys()
    installed = {name: version(name) for name in pins}
    assert installed == pins, "reinstall with: python3 -m pip install -e '.[test]'"


def test_the_readme_security_section_states_the_limits_the_code_uses() -> None:
    from trakon_tui.core import crisis, files, library, loader, settings

    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Security", 1)[1]
    section = section.split("\n## ", 1)[0]

    def size(limit: int) -> str:
        return f"{limit // 1024 // 1024} MiB" if limit >= 1024 * 1024 else f"{limit // 1024} KiB"

    for stated in (
        size(loader.MAX_FILE_BYTES),
        size(crisis.MAX_FILE_BYTES),
        size(settings.MAX_FILE_BYTES),
        f"nested at most {files.MAX_DEPTH} deep",
        f"{library.MAX_FILES_PER_FOLDER:,} files per folder",
        f"{library.MAX_FOLDER_DEPTH} folders deep",
        "127.0.0.1",
        "exit code 70",
    ):
        assert stated in section.replace("\n", " "), stated
