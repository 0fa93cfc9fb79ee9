"""Page furniture that a page break leaves inside a table: not a row, not the end of the table.

Flipbook and PDF pages print a running header (`Page 12 - 某市…纲要`, `- 12 -`, `第12页`) and a page
number at every page; the table continues below them, often under its title and header repeated.
The cleaning step drops what it can tell from the whole document (running headers seen at three
page starts or more); inside a table a single occurrence is enough, because a table row never
looks like this. The horizontal rules of a three-line table (三线表) copied from a PDF or a
plain-text repost (────, ━━━━, ------) are furniture too: they frame the header and the body.
"""

from __future__ import annotations

import re

# Named furniture rules, tried in order on a stripped line of normalised text. A bare "3/12" is
# not one: inside a table it is a compound value (100/230).
FURNITURE_RULES: tuple[tuple[str, re.Pattern], ...] = (
    ("page_label", re.compile(r"^(?:page|p\.?)\s*\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?(?:\s*[-—–:|·]\s*.*)?$", re.I)),
    ("page_of", re.compile(r"^第?\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$")),
    ("pipes", re.compile(r"^\|+$")),  # the row separators a converter left (|, |||||)
    ("continued", re.compile(r"^[(（]?\s*续表\s*[\d一二三四五六七八九十]*\s*[)）]?$")),  # 续表3, （续表）
    ("dashed_number", re.compile(r"^[-—–~·•]+\s*\d{1,4}\s*[-—–~·•]+$")),
    # A rule: box-drawing strokes, or a long run of dashes or equals signs. Short runs (——, ---)
    # are left alone: a table writes them as an empty cell.
    ("md_align", re.compile(r"^\|?\s*:?-{3,}:?\s*(?:[|\t]\s*:?-{3,}:?\s*)+\|?$")),  # |---|:---:|
    ("rule", re.compile(r"^(?:[─━═┄┅┈┉╌╍]{3,}|[-—–=_~]{6,})$")),
)


def furniture_kind(text: str) -> str | None:
    """The furniture rule a line matches (page_label, page_of, …), or None for content."""
    t = text.strip()
    if not t:
        return None
    for name, pattern in FURNITURE_RULES:
        if pattern.match(t):
            return name
    return None


def is_page_number(text: str, expected_seq: int | None = None) -> bool:
    """A bare number standing between rows: a page number unless it is the next row's number."""
    t = text.strip()
    if not re.fullmatch(r"\d{1,4}", t):
        return False
    return expected_seq is None or int(t) != expected_seq
