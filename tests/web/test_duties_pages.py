"""The accountability pages (单位, 任务分工, 年度目标, 分解下达, 考核): each page and its JSON twin,
writes from the page and from uploads (all rows or none, every bad row named), who may write.

The store is tests/web/conftest.py's: 江州市's ecology plan filed under 运城市 (140800), with
observations of 森林覆盖率 for 运城市.
"""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from plantrack.api import create_app
from plantrack.store.models import AnnualTarget, Assignment, AuditEvent, Unit

from ..userfixtures import add_user, bearer
from .conftest import JIANGZHOU

UNITS_CSV = ("region,name,short_name,kind\n"
             "运城市,运城市林业局,市林业局,政府工作部门\n"
             "运城市,运城市生态环境局,市生态环境局,政府工作部门\n"
             "运城市,运城市统计局,市统计局,政府工作部门\n").encode("utf-8")


def count(factory, model) -> int:
    with factory() as s:
        return s.scalar(select(func.count()).select_from(model))


def events(factory, action: str) -> list[AuditEvent]:
    with factory() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action)))


@pytest.fixture
def office(web_store):
    """运城市's planning office, a bearer client (no CSRF needed)."""
    add_user(web_store, "yc-office", "planning", region="140800")
    with TestClient(create_app(web_store), headers=bearer(web_store, "yc-office")) as c:
        yield c


@pytest.fixture
def with_units(office, web_store):
    resp = office.post("/units/import", files={"file": ("units.csv", UNITS_CSV, "text/csv")})
    assert resp.status_code == 200, resp.text
    return office


def xlsx(rows: list[list]) -> bytes:
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- 单位 ------------------------------------------------------------------------------------------


def test_units_page_lists_imported_units_and_the_accounts_that_belong_to_them(with_units, web_store):
    add_user(web_store, "forest-clerk", "unit", region="140800", unit="市林业局")
    add_user(web_store, "lost-clerk", "unit", region="140800", unit="市水利局")
    body = with_units.get("/units?region=运城市&format=json").json()
    names = {u["name"]: u for u in body["units"]}
    assert set(names) == {"运城市林业局", "运城市生态环境局", "运城市统计局"}
    assert [a["login"] for a in names["运城市林业局"]["accounts"]] == ["forest-clerk"]
    assert [a["login"] for a in body["unmatched_accounts"]] == ["lost-clerk"]
    page = with_units.get("/units?region=运城市")
    assert page.status_code == 200
    assert "运城市林业局" in page.text and "forest-clerk" in page.text and "市水利局" in page.text


def test_a_unit_is_added_in_the_page_and_audited(office, web_store):
    resp = office.post("/units?format=json", data={"region": "运城市", "name": "运城市水利局", "short_name": "市水利局"})
    assert resp.status_code == 200, resp.text
    assert resp.json()["saved"]["added"] == 1
    assert [u["name"] for u in resp.json()["units"]] == ["运城市水利局"]
    assert len(events(web_store, "unit.create")) == 1
    missing = office.post("/units?format=json", data={"region": "运城市", "name": ""})
    assert missing.status_code == 422 and any("name（单位全称）为空" in p for p in missing.json()["problems"])
    assert count(web_store, Unit) == 1


def test_a_bad_units_file_is_refused_whole_with_every_bad_row_named(office, web_store):
    bad = UNITS_CSV + "火星市,火星市林业局,火星林业局,\n运城市,运城市林业局,重复,\n".encode("utf-8")
    resp = office.post("/units/import", files={"file": ("units.csv", bad, "text/csv")})
    assert resp.status_code == 422
    assert "第5行" in resp.text and "火星市" in resp.text and "第6行" in resp.text and "与第2行重复" in resp.text
    assert "未保存任何数据" in resp.text
    assert count(web_store, Unit) == 0
    no_column = office.post("/units/import?format=json", files={"file": ("u.csv", b"region,name\n", "text/csv")})
    assert no_column.status_code == 422 and "缺少必需的列 short_name" in no_column.json()["problems"][0]


