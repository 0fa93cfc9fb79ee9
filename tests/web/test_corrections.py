"""人工修正 in the pages and the API: the check page shows where the parser is unsure and takes the
corrected table with the confirm; the plan page shows 人工修正 beside the parser's original; the
corrections page, its XLSX and the API write through the same service; a bad table stores nothing."""

from __future__ import annotations

from pathlib import Path

from plantrack.corrections import FIELDS
from plantrack.store.repository import counts

PARTIAL = Path(__file__).resolve().parents[1] / "fixtures" / "partial" / "tongchuan-county-14th-fyp.txt"
KEY = "tongchuan"
DOCTORS = {"category": "民生福祉", "name": "每千人口拥有执业（助理）医师数", "unit": "人", "base_year": "2020",
           "base_text": "1.9", "target_year": "2025", "target_text": "2.6", "binding": "expected", "line": "72"}


def check(client, data: bytes | None = None, **fields):
    data = data if data is not None else PARTIAL.read_bytes()
    return client.post("/plans/new/check?format=json", files={"file": (f"{KEY}.txt", data, "text/plain")},
                       data=fields).json()


def table_form(rows: list[dict]) -> dict:
    """The table fields as the page's form sends them."""
    form = {}
    for n, row in enumerate(rows):
        for f in ("ref", *FIELDS):
            value = row.get(f)
            form[f"r-{n}-{f}"] = "" if value is None else str(value)
    return form


def by_name(rows: list[dict], name: str) -> dict:
    return next(r for r in rows if r["name"] == name)


def corrected_rows(rows: list[dict]) -> list[dict]:
    """The check page's table with row 3 and row 12 fixed and the missing row 14 in the first blank row."""
    rows = [dict(r) for r in rows]
    budget = by_name(rows, "一般公共预算收入 亿元 3.9 5.5 7 预期性")
    budget.update(name="一般公共预算收入", unit="亿元", base_text="3.9", target_text="5.5", annual_growth="7",
                  binding="expected")
    by_name(rows, "人").update(name="城镇新增就业人数", unit="人", base_text="1850")
    blank = next(r for r in rows if r.get("blank"))
    blank.update(DOCTORS)
    return rows


def confirm(client, checked: dict, rows: list[dict], json: bool = True, **fields):
    form = {"file_name": checked["file"], "content": checked["content"], "sha256": checked["sha256"],
            **checked["choices"], **table_form(rows), **fields}
    return client.post("/plans/new/confirm" + ("?format=json" if json else ""), data=form)


def test_the_check_page_says_where_the_parser_is_unsure_and_shows_each_row_beside_its_source(client):
    checked = check(client)
    p = checked["preview"]
    kinds = {c["kind"] for c in p["checks"]}
    assert {"sequence_gap", "stated_count"} <= kinds
    gap = next(c for c in p["checks"] if c["kind"] == "sequence_gap")
    assert "缺少序号14" in gap["message"] and gap["kind_label"] == "序号不连续"
    rows = [r for r in p["rows"] if not r.get("blank")]
    assert len(rows) == p["counts"]["indicators"] == 14
    assert by_name(rows, "人")["source_text"].startswith("12")
    assert sum(1 for r in p["rows"] if r.get("blank")) == 3
    html = client.post("/plans/new/check", files={"file": (f"{KEY}.txt", PARTIAL.read_bytes(), "text/plain")}).text
    assert "解析检查" in html and "序号不连续" in html and 'name="r-0-name"' in html and 'name="name"' in html


def test_rows_corrected_on_the_check_page_are_stored_with_the_plan_as_corrections(client):
    checked = check(client)
    saved = confirm(client, checked, corrected_rows(checked["preview"]["rows"]), name="王敏", why="对照印发稿")
    assert saved.status_code == 200, saved.text
    assert saved.json()["result"]["corrections"] == 3
    page = client.get(f"/plans/{KEY}?format=json").json()
    marked = {i["name"]: i["correction"] for i in page["indicators"] if i["correction"]}
    assert set(marked) == {"一般公共预算收入", "城镇新增就业人数", "每千人口拥有执业（助理）医师数"}
    assert {c["label"] for c in marked.values()} == {"人工修正"} and {c["who"] for c in marked.values()} == {"admin"}  # the signed-in account (tests/web/conftest.py) is recorded, not the typed name
    assert marked["城镇新增就业人数"]["originals"][0]["name"] == "人"  # the parser's original beside it
    assert marked["每千人口拥有执业（助理）医师数"]["originals"] == []
    assert len(page["indicators"]) == 15
    assert {c["kind"] for c in page["checks"]} >= {"sequence_gap"}
    html = client.get(f"/plans/{KEY}").text
    assert html.count('class="tag tag-corrected"') == 3 and "原解析：人" in html


