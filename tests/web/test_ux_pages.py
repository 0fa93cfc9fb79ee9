"""What a first look at the platform found wrong (issue 13), on the page-test store: counts that
lead somewhere (/indicators and its workbook), plan-page filters, the comparison page, duplicate
uploads, bad query values on pages, HEAD, the favicon, the source view's line count and the help."""

from __future__ import annotations

from io import BytesIO
from urllib.parse import parse_qs, urlparse

from openpyxl import load_workbook

from plantrack.evaluate.config import DEFAULT
from plantrack.store.repository import counts

from .conftest import JIANGZHOU, QINGHE, UPLOAD_PLAN
from .test_plan_upload import check, confirm


def _all_rows(client, **params) -> list[dict]:
    return client.get("/indicators", params={**params, "format": "json"}).json()["indicators"]


def test_each_dashboard_status_card_opens_a_list_of_exactly_that_many_indicators(client):
    dash = client.get("/?format=json").json()
    assert sum(s["count"] for s in dash["status_counts"]) == dash["indicators_total"] > 0
    for card in dash["status_counts"]:
        query = parse_qs(urlparse(card["href"]).query)
        assert query == {"year": [str(dash["year"])], "status": [card["status"]]}
        listed = client.get(card["href"] + "&format=json").json()
        assert listed["total"] == card["count"], card["status"]
        assert {r["status"] for r in listed["indicators"]} <= {card["status"]}
    html = client.get("/").text
    assert f'href="{dash["status_counts"][0]["href"].replace("&", "&amp;")}"' in html


def test_the_list_filters_by_binding_region_and_plan(client):
    everything = _all_rows(client)
    binding = _all_rows(client, binding="binding")
    assert binding and len(binding) < len(everything)
    assert all(r["binding"] == "binding" for r in binding)
    one_plan = _all_rows(client, plan=JIANGZHOU)
    assert one_plan and {r["plan"]["key"] for r in one_plan} == {JIANGZHOU}
    region = client.get(f"/plans/{QINGHE}?format=json").json()["plan"]["region_code"]
    in_region = _all_rows(client, region=region)
    assert in_region and all(r["plan"]["region_code"].startswith(region[:4]) for r in in_region)


def test_a_warning_carries_the_id_of_the_indicator_it_is_about():
    from plantrack.web.views.dashboard import _indicator_ids, _warning

    class Plan:
        key, title = "p", "规划"

    assessments = [{"indicator_id": 7, "indicator": {"name": "森林覆盖率", "line": 12}},
                   {"indicator_id": 8, "indicator": {"name": "森林覆盖率", "line": 40}}]
    warning = {"indicator": {"name": "森林覆盖率", "line": 40}, "binding": True, "status": "滞后"}
    assert _warning(Plan, warning, _indicator_ids(assessments))["indicator_id"] == 8
    assert _warning(Plan, {"indicator": {"name": "别的", "line": 1}}, _indicator_ids(assessments))["indicator_id"] is None


