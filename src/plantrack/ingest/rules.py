"""Scanning text with an ordered table of named rules (mistune style): the helpers the rule-table
modules share (prose.py TIME_RULES and TARGET_RULES, tasks.py TASK_RULES).

A rule table is read on every clause of a plan, and most clauses fit no rule. Trying each rule's
pattern on each clause is most of the parse time; `cue` derives from a pattern the words any text
it fits must contain (the verb of 达到, the 零 of 零填埋, a digit), so one cheap search of all the
rules' cues together turns most clauses away before any rule is tried. The cues come from the
patterns themselves, so a rule added or widened carries its cue with it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Protocol, TypeVar

try:  # the regular expression parser of the standard library (sre_parse before Python 3.11)
    from re import _parser as _sre
except ImportError:  # pragma: no cover
    import sre_parse as _sre  # type: ignore[no-redef]


class HasPattern(Protocol):
    pattern: re.Pattern


R = TypeVar("R", bound=HasPattern)


def earliest_match(rules: Iterable[R], text: str, pos: int = 0) -> tuple[R, re.Match] | None:
    """The rule whose pattern matches first at or after pos (ties: the earlier rule in the table)."""
    best: tuple[R, re.Match] | None = None
    for rule in rules:
        m = rule.pattern.search(text, pos)
        if m and (best is None or m.start() < best[1].start()):
            best = (rule, m)
    return best


# --- cues: what a text must contain for a pattern to fit it ---------------------------------------
#
# The analysis is the one RE2's prefilter makes, on the parse tree of a pattern. Each piece of a
# pattern is either exact (it matches one of a few known strings, kept as regex fragments: 达到,
# [个家], \d) or not, and then known only by a conjunction of sets, one fragment of each set being
# in every text it matches. A sequence concatenates exact neighbours (达 + [到至] -> 达到, 达至);
# an alternation is exact when all its branches are, else it requires one of its branches' sets;
# a repeat that may match nothing, a negated class and `.` say nothing. What a pattern finally
# requires is its strongest set: the one whose weakest fragment holds the most literal characters.

_MAX_EXACT = 16  # fragments an exact set may hold before it is given up (a cross product grows fast)


class _Exact(frozenset):
    """The piece matches exactly one of these fragments ("" when it may match nothing)."""


def _class_source(items) -> str | None:
    """A positive character class rebuilt as source ([个家], \\d); None for negated or odd ones."""
    out = []
    for op, av in items:
        if op is _sre.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is _sre.RANGE and av[1] - av[0] < 16:  # [一-九]; a block of the script says nothing
            out.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _sre.CATEGORY and av is _sre.CATEGORY_DIGIT:
            out.append(r"\d")
        else:  # NEGATE, other categories: a class that matches nearly anything tells nothing
            return None
    if len(out) == 1 and len(items) == 1 and items[0][0] is not _sre.RANGE:
        return out[0]  # one character, or \d
    return "[" + "".join(out) + "]" if out else None


def _strength(fragment: str) -> float:
    """How rare a fragment is: a literal character counts 1, a class one over the characters it
    takes ([个家] a half, \\d a tenth), so a set of words beats a set of digits."""
    total = 0.0
    for token in _tokens(fragment):
        if token == r"\d":
            total += 0.1
        elif token.startswith("[") and len(token) > 1:
            body = token[1:-1]
            width = 10 * body.count("\\d")
            body = re.sub(r"\\(?=.)", "", body.replace("\\d", ""))
            width += sum(ord(b) - ord(a) + 1 for a, b in re.findall(r"(.)-(.)", body))
            width += len(re.sub(r".-.", "", body))
            total += 1 / max(width, 1)
        else:
            total += 1
    return total


def _set_strength(fragments: frozenset) -> float:
    return min(_strength(f) for f in fragments) if fragments else 0.0


def _best(sets: list[frozenset]) -> frozenset | None:
    """The most selective of the required sets: strongest weakest fragment, then fewest fragments."""
    sets = [s for s in sets if s and "" not in s]
    return max(sets, key=lambda s: (_set_strength(s), -len(s))) if sets else None


def _required(exact_or_sets) -> list[frozenset]:
    """The conjunction of sets a piece's info amounts to."""
    if isinstance(exact_or_sets, _Exact):
        return [] if "" in exact_or_sets else [frozenset(exact_or_sets)]
    return exact_or_sets


