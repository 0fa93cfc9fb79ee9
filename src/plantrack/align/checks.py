"""A plan checked against itself: the contradictions a reviewer would otherwise find by reading.

Plans contradict themselves: a prose target against the table's (森林覆盖率 18.39% in the table,
提高到26% in a chapter), an indicator count in a sentence against the rows of the table, a target
below its base for an indicator where higher is better, a % column holding a level, a name that
says 比例 over a unit of 万吨. Each check is one function in CHECKS, taking the plan and what it
needs and returning findings. A finding cites the two places it sets against each other
(`lines: [a, b]`, the same line twice where both are in one table row) and says in Chinese what
to look at, ready for a review memo.

The checks that read sentences (counts stated in the text) need the plan's source lines
(source.py); without them those checks are skipped, never guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..domain.numerals import cn_to_int
from ..domain.targets import interpret
from ..domain.units import is_unit
from . import units as U
from .catalogue import Catalogue, Decisions, default_catalogue
from .findings import binding_word, number, quoted, with_unit
from .normalize import normalize
from .source import SourceLine, source_lines, windows
from .targets import bound, target_level, worse_than_base


@dataclass
class Context:
    plan: dict
    key: object
    catalogue: Catalogue
    decisions: Decisions | None
    lines: list[SourceLine] | None

    def concept_of(self, name: str | None, unit: str | None = None):
        return self.catalogue.concept_of(name, unit, self.decisions)

    def direction(self, ind: dict) -> str | None:
        m = self.concept_of(ind.get("name"), ind.get("unit"))
        return m.concept.direction if m else None


def check_plan(plan: dict, key, text: str | None = None, *, catalogue: Catalogue | None = None,
               decisions: Decisions | None = None) -> list[dict]:
    """Every finding of every check, in the order of CHECKS, then of the plan."""
    ctx = Context(plan, key, catalogue or default_catalogue(), decisions, source_lines(plan, text))
    out = []
    for check in CHECKS:
        for f in check(ctx):
            out.append({"plan": key, **f})
    return out


def _finding(kind: str, severity: str, message: str, a: int | None, b: int | None, **extra) -> dict:
    return {"kind": kind, "severity": severity, "message": message, "lines": [a, b], **extra}


def _severity(ind: dict, high: str = "high", other: str = "medium") -> str:
    return high if ind.get("binding") == "binding" else other


# --- table against prose -------------------------------------------------------------------------

_COMPARABLE_RELATIONS = {"reach", "at_least", "at_most", "about", None}
_SPLIT_SUBJECT = re.compile(r"和|与|及|、")
_FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*(%|‰|‱)?")


def prose_figures(target: dict) -> list[tuple[str, float, str | None]]:
    """(subject, value, unit) stated by one prose target; "A和B分别控制在0.5%和3%以下" gives one per
    subject, paired in order, where the count of figures after 分别 equals the count of subjects."""
    subject, value, unit, text = target.get("subject") or "", target.get("value"), target.get("unit"), target.get("text") or ""
    if value is None:
        return []
    if "分别" in text:
        parts = [p for p in _SPLIT_SUBJECT.split(subject) if p]
        figures = _FIGURE.findall(text[text.index("分别"):])
        if len(parts) > 1 and len(figures) == len(parts):
            last_unit = next((u for _, u in reversed(figures) if u), unit)
            return [(p, float(v), u or last_unit) for p, (v, u) in zip(parts, figures)]
    return [(subject, float(value), unit)]


def check_table_prose(ctx: Context) -> list[dict]:
    """A prose target for an indicator of the table, for the same year, with another figure or unit."""
    out = []
    inds = ctx.plan.get("indicators") or []
    by_concept: dict[str, list[dict]] = {}
    by_norm: dict[str, list[dict]] = {}
    for ind in inds:
        m = ctx.concept_of(ind.get("name"), ind.get("unit"))
        if m:
            by_concept.setdefault(m.concept.id, []).append(ind)
        else:
            by_norm.setdefault(normalize(ind.get("name")), []).append(ind)
    for t in ctx.plan.get("targets") or []:
        if t.get("relation") not in _COMPARABLE_RELATIONS:
            continue
        for subject, value, unit in prose_figures(t):
            m = ctx.concept_of(subject, unit)
            for ind in (by_concept.get(m.concept.id, []) if m else by_norm.get(normalize(subject), [])):
                f = _conflict(ind, t, subject, value, unit)
                if f:
                    out.append(f)
    return out


def _conflict(ind: dict, t: dict, subject: str, value: float, unit: str | None) -> dict | None:
    target = interpret(ind)
    table_value = target_level(target)
    if table_value is None:
        return None
    if t.get("year") and ind.get("target_year") and t["year"] != ind["target_year"]:
        return None
    if t.get("line") == ind.get("line"):
        return None
    table_unit = ind.get("unit")
    f = U.factor(unit, table_unit) if unit and table_unit else 1.0
    year = f"{ind['target_year']}年" if ind.get("target_year") else ""
    where = f"本规划指标表第{ind.get('line')}行{quoted(ind)}{year}目标为“{with_unit(target.text, table_unit)}”"
    prose = f"正文第{t.get('line')}行写明“{t.get('text')}”"
    if f is None:
        if not table_unit or not unit:
            return None
        msg = f"{where}，{prose}，计量单位不一致（{table_unit}与{unit}），请核实并统一。"
    elif f != 1.0 and abs(value - table_value) < 1e-9:
        msg = f"{where}，{prose}，数值相同但计量单位不同（{table_unit}与{unit}），实际要求相差{max(f, 1 / f):g}倍，请核实并统一。"
    elif abs(value * f - table_value) > 1e-6 * max(1.0, abs(table_value)):
        msg = f"{where}，{prose}，两处目标不一致，请核实并统一。"
    else:
        return None
    return _finding("table_prose_conflict", _severity(ind), msg, ind.get("line"), t.get("line"), indicator=ind.get("name"))


# --- counts stated in the text -------------------------------------------------------------------

_NUM = r"(?P<n>\d+|[一二三四五六七八九十百两]+)"
STATED_TOTAL = (
    re.compile(r"(?:共|设置|设立|设有|确定|选取|包括|包含|涵盖)了?(?:主要|核心|具体)?(?:指标)?\s*" + _NUM
               + r"\s*(?:项|个)\s*(?:主要|核心|具体|规划)?指标"),
    re.compile(r"(?:主要|规划)?指标(?:体系)?(?:共|合计|总计)(?:设置|包括)?\s*" + _NUM + r"\s*(?:项|个)"),
    re.compile(r"共设置[^。；]{0,20}?指标\s*" + _NUM + r"\s*(?:项|个)"),
)
_REVIEW_WORDS = re.compile(r"十[一二三]五|完成|实现|已|不再监测|预计")
CATEGORY_COUNT = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十]+[）)])?\s*"
                            r"(?P<cat>[^\s()（）\d][^()（）]{1,24}?)\s*[（(]\s*" + _NUM + r"\s*(?:个|项)\s*[）)]\s*$")


def _count(text: str) -> int | None:
    return int(text) if text.isdigit() else cn_to_int(text)


def _category_key(text: str | None) -> str:
    return normalize(text or "")


def check_counts(ctx: Context) -> list[dict]:
    """"规划指标体系设置了26项指标" against 25 rows; "一、经济发展(6个)" against that category's rows."""
    inds = ctx.plan.get("indicators") or []
    if not inds or ctx.lines is None:
        return []
    out = []
    first_line = min(i.get("line") or 0 for i in inds) or None
    seen: set[int] = set()
    for no, text in windows(ctx.lines):
        for rx in STATED_TOTAL:
            m = rx.search(text)
            if not m or no in seen or _REVIEW_WORDS.search(text[max(0, m.start() - 20): m.end() + 10]):
                continue
            if m.start() >= len(ctx_line(ctx, no)):
                continue  # wholly on the next line: found there
            seen.add(no)
            n = _count(m.group("n"))
            if n is not None and n != len(inds):
                out.append(_finding(
                    "count_mismatch", "medium",
                    f"正文第{no}行称“{m.group(0)}”，但指标表（第{first_line}行起）实际列出{len(inds)}项指标，"
                    f"相差{abs(n - len(inds))}项，请核实指标数量或补全指标表。",
                    no, first_line, stated=n, actual=len(inds)))
    rows_by_cat = Counter(_category_key(i.get("category")) for i in inds)
    first_in_cat = {}
    for i in inds:
        first_in_cat.setdefault(_category_key(i.get("category")), i.get("line"))
    for ln in ctx.lines:
        m = CATEGORY_COUNT.match(ln.text.strip())
        if not m:
            continue
        cat = _category_key(m.group("cat"))
        n = _count(m.group("n"))
        if cat in rows_by_cat and n is not None and n != rows_by_cat[cat]:
            out.append(_finding(
                "count_mismatch", "medium",
                f"第{ln.no}行指标类别“{m.group('cat').strip()}”标明{n}个指标，但该类别实际列出{rows_by_cat[cat]}个"
                f"（第{first_in_cat[cat]}行起），请核实。",
                ln.no, first_in_cat[cat], stated=n, actual=rows_by_cat[cat]))
    return out


