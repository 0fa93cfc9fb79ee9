"""Wrapped lines joined into paragraphs, and paragraphs cut into sentences, each piece keeping its source line.

A PDF breaks lines at the page width and at page ends, often mid-word. A line that does not end a
sentence is joined to the next body line; headings, table lines and a table of contents break
paragraphs. Every character of a paragraph maps back to the source line it came from.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from .clean import Line
from .rules import any_cue
from .normalize import join_number_spaces, normalize_line
from .script import script_map, to_simplified

_PARAGRAPH_END = re.compile(r"[。！？!?；;：:]$|[。！？!?][”’」』）)]$")
_SENTENCE = re.compile(r"[^。！？!?；;]*(?:[。！？!?；;][”’」』）)]?|$)")


@dataclass
class Paragraph:
    text: str
    starts: list[int] = field(default_factory=list)  # offset in text where each piece begins
    line_nos: list[int] = field(default_factory=list)  # source line of each piece
    index: int = 0  # index of the first Line in the cleaned lines
    # For a normalised paragraph (normalized()): the text as written, and how to map back to it.
    written: str | None = None
    _back: "_OffsetMap | None" = None

    @property
    def line(self) -> int:
        return self.line_nos[0]

    def line_at(self, offset: int) -> int:
        """The source line holding character offset of text."""
        return self.line_nos[max(0, bisect_right(self.starts, offset) - 1)]

    def as_written(self, start: int, end: int) -> str:
        """The plan's own text for the span [start, end) of text (the same span unless normalised)."""
        if self.written is None:
            return self.text[start:end]
        if self._back is None:  # normalised one character for one
            return self.written[start:end]
        if end <= start:
            return ""
        return self.written[self._back(start): self._back(end - 1) + 1]

    def written_script(self, start: int, end: int) -> dict[int, str]:
        """For the span [start, end) of a normalised text: each simplified character the plan
        wrote in traditional script, mapped back to it (a table for str.translate)."""
        if self.written is None:
            return {}
        back = self._back or (lambda i: i)
        return script_map(self.text[start:end], "".join(self.written[back(i)] for i in range(start, end)))

    def normalized(self) -> "Paragraph":
        """The paragraph as recognisers read it, each character still mapped to its line and to
        the text as written: full-width forms and odd spaces plain (normalize.normalize_line), stray
        spaces inside numbers gone (normalize.join_number_spaces: 1 2.5% -> 12.5%), and spaces
        between Chinese characters, or between one and a figure, gone too: PDF extraction and web
        copies put them there (森林 覆盖率 不 低于 3 5%), Chinese prose never does. A reading printed
        after each character (國(guó)家) goes too, and traditional script reads as simplified."""
        plain = normalize_line(self.text.replace("（", "\x01").replace("）", "\x02"))
        plain = plain.replace("\x01", "（").replace("\x02", "）")  # brackets stay as written (below)
        plain = to_simplified(plain)  # a traditional-script repost reads as the rules are written
        plain = _ascii_full_stops(plain)
        joined = join_number_spaces(plain) if _DIGIT_SPACE.search(plain) else None
        middle = joined.text if joined else plain
        cuts = [(m.start(), m.end()) for m in _CUT.finditer(middle)] if _CUT_CUE.search(middle) else []
        if joined is None and not cuts:
            return Paragraph(plain, list(self.starts), list(self.line_nos), self.index, self.text, None)
        back = _OffsetMap(cuts, joined.offsets if joined else None)
        text = "".join(middle[a:b] for a, b in _kept_spans(cuts, len(middle)))
        starts = [back.forward(s, len(text)) for s in self.starts]
        return Paragraph(text, starts, list(self.line_nos), self.index, self.text, back)


# A web copy of a PDF may print every 。 as an ASCII point (走在全国前列.粮食生产…); between
# Chinese words (or after a figure's % and before one) it ends a sentence. A point between digits
# is a decimal point, and 一.总则 at a paragraph's start is a list label, not a sentence.
_ASCII_STOP = re.compile(r"(?<=[\u4e00-\u9fff%）)”])\.(?=[\u4e00-\u9fff―—“]|\s|$)")


def _ascii_full_stops(text: str) -> str:
    if "." not in text:
        return text

    def stop(m: re.Match) -> str:
        return "." if _LIST_NUMERAL.fullmatch(text[:m.start()]) else "。"

    return _ASCII_STOP.sub(stop, text)


_LIST_NUMERAL = re.compile(r"[一二三四五六七八九十]{1,3}")