def _info(items) -> _Exact | list[frozenset]:
    """Info of a sequence of parse-tree items: exact fragments, or a conjunction of required sets."""
    required: list[frozenset] = []
    exact: set[str] = {""}  # the exact run being built, left to right
    whole = True  # every piece so far exact, and the run never cut: the sequence is exact
    for op, av in items:
        if op is _sre.ASSERT and av[0] == 1:  # (?=…): what it looks at is in the text, after this place
            # (not a lookbehind's: it may lie before where a scan from a position starts)
            if looked_at := _required(_info(av[1])):
                required.extend(looked_at)
                whole = False
            continue
        piece = _item_info(op, av)
        if isinstance(piece, _Exact) and len(exact) * len(piece) <= _MAX_EXACT:
            exact = {a + b for a in exact for b in piece}
            continue
        whole = False
        required.extend(_required(_Exact(exact)))
        if isinstance(piece, _Exact) and len(piece) <= _MAX_EXACT:
            exact = set(piece)  # a run too long to grow: start a new one here
        else:
            required.extend(_required(piece))
            exact = {""}
    if whole:
        return _Exact(exact)
    required.extend(_required(_Exact(exact)))
    return required


def _item_info(op, av) -> _Exact | list[frozenset]:
    if op is _sre.LITERAL:
        return _Exact({re.escape(chr(av))})
    if op is _sre.IN:
        source = _class_source(av)
        return _Exact({source}) if source else []
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return _Exact({""})  # zero width: what it looks at is not required to be matched here
    if op is _sre.SUBPATTERN:
        return [] if av[1] & re.IGNORECASE else _info(av[-1])  # (?i:…) would need every case
    if op is _sre.ATOMIC_GROUP:
        return _info(av)
    if op is _sre.BRANCH:
        branches = [_info(b) for b in av[1]]
        if all(isinstance(b, _Exact) for b in branches):
            union = _Exact(frozenset().union(*branches))
            if len(union) <= _MAX_EXACT:
                return union
        best = [_best(_required(b)) for b in branches]
        return [] if any(b is None for b in best) else [frozenset().union(*best)]
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, high, body = av
        inner = _info(body)
        if low == 0:
            if high == 1 and isinstance(inner, _Exact):
                return _Exact(inner | {""})
            return []
        if low == high == 1:
            return inner
        return _required(inner)  # at least once: what one pass requires
    return []  # ANY, NOT_LITERAL, back references …: nothing known


def required_sets(pattern: re.Pattern | str) -> list[frozenset]:
    """Sets of regex fragments such that every text the pattern fits contains one fragment of each."""
    source = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    return [s for s in _required(_info(_sre.parse(source))) if s and "" not in s]


def _alternation(fragments: Iterable[str]) -> str:
    return "|".join(sorted(fragments, key=lambda f: (-len(f), f)))


def cue(pattern: re.Pattern | str) -> str | None:
    """A regex of the fragments every text the pattern fits contains, one of them at least, or
    None when the pattern requires nothing definite (^.*$). A search for it is a necessary test:
    where it fails, the pattern cannot match."""
    best = _best(required_sets(pattern))
    return _alternation(best) if best is not None else None


def all_cues(pattern: re.Pattern | str) -> list[re.Pattern]:
    """Every required set of a pattern as a regex: a text the pattern fits passes each of them."""
    return [re.compile(_alternation(s)) for s in required_sets(pattern)]


def passes_cues(cues: list[re.Pattern], text: str) -> bool:
    return all(c.search(text) for c in cues)


def any_cue(patterns: Iterable[re.Pattern]) -> re.Pattern:
    """One regex that a text fitting any of the patterns matches (the empty regex, which every text
    passes, when one of them requires nothing definite).

    Each pattern contributes one of its required sets; where several patterns require the same
    set (a figure, for every rule stating a quantity), that set is taken for all of them, so the
    alternation stays short and the words of rules that also need a figure (为, 达 …) stay out."""
    conjunctions = [required_sets(p) for p in patterns]
    if not all(conjunctions):
        return re.compile("")
    shared = Counter(s for c in conjunctions for s in set(c))
    chosen = [max(c, key=lambda s: (shared[s], _set_strength(s), -len(s))) for c in conjunctions]
    fragments = list(dict.fromkeys(f for s in chosen for f in _alternation(s).split("|")))
    tokens = {f: tuple(_tokens(f)) for f in fragments}
    # A fragment holding another (年均增速 holds 增速; “十[一二三]五 holds 十[一二三]五) adds nothing.
    kept = [f for f in fragments if not any(g != f and _holds(tokens[f], tokens[g]) for g in fragments)]
    return re.compile("|".join(kept))


def _tokens(fragment: str) -> list[str]:
    """A fragment cut into what each matches one character with: a class, an escape, a character."""
    return re.findall(r"\[[^\]]*\]|\\.|.", fragment)


def _holds(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    n = len(inner)
    return any(outer[i:i + n] == inner for i in range(len(outer) - n + 1))
