"""Reading localised strings, describing durations, and making outside text safe to print."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date, datetime
from functools import cache

from trakon_tui.i18n import Lang, _, current_language, ngettext


def tr(text: Mapping[Lang, str] | str | None, lang: Lang | None = None) -> str:
    """The text in `lang`, falling back to the other language, never raising. A plain
    string (a `source` may be one) is the same in every language."""
    if not text:
        return ""
    if isinstance(text, str):
        return text
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


def day_text(day: date) -> str:
    """A date as the current language writes it: 23.11.2026, or 2026-11-23."""
    if current_language() == "fi":
        return f"{day.day}.{day.month}.{day.year}"
    return day.isoformat()


def short_day_text(day: date) -> str:
    """A date without its year, as the current language writes it: 23.11., or 11-23 (the
    ISO form of `day_text` without the year)."""
    if current_language() == "fi":
        return f"{day.day}.{day.month}."
    return f"{day.month:02d}-{day.day:02d}"


def moment_text(moment: datetime) -> str:
    """A date and time as the current language writes it: 23.11.2026 14.05, or
    2026-11-23 14:05."""
    if current_language() == "fi":
        return f"{day_text(moment.date())} {moment.hour:02d}.{moment.minute:02d}"
    return f"{day_text(moment.date())} {moment.hour:02d}:{moment.minute:02d}"


def clock_text(seconds: float) -> str:
    """Time left as a clock reads it, "1:05"; a part of a second counts as a whole one, so
    the clock shows 0:00 only when nothing is left."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


# C0 controls, DEL and C1 controls: the bytes a terminal acts on (ESC starts CSI and OSC
# sequences, BEL rings, CR rewrites the line, C1 0x9B is a one-byte CSI). Text from files,
# the log and the command line never reaches a terminal with one of these in it.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _stand_ins(keep: str) -> dict[int, str]:
    table = {code: chr(0x2400 + code) for code in range(0x20)}  # ␀ … ␟, ␛ for ESC
    table[0x7F] = "\u2421"  # ␡
    table.update({code: "\ufffd" for code in range(0x80, 0xA0)})  # C1 has no pictures
    for char in keep:
        table.pop(ord(char))
    return table


_VISIBLE_LINES = _stand_ins("\t\n")
_VISIBLE_ONE_LINE = _stand_ins("")


def visible(text: str, *, lines: bool = True) -> str:
    """`text` with every control character replaced by a visible stand-in of the same width
    (ESC becomes ␛, C1 controls �), so that printing it can never act on the terminal.
    Tabs and newlines stay unless `lines` is False (a one-line field, a CSV cell's id)."""
    pattern = _CONTROL_BUT_LINES if lines else CONTROL
    if pattern.search(text) is None:  # the common case: nothing to copy
        return text
    return text.translate(_VISIBLE_LINES if lines else _VISIBLE_ONE_LINE)


@cache
def _internal_words() -> re.Pattern[str]:
    return re.compile(r"\bGLOSSARY\b|\S*\bshared/\S*|\S+\.md\b")


def internal_reference(text: str) -> str | None:
    """The first word of `text` that points inside the project ("GLOSSARY", a notes file
    such as `DESIGN.md`, a path through `shared/`), if any: a reader of the app cannot
    follow one. Web addresses are fine."""
    if "GLOSSARY" not in text and "shared/" not in text and ".md" not in text:
        return None  # nearly every text: three scans in C instead of the pattern
    for match in _internal_words().finditer(text):
        found = match[0].strip("()[]{}<>.,;:!?\"'“”")
        if not found.lower().startswith(("http://", "https://", "www.")):
            return found
    return None


def flat_markdown(text: str) -> str:
    """Markdown as running text for a room: emphasis marks dropped, a paragraph's wrapped lines
    joined, list items as bullets on lines of their own, a blank line between paragraphs."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines: list[str] = []
        for raw in block.splitlines():
            line = re.sub(r"(\*\*|__|\*|`)", "", raw).strip()
            if not line:
                continue
            item = re.match(r"^([-+]|\d+[.)])\s+(.*)$", line)
            if item is not None:
                marker = item.group(1) if item.group(1)[0].isdigit() else "•"
                lines.append(f"{marker} {item.group(2)}")
            elif lines and not re.match(r"^(•|\d+[.)]) ", lines[-1]):
                lines[-1] += " " + line.lstrip("# ")
            else:
                lines.append(line.lstrip("# "))
        if lines:
            out.append("\n".join(lines))
    return "\n\n".join(out)


class WordedError(Exception):
    """An error the user is told about in words: a message id and its arguments, rendered
    in the current language when shown. Arguments (a path, SQLite's detail, a folder name)
    can hold anything: they are made visible-safe, printed and never acted on."""

    def __init__(self, msgid: str, **args: object) -> None:
        super().__init__(msgid)
        self.msgid = msgid
        self.args_ = args

    def message(self) -> str:
        args = {key: visible(str(value), lines=False) for key, value in self.args_.items()}
        return _(self.msgid).format(**args)
