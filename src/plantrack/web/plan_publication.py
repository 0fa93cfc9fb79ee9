"""What a plan page shows of publication and history: whether the plan is published (and which
report with it), the link to 发布 for those who may publish, and the plan's 修改记录 — all for
logged-in users; the public sees only that the plan is published and the published report."""

from __future__ import annotations

from .. import audit
from ..domain.actor import Actor
from ..publication import REPORT_KINDS, in_force, publication_json
from .render import plan_url


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
