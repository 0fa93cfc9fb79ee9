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

_PARAGRAPH_END = re.compile(r"[。！？!?；;：:]$|[。！？!?][”’」』）)]$")
_SENTENCE = re.compile(r"[^。！？!?；;]*(?:[。！？!?；;][”’」』）)]?|$)")


@dataclass
class Paragraph:
    text: str
    starts: list[int] = field(default_factory=list)  # offset in text where each piece begins
    line_nos: list[int] = field(default_factory=list)  # source line of each piece
    index: int = 0  # index of the first Line in the cleaned lines

    @property
    def line(self) -> int:
        return self.line_nos[0]

    def line_at(self, offset: int) -> int:
        """The source line holding character offset of text."""
        return self.line_nos[max(0, bisect_right(self.starts, offset) - 1)]


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
        if cur is None:
            cur = Paragraph(text, [0], [ln.no], i)
            out.append(cur)
        else:
            sep = _joiner(cur.text, text)
            cur.starts.append(len(cur.text) + len(sep))
            cur.line_nos.append(ln.no)
            cur.text += sep + text
        if _PARAGRAPH_END.search(text):
            cur = None
    return out


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
