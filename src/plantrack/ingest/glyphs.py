"""Repair of symbols that PDF extraction turned into rare CJK characters.

The mechanism (evidence from the corpus, checked by tests/ingest/test_glyphs.py): every damaged
character is the symbol's own GB2312/GBK code with the lead byte lowered by 0x0C, read back as a
GBK character. In GBK the symbol rows A1-A9 thus land in lead bytes 0x95-0x9D, which hold rare
ideographs outside GB2312:

    曑 95DC -> A1DC ≤      曒 95DD -> A1DD ≥      曤 95EB -> A1EB ‰
    暲 95C0 -> A1C0 ±      暳 95C1 -> A1C1 ×      毺 9ACC -> A6CC μ
    栿 96F3 -> A2F3 Ⅲ      桇 96F4 -> A2F4 Ⅳ      桋 96F5 -> A2F5 Ⅴ

So the repair is computed, not listed: shift the lead byte back and decode. Because those rare
ideographs are also real characters (澠 in the place name 澠池 maps to a box-drawing glyph), a
repair is applied only when the result is a symbol a plan uses (maths, units, Roman numerals,
Greek letters) and the context fits a symbol: a digit, bracket or unit letter beside it, or 类/级
after a Roman numeral.

A second kind of damage comes from symbol fonts. Word and PDF text set in the Symbol font put the
font's own code in the private-use area, at U+F000 + code (the convention of Microsoft's symbol
fonts), and extraction copies it as is: ≥ arrives as U+F0B3, ≤ as U+F0A3. The repair is again
computed: subtract U+F000 and read the code in the Adobe Symbol encoding (_SYMBOL_ENCODING below
holds its mathematical positions), under the same context check. Other private-use characters
name a glyph of one embedded font only; nothing in the text says which, so they stay, and the
recognisers treat one standing before a number as a comparison sign they cannot read.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

SHIFT = 0x0C
# GB2312 symbol rows whose characters plans use: A1 general symbols, A2 Roman numerals, A6 Greek.
_SYMBOL_ROWS = {0xA1, 0xA2, 0xA6}
_KEEP_CATEGORIES = {"Sm", "So", "Po", "Nl", "Ll", "Lu"}
_ROMAN = set("ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ")
_NUMERIC_NEIGHBOUR = re.compile(r"[0-9０-９.\[\]［］()（）%a-zA-Z/]")


# The mathematical positions of the Adobe Symbol encoding (PDF Reference, appendix D): code -> character.
_SYMBOL_ENCODING = {
    0x25: "%", 0x2B: "+", 0x2D: "−", 0x3C: "<", 0x3D: "=", 0x3E: ">", 0x6D: "μ",
    0xA3: "≤", 0xB0: "°", 0xB1: "±", 0xB3: "≥", 0xB4: "×", 0xB8: "÷", 0xB9: "≠", 0xBB: "≈", 0xD7: "·",
}
SYMBOL_FONT_BASE = 0xF000
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def symbol_font_symbol(ch: str) -> str | None:
    """The symbol a Symbol-font character in the private-use area stands for, or None."""
    code = ord(ch) - SYMBOL_FONT_BASE
    return _SYMBOL_ENCODING.get(code) if 0 <= code <= 0xFF else None


@lru_cache(maxsize=8192)
def shifted_symbol(ch: str, shift: int = SHIFT) -> str | None:
    """The symbol a damaged character stands for, or None when it is not of the shifted kind."""
    try:
        raw = ch.encode("gbk")
    except UnicodeEncodeError:
        return None
    if len(raw) != 2 or (raw[0] + shift) not in _SYMBOL_ROWS or raw[1] < 0xA1:
        return None
    try:
        symbol = bytes([raw[0] + shift, raw[1]]).decode("gbk")
    except UnicodeDecodeError:
        return None
    if unicodedata.category(symbol) not in _KEEP_CATEGORIES:
        return None
    return symbol


def _neighbours(text: str, i: int) -> tuple[str, str]:
    """The nearest non-space characters before and after position i (line breaks crossed)."""
    j = i - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    k = i + 1
    while k < len(text) and text[k].isspace():
        k += 1
    return (text[j] if j >= 0 else ""), (text[k] if k < len(text) else "")


def _fits_context(symbol: str, before: str, after: str) -> bool:
    if symbol in _ROMAN and after in ("类", "级", "度", "期"):
        return True
    return bool(_NUMERIC_NEIGHBOUR.fullmatch(before or "x") and before) or bool(
        after and _NUMERIC_NEIGHBOUR.fullmatch(after)
    )


@lru_cache(maxsize=64)
def _candidate_characters(shift: int = SHIFT) -> str:
    """Every character that the shift can produce from a symbol row: the only ones worth a look."""
    out = []
    for row in _SYMBOL_ROWS:
        for trail in range(0xA1, 0xFF):
            try:
                ch = bytes([row - shift, trail]).decode("gbk")
            except UnicodeDecodeError:
                continue
            if shifted_symbol(ch, shift):
                out.append(ch)
    return "".join(sorted(set(out)))


@lru_cache(maxsize=64)
def _candidates(shift: int) -> re.Pattern:
    return re.compile("[" + re.escape(_candidate_characters(shift)) + "]|[\uf020-\uf0ff]")


# Other PDF fonts shift by other amounts. Every shift that puts all three symbol rows in GBK's rows
# of rare ideographs (lead bytes 0x81-0xA0) is possible; the document shows which one it has, by
# ≤ and ≥ written as the same rare character beside figures more than once. Ideographs that are
# the traditional form of a common character (傑, 勢, 撥 …) are real words, never evidence.
OTHER_SHIFTS = tuple(s for s in range(0x06, 0x21) if s != SHIFT)


def _bound_signs(shift: int) -> dict[str, str]:
    out = {}
    for trail, sign in ((0xDC, "≤"), (0xDD, "≥")):
        try:
            ch = bytes([0xA1 - shift, trail]).decode("gbk")
        except UnicodeDecodeError:
            continue
        if not _is_traditional_form(ch):
            out[ch] = sign
    return out


def _is_traditional_form(ch: str) -> bool:
    from .script import to_simplified  # OpenCC: the one judge of script in the parser

    return to_simplified(ch) != ch


_BOUND_SIGNS = {shift: _bound_signs(shift) for shift in OTHER_SHIFTS}
_ANY_BOUND_SIGN = re.compile("[" + re.escape("".join(c for signs in _BOUND_SIGNS.values() for c in signs)) + "]")


def document_shift(text: str) -> int:
    """The lead-byte shift this document's damage shows: another one only where at least two
    bound signs of it stand beside figures, and more than of the usual 0x0C."""
    if not _ANY_BOUND_SIGN.search(text):
        return SHIFT
    seen: dict[int, int] = {}
    for m in _ANY_BOUND_SIGN.finditer(text):
        before, after = _neighbours(text, m.start())
        if not (before.isdigit() or after.isdigit() or after in "[(（"):
            continue
        for shift, signs in _BOUND_SIGNS.items():
            if m.group() in signs:
                seen[shift] = seen.get(shift, 0) + 1
    if not seen:
        return SHIFT
    best = max(seen, key=seen.get)
    usual = sum(1 for m in _candidates(SHIFT).finditer(text) if shifted_symbol(m.group()) in ("≤", "≥"))
    return best if seen[best] >= 2 and seen[best] > usual else SHIFT


# How far either side of a candidate to look for the script the passage is written in.
_SCRIPT_WINDOW = 24


def _in_traditional_passage(text: str, i: int) -> bool:
    """Whether the character at i is the traditional form of a common character (會, 書, 曉) in a
    passage written in traditional script: two more traditional forms stand within a short reach.
    A plan in simplified script, the kind the shift damage comes from, has none of them."""
    if not _is_traditional_form(text[i]):
        return False
    window = text[max(0, i - _SCRIPT_WINDOW):i] + text[i + 1:i + 1 + _SCRIPT_WINDOW]
    return sum(1 for ch in window if "\u3400" <= ch <= "\u9fff" and _is_traditional_form(ch)) >= 2


def repair_glyphs(text: str) -> str:
    """Replace every shifted-encoding character whose context shows it is a symbol."""
    shift = document_shift(text)
    out: list[str] | None = None
    for m in _candidates(shift).finditer(text):
        ch = m.group()
        symbol = symbol_font_symbol(ch) if PRIVATE_USE.match(ch) else shifted_symbol(ch, shift)
        if symbol is None:
            continue
        before, after = _neighbours(text, m.start())
        if not _fits_context(symbol, before, after):
            continue
        if _in_traditional_passage(text, m.start()):
            continue  # 會(huì), 書(shū): a real word of a traditional-script text, not a damaged symbol
        if out is None:
            out = list(text)
        out[m.start()] = symbol
    return "".join(out) if out is not None else text
