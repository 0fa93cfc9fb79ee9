"""Every page and its JSON twin, driven through the real application over a real store.

Each test reads a page the way a person would (status, the words on it) and its ?format=json twin
the way a client would (concrete values), over both engines (tests/dbfixtures.py).
"""

from __future__ import annotations

import re

from .conftest import JIANGZHOU, QINGHE, forest_id

HTML = "text/html; charset=utf-8"


def page(client, url):
    resp = client.get(url)
    assert resp.status_code == 200, resp.text[:500]
    assert resp.headers["content-type"] == HTML
    return resp.text


def twin(client, url):
    sep = "&" if "?" in url else "?"
    resp = client.get(f"{url}{sep}format=json")
    assert resp.status_code == 200, resp.text[:500]
    assert resp.headers["content-type"] == "application/json"
    return resp.json()


def test_every_page_links_its_json_twin_and_has_a_skip_link(client):
    for url in ("/", "/plans", f"/plans/{JIANGZHOU}", "/search?q=森林", "/observations/new", "/plans/new"):
        html = page(client, url)
        assert '<html lang="zh-CN">' in html
        assert 'href="#main">跳到正文</a>' in html
        assert "format=json" in html
        assert 'aria-current="page"' in html or url.startswith("/plans/")


def test_dashboard_counts_plans_and_statuses_for_the_latest_observed_year(client):
    data = twin(client, "/")
    assert data["year"] == 2022  # the latest year with an observation
    cells = {(c["level"], c["kind"]): c["count"] for c in data["plans"]["cells"]}
    assert cells == {("city", "special"): 1, ("city", "general"): 0, ("county", "general"): 1, ("county", "special"): 0}
    counts = {c["status"]: c["count"] for c in data["status_counts"]}
    assert sum(counts.values()) == data["indicators_total"] > 0
    jiangzhou = next(p for p in data["by_plan"] if p["key"] == JIANGZHOU)
    assert jiangzhou["indicators"] == 14
    kinds = {r["type"] for r in data["recent"]}
    assert kinds == {"plan_version", "observation_import"}
    html = page(client, "/")
    assert "规划实施监测概览" in html and "江州市“十四五”生态环境保护规划" in html


def test_dashboard_year_can_be_chosen(client):
    assert twin(client, "/?year=2021")["year"] == 2021
    assert client.get("/?year=1800").status_code == 422


def test_warnings_put_binding_indicators_first(client):
    warnings = twin(client, "/?year=2022")["warnings"]
    flags = [w["binding"] for w in warnings]
    assert flags == sorted(flags, reverse=True)


def test_catalogue_is_a_region_tree_by_kind(client):
    data = twin(client, "/plans")
    assert data["total"] == 2
    (root,) = [n for n in data["tree"] if n["code"] == "140000"]
    assert root["name"] == "山西省"
    (city,) = root["children"]
    assert (city["code"], city["name"]) == ("140800", "运城市")
    (group,) = city["plans_by_kind"]
    assert group["label"] == "专项规划"
    (plan,) = group["plans"]
    assert (plan["key"], plan["children"]) == (JIANGZHOU, [QINGHE])
    html = page(client, "/plans")
    assert "三级四类" in html and f'href="/plans/{QINGHE}"' in html


def test_catalogue_filters(client):
    assert twin(client, "/plans?kind=special")["total"] == 1
    assert twin(client, "/plans?level=county")["total"] == 1
    assert twin(client, "/plans?region=运城市")["total"] == 1
    assert twin(client, "/plans?q=生态")["total"] == 1
    assert twin(client, "/plans?region=运城")["total"] == 1  # short name, through the gazetteer
    assert twin(client, "/plans?region=140800")["total"] == 1
    assert twin(client, "/plans?year=2040")["total"] == 0
    assert "没有符合条件的规划" in page(client, "/plans?year=2040")


def test_catalogue_region_filter_refuses_an_ambiguous_name_and_names_the_candidates(client):
    data = twin(client, "/plans?region=城区")
    assert data["total"] == 0
    assert "山西省阳泉市城区" in data["region_note"] and "山西省晋城市城区" in data["region_note"]
    assert "山西省晋城市城区" in page(client, "/plans?region=城区")


def test_plan_page_shows_indicators_with_status_and_source_links(client):
    data = twin(client, f"/plans/{JIANGZHOU}?year=2022")
    assert data["plan"]["title"] == "江州市“十四五”生态环境保护规划"
    assert data["plan"]["region_code"] == "140800"
    assert [c["key"] for c in data["children"]] == [QINGHE]
    forest = next(i for i in data["indicators"] if i["name"] == "森林覆盖率")
    assert (forest["base_text"], forest["target_text"], forest["binding"], forest["line"]) == ("42.3", "44", "binding", 72)
    assert forest["latest"] == {"year": 2022, "value": 43.4, "unit": "%"}
    assert forest["status"] in ("基本符合预期", "快于预期", "滞后", "提前实现")
    assert len(data["projects"]) >= 1 and data["projects_total"] >= 1
    assert data["outline"][0]["line"] > 0
    assert [e["format"] for e in data["downloads"]["exports"]] == ["json", "csv", "xlsx"]
    html = page(client, f"/plans/{JIANGZHOU}?year=2022")
    assert f'href="/plans/{JIANGZHOU}/source?line=72#L72"' in html
    assert f'href="/plans/{JIANGZHOU}/indicators/{forest["id"]}?year=2022"' in html
    assert "约束性" in html and "章节目录" in html
    assert f'href="/api/plans/{JIANGZHOU}/export?format=xlsx"' in html


