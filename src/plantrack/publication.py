"""Publication to the public (对社会公布): what the anonymous public may see, and the gate before it.

A planning office publishes a plan (its text, indicators and pages) and optionally one evaluation
report (kind and year). Before that, the gate lists what a reader would be misled by: the plan's
open high-severity self-check findings (align/checks.py, the `plantrack check` findings) and its
data gaps (indicators with no observation in the evaluated year). Each must be resolved, or all
acknowledged with a reason that is stored with the publication. Withdrawing sets the withdrawal
fields (who, when, why) on the publication: a state change, never a delete. Both are audit events.

The public (Actor.is_public) sees only plans with a publication in force; everyone else sees all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit
from .align.checks import check_plan
from .domain.actor import LOCAL_OPERATOR, Actor
from .store.models import Observation, Plan, Publication
from .store.repository import CatalogueError, require_plan

REPORT_KINDS = {"midterm": "中期评估", "final": "总结评估", "annual": "年度监测"}


class PublicationRefused(ValueError):
    """A publication or withdrawal that cannot be made as asked; the Chinese message says why."""


@dataclass
class Gate:
    """What stands between a plan and the public: each item a dict with kind, message and line(s)."""

    plan: str
    year: int
    findings: list[dict] = field(default_factory=list)
    gaps: list[dict] = field(default_factory=list)

    @property
    def open_items(self) -> list[dict]:
        return self.findings + self.gaps

    @property
    def clear(self) -> bool:
        return not self.open_items

    def to_json(self) -> dict:
        return {"plan": self.plan, "year": self.year, "clear": self.clear,
                "findings": self.findings, "gaps": self.gaps}


def evaluation_year(session: Session) -> int:
    """The year a gate evaluates when no report year is chosen: the latest year with enough complete
    data (evaluate/years.py, the year the pages open on), else last year. Not the latest observed
    year: a few early or partial values of the newest year would make the gate judge a year that
    is mostly 无数据."""
    from .evaluate.years import evaluation_year as year_with_data, full_year_counts

    rows = session.execute(select(Observation.year, Observation.flags).where(Observation.superseded_by_id.is_(None)))
    return year_with_data(full_year_counts(rows), fallback=datetime.now(timezone.utc).year - 1)


def gate(session: Session, key: str, year: int | None = None) -> Gate:
    """The plan's open high-severity findings and data gaps, computed now (nothing is stored)."""
    from .tracking import evaluate_plan

    plan = require_plan(session, key)
    version = plan.current
    year = year or evaluation_year(session)
    found = check_plan(version.document, plan.key, text=version.source_text)
    findings = [{"type": "finding", "kind": f.get("kind"), "severity": f.get("severity"), "message": f.get("message"),
                 "indicator": f.get("indicator"), "lines": sorted({ln for ln in (f.get("lines") or []) if ln})}
                for f in found if f.get("severity") == "high"]
    evaluated = evaluate_plan(session, plan.key, year, store=False)
    gaps = [{"type": "gap", "indicator": a["indicator"]["name"], "indicator_id": a.get("indicator_id"),
             "binding": a["indicator"].get("binding") == "binding", "line": a["indicator"].get("line"),
             "message": f"“{a['indicator']['name']}”截至{year}年没有观测值"}
            for a in evaluated.assessments if a["status"] == "无数据"]
    return Gate(plan.key, year, findings, gaps)


def in_force(session: Session, plan: Plan) -> Publication | None:
    """The plan's publication in force (published, not withdrawn), if any."""
    q = (select(Publication).where(Publication.plan_id == plan.id, Publication.withdrawn_at.is_(None))
         .order_by(Publication.id.desc()))
    return session.scalars(q).first()


def publications(session: Session, plan: Plan) -> list[Publication]:
    """Every publication of the plan, newest first, withdrawn ones included (history)."""
    return list(session.scalars(select(Publication).where(Publication.plan_id == plan.id).order_by(Publication.id.desc())))


def publication_json(p: Publication) -> dict:
    return {
        "id": p.id, "version": p.version_number,
        "report": {"kind": p.report_kind, "kind_label": REPORT_KINDS.get(p.report_kind, p.report_kind),
                   "year": p.report_year} if p.report_kind else None,
        "acknowledgement": p.acknowledgement, "open_items": p.open_items or [],
        "published_by": p.published_by, "published_at": audit.as_utc(p.published_at).isoformat(),
        "withdrawn_by": p.withdrawn_by,
        "withdrawn_at": audit.as_utc(p.withdrawn_at).isoformat() if p.withdrawn_at else None,
        "withdrawal_reason": p.withdrawal_reason,
        "in_force": p.withdrawn_at is None,
    }


