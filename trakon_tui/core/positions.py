"""Where each key of a TOML file is written, so that a problem found in the parsed data (a
field path such as `phases[2].seconds`) can be reported as `FILE:LINE:COL`.

tomllib gives no positions, so this is a small scanner of its own. It runs only on text that
tomllib has already accepted, and only for files that have a problem to report, so it can be
simple: it follows table headers, arrays of tables, dotted keys, inline tables and arrays, and
skips strings and comments. It never raises: a position it cannot find is simply not given.
Lines and columns count from 1, columns in characters, as tomllib and editors count them.
"""

from __future__ import annotations

import contextlib
import re
import tomllib
from bisect import bisect_right
from collections.abc import Iterable
from pathlib import Path

from trakon_tui.core.problems import Finding, Problem, field_path

Path_ = tuple[str | int, ...]

_SPACE = re.compile(r"[ \t]*")
_SPACE_LINES = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")
_BARE = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL = re.compile(r"'[^'\n]*'")
_MULTI_BASIC = re.compile(r'"""(?:[^"\\]+|\\.|"{1,2}(?!"))*"{3,5}', re.S)
_MULTI_LITERAL = re.compile(r"'''(?:[^']+|'{1,2}(?!'))*'{3,5}", re.S)
# Numbers, booleans, dates and times (a date and a time may be separated by a space).
_SCALAR = re.compile(r"\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d[^\s,\]}#]*|[^\s,\]}#]+")


class Positions:
    """The line and column where each field path is first written in one file's text."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._found: dict[Path_, int] = {}
        self._line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
        # What was found before a surprise is still right; the rest has no position.
        with contextlib.suppress(RecursionError, IndexError, ValueError, tomllib.TOMLDecodeError):
            _Scanner(text, self._found).document()

    def find(self, path: Path_) -> tuple[int, int] | None:
        """Where `path` is written, or the nearest table around it that is (a missing field
        is reported where its table starts); None for the top level."""
        for end in range(len(path), 0, -1):
            offset = self._found.get(path[:end])
            if offset is not None:
                return self.line_col(offset)
        return None

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1


class _Scanner:
    def __init__(self, text: str, found: dict[Path_, int]) -> None:
        self.s = text
        self.i = 0
        self.found = found
        self.arrays: dict[Path_, int] = {}  # array of tables -> how many so far

    def document(self) -> None:
        s = self.s
        table: Path_ = ()
        while True:
            self.i = _SPACE_LINES.match(s, self.i).end()  # type: ignore[union-attr]
            if self.i >= len(s):
                return
            if s[self.i] == "[":
                table = self.header()
            else:
                self.key_value(table)
            # anything left on the line (a comment) is skipped with the next spaces

    def header(self) -> Path_:
        s = self.s
        start = self.i  # a table is found where its heading starts
        double = s.startswith("[[", self.i)
        self.i += 2 if double else 1
        parts = self.key()
        self.i = _SPACE.match(s, self.i).end()  # type: ignore[union-attr]
        self.i += 2 if double else 1
        path: list[str | int] = []
        for n, (name, offset) in enumerate(parts):
            path.append(name)
            is_last = n == len(parts) - 1
            self.found.setdefault(tuple(path), start if is_last else offset)
            if not (is_last and double) and tuple(path) in self.arrays:
                path.append(self.arrays[tuple(path)] - 1)
        if double:
            array = tuple(path)
            count = self.arrays.get(array, 0)
            self.arrays[array] = count + 1
            path.append(count)
            self.found.setdefault(tuple(path), start)
        return tuple(path)

    def key(self) -> list[tuple[str, int]]:
        s = self.s
        parts: list[tuple[str, int]] = []
        while True:
            self.i = _SPACE.match(s, self.i).end()  # type: ignore[union-attr]
            start = self.i
            if s[start] == '"':
                match = _BASIC.match(s, start)
                assert match is not None
                name = str(tomllib.loads("k = " + match[0])["k"])
            elif s[start] == "'":
                match = _LITERAL.match(s, start)
                assert match is not None
                name = match[0][1:-1]
            else:
                match = _BARE.match(s, start)
                if match is None:
                    raise ValueError(start)
                name = match[0]
            parts.append((name, start))
            self.i = _SPACE.match(s, match.end()).end()  # type: ignore[union-attr]
            if self.i < len(s) and s[self.i] == ".":
                self.i += 1
                continue
            return parts

    def key_value(self, table: Path_) -> None:
        path = table
        for name, offset in self.key():
            path = (*path, name)
            self.found.setdefault(path, offset)
        self.i = _SPACE.match(self.s, self.i).end()  # type: ignore[union-attr]
        if self.s[self.i] != "=":
            raise ValueError(self.i)
        self.i = _SPACE.match(self.s, self.i + 1).end()  # type: ignore[union-attr]
        self.value(path)

    def value(self, path: Path_) -> None:
        s, i = self.s, self.i
        char = s[i]
        if char == "[":
            self.array(path)
            return
        if char == "{":
            self.inline_table(path)
            return
        if s.startswith('"""', i):
            match = _MULTI_BASIC.match(s, i)
        elif s.startswith("'''", i):
            match = _MULTI_LITERAL.match(s, i)
        elif char == '"':
            match = _BASIC.match(s, i)
        elif char == "'":
            match = _LITERAL.match(s, i)
        else:
            match = _SCALAR.match(s, i)
        if match is None:
            raise ValueError(i)
        self.i = match.end()

    def array(self, path: Path_) -> None:
        s = self.s
        self.i += 1
        index = 0
        while True:
            self.i = _SPACE_LINES.match(s, self.i).end()  # type: ignore[union-attr]
            if s[self.i] == "]":
                self.i += 1
                return
            if s[self.i] == ",":
                self.i += 1
                continue
            element = (*path, index)
            self.found.setdefault(element, self.i)
            self.value(element)
            index += 1

    def inline_table(self, path: Path_) -> None:
        s = self.s
        self.i += 1
        while True:
            self.i = _SPACE_LINES.match(s, self.i).end()  # type: ignore[union-attr]
            if s[self.i] == "}":
                self.i += 1
                return
            if s[self.i] == ",":
                self.i += 1
                continue
            self.key_value(path)


