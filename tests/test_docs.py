"""Every example in docs/exercise-format.md loads, so an organisation can copy them."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ROOT, SHIPPED
from trakon_tui.core import model
from trakon_tui.core.library import Tier, build

DOC = ROOT / "docs" / "exercise-format.md"


def examples() -> list[str]:
    return re.findall(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_there_is_one_complete_example_per_kind(tmp_path: Path) -> None:
    for n, text in enumerate(examples()):
        (tmp_path / f"example-{n}.toml").write_text(text, encoding="utf-8")
    library = build([(Tier.SHIPPED, SHIPPED), (Tier.EXTRA, tmp_path)])
    assert library.problems == []
    ours = [item for item in library.items.values() if item.id.startswith("our-")]
    assert sorted(model.kind_of(item) for item in ours) == sorted(model.KINDS)


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
