"""Chinese line breaking for the PDF report: where a paragraph's lines may end.

The rules are the common ones of Chinese typesetting (GB/T 15834 punctuation; 避头尾): closing
punctuation never begins a line, opening punctuation never ends one, and a number or Latin word is
not cut in two. reportlab's CJK wrapping cuts between any two characters and hangs at most one
forbidden character in the margin, so a report line could still begin with the second of "。）"
or "”，". This module breaks a line of text into lines of given widths by those rules; the PDF
writer's paragraphs use it (pdf_writer.ChineseParagraph). Pure: widths in, lines out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

CANNOT_START = frozenset("，。、；：？！）」』】”’》〉〕］｝…·％)%")
CANNOT_END = frozenset("（「『【“‘《〈〔［｛([{")
_HANG = 1  # closing punctuation that may stand in the right margin rather than begin a line


def _unbreakable(a: str, b: str) -> bool:
    """Two characters of one number or Latin word (2025, 23.18, PM2.5, GDP)."""
    return a.isascii() and b.isascii() and (a.isalnum() or a in ".-/") and (b.isalnum() or b in ".%")


def break_lines(text: str, max_widths: Sequence[float], width_of: Callable[[str], float]) -> list[tuple[float, str]]:
    """The text as [(unused width, line text)], line n no wider than max_widths[n] (the last width
    repeats), except for one closing mark hanging in the margin."""
    widths = [width_of(ch) for ch in text]
    lines: list[tuple[float, str]] = []
    start, n = 0, len(text)
    while start < n:
        limit = max_widths[min(len(lines), len(max_widths) - 1)]
        end, used = start, 0.0
        while end < n and used + widths[end] <= limit + 1e-6:
            used += widths[end]
            end += 1
        if end == start:
            end = start + 1  # one character wider than the line: it goes alone
        elif end < n:
            end = _break_point(text, start, end)
        lines.append((limit - sum(widths[start:end]), text[start:end]))
        start = end
    return lines


def _break_point(text: str, start: int, end: int) -> int:
    """Where to end a line that would end before text[end] (start < end < len(text)), moved by
    the rules; the line keeps at least one character, so the breaking always moves on."""
    end = _whole_words(text, start, end)
    if text[end] in CANNOT_START:
        run = end
        while run < len(text) and text[run] in CANNOT_START:
            run += 1
        if run - end <= _HANG:
            return run  # one closing mark hangs in the margin; the next line starts after it
        while end - start > 1 and text[end] in CANNOT_START:
            end -= 1  # several in a row: the character before them goes down with them
        end = _whole_words(text, start, end)
    while end - start > 1 and text[end - 1] in CANNOT_END:
        end -= 1
    return end


def _whole_words(text: str, start: int, end: int) -> int:
    """end moved back to the start of the number or Latin word it would cut, if the line keeps a character."""
    back = end
    while back - start > 1 and _unbreakable(text[back - 1], text[back]):
        back -= 1
    return back if not _unbreakable(text[back - 1], text[back]) else end
