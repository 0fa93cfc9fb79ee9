"""Decomposition (分解下达): a parent plan's indicator target assigned to child regions.

Each child region's assigned figure is stored with the aggregation rule of its indicator; the check
(evaluate/decomposition.py) says whether the children add up to or are as strict as the parent.
A child region's assigned figure is what its own plan's 完成省下达任务 means: `assigned_for_plan`
gives it to evaluation and alignment. Regions without a plan of their own still hold theirs.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.actor import Actor
from ..domain.targets import interpret
from ..evaluate.annual import readable
from ..evaluate.decomposition import RULE_LABELS, RULES, check_allocation, parent_figure
from ..store.models import Allocation, Plan, Region
from ..store.repository import require_plan
from . import DutyInputError
from .rows import PlanRows, read_file
from .units import region_resolver
from .audit_events import record_import

DECOMPOSITION_COLUMNS = ("parent_plan", "indicator", "region", "assigned", "unit", "rule")  # weight: optional
TEMPLATE_COLUMNS = (*DECOMPOSITION_COLUMNS, "weight")


def read_assigned(indicator: dict, text: str):
    """The assigned text read as a target of the parent indicator (its unit, direction, rate)."""
    row = {k: v for k, v in indicator.items() if k not in ("target_value", "annual_growth", "planned_growth")}
    row["target_text"] = str(text)
    return interpret(row)


def _under(code: str, ancestor: str | None, parents: dict[str, str | None]) -> bool:
    if ancestor is None:
        return True
    code = parents.get(code)
    while code:
        if code == ancestor:
            return True
        code = parents.get(code)
    return False


def _unit_norm(u: str | None) -> str:
    return (u or "").replace("（", "(").replace("）", ")").strip()


def _blank(row: dict[str, str]) -> bool:
    """A template row naming an indicator and a region but passing nothing down (the downloaded
    template lists every indicator × child region; the rows left empty are not allocations)."""
    return not any((row.get(c) or "").strip() for c in ("assigned", "rule", "weight"))


def _stored_rules(session: Session, plan: Plan, name: str) -> dict[str, str]:
    """region code -> rule of the indicator's active allocations (all of one rule, by the checks)."""
    return {a.region_code: a.rule for a in session.scalars(select(Allocation).where(
        Allocation.parent_plan_id == plan.id, Allocation.indicator_name == name, Allocation.state == "active"))}


