"""Evaluating a stored plan for a year: every indicator with the observations of its concept and region.

The pure parts live elsewhere (domain/targets.py reads a target, evaluate/ assesses it, align/
maps names to concepts); this module gathers their inputs from the store — the plan's current
version, its region, the observations of each indicator's concept in that region, and the plan's
own review table (the previous plan's results are observations too) — and keeps the results.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from . import audit
from .align.catalogue import Catalogue, default_catalogue
from .domain.actor import LOCAL_OPERATOR, Actor
from .corrections import contract_row, effective_indicators
from .domain.targets import clean_name, interpret
from .evaluate.prose_targets import ORIGIN as PROSE_ORIGIN, stated_figure, tracked_prose
from .evaluate.observations import measure_of
from .evaluate.status import assess
from .evaluate.warnings import collect
from .store.models import AssessmentRecord, Indicator, IndicatorOverride, Observation, Plan, Region
from .store.observations import context_series
from .store.repository import CatalogueError, require_plan


@dataclass
class PlanEvaluation:
    plan: str
    year: int
    region_code: str | None
    assessments: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    context: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        counts: dict[str, int] = {}
        for a in self.assessments:
            counts[a["status"]] = counts.get(a["status"], 0) + 1
        return {
            "plan": self.plan,
            "year": self.year,
            "region_code": self.region_code,
            "counts": counts,
            "assessments": self.assessments,
            "warnings": self.warnings,
            "context": self.context,
        }


def indicator_concept(catalogue: Catalogue, indicator: dict, decisions: dict | None = None) -> str | None:
    match = catalogue.concept_of(indicator.get("name"), indicator.get("unit"), decisions)
    return match.concept.id if match else None


def _obs_dict(o: Observation) -> dict:
    return {
        "year": o.year, "value": o.value, "unit": o.unit, "series": o.series, "flags": list(o.flags or []),
        "note": o.note, "source": {"url": o.source_url, "title": o.source_title, "quote": o.quote, "name": o.name,
                                   "observation_id": o.id},
        "measure": measure_of(o.name, (o.extra or {}).get("measure") or (o.extra or {}).get("口径")),
    }


def review_observations(document: dict, catalogue: Catalogue, decisions: dict | None = None) -> dict[str, list[dict]]:
    """The previous plan's results (review tables) as observations, by concept."""
    out: dict[str, list[dict]] = {}
    for review in document.get("reviews", []):
        for row in review.get("rows", []):
            if row.get("actual_value") is None or not (row.get("actual_year") or row.get("target_year")):
                continue
            concept = indicator_concept(catalogue, row, decisions)
            if not concept:
                continue
            out.setdefault(concept, []).append({
                "year": row.get("actual_year") or row.get("target_year"),
                "value": row["actual_value"],
                "unit": row.get("unit"),
                "series": None,
                "flags": [],
                "note": None,
                "source": {"title": f"规划文本：{review['title']}", "line": row["line"]},
            })
    return out


def override_arguments(o: IndicatorOverride | None) -> dict:
    """What a person set for an indicator, as interpret() keyword arguments."""
    if o is None:
        return {}
    args: dict = {"direction": o.direction, "held": o.held}
    if o.assigned:
        try:
            args["assigned"] = float(o.assigned)
        except ValueError:
            args["assigned"] = o.assigned
    return {k: v for k, v in args.items() if v is not None}


OVERRIDE_FIELDS = ("direction", "held", "assigned", "note")


def _override_state(row: IndicatorOverride | None) -> dict | None:
    return None if row is None else {f: getattr(row, f) for f in OVERRIDE_FIELDS}


def set_override(session: Session, key: str, indicator_name: str, actor: Actor = LOCAL_OPERATOR,
                 **fields) -> IndicatorOverride:
    """Record (or change) how an indicator of a plan is to be read; None leaves a field as it was.
    A change is one audit event on the indicator ("<plan key>/<indicator name>") by actor."""
    plan = require_plan(session, key)
    names = {i["name"] for i in effective_indicators(session, plan.current)}
    if indicator_name not in names:
        raise CatalogueError(f"规划“{key}”的指标表中没有“{indicator_name}”。")
    row = session.scalar(select(IndicatorOverride).where(IndicatorOverride.plan_id == plan.id,
                                                         IndicatorOverride.indicator_name == indicator_name))
    before = _override_state(row)
    if row is None:
        row = IndicatorOverride(plan_id=plan.id, indicator_name=indicator_name)
        session.add(row)
    for field_name, value in fields.items():
        if value is not None:
            setattr(row, field_name, value)
    after = _override_state(row)
    if after != before:
        audit.record(session, actor, "indicator.override", "indicator", f"{plan.key}/{indicator_name}", before, after)
    return row