def test_a_planning_office_cannot_add_units_of_another_region(office, web_store):
    resp = office.post("/units", data={"region": "太原市", "name": "太原市林业局", "short_name": "市林业局"})
    assert resp.status_code == 403 and "太原市" in resp.text
    outside = UNITS_CSV + "太原市,太原市林业局,市林业局,\n".encode("utf-8")
    resp = office.post("/units/import", files={"file": ("units.csv", outside, "text/csv")})
    assert resp.status_code == 403 and "第5行（太原市）" in resp.text
    assert count(web_store, Unit) == 0


# --- 任务分工 ----------------------------------------------------------------------------------------


def forest_item(client) -> dict:
    body = client.get(f"/plans/{JIANGZHOU}/assignments?format=json").json()
    return next(i for i in body["items"] if i["kind"] == "indicator" and i["name"] == "森林覆盖率")


def test_assignments_page_lists_the_plans_items_and_assigns_one(with_units, web_store):
    body = with_units.get(f"/plans/{JIANGZHOU}/assignments?format=json").json()
    assert body["counts"]["indicator"]["items"] > 0 and body["counts"]["indicator"]["assigned"] == 0
    assert {u["label"] for u in body["units"]} >= {"市林业局", "市统计局"}
    item = forest_item(with_units)
    resp = with_units.post(f"/plans/{JIANGZHOU}/assignments?format=json",
                           data={"item": item["key"], "lead_unit": "市林业局", "supporting_units": "市统计局、市生态环境局",
                                 "due": "2025-01-31"})
    assert resp.status_code == 200, resp.text
    shown = forest_item(with_units)["assignment"]
    assert shown["lead_unit"] == "市林业局" and shown["supporting_units"] == ["市统计局", "市生态环境局"]
    assert shown["due"] == "2025-01-31"
    assert len(events(web_store, "assignment.set")) == 1
    page = with_units.get(f"/plans/{JIANGZHOU}/assignments")
    assert page.status_code == 200 and "市林业局" in page.text and "下载分工模板" in page.text


def test_an_assignment_with_an_unknown_unit_or_date_is_refused_and_named(with_units, web_store):
    item = forest_item(with_units)
    resp = with_units.post(f"/plans/{JIANGZHOU}/assignments?format=json",
                           data={"item": item["key"], "lead_unit": "市气象局", "due": "2025-02-30"})
    assert resp.status_code == 422
    problems = resp.json()["problems"]
    assert any("未知牵头单位“市气象局”" in p for p in problems)
    assert any("2025-02-30" in p for p in problems)
    assert count(web_store, Assignment) == 0


def test_the_template_lists_every_item_and_comes_back_as_an_import(with_units, web_store):
    resp = with_units.get(f"/plans/{JIANGZHOU}/assignments/template.xlsx")
    assert resp.status_code == 200 and resp.content[:2] == b"PK"
    sheet = load_workbook(io.BytesIO(resp.content)).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:6] == ["plan", "item_kind", "item", "lead_unit", "supporting_units", "due"]
    body = with_units.get(f"/plans/{JIANGZHOU}/assignments?format=json").json()
    assert len(rows) - 1 == len(body["items"])
    # fill two rows (an indicator and a task) and upload the workbook as it came
    filled = [rows[0][:6]]
    indicator = next(r for r in rows[1:] if r[1] == "indicator")
    task = next((r for r in rows[1:] if r[1] == "task"), None)
    for r in (indicator, task):
        if r is not None:
            filled.append([r[0], r[1], r[2], "市林业局", "市统计局", "2025-12-31"])
    resp = with_units.post(f"/plans/{JIANGZHOU}/assignments/import?format=json",
                           files={"file": ("filled.xlsx", xlsx(filled), "application/octet-stream")})
    assert resp.status_code == 200, resp.text
    assert resp.json()["saved"]["added"] == len(filled) - 1
    assert count(web_store, Assignment) == len(filled) - 1
    assert len(events(web_store, "assignments.import")) == 1


