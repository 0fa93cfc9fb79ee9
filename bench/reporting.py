"""填报任务 at scale: the to-do list, the overdue list and the dashboard over N assignments
(default 2,000, across 40 units of 运城市), half of them with a stored report, quarterly for a
quarter of them.

    PYTHONPATH=src .venv/bin/python bench/reporting.py [-n ASSIGNMENTS] [-r RUNS]

Rows are inserted in bulk (the bench measures reading the workflow, not writing it); pages go
through TestClient with the bearer token of a planning office of 运城市. Prints best-of-RUNS milliseconds; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date, datetime, timezone
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from plantrack.accounts.service import create_token, create_user
from plantrack.api import create_app
from plantrack.domain.actor import Actor
from plantrack.duties.reminders import overdue_summary
from plantrack.duties.reporting import owed
from plantrack.load import load_file
from plantrack.store.db import open_store
from plantrack.store.models import Assignment, Indicator, Plan, ReportingFrequency, ReportItem, Unit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import best_of  # noqa: E402

OFFICE = Actor(name="office", role="planning", user_id=1, region_code="140800")
UNIT = Actor(name="单位7", role="unit", user_id=2, region_code="140800", unit="运城市单位7")
TODAY = date(2026, 12, 3)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", "--assignments", type=int, default=2_000)
    parser.add_argument("-r", "--runs", type=int, default=5)
    args = parser.parse_args()
    factory = open_store(f"sqlite:///{tempfile.mkdtemp()}/bench.db")
    load_file(factory, REPO / "tests" / "fixtures" / "jiangzhou-ecology-14th-plan.txt", key="jz", overrides={"region": "运城市"})
    now = datetime.now(timezone.utc)
    with factory.begin() as s:
        plan = s.scalar(select(Plan).where(Plan.key == "jz"))
        ind = s.scalar(select(Indicator).where(Indicator.version_id == plan.current.id))
        s.execute(Unit.__table__.insert(), [{"region_code": "140800", "name": f"运城市单位{u}", "short_name": f"单位{u}",
                                             "extra": {}, "created_at": now} for u in range(40)])
        units = s.scalars(select(Unit.id).order_by(Unit.id)).all()
        s.execute(Assignment.__table__.insert(), [
            {"plan_id": plan.id, "item_kind": "indicator" if n % 2 else "task", "item_id": ind.id,
             "item_name": f"事项{n}", "item_line": ind.line, "lead_unit_id": units[n % 40], "supporting_unit_ids": [],
             "due": "2026-06-30", "state": "active", "created_by": "bench", "created_at": now} for n in range(args.assignments)])
        ids = s.scalars(select(Assignment.id).order_by(Assignment.id)).all()
        s.execute(ReportingFrequency.__table__.insert(), [
            {"plan_id": plan.id, "assignment_id": a, "frequency": "quarter", "state": "active", "created_by": "bench",
             "created_at": now} for a in ids[::4]])
        s.execute(ReportItem.__table__.insert(), [
            {"assignment_id": a, "unit_id": units[i % 40], "period": "2026", "due": "2026-06-30",
             "state": "submitted", "value": 1.0, "created_at": now, "updated_at": now} for i, a in enumerate(ids) if i % 2 == 0])
    with factory.begin() as s:
        create_user(s, "office", "planning", "bench-password-1", region="140800")
        token, _ = create_token(s, "office", "bench", 1)
    client = TestClient(create_app(factory), headers={"Authorization": f"Bearer {token}"})
    print(f"{args.assignments} 项任务分工，40 个单位，最优 {args.runs} 次（毫秒）")
    with factory() as s:
        for label, fn in (("owed(规划管理部门)", lambda: owed(s, OFFICE, TODAY)),
                          ("owed(牵头单位)", lambda: owed(s, UNIT, TODAY)),
                          ("overdue_summary(规划管理部门)", lambda: overdue_summary(s, OFFICE, TODAY))):
            print(f"{best_of(args.runs, fn) * 1000:8.1f}  {label}（{len(fn()) if label.startswith('owed') else fn()['total']} 项）")
    for url in ("/reporting?format=json&today=2026-12-03", "/reporting?today=2026-12-03", "/reporting/overdue?format=json",
                "/?format=json"):
        assert client.get(url).status_code == 200, url
        print(f"{best_of(args.runs, lambda: client.get(url)) * 1000:8.1f}  {url}")


if __name__ == "__main__":
    main()
