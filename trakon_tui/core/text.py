"""Reading localised strings and describing durations."""

from __future__ import annotations

from collections.abc import Mapping

from trakon_tui.i18n import Lang, _, current_language, ngettext


def tr(text: Mapping[Lang, str] | None, lang: Lang | None = None) -> str:
    """The text in `lang`, falling back to the other language, never raising."""
    if not text:
        return ""
    want = lang or current_language()
    if want in text:
        return text[want]
    for value in text.values():
        return value
    return ""


def decimal(value: float, digits: int = 1) -> str:
    """A number as the current language writes it: 3.8 in English, 3,8 in Finnish."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if current_language() == "fi" else text


def describe_seconds(seconds: float, *, exact: bool = True) -> str:
    """ "1 min 4 s", "45 s", or "about 3 min" for an estimate."""
    total = round(seconds)
    if not exact:
        minutes = max(1, round(total / 60))
        return ngettext("about {n} min", "about {n} min", minutes).format(n=minutes)
    minutes, secs = divmod(total, 60)
    if minutes and secs:
        return _("{m} min {s} s").format(m=minutes, s=secs)
    if minutes:
        return _("{m} min").format(m=minutes)
    return _("{s} s").format(s=secs)