def test_child_plan_page_summarises_alignment_and_findings(client):
    data = twin(client, f"/plans/{QINGHE}")
    assert data["parent"] == {"key": JIANGZHOU, "title": "江州市“十四五”生态环境保护规划"}
    assert data["alignment"]["parent"] == JIANGZHOU
    assert isinstance(data["findings"], list)
    html = page(client, f"/plans/{QINGHE}")
    assert f'href="/plans/{QINGHE}/alignment"' in html


def test_source_view_highlights_the_requested_line(client):
    data = twin(client, f"/plans/{JIANGZHOU}/source?line=72")
    assert data["line"] == 72
    assert data["lines"][71]["no"] == 72 and "森林覆盖率" in data["lines"][71]["text"]
    html = page(client, f"/plans/{JIANGZHOU}/source?line=72")
    assert re.search(r'<div class="src-line is-target" id="L72">', html)
    assert html.count("is-target") == 1
    assert "第 <a href=\"#L72\">72</a> 行" in html


def test_source_view_repairs_glyphs_but_keeps_line_numbers(client):
    data = twin(client, f"/plans/{JIANGZHOU}/source")
    assert data["line"] is None
    text = "\n".join(line["text"] for line in data["lines"])
    assert "曑" not in text and "≤33" in text


def test_source_view_says_when_the_line_is_past_the_end(client):
    data = twin(client, f"/plans/{JIANGZHOU}/source?line=99999")
    assert data["out_of_range"] is True and data["line"] is None
    assert "没有第 99999 行" in page(client, f"/plans/{JIANGZHOU}/source?line=99999")


def test_indicator_page_has_chart_assessment_history_and_relatives(client):
    ind = forest_id(client)
    data = twin(client, f"/plans/{JIANGZHOU}/indicators/{ind}?year=2022")
    assert data["indicator"]["name"] == "森林覆盖率"
    assert data["concept"]["id"]
    a = data["assessment"]
    assert a["year"] == 2022 and a["method"] == "linear" and a["observed"]["value"] == 43.4
    assert a["base"]["value"] == 42.3 and a["expected"] is not None and a["ratio"] is not None
    assert [(o["year"], o["value"]) for o in data["observations"]] == [(2021, 42.8), (2022, 43.4)]
    assert [(o["year"], o["value"], o["source_url"]) for o in data["history"]] == [(2022, 43.1, "https://example.org/b")]
    chart = data["chart"]
    assert chart["base"] == {"year": 2020, "value": 42.3}
    assert chart["target"]["value"] == 44
    path = chart["expected_path"]["points"]
    assert path[0] == [2020, 42.3] and path[-1] == [2025, 44.0]
    assert chart["observations"][0]["points"][-1]["value"] == 43.4
    html = page(client, f"/plans/{JIANGZHOU}/indicators/{ind}?year=2022")
    assert 'id="indicator-chart"' in html and "/static/vendor/echarts.min.js" in html
    assert "2022年江州林业年报（更正）" in html and "<del>43.1%</del>" in html
    assert a["explanation"] in html


def test_indicator_of_another_plan_is_not_found(client):
    ind = forest_id(client)
    resp = client.get(f"/plans/{QINGHE}/indicators/{ind}?format=json")
    assert resp.status_code == 404
    assert resp.json()["error"]["code"] == "indicator_not_found"
    assert client.get(f"/plans/{QINGHE}/indicators/{ind}").status_code == 404


def test_alignment_page_sets_child_and_parent_side_by_side(client):
    data = twin(client, f"/plans/{QINGHE}/alignment")
    assert data["parent"]["key"] == JIANGZHOU and data["child"]["key"] == QINGHE
    assert data["rows"]
    states = {r["state"] for r in data["rows"]}
    assert states <= {"ok", "issue", "missing", "child_only"}
    worst = [r["worst"] for r in data["rows"]]
    assert worst == sorted(worst)
    html = page(client, f"/plans/{QINGHE}/alignment")
    assert "上位规划：江州市“十四五”生态环境保护规划" in html


def test_alignment_page_of_a_plan_without_parent_points_to_children(client):
    data = twin(client, f"/plans/{JIANGZHOU}/alignment")
    assert data["parent"] is None and data["children"] == [{"key": QINGHE, "title": data["children"][0]["title"]}]
    assert f'href="/plans/{QINGHE}/alignment"' in page(client, f"/plans/{JIANGZHOU}/alignment")