class _OffsetMap:
    """Offsets of a normalised text back into the text as written: spans cut from the middle text
    (cuts, in its own offsets), then the middle text's own map back (offsets; None = one for one)."""

    def __init__(self, cuts: list[tuple[int, int]], offsets: tuple[int, ...] | None):
        self.offsets = offsets
        self.at: list[int] = []  # first normalised offset after each cut
        self.shift: list[int] = []  # characters cut before it
        removed = 0
        for a, b in cuts:
            self.at.append(a - removed)
            removed += b - a
            self.shift.append(removed)

    def __call__(self, i: int) -> int:
        k = bisect_right(self.at, i) - 1
        middle = i + (self.shift[k] if k >= 0 else 0)
        return self.offsets[middle] if self.offsets is not None else middle

    def forward(self, written: int, n: int) -> int:
        """The first of the n normalised offsets whose character comes from written or later."""
        lo, hi = 0, n
        while lo < hi:
            mid = (lo + hi) // 2
            if self(mid) < written:
                lo = mid + 1
            else:
                hi = mid
        return lo


def _kept_spans(cuts: list[tuple[int, int]], n: int):
    last = 0
    for a, b in cuts:
        yield last, a
        last = b
    yield last, n


_DIGIT_SPACE = re.compile(r"\d[ \t]+[\d.]|\d\.[ \t]+\d")
_CJK = "\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’"
_SPACE_BETWEEN_CJK = rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])|(?<=[{_CJK}])[ \t]+(?=[\d%])|(?<=[\d%])[ \t]+(?=[{_CJK}])"
# Pages that print a reading after each character (國(guó)家, 規(guī)劃) copy it into the text; a
# bracketed syllable with a tone mark right after an ideograph is one, never the plan's words.
_PINYIN_AFTER_HANZI = r"(?<=[\u3400-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]"
_CUT = re.compile(f"{_SPACE_BETWEEN_CJK}|{_PINYIN_AFTER_HANZI}")
# Every cut holds a space or a bracket; the lookbehinds make _CUT slow to scan text with neither.
_CUT_CUE = any_cue([_CUT])


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int
    paragraph: Paragraph
    offset: int


def _joiner(left: str, right: str) -> str:
    """Join wrapped pieces: nothing between CJK, a space between two Latin words."""
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalpha():
        return " "
    return ""


def build_paragraphs(lines: list[Line], breaks: set[int], skip: set[int]) -> list[Paragraph]:
    """Join body lines into paragraphs. Indices in breaks (headings) stand alone; those in skip are left out."""
    out: list[Paragraph] = []
    cur: Paragraph | None = None
    for i, ln in enumerate(lines):
        if i in skip:
            cur = None
            continue
        if i in breaks:
            out.append(Paragraph(ln.text, [0], [ln.no], i))
            cur = None
            continue
        text = ln.text.strip()
        if cur is not None and _BULLET.match(text):
            cur = None  # a bulleted item opens a paragraph of its own, ended or not
        if cur is None:
            cur = Paragraph(text, [0], [ln.no], i)
            out.append(cur)
        else:
            sep = _joiner(cur.text, text)
            cur.starts.append(len(cur.text) + len(sep))
            cur.line_nos.append(ln.no)
            cur.text += sep + text
        if _PARAGRAPH_END.search(text) and not _decimal_cut(text, lines, i, breaks | skip):
            cur = None
    return out


_BULLET = re.compile(r"^[•●○■□◆◇▪▶►★☆※❖✦]")
_STOP_AFTER_DIGIT = re.compile(r"\d[。．]$")


def _decimal_cut(text: str, lines: list[Line], i: int, apart: set[int]) -> bool:
    """A line ending in 32。 whose next line opens with 5% was cut inside the number 32.5 (a decimal
    point typed as a full stop), not at a sentence end: normalize.py decides, on the two joined."""
    if not _STOP_AFTER_DIGIT.search(text) or i + 1 >= len(lines) or i + 1 in apart:
        return False
    nxt = lines[i + 1].text.strip()
    if not nxt[:1].isdigit():
        return False
    return normalize_line(text + nxt[:16])[len(text) - 1] == "."


def sentences(p: Paragraph) -> list[Sentence]:
    """Cut a paragraph at sentence ends (。！？；), each sentence with the line it starts on."""
    out = []
    for m in _SENTENCE.finditer(p.text):
        s = m.group()
        if not s.strip():
            continue
        lead = len(s) - len(s.lstrip())
        out.append(Sentence(s.strip(), p.line_at(m.start() + lead), p, m.start() + lead))
    return out
