"""The to-do list read set-based and in pages (duties/todo.py): the same rows, in the same order, as
reporting.owed(); pages that add up to the whole list; counts per state under the other filters."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone

from sqlalchemy import select

from plantrack.duties.reporting import owed, owed_dict
from plantrack.duties.todo import OVERDUE, TodoFilter, todo_page, todo_rows, row_dict
from plantrack.store.models import Assignment, Plan, ReportingFrequency, ReportItem, Unit

from .reporting_fixtures import FORESTRY, OFFICE, PLAN, TAIYUAN_OFFICE, TODAY, reporting_store  # noqa: F401

STATES = ("draft", "submitted", "returned", "approved")


def _more(factory, n: int = 40) -> None:
    """n more assignments over both units: years assigned 2025 and 2026, due dates inside and outside
    the periods, a quarter of them quarterly, stored reports in every state, and reports for a
    period no longer owed (a yearly report left behind when the assignment became quarterly)."""
    with factory.begin() as s:
        plan = s.scalar(select(Plan).where(Plan.key == PLAN))
        units = s.scalars(select(Unit.id).order_by(Unit.id)).all()
        s.execute(Assignment.__table__.insert(), [
            {"plan_id": plan.id, "item_kind": ("indicator", "task", "target", "project")[k % 4], "item_id": None,
             "item_name": f"事项{k}", "item_line": k, "lead_unit_id": units[k % 2], "supporting_unit_ids": [],
             "due": ("2026-06-30", "2025-03-31", None, "2026-12-31")[k % 4], "state": "active", "created_by": "t",
             "created_at": datetime(2025 + k % 2, 2, 1, tzinfo=timezone.utc)} for k in range(n)])
        ids = s.scalars(select(Assignment.id).where(Assignment.item_name.like("事项%")).order_by(Assignment.id)).all()
        s.execute(ReportingFrequency.__table__.insert(), [
            {"plan_id": plan.id, "assignment_id": a, "frequency": "quarter", "state": "active", "created_by": "t",
             "created_at": datetime.now(timezone.utc)} for a in ids[::4]])
        s.execute(ReportItem.__table__.insert(), [
            {"assignment_id": a, "unit_id": units[i % 2], "period": "2026" if i % 3 else "2025", "due": None,
             "state": STATES[(i // 2) % 4], "value": float(i), "percent": None, "created_at": datetime.now(timezone.utc),
             "updated_at": datetime.now(timezone.utc)} for i, a in enumerate(ids) if i % 2 == 0])


def test_the_rows_and_their_order_are_those_of_owed(reporting_store):
    _more(reporting_store)
    with reporting_store() as s:
        for actor in (OFFICE, FORESTRY, TAIYUAN_OFFICE):
            old = [owed_dict(o, TODAY) for o in owed(s, actor, TODAY)]
            new = [row_dict(o, TODAY) for o in todo_rows(s, actor, TODAY)]
            assert new == old, actor.name
        assert old == []  # 太原 sees nothing of 运城
        assert len(owed(s, OFFICE, TODAY)) > 60
        late = [o for o in todo_rows(s, OFFICE, TODAY) if o.a.id % 4 and o.period == "2026" and o.state != "new"]
        assert late  # yearly reports stored for quarterly assignments are listed too


def test_pages_add_up_to_the_whole_list_and_counts_follow_the_other_filters(reporting_store):
    _more(reporting_store)
    with reporting_store() as s:
        whole = [row_dict(o, TODAY) for o in todo_rows(s, OFFICE, TODAY)]
        first = todo_page(s, OFFICE, TODAY, page_size=25)
        assert first.total == len(whole) and first.pages == -(-len(whole) // 25)
        pages = [todo_page(s, OFFICE, TODAY, page=n, page_size=25).rows for n in range(1, first.pages + 1)]
        assert [r for p in pages for r in p] == whole
        assert first.counts == {**{k: 0 for k in ("new", *STATES)}, **Counter(r["state"] for r in whole),
                                OVERDUE: sum(r["overdue"] for r in whole)}
        beyond = todo_page(s, OFFICE, TODAY, page=999, page_size=25)
        assert beyond.page == first.pages and beyond.rows == pages[-1]

        f = TodoFilter(period="2026", state="submitted")
        only = todo_page(s, OFFICE, TODAY, f, page_size=200)
        assert only.rows == [r for r in whole if r["period"] == "2026" and r["state"] == "submitted"] != []
        in_2026 = [r for r in whole if r["period"] == "2026"]
        assert only.counts["new"] == sum(r["state"] == "new" for r in in_2026)  # the state filter leaves the counts

        unit_id = whole[0]["unit_id"]
        overdue = todo_page(s, OFFICE, TODAY, TodoFilter(state=OVERDUE, unit_id=unit_id, plan=PLAN), page_size=200)
        assert overdue.rows == [r for r in whole if r["overdue"] and r["unit_id"] == unit_id] != []
        assert {u["id"] for u in overdue.units} == {r["unit_id"] for r in whole}  # every unit stays a choice
        assert [p for p, _ in first.periods] == sorted({r["period"] for r in whole}, key=lambda p: (-int(p[:4]), p))