def test_a_bad_row_on_the_check_page_stores_nothing(client, web_store):
    with web_store() as s:
        before = counts(s)
    checked = check(client)
    rows = corrected_rows(checked["preview"]["rows"])
    rows[0]["base_year"] = "二〇二〇"
    bad = confirm(client, checked, rows, name="王敏")
    assert bad.status_code == 400
    assert any(e.startswith("第1行") and "二〇二〇" in e for e in bad.json()["errors"])
    with web_store() as s:
        assert counts(s) == before
    # the table comes back as sent, so nothing typed is lost
    assert "每千人口拥有执业（助理）医师数" in [r["name"] for r in bad.json()["preview"]["rows"]]


def test_confirming_the_table_unchanged_needs_no_name_and_stores_no_correction(client):
    checked = check(client)
    saved = confirm(client, checked, checked["preview"]["rows"])
    assert saved.status_code == 200 and saved.json()["result"]["corrections"] == 0
    assert client.get(f"/api/plans/{KEY}/corrections").json()["corrections"] == []


def test_a_changed_version_uploaded_again_keeps_the_corrections(client):
    checked = check(client)
    confirm(client, checked, corrected_rows(checked["preview"]["rows"]), name="王敏")
    revised = PARTIAL.read_text(encoding="utf-8").replace("2020年，全县", "2020年，全县（修订）").encode("utf-8")
    again = check(client, revised)
    assert again["preview"]["effect"]["status"] == "new_version"
    assert "每千人口拥有执业（助理）医师数" in [r["name"] for r in again["preview"]["rows"]]  # applied in the preview
    saved = confirm(client, again, again["preview"]["rows"])
    assert saved.json()["result"]["version"] == 2 and saved.json()["result"]["corrections"] == 0
    page = client.get(f"/plans/{KEY}?format=json").json()
    assert page["plan"]["version"] == 2
    assert len([i for i in page["indicators"] if i["correction"]]) == 3


