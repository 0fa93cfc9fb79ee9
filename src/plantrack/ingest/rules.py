"""Scanning text with an ordered table of named rules (mistune style): the helper the rule-table
modules share (prose.py TIME_RULES, tasks.py TASK_RULES)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol, TypeVar


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
