"""What a plan page shows of publication and history: whether the plan is published (and which
report with it), the link to 发布 for those who may publish, and the plan's 修改记录 — all for
logged-in users; the public sees only that the plan is published and the published report."""

from __future__ import annotations

from .. import audit
from ..domain.actor import Actor
from ..publication import REPORT_KINDS, in_force, publication_json, visible_plan_ids
from ..store.models import Plan
from .render import plan_url


def hide_unpublished_relatives(session, actor: Actor, found: dict) -> dict:
    """A page's parent, children and related plans ({"parent": {key…}|None, "children": […],
    "related": [{"plan": {key…}}…]}), without the plans the public may not see; the alignment
    with a parent the public may not see goes with it."""
    shown = visible_plan_ids(session, actor)
    if shown is None:
        return found
    keys = set(session.scalars(Plan.__table__.select().with_only_columns(Plan.key).where(Plan.id.in_(shown))))
    out = dict(found)
    if "parent" in out and out["parent"] and out["parent"]["key"] not in keys:
        out["parent"] = None
        if "alignment" in out:
            out["alignment"] = None
    if "children" in out:
        out["children"] = [c for c in out["children"] if c["key"] in keys]
    if "related" in out:
        out["related"] = [r for r in out["related"] if r["plan"]["key"] in keys]
    return out


def publication_section(session, actor: Actor, plan, formats) -> dict:
    row = in_force(session, plan)
    published = publication_json(row) if row else None
    reports = []
    if published and published["report"]:
        kind, year = published["report"]["kind"], published["report"]["year"]
        reports = [{"format": f, "label": lbl, "kind": kind, "year": year,
                    "href": f"{plan_url(plan.key)}/report?format={f}&year={year}&kind={kind}"} for f, lbl in formats]
    section = {"public": actor.is_public, "published": published is not None, "reports": reports,
               "report_label": f"{published['report']['year']} 年{REPORT_KINDS[published['report']['kind']]}报告"
               if published and published["report"] else None}
    if actor.is_public:
        return {"publication": section, "history": []}
    section.update(current=published, publish_url=f"{plan_url(plan.key)}/publish")
    return {"publication": section,
            "history": [audit.brief(e) for e in audit.history(session, "plan", plan.key)]}
