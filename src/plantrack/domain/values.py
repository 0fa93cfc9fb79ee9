"""What a table cell or a prose figure states: its number, its markers, whether it is empty.

Plans write values as 59.55*, >10000, 5个左右, [15], ≤0.5, 12,力争达到全国平均水平, 0/97/0/81 or
"-". The text is kept as written; the number is read only where the cell states one number.
"""

from __future__ import annotations

import re
import unicodedata

# 一 alone is a dash typed or recognised as the character for one (a value would be a digit).
EMPTY_CELLS = {"", "-", "—", "–", "－", "——", "/", "--", "…", "无", "—/—", "一"}

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．％＜＞［］，＋－", "0123456789.%<>[],+-")
_NUMBER = re.compile(r"[-+]?\d+(?:[.,，]\d+)*")
_LEADING = re.compile(
    r"^(?P<pre>(?:[<>≤≥＜＞≦≧=~约]|不低于|不高于|不少于|不超过|控制在|力争|达到|超过|高于|低于|大于|小于)*)\s*"
    r"(?P<open>[\[［(（]?)\s*(?P<cmp>[<>≤≥]?)\s*(?P<num>[-+]?\d+(?:\.\d+)?)"
)
_COMPOUND = re.compile(r"^[(（]?[<>≤≥=]?[-—\d.]*[)）]?(?:\s*/\s*[(（]?[<>≤≥=]?[-—\d.]*[)）]?)+$")
_RANGE = re.compile(r"^\d+(?:\.\d+)?\s*[-—~～至]\s*\d+(?:\.\d+)?")
MARKERS = re.compile(r"\*+")


_THOUSANDS_SPACE = re.compile(r"(?<![\d.])(\d{1,3})((?:[ \u2009\u202f]\d{3})+)(?![\d])")


def normalize_digits(text: str) -> str:
    """Full-width digits and signs to ASCII."""
    return text.translate(_FULLWIDTH_DIGITS)


def join_digit_groups(cell: str) -> str:
    """Spaces between digit groups of one number (1 350.5 -> 1350.5). Only for text known to be one cell."""
    return _THOUSANDS_SPACE.sub(lambda m: m.group(1) + re.sub(r"\s", "", m.group(2)), cell)


def is_empty_cell(text: str | None) -> bool:
    return text is None or text.strip() in EMPTY_CELLS


def is_compound(text: str) -> bool:
    """0/97/0/81, 1/3/6, -/1, (0/3)/(0/0), <4/<5.5 -- several values in one cell."""
    t = re.sub(r"\s+", "", text)
    return "/" in t and bool(_COMPOUND.match(t)) and any(ch.isdigit() for ch in t)


def is_range(text: str) -> bool:
    return bool(_RANGE.match(text.strip()))


def leading_number(text: str | None) -> float | None:
    """The one number a cell states (59.55* -> 59.55, >42 -> 42, [15] -> 15, 12,力争… -> 12); None otherwise."""
    if text is None:
        return None
    t = join_digit_groups(normalize_digits(unicodedata.normalize("NFKC", text).strip()))
    if is_empty_cell(t) or is_compound(t) or is_range(t):
        return None
    m = _LEADING.match(t)
    if not m:
        return None
    num = m.group("num")
    rest = t[m.end():]
    # 1,350 (thousands) vs 12,力争 (a comma ending the figure)
    while rest[:1] in (",", "，") and re.match(r"[,，]\d{3}(?!\d)", rest):
        num += rest[1:4]
        rest = rest[4:]
    if re.match(r"\d", rest):
        return None
    value = float(num)
    return int(value) if value.is_integer() and "." not in num else value


def as_number(value: float | None):
    """Ints stay ints in JSON (68, not 68.0)."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