def test_a_bad_assignments_file_is_refused_whole_with_every_bad_row_named(with_units, web_store):
    rows = [["plan", "item_kind", "item", "lead_unit", "supporting_units", "due"],
            [JIANGZHOU, "indicator", "森林覆盖率", "市林业局", "", "2025-12-31"],       # good
            [JIANGZHOU, "indicator", "不存在的指标", "市林业局", "", ""],               # unknown indicator
            [JIANGZHOU, "indicator", "森林覆盖率", "市林业局", "", ""],                 # duplicate of row 2
            [JIANGZHOU, "project", "森林覆盖率", "市气象局", "市统计局", "明年"],          # unknown project, unit, date
            ["other-plan", "indicator", "森林覆盖率", "市林业局", "", ""]]              # another plan
    resp = with_units.post(f"/plans/{JIANGZHOU}/assignments/import?format=json",
                           files={"file": ("bad.xlsx", xlsx(rows), "application/octet-stream")})
    assert resp.status_code == 422
    problems = "\n".join(resp.json()["problems"])
    assert "第6行" in problems and "other-plan" in problems  # the wrong plan is refused before anything else
    rows.pop()
    resp = with_units.post(f"/plans/{JIANGZHOU}/assignments/import",
                           files={"file": ("bad.xlsx", xlsx(rows), "application/octet-stream")})
    assert resp.status_code == 422
    for expected in ("第3行", "不存在的指标", "第4行", "与第2行重复", "第5行", "市气象局", "明年"):
        assert expected in resp.text, expected
    assert "第2行" not in resp.text.replace("与第2行重复", "")
    assert count(web_store, Assignment) == 0


def test_proposals_drafted_from_the_text_are_confirmed_with_corrections(client, web_store):
    """A notice in the three prose styles (tests/fixtures/duties): its measures are proposed with the
    units the text names; the office corrects one unit and confirms; a wrong unit refuses it all."""
    from plantrack.load import load_file

    from .conftest import FIXTURES

    load_file(web_store, FIXTURES / "duties" / "heping-implementation-notice.txt", key="heping")
    units = ("region,name,short_name\n运城市,和平市工业和信息化局,市工业和信息化局\n运城市,和平市发展改革委,市发展改革委\n"
             "运城市,和平市科技局,市科技局\n").encode("utf-8")
    assert client.post("/units/import", files={"file": ("u.csv", units, "text/csv")}).status_code == 200
    body = client.get("/plans/heping/assignments?format=json").json()
    p = next(p for p in body["proposals"] if p["stored"] and p["lead_units"] == ["市工业和信息化局"]
             and p["supporting_units"] == ["市发展改革委", "市科技局"])
    assert p["lead_unit"] == "市工业和信息化局" and p["supporting_text"] == "市发展改革委、市科技局"
    page = client.get("/plans/heping/assignments")
    assert "从规划文本提取的分工建议" in page.text and f'name="lead_{p["index"]}" value="市工业和信息化局"' in page.text
    i = p["index"]
    form = {"pick": str(i), f"kind_{i}": p["item_kind"], f"ref_{i}": p["ref"],
            f"lead_{i}": "市发展改革委", f"supporting_{i}": "市科技局", f"due_{i}": "2025-06-30"}
    bad = {**form, f"lead_{i}": "不存在的局"}
    resp = client.post("/plans/heping/assignments/confirm?format=json", data=bad)
    assert resp.status_code == 422 and "不存在的局" in resp.json()["problems"][0]
    assert f"第{i + 1}条建议" in resp.json()["problems"][0]
    assert count(web_store, Assignment) == 0
    resp = client.post("/plans/heping/assignments/confirm?format=json", data=form)
    assert resp.status_code == 200, resp.text
    with web_store() as s:
        a = s.scalar(select(Assignment))
        lead = s.get(Unit, a.lead_unit_id)
    assert lead.short_name == "市发展改革委" and a.item_line == p["line"] and a.due == "2025-06-30"
    assert len(events(web_store, "assignments.confirm")) == 1


# --- 年度目标 ----------------------------------------------------------------------------------------