# --- why a file is not TOML: the most likely cause of a syntax error ----------------------

_TRIPLE_BASIC = '"' * 3
_TRIPLE_LITERAL = "'" * 3
_STRINGS = re.compile(
    "|".join(
        (
            r"#[^\n]*",  # a comment: quotes in it are not texts
            _MULTI_BASIC.pattern,
            _MULTI_LITERAL.pattern,
            f"(?P<triple>{_TRIPLE_BASIC}|{_TRIPLE_LITERAL})",  # opened and never closed
            _BASIC.pattern,
            _LITERAL.pattern,
            r"""(?P<single>["'])""",  # opened and not closed on its line
        )
    ),
    re.S,
)


def unclosed_string(text: str) -> tuple[int, str] | None:
    """The offset and the quote (`"`, `'`, `\"\"\"` or `'''`) of the first text that is
    opened and never closed, if there is one."""
    for match in _STRINGS.finditer(text):
        quote = match["triple"] or match["single"]
        if quote:
            return match.start(), quote
    return None


def locate(file: Path, text: str | None, findings: Iterable[Finding]) -> list[Problem]:
    """Findings as Problems of `file`, each at the line and column where its field is
    written in `text` (when it can be found there)."""
    positions = Positions(text) if text else None
    problems = []
    for finding in findings:
        shown = finding.path[:-1] if finding.key else finding.path
        found = positions.find(finding.path) if positions is not None else None
        line, col = found if found is not None else (None, None)
        problems.append(
            Problem(
                file,
                finding.msgid,
                finding.args,
                line=line,
                col=col,
                where=field_path(shown) or None,
            )
        )
    return problems
