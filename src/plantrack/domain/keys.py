"""Plan keys: the safe alphabet a catalogue key is written in.

A key names a plan in URLs (/plans/<key>), file names of exports and reports, and the command
line. Keys such as "..", ".", ".txt" or ones carrying a right-to-left override were accepted and
then broke links, named files oddly or displayed as something else. A key is therefore:
letters (Chinese characters included) and digits, with "-", "_" and "."; not starting with ".",
without "..", at most 100 characters. Control, format (bidi) and space characters are never in it.
"""

from __future__ import annotations

import re
import unicodedata

MAX_KEY_LENGTH = 100
RULE = f"规划键只能由字母、数字、汉字和 - _ . 组成，不以 . 开头，不含 ..，不超过 {MAX_KEY_LENGTH} 个字符"


def _allowed(ch: str) -> bool:
    return ch in "-_." or unicodedata.category(ch)[0] == "L" or unicodedata.category(ch) == "Nd"


def _shown(key: str) -> str:
    """The key as it can be printed: characters that are invisible or reorder text written as U+XXXX."""
    return "".join(ch if _allowed(ch) or (ch.isprintable() and not ch.isspace()) else f"<U+{ord(ch):04X}>" for ch in key)


def key_problem(key: str) -> str | None:
    """None for a usable key, else a Chinese sentence naming the key, what is wrong and the rule."""
    if not key:
        return f"规划键不能为空。{RULE}。"
    shown = _shown(key[:MAX_KEY_LENGTH + 20])
    if len(key) > MAX_KEY_LENGTH:
        return f"规划键“{shown}…”过长（{len(key)} 个字符）。{RULE}。"
    bad = next((ch for ch in key if not _allowed(ch)), None)
    if bad is not None:
        what = f"字符“{bad}”" if bad.isprintable() and not bad.isspace() else f"不可见或控制字符 U+{ord(bad):04X}"
        return f"规划键“{shown}”含有不允许的{what}。{RULE}。"
    if key.startswith("."):
        return f"规划键“{shown}”不能以 . 开头。{RULE}。"
    if ".." in key:
        return f"规划键“{shown}”不能含有 ..。{RULE}。"
    return None


def key_from_name(name: str) -> str:
    """A usable key made from a file name: other characters become "-", leading dots go, "plan" if
    nothing is left. For the default key of a file, so a file name never makes an ingest fail."""
    key = re.sub(r"-{2,}", "-", "".join(ch if _allowed(ch) else "-" for ch in name))
    key = re.sub(r"\.{2,}", ".", key).lstrip(".-").rstrip("-")[:MAX_KEY_LENGTH].rstrip("-")
    return key or "plan"