def test_annual_grid_is_entered_in_the_page(office, web_store):
    body = office.get(f"/plans/{JIANGZHOU}/annual-targets?format=json").json()
    row = next(r for r in body["grid"] if r["indicator"] == "森林覆盖率")
    assert [c["year"] for c in row["years"]] == body["years"] and all(c["target"] is None for c in row["years"])
    year = body["years"][1]
    resp = office.post(f"/plans/{JIANGZHOU}/annual-targets?format=json",
                       data={f"name_{row['row']}": "森林覆盖率", f"t_{row['row']}_{year}": "≥43"})
    assert resp.status_code == 200, resp.text
    row = next(r for r in resp.json()["grid"] if r["indicator"] == "森林覆盖率")
    assert {c["year"]: c["target"] for c in row["years"]}[year] == "≥43"
    assert len(events(web_store, "annual_targets.set")) == 1
    bad = office.post(f"/plans/{JIANGZHOU}/annual-targets?format=json",
                      data={f"name_{row['row']}": "森林覆盖率", f"t_{row['row']}_{year}": "很多"})
    assert bad.status_code == 422 and "无法读取年度目标“很多”" in bad.json()["problems"][0]
    assert count(web_store, AnnualTarget) == 1


def test_a_bad_annual_targets_file_is_refused_whole(office, web_store):
    rows = [["plan", "indicator", "year", "target"],
            [JIANGZHOU, "森林覆盖率", 2023, "43"],
            [JIANGZHOU, "没有的指标", 2023, "1"],
            [JIANGZHOU, "森林覆盖率", 1990, "43"],
            [JIANGZHOU, "森林覆盖率", 2023, "44"]]
    resp = office.post(f"/plans/{JIANGZHOU}/annual-targets/import",
                       files={"file": ("annual.xlsx", xlsx(rows), "application/octet-stream")})
    assert resp.status_code == 422
    for expected in ("第3行", "没有的指标", "第4行", "1990年不在规划期", "第5行", "与第2行重复"):
        assert expected in resp.text, expected
    assert count(web_store, AnnualTarget) == 0
    resp = office.post(f"/plans/{JIANGZHOU}/annual-targets/import?format=json",
                       files={"file": ("annual.xlsx", xlsx(rows[:2]), "application/octet-stream")})
    assert resp.status_code == 200 and count(web_store, AnnualTarget) == 1


def test_annual_targets_proposed_from_the_path_are_confirmed(office, web_store):
    body = office.get(f"/plans/{JIANGZHOU}/annual-targets?propose=1&format=json").json()
    assert body["proposing"] and body["proposals"], "the fixture has indicators with a base and a target"
    picked = body["proposals"][:3]
    form = {"pick": [str(p["index"]) for p in picked]}
    for p in picked:
        form |= {f"indicator_{p['index']}": p["indicator"], f"year_{p['index']}": str(p["year"]),
                 f"target_{p['index']}": p["target"]}
    resp = office.post(f"/plans/{JIANGZHOU}/annual-targets/confirm?format=json", data=form)
    assert resp.status_code == 200, resp.text
    grid = {r["indicator"]: {c["year"]: c["target"] for c in r["years"]} for r in resp.json()["grid"]}
    for p in picked:
        assert grid[p["indicator"]][p["year"]] == p["target"]
    assert len(events(web_store, "annual_targets.confirm")) == 1


# --- 分解下达, 考核 ------------------------------------------------------------------------------------


def test_decomposition_page_shows_the_matrix_and_the_shortfall(client, web_store, tmp_path):
    from plantrack.domain.actor import Actor
    from plantrack.duties.decomposition import import_allocations

    body = client.get(f"/plans/{JIANGZHOU}/decomposition?format=json").json()
    assert body["indicators"] == [] and "还没有分解下达" in client.get(f"/plans/{JIANGZHOU}/decomposition").text
    forest = next(i for i in client.get(f"/plans/{JIANGZHOU}?format=json").json()["indicators"] if i["name"] == "森林覆盖率")
    path = tmp_path / "alloc.csv"
    path.write_text("parent_plan,indicator,region,assigned,unit,rule,weight\n"
                    f"{JIANGZHOU},森林覆盖率,盐湖区,1,%,at_least,\n"
                    f"{JIANGZHOU},森林覆盖率,永济市,99,%,at_least,\n", encoding="utf-8")
    with web_store.begin() as s:
        import_allocations(s, path, Actor("t", "admin"))
    body = client.get(f"/plans/{JIANGZHOU}/decomposition?format=json").json()
    row = body["indicators"][0]
    assert row["indicator"] == "森林覆盖率" and row["ok"] is False and row["shortfall"] > 0
    weaker = [c["region"] for c in row["cells"].values() if c["weaker"]]
    assert weaker == ["盐湖区"], (forest, row)
    page = client.get(f"/plans/{JIANGZHOU}/decomposition")
    assert "弱于上位" in page.text and "盐湖区" in page.text and "永济市" in page.text


