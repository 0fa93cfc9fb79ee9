"""The indexed form of text for full-text search: overlapping two-character pieces.

Word segmenters both miss and over-match on plan text (森林覆盖率 may be cut as 森林/覆盖率 or
kept whole), so the index holds every pair of neighbouring characters instead. A query becomes the
same pairs, searched as a phrase: pairs in a row match exactly where the query is a substring.
Each pair is spelt as hex code points between 'g's (森林 -> g68eeg6797), a token every full-text
engine keeps whole, so SQLite FTS5 and PostgreSQL see the same tokens.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """The form both the index and queries are cut from: NFKC, lower case, no white space."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).lower()


def pair_token(a: str, b: str) -> str:
    return f"g{ord(a):x}g{ord(b):x}"


def pairs(text: str) -> list[str]:
    t = normalize(text)
    return [pair_token(t[i], t[i + 1]) for i in range(len(t) - 1)]


def grams_of(text: str) -> str:
    """The space-separated pair tokens of a text, as stored in Sentence.grams."""
    return " ".join(pairs(text))