def test_the_corrections_page_saves_the_table_and_refuses_a_bad_one_whole(client):
    checked = check(client)
    confirm(client, checked, checked["preview"]["rows"])
    page = client.get(f"/plans/{KEY}/corrections?format=json").json()
    rows = [dict(r) for r in page["rows"]]
    by_name(rows, "森林覆盖率")["target_text"] = "29"
    bad = [dict(r) for r in rows]
    bad[1]["name"] = ""
    refused = client.post(f"/plans/{KEY}/corrections", data={**table_form(bad), "name": "王敏"})
    assert refused.status_code == 400 and "第2行：指标名称不能为空" in refused.text
    assert client.get(f"/api/plans/{KEY}/corrections").json()["corrections"] == []
    ok = client.post(f"/plans/{KEY}/corrections", data={**table_form(rows), "name": "王敏", "why": "笔误"},
                     follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"].endswith("/corrections?saved=1#table")
    listed = client.get(f"/api/plans/{KEY}/corrections").json()["corrections"]
    assert [(c["action"], c["who"], c["why"], c["rows"][0]["target_text"]) for c in listed] == [("edit", "admin", "笔误", "29")]
    html = client.get(f"/plans/{KEY}/corrections").text
    assert "修正记录" in html and "笔误" in html and "/withdraw" in html


def test_the_xlsx_downloaded_and_uploaded_unchanged_changes_nothing(client):
    checked = check(client)
    confirm(client, checked, corrected_rows(checked["preview"]["rows"]), name="王敏")
    book = client.get(f"/plans/{KEY}/corrections.xlsx")
    assert book.status_code == 200 and book.headers["content-type"].startswith("application/vnd.openxmlformats")
    back = client.post(f"/plans/{KEY}/corrections/import", files={"file": ("t.xlsx", book.content)},
                       data={"name": "王敏"}, follow_redirects=False)
    assert back.status_code == 303 and "saved=0" in back.headers["location"]
    assert len(client.get(f"/api/plans/{KEY}/corrections").json()["corrections"]) == 3
    junk = client.post(f"/plans/{KEY}/corrections/import", files={"file": ("t.xlsx", b"not a workbook")},
                       data={"name": "王敏"})
    assert junk.status_code == 400 and "不是 Excel 工作簿" in junk.text


def test_the_api_reads_writes_and_withdraws_corrections(client):
    checked = check(client)
    confirm(client, checked, checked["preview"]["rows"])
    got = client.get(f"/api/plans/{KEY}/corrections").json()
    assert {c["kind"] for c in got["checks"]} >= {"sequence_gap"}
    rows = [{k: r[k] for k in ("ref", *FIELDS)} for r in got["rows"]]
    rows = [r for r in rows if r["name"] != "粮食综合生产能力"]  # deleted
    rows.append({"ref": None, **DOCTORS})
    saved = client.post(f"/api/plans/{KEY}/corrections", json={"rows": rows, "name": "王敏", "why": "补录"})
    assert saved.status_code == 200, saved.text
    made = {c["action"]: c for c in saved.json()["saved"]}
    assert set(made) == {"add", "delete"}
    names = [r["name"] for r in client.get(f"/api/plans/{KEY}/corrections").json()["rows"]]
    assert "粮食综合生产能力" not in names and "每千人口拥有执业（助理）医师数" in names
    gone = client.post(f"/api/plans/{KEY}/corrections/{made['delete']['id']}/withdraw", json={"name": "王敏"})
    assert gone.json() == {"id": made["delete"]["id"], "status": "withdrawn"}
    names = [r["name"] for r in client.get(f"/api/plans/{KEY}/corrections").json()["rows"]]
    assert "粮食综合生产能力" in names
    assert client.get("/api/plans/nope/corrections").status_code == 404


def test_the_page_form_splits_a_row_with_a_repeated_ref_and_merges_rows_joined_with_plus(client):
    checked = check(client)
    confirm(client, checked, checked["preview"]["rows"])
    rows = [dict(r) for r in client.get(f"/plans/{KEY}/corrections?format=json").json()["rows"]]
    forest = by_name(rows, "森林覆盖率")
    blank = next(r for r in rows if r.get("blank"))
    blank.update({**forest, "blank": True, "name": "森林蓄积量", "unit": "万立方米"})  # same ref: a split
    gdp, growth = by_name(rows, "地区生产总值"), by_name(rows, "地区生产总值增长")
    gdp["ref"] = f"{growth['ref']}+{gdp['ref']}"
    form = {**table_form(rows), f"r-{rows.index(growth)}-delete": "1", "name": "王敏"}
    assert client.post(f"/plans/{KEY}/corrections", data=form, follow_redirects=False).status_code == 303
    actions = sorted(c["action"] for c in client.get(f"/api/plans/{KEY}/corrections").json()["corrections"])
    assert actions == ["merge", "split"]
    names = [r["name"] for r in client.get(f"/plans/{KEY}/corrections?format=json").json()["rows"] if not r.get("blank")]
    assert "地区生产总值增长" not in names and "森林蓄积量" in names


def test_the_plan_page_says_when_corrections_no_longer_match_a_row(client):
    checked = check(client)
    confirm(client, checked, corrected_rows(checked["preview"]["rows"]), name="王敏")
    revised = PARTIAL.read_text(encoding="utf-8").replace("	12	城镇新增就业人数	人	1850	-	[9000]	预期性\n", "")
    again = check(client, revised.encode("utf-8"))
    confirm(client, again, again["preview"]["rows"])
    page = client.get(f"/plans/{KEY}?format=json").json()
    assert page["corrections"]["unmatched"] == 1 and page["corrections"]["corrected"] == 2
    assert "1 条修正未匹配" in client.get(f"/plans/{KEY}").text
    listed = client.get(f"/api/plans/{KEY}/corrections").json()["corrections"]
    assert [c["status_label"] for c in listed if c["rows"] and c["rows"][0]["name"] == "城镇新增就业人数"] == ["未匹配"]
