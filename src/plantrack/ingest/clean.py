"""Cleaning: raw text to numbered logical lines, the damage of PDF extraction undone.

Every Line keeps the 1-based number of the source line it came from (a raw line holding several
HTML paragraphs yields several Lines with the same number). What is dropped here is what carries
no content: blank lines, page numbers, running headers. Joining wrapped lines into paragraphs
needs to know headings and tables first, so it happens later (paragraphs.py).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass

from .glyphs import repair_glyphs
from .jammer import drop_jammer
from .rules import any_cue


@dataclass(frozen=True)
class Line:
    no: int
    text: str
    page_start: bool = False  # the line opens a new page of the source (a page-break marker preceded it)


# Named cleaning rules, in the order they apply to each raw line.
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+")
# A list bullet is dropped only before a heading number ("- 第十四章" in a markdown TOC); a bare
# "- " also stands for an empty table cell, which must survive.
_MARKDOWN_BULLET = re.compile(r"^\s*[-*+]\s+(?=第|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
_BOLD = re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*")
_SUBSCRIPT_BRACES = re.compile(r"\s*_\{\s*([^{}]{1,12}?)\s*\}\s*|\s*\^\{\s*([^{}]{1,12}?)\s*\}\s*")
_HTML_PARAGRAPH_BREAK = re.compile(r"</p>\s*<(?:p|table|div)\b[^>]*>|<br\s*/?>|</tr>\s*<tr[^>]*>|</li>\s*<li[^>]*>", re.I)
# Within one row only: "</td> \n <td>" is a row's end and the next row's start, not a cell break.
_HTML_CELL_BREAK = re.compile(r"</t[dh]>[ \t]*<t[dh][^>]*>", re.I)
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－~·•]+\s*[0-9０-９]{1,4}\s*[-—–－~·•]+|第\s*[0-9０-９]{1,4}\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?"
    r")\s*$"
)
# Pages that print a reading after each character (國(guó)家, 指標(biāo)) copy it into the text: a
# bracketed syllable with a tone mark right after an ideograph is one, never the plan's words.
_PINYIN_GLOSS = re.compile(r"(?<=[\u3400-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")
# Half-width punctuation after a Chinese character is the full-width mark the text means.
_HALF_PUNCT = re.compile(r"(?<=[\u4e00-\u9fff”’）])([,;:?!])(?!\d)")
_FULL_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
# Where each rule's words are (rules.cue): a line without them is left as it is, unscanned; the
# leading \s* and lookbehinds of these patterns make a scan of every line slow.
_SUBSCRIPT_CUE = any_cue([_SUBSCRIPT_BRACES])
_HALF_PUNCT_CUE = any_cue([_HALF_PUNCT])
_SPACE_VARIANTS = str.maketrans({"\u3000": " ", "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\ufeff": ""})


def normalize_line(raw: str) -> list[str]:
    """One raw line to its logical lines: markup stripped, HTML paragraphs split, spaces unified."""
    text = raw.translate(_SPACE_VARIANTS).rstrip("\r\n")
    if "<" in text:
        text = _HTML_PARAGRAPH_BREAK.sub("\n", text)
        text = _HTML_CELL_BREAK.sub("\t", text)
        text = re.sub(r"<su[bp]>\s*([^<]{0,12}?)\s*</su[bp]>", r"\1", text, flags=re.I)
        text = _HTML_TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    if _SUBSCRIPT_CUE.search(text):
        text = _SUBSCRIPT_BRACES.sub(lambda m: m.group(1) or m.group(2), text)
    out = []
    for part in text.split("\n"):
        part = _MARKDOWN_HEADING.sub("", part)
        part = _MARKDOWN_BULLET.sub("", part)
        part = _BOLD.sub(r"\1", part)
        part = drop_jammer(part)  # a forum copy's anti-scraping noise (jammer.py)
        if "(" in part or "（" in part:
            part = _PINYIN_GLOSS.sub("", part)
        if _HALF_PUNCT_CUE.search(part):
            part = _HALF_PUNCT.sub(lambda m: _FULL_PUNCT[m.group(1)], part)
        part = part.strip(" \t") if "\t" not in part.strip(" ") else part.strip(" ").rstrip("\t")
        if part.strip():
            out.append(part)
    return out


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text))


def clean_text(text: str) -> list[Line]:
    """Raw plan text to cleaned Lines (glyphs repaired, page furniture dropped)."""
    text = repair_glyphs(text)
    raw_lines = text.split("\n")
    lines: list[Line] = []
    page_break_pending = False
    for no, raw in enumerate(raw_lines, start=1):
        if not raw.strip():
            continue
        # A line the extractor indented by one space, or a form feed, opens a new page.
        opens_page = raw.startswith(" ") and not raw.startswith("  ") or "\f" in raw
        for part in normalize_line(raw):
            if is_page_number(part):
                page_break_pending = True
                continue
            lines.append(Line(no, part, opens_page or page_break_pending))
            opens_page = page_break_pending = False
    return _drop_running_headers(lines)


def _drop_running_headers(lines: list[Line]) -> list[Line]:
    """A short line repeated at three or more page starts is a running header, not content."""
    at_page_start = Counter(ln.text for ln in lines if ln.page_start and len(ln.text) <= 40)
    headers = {t for t, n in at_page_start.items() if n >= 3 and not t[:1].isdigit()}
    if not headers:
        return lines
    out = []
    for i, ln in enumerate(lines):
        if ln.text in headers and ln.page_start:
            if i + 1 < len(lines):
                nxt = lines[i + 1]
                lines[i + 1] = Line(nxt.no, nxt.text, True)
            continue
        out.append(ln)
    return out