def region_warnings(session: Session, region: str, year: int) -> list[dict]:
    """The warnings of every plan of a region and of the regions below it, binding first."""
    from .store.regions import Region as RegionRecord, resolve_region

    records = [RegionRecord(*r) for r in session.execute(select(Region.code, Region.name, Region.level, Region.parent_code))]
    found = resolve_region(region, records)
    if found is None:
        raise CatalogueError(f"行政区划中没有“{region}”。")
    parent_of = {r.code: r.parent_code for r in records}

    def under(code: str | None) -> bool:
        while code:
            if code == found.code:
                return True
            code = parent_of.get(code)
        return False

    out = []
    for plan in session.scalars(select(Plan).order_by(Plan.key)):
        if plan.current is not None and under(plan.region_code):
            for w in evaluate_plan(session, plan.key, year).warnings:
                out.append({"plan": plan.key, "region": plan.region_name, **w})
    return sorted(out, key=lambda w: not w.get("binding"))


def evaluate_plan(session: Session, key: str, year: int, catalogue: Catalogue | None = None,
                  decisions: dict | None = None, store: bool = True) -> PlanEvaluation:
    """Assess every indicator of the plan's current version for `year`; store the assessments.

    The stored assessments are a derived cache of this computation (plan text, observations,
    overrides and decisions, each of which keeps its own history): they are replaced on every run,
    not audited, and nothing a person entered is lost by replacing them."""
    from .analysis import decisions as stored_decisions

    catalogue = catalogue or default_catalogue()
    decisions = decisions if decisions is not None else stored_decisions(session)
    plan: Plan = require_plan(session, key)
    version = plan.current
    document = version.document
    period = evaluation_period(plan, year)
    from_reviews = review_observations(document, catalogue, decisions)
    result = PlanEvaluation(plan.key, year, plan.region_code)
    items = []
    measured: set[str] = set()
    rows = effective_indicators(session, version)  # the parser's rows with people's corrections applied
    parser_ids = list(session.scalars(select(Indicator.id).where(Indicator.version_id == version.id)))
    overrides = {o.indicator_name: o for o in session.scalars(select(IndicatorOverride).where(IndicatorOverride.plan_id == plan.id))}
    passed_down, annual = duty_inputs(session, plan, year, catalogue, decisions)
    if store:
        session.execute(delete(AssessmentRecord).where(AssessmentRecord.indicator_id.in_(parser_ids),
                                                       AssessmentRecord.year == year))
    contracts = [contract_row(row) for row in rows]
    concepts = [indicator_concept(catalogue, indicator, decisions) for indicator in contracts]
    prose_items, attached = tracked_prose(
        document.get("targets") or [], period,
        lambda subject, unit: indicator_concept(catalogue, {"name": subject, "unit": unit}, decisions),
        {c for c in concepts if c}, {clean_name(i.get("name")) for i in contracts})
    for row, indicator, concept in zip(rows, contracts, concepts):
        observations: list[dict] = []
        if concept:
            measured.add(concept)
            observations = concept_observations(session, plan.region_code, concept, from_reviews)
        from .evaluation_links import prose_target_for, reference_observations

        arguments = override_arguments(overrides.get(indicator["name"]))
        allocation = passed_down.get(indicator["name"])
        if allocation is not None and "assigned" not in arguments:  # a person's override wins
            arguments["assigned"] = allocation["assigned"]
        prose = prose_target_for(document, indicator, concept, catalogue, decisions)
        spec = interpret(indicator, period, prose=prose, **arguments)
        from_text = None
        if spec.kind == "assigned" and "assigned" not in arguments:
            # 完成省下达任务 in the table, 达到75%以上 in the text: the plan's own figure is the target.
            from_text = stated_figure(attached.get(concept, ()), spec.target_year)
            if from_text is not None:
                spec = interpret(indicator, period, prose=from_text["text"], assigned=from_text["figure"], **arguments)
        reference = reference_observations(session, spec, plan.region_code, concept, catalogue, decisions, _obs_dict,
                                           document, period)
        year_target = annual.get(indicator["name"])
        assessment = assess(indicator, spec, observations, year, reference=reference, annual_target=year_target)
        data = assessment.to_dict()
        if from_text is not None:
            data["assigned_from_text"] = from_text
            data["explanation"] += (f"（注：表中目标为“{spec_text(indicator)}”，目标值取自规划正文第{from_text['line']}行"
                                    f"“{from_text['text']}”。）")
        add_duty_views(data, indicator, year, observations, allocation, year_target)
        data["indicator_id"] = row["indicator_id"]
        data["row_ref"] = row["ref"]
        data["correction"] = row["correction"]
        data["concept"] = concept
        data["origin"] = "table"
        result.assessments.append(data)
        items.append((indicator, spec, assessment, observations))
        if store and row["indicator_id"] is not None:  # a row people added or split has no parser row
            session.add(AssessmentRecord(indicator_id=row["indicator_id"], year=year, status=data["status"], data=data))
        if concept in attached:
            data["prose_targets"] = [{k: v for k, v in t.items() if k != "figure"} for t in attached[concept]]
    for indicator, concept in prose_items:
        # A target stated in the text: evaluated like a row (no stored record: it has no table row).
        measured.add(concept)
        observations = concept_observations(session, plan.region_code, concept, from_reviews)
        spec = interpret(indicator, period, prose=indicator["quote"])
        assessment = assess(indicator, spec, observations, year)
        data = assessment.to_dict()
        data.update(indicator_id=None, row_ref=f"prose-{indicator['target_index']}", correction=None, concept=concept,
                    origin=PROSE_ORIGIN)
        if concept in attached:
            data["prose_targets"] = [{k: v for k, v in t.items() if k != "figure"} for t in attached[concept]]
        result.assessments.append(data)
        items.append((indicator, spec, assessment, observations))
    result.warnings = [w.to_dict() for w in collect(items)]
    if plan.region_code:
        result.context = [
            {"name": o.name, "concept": o.concept, "year": o.year, "value": o.value, "unit": o.unit,
             "source_url": o.source_url}
            for o in context_series(session, plan.region_code, measured)
        ]
    return result


