"""One indicator of a plan: its chart, its assessment with the numbers behind it, every observed
value with its source and history, and the same concept in the parent and child plans.

Observations are matched to the indicator by canonical concept and the plan's region, as
tracking.py does for the status, so the history shown is the history the status was read from.
Superseded values stay listed (struck through, with what replaced them): a correction never
erases where a number came from.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from sqlalchemy import select

from ... import audit
from ...align.catalogue import default_catalogue
from ...analysis import decisions
from ...store.ids import possible_row_id
from ...store.models import Indicator, ObservationImport, Plan, PlanVersion
from ...observations.official import official_differences
from ...store.observations import observations_for
from ...tracking import indicator_concept, review_observations
from .. import labels
from ..chart import chart_data
from ..actors import request_actor
from ..plan_publication import hide_unpublished_relatives
from ..queries import (current_version_id, data_state, default_year, evaluation, find_plan, indicators_by_concept,
                       plan_brief)
from ..render import error_page, plan_url, render
from .plan import not_found
from ..auth import allow

router = APIRouter()


def _observation(o, imports: dict[int, str]) -> dict:
    return {
        "kind": "observation", "id": o.id, "year": o.year, "value": o.value, "unit": o.unit, "name": o.name,
        "source_value": o.source_value, "source_unit": o.source_unit, "series": o.series,
        "flags": list(o.flags or []), "flag_labels": [labels.label(labels.FLAGS, f) for f in (o.flags or [])],
        "note": o.note, "source_url": o.source_url, "source_title": o.source_title, "quote": o.quote,
        "superseded_by": o.superseded_by_id, "import_file": imports.get(o.import_id), "row": o.row_number,
        "withdrawn": None if o.withdrawn_at is None else {"at": o.withdrawn_at, "by": o.withdrawn_by,
                                                          "reason": o.withdrawn_reason},
        "created_at": o.created_at,
    }


def _related(session, plan: Plan, concept: str | None, state: tuple) -> list[dict]:
    """Indicators of the same concept in the plan's parent and children (current versions)."""
    if not concept:
        return []
    relatives = ([("parent", plan.parent)] if plan.parent else []) + [("child", c) for c in plan.children]
    out = []
    for role, other in relatives:
        if current_version_id(session, other) is None:
            continue
        for ind in indicators_by_concept(session, other, state).get(concept, []):
            out.append({"role": role, "role_label": "上位规划" if role == "parent" else "下位规划",
                        "plan": {"key": other.key, "title": other.title or other.key,
                                 "level_label": labels.label(labels.LEVELS, other.level, "")},
                        "indicator": ind})
    return out


def _assessment_view(a: dict) -> dict:
    """The assessment with labels beside its codes; the numbers stay as computed."""
    return {
        **a,
        "method_label": labels.label(labels.METHODS, a.get("method")),
        "kind_label": labels.label(labels.TARGET_KINDS, a.get("kind")),
        "reason_label": labels.label(labels.REASONS, a.get("reason"), "") if a.get("reason") else None,
        "flag_labels": [labels.label(labels.FLAGS, f) for f in a.get("flags") or []],
    }


def indicator_history(session, actor, plan, name: str, concept: str | None) -> list[dict] | None:
    """The indicator's 修改记录 (reading overrides, imports of its values), newest first; None for the public."""
    if actor.is_public:
        return None
    events = audit.history(session, "indicator", f"{plan.key}/{name}")
    if concept and plan.region_code:
        events += audit.observation_history(session, plan.region_code, concept)
    events.sort(key=lambda e: (audit.as_utc(e.at), e.id), reverse=True)
    return [audit.brief(e) for e in events[:20]]


@router.get("/plans/{key}/indicators/{indicator_id}", include_in_schema=False, dependencies=[allow("plans.read")])
def indicator_page(request: Request, key: str, indicator_id: int,
                   year: Annotated[int | None, Query(ge=1949, le=2200)] = None):
    with request.app.state.session_factory() as session:
        plan = find_plan(session, key)
        if plan is None:
            return not_found(request, key)
        row = session.get(Indicator, indicator_id) if possible_row_id(indicator_id) else None
        versions = dict(session.execute(select(PlanVersion.id, PlanVersion.number).where(PlanVersion.plan_id == plan.id)).all())
        if row is None or row.version_id not in versions:
            return error_page(request, 404, "indicator_not_found", f"规划“{key}”中没有编号为 {indicator_id} 的指标。")
        chosen = year or default_year(session)
        state = data_state(session)
        is_current = row.version_id == current_version_id(session, plan)
        assessment = None
        if is_current:
            evaluated = evaluation(session, plan, chosen, state)
            assessment = next((a for a in evaluated["assessments"] if a["indicator_id"] == row.id), None)
        catalogue = default_catalogue()
        concept = assessment.get("concept") if assessment else indicator_concept(catalogue, row.data, decisions(session))
        concept_info = catalogue.get(concept) if concept else None
        current, history, official = [], [], []
        if concept and plan.region_code:
            found = observations_for(session, plan.region_code, concept, include_history=True)
            official = official_differences(found)
            import_ids = {o.import_id for o in found if o.import_id}
            imports = dict(session.execute(select(ObservationImport.id, ObservationImport.file_name)
                                           .where(ObservationImport.id.in_(import_ids))).all()) if import_ids else {}
            for o in found:
                (history if o.superseded_by_id else current).append(_observation(o, imports))
        reviews = []
        if concept:
            document = session.get(PlanVersion, row.version_id).document
            reviews = review_observations(document, catalogue).get(concept, [])
        # the row as people corrected it (corrections.py), as the evaluation read it; else the parser's
        ind = dict(assessment["indicator"]) if assessment and assessment.get("indicator") else dict(row.data)
        ind["correction"] = assessment.get("correction") if assessment else None
        period = (plan.period_start, plan.period_end)
        data = {
            "plan": plan_brief(plan),
            "year": chosen,
            "indicator": {**ind, "id": row.id, "version": versions[row.version_id], "is_current": is_current,
                          "binding_label": labels.label(labels.BINDING, ind.get("binding"), "未标明")},
            "concept": {"id": concept, "name": concept_info.name, "unit": concept_info.unit} if concept_info else None,
            "assessment": _assessment_view(assessment) if assessment else None,
            "observations": current,
            "history": history,
            "official_check": official,
            "reviews": [{"kind": "review", "year": r["year"], "value": r["value"], "unit": r.get("unit"),
                         "title": r["source"]["title"], "line": r["source"].get("line")} for r in reviews],
            "chart": chart_data(assessment or {"year": chosen}, ind, current, reviews, period),
            "related": hide_unpublished_relatives(session, request_actor(request),
                                                  {"related": _related(session, plan, concept, state)})["related"],
            "changes": indicator_history(session, request_actor(request), plan, row.name, concept),
        }
        title = f"{ind['name']} · {plan.title or plan.key}"
    return render(request, "indicator.html", data, title=title,
                  crumbs=[("/", "首页"), ("/plans", "规划目录"), (plan_url(key), plan.title or key), (None, ind["name"])])
