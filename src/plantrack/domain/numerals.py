"""Chinese numerals as they appear in heading labels (第十四章, 二十三、, （十一）)."""

from __future__ import annotations

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100}

CN_NUMERAL_CHARS = "〇零一二三四五六七八九十百两"


def cn_to_int(s: str) -> int | None:
    """Value of a Chinese numeral up to 999 (一 1, 十 10, 十四 14, 二十三 23, 一百零五 105); None if not one."""
    if not s or any(ch not in _DIGITS and ch not in _UNITS for ch in s):
        return None
    total, digit = 0, None
    for ch in s:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (digit if digit is not None else 1) * _UNITS[ch]
            digit = None
    return total + (digit or 0)