def test_scorecards_count_items_per_unit_and_region_and_export(with_units, web_store):
    item = forest_item(with_units)
    with_units.post(f"/plans/{JIANGZHOU}/assignments", data={"item": item["key"], "lead_unit": "市林业局", "due": "2099-12-31"})
    other = next(i for i in with_units.get(f"/plans/{JIANGZHOU}/assignments?format=json").json()["items"]
                 if i["kind"] == "indicator" and i["name"] != "森林覆盖率")
    with_units.post(f"/plans/{JIANGZHOU}/assignments", data={"item": other["key"], "lead_unit": "市统计局", "due": "2000-01-01"})
    body = with_units.get("/scorecards?format=json").json()
    units = {u["unit"]: u for u in body["units"]}
    assert units["市林业局"]["items"] == 1 and units["市林业局"]["reported"] == 1  # 森林覆盖率 has observations
    assert units["市林业局"]["overdue"] == 0
    assert units["市统计局"]["items"] == 1
    assert [r["region"] for r in body["regions"]] == ["运城市"] and body["regions"][0]["items"] == 2
    page = with_units.get("/scorecards")
    assert page.status_code == 200 and "市林业局" in page.text and "导出 Excel" in page.text
    resp = with_units.get("/scorecards.xlsx")
    assert resp.status_code == 200 and resp.content[:2] == b"PK"
    wb = load_workbook(io.BytesIO(resp.content))
    assert wb.sheetnames == ["按单位", "按地区", "事项明细"]
    assert {r[1] for r in wb["按单位"].iter_rows(min_row=2, values_only=True)} == {"市林业局", "市统计局"}


# --- who may write ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["unit", "evaluator"])
def test_roles_without_the_right_cannot_write_duties(web_store, role):
    add_user(web_store, f"{role}-user", role, region="140800" if role == "unit" else None)
    with TestClient(create_app(web_store), headers=bearer(web_store, f"{role}-user")) as c:
        for path, kwargs in (("/units", {"data": {"region": "运城市", "name": "X局"}}),
                             ("/units/import", {"files": {"file": ("u.csv", UNITS_CSV, "text/csv")}}),
                             (f"/plans/{JIANGZHOU}/assignments", {"data": {"item": "indicator:1", "lead_unit": "X"}}),
                             (f"/plans/{JIANGZHOU}/annual-targets", {"data": {"name_0": "森林覆盖率", "t_0_2023": "43"}})):
            assert c.post(path, **kwargs).status_code == 403, path
        page = c.get(f"/plans/{JIANGZHOU}/assignments?format=json")
        assert page.status_code == 200 and page.json()["can_write"] is False
    assert count(web_store, Unit) == 0 and count(web_store, AnnualTarget) == 0


def test_a_planning_office_of_another_region_cannot_write_this_plans_duties(web_store):
    add_user(web_store, "ty-office", "planning", region="140100")
    with TestClient(create_app(web_store), headers=bearer(web_store, "ty-office")) as c:
        resp = c.post(f"/plans/{JIANGZHOU}/annual-targets", data={"name_0": "森林覆盖率", "t_0_2023": "43"})
        assert resp.status_code == 403 and "运城市" in resp.text
        assert c.get(f"/plans/{JIANGZHOU}/annual-targets?format=json").json()["can_write"] is False
    assert count(web_store, AnnualTarget) == 0


