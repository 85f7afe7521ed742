"""Running text in large block letters for a room (FIGlet `smblock`, four rows a line), wrapped
at words; plain bold text when the screen is too narrow for it to read calmly.

Used for everything a group reads on the shared screen: step text, agreements, questions,
timers and counts. A character the font has no letter for never disappears: the text falls
back to plain letters instead."""

from __future__ import annotations

from functools import lru_cache

from rich.text import Text

from trakon_tui.ui.literal import Static

FONT = "smblock"
MIN_LINE = 36  # characters a line at least, or the big letters wrap too often to read
LONGEST_LINE = 64 * 3  # columns a line at most: a calm line length, even on a wide screen
AVERAGE_COLUMNS = 3.4  # columns a character takes in FONT, measured over Finnish text
# Letters FONT lacks, written with ones it has (a dash, a bullet, typographic quotes).
SUBSTITUTES = str.maketrans(
    {"–": "-", "—": "-", "•": "*", "·": "|", "“": '"', "”": '"', "’": "'", "‘": "'", "…": "..."}
)


@lru_cache(maxsize=1)
def _glyphs() -> tuple[dict[int, list[str]], dict[int, int], int]:
    from trakon_tui.ui.widgets.big_cue import _figlet

    font = _figlet(FONT).Font  # type: ignore[attr-defined]
    blank = font.hardBlank
    chars = {code: [row.replace(blank, " ") for row in rows] for code, rows in font.chars.items()}
    return chars, dict(font.width), int(font.height)


def fits_big(width: int) -> bool:
    """Whether big letters can hold a calm line at this width."""
    return width / AVERAGE_COLUMNS >= MIN_LINE


def _wrap(words: list[str], widths: dict[int, int], width: int) -> list[str]:
    space = widths[ord(" ")]
    lines: list[str] = []
    line, used = "", 0
    for word in words:
        size = sum(widths[ord(c)] for c in word)
        while size > width and not line:  # a word longer than the line: cut it
            cut, taken = 0, 0
            while cut < len(word) and taken + widths[ord(word[cut])] <= width:
                taken += widths[ord(word[cut])]
                cut += 1
            cut = max(cut, 1)
            lines.append(word[:cut])
            word = word[cut:]
            size = sum(widths[ord(c)] for c in word)
        if not word:
            continue
        if line and used + space + size > width:
            lines.append(line)
            line, used = "", 0
        if line:
            line, used = f"{line} {word}", used + space + size
        else:
            line, used = word, size
    if line:
        lines.append(line)
    return lines


@lru_cache(maxsize=64)
def big_rows(text: str, width: int) -> tuple[str, ...] | None:
    """`text` in big letters, wrapped at words to `width` columns (an empty line stays one
    blank row); None when a character has no big letter (then plain text is shown)."""
    chars, widths, height = _glyphs()
    text = text.translate(SUBSTITUTES)
    if any(ord(c) not in chars for c in text if c != "\n"):
        return None
    rows: list[str] = []
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            rows.append("")
            continue
        for n_line, line in enumerate(_wrap(paragraph.split(), widths, min(width, LONGEST_LINE))):
            if n_line:
                rows.append("")  # a row of air between wrapped lines: calm to read
            for n in range(height):
                rows.append("".join(chars[ord(c)][n] for c in line).rstrip())
    return tuple(rows)


class BigText(Static):
    """Text the whole room reads: big letters where the screen is wide enough, else bold."""

    def __init__(
        self, text: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__("", id=id, classes=classes)
        self.text = text
        self.big = False
        self._width = 0

    def set_text(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self._draw()

    def fit(self, width: int) -> None:
        if width != self._width:
            self._width = width
            self._draw()

    def _draw(self) -> None:
        rows = big_rows(self.text, self._width) if fits_big(self._width) else None
        self.big = rows is not None
        self.set_class(self.big, "big")
        if rows is None:
            self.update(Text(self.text, style="bold"))
        else:
            self.update(Text("\n".join(rows), no_wrap=True, overflow="crop"))