def publish(
    session: Session,
    key: str,
    actor: Actor = LOCAL_OPERATOR,
    report_kind: str | None = None,
    report_year: int | None = None,
    acknowledgement: str | None = None,
) -> Publication:
    """Publish the plan (and the report chosen); refused while the gate has open items and no reason."""
    if actor.is_public:
        raise PublicationRefused("公众不能发布规划。")
    plan = require_plan(session, key)
    if report_kind is not None and report_kind not in REPORT_KINDS:
        raise PublicationRefused(f"未知的报告类型“{report_kind}”，应为 {'、'.join(REPORT_KINDS)}。")
    if report_kind is not None and report_year is None:
        raise PublicationRefused("发布评估报告须同时给出报告年份。")
    if report_kind is None and report_year is not None:
        raise PublicationRefused("给出了报告年份，但没有给出报告类型。")
    if in_force(session, plan) is not None:
        raise PublicationRefused(f"规划“{key}”已对社会公布；如需更改，请先撤回再发布。")
    checked = gate(session, key, report_year)
    reason = (acknowledgement or "").strip() or None
    if not checked.clear and reason is None:
        raise PublicationRefused(
            f"规划“{key}”尚有 {len(checked.findings)} 个高严重度自查问题、{len(checked.gaps)} 项指标无数据；"
            "请先处理，或说明理由后确认发布（--acknowledge “理由”）。")
    row = Publication(
        plan_id=plan.id, version_number=plan.current.number, report_kind=report_kind, report_year=report_year,
        acknowledgement=reason if not checked.clear else None, open_items=checked.open_items,
        published_by=actor.name, published_at=datetime.now(timezone.utc),
    )
    session.add(row)
    session.flush()
    audit.record(session, actor, "plan.publish", "plan", plan.key, {"published": False},
                 {"published": True, **publication_json(row)}, note=row.acknowledgement)
    return row


def unpublish(session: Session, key: str, reason: str, actor: Actor = LOCAL_OPERATOR) -> Publication:
    """Withdraw the publication in force: recorded on it (who, when, why) and as an audit event."""
    if actor.is_public:
        raise PublicationRefused("公众不能撤回公布。")
    plan = require_plan(session, key)
    reason = (reason or "").strip()
    if not reason:
        raise PublicationRefused("撤回公布须说明理由。")
    row = in_force(session, plan)
    if row is None:
        raise PublicationRefused(f"规划“{key}”当前未对社会公布，无需撤回。")
    before = publication_json(row)
    row.withdrawn_by, row.withdrawn_at, row.withdrawal_reason = actor.name, datetime.now(timezone.utc), reason
    session.flush()
    audit.record(session, actor, "plan.unpublish", "plan", plan.key, {"published": True, **before},
                 {"published": False, **publication_json(row)}, note=reason)
    return row


# --- what the public may see -------------------------------------------------------------------


def published_plan_ids(session: Session) -> set[int]:
    return set(session.scalars(select(Publication.plan_id).where(Publication.withdrawn_at.is_(None))))


def visible_plan_ids(session: Session, actor: Actor) -> set[int] | None:
    """The plans actor may see: None (no limit) for anyone logged in, the published ones for the public."""
    return published_plan_ids(session) if actor.is_public else None


def may_see(session: Session, actor: Actor, plan: Plan) -> bool:
    return not actor.is_public or in_force(session, plan) is not None


def may_download_report(session: Session, actor: Actor, plan: Plan, kind: str | None, year: int | None) -> bool:
    """Logged-in users may produce any report; the public only the published one (a request that
    names no kind or year is given the published one's)."""
    if not actor.is_public:
        return True
    row = in_force(session, plan)
    return row is not None and (kind is None or row.report_kind == kind) and (year is None or row.report_year == year)


def public_report_kind(session: Session, actor: Actor, key: str) -> str | None:
    """The kind of the report published with the plan, for the public; None for anyone else."""
    plan = session.scalar(select(Plan).where(Plan.key == key))
    row = in_force(session, plan) if actor.is_public and plan is not None else None
    return row.report_kind if row is not None else None


def public_report_year(session: Session, actor: Actor, key: str) -> int | None:
    """The year of the report published with the plan, when the public asks for a report without a
    year (the only year the public may have); None for anyone else."""
    plan = session.scalar(select(Plan).where(Plan.key == key))
    row = in_force(session, plan) if actor.is_public and plan is not None else None
    return row.report_year if row is not None else None


def require_visible(session: Session, actor: Actor, key: str) -> Plan:
    """The plan, or CatalogueError as if it did not exist when actor may not see it (the public
    must not learn which unpublished plans exist)."""
    plan = require_plan(session, key)
    if not may_see(session, actor, plan):
        raise CatalogueError(f"没有键为“{key}”的规划。可用 plantrack plans 查看目录。")
    return plan