def test_the_public_cannot_write_and_a_browser_form_needs_its_csrf_token(web_store):
    public = TestClient(create_app(web_store))
    assert public.post("/units", data={"region": "运城市", "name": "X局"}).status_code == 401
    add_user(web_store, "yc-office", "planning", region="140800")
    browser = TestClient(create_app(web_store))
    login_page = browser.get("/login").text
    import re

    token = re.search(r'name="csrf_token" value="([^"]+)"', login_page).group(1)
    assert browser.post("/login", data={"login": "yc-office", "password": "correct-horse-1", "csrf_token": token},
                        follow_redirects=False).status_code in (302, 303)
    assert browser.post("/units", data={"region": "运城市", "name": "X局"}).status_code == 403  # no token
    page = browser.get("/units")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    ok = browser.post("/units", data={"region": "运城市", "name": "运城市X局", "csrf_token": token})
    assert ok.status_code == 200, ok.text
    assert count(web_store, Unit) == 1


def test_a_units_email_is_edited_in_the_page_and_a_bad_one_refused(with_units, web_store):
    unit = next(u for u in with_units.get("/units?format=json").json()["units"] if u["name"] == "运城市林业局")
    assert unit["email"] is None
    bad = with_units.post(f"/units/{unit['id']}/email?format=json", data={"email": "linye@"})
    assert bad.status_code == 422 and "“linye@”不是有效的邮箱地址" in bad.json()["problems"][0]
    ok = with_units.post(f"/units/{unit['id']}/email?format=json", data={"email": "linye@example.org"})
    assert ok.status_code == 200, ok.text
    assert next(u for u in ok.json()["units"] if u["id"] == unit["id"])["email"] == "linye@example.org"
    assert len(events(web_store, "unit.email")) == 1
    page = with_units.get("/units")
    assert 'value="linye@example.org"' in page.text and f'action="/units/{unit["id"]}/email"' in page.text


def test_the_units_template_carries_the_email_column(with_units):
    with_units.post("/units?format=json", data={"region": "运城市", "name": "运城市水利局", "short_name": "市水利局",
                                                "email": "sl@example.org"})
    csv_text = with_units.get("/units/template.csv?region=运城市").content.decode("utf-8-sig")
    lines = csv_text.strip().splitlines()
    assert lines[0] == "region,name,short_name,kind,email"
    assert "运城市,运城市水利局,市水利局,,sl@example.org" in lines
    wb = load_workbook(io.BytesIO(with_units.get("/units/template.xlsx").content))
    rows = list(wb["单位"].iter_rows(values_only=True))
    assert rows[0] == ("region", "name", "short_name", "kind", "email")
    assert ("运城市", "运城市水利局", "市水利局", None, "sl@example.org") in rows
    # the downloaded template comes back as an import unchanged
    again = with_units.post("/units/import?format=json", files={"file": ("t.csv", csv_text.encode(), "text/csv")})
    assert again.status_code == 200 and again.json()["saved"]["added"] == 0


def test_a_bad_email_in_the_add_form_is_refused(office, web_store):
    resp = office.post("/units?format=json", data={"region": "运城市", "name": "运城市水利局", "email": "水利局邮箱"})
    assert resp.status_code == 422 and "不是有效的邮箱地址" in resp.json()["problems"][0]
    assert count(web_store, Unit) == 0


def test_a_proposal_in_traditional_script_shows_the_catalogue_unit_it_matched(office, web_store, tmp_path):
    from plantrack.load import load_file

    from ..duties.test_proposals import TRADITIONAL_NOTE

    note = tmp_path / "jiangdong-note.txt"
    note.write_text(TRADITIONAL_NOTE, encoding="utf-8")
    load_file(web_store, note, key="jiangdong", overrides={"region": "运城市"})
    units = "region,name,short_name\n运城市,运城市发展和改革委员会,市发展改革委\n".encode("utf-8")
    assert office.post("/units/import", files={"file": ("u.csv", units, "text/csv")}).status_code == 200
    page = office.get("/plans/jiangdong/assignments")
    assert page.status_code == 200
    assert 'value="市發展改革委"' in page.text  # the input keeps the plan's writing
    assert "市發展改革委 → 市发展改革委（运城市发展和改革委员会）" in page.text
    body = office.get("/plans/jiangdong/assignments?format=json").json()
    first = next(p for p in body["proposals"] if p["lead_units"] == ["市發展改革委"])
    assert first["lead_matches"][0]["by_script"] is True