def check_allocation_rows(session: Session, rows: list[tuple[int, dict[str, str]]], fname: str) -> list[tuple]:
    """Every row checked (plan, indicator, a child region, a readable figure, its unit, one rule
    per indicator — in the file and with the regions already stored —, a weight where the rule
    needs one, no duplicates); the good rows, or DutyInputError naming every bad one."""
    resolve = region_resolver(session)
    parents = dict(session.execute(select(Region.code, Region.parent_code)).all())
    problems: list[str] = []
    lookup = PlanRows(session, problems)
    seen: dict[tuple, int] = {}
    rule_of: dict[tuple, tuple[str, int]] = {}
    regions_in_file: dict[tuple, set] = {}
    conflicts: list[tuple] = []
    good = []
    for number, row in rows:
        if _blank(row):
            continue
        row = {k: (v or "").strip() for k, v in row.items()}
        where = f"{fname} 第{number}行"
        bad = len(problems)
        key = row["parent_plan"]
        plan = lookup.plan(key, where)
        indicator = lookup.indicator(plan, row["indicator"], where) if plan else None
        code = resolve(row["region"]) if row["region"] else None
        if code is None:
            problems.append(f"{where}：行政区划中没有“{row['region']}”")
        elif plan is not None and not _under(code, plan.region_code, parents):
            problems.append(f"{where}：“{row['region']}”不是规划“{key}”所在地区（{plan.region_name}）的下级地区")
        spec = None
        if not row["assigned"]:
            problems.append(f"{where}：assigned（下达目标）为空")
        elif indicator is not None:
            spec = read_assigned(indicator, row["assigned"])
            if not readable(spec):
                problems.append(f"{where}：无法读取下达目标“{row['assigned']}”（应写为 26、≥26、1365 等）")
                spec = None
        if indicator is not None and row["unit"] and indicator.get("unit") and \
                _unit_norm(row["unit"]) != _unit_norm(indicator["unit"]):
            problems.append(f"{where}：单位“{row['unit']}”与上位指标的单位“{indicator['unit']}”不一致")
        rule = row["rule"].lower()
        first = (None, None)
        if rule not in RULES:
            problems.append(f"{where}：rule 应为 sum、weighted、at_least 或 at_most，而不是“{row['rule']}”")
        else:
            first = rule_of.setdefault((key, row["indicator"]), (rule, number))
            if first[0] != rule:
                problems.append(f"{where}：“{row['indicator']}”的分解规则“{rule}”与第{first[1]}行的“{first[0]}”不一致")
        weight = None
        if row.get("weight"):
            try:
                weight = float(row["weight"])
                if weight <= 0:
                    raise ValueError
            except ValueError:
                problems.append(f"{where}：weight（权重）“{row['weight']}”应为正数")
        elif rule == "weighted":
            problems.append(f"{where}：按加权平均（weighted）分解时 weight（权重）不能为空")
        ident = (key, row["indicator"], code)
        if code is not None:
            if ident in seen:
                problems.append(f"{where}：与第{seen[ident]}行重复（{row['indicator']} {row['region']}）")
            seen.setdefault(ident, number)
            regions_in_file.setdefault((key, row["indicator"]), set()).add(code)
        if plan is not None and indicator is not None and rule in RULES and first[1] == number:
            stored = _stored_rules(session, plan, row["indicator"])
            if any(r != rule for r in stored.values()):
                conflicts.append((where, key, row["indicator"], rule, stored))
        if len(problems) == bad:
            good.append((plan, row["indicator"], code, row["assigned"], parent_figure(spec),
                         row["unit"] or indicator.get("unit"), rule, weight))
    # A region the file does not restate keeps its stored rule: the check would then mix two rules.
    names = dict(session.execute(select(Region.code, Region.name)).all())
    for where, key, name, rule, stored in conflicts:
        left = sorted(c for c, r in stored.items() if r != rule and c not in regions_in_file.get((key, name), set()))
        if left:
            was = stored[left[0]]
            problems.append(f"{where}：“{name}”已按“{RULE_LABELS[was]}”（{was}）分解给"
                            f"{'、'.join(names.get(c, c) for c in left)}，同一指标只能用一种分解规则；"
                            f"改变规则时请把这些地区一并改为“{rule}”")
    if problems:
        raise DutyInputError(problems)
    return good


def apply_allocation_rows(session: Session, rows: list[tuple[int, dict[str, str]]], fname: str, actor: Actor,
                          action: str = "decomposition.import") -> dict:
    """Check every row, then store all of them or none: a changed figure, unit, rule or weight
    supersedes the active allocation (kept as history), an unchanged row changes nothing; one audit
    event when anything changed. What the CLI import, the page's upload and its form share."""
    good = check_allocation_rows(session, rows, fname)
    superseded = unchanged = 0
    for plan, name, code, text, value, unit, rule, weight in good:
        current = list(session.scalars(select(Allocation).where(
            Allocation.parent_plan_id == plan.id, Allocation.indicator_name == name,
            Allocation.region_code == code, Allocation.state == "active")))
        if [(a.assigned_text, a.unit, a.rule, a.weight) for a in current] == [(text, unit, rule, weight)]:
            unchanged += 1  # the same file again changes nothing
            continue
        for old in current:
            old.state = "superseded"
            superseded += 1
        session.add(Allocation(parent_plan_id=plan.id, indicator_name=name, region_code=code, assigned_text=text,
                               assigned_value=value, unit=unit, rule=rule, weight=weight, state="active",
                               created_by=actor.name))
    session.flush()
    summary = {"file": fname, "rows": len(good), "added": len(good) - unchanged, "unchanged": unchanged,
               "superseded": superseded, "by": actor.name}
    record_import(session, actor, action, summary)
    return summary


def import_allocations(session: Session, path: str | Path, actor: Actor) -> dict:
    return apply_allocation_rows(session, read_file(path, DECOMPOSITION_COLUMNS), Path(path).name, actor)


def child_regions(session: Session, plan: Plan) -> list[Region]:
    """The regions directly under the plan's region: the rows of its allocation template."""
    if plan.region_code is None:
        return []
    return list(session.scalars(select(Region).where(Region.parent_code == plan.region_code).order_by(Region.code)))