def ctx_line(ctx: Context, no: int) -> str:
    for ln in ctx.lines or []:
        if ln.no == no:
            return ln.text.strip()
    return ""


# --- one row against itself ----------------------------------------------------------------------

_DIRECTION_WORDS = {"higher": "越高越好", "lower": "越低越好"}


def check_target_vs_base(ctx: Context) -> list[dict]:
    """A target worse than the base, for the indicator's better direction (catalogue). Change
    measures (…增长, …下降) are left out: their base is another period's change, not a level to
    hold. A bound (95以上 against 98) only permits the decline, so it weighs less than a point."""
    out = []
    for ind in ctx.plan.get("indicators") or []:
        direction = ctx.direction(ind)
        if _GROWTH_NAME.search(normalize(ind.get("name"))) or _foreign_value_unit(ind):
            continue
        if not worse_than_base(ind, direction):
            continue
        unit = ind.get("unit") or ""
        target = interpret(ind)
        base_year = f"（{ind['base_year']}年）" if ind.get("base_year") else ""
        relation = "低于" if direction == "higher" else "高于"
        year = f"{ind['target_year']}年" if ind.get("target_year") else ""
        limit = bound(target)
        if limit in ("at_least", "at_most"):
            severity = "low"
            meaning = "目标为下限" if limit == "at_least" else "目标为上限"
            meaning += "，允许指标较基期倒退"
        else:
            severity = _severity(ind)
            meaning = "目标意味着倒退"
        out.append(_finding(
            "target_below_base", severity,
            f"本规划第{ind.get('line')}行{binding_word(ind)}指标{quoted(ind)}{year}目标“{with_unit(target.text, unit)}”"
            f"{relation}基期值{number(ind.get('base_value'))}{unit}{base_year}，而该指标{_DIRECTION_WORDS[direction]}，"
            f"{meaning}，请核实数值或说明理由。",
            ind.get("line"), ind.get("line"), indicator=ind.get("name")))
    return out


