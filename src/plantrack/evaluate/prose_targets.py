"""Prose targets as tracked items: a target the plan states in its text (到2025年，森林覆盖率提高到
26%) is evaluated like a row of its indicator table.

A plan without an indicator table (the Yellow River plan) sets all its targets in its text, and a
plan with one sets more there; an evaluation that reads only the table misses them. A prose target
becomes a tracked item when a person could measure it:

* it has a year within the plan period (到2025年 …): a commitment without a date cannot be on or
  off its path, and one for 2035 is not this period's;
* it states a figure (达到, 以上, 以内, 左右, 区间, 累计增加) or a direction (明显提高, 大幅提高):
  qualitative wording (基本消除, 全覆盖) stays in the list of 文中量化目标 for a person;
* its subject is a catalogue concept (tracking.py decides): only then can observations reach it.

A table row and a prose target about the same concept are one tracked item, the row's: the prose
target is attached to it (and its verb says whether a bare threshold is held or reached,
domain.targets.held_in_prose). Two prose targets about the same concept are one item too: the one
due first within the plan period (到2025年 before 到2030年), the others attached to it.

A table row whose cell only takes on a figure from above (完成省下达任务) while the text states the
figure (优良天数比例达到75%以上, same concept, same year) is judged against the text's figure
(`stated_figure`): the plan committed to it in its own words.
"""

from __future__ import annotations

from collections.abc import Iterable

from plantrack.domain.targets import QUANTITATIVE, interpret
from plantrack.evaluate.assessment import fmt

# The category prose items carry, so reports and the composite index show where they come from.
PROSE_CATEGORY = "文中量化目标"
ORIGIN = "prose"


def target_text(target: dict) -> str | None:
    """A prose target written the way a table cell writes it, so domain.targets reads it: ≥50,
    ≤80, 10左右, 2-3, 累计增加2000, 年均增长10, 大幅提高; None where it states neither a figure
    nor a direction."""
    relation = target.get("relation")
    value, low, high = target.get("value"), target.get("low"), target.get("high")
    said = str(target.get("text") or "")
    if relation == "directional":
        return target.get("direction") or None
    if low is not None and high is not None:
        return f"{fmt(low)}-{fmt(high)}"
    if value is None:
        return None
    figure = fmt(value)
    if relation == "at_least":
        return f"≥{figure}"
    if relation == "at_most":
        return f"≤{figure}"
    if relation == "about":
        return f"{figure}左右"
    if relation in ("increase", "decrease", "cumulative"):
        if "年均" in said:
            return f"年均增长{figure}"
        above = "以上" if "以上" in str(target.get("value_text") or said) else ""
        verb = "下降" if relation == "decrease" else "增加"
        return f"累计{verb}{figure}{above}"
    if relation == "reach":
        return figure
    return None


def prose_indicator(target: dict, index: int) -> dict | None:
    """The contract-indicator form of one prose target, or None where it is not measurable
    (no year, or neither a figure nor a direction)."""
    if not target.get("subject") or not target.get("year"):
        return None
    text = target_text(target)
    if text is None:
        return None
    return {
        "category": PROSE_CATEGORY, "name": target["subject"], "unit": target.get("unit"),
        "binding": None, "base_year": None, "base_value": None, "base_text": None,
        "target_year": int(target["year"]), "target_value": target.get("value"), "target_text": text,
        "annual_growth": None, "line": target.get("line"), "origin": ORIGIN,
        "quote": target.get("text"), "target_index": index,
    }


def measurable(indicator: dict, period: tuple[int, int], prose: str | None = None) -> bool:
    """Whether the target reads as a figure or a direction (not qualitative, not assigned)."""
    spec = interpret(indicator, period, prose=prose)
    return spec.kind in QUANTITATIVE or spec.kind == "directional"


def tracked_prose(targets: Iterable[dict], period: tuple[int, int], concept_of, table_concepts: set[str],
                  table_names: set[str]) -> tuple[list[tuple[dict, str]], dict[str, list[dict]]]:
    """(the prose items to evaluate as (indicator, concept), the prose targets attached to a
    table row or to another prose item, by concept).

    concept_of(subject, unit) -> concept id or None. A target whose concept (or cleaned name) is a
    table row's is attached to that row; of several about one concept, the first due within the
    plan period is the item."""
    from plantrack.domain.targets import clean_name

    candidates: dict[str, list[tuple[dict, dict]]] = {}
    attached: dict[str, list[dict]] = {}
    for i, target in enumerate(targets):
        indicator = prose_indicator(target, i)
        if indicator is None:
            continue
        concept = concept_of(target["subject"], target.get("unit"))
        if concept is None:
            continue
        if concept in table_concepts or clean_name(target["subject"]) in table_names:
            attached.setdefault(concept, []).append(_link(target))
            continue
        if not measurable(indicator, period, target.get("text")):
            continue
        candidates.setdefault(concept, []).append((indicator, target))
    items = []
    start, end = period
    for concept, found in candidates.items():
        found.sort(key=lambda p: (p[0]["target_year"], p[0]["line"] or 0))
        within = [p for p in found if start <= p[0]["target_year"] <= end]
        if not within:
            # 到2035年 … only: a goal beyond the plan period is not measured against this period's path.
            attached.setdefault(concept, []).extend(_link(t) for _, t in found)
            continue
        first = within[0][0]
        rest = [p for p in found if p[0] is not first]
        items.append((first, concept))
        if rest:
            attached.setdefault(concept, []).extend(_link(t) for _, t in rest)
    items.sort(key=lambda p: (p[0]["line"] or 0, p[0]["target_index"]))
    return items, attached


def _link(target: dict) -> dict:
    """A prose target as attached to an item: what it says, where, and its figure as a table cell
    would write it (None for a direction or qualitative wording)."""
    return {"subject": target.get("subject"), "text": target.get("text"), "year": target.get("year"),
            "line": target.get("line"), "figure": None if target.get("relation") == "directional" else target_text(target)}


def stated_figure(links, target_year: int | None) -> dict | None:
    """The figure the plan's text states for a table row whose cell only says 完成省下达任务: the
    attached prose target with a figure for the row's target year (the first in the text). A
    figure for another year (到2030年) is not the row's target."""
    for link in links:
        if link.get("figure") and (target_year is None or link.get("year") == target_year):
            return link
    return None
