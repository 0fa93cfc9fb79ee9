"""The type of one table cell, read from its content alone: what a column of such cells can be.

A table is recognised by its body as much as by its header: a run of rows that carry an
indicator-like name with numbers, units, value markers and often 约束性/预期性. Typing every cell
is the first step; column roles and table regions are decided from the types (columns.py,
regions.py). The rules are named and tried in order (mistune's shape); the first that matches
gives the type:

    empty     —, -, /, 无 (a cell left empty on purpose)
    binding   约束性, 预期性
    year      2025年, 2020 (a column header, not a value)
    compound  0/97/0/81, 1/3 (several values in one cell)
    number    59.55*, >7, ≥0.9, [15], 〔14〕, 6左右, 90%以上, 3.5以内, 29.53万吨, 不低于20
    unit      %, 万吨, 亿元, 微克/立方米, 人/亿元 (domain/units.py)
    text      a value stated in words: 完成省下达任务, 与经济增长同步, 提高13.4个百分点
    name      words that name an indicator: 森林覆盖率(%), 地区生产总值增长
    other     anything else (a header word, a stray symbol)

Cells are read in normal form (normalize.py), so full-width digits and signs need no rule.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...domain.units import is_unit
from ...domain.values import EMPTY_CELLS, is_compound

_PREFIX = r"(?:[<>≤≥~约±]|不低于|不高于|不少于|不超过|不大于|不小于|大于|小于|高于|低于|超过|达到|控制在|力争|保持)*"
_SUFFIX_WORDS = r"(?:左右|以上|以下|以内|及以上|及以下|上下)"
_NUMBER = re.compile(
    rf"^{_PREFIX}\s*[\[〔(（]?\s*[<>≤≥]?\s*[-+]?\d+(?:[.,]\d+)*\s*[\]〕)）]?\s*(?P<rest>.*)$"
)
_BINDING = re.compile(r"^(?:约束性?|预期性?)(?:指标)?$")
_YEAR = re.compile(r"^(?:19|20)\d{2}\s*年(?:底|末)?$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TWO_CJK = re.compile(r"[\u4e00-\u9fff].*[\u4e00-\u9fff]")
_SENTENCE = re.compile(r"[。；;！？]")
# Words a value stated in words starts with or holds; a name does not (it names, it does not aim).
_TEXT_VALUE = re.compile(
    # 基本/全面 open a stated target (基本实现, 全面建成) but also names (基本养老保险参保率).
    r"^(?:完成|达到|保持|高于|低于|不低于|不高于|同步|控制|力争|确保|实现|稳定|提高|提升|下降|降低|增加|减少|持续|进一步|符合|满足|优于|好于|与"
    r"|基本(?=实现|完成|达到|建成|形成|消除|满足|稳定|持平|覆盖|保持|普及|消灭|全覆盖)|全面(?=实现|完成|建成|达到|消除|覆盖|推行|普及|完成))"
    r"|完成|同步|符合|满足|下达|控制在|力争|确保|百分点"
)


_QUALIFIER = re.compile(r"[(（][^()（）]{1,12}[)）]")


def _is_number(t: str) -> bool:
    m = _NUMBER.match(t)
    if not m:
        return False
    rest = m.group("rest").strip().lstrip("*").strip()
    if not rest or _QUALIFIER.fullmatch(rest):  # 20(80%用户): a value and who or what it holds for
        return True
    rest = re.sub(_SUFFIX_WORDS, "", rest).strip("*() （）")
    return not rest or is_unit(rest) or bool(re.fullmatch(r"[,，、/].*", rest))


# Named rules, in the order they are tried.
CELL_RULES: tuple[tuple[str, object], ...] = (
    ("empty", lambda t: t in EMPTY_CELLS),
    ("binding", lambda t: bool(_BINDING.match(t))),
    ("year", lambda t: bool(_YEAR.match(t))),
    ("compound", lambda t: is_compound(t)),
    ("number", _is_number),
    ("unit", lambda t: is_unit(t)),
    ("text", lambda t: bool(_CJK.search(t)) and bool(_TEXT_VALUE.search(t))),
    ("name", lambda t: bool(_TWO_CJK.search(t)) and not _SENTENCE.search(t)),
)

VALUE_TYPES = frozenset({"empty", "number", "compound", "text"})


@lru_cache(maxsize=16384)
def cell_type(text: str) -> str:
    """The type of one cell (normalised text): empty, binding, year, compound, number, unit, text,
    name or other."""
    t = text.strip()
    for name, test in CELL_RULES:
        if test(t):
            return name
    return "other"


def is_value(text: str) -> bool:
    """A cell that can stand in a value column (a number, an empty mark, a value in words)."""
    return cell_type(text) in VALUE_TYPES
