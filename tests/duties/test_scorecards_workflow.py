"""Scorecards read the reporting workflow (issue 11 item 7 wired to item 6): a task nobody reported is
not reported, a submitted one is reported but not approved, a returned one is owed again, and an
approved one counts as approved — the counts 考核 reads move with the workflow."""

from __future__ import annotations

from plantrack.duties.reporting import Entry, owed, save, transition
from plantrack.duties.scorecards import scorecards

from .conftest import write_csv  # noqa: F401  (the fixture module imports it)
from .reporting_fixtures import ECOLOGY, OFFICE, TODAY, reporting_store  # noqa: F401

PROGRESS = Entry(percent="60", narrative="已淘汰燃煤锅炉 12 台，其余 8 台完成招标。")


def _task_row(factory) -> dict:
    with factory() as s:
        card = scorecards(s, TODAY)
    return next(i for i in card["items"] if i["item_kind"] != "indicator")


def _move(factory, actor, fn, *args):
    with factory.begin() as s:
        o = next(o for o in owed(s, OFFICE, TODAY) if o.assignment.item_kind != "indicator")
        fn(s, actor, o, *args)


def test_the_scorecard_follows_the_task_through_the_workflow(reporting_store):
    assert _task_row(reporting_store)["report"]["reported"] is False
    _move(reporting_store, ECOLOGY, save, PROGRESS)
    assert _task_row(reporting_store)["report"]["reported"] is False  # a draft is not a report
    _move(reporting_store, ECOLOGY, transition, "submit")
    row = _task_row(reporting_store)
    assert row["report"]["reported"] is True and row["report"]["approved"] is False
    assert row["report"]["source"] == "填报" and row["report"]["reported_on"] is not None
    _move(reporting_store, OFFICE, transition, "return", "请附验收材料")
    assert _task_row(reporting_store)["report"]["reported"] is False  # returned: owed again
    _move(reporting_store, ECOLOGY, transition, "submit")
    _move(reporting_store, OFFICE, transition, "approve")
    row = _task_row(reporting_store)
    assert row["report"]["approved"] is True and row["report"]["source"] == "填报审定"
    with reporting_store() as s:
        unit = next(u for u in scorecards(s, TODAY)["units"] if u["unit"] == row["lead_unit"])
    assert unit["reported"] >= 1 and unit["approved"] >= 1
