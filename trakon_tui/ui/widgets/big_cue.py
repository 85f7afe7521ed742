"""The cue word in big solid letters (FIGlet fonts that carry Ä and Ö), or plain when tiny."""

from __future__ import annotations

from functools import lru_cache

from rich.text import Text

from trakon_tui.ui.literal import Static

# Largest first; each draws Ä and Ö with solid block elements only (no thin lines).
FONTS = ("mono12", "mono9", "smmono12", "smmono9", "smblock")
# (most rows, most columns per character) over capitals, digits and ÄÖÅ, measured once:
# a font is chosen from these without parsing it (parsing one takes 15–95 ms).
METRICS = {
    "mono12": (8, 10),
    "mono9": (6, 7),
    "smmono12": (8, 5),
    "smmono9": (6, 4),
    "smblock": (4, 3),
}


@lru_cache(maxsize=8)
def _figlet(font: str) -> object:
    """One parsed font per process: pyfiglet parses the font file anew on every
    `figlet_format` call (about 130 ms here)."""
    import pyfiglet

    return pyfiglet.Figlet(font=font, width=1000)


@lru_cache(maxsize=256)
def render(word: str, font: str) -> tuple[str, ...]:
    """The word's rows in `font`, without blank rows above or below."""
    figlet = _figlet(font)
    text: str = figlet.renderText(word)  # type: ignore[attr-defined]
    rows = text.rstrip("\n").split("\n")
    rows = [row.rstrip() for row in rows]
    while rows and not rows[0].strip():
        rows.pop(0)
    while rows and not rows[-1].strip():
        rows.pop()
    return tuple(rows)


def likely_font(words: tuple[str, ...], width: int, height: int) -> str | None:
    """The largest font that should fit, judged from METRICS alone (nothing is parsed)."""
    longest = max((len(word) for word in words), default=0)
    for font in FONTS:
        rows, columns = METRICS[font]
        if rows <= height and longest * columns <= width:
            return font
    return None


def choose_font(words: tuple[str, ...], width: int, height: int) -> str | None:
    """The largest font in which every word fits `width` columns and `height` rows."""
    first = likely_font(words, width, height)
    candidates = FONTS[FONTS.index(first) :] if first else ()
    for font in candidates:
        shapes = [render(word, font) for word in words if word]
        if all(
            len(rows) <= height and max((len(r) for r in rows), default=0) <= width
            for rows in shapes
        ):
            return font
    return None


def warm(words: tuple[str, ...], width: int, height: int) -> None:
    """Parse the font a screen of this size will use (call from a worker thread)."""
    font = likely_font(words, width, height)
    if font is not None:
        for word in words:
            render(word, font)


class BigCue(Static):
    """Shows one cue word; the font is chosen for the whole set, so the size never jumps."""

    DEFAULT_CSS = """
    BigCue {
        width: 1fr;
        height: auto;
        content-align: center middle;
        text-align: center;
        text-style: bold;
        color: $text;
    }
    """

    def __init__(self, words: tuple[str, ...], *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.words = words
        self.word = ""
        self.font: str | None = None
        self.rows = 1

    def fit(self, width: int, max_rows: int) -> int:
        """Choose the font for this size; returns the rows it needs."""
        self.font = choose_font(self.words, width, max_rows)
        if self.font is None:
            self.rows = 1
        else:
            self.rows = max(len(render(word, self.font)) for word in self.words if word)
        self.styles.height = self.rows
        self._draw()
        return self.rows

    def show(self, word: str) -> None:
        if word != self.word:
            self.word = word
            self._draw()

    def _draw(self) -> None:
        if self.font is None or not self.word:
            self.update(Text(self.word, style="bold"), layout=False)
            return
        rows = list(render(self.word, self.font))
        width = max((len(r) for r in rows), default=0)
        padded = [r.ljust(width) for r in rows]
        while len(padded) < self.rows:  # pad above: umlaut rows sit on top
            padded.insert(0, " " * width)
        self.update(Text("\n".join(padded)), layout=False)  # height is set by fit()
