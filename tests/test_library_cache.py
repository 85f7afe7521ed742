"""The parsed shipped library is kept in the cache folder and used only while it matches
the files; a stale, corrupt or hostile cache means the files are parsed, never a crash."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest

from tests.conftest import SHIPPED
from trakon_tui.core import library_cache, model
from trakon_tui.core.library import Tier, build


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    folder = tmp_path / "shipped"
    shutil.copytree(SHIPPED, folder)
    return folder


def _load(folder: Path) -> dict[str, model.AnyItem]:
    library = build([(Tier.SHIPPED, folder)])
    assert library.problems == []
    return library.items


def test_the_second_start_reads_the_cache_and_gets_the_same_library(shipped: Path) -> None:
    parsed = _load(shipped)
    cache = library_cache.cache_path()
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.parent.stat().st_mode) == 0o700
    before = cache.stat().st_mtime_ns
    assert _load(shipped) == parsed
    assert cache.stat().st_mtime_ns == before  # read, not rewritten


def test_a_changed_file_is_parsed_again(shipped: Path) -> None:
    _load(shipped)
    file = shipped / "breathing" / "box-breathing.toml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("Box breathing", "Boxed breathing", 1), encoding="utf-8")
    items = _load(shipped)
    assert "Boxed breathing" in str(items["box-breathing"].title)


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00" * 100, b"not msgpack at all", msgspec.msgpack.encode({"key": 1})],
)
def test_a_corrupt_cache_is_ignored_and_replaced(shipped: Path, content: bytes) -> None:
    parsed = _load(shipped)
    library_cache.cache_path().write_bytes(content)
    assert _load(shipped) == parsed
    assert library_cache.cache_path().read_bytes() != content  # written anew


def _control_in_title(item: dict[str, Any]) -> None:
    item["title"]["en"] = "Box\x1b]0;owned\x07"


def _long_hold(item: dict[str, Any]) -> None:
    item["phases"][1]["seconds"] = 9.5  # a hold over 4 s needs long_holds and a caution


@pytest.mark.parametrize("spoil", [_control_in_title, _long_hold])
def test_a_hostile_cache_the_loader_would_refuse_is_not_used(
    shipped: Path, spoil: Callable[[dict[str, Any]], None]
) -> None:
    """A cache that matches the files' key but holds an item no file could give."""
    parsed = _load(shipped)
    path = library_cache.cache_path()
    raw = msgspec.msgpack.decode(path.read_bytes())
    for entry in raw["entries"]:
        if entry["item"]["id"] == "box-breathing":
            spoil(entry["item"])
    path.write_bytes(msgspec.msgpack.encode(raw))
    library_cache._decoder.decode(path.read_bytes())  # well-formed: only the checks refuse it
    assert _load(shipped) == parsed


def test_a_cache_that_is_no_regular_file_or_cannot_be_written_is_no_problem(
    shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.makedirs(library_cache.cache_path().parent, mode=0o700)
    os.mkfifo(library_cache.cache_path())
    parsed = _load(shipped)
    assert _load(shipped) == parsed
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("TRAKON_CACHE_DIR", str(blocked / "cache"))
    assert _load(shipped) == parsed


def test_a_file_with_a_problem_is_never_cached(shipped: Path) -> None:
    (shipped / "breathing" / "broken.toml").write_text("nonsense", encoding="utf-8")
    library = build([(Tier.SHIPPED, shipped)])
    assert library.problems
    assert not library_cache.cache_path().exists()
