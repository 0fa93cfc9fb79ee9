"""Scorecards (考核): counts per lead unit and per region from the assignments, their reporting
state (through the ReportStates seam) and their evaluation status; the XLSX export."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from plantrack.domain.actor import LOCAL_OPERATOR
from plantrack.duties.assignments import apply_assignment_rows
from plantrack.duties.scorecards import ReportState, observed_report_states, scorecard_workbook, scorecards
from plantrack.duties.units import apply_unit_rows

from ..web.conftest import JIANGZHOU, web_store  # noqa: F401  (江州 plan under 运城市, 森林覆盖率 observed)

UNITS = [(2, {"region": "运城市", "name": "运城市林业局", "short_name": "市林业局"}),
         (3, {"region": "运城市", "name": "运城市统计局", "short_name": "=HYPERLINK(\"x\")"})]


def assign(factory, rows):
    with factory.begin() as s:
        apply_unit_rows(s, UNITS, "units", LOCAL_OPERATOR)
        apply_assignment_rows(s, [(n, {"plan": JIANGZHOU, "item_kind": "indicator", "item": item, "lead_unit": lead,
                                       "supporting_units": "", "due": due}) for n, (item, lead, due) in enumerate(rows, 2)],
                              "a.csv", LOCAL_OPERATOR)


def other_indicator(factory) -> str:
    with factory() as s:
        from plantrack.store.repository import get_plan

        names = [i["name"] for i in get_plan(s, JIANGZHOU).current.document["indicators"]]
    return next(n for n in names if n != "森林覆盖率")


def test_counts_follow_the_report_states_given_through_the_seam(web_store):  # noqa: F811
    other = other_indicator(web_store)
    assign(web_store, [("森林覆盖率", "市林业局", "2024-03-31"), (other, "市林业局", "2024-03-31")])

    def states(session, assignments):
        first, second = sorted(assignments, key=lambda a: a.id)
        return {first.id: ReportState(reported=True, reported_on=date(2024, 3, 1), approved=True),
                second.id: ReportState(reported=True, reported_on=date(2024, 4, 2), approved=False)}

    with web_store() as session:
        card = scorecards(session, date(2024, 5, 1), 2022, report_states=states)
    (unit,) = card["units"]
    assert (unit["unit"], unit["items"], unit["reported"], unit["on_time"], unit["late"], unit["approved"], unit["overdue"]) \
        == ("市林业局", 2, 2, 1, 1, 1, 0)
    (region,) = card["regions"]
    assert (region["region"], region["items"], region["on_time"]) == ("运城市", 2, 1)


def test_the_default_seam_reads_observations_and_counts_the_overdue(web_store):  # noqa: F811
    other = other_indicator(web_store)
    assign(web_store, [("森林覆盖率", "市林业局", "2099-12-31"), (other, "=HYPERLINK(\"x\")", "2020-01-01")])
    with web_store() as s:
        card = scorecards(s, date(2024, 5, 1), 2022, report_states=observed_report_states)
    items = {i["item"]: i for i in card["items"]}
    assert items["森林覆盖率"]["report"]["reported"] and items["森林覆盖率"]["report"]["year"] == 2022
    assert items["森林覆盖率"]["on_time"] is True and not items["森林覆盖率"]["overdue"]
    assert items[other]["report"]["reported"] is False and items[other]["overdue"] is True
    assert items["森林覆盖率"]["status"] is not None  # the plan's evaluation of 2022
    by_unit = {u["unit"]: u for u in card["units"]}
    assert by_unit["=HYPERLINK(\"x\")"]["overdue"] == 1 and by_unit["市林业局"]["overdue"] == 0


def test_the_workbook_has_a_sheet_per_view_and_no_formulas(web_store):  # noqa: F811
    assign(web_store, [("森林覆盖率", "=HYPERLINK(\"x\")", "2025-12-31")])
    with web_store() as s:
        body = scorecard_workbook(scorecards(s, date(2024, 5, 1), 2022))
    wb = load_workbook(io.BytesIO(body))
    assert wb.sheetnames == ["按单位", "按地区", "事项明细"]
    cell = wb["按单位"]["B2"]
    assert cell.value == "=HYPERLINK(\"x\")" and cell.data_type == "s"
    assert [c.value for c in wb["事项明细"][2]][3] == "森林覆盖率"
