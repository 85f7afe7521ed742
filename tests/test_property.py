"""Any bytes in: either a valid item or a clean problem out, never another exception."""

from __future__ import annotations

from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trakon_tui.core.loader import load_bytes

PATH = Path("fuzz.toml")


def _check(data: bytes) -> None:
    loaded = load_bytes(PATH, data)
    assert (loaded.item is None) == bool(loaded.problems)
    for problem in loaded.problems:
        assert problem.format().startswith(str(PATH))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_any_bytes(data: bytes) -> None:
    _check(data)


@settings(max_examples=300)
@given(st.text(max_size=500))
def test_any_text(text: str) -> None:
    _check(text.encode("utf-8", "surrogatepass"))


KEYS = st.sampled_from(
    [
        "format",
        "id",
        "kind",
        "title",
        "summary",
        "suits",
        "phases",
        "type",
        "seconds",
        "cycles",
        "alternative",
        "steps",
        "text",
        "count",
        "pages",
        "body",
        "fi",
        "en",
        "pace",
        "fastest",
        "slowest",
        "caution",
        "between_clients",
        "long_holds",
        "zones",
        "window",
    ]
)
VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=True)
    | st.text(max_size=20)
    | st.sampled_from(["breathing", "grounding", "inhale", "above"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=20,
)
DOCS = st.fixed_dictionaries(
    {
        "format": st.integers(0, 3),
        "kind": st.sampled_from(
            ["breathing", "grounding", "writing", "info", "checkin", "session", "x"]
        ),
    },
    optional={
        "id": st.text(max_size=10),
        "title": VALUES,
        "phases": VALUES,
        "steps": VALUES,
        "cycles": VALUES,
        "summary": VALUES,
    },
).flatmap(lambda base: st.dictionaries(KEYS, VALUES, max_size=6).map(lambda d: {**d, **base}))


def _without_none(value: object) -> object:
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value if v is not None]
    return value


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS)
def test_any_structured_toml(doc: dict[str, object]) -> None:
    """Well-formed TOML of the right shape but any values: the model's checks, not the
    parser's, are what is exercised here."""
    try:
        data = tomli_w.dumps(_without_none(doc)).encode()  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return  # not representable in TOML (mixed arrays and the like)
    _check(data)
