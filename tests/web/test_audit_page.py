"""操作记录 (/audit) and each object's 修改记录: writes made through the pages are recorded as the
logged-in user from the client's address, listed, filtered, paged and exported; the public sees no
trail at all."""

from __future__ import annotations

from io import BytesIO

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from plantrack.api import create_app
from plantrack.audit import record
from plantrack.domain.actor import Actor
from plantrack.links import link_plan
from plantrack.tracking import set_override

from ..actors import PLANNER, STAFF, acting_as
from .conftest import CORRECTION, HEADER, JIANGZHOU, UPLOAD_KEY as KEY, UPLOAD_PLAN as PLAN, forest_id

UNIT = Actor(name="市生态环境局", role="unit", user_id=9, region_code="140800")


@pytest.fixture
def as_planner(web_store):
    with TestClient(acting_as(create_app(web_store), PLANNER)) as c:
        yield c


@pytest.fixture
def as_public(web_store):
    with TestClient(create_app(web_store)) as c:
        yield c


def save_observations(client, text: str, name: str = "data.csv"):
    checked = client.post("/observations/check?format=json", files={"file": (name, text.encode("utf-8"), "text/csv")})
    assert checked.status_code == 200, checked.text
    body = checked.json()
    return client.post("/observations/save?format=json",
                       data={"file_name": body["file"], "content": body["content"], "sha256": body["sha256"]})


def test_a_save_on_the_entry_page_is_recorded_as_the_user_from_the_client_address(as_planner):
    saved = save_observations(as_planner, HEADER + "运城市,森林覆盖率,%,2023,44.0,https://e.org/d,2023年公报,44.0%\n")
    assert saved.status_code == 200, saved.text
    body = as_planner.get("/audit?format=json&action=observations.import").json()
    newest = body["events"][0]
    assert newest["actor"].pop("user_id") is not None  # the account's id in this store
    assert newest["actor"] == {"name": "规划处张三", "role": "planning", "address": "testclient", "role_label": "规划管理"}
    assert newest["object_key"] == "data.csv"
    assert [(v["year"], v["value"]) for v in newest["after"]["values"]] == [(2023, 44.0)]


def test_a_plan_stored_from_the_upload_page_is_recorded_once_as_the_user(as_planner):
    from .test_plan_upload import check, confirm  # the upload page's forms, as its own tests post them

    # Filed under a region of the planning office's (山西省 and below): its scope (plantrack.policy).
    checked = check(as_planner, PLAN.encode("utf-8"), region="运城市").json()
    assert as_planner.get("/audit?format=json").json()["total"] == 2  # checking stored nothing (2: the fixture's imports)
    assert confirm(as_planner, checked).json()
    confirm(as_planner, check(as_planner, PLAN.encode("utf-8"), region="运城市").json())  # the same file again: no event
    [event] = as_planner.get(f"/audit?format=json&object={KEY}").json()["events"]
    assert (event["action"], event["actor"]["name"], event["before"]) == ("plan.create", "规划处张三", None)
    assert event["after"]["version"] == 1 and event["after"]["indicators"] == 3


def test_the_page_lists_filters_and_pages_newest_first(as_planner, web_store):
    with web_store.begin() as s:
        set_override(s, JIANGZHOU, "森林覆盖率", actor=UNIT, direction="higher")
        for n in range(55):
            record(s, UNIT, "match.decide", "match_decision", f"名称{n} → forest_coverage", None, {"accepted": True})
    everything = as_planner.get("/audit?format=json").json()
    assert everything["total"] >= 58 and everything["pages"] == (everything["total"] + 49) // 50
    assert len(everything["events"]) == 50
    assert everything["events"][0]["object_key"] == "名称54 → forest_coverage"
    assert [e["id"] for e in everything["events"]] == sorted((e["id"] for e in everything["events"]), reverse=True)
    second = as_planner.get("/audit?format=json&page=2").json()
    assert second["events"][0]["id"] < everything["events"][-1]["id"]
    by_object = as_planner.get(f"/audit?format=json&object={JIANGZHOU}").json()
    assert [e["object_key"] for e in by_object["events"]] == [f"{JIANGZHOU}/森林覆盖率"]  # a plan key finds its indicators
    by_user = as_planner.get("/audit?format=json&user=市生态环境局&action=indicator.override").json()
    assert by_user["total"] == 1 and by_user["events"][0]["changes"] == [
        {"field": "direction", "label": "方向", "before": None, "after": "higher", "text": "方向：— → higher"}]
    assert by_user["events"][0]["actor"]["role_label"] == "牵头单位"
    assert as_planner.get("/audit?format=json&since=2999-01-01").json()["total"] == 0
    page = as_planner.get("/audit?user=市生态环境局")
    assert page.status_code == 200 and "修正指标解读" in page.text and "导出 Excel" in page.text


