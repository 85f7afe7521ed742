"""Reading files from outside (exercises, settings, crisis numbers): only regular files, never
more than a set number of bytes, TOML nested no deeper than a small limit, and no control
characters where the text is shown. A file that fails says why, in one Problem."""

from __future__ import annotations

import errno
import os
import re
import stat
import tomllib
from collections.abc import Iterator
from datetime import datetime
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

from trakon_tui.core.problems import Finding, Problem, phrase, word
from trakon_tui.core.text import CONTROL, internal_reference
from trakon_tui.i18n import N_

MAX_DEPTH = 32  # tables and lists inside one another; a real file needs about 6
MAX_TABLES = 2000  # `[table]` headers and dotted keys; the largest real file has about 120
MAX_PROBLEMS = 20  # listed per file, so that a hostile file cannot flood the output

# O_NONBLOCK: a FIFO opens at once, with or without a writer. O_NOCTTY: a terminal device
# never becomes ours. Neither changes how a regular file is read. (Windows has neither.)
_OPEN_FLAGS = os.O_RDONLY | sum(getattr(os, flag, 0) for flag in ("O_NONBLOCK", "O_NOCTTY"))
_CHUNK = 64 * 1024

# tomllib spends time and memory on every part of a dotted key squared (`a.a.a…= 1`: 10,000
# parts took 0.9 s and 400 MB, 300,000 did not finish), and on every `[table]` header
# (a 1 MiB file of `[tN.a.a.a]` took 470 MB). So keys that are too long and files with too
# many tables are refused before tomllib sees them. A key part is a bare word or a quoted
# string; a run starts only after a character that cannot be inside one, so that every
# character is looked at a bounded number of times.
_KEY_PART = r"""(?:[A-Za-z0-9_-]++|"(?:[^"\\\n]|\\.)*+"|'[^'\n]*+')"""
# Below this size neither can take long (4 KiB of `a.a.a…` parses in ~40 ms), so the
# patterns are compiled only for larger files: the settings are read before the first
# screen, and compiling them costs ~0.4 ms.
_SMALL = 4096


@cache
def _bombs() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A key of more than MAX_DEPTH parts, and a line that opens a table or a dotted key."""
    long_key = re.compile(
        rf"""(?<![A-Za-z0-9_\-."' \t])(?:{_KEY_PART}[ \t]*+\.[ \t]*+){{{MAX_DEPTH}}}"""
    )
    table_line = re.compile(rf"^[ \t]*+(?:\[|{_KEY_PART}[ \t]*+\.)", re.M)
    return long_key, table_line


_TOML_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_END = re.compile(r"\s*\(at end of document\)$")

# Names for the control characters that do something (ISO 6429), for messages: "U+001B (ESC)".
_CONTROL_NAMES = {
    0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x09: "TAB", 0x0A: "LF", 0x0B: "VT", 0x0C: "FF",
    0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL", 0x90: "DCS", 0x9B: "CSI", 0x9C: "ST",
    0x9D: "OSC", 0x9E: "PM", 0x9F: "APC",
}  # fmt: skip
# The bidirectional embeddings, overrides and isolates: they make a line read in another order
# than it is written ("Trojan Source"), so an exercise's text could pass for something else.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_BIDI_NAMES = {
    0x202A: "LRE", 0x202B: "RLE", 0x202C: "PDF", 0x202D: "LRO", 0x202E: "RLO",
    0x2066: "LRI", 0x2067: "RLI", 0x2068: "FSI", 0x2069: "PDI",
}  # fmt: skip
BIDI = N_(
    "the text holds the direction control {char}, which shows the text in another order than "
    "it is written; remove it"
)
_LINE_BREAKS = "\t\n"
TOO_DEEP = N_("the file is nested too deeply (more than {limit} levels)")


class Unreadable(Exception):
    """Why a file was not read, as a message id and its arguments."""

    def __init__(self, msgid: str, **details: object) -> None:
        super().__init__(msgid)
        self.msgid = msgid
        self.details = details

    def problem(self, path: Path) -> Problem:
        return Problem(path, self.msgid, self.details)