def allocation_template_rows(session: Session, plan: Plan) -> list[list]:
    """The parent's indicators × its child regions as template rows (DECOMPOSITION_COLUMNS + weight),
    each filled with the active allocation where there is one and left blank otherwise."""
    from ..corrections import effective_indicators

    active = {(a.indicator_name, a.region_code): a for a in _active(session, [plan.id])}
    rows = []
    for ind in effective_indicators(session, plan.current):
        for region in child_regions(session, plan):
            a = active.get((ind["name"], region.code))
            rows.append([plan.key, ind["name"], region.name, a.assigned_text if a else "",
                         (a.unit if a else ind.get("unit")) or "", a.rule if a else "",
                         a.weight if a and a.weight is not None else ""])
    return rows


def _active(session: Session, plan_ids: list[int], region_code: str | None = None) -> list[Allocation]:
    query = select(Allocation).where(Allocation.parent_plan_id.in_(plan_ids), Allocation.state == "active")
    if region_code:
        query = query.where(Allocation.region_code == region_code)
    return list(session.scalars(query.order_by(Allocation.id)))


def list_allocations(session: Session, parent_key: str) -> list[dict]:
    plan = require_plan(session, parent_key)
    rows = _active(session, [plan.id])
    names = dict(session.execute(select(Region.code, Region.name)).all())
    return [{"id": a.id, "parent_plan": plan.key, "indicator": a.indicator_name, "region_code": a.region_code,
             "region": names.get(a.region_code), "assigned": a.assigned_text, "value": a.assigned_value,
             "unit": a.unit, "rule": a.rule, "weight": a.weight} for a in rows]


def check_decomposition(session: Session, parent_key: str) -> dict:
    """For every indicator of the parent plan that has been passed down: the rule's verdict."""
    plan = require_plan(session, parent_key)
    names = dict(session.execute(select(Region.code, Region.name)).all())
    by_indicator: dict[str, list[Allocation]] = {}
    for a in _active(session, [plan.id]):
        by_indicator.setdefault(a.indicator_name, []).append(a)
    indicators = {i["name"]: i for i in plan.current.document.get("indicators", [])}
    results = []
    for name, allocations in by_indicator.items():
        indicator = indicators.get(name)
        if indicator is None:  # the indicator is gone from a newer version of the plan
            results.append({"indicator": name, "ok": None, "message": f"当前版本的指标表中已没有“{name}”。"})
            continue
        spec = interpret(indicator, (plan.period_start or 2021, plan.period_end or 2025))
        children = [{"region": names.get(a.region_code, a.region_code), "region_code": a.region_code,
                     "assigned": a.assigned_text, "value": a.assigned_value, "weight": a.weight} for a in allocations]
        result = check_allocation(name, indicator.get("unit"), spec, allocations[0].rule, children)
        result["line"] = indicator.get("line")
        results.append(result)
    flagged = [r for r in results if r.get("ok") is False]
    return {"parent_plan": plan.key, "indicators": results, "flagged": len(flagged),
            "checked": sum(1 for r in results if r.get("ok") is not None)}


def assigned_for_plan(session: Session, plan: Plan, catalogue=None, decisions: dict | None = None) -> dict[str, dict]:
    """{child indicator name: allocation} — the figures passed down to this plan's region by the
    plans above it, matched to the child's indicators by concept (else by the same name)."""
    from ..align.catalogue import default_catalogue

    if plan.region_code is None or plan.current is None:
        return {}
    ancestors, p = [], plan.parent
    while p is not None and p.id not in ancestors and len(ancestors) < 5:
        ancestors.append(p.id)
        p = p.parent
    if not ancestors:
        return {}
    allocations = _active(session, ancestors, plan.region_code)
    if not allocations:
        return {}
    catalogue = catalogue or default_catalogue()
    units = {}
    for pid in ancestors:
        parent = session.get(Plan, pid)
        if parent is not None and parent.current is not None:
            for i in parent.current.document.get("indicators", []):
                units.setdefault((pid, i["name"]), i.get("unit"))

    def concept(name, unit):
        m = catalogue.concept_of(name, unit, decisions)
        return m.concept.id if m else None

    # the nearest parent's figure wins: allocations ordered by the ancestor chain
    allocations.sort(key=lambda a: ancestors.index(a.parent_plan_id))
    out: dict[str, dict] = {}
    for ind in plan.current.document.get("indicators", []):
        c = concept(ind["name"], ind.get("unit"))
        for a in allocations:
            if a.indicator_name == ind["name"] or (c and concept(a.indicator_name, units.get((a.parent_plan_id, a.indicator_name))) == c):
                out.setdefault(ind["name"], {"allocation_id": a.id, "parent_plan_id": a.parent_plan_id,
                                             "parent_indicator": a.indicator_name, "assigned": a.assigned_text,
                                             "value": a.assigned_value, "unit": a.unit, "rule": a.rule})
                break
    return out