def _foreign_value_unit(ind: dict) -> bool:
    """A base or target that cannot be in the row's unit (29.53万吨 under %, 1350 under %): the
    unit check reports it; a base-to-target comparison would only repeat it wrongly."""
    unit = ind.get("unit")
    if any((vu := _value_unit(ind.get(f"{c}_text"))) and unit and U.compatible(vu, unit) is False
           for c in ("base", "target")):
        return True
    return any(_beyond_limit(ind, ind.get(f"{c}_value")) for c in ("base", "target"))


def _beyond_limit(ind: dict, value) -> int | None:
    """The limit a %/‰ value exceeds (100, 1000), for a row that is not a growth; else None."""
    limit = {"%": 100, "‰": 1000}.get(U.clean_unit(ind.get("unit")))
    if (limit and isinstance(value, (int, float)) and value > limit
            and not _GROWTH_NAME.search(normalize(ind.get("name")))):
        return limit
    return None


_GROWTH_NAME = re.compile(r"(增长|下降|减少)$")
_TRAILING_UNIT = re.compile(r"^[<>≤≥＜＞~约]?\s*[\[［(（]?\s*\d+(?:\.\d+)?\s*[\]］)）]?\s*(?P<u>[^\d\s*\]］)）][^\d\s*]*)$")
_NOT_UNITS = ("左右", "以上", "以下", "以内")