def spec_text(indicator: dict) -> str:
    return indicator.get("target_text") or indicator.get("annual_growth") or ""


def evaluation_period(plan: Plan, year: int) -> tuple[int, int]:
    """The plan period an evaluation measures against. A plan that names only its end year (到2025年,
    the Yellow River plan) is read as the five-year planning period ending then: that is the cycle
    every plan of the 三级四类 system is set in, and its base year (the year before) is the one
    the plan's own 发展基础 describes."""
    end = plan.period_end or year
    start = plan.period_start or (end - 4 if plan.period_end else year)
    return start, end


def concept_observations(session: Session, region_code: str | None, concept: str,
                         from_reviews: dict[str, list[dict]]) -> list[dict]:
    """The observations of a concept in the plan's region: the plan's review table first, then the
    current stored values."""
    observations = list(from_reviews.get(concept, []))
    if region_code:
        stored = session.scalars(
            select(Observation).where(
                Observation.region_code == region_code,
                Observation.concept == concept,
                Observation.superseded_by_id.is_(None),
            ).order_by(Observation.year, Observation.id)
        )
        observations += [_obs_dict(o) for o in stored]
    return observations


def duty_inputs(session: Session, plan: Plan, year: int, catalogue, decisions) -> tuple[dict, dict]:
    """What the accountability data adds to an evaluation: the figures passed down to the plan's
    region (分解下达, by indicator name) and the plan's annual targets for `year` (by indicator name)."""
    from .duties.annual import annual_targets
    from .duties.decomposition import assigned_for_plan

    passed_down = assigned_for_plan(session, plan, catalogue, decisions)
    annual = {name: text for (name, y), text in annual_targets(session, plan.id).items() if y == year}
    return passed_down, annual


def add_duty_views(data: dict, indicator: dict, year: int, observations: list[dict], allocation: dict | None,
                   year_target: str | None) -> None:
    """The assigned figure an evaluation used, and the annual view (the year's value against the
    year's own target) beside the period view."""
    from .evaluate.annual import annual_view, year_value

    if allocation is not None:
        data["assigned"] = allocation
    if year_target is not None:
        data["annual"] = annual_view(indicator, year, year_target, year_value(observations, indicator.get("unit"), year))


def observation_matches(session: Session, catalogue: Catalogue | None = None) -> list[tuple[int, str, str, str, str]]:
    """For every current observation, the plan indicators it measures: (row, name, region, plan key,
    indicator name), one tuple per pair. Observations of concepts no plan measures yield none: they
    remain the region's context series."""
    from .analysis import decisions as stored_decisions

    catalogue = catalogue or default_catalogue()
    decisions = stored_decisions(session)
    by_concept: dict[tuple[str | None, str], list[tuple[str, str]]] = {}
    for plan in session.scalars(select(Plan).order_by(Plan.key)):
        if plan.current is None:
            continue
        for ind in effective_indicators(session, plan.current):
            concept = indicator_concept(catalogue, ind, decisions)
            if concept:
                by_concept.setdefault((plan.region_code, concept), []).append((plan.key, ind["name"]))
    out = []
    current = select(Observation).where(Observation.superseded_by_id.is_(None)).order_by(Observation.id)
    for o in session.scalars(current):
        for key, name in by_concept.get((o.region_code, o.concept), []):
            out.append((o.row_number, o.name, o.region_code, key, name))
    return out
