"""One normalisation step that every recogniser reads: the same text, in the forms the rules expect.

Plans reach us typed on Chinese input methods and passed through PDF, Word and web converters.
The same figure arrives as 12.5, １２．５, 12。5 or "1 2.5"; a table's cells are set apart by
ideographic spaces (U+3000) or no-break spaces; a header ends in 年均增长（％）. Rules written for
one form miss the others, so recognisers read the text after this step and never see the others.

What a user sees stays the plan as written: recognisers find things in the normalised text and
take the `*_text` fields from the original (glyphs repaired), keeping each line's number. To make
that easy the step is split in two:

- `normalize_line(text)` replaces one character by one character, so every offset found in its
  result is an offset into the original (``original[m.start():m.end()]`` is what the plan wrote):
    * full-width digits, Latin letters and the signs ％ ＞ ＜ ＝ ＋ － ／ ＊ ～ ． （ ） ［ ］ ｛ ｝ to
      ASCII (what NFKC does to them);
    * ideographic and other odd spaces (U+3000, U+00A0, U+2002-U+200B, U+202F, U+205F, U+FEFF)
      to a plain space;
    * 。 or ． written as a decimal point between digits (12。5) to ".".
  Chinese punctuation that the rest of the code splits sentences and clauses on (，。、；：！？
  “” 《》 【】 〔〕 — …) is left alone, and so are the symbols NFKC would take apart (① to 1,
  Ⅲ to III, ㎡ to m2, ² to 2): they mean something in a plan.
- `join_number_spaces(text)` removes stray spaces inside one number (1 2.5, 1 350); it deletes
  characters, so it returns the text with a map of offsets back to its input (`Normalized`).
  Whether a space splits two numbers or one number depends on where the text stands: in a table
  row "6.2 6" is two cells, in a sentence "达到1 2.5%" is one figure. `normalize_cell` is for text
  known to be one cell; `join_number_spaces` is for prose sentences, never for table rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Full-width forms that NFKC turns into ASCII and that recognisers want as ASCII. Chinese
# punctuation (，：；！？ and the like) stays: sentence and clause rules are written for it.
_FULLWIDTH_KEPT = set("，：；！？、")
_ODD_SPACES = "\u3000\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\ufeff"


def _translation_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # the full-width block mirrors ASCII 0x21-0x7E
        ch = chr(code)
        if ch in _FULLWIDTH_KEPT:
            continue
        if ch == "．":  # a full stop in 一．总则; a decimal point only between digits (below)
            continue
        table[code] = chr(code - 0xFEE0)
    for ch in _ODD_SPACES:
        table[ord(ch)] = " "
    return table


_TABLE = _translation_table()
# Most lines need nothing: a quick search spares them the translation (parsing time matters).
_NEEDS_TRANSLATION = re.compile(  # the keys of _TABLE as ranges (a set of ranges is quick to scan)
    "[\uff02-\uff0b\uff0d\uff0f-\uff19\uff1c-\uff1e\uff20-\uff5e\u3000\u00a0\u2002-\u200b\u202f\u205f\ufeff]"
)
_NEEDS_ANYTHING = re.compile(_NEEDS_TRANSLATION.pattern + r"|\d[。．]\d")
# A decimal point written as a Chinese full stop: 12。5, 0．35. Not a sentence ending followed by
# a year or a date (总量达到1500。2025年…, 5月。6日).
_DECIMAL_STOP = re.compile(r"(?<=\d)[。．](?=\d)")
_AFTER_DECIMAL = re.compile(r"\d+")
_DATE_WORDS = "年月日号"


def normalize_line(text: str) -> str:
    """The text with full-width forms, odd spaces and decimal 。 made plain, one character for one.

    Safe on any text (a line, a cell, a whole document): its length never changes, so offsets
    into the result are offsets into the input.
    """
    if not _NEEDS_ANYTHING.search(text):
        return text
    out = text.translate(_TABLE) if _NEEDS_TRANSLATION.search(text) else text
    if _DECIMAL_STOP.search(out):
        out = _DECIMAL_STOP.sub(lambda m: "." if _is_decimal(out, m.start()) else m.group(), out)
    return out


def _is_decimal(text: str, pos: int) -> bool:
    """Whether the stop at pos, between two digits, is a decimal point rather than a sentence end."""
    if text[pos] == "．":
        return True  # a full-width full stop between digits is always a decimal point
    digits = _AFTER_DECIMAL.match(text, pos + 1)
    after = text[digits.end(): digits.end() + 1]
    return after not in _DATE_WORDS or after == ""


@dataclass(frozen=True)
class Normalized:
    """Text that lost some characters, with the offset of each of its characters in the original.

    `offsets[i]` is the index in the original of character i; one more entry at the end holds the
    original's length, so a span [start, end) maps back with `original_span`.
    """

    text: str
    offsets: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that the span [start, end) of `text` came from."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1

    @classmethod
    def unchanged(cls, text: str) -> "Normalized":
        return cls(text, tuple(range(len(text) + 1)))


# A space between digits inside one number: 1 2.5, 1 350, 12 .5, 3. 5 (one or more spaces).
_NUMBER_SPACES = re.compile(r"\d(?:[ \t]+\d|[ \t]*\.[ \t]*\d|\d)*")


def join_number_spaces(text: str) -> Normalized:
    """Stray spaces inside numbers removed (达到1 2.5% -> 达到12.5%), with the offset map.

    Every space between two digits (or beside a decimal point between digits) goes, so use this on
    prose or on a single cell, never on a table row whose cells are set apart by single spaces.
    """
    keep: list[int] = []
    last = 0
    for m in _NUMBER_SPACES.finditer(text):
        keep.extend(range(last, m.start()))
        keep.extend(i for i in range(m.start(), m.end()) if text[i] not in " \t")
        last = m.end()
    if last == 0:
        return Normalized.unchanged(text)
    keep.extend(range(last, len(text)))
    return Normalized("".join(text[i] for i in keep), tuple(keep) + (len(text),))


_ONE_NUMBER = re.compile(r"[-+]?\d[\d \t]*(?:\.[ \t]*\d[\d \t]*)?(?:%|‰)?")


def normalize_cell(text: str) -> str:
    """One table cell, normalised: `normalize_line`, trimmed, and a number with stray spaces joined
    when the whole cell is that one number (a cell "1 2.5" is 12.5; "5 左右" stays two words)."""
    t = normalize_line(text).strip()
    m = _ONE_NUMBER.fullmatch(t)
    if m and (" " in t or "\t" in t):
        return re.sub(r"[ \t]+", "", t)
    return t
