"""Anti-scraping noise that forum copies insert into a plan's text, dropped before anything reads it.

Forums (Discuz and its kin) hide random strings in reposted text to spoil copying:
`地级及以上城市空气质量优良天数比率(%). M! K; h1 N/ ]` or `70。8# ^1 O8 T# n`. The noise is a run of
tiny tokens — one or two visible ASCII characters each, single spaces between them — many of
which mix a letter or digit with a punctuation mark (K;, {8; h1 is not). Such a run is dropped
when it holds four tokens two of them mixed, or six tokens one of them mixed: plan text has no
such thing (numbers, units and words are longer, and a row of values such as 5% 6% -3 mixes
nothing: a digit counts as mixed only beside a mark values never carry).

The noise often starts glued to the word before it: its first token is the word's tail when that
tail starts with a punctuation mark (70。8#, 比率(%).) or follows a Chinese character (约束性4,
主要指标7). A cell that the noise follows (`| -! N"`, an empty cell `-` then noise) keeps its
`| -`. A digit glued to a value's end (667 for 66 then 7) cannot be told from the value and stays.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\S+")
_TINY = re.compile(r"^[!-~]{1,2}$")
_ALNUM = re.compile(r"[A-Za-z0-9]")
_PUNCT = re.compile(r"[!-/:-@\[-`{-~]")
_CJK_BEFORE_TAIL = re.compile(r"[^\x00-\x7f]$")
_EMPTY_MARKS = ("-", "—")
_NOISE_MARK = re.compile(r"[!\"#$&'(),:;?@\[\\\]^_`{|}]")
MIN_TOKENS = 4
MIN_MIXED = 2


def drop_jammer(text: str) -> str:
    """The line without its runs of forum noise (spaces where a run stood between words)."""
    if len(_PUNCT.findall(text)) < 2:
        return text  # too few marks for noise: the common case, cheap
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    cut: list[tuple[int, int]] = []  # spans of text to drop
    k = 0
    while k < len(tokens):
        start_at, run, k_end = _run_from(tokens, k)
        if run and _is_noise(run):
            cut.append((start_at, tokens[k_end - 1][1]))
            k = k_end
        else:
            k += 1
    if not cut:
        return text
    out, pos = [], 0
    for a, b in cut:
        out.append(text[pos:a])
        pos = b
    out.append(text[pos:])
    return re.sub(r"[ \t]{2,}", " ", "".join(out)).strip()


def _tail(word: str) -> str | None:
    """The start of noise glued to the end of a word, if the word has one."""
    if len(word) < 2:
        return None
    last = word[-1]
    if _PUNCT.match(last) and not _closes_own_bracket(word):
        return last
    if _TINY.match(last) and _CJK_BEFORE_TAIL.search(word[:-1]):
        return last
    return None


def _closes_own_bracket(word: str) -> bool:
    pairs = {")": "(", "]": "[", "}": "{"}
    return word[-1] in pairs and pairs[word[-1]] in word[:-1]


def _run_from(tokens: list[tuple[int, int, str]], k: int) -> tuple[int, list[str], int]:
    """(where the run starts in the text, its tokens, index after its last token) of the run of
    tiny tokens starting at token k (or at the tail of token k)."""
    a, b, word = tokens[k]
    after_pipe = k > 0 and tokens[k - 1][2] == "|"
    run: list[str] = []
    start_at, j = a, k
    if after_pipe and word.startswith(_EMPTY_MARKS):
        # An empty cell (| -) with noise glued to it (| -! N"): the mark stays, the rest may be noise.
        rest = word[1:]
        if not (rest and _PUNCT.match(rest)):
            return a, [], k + 1
        run.append(rest)
        start_at, j = b - len(rest), k + 1
    elif word == "|" and k + 1 < len(tokens) and tokens[k + 1][2].startswith(_EMPTY_MARKS):
        return a, [], k + 1
    elif not _TINY.match(word):
        tail = _tail(word)
        if tail is None:
            return a, [], k + 1
        run.append(tail)
        start_at, j = b - len(tail), k + 1
    while j < len(tokens):
        w = tokens[j][2]
        if not _TINY.match(w) or (j > k and tokens[j][0] - tokens[j - 1][1] > 1):
            break
        if w == "|" and j + 1 < len(tokens) and tokens[j + 1][2].startswith(_EMPTY_MARKS):
            break  # `| -`: an empty cell the noise stood around
        run.append(w)
        j += 1
    return start_at, run, j


def _is_mixed(token: str) -> bool:
    """A letter with a mark (K;, N/, S+) or a digit with a mark values never carry ({8, ]9, 2~):
    5% or -3 is a value, not noise."""
    if re.search(r"[A-Za-z]", token) and _PUNCT.search(token):
        return True
    return bool(re.search(r"\d", token) and _NOISE_MARK.search(token))


def _is_noise(run: list[str]) -> bool:
    mixed = sum(map(_is_mixed, run))
    return (len(run) >= MIN_TOKENS and mixed >= MIN_MIXED) or (len(run) >= 6 and mixed >= 1)
