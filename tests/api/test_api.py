"""The HTTP API driven through TestClient over real stores (SQLite, and PostgreSQL when configured).

Two fixture plans are ingested the way the CLI does it: 清河县's county outline (one version) and
江州市's ecology plan in two versions (the second changes the PM2.5 target 33 → 32), filed under
运城市 (140800) so the gazetteer links it, with 清河县's plan linked to it as its parent.
TestClient re-raises server exceptions, so any bad input that reached the catch-all 500 handler
would fail these tests instead of passing unnoticed.
"""

from __future__ import annotations

import json
import logging
from io import BytesIO
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import func, select

from plantrack.api import create_app
from plantrack.ingest.pipeline import analyse, plan_document, text_units
from plantrack.ingest.read import decode_plan_bytes, read_plan_file
from plantrack.store.models import PlanVersion, Region
from plantrack.store.regions import load_regions
from plantrack.store.regions_sync import sync_regions
from plantrack.store.repository import link_plans, require_plan, store_plan

from ..actors import STAFF, acting_as

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
QINGHE = "qinghe-14th-fyp"
JIANGZHOU = "jiangzhou-ecology-14th"


def ingest(session, source, key, overrides=None):
    doc = analyse(source)
    return store_plan(session, plan_document(doc), source.text, text_units(doc), key, overrides)


@pytest.fixture
def client(session_factory):
    with session_factory() as s:
        sync_regions(s)
        ingest(s, read_plan_file(FIXTURES / "qinghe-county-14th-fyp.txt"), QINGHE)
        path = FIXTURES / "jiangzhou-ecology-14th-plan.txt"
        ingest(s, read_plan_file(path), JIANGZHOU, {"region": "运城市"})
        changed = path.read_text(encoding="utf-8").replace("曑33", "曑32")
        ingest(s, decode_plan_bytes(changed.encode("utf-8"), str(path)), JIANGZHOU, {"region": "运城市"})
        link_plans(s, QINGHE, JIANGZHOU)
        s.commit()
    with TestClient(acting_as(create_app(session_factory), STAFF)) as c:
        yield c


def error_of(resp, status, code):
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    return body["error"]["message"]


# --- catalogue -----------------------------------------------------------------------------------


def test_list_plans_gives_summaries_in_level_order(client):
    body = client.get("/api/plans").json()
    assert (body["total"], body["page"], body["per_page"]) == (2, 1, 20)
    city, county = body["items"]
    assert city == {
        "key": JIANGZHOU,
        "title": "江州市“十四五”生态环境保护规划",
        "level": "city",
        "kind": "special",
        "region": "运城市",
        "region_code": "140800",
        "period": {"start": 2021, "end": 2025},
        "horizon": 2035,
        "parent": None,
        "children": [QINGHE],
        "versions": 2,
        "current_version": 2,
    }
    assert county["key"] == QINGHE
    assert county["title"] == "清河县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    # The whole country's gazetteer knows one 清河县 (河北省邢台市), so the name files there.
    assert (county["level"], county["kind"], county["region"], county["region_code"]) == ("county", "general", "清河县", "130534")
    assert (county["parent"], county["children"], county["versions"], county["current_version"]) == (JIANGZHOU, [], 1, 1)


FILTERS = (
    ("level=county", [QINGHE]),
    ("level=province", []),
    ("kind=special", [JIANGZHOU]),
    ("region=140800", [JIANGZHOU]),
    ("region=清河县", [QINGHE]),
    ("period=2023", [JIANGZHOU, QINGHE]),
    ("period=2030", []),
    ("level=city&kind=general", []),
)


def test_list_plans_filters(client):
    for query, keys in FILTERS:
        body = client.get(f"/api/plans?{query}").json()
        assert ([p["key"] for p in body["items"]], body["total"]) == (keys, len(keys)), query


