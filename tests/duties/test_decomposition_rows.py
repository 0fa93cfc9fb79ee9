"""The allocation rows shared by the CLI import and the 分解下达 page: blank template rows, one rule
per indicator across what is stored, and the template of indicators × child regions.
On 江州市's ecology plan (a fixture of our own) filed under 运城市, whose children are its districts
and counties."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from plantrack.domain.actor import LOCAL_OPERATOR
from plantrack.duties import DutyInputError
from plantrack.duties.decomposition import allocation_template_rows, apply_allocation_rows, child_regions
from plantrack.store.models import Allocation, Plan

from ..web.conftest import FIXTURES, ingest

PLAN = "jiangzhou-ecology-14th"


@pytest.fixture
def store(session_factory):
    with session_factory() as s:
        ingest(s, FIXTURES / "jiangzhou-ecology-14th-plan.txt", PLAN, {"region": "运城市"})
        s.commit()
    return session_factory


def _row(region, assigned="45", rule="at_least", weight="", indicator="森林覆盖率", unit="%"):
    return {"parent_plan": PLAN, "indicator": indicator, "region": region, "assigned": assigned, "unit": unit,
            "rule": rule, "weight": weight}


def _apply(factory, rows):
    with factory.begin() as s:
        return apply_allocation_rows(s, list(enumerate(rows, start=2)), "t.csv", LOCAL_OPERATOR)


def test_rows_that_pass_nothing_down_are_skipped_but_a_half_filled_row_is_named(store):
    summary = _apply(store, [_row("盐湖区"), _row("永济市", assigned="", rule="")])
    assert (summary["rows"], summary["added"]) == (1, 1)
    with pytest.raises(DutyInputError) as exc:
        _apply(store, [_row("永济市", assigned="")])
    assert exc.value.problems == ["t.csv 第2行：assigned（下达目标）为空"]


def test_a_rule_different_from_the_regions_already_stored_is_refused_unless_they_are_restated(store):
    _apply(store, [_row("盐湖区"), _row("永济市")])
    with pytest.raises(DutyInputError) as exc:
        _apply(store, [_row("永济市", rule="at_most")])
    assert exc.value.problems == ["t.csv 第2行：“森林覆盖率”已按“不低于”（at_least）分解给盐湖区，同一指标只能用一种分解规则；"
                                  "改变规则时请把这些地区一并改为“at_most”"]
    summary = _apply(store, [_row("永济市", rule="at_most"), _row("盐湖区", rule="at_most")])
    assert summary["superseded"] == 2
    with store() as s:
        assert {a.rule for a in s.scalars(select(Allocation).where(Allocation.state == "active"))} == {"at_most"}


def test_the_template_is_every_indicator_by_every_child_region_filled_where_stored(store):
    _apply(store, [_row("盐湖区", assigned="≥45")])
    with store() as s:
        plan = s.scalar(select(Plan).where(Plan.key == PLAN))
        regions = child_regions(s, plan)
        rows = allocation_template_rows(s, plan)
    assert regions and all(r.parent_code == "140800" for r in regions)
    assert len(rows) % len(regions) == 0 and len(rows) > len(regions)
    assert [r for r in rows if r[3]] == [[PLAN, "森林覆盖率", "盐湖区", "≥45", "%", "at_least", ""]]
    # the template as it comes back changes nothing
    summary = _apply(store, [dict(zip(("parent_plan", "indicator", "region", "assigned", "unit", "rule", "weight"),
                                      [str(c) for c in r])) for r in rows])
    assert (summary["rows"], summary["unchanged"], summary["added"]) == (1, 1, 0)
