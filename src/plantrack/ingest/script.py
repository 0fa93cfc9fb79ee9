"""Chinese script: plans reposted in traditional characters read by rules written in simplified.

Reposts of mainland plans on Hong Kong, Taiwan and overseas portals are often converted to
traditional script (地區生產總值增長7.5%, 第一節), and every recogniser's vocabulary (增长, 达到,
以内, 节) is simplified. OpenCC's t2s conversion (a well-kept library with phrase tables) gives
the simplified reading. Recognisers need offsets that hold in the text as written, so a conversion
that changed the length (OpenCC converts character for character in practice) is not used.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

_CONVERTER = opencc.OpenCC("t2s")
# Text of only ASCII, punctuation and simplified-range characters is common; a conversion is
# needed only where a character outside the plain ASCII range occurs at all.
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=2048)
def to_simplified(text: str) -> str:
    """The text in simplified script, one character for one (unchanged when that cannot hold)."""
    if not _NON_ASCII.search(text):
        return text
    out = _CONVERTER.convert(text)
    return out if len(out) == len(text) else text


_IDEOGRAPH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def script_map(simplified: str, written: str) -> dict[int, str]:
    """Per simplified character, the traditional one the plan wrote (for str.translate), from two
    texts aligned character for character; only ideographs that differ are mapped."""
    return {ord(s): w for s, w in zip(simplified, written)
            if s != w and _IDEOGRAPH.match(s) and _IDEOGRAPH.match(w)}