def test_list_plans_pages(client):
    first = client.get("/api/plans?per_page=1").json()
    second = client.get("/api/plans?per_page=1&page=2").json()
    past = client.get("/api/plans?per_page=1&page=3").json()
    assert [p["key"] for p in first["items"]] == [JIANGZHOU]
    assert [p["key"] for p in second["items"]] == [QINGHE]
    assert (second["total"], second["page"], second["per_page"]) == (2, 2, 1)
    assert past["items"] == [] and past["total"] == 2


# --- one plan ------------------------------------------------------------------------------------


def test_plan_detail_has_metadata_source_and_outline(client):
    body = client.get(f"/api/plans/{QINGHE}").json()
    assert body["issuer"] == "清河县人民政府"
    assert body["doc_number"] == "清政发〔2021〕6号"
    assert body["issued_on"] == "2021-04-12"
    assert body["version"] == 1
    assert body["source"]["encoding"] == "utf-8"
    assert body["source"]["lines"] == 188
    assert body["source"]["sha256"] == "62594d9d3fab46c81d4a02212a3f465cbe66b7bb988ff1ac037c0554e137cefa"
    chapter = body["outline"][0]
    assert (chapter["label"], chapter["title"], chapter["line"]) == ("第一章", "开启全面建设社会主义现代化清河新征程", 23)
    assert (chapter["children"][0]["label"], chapter["children"][0]["title"]) == ("第一节", "发展基础")
    assert [v["number"] for v in body["version_history"]] == [1]
    assert body["parent"] == JIANGZHOU


def test_plan_version_times_carry_their_zone(client):
    """SQLite returns stored times without a zone; the answer still says they are UTC (RFC 3339)."""
    from datetime import datetime, timedelta

    created = client.get(f"/api/plans/{QINGHE}").json()["version_history"][0]["created_at"]
    assert datetime.fromisoformat(created).utcoffset() == timedelta(0)


def test_plan_detail_of_an_earlier_version(client):
    current = client.get(f"/api/plans/{JIANGZHOU}").json()
    first = client.get(f"/api/plans/{JIANGZHOU}?version=1").json()
    assert (current["version"], first["version"]) == (2, 1)
    assert [v["number"] for v in current["version_history"]] == [1, 2]
    assert first["source"]["sha256"] == current["version_history"][0]["sha256"]
    assert current["source"]["sha256"] == current["version_history"][1]["sha256"]
    assert first["source"]["sha256"] != current["source"]["sha256"]
    assert (current["issuer"], current["doc_number"], current["issued_on"]) == (None, None, None)


def test_indicators_of_each_version(client):
    v2 = client.get(f"/api/plans/{JIANGZHOU}/indicators").json()
    v1 = client.get(f"/api/plans/{JIANGZHOU}/indicators?version=1").json()
    assert (v1["version"], v2["version"], v1["total"], v2["total"]) == (1, 2, 14, 14)
    pm_1, pm_2 = v1["items"][0], v2["items"][0]
    assert pm_1["name"] == pm_2["name"] == "细颗粒物（PM2.5）年均浓度"
    assert (pm_1["unit"], pm_1["base_value"], pm_1["base_text"], pm_1["binding"], pm_1["line"]) == ("微克/立方米", 36, "36*", "binding", 64)
    assert (pm_1["target_text"], pm_1["target_value"]) == ("≤33", 33)
    assert (pm_2["target_text"], pm_2["target_value"]) == ("≤32", 32)
    assert isinstance(pm_1["id"], int) and pm_1["id"] != pm_2["id"]
    assert len({i["id"] for i in v1["items"] + v2["items"]}) == 28