def test_a_bad_since_is_a_chinese_400(as_planner):
    resp = as_planner.get("/audit?format=json&since=昨天")
    assert resp.status_code == 400 and "无法识别" in resp.json()["error"]["message"]


def test_the_export_is_the_filtered_list_with_text_cells_only(as_planner, web_store):
    with web_store.begin() as s:
        record(s, UNIT, "match.decide", "match_decision", "=HYPERLINK(\"x\") → gdp", None, {"accepted": True},
               note="=1+1")
    resp = as_planner.get("/audit?format=xlsx&action=match.decide")
    assert resp.status_code == 200
    ws = load_workbook(BytesIO(resp.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("编号", "时间（UTC）", "操作人")
    assert len(rows) == 2
    assert rows[1][8] == "=HYPERLINK(\"x\") → gdp" and rows[1][11] == "=1+1"
    assert all(c.data_type != "f" for c in ws[2])


def test_the_public_and_other_roles_cannot_read_the_trail(as_public, web_store):
    assert as_public.get("/audit").status_code == 401
    assert as_public.get("/audit?format=xlsx").status_code == 401
    with TestClient(acting_as(create_app(web_store), UNIT)) as unit:
        assert unit.get("/audit?format=json").status_code == 403


def test_plan_and_indicator_pages_show_their_own_history(as_planner, web_store, tmp_path):
    with web_store.begin() as s:
        set_override(s, JIANGZHOU, "森林覆盖率", actor=PLANNER, assigned="43")
    correction = tmp_path / "again.csv"
    correction.write_text(CORRECTION.replace("43.4", "43.6"), encoding="utf-8")
    save_observations(as_planner, correction.read_text(encoding="utf-8"), "again.csv")
    plan = as_planner.get(f"/plans/{JIANGZHOU}?format=json").json()
    assert [e["action"] for e in plan["history"]] == []  # loaded by the fixture, which records nothing of its own
    ind = as_planner.get(f"/plans/{JIANGZHOU}/indicators/{forest_id(as_planner)}?format=json").json()
    assert [e["action"] for e in ind["changes"]][:2] == ["observations.import", "indicator.override"]
    assert [c["text"] for c in ind["changes"][1]["changes"]] == ["上级下达值：— → 43"]
    html = as_planner.get(f"/plans/{JIANGZHOU}/indicators/{forest_id(as_planner)}").text
    assert "修改记录" in html and "again.csv" in html
    with web_store.begin() as s:
        link_plan(s, "qinghe-14th-fyp", None, STAFF)
    qinghe = as_planner.get("/plans/qinghe-14th-fyp?format=json").json()
    assert [(e["action"], e["actor"]["name"], [c["text"] for c in e["changes"]]) for e in qinghe["history"]] == [
        ("plan.link", "测试管理员", [f"上位规划：{JIANGZHOU} → —"])]
    assert "修改记录" in as_planner.get("/plans/qinghe-14th-fyp").text


def test_the_navigation_leads_logged_in_users_to_the_trail_and_not_the_public(as_planner, as_public):
    assert 'href="/audit" aria-current="page"' in as_planner.get("/audit").text
    assert 'href="/audit"' in as_planner.get("/").text
    assert 'href="/audit"' not in as_public.get("/").text


def test_the_navigation_offers_the_trail_only_to_roles_that_may_read_it(web_store):
    """A lead unit or an evaluator signed in is not led to a page that answers 403."""
    evaluator = Actor(name="评估机构", role="evaluator", user_id=10, region_code="140000")
    for actor in (UNIT, evaluator):
        with TestClient(acting_as(create_app(web_store), actor)) as client:
            assert 'href="/audit"' not in client.get("/").text
            assert client.get("/audit").status_code == 403
