"""Annual targets (年度目标): for an indicator of a plan, the target the planning office sets for
one year of the plan period. Re-importing a year's target supersedes the earlier one (kept)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.actor import Actor
from ..evaluate.annual import annual_spec, readable
from ..store.models import AnnualTarget, Plan
from ..store.repository import require_plan
from . import DutyInputError
from .rows import PlanRows, read_file
from .audit_events import record_import

ANNUAL_COLUMNS = ("plan", "indicator", "year", "target")


def import_annual_targets(session: Session, path: str | Path, actor: Actor) -> dict:
    return apply_annual_rows(session, read_file(path, ANNUAL_COLUMNS), Path(path).name, actor)


def apply_annual_rows(session: Session, rows: list[tuple[int, dict[str, str]]], fname: str, actor: Actor,
                      action: str = "annual_targets.import") -> dict:
    """The checks and writes of import_annual_targets over rows already read (a file, the grid
    entered in the page, proposals confirmed there); action names the audit event."""
    problems: list[str] = []
    lookup = PlanRows(session, problems)
    seen: dict[tuple, int] = {}
    good = []
    for number, row in rows:
        where = f"{fname} 第{number}行"
        bad = len(problems)
        key = row["plan"]
        plan = lookup.plan(key, where)
        indicator = lookup.indicator(plan, row["indicator"], where) if plan else None
        try:
            year = int(float(row["year"]))
            if str(year) != row["year"].split(".")[0]:
                raise ValueError
        except ValueError:
            problems.append(f"{where}：year（年份）“{row['year']}”不是年份")
            year = None
        if year is not None and plan is not None and plan.period_start and plan.period_end \
                and not plan.period_start <= year <= plan.period_end:
            problems.append(f"{where}：{year}年不在规划期{plan.period_start}—{plan.period_end}年内")
        if not row["target"]:
            problems.append(f"{where}：target（年度目标）为空")
        elif indicator is not None and year is not None and not readable(annual_spec(indicator, year, row["target"])):
            problems.append(f"{where}：无法读取年度目标“{row['target']}”（应写为 6.5、≥95、5.5左右 等）")
        ident = (key, row["indicator"], year)
        if ident in seen:
            problems.append(f"{where}：与第{seen[ident]}行重复（{row['indicator']} {year}年）")
        seen.setdefault(ident, number)
        if len(problems) == bad:
            good.append((plan, row["indicator"], year, row["target"]))
    if problems:
        raise DutyInputError(problems)
    superseded = unchanged = 0
    for plan, name, year, text in good:
        current = list(session.scalars(select(AnnualTarget).where(
            AnnualTarget.plan_id == plan.id, AnnualTarget.indicator_name == name, AnnualTarget.year == year,
            AnnualTarget.state == "active")))
        if [a.target_text for a in current] == [text]:
            unchanged += 1  # the same file again changes nothing
            continue
        for old in current:
            old.state = "superseded"
            superseded += 1
        session.add(AnnualTarget(plan_id=plan.id, indicator_name=name, year=year, target_text=text, state="active",
                                 created_by=actor.name))
    session.flush()
    summary = {"file": fname, "rows": len(good), "added": len(good) - unchanged, "unchanged": unchanged,
            "superseded": superseded, "by": actor.name}
    record_import(session, actor, action, summary)
    return summary


def annual_targets(session: Session, plan_id: int) -> dict[tuple[str, int], str]:
    """{(indicator name, year): target text} of the plan's active annual targets."""
    rows = session.scalars(select(AnnualTarget).where(AnnualTarget.plan_id == plan_id, AnnualTarget.state == "active"))
    return {(r.indicator_name, r.year): r.target_text for r in rows}


def list_annual_targets(session: Session, plan_key: str | None = None) -> list[dict]:
    query = (select(AnnualTarget, Plan.key).join(Plan, Plan.id == AnnualTarget.plan_id)
             .where(AnnualTarget.state == "active").order_by(Plan.key, AnnualTarget.indicator_name, AnnualTarget.year))
    if plan_key:
        query = query.where(Plan.key == plan_key)
    return [{"id": r.id, "plan": key, "indicator": r.indicator_name, "year": r.year, "target": r.target_text,
             "state": r.state, "created_by": r.created_by} for r, key in session.execute(query)]


def _figure(x: float, like: float) -> str:
    """x with as many decimals as the plan's own figure has (at least one for a path value)."""
    text = f"{like:g}"
    decimals = max(1, len(text.split(".")[1]) if "." in text else 0)
    return f"{round(x, decimals):g}"


def propose_annual_targets(session: Session, plan_key: str) -> list[dict]:
    """Annual targets drafted from the plan's own figures, for the planning office to confirm
    (edit, then import): a level on the linear path from the base to the target; a level growing
    at an average rate on the compound path; a growth rate, the same rate each year. Targets
    without a figure and a base are left out. Nothing is stored."""
    from ..domain.targets import interpret
    from ..evaluate.progress import compound_growth, linear

    plan = require_plan(session, plan_key)
    start, end = plan.period_start or 2021, plan.period_end or 2025
    out = []
    for ind in plan.current.document.get("indicators", []):
        spec = interpret(ind, (start, end))
        base_year, base, target_year = spec.base_year, spec.base_value, spec.target_year or end
        for year in range(start, min(end, target_year) + 1):
            if spec.rate and spec.kind in ("level", "at_least", "about") and spec.value is not None:
                text, method = spec.text, "same_rate"
            elif spec.kind in ("level", "at_least", "at_most", "about") and not spec.rate and \
                    spec.value is not None and base is not None and base_year is not None:
                text, method = _figure(linear(base, spec.value, base_year, target_year, year), spec.value), "linear"
            elif spec.kind == "average_growth" and base is not None and base_year is not None:
                text, method = _figure(compound_growth(base, spec.value, base_year, year), base), "compound"
            else:
                break
            out.append({"plan": plan.key, "indicator": ind["name"], "year": year, "target": text, "method": method,
                        "line": ind.get("line")})
    return out