def test_the_workbook_holds_the_listed_rows_with_formula_like_text_kept_as_text(client):
    listed = _all_rows(client)
    response = client.get("/indicators.xlsx")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == len(listed)
    names = [r[header.index("指标名称")] for r in body]
    assert names == [r["name"] for r in listed]
    assert [r[header.index("状态")] for r in body] == [r["status"] for r in listed]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_the_workbook_of_one_region_leaves_the_others_out(client):
    region = client.get(f"/plans/{QINGHE}?format=json").json()["plan"]["region_code"]
    ws = load_workbook(BytesIO(client.get(f"/indicators.xlsx?region={region}").content)).active
    header = next(ws.iter_rows(values_only=True))
    codes = {r[header.index("地区代码")] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert codes and all(c.startswith(region[:4]) for c in codes)


def test_indicator_names_that_look_like_formulas_stay_text():
    from plantrack.export.indicators_xlsx import indicators_workbook

    row = {"name": "=HYPERLINK(\"http://x\")", "unit": "%", "binding": "binding", "base_year": 2020, "base_text": "1",
           "target_year": 2025, "target_text": "+2", "latest": {"year": 2023, "value": 1.5}, "status": "滞后",
           "line": 9, "plan": {"title": "@计划", "level_label": "市级", "region": "运城市", "region_code": "140800"}}
    ws = load_workbook(BytesIO(indicators_workbook([row], 2023))).active
    cells = {c.value: c for c in ws[2]}
    assert cells['=HYPERLINK("http://x")'].data_type == "s"
    assert cells["@计划"].data_type == "s"
    assert ws.cell(row=2, column=13).value == 1.5  # numbers stay numbers


def test_the_plan_page_filters_its_indicators_by_binding_and_status(client):
    full = client.get(f"/plans/{JIANGZHOU}?format=json").json()
    binding = client.get(f"/plans/{JIANGZHOU}?binding=binding&format=json").json()
    assert 0 < len(binding["indicators"]) < len(full["indicators"])
    assert all(i["binding"] == "binding" for i in binding["indicators"])
    assert binding["indicators_total"] == len(full["indicators"])
    status = next(s for s in full["status_counts"] if s["count"])
    only = client.get(f"/plans/{JIANGZHOU}?status={status['status']}&format=json").json()
    assert len(only["indicators"]) == status["count"]
    assert client.get(status["href"].split("#")[0]).status_code == 200


def test_bad_query_values_on_pages_give_the_chinese_error_page_and_the_api_keeps_json(client):
    for url in ("/?year=1800", f"/plans/{JIANGZHOU}/indicators/abc", "/indicators?status=很好", f"/plans/{JIANGZHOU}?year=x"):
        r = client.get(url)
        assert r.status_code == 422, url
        assert r.headers["content-type"].startswith("text/html"), url
        assert "请求有误" in r.text and "<!doctype html>" in r.text.lower()
    twin = client.get("/?year=1800&format=json")
    assert twin.status_code == 422 and twin.json()["error"]["code"] == "invalid_parameter"
    api = client.get(f"/api/plans/{JIANGZHOU}/indicators/abc")
    assert api.status_code in (404, 422) and api.headers["content-type"].startswith("application/json")


def test_head_answers_like_get_without_a_body(client):
    for url in ("/", f"/plans/{JIANGZHOU}", "/api/plans", "/static/css/site.css"):
        got, head = client.get(url), client.head(url)
        assert head.status_code == got.status_code == 200, url
        assert head.content == b""
        assert head.headers["content-type"] == got.headers["content-type"]


def test_the_favicon_is_a_local_svg_every_page_links(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
    assert icon.content.lstrip().startswith(b"<svg")
    assert '<link rel="icon" href="/static/favicon.svg"' in client.get("/").text
    assert client.get("/static/favicon.svg").content == icon.content


def test_download_links_draw_their_icon_and_use_no_font_glyph(client):
    html = client.get(f"/plans/{JIANGZHOU}").text
    downloads = html[html.index('id="downloads"'):]
    assert '<svg class="icon"' in downloads
    css = client.get("/static/css/site.css").text
    assert "⭳" not in css and "⭳" not in html


def test_the_plan_page_and_the_source_view_count_the_same_lines(client):
    for key in (JIANGZHOU, QINGHE):
        plan = client.get(f"/plans/{key}?format=json").json()
        source = client.get(f"/plans/{key}/source?format=json").json()
        assert plan["plan"]["source"]["lines"] == source["total_lines"] == len(source["lines"])


def test_every_page_opens_with_its_help_and_the_statuses_carry_the_configured_thresholds(client):
    html = client.get("/").text
    assert '<details class="usage">' in html and "使用说明" in html
    assert f"{DEFAULT.on_track_ratio * 100:.0f}%" in html and f"{DEFAULT.ahead_ratio * 100:.0f}%" in html
    for url in ("/plans", "/search", f"/plans/{JIANGZHOU}", f"/plans/{JIANGZHOU}/source", "/indicators", "/compare",
                "/plans/new", "/observations/new"):
        assert '<details class="usage">' in client.get(url).text, url


def test_the_comparison_page_lists_the_regions_tracking_a_concept(client):
    body = client.get("/compare?concept=森林覆盖率&format=json").json()
    assert body["concept"]["id"] == "forest_coverage"
    assert body["rows"], "the fixture plans track forest cover"
    for row in body["rows"]:
        plan = client.get(f"/plans/{row['plan']['key']}?format=json").json()
        ind = next(i for i in plan["indicators"] if i["id"] == row["indicator"]["id"])
        assert row["status"] == ind["status"]
        assert row["target"]["text"] == ind["target_text"]
    assert len(body["chart"]["bars"]) == len(body["rows"])
    by_id = client.get("/compare?concept=forest_coverage&format=json").json()
    assert by_id["rows"] == body["rows"]
    assert client.get("/compare?concept=没有这个指标").status_code == 404
    listing = client.get("/compare?format=json").json()
    assert any(c["id"] == "forest_coverage" for c in listing["concepts"])


def test_the_map_is_the_province_of_the_regions_when_they_share_one():
    from plantrack.web.region_maps import area_code, choose_map

    shanxi = choose_map(["140000", "140800", "140902"])  # boundary data: scripts/setup.sh (npm)
    assert shanxi is not None, "static/vendor/geo is missing: run scripts/setup.sh"
    assert shanxi["url"] == "/static/vendor/geo/shanxi.json"
    assert shanxi["name"] == "shanxi" and shanxi["areas"] == "city"
    assert choose_map(["140800", "610100"])["name"] == "china"
    assert area_code("140902", "city") == "140900" and area_code("140902", "province") == "140000"


def test_a_file_stored_under_another_key_is_reported_and_can_be_added_to_that_plan(client, web_store):
    confirm(client, check(client, UPLOAD_PLAN.encode("utf-8")).json())
    with web_store() as s:
        before = counts(s)
    again = check(client, UPLOAD_PLAN.encode("utf-8"), name="renamed-copy.txt").json()
    dup = again["preview"]["duplicate"]
    assert dup["key"] == "jianghe-14th-fyp" and dup["version"] == 1
    assert "完全相同" in dup["message"] and "renamed-copy.txt" in dup["message"]
    html = check(client, UPLOAD_PLAN.encode("utf-8"), name="renamed-copy.txt", json=False).text
    assert "重复文件" in html and "加入已有规划" in html and "仍作为新规划" in html
    added = client.post("/plans/new/confirm?format=json", data={
        "file_name": again["file"], "content": again["content"], "sha256": again["sha256"], **dup["add_choices"]}).json()
    assert (added["result"]["key"], added["result"]["status"]) == ("jianghe-14th-fyp", "unchanged")
    with web_store() as s:
        assert counts(s) == before
    fresh = check(client, UPLOAD_PLAN.replace("推动产业转型升级。", "推动产业转型。").encode(), name="other.txt").json()
    assert fresh["preview"]["duplicate"] is None
