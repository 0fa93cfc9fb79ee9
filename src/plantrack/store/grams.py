"""The indexed form of text for full-text search: overlapping two-character pieces.

Word segmenters both miss and over-match on plan text (森林覆盖率 may be cut as 森林/覆盖率 or
kept whole), so the index holds every pair of neighbouring characters instead. A query becomes the
same pairs, searched as a phrase: pairs in a row match exactly where the query is a substring.
Each pair is spelt as hex code points between 'g's (森林 -> g68eeg6797), a token every full-text
engine keeps whole, so SQLite FTS5 and PostgreSQL see the same tokens.

The last character is paired with "end" (…g6c34gend), so every character of the text is the first
half of exactly one token: a one-character query 水 is then the prefix query g6c34g* (no LIKE scan
of every row), and a one-character sentence still has a token.
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


END = "end"  # not a hex number, so never the second half of a real pair


def char_prefix(ch: str) -> str:
    """What every token whose first half is ch starts with: a prefix query finds ch anywhere."""
    return f"g{ord(ch):x}g"


_HALVES: dict[str, str] = {}  # character -> "g<hex>", the half of a token it spells


def _half(ch: str) -> str:
    half = _HALVES.get(ch)
    if half is None:
        half = _HALVES[ch] = f"g{ord(ch):x}"
    return half


def tokens_of(text: str) -> list[str]:
    """The tokens of a text in order: its pairs, then the last character paired with END.

    Built from cached halves joined pairwise: a plan of 60,000 characters is tokenised on every
    store, and formatting each pair anew was most of the Python time of storing a plan."""
    t = normalize(text)
    if not t:
        return []
    halves = list(map(_half, t))
    halves.append("g" + END)
    return list(map(str.__add__, halves, halves[1:]))


def grams_of(text: str) -> str:
    """The space-separated tokens of a text, as stored in Sentence.grams."""
    return " ".join(tokens_of(text))


# --- scope words -------------------------------------------------------------------------------------
# Besides its pair tokens, a sentence is indexed with the words that place it: its plan and, once a
# newer version of that plan is stored, "superseded". Searches restricted to some plans or to the
# current versions then filter inside the index instead of looking up every match's row.

SUPERSEDED = "superseded"


def plan_word(plan_id: int) -> str:
    return f"p{plan_id}"


def scope_words(plan_id: int, superseded: bool = False) -> str:
    """Sentence.scope of a sentence of plan_id's current version, or of an older one."""
    return f"{plan_word(plan_id)} {SUPERSEDED}" if superseded else plan_word(plan_id)
