"""The regions that track one concept (森林覆盖率, 常住人口城镇化率 …), side by side: each plan's
target for it, the region's latest value and the status in a year.

An office compares its cities against each other and against the province; the numbers are the
ones the plan and indicator pages show (the same evaluations and observations), gathered across
plans. The map needs boundaries: region_maps.py says which locally served GeoJSON draws them.
"""

from __future__ import annotations

from functools import lru_cache

from ..align.catalogue import default_catalogue
from ..domain.regions import load_regions
from ..store.observations import observations_for
from . import labels
from .indicator_list import IndicatorFilter, visible_plans
from .queries import data_state, evaluation, indicators_by_concept


@lru_cache(maxsize=1)
def _regions() -> dict:
    return {r.code: r for r in load_regions()}


def find_concept(text: str | None):
    """A concept by its id (forest_coverage) or its Chinese name (森林覆盖率); None if unknown."""
    if not text:
        return None
    catalogue = default_catalogue()
    concept = catalogue.get(text)
    if concept is not None:
        return concept
    by_name = next((c for c in catalogue.concepts.values() if c.name == text), None)
    if by_name is not None:
        return by_name
    match = catalogue.concept_of(text)
    return match.concept if match is not None and match.method != "fuzzy" else None


def tracked_concepts(session, actor) -> list[dict]:
    """Every concept some visible plan has an indicator for, with how many regions track it."""
    catalogue = default_catalogue()
    regions: dict[str, set[str]] = {}
    state = data_state(session)
    for plan in visible_plans(session, actor, IndicatorFilter()):
        for concept in indicators_by_concept(session, plan, state):
            if plan.region_code:
                regions.setdefault(concept, set()).add(plan.region_code)
    out = [{"id": cid, "name": catalogue.get(cid).name if catalogue.get(cid) else cid, "regions": len(codes)}
           for cid, codes in regions.items()]
    return sorted(out, key=lambda c: (-c["regions"], c["name"]))


def _latest(session, region_code: str, concept: str, year: int) -> dict | None:
    """The region's newest value of the concept up to the year (a later one would be the future)."""
    found = [o for o in observations_for(session, region_code, concept) if o.year <= year]
    if not found:
        return None
    o = max(found, key=lambda o: (o.year, o.id))
    return {"year": o.year, "value": o.value, "unit": o.unit, "source": o.source_title}


def comparison_rows(session, actor, concept: str, year: int) -> list[dict]:
    """One row per (plan, indicator) of the concept, provinces first, then cities, then counties."""
    state = data_state(session)
    rows = []
    for plan in visible_plans(session, actor, IndicatorFilter()):
        found = indicators_by_concept(session, plan, state).get(concept)
        if not found or not plan.region_code:
            continue
        by_id = {a.get("indicator_id"): a for a in evaluation(session, plan, year, state)["assessments"]}
        latest = _latest(session, plan.region_code, concept, year)
        region = _regions().get(plan.region_code)
        for ind in found:
            a = by_id.get(ind["id"], {})
            target = a.get("target") or {}
            observed = a.get("observed") or latest
            rows.append({
                "region": plan.region_name or (region.name if region else plan.region_code),
                "region_code": plan.region_code,
                "region_level": region.level if region else plan.level,
                "plan": {"key": plan.key, "title": plan.title or plan.key,
                         "level_label": labels.label(labels.LEVELS, plan.level, "未标明"),
                         "kind_label": labels.label(labels.KINDS, plan.kind, "未标明")},
                "indicator": {"id": ind["id"], "name": ind["name"], "unit": ind["unit"], "binding": ind["binding"],
                              "line": ind["line"]},
                "target": {"year": target.get("year") or ind["target_year"], "value": target.get("value"),
                           "text": target.get("text") or ind["target_text"] or ind["annual_growth"]},
                "latest": {"year": observed.get("year"), "value": observed.get("value")} if observed else None,
                "status": a.get("status", "无数据"),
            })
    return rows


def map_regions(rows: list[dict]) -> list[dict]:
    """One entry per region below the map's own level: its name, latest value and worst status."""
    order = {s: i for i, s in enumerate(("滞后", "需人工评估", "基本符合预期", "快于预期", "提前实现", "无数据"))}
    out: dict[str, dict] = {}
    for r in rows:
        entry = out.setdefault(r["region_code"], {"code": r["region_code"], "name": r["region"],
                                                  "level": r["region_level"], "value": None, "status": r["status"]})
        if r["latest"] and entry["value"] is None:
            entry["value"] = r["latest"]["value"]
        if order.get(r["status"], 9) < order.get(entry["status"], 9):
            entry["status"] = r["status"]
    return list(out.values())