def test_reviews_targets_projects_tasks(client):
    reviews = client.get(f"/api/plans/{QINGHE}/reviews").json()
    assert [(r["title"], len(r["rows"])) for r in reviews["items"]] == [("清河县“十三五”规划主要指标完成情况", 4)]
    gdp = reviews["items"][0]["rows"][0]
    assert (gdp["name"], gdp["unit"], gdp["target_value"], gdp["actual_value"], gdp["line"]) == ("地区生产总值", "亿元", 100, 96.2, 37)
    assert isinstance(gdp["id"], int)

    targets = client.get(f"/api/plans/{QINGHE}/targets").json()
    assert targets["total"] == len(targets["items"]) == 20  # 居民收入增长和经济增长基本同步 counts since the in_step rule
    assert all({"id", "subject", "relation", "text", "line"} <= set(t) for t in targets["items"])

    projects = client.get(f"/api/plans/{QINGHE}/projects").json()
    assert projects["total"] == 3
    assert all(p["box"].startswith("专栏") for p in projects["items"])

    tasks = client.get(f"/api/plans/{QINGHE}/tasks").json()
    assert (tasks["key"], tasks["version"], tasks["total"], tasks["items"]) == (QINGHE, 1, 0, [])


# --- errors --------------------------------------------------------------------------------------


def test_unknown_plan_is_a_chinese_404(client):
    for suffix in ("", "/indicators", "/reviews", "/targets", "/projects", "/tasks", "/export?format=csv"):
        message = error_of(client.get(f"/api/plans/no-such-plan{suffix}"), 404, "plan_not_found")
        assert message == "没有键为“no-such-plan”的规划。可用 GET /api/plans 查看目录。", suffix


def test_unknown_version_is_a_404_naming_the_versions(client):
    message = error_of(client.get(f"/api/plans/{JIANGZHOU}/indicators?version=9"), 404, "version_not_found")
    assert message == f"规划“{JIANGZHOU}”没有第 9 版；现有版本：1、2。"


BAD_PARAMETERS = (
    ("/api/plans?page=0", "查询参数“page”必须大于或等于 1，收到“0”。"),
    ("/api/plans?per_page=1000", "查询参数“per_page”不能大于 200，收到“1000”。"),
    ("/api/plans?page=abc", "查询参数“page”必须是整数，收到“abc”。"),
    ("/api/plans?level=town", "查询参数“level”只能取 'national'、'province'、'city'、'county'，收到“town”。"),
    ("/api/plans?period=1", "查询参数“period”必须大于或等于 1949，收到“1”。"),
    (f"/api/plans/{QINGHE}?version=0", "查询参数“version”必须大于或等于 1，收到“0”。"),
    (f"/api/plans/{QINGHE}/export?format=pdf", "查询参数“format”只能取 'json'、'csv'、'xlsx'，收到“pdf”。"),
    ("/api/search", "缺少必填的查询参数“q”。"),
    ("/api/regions?per_page=0", "查询参数“per_page”必须大于或等于 1，收到“0”。"),
)


def test_bad_parameters_are_a_chinese_422(client):
    for url, message in BAD_PARAMETERS:
        resp = client.get(url)
        assert error_of(resp, 422, "invalid_parameter") == message, url
        assert resp.json()["error"]["details"][0]["message"] == message


def test_two_bad_parameters_are_both_reported(client):
    message = error_of(client.get("/api/plans?page=0&per_page=1000"), 422, "invalid_parameter")
    assert message == "查询参数“page”必须大于或等于 1，收到“0”。；查询参数“per_page”不能大于 200，收到“1000”。"


def test_nul_in_a_parameter_is_a_422(client):
    assert error_of(client.get("/api/plans/a%00b"), 422, "invalid_parameter") == "参数“key”含有不允许的空字符（NUL）。"


def test_unknown_route_is_a_chinese_404(client):
    assert error_of(client.get("/api/nothing-here"), 404, "not_found") == "找不到该地址。请查看 /docs 中列出的接口。"
    assert error_of(client.post("/api/plans"), 405, "method_not_allowed") == "该地址不支持这种请求方法。"


