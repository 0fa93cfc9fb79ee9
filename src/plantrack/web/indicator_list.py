"""Every indicator of every plan a reader may see, with its status in a year: the rows behind the
dashboard's status cards, the /indicators list and its XLSX export.

The dashboard counts statuses; a count a person cannot open is a dead end, so the list is built
from the very same evaluations (queries.evaluation) and the same effective rows as the plan page,
and then filtered. One gathering serves the page, its JSON twin and the workbook, so the three
never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..publication import visible_plan_ids
from ..store.models import Plan
from . import labels
from .queries import current_versions, data_state, evaluation, plan_brief


@dataclass(frozen=True)
class IndicatorFilter:
    """What the list is narrowed to; None means "any"."""

    status: str | None = None
    binding: str | None = None  # "binding" / "expected"
    region: str | None = None  # a GB/T 2260 code: the region and every region under it
    plan: str | None = None  # a plan key

    def keeps_plan(self, plan: Plan) -> bool:
        if self.plan and plan.key != self.plan:
            return False
        if self.region:
            code = plan.region_code or ""
            return code == self.region or code.startswith(_prefix(self.region))
        return True

    def keeps_row(self, row: dict) -> bool:
        if self.status and row["status"] != self.status:
            return False
        if self.binding and row["binding"] != self.binding:
            return False
        return True


def _prefix(code: str) -> str:
    """GB/T 2260: 140000 is a province, 140800 a city, 140802 a county; the region's own digits are
    its code without the trailing zero pairs."""
    trimmed = code
    while trimmed.endswith("00") and len(trimmed) > 2:
        trimmed = trimmed[:-2]
    return trimmed


def visible_plans(session, actor, wanted: IndicatorFilter) -> list[Plan]:
    """Current plans the actor may see that the filter keeps, provincial before city before county."""
    versions = current_versions(session)
    shown = visible_plan_ids(session, actor)
    plans = [p for p in session.scalars(select(Plan).order_by(Plan.key))
             if p.id in versions and (shown is None or p.id in shown) and wanted.keeps_plan(p)]
    rank = {lv: i for i, lv in enumerate(labels.LEVEL_ORDER)}
    return sorted(plans, key=lambda p: (rank.get(p.level, 9), p.region_code or "", p.key))


def indicator_rows(session, actor, year: int, wanted: IndicatorFilter) -> list[dict]:
    """One dict per indicator row kept by the filter: the plan page's row plus its plan."""
    from .views.plan import _indicator_rows, prose_rows  # the plan page's rows: one reading of a row and its status

    state = data_state(session)
    out = []
    for plan in visible_plans(session, actor, wanted):
        evaluated = evaluation(session, plan, year, state)
        brief = plan_brief(plan, {})
        for row in _indicator_rows(session, plan.current, evaluated) + prose_rows(evaluated):
            if wanted.keeps_row(row):
                out.append({**row, "plan": {k: brief[k] for k in ("key", "title", "level", "level_label",
                                                                   "region", "region_code")}})
    return out


def status_counts(rows: list[dict]) -> list[dict]:
    counts = {s: 0 for s in labels.STATUS_ORDER}
    for r in rows:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    return [{"status": s, "count": n} for s, n in counts.items()]
