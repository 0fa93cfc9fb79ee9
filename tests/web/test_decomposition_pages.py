"""分解下达 entered in the page: one region's figure from the form, the XLSX template of the parent's
indicators × child regions downloaded and uploaded back (all rows or none, every bad row named, an
unchanged upload changes nothing), supersession, the audit trail, the check, and who may write.

The store is tests/web/conftest.py's: 江州市's ecology plan filed under 运城市 (140800), whose child
regions are 运城's districts and counties."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import func, select

from plantrack.api import create_app
from plantrack.store.models import Allocation, AuditEvent

from ..userfixtures import add_user, bearer
from .conftest import JIANGZHOU

PAGE = f"/plans/{JIANGZHOU}/decomposition"


@pytest.fixture
def office(web_store):
    add_user(web_store, "yc-office", "planning", region="140800")
    with TestClient(create_app(web_store), headers=bearer(web_store, "yc-office")) as c:
        yield c


def _allocations(factory) -> list[tuple]:
    with factory() as s:
        return [(a.indicator_name, a.region_code, a.assigned_text, a.rule, a.weight, a.state)
                for a in s.scalars(select(Allocation).order_by(Allocation.id))]


def _events(factory, action) -> int:
    with factory() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == action))


def _set(c, **form):
    return c.post(f"{PAGE}?format=json", data={"indicator": "森林覆盖率", "rule": "at_least", **form})


def test_the_office_sets_and_changes_a_regions_figure_and_the_check_follows(office, web_store):
    body = office.get(f"{PAGE}?format=json").json()
    assert body["can_write"] and "盐湖区" in [r["name"] for r in body["child_regions"]]
    assert "森林覆盖率" in [i["name"] for i in body["parent_indicators"]]
    assert 'action="' + PAGE + '"' in office.get(PAGE).text
    first = _set(office, region="盐湖区", assigned="1")
    assert first.status_code == 200, first.text
    row = first.json()["indicators"][0]
    assert row["ok"] is False and row["shortfall"] > 0  # 1 is weaker than the plan's floor
    assert _set(office, region="盐湖区", assigned="1").json()["saved"]["unchanged"] == 1
    changed = _set(office, region="盐湖区", assigned="99")
    assert changed.json()["indicators"][0]["ok"] is True and changed.json()["saved"]["superseded"] == 1
    assert [(a[1], a[2], a[5]) for a in _allocations(web_store)] == [("140802", "1", "superseded"),
                                                                        ("140802", "99", "active")]
    assert _events(web_store, "decomposition.set") == 2  # the unchanged save wrote nothing


def test_a_bad_form_entry_is_refused_with_its_reason_and_nothing_stored(office, web_store):
    bad = _set(office, region="盐湖区", assigned="很多")
    assert bad.status_code == 422 and "无法读取下达目标“很多”" in bad.json()["problems"][0]
    assert _set(office, region="北京市", assigned="50").status_code == 422
    assert _set(office, region="盐湖区", assigned="50", rule="weighted").json()["problems"] == [
        "按加权平均（weighted）分解时 weight（权重）不能为空"]
    assert _allocations(web_store) == []
    assert _set(office, region="盐湖区", assigned="50").status_code == 200
    mixed = _set(office, region="永济市", assigned="50", rule="at_most")  # another rule for the same indicator
    assert mixed.status_code == 422 and "同一指标只能用一种分解规则" in mixed.json()["problems"][0]
    assert [a[1] for a in _allocations(web_store)] == ["140802"]


def _template(c) -> list[list]:
    resp = c.get(f"{PAGE}/template.xlsx")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(resp.content)).worksheets[0]
    return [["" if v is None else v for v in r] for r in ws.iter_rows(values_only=True)]


def _xlsx(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _upload(c, rows):
    return c.post(f"{PAGE}/import?format=json", files={"file": ("分解.xlsx", _xlsx(rows), "application/octet-stream")})


def test_the_template_lists_indicators_by_child_regions_and_round_trips(office, web_store):
    _set(office, region="盐湖区", assigned="45")
    rows = _template(office)
    assert rows[0] == ["parent_plan", "indicator", "region", "assigned", "unit", "rule", "weight"]
    body = office.get(f"{PAGE}?format=json").json()
    assert len(rows) - 1 == len(body["parent_indicators"]) * len(body["child_regions"])
    filled = [r for r in rows[1:] if r[3]]
    assert filled == [[JIANGZHOU, "森林覆盖率", "盐湖区", "45", "%", "at_least", ""]]
    # the template uploaded back unchanged changes nothing
    same = _upload(office, rows)
    assert same.status_code == 200, same.text
    assert (same.json()["saved"]["rows"], same.json()["saved"]["unchanged"], same.json()["saved"]["added"]) == (1, 1, 0)
    assert _events(web_store, "decomposition.import") == 0 and len(_allocations(web_store)) == 1
    # two regions filled in the template: both stored, one audit event
    for r in rows[1:]:
        if r[1] == "森林覆盖率" and r[2] in ("永济市", "盐湖区"):
            r[3], r[5] = ("48" if r[2] == "永济市" else "46"), "at_least"
    done = _upload(office, rows)
    assert done.status_code == 200 and done.json()["saved"]["added"] == 2 and done.json()["saved"]["superseded"] == 1
    active = sorted((a[1], a[2]) for a in _allocations(web_store) if a[5] == "active")
    assert [a[1] for a in active] == ["46", "48"]
    assert _events(web_store, "decomposition.import") == 1


def test_a_template_with_bad_rows_is_refused_whole_with_every_bad_row_named(office, web_store):
    rows = [["parent_plan", "indicator", "region", "assigned", "unit", "rule", "weight"],
            [JIANGZHOU, "森林覆盖率", "盐湖区", "45", "%", "at_least", ""],
            [JIANGZHOU, "不存在的指标", "永济市", "1", "%", "sum", ""],
            [JIANGZHOU, "森林覆盖率", "永济市", "≥?", "%", "at_least", ""],
            [JIANGZHOU, "森林覆盖率", "盐湖区", "46", "%", "at_least", ""]]
    resp = _upload(office, rows)
    assert resp.status_code == 422
    assert resp.json()["problems"] == [
        f"分解.xlsx 第3行：规划“{JIANGZHOU}”的指标表中没有“不存在的指标”",
        "分解.xlsx 第4行：无法读取下达目标“≥?”（应写为 26、≥26、1365 等）",
        "分解.xlsx 第5行：与第2行重复（森林覆盖率 盐湖区）"]
    assert _allocations(web_store) == []
    other = _upload(office, [rows[0], ["another-plan", "森林覆盖率", "盐湖区", "45", "%", "at_least", ""]])
    assert other.status_code == 422 and "parent_plan（上位规划）应为" in other.json()["problems"][0]


def test_only_the_regions_planning_office_writes(web_store):
    add_user(web_store, "taiyuan", "planning", region="140100")
    add_user(web_store, "forestry", "unit", region="140800", unit="运城市林业局")
    for login in ("taiyuan", "forestry"):
        with TestClient(create_app(web_store), headers=bearer(web_store, login)) as c:
            assert _set(c, region="盐湖区", assigned="45").status_code == 403
            assert _upload(c, [["parent_plan", "indicator", "region", "assigned", "unit", "rule"],
                               [JIANGZHOU, "森林覆盖率", "盐湖区", "45", "%", "at_least"]]).status_code == 403
            body = c.get(f"{PAGE}?format=json").json()
            assert body["can_write"] is False and "parent_indicators" not in body
    assert _allocations(web_store) == []


def test_a_matrix_cell_opens_the_form_with_its_stored_figure(office, web_store):
    _set(office, region="永济市", assigned="50", rule="weighted", weight="2.5")
    page = office.get(PAGE)
    assert "region=140881#set-h" in page.text and ">修改</a>" in page.text
    body = office.get(f"{PAGE}?indicator=森林覆盖率&region=140881&format=json").json()
    assert body["form"] == {"indicator": "森林覆盖率", "region": "永济市", "assigned": "50", "unit": "%",
                            "rule": "weighted", "weight": "2.5"}
    assert office.get(f"{PAGE}?indicator=森林覆盖率&region=140802&format=json").json()["form"] == {}