def _value_unit(text: str | None) -> str | None:
    """The unit written inside a value cell (29.53万吨 -> 万吨), None where there is none."""
    if not text:
        return None
    m = _TRAILING_UNIT.match(str(text).strip())
    if not m:
        return None
    u = m.group("u")
    for w in _NOT_UNITS:
        u = u.replace(w, "")
    u = u.rstrip("*")
    return u if u and is_unit(u) else None


def check_unit_values(ctx: Context) -> list[dict]:
    """A value that cannot be in the row's unit: a level above 100 in a % column (not a growth),
    or a value written with a unit of another dimension (29.53万吨 under %)."""
    out = []
    for ind in ctx.plan.get("indicators") or []:
        unit, line = ind.get("unit"), ind.get("line")
        units = U.split_units(unit)
        if len(units) > 1:
            out.append(_finding(
                "ambiguous_unit", "low",
                f"本规划第{line}行{quoted(ind)}的计量单位栏同时写有“{unit}”，而数值只有一个，无法判断数值所用单位，请明确。",
                line, line, indicator=ind.get("name")))
            continue
        for col, label in (("base", "基期值"), ("target", "目标值")):
            value, text = ind.get(f"{col}_value"), ind.get(f"{col}_text")
            vu = _value_unit(text)
            if vu and unit and U.compatible(vu, unit) is False:
                out.append(_finding(
                    "unit_value_mismatch", "medium",
                    f"本规划第{line}行{quoted(ind)}计量单位为“{unit}”，但{label}写作“{text}”（单位为{vu}），"
                    f"数值与单位不符，请核实。", line, line, indicator=ind.get("name")))
                continue
            limit = _beyond_limit(ind, value)
            if limit:
                out.append(_finding(
                    "unit_value_mismatch", "medium",
                    f"本规划第{line}行{quoted(ind)}计量单位为“{unit}”，但{label}为{number(value)}，超过{limit}，"
                    f"像是总量而非比例，请核实单位或数值。", line, line, indicator=ind.get("name")))
    return out


_SHARE_NAME = re.compile(r"(率|比例|指数)$")
_AMOUNT_NAME = re.compile(r"(数量|总量|产量|人数|个数|户数|面积|里程|规模)$")


def check_name_unit(ctx: Context) -> list[dict]:
    """A name that says share or growth over a unit of amount (…比例 in 万吨), or an amount in %."""
    out = []
    for ind in ctx.plan.get("indicators") or []:
        unit, name = ind.get("unit"), normalize(ind.get("name"))
        units = U.split_units(unit)
        if not units or "/" in name:
            continue
        fits_share = any(U.is_ratio(u) or "/" in u for u in units)
        problem = None
        if _SHARE_NAME.search(name) and not fits_share:
            problem = "名称表明是比例或比率"
        elif _GROWTH_NAME.search(name) and name.endswith("增长") and not fits_share:
            problem = "名称表明是增长率"
        elif _AMOUNT_NAME.search(name) and all(U.is_ratio(u) for u in units):
            problem = "名称表明是数量或总量"
        if problem:
            out.append(_finding(
                "name_unit_mismatch", "medium",
                f"本规划第{ind.get('line')}行{quoted(ind)}{problem}，但计量单位为“{unit}”，名称与单位不符，请核实。",
                ind.get("line"), ind.get("line"), indicator=ind.get("name")))
    return out


CHECKS: tuple[Callable[[Context], list[dict]], ...] = (
    check_table_prose,
    check_counts,
    check_target_vs_base,
    check_unit_values,
    check_name_unit,
)