def parent_as_assigned(session: Session, parent: Plan, child_region_code: str | None, document: dict) -> dict:
    """The parent's document as the child's region sees it: each indicator passed down to that
    region carries the assigned figure as its target (the provincial figure kept under
    `parent_target_text`), so alignment holds the child to what it was given, not to the province's own."""
    if child_region_code is None:
        return document
    allocations = {a.indicator_name: a for a in _active(session, [parent.id], child_region_code)}
    if not allocations:
        return document
    indicators = []
    for ind in document.get("indicators", []):
        a = allocations.get(ind["name"])
        if a is not None:
            ind = {**ind, "parent_target_text": ind.get("target_text"), "parent_target_value": ind.get("target_value"),
                   "target_text": a.assigned_text, "target_value": a.assigned_value, "annual_growth": None,
                   "assigned_to": child_region_code, "allocation_id": a.id}
        indicators.append(ind)
    return {**document, "indicators": indicators}


def mark_assigned(result: dict) -> dict:
    """Say in each finding of a passed-down indicator that the parent's figure is the assigned one."""
    for row in result.get("rows", []):
        parent = row.get("parent") or {}
        if parent.get("assigned_to") is None:
            continue
        for f in row.get("findings", []):
            f["assigned"] = {"value": parent.get("target_text"), "parent_target_text": parent.get("parent_target_text"),
                             "allocation_id": parent.get("allocation_id")}
            f["message"] += (f"（上位规划目标按分解下达本地区的{parent.get('target_text')}计，"
                             f"全省目标为{parent.get('parent_target_text') or '—'}。）")
    return result


LEVEL_KINDS = frozenset({"level", "at_least", "at_most", "about", "range"})


def decomposition_matrix(session: Session, parent_key: str) -> dict:
    """Indicator × region: each region's assigned figure beside its latest observed value and
    whether that value meets the figure (达到下达目标 / 未达到下达目标 / 无数据; a cumulative or
    rate figure is left to the full evaluation: 需人工评估). What the matrix page will show."""
    from ..align.catalogue import default_catalogue
    from ..analysis import decisions as stored_decisions
    from ..evaluate.annual import meets
    from ..store.models import Observation

    plan = require_plan(session, parent_key)
    catalogue, decisions = default_catalogue(), stored_decisions(session)
    names = dict(session.execute(select(Region.code, Region.name)).all())
    indicators = {i["name"]: i for i in plan.current.document.get("indicators", [])}
    rows: dict[str, dict] = {}
    for a in _active(session, [plan.id]):
        indicator = indicators.get(a.indicator_name, {"name": a.indicator_name, "unit": a.unit})
        match = catalogue.concept_of(a.indicator_name, indicator.get("unit"), decisions)
        concept = match.concept.id if match else None
        row = rows.setdefault(a.indicator_name, {"indicator": a.indicator_name, "unit": indicator.get("unit"),
                                                 "concept": concept, "rule": a.rule, "line": indicator.get("line"),
                                                 "regions": []})
        observed = None
        if concept:
            observed = session.scalar(select(Observation).where(
                Observation.region_code == a.region_code, Observation.concept == concept,
                Observation.superseded_by_id.is_(None)).order_by(Observation.year.desc(), Observation.id.desc()).limit(1))
        spec = read_assigned(indicator, a.assigned_text)
        if observed is None:
            status = "无数据"
        elif spec.kind not in LEVEL_KINDS or spec.rate:
            status = "需人工评估"
        else:
            status = "达到下达目标" if meets(spec, observed.value) else "未达到下达目标"
        row["regions"].append({
            "region_code": a.region_code, "region": names.get(a.region_code), "assigned": a.assigned_text,
            "value": a.assigned_value, "weight": a.weight, "status": status,
            "observed": None if observed is None else {"year": observed.year, "value": observed.value,
                                                       "source_url": observed.source_url, "observation_id": observed.id}})
    return {"parent_plan": plan.key, "indicators": list(rows.values())}