class Missing(Unreadable):
    """The file is not there (callers decide whether that is worth saying)."""

    def __init__(self) -> None:
        super().__init__(N_("no such file or folder"))


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path`, if it holds at most `limit` bytes.

    Raises Unreadable naming why not (Missing when there is nothing there). Never blocks on
    a FIFO, never reads a device, never reads more than `limit + 1` bytes, whatever the
    file's size says; the descriptor is always closed."""
    try:
        _refuse_odd(os.stat(path).st_mode)  # a device is never even opened
        fd = os.open(path, _OPEN_FLAGS)  # os.open is close-on-exec already (PEP 446)
    except OSError as error:
        raise unreadable(error) from None
    try:
        info = os.fstat(fd)
        _refuse_odd(info.st_mode)  # what was opened, should it have changed since
        chunks: list[bytes] = []
        size = 0
        step = min(max(info.st_size + 1, 4096), _CHUNK)
        while size <= limit:
            chunk = os.read(fd, min(step, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            step = _CHUNK
    except OSError as error:
        raise unreadable(error) from None
    finally:
        os.close(fd)
    if size > limit:
        raise Unreadable(N_("the file is too large (more than {limit} bytes)"), limit=limit)
    return b"".join(chunks)


def _refuse_odd(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise Unreadable(N_("this is a folder, not a file"))
    if stat.S_ISFIFO(mode):
        raise _not_regular(N_("a named pipe (FIFO)"))
    if stat.S_ISSOCK(mode):
        raise _not_regular(N_("a socket"))
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise _not_regular(N_("a device"))
    raise _not_regular(N_("something else"))


def _not_regular(what: str) -> Unreadable:
    return Unreadable(
        N_("this is {what}, not a regular file; only regular files are read"), what=word(what)
    )


def unreadable(error: OSError) -> Unreadable:
    """Why a file or folder could not be opened, in the user's words."""
    if error.errno == errno.ENOENT:
        return Missing()
    if error.errno in (errno.EACCES, errno.EPERM):
        return Unreadable(N_("you do not have permission to read it"))
    if error.errno == errno.ELOOP:
        return Unreadable(N_("its symbolic links go round in a loop"))
    if error.errno == errno.EISDIR:
        return Unreadable(N_("this is a folder, not a file"))
    if error.errno == errno.ENXIO:  # a socket, or a device with nothing behind it
        return _not_regular(N_("something else"))
    return Unreadable(
        N_("cannot read the file: {reason}"), reason=error.strerror or type(error).__name__
    )


class Parsed(NamedTuple):
    """A file's TOML as plain data, or why it could not be taken. (A NamedTuple: it is on
    the way to the first screen, and a dataclass takes ~0.6 ms to define.)

    `data` is None whenever there is a problem; `raw` is the parsed data even then, when the
    file is TOML and not too deep (so that a caller can go on to find every other problem
    in it), and `text` the decoded text (for positions)."""

    data: dict[str, Any] | None
    problems: tuple[Problem, ...] = ()
    raw: dict[str, Any] | None = None
    text: str = ""


def parse_toml(
    path: Path,
    data: bytes,
    *,
    multiline: frozenset[str],
    limit: bool = True,
    shown: bool = False,
) -> Parsed:
    """Decode and parse one file; `path` is only used in messages. A string may hold tabs and
    line breaks only when its key or the key above it (`body.fi`) is in `multiline`; no
    string or key may hold any other control character. With `shown` (every text is shown to
    people: an exercise file), no text may point at internal notes either. With `limit`, at
    most MAX_PROBLEMS problems are listed (and how many more there are); without, the caller
    limits them."""
    if b"\x00" in data:
        return _fail(path, N_("this is not a text file"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        message = N_("the file is not UTF-8 text; save it as UTF-8")
        return Parsed(None, (Problem(path, message, line=line, col=col),))
    text = text.removeprefix("\ufeff")
    long_key, table_line = _bombs() if len(text) > _SMALL else (None, None)
    if long_key is not None and long_key.search(text):
        return _fail(path, TOO_DEEP, limit=MAX_DEPTH)
    if (
        table_line is not None
        and sum(1 for _ in islice(table_line.finditer(text), MAX_TABLES + 1)) > MAX_TABLES
    ):
        return _fail(
            path, N_("the file has more than {limit} tables and dotted keys"), limit=MAX_TABLES
        )
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Parsed(None, (syntax_problem(path, text, error),), text=text)
    except RecursionError:
        return _fail(path, TOO_DEEP, limit=MAX_DEPTH)
    findings = list(check_values(raw, multiline, shown))
    if not findings:
        return Parsed(raw, (), raw, text)
    from trakon_tui.core.positions import locate  # only for a file with a problem

    deep = findings[-1].msgid == TOO_DEEP  # the walk stops there
    problems = locate(path, text, findings)
    return Parsed(
        None, tuple(limited(path, problems) if limit else problems), None if deep else raw, text
    )


def limited(path: Path, problems: list[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS of them, then one line saying how many more there are."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = len(problems) - MAX_PROBLEMS
    return [
        *problems[:MAX_PROBLEMS],
        Problem(path, N_("and {n} more problems like these"), {"n": more}),
    ]


INTERNAL = N_(
    "“{found}” points to notes the reader cannot see; name a public source instead (an author "
    "and year, a book, a web address)"
)


def check_values(raw: dict[str, Any], multiline: frozenset[str], shown: bool) -> Iterator[Finding]:
    """Walk the parsed data once, without recursion: too deep, text with controls, and
    (`shown`) text that points at internal notes."""
    stack: list[tuple[object, tuple[str | int, ...]]] = [(raw, ())]
    while stack:
        value, where = stack.pop()
        if isinstance(value, str):
            allowed = _LINE_BREAKS if multiline.intersection(where[-2:]) else ""
            if (char := _control_in(value, allowed)) is not None:
                yield _control_problem(where, char, key=False)
            if shown and (found := internal_reference(value)) is not None:
                yield Finding(where, INTERNAL, {"found": found})
            if shown and (bidi := _BIDI.search(value)) is not None:
                yield Finding(where, BIDI, {"char": char_name(bidi[0])})
            continue
        if isinstance(value, dict):
            children: list[tuple[object, tuple[str | int, ...]]] = []
            for key, child in value.items():
                if (char := _control_in(key, "")) is not None:
                    yield _control_problem((*where, key), char, key=True)
                children.append((child, (*where, key)))
        elif isinstance(value, list):
            children = [(child, (*where, i)) for i, child in enumerate(value)]
        else:
            continue
        if children and len(where) >= MAX_DEPTH:
            yield Finding(where, TOO_DEEP, {"limit": MAX_DEPTH})
            return
        stack.extend(reversed(children))


def _control_in(text: str, allowed: str) -> str | None:
    """The first control character in `text` that is not in `allowed`, if any."""
    for match in CONTROL.finditer(text):
        if match[0] not in allowed:
            return match[0]
    return None


def _control_problem(where: tuple[str | int, ...], char: str, *, key: bool) -> Finding:
    if key:
        msgid = N_("a key holds the control character {char}; keys are plain words")
    elif char in _LINE_BREAKS:
        msgid = N_("this field is one line; remove the line break or tab, {char}")
    else:
        msgid = N_(
            "the text holds the control character {char}, which a terminal could act on; remove it"
        )
    return Finding(where, msgid, {"char": char_name(char)})


def char_name(char: str) -> str:
    """ "U+001B (ESC)": a control character (or a direction control, "U+202E (RLO)"), named
    so that a person can find it."""
    code = ord(char)
    name = _CONTROL_NAMES.get(code) or _BIDI_NAMES.get(code)
    return f"U+{code:04X} ({name})" if name else f"U+{code:04X}"


def syntax_problem(path: Path, text: str, error: tomllib.TOMLDecodeError) -> Problem:
    """Why a file is not TOML, in the user's words, at the line and column to look at. A
    text that is opened and never closed is the usual cause, and tomllib often notices it
    only later ("Unclosed inline table"), so that is looked for first."""
    from trakon_tui.core.positions import unclosed_string

    message = str(error)
    offset: int | None = None
    line = col = None
    if m := _TOML_POS.search(message):
        line, col = int(m[1]), int(m[2])
        message = message[: m.start()]
    elif m := _TOML_END.search(message):
        message = message[: m.start()]
        offset = len(text)
    unclosed = unclosed_string(text)
    if unclosed is not None and (line is None or _line_of(text, unclosed[0]) <= line):
        start, quote = unclosed
        line, col = _line_col(text, start)
        msgid = _UNCLOSED_TRIPLE if len(quote) == 3 else _UNCLOSED_QUOTE
        return Problem(path, _SYNTAX, {"detail": phrase(msgid, quote=quote)}, line=line, col=col)
    if line is None:
        line, col = _line_col(text, offset if offset is not None else len(text))
    detail = _syntax_detail(message, text, line, col or 1)
    return Problem(path, _SYNTAX, {"detail": detail}, line=line, col=col)


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _line_col(text: str, offset: int) -> tuple[int, int]:
    return _line_of(text, offset), offset - (text.rfind("\n", 0, offset) + 1) + 1


_SYNTAX = N_("TOML syntax: {detail}")
_UNCLOSED_QUOTE = N_(
    "the quotes on this line do not pair up: every text starts and ends with {quote} on the "
    'same line (a text of several lines goes between """ and """)'
)
_UNCLOSED_TRIPLE = N_("a text opened here with {quote} is never closed; end it with {quote}")
_TYPOGRAPHIC_QUOTES = "“”„‘’‚«»"  # a word processor's quotes, which TOML does not read


def _syntax_detail(message: str, text: str, line: int, col: int) -> object:
    """tomllib's message in the user's words, with what to check."""
    lines = text.split("\n")
    here = lines[line - 1][col - 1 :] if line <= len(lines) else ""
    if line == len(lines) and not here.strip() and message in ("Invalid value", "Unclosed array"):
        return phrase(
            N_(
                "the file ends in the middle of a value: check that every [ … ] and {{ … }} "
                "opened above is closed"
            )
        )
    if message == "Invalid value":
        if here[:1] in _TYPOGRAPHIC_QUOTES and here[:1]:
            return phrase(
                N_(
                    'use straight quotes "…" around a text, not typographic ones “…” (a word '
                    "processor may have changed them)"
                )
            )
        if not here.strip() or here.lstrip().startswith("#"):
            return phrase(N_("a value is missing after “=”"))
        return phrase(
            N_(
                'this value cannot be read: a text goes in quotes ("…"); numbers, true and '
                "false go without"
            )
        )
    if message == "Unclosed inline table":
        return phrase(
            N_(
                "a {{ … }} table is not closed: separate its entries with commas, close every "
                "quote, and end it with }} on the same line"
            )
        )
    if message == "Unclosed array":
        return phrase(
            N_("a list [ … ] is not closed: separate its entries with commas and end it with ]")
        )
    if message == "Expected '=' after a key in a key/value pair":
        return phrase(
            N_(
                "after a key comes “=” and a value, e.g. `cycles = 6`; a key is one word (write "
                "long_holds, not long holds)"
            )
        )
    if message.startswith("Expected newline or end of document"):
        if here.startswith(",") and line <= len(lines) and re.search(r"\d,\d", lines[line - 1]):
            return phrase(N_("a decimal number takes a point, not a comma: 4.5"))
        return phrase(N_("one “key = value” goes on each line; start a new line here"))
    if message == "Cannot overwrite a value" or message.startswith("Duplicate inline table key"):
        return phrase(N_("this key is given twice in the same table; keep one of them"))
    if m := re.fullmatch(r"Cannot declare \((.*)\) twice", message):
        name = ".".join(re.findall(r"'([^']*)'", m[1]))
        return phrase(
            N_(
                "the heading [{name}] appears twice; put its keys under one heading (a list of "
                "tables is written [[{name}]] each time)"
            ),
            name=name,
        )
    if message == "Expected ']' at the end of a table declaration":
        return phrase(N_("this heading is not closed; end it with ]"))
    if message == "Expected ']]' at the end of an array declaration":
        return phrase(N_("this heading is not closed; end it with ]]"))
    if message == "Unescaped '\\' in a string":
        return phrase(
            N_(
                'a backslash \\ in a "…" text starts an escape: write \\\\ for one backslash, '
                "or put the text in single quotes '…'"
            )
        )
    if message == "Invalid initial character for a key part":
        return phrase(
            N_(
                "a key is expected here (a word such as title); a {{ … }} table stays on one "
                "line, so write a long one as a [heading] of its own"
            )
        )
    if m := re.fullmatch(r"Cannot mutate immutable namespace \((.*)\)", message):
        name = ".".join(re.findall(r"'([^']*)'", m[1]))
        return phrase(
            N_("“{name}” is already written whole as {{ … }} above; add this key inside it"),
            name=name,
        )
    if m := re.fullmatch(r"Illegal character '(.*)'", message):
        char = m[1].encode().decode("unicode_escape") if m[1].startswith("\\") else m[1]
        return phrase(
            N_("the character {char} is not allowed here; remove it"),
            char=char_name(char) if len(char) == 1 and CONTROL.match(char) else char,
        )
    if message in ("Invalid hex value", "Escaped character is not a Unicode scalar value"):
        return phrase(
            N_("a \\u escape needs four hex digits, e.g. \\u00e4, or type the character itself")
        )
    if message == "Invalid date or datetime":
        return phrase(N_("this date cannot be read; write it like 2026-11-23"))
    return phrase(
        N_("{detail} (check this line against the examples in the format guide)"), detail=message
    )


def _fail(path: Path, msgid: str, **args: object) -> Parsed:
    return Parsed(None, (Problem(path, msgid, args),))


def keep_aside(path: Path, moment: datetime) -> Path:
    """Move the file at `path` to `NAME.unreadable-STAMP` beside it (a `-2`, `-3`… suffix
    rather than ever replacing an earlier one) and return where it went: how a file Trakon
    could not read is kept, never deleted and never written over. Raises OSError."""
    stamp = moment.strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.unreadable-{stamp}")
    n = 1
    while os.path.lexists(target):
        n += 1
        target = path.with_name(f"{path.name}.unreadable-{stamp}-{n}")
    os.replace(path, target)
    return target