def test_search_groups_hits_by_plan_and_links_to_source(client):
    data = twin(client, "/search?q=森林覆盖率")
    assert data["total"] > 0
    keys = [g["key"] for g in data["groups"]]
    assert len(keys) == len(set(keys))
    hit = data["groups"][0]["hits"][0]
    assert "<mark>森林覆盖率</mark>" in hit["snippet_html"]
    html = page(client, "/search?q=森林覆盖率")
    assert "<mark>森林覆盖率</mark>" in html
    assert f'href="/plans/{data["groups"][0]["key"]}/source?line={hit["line"]}#L{hit["line"]}"' in html


def test_search_says_when_hits_are_too_many_to_rank(client, monkeypatch):
    from plantrack.store import search as search_module

    assert twin(client, "/search?q=森林覆盖率")["ranked"] is True
    assert 'id="unranked"' not in page(client, "/search?q=森林覆盖率")
    monkeypatch.setattr(search_module, "RANK_LIMIT", 1)
    assert twin(client, "/search?q=森林覆盖率")["ranked"] is False
    assert "未按相关度排序" in page(client, "/search?q=森林覆盖率")


def test_search_reports_an_unusable_query_in_chinese(client):
    data = twin(client, "/search?q=" + "长" * 150)
    assert data["error"] and "检索词过长" in data["error"]
    assert data["groups"] == []
    assert twin(client, "/search")["query"] == ""


def test_unknown_plan_is_a_404_page_and_a_json_error(client):
    resp = client.get("/plans/no-such-plan")
    assert resp.status_code == 404 and "没有键为“no-such-plan”的规划" in resp.text
    body = client.get("/plans/no-such-plan?format=json").json()
    assert body == {"error": {"code": "plan_not_found", "message": body["error"]["message"]}}


def test_unknown_address_is_a_page_outside_the_api(client):
    resp = client.get("/no/such/page")
    assert resp.status_code == 404 and resp.headers["content-type"].startswith("text/html")
    assert "找不到该页面" in resp.text and "<nav" in resp.text
    assert client.get("/no/such/page?format=json").json()["error"]["code"] == "not_found"
    api = client.get("/api/no-such-thing")
    assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"


def test_pages_are_compressed_for_clients_that_accept_it(client):
    resp = client.get("/search?q=森林覆盖率", headers={"Accept-Encoding": "gzip"})
    assert resp.status_code == 200 and resp.headers.get("content-encoding") == "gzip"
    assert "森林覆盖率" in resp.text  # the client decompresses


def test_static_files_are_served_and_cannot_escape_their_folder(client):
    resp = client.get("/static/css/site.css")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/css")
    assert client.get("/static/%2e%2e/render.py").status_code == 404
    assert client.get("/static/js/nothing.js").status_code == 404


def test_api_still_answers_beside_the_pages(client):
    assert client.get("/api/plans").json()["total"] == 2


def test_report_links_only_when_the_report_package_can_write_them(client):
    from plantrack.web.views.plan import report_formats

    data = twin(client, f"/plans/{JIANGZHOU}?year=2022")
    formats = dict(report_formats())
    assert [r["format"] for r in data["downloads"]["reports"]] == list(formats)
    resp = client.get(f"/plans/{JIANGZHOU}/report?format=html&year=2022")
    if formats:
        assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/html")
        assert client.get(f"/plans/{JIANGZHOU}/report?format=nope").status_code == 400
    else:
        assert resp.status_code == 404


def test_prose_targets_are_listed_in_chinese_with_the_status_of_their_tracked_item(client):
    for key in (QINGHE, JIANGZHOU):
        data = twin(client, f"/plans/{key}")
        assert data["targets"]
        for t in data["targets"]:
            # no machine code (qualitative, directional, at_least) reaches a reader
            assert not re.search(r"[A-Za-z_]{3,}", t["requirement"] + t["relation_label"]), t
        tracked = [t for t in data["targets"] if t["status"]]
        assert all(t["tracked_as"] for t in tracked)
        html = page(client, f"/plans/{key}")
        assert "评估状态" in html and "qualitative" not in html and "directional" not in html


def test_report_links_are_titled_by_the_evaluation_their_year_stands_for(client):
    data = twin(client, f"/plans/{JIANGZHOU}?year=2025")
    reports = data["downloads"]["reports"]
    assert reports
    assert {r["title"] for r in reports} == {"2025 年总结评估报告"}
    assert all("kind=final" in r["href"] for r in reports)
    midterm = twin(client, f"/plans/{JIANGZHOU}?year=2023")["downloads"]["reports"]
    assert {r["title"] for r in midterm} == {"2023 年中期评估报告"}
    html = page(client, f"/plans/{JIANGZHOU}?year=2022")
    assert "2022 年年度监测报告" in html and "2022 年中期评估报告" not in html