BAD_INPUTS = (
    "/api/plans?page=-1", "/api/plans?per_page=1e9", "/api/plans?period=abc", "/api/plans?kind=",
    "/api/plans?region=" + "区" * 500, "/api/plans/%E2%80%AE/indicators",
    "/api/plans/%00", "/api/plans?region=%00", "/api/search?q=%00", "/api/search?q=森林&plan=%00",
    "/api/regions/%00", "/api/regions?parent=%00",
    f"/api/plans/{QINGHE}?version=99999999999999999999", "/api/search?q=", "/api/search?q=%20%20",
    "/api/search?q=" + "字" * 500, "/api/search?q=a&page=0", "/api/search?q=森林&plan=nope",
    "/api/search?q=森林&all_versions=maybe", "/api/regions/%20", "/api/regions?level=" + "x" * 50,
)


def test_bad_input_never_reaches_the_catch_all(client, caplog):
    for url in BAD_INPUTS:
        with caplog.at_level(logging.ERROR, logger="plantrack.api.errors"):
            resp = client.get(url)
        assert 400 <= resp.status_code < 500, (url, resp.text)
        assert set(resp.json()["error"]) >= {"code", "message"}, url
    assert not caplog.records


def test_unexpected_failures_are_a_logged_chinese_500(session_factory, caplog):
    app = create_app(session_factory)

    @app.get("/api/boom")
    def boom():
        raise RuntimeError("broken on purpose")

    with caplog.at_level(logging.ERROR, logger="plantrack.api.errors"):
        resp = TestClient(app, raise_server_exceptions=False).get("/api/boom")
    message = error_of(resp, 500, "internal_error")
    assert message == "服务器内部错误，请稍后再试；如果问题持续，请联系管理员。"
    assert "broken on purpose" not in resp.text
    assert any("broken on purpose" in (r.exc_text or "") for r in caplog.records)


# --- regions -------------------------------------------------------------------------------------


def test_regions_filtered_by_parent_and_level(client):
    shanxi = client.get("/api/regions?parent=140000").json()
    assert shanxi["total"] == 11
    assert shanxi["items"][0] == {"code": "140100", "name": "太原市", "level": "city", "parent_code": "140000"}
    assert {"code": "140800", "name": "运城市", "level": "city", "parent_code": "140000"} in shanxi["items"]
    provinces = client.get("/api/regions?level=province&per_page=50").json()
    assert provinces["total"] == 34
    assert {"code": "140000", "name": "山西省", "level": "province", "parent_code": "000000"} in provinces["items"]
    assert client.get("/api/regions?level=province&per_page=10&page=4").json()["items"][-1]["code"] == provinces["items"][-1]["code"]


def test_region_detail_has_parent_children_and_plans(client):
    body = client.get("/api/regions/140800").json()
    assert (body["name"], body["level"], body["parent"]["name"]) == ("运城市", "city", "山西省")
    assert body["children"][0] == {"code": "140802", "name": "盐湖区", "level": "county", "parent_code": "140800"}
    assert body["plans"] == [JIANGZHOU]
    assert error_of(client.get("/api/regions/999999"), 404, "region_not_found") == "没有代码为“999999”的行政区划。"


def test_sync_regions_inserts_only_what_is_missing(session_factory, client):
    with session_factory() as s:
        before = s.scalar(select(func.count()).select_from(Region))
        assert sync_regions(s) == 0
        assert s.scalar(select(func.count()).select_from(Region)) == before == len(load_regions())


# --- search --------------------------------------------------------------------------------------


def test_search_finds_sentences_of_current_versions(client):
    body = client.get("/api/search", params={"q": "森林覆盖率"}).json()
    assert body["total"] >= 2 and body["page"] == 1 and body["per_page"] == 20
    assert {h["plan_key"] for h in body["items"]} == {QINGHE, JIANGZHOU}
    assert all("【森林覆盖率】" in h["snippet"] and "<mark>森林覆盖率</mark>" in h["snippet_html"] for h in body["items"])
    assert {h["version"] for h in body["items"] if h["plan_key"] == JIANGZHOU} == {2}
    hit = next(h for h in body["items"] if h["plan_key"] == JIANGZHOU and h["line"] == 55)
    assert hit["text"].startswith("到2025年，全市细颗粒物")


