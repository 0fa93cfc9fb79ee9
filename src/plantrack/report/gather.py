"""Gathering a report's inputs from the store: evaluation, plan facts, self-check, observations.

Everything that touches the database is here, so model.py stays pure. The evaluation and the
self-check are run afresh (and stored, as `plantrack evaluate` and `plantrack check` do), so a
report never shows stale statuses; the observations of each indicator's concept are read again
in full because the charts need every year, not only the one the status used.
"""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..align.catalogue import default_catalogue
from ..analysis import check_stored, decisions
from ..store.models import Observation, Plan
from ..store.repository import require_plan
from ..tracking import evaluate_plan, review_observations
from .labels import KIND_LABELS
from .errors import ReportError
from .model import PlanInfo, ReportModel, build_model

log = logging.getLogger(__name__)


def plan_info(plan: Plan) -> PlanInfo:
    return PlanInfo(plan.key, plan.title, plan.issuer, plan.region_name, plan.period_start, plan.period_end)


def _observation(o: Observation) -> dict:
    return {"year": o.year, "value": o.value, "unit": o.unit, "series": o.series, "flags": list(o.flags or []),
            "note": o.note, "measure": None, "source": {"url": o.source_url, "title": o.source_title}}


def indicator_observations(session: Session, plan: Plan, assessments: list[dict]) -> dict[int, list[dict]]:
    """indicator_id -> the current observations of its concept in the plan's region, plus the
    previous plan's results from the plan's own review table."""
    concepts = {a["concept"] for a in assessments if a.get("concept")}
    if not concepts:
        return {}
    catalogue = default_catalogue()
    by_concept: dict[str, list[dict]] = {c: [] for c in concepts}
    for concept, rows in review_observations(plan.current.document, catalogue, decisions(session)).items():
        if concept in by_concept:
            by_concept[concept].extend(rows)
    if plan.region_code:
        stored = session.scalars(select(Observation).where(
            Observation.region_code == plan.region_code, Observation.concept.in_(concepts),
            Observation.superseded_by_id.is_(None)).order_by(Observation.year, Observation.id))
        for o in stored:
            by_concept[o.concept].append(_observation(o))
    return {a.get("indicator_id") or a.get("row_ref"): by_concept.get(a.get("concept"), []) for a in assessments if a.get("concept")}


def _findings(session: Session, key: str) -> list[dict] | None:
    """The plan's self-check; None (reported as not checked) if the check itself fails."""
    try:
        with session.begin_nested():
            found = check_stored(session, key)
        # the parser's completeness checks are about reading the file, not the plan's own text
        return [f for f in found if f.get("source") != "completeness"]
    except Exception:  # a defect in a check must not cost the office its report
        log.exception("self-check failed for %s", key)
        return None


def build_report(session: Session, key: str, year: int, kind: str = "midterm",
                 generated_on: date | None = None) -> ReportModel:
    """The report model of one plan for one year. Raises CatalogueError for an unknown plan."""
    if kind not in KIND_LABELS:
        raise ReportError(f"未知的报告类型“{kind}”；可用：{'、'.join(f'{k}（{v}）' for k, v in KIND_LABELS.items())}。")
    plan = require_plan(session, key)
    if plan.current is None:
        raise ReportError(f"规划“{key}”还没有入库的版本。")
    evaluation = evaluate_plan(session, key, year).to_json()
    findings = _findings(session, key)
    observations = indicator_observations(session, plan, evaluation["assessments"])
    return build_model(evaluation, plan_info(plan), findings, observations, kind, generated_on)