def test_search_restricted_to_a_plan_and_paged(client):
    full = client.get("/api/search", params={"q": "森林覆盖率", "plan": QINGHE}).json()
    assert full["total"] >= 1 and {h["plan_key"] for h in full["items"]} == {QINGHE}
    one = client.get("/api/search", params={"q": "森林覆盖率", "plan": QINGHE, "per_page": 1, "page": 1}).json()
    assert one["total"] == full["total"] and one["items"] == full["items"][:1]
    older = client.get("/api/search", params={"q": "细颗粒物", "plan": JIANGZHOU, "all_versions": "true"}).json()
    assert {h["version"] for h in older["items"]} == {1, 2}


def test_search_says_whether_hits_are_ranked(client, monkeypatch):
    from plantrack.store import search as search_module

    assert client.get("/api/search", params={"q": "森林覆盖率"}).json()["ranked"] is True
    monkeypatch.setattr(search_module, "RANK_LIMIT", 1)
    monkeypatch.setenv("PLANTRACK_PAGE_CACHE_MB", "0")  # the same request again, answered by the changed code
    body = client.get("/api/search", params={"q": "森林覆盖率"}).json()
    assert body["ranked"] is False and body["total"] >= 2
    assert [h["score"] for h in body["items"]] == [0.0] * len(body["items"])


def test_search_errors(client):
    assert error_of(client.get("/api/search?q=%20"), 400, "bad_query") == "请输入要检索的词语（检索词不能为空）。"
    assert "没有键为“nope”的规划" in error_of(client.get("/api/search?q=森林&plan=nope"), 404, "plan_not_found")


# --- exports and OpenAPI -------------------------------------------------------------------------


def test_export_json_is_the_stored_document_of_the_version(client, session_factory):
    resp = client.get(f"/api/plans/{JIANGZHOU}/export?format=json&version=1")
    assert resp.headers["content-type"].startswith("application/json")
    assert resp.headers["content-disposition"] == (
        f"attachment; filename=\"{JIANGZHOU}-v1.json\"; filename*=UTF-8''{JIANGZHOU}-v1.json"
    )
    with session_factory() as s:
        plan = require_plan(s, JIANGZHOU)
        stored = s.scalar(select(PlanVersion.document).where(PlanVersion.plan_id == plan.id, PlanVersion.number == 1))
    assert json.loads(resp.content) == stored


def test_export_csv_and_xlsx(client):
    csv_resp = client.get(f"/api/plans/{QINGHE}/export?format=csv")
    assert csv_resp.headers["content-type"] == "text/csv; charset=utf-8"
    assert f'filename="{QINGHE}-v1.csv"' in csv_resp.headers["content-disposition"]
    assert csv_resp.content.startswith(b"\xef\xbb\xbfcategory,name,unit,")
    xlsx = client.get(f"/api/plans/{QINGHE}/export", params={"format": "xlsx"})
    wb = load_workbook(BytesIO(xlsx.content))
    assert wb.sheetnames == ["规划信息", "主要指标", "清河县“十三五”规划主要指标完成情况"]


def test_openapi_is_served_in_chinese(client):
    spec = client.get("/openapi.json").json()
    assert spec["info"]["title"] == "规划综合管理信息平台 API"
    assert {"/api/plans", "/api/plans/{key}", "/api/plans/{key}/export", "/api/regions", "/api/search"} <= set(spec["paths"])
    assert spec["paths"]["/api/plans"]["get"]["summary"] == "规划目录"
    assert client.get("/docs").status_code == 200


def test_a_refused_method_names_the_allowed_ones(client):
    """RFC 9110: a 405 carries Allow, listing every method of the path (GET and POST of one path
    are two routes, and Starlette alone would name only the first)."""
    response = client.delete(f"/api/plans/{QINGHE}/corrections")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert response.json()["error"]["code"] == "method_not_allowed"
