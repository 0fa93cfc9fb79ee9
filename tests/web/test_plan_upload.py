"""规划入库: a plan file uploaded through the browser is parsed and shown before anything is stored;
confirming stores it the way `plantrack ingest` would; the same file again changes nothing, a
changed one becomes the next version, and a file that is not a plan says why and stores nothing."""

from __future__ import annotations

import base64

from plantrack.store.repository import counts

from .conftest import JIANGZHOU, UPLOAD_KEY as KEY, UPLOAD_PLAN as PLAN, UPLOAD_TITLE as TITLE

REVISED = PLAN.replace("推动产业转型升级。", "推动产业转型升级，建设现代产业体系。")


def stored(factory) -> dict:
    with factory() as s:
        return counts(s)


def check(client, data: bytes, name: str = f"{KEY}.txt", json: bool = True, **fields):
    url = "/plans/new/check" + ("?format=json" if json else "")
    return client.post(url, files={"file": (name, data, "application/octet-stream")}, data=fields)


def confirm(client, checked: dict, json: bool = True, **changes):
    """The confirm form as the check page writes it (hidden fields), with any field changed."""
    form = {"file_name": checked["file"], "content": checked["content"], "sha256": checked["sha256"],
            **checked["choices"], **changes}
    return client.post("/plans/new/confirm" + ("?format=json" if json else ""), data=form)


def test_the_upload_page_offers_the_form_and_the_catalogue_links_it(client):
    html = client.get("/plans/new").text
    assert 'action="/plans/new/check"' in html and 'enctype="multipart/form-data"' in html
    assert 'accept=".txt,.docx,.pdf,.html,.htm,.md' in html
    data = client.get("/plans/new?format=json").json()
    assert data["stage"] == "new"
    assert JIANGZHOU in [p["key"] for p in data["plans"]]
    assert [lv["code"] for lv in data["levels"]] == ["national", "province", "city", "county"]
    catalogue = client.get("/plans").text
    assert '<a class="button button-primary" href="/plans/new">上传规划</a>' in catalogue
    assert client.get("/plans?format=json").json()["upload_url"] == "/plans/new"


def test_check_shows_what_was_found_and_stores_nothing(client, web_store):
    before = stored(web_store)
    body = check(client, PLAN.encode("utf-8")).json()
    assert body["stage"] == "checked" and body["file"] == f"{KEY}.txt"
    p = body["preview"]
    assert p["title"] == TITLE
    assert {k: p["detected"][k] for k in ("level", "kind", "region", "period_text")} == {
        "level": "county", "kind": "general", "region": "江河县", "period_text": "2021—2025年"}  # 第十四个五年
    assert p["counts"] == {"sections": 3, "indicators": 3, "targets": 1, "projects": 0, "tasks": 0}
    assert [(i["name"], i["target_text"], i["binding"]) for i in p["indicators"]] == [
        ("地区生产总值增长率", "6左右", "expected"), ("森林覆盖率", "30", "binding"), ("空气质量优良天数比率", "85", "binding")]
    assert p["effect"] == {"status": "created", "version": 1, "text": f"将新建规划“{KEY}”（第 1 版）"}
    assert body["choices"]["key"] == KEY  # the file name's stem, as the CLI takes it
    assert body["form"]["key"] == ""  # what was typed: choosing another file takes that one's stem
    assert stored(web_store) == before

    html = check(client, PLAN.encode("utf-8"), json=False).text
    assert "<strong>3</strong> 项指标" in html and "空气质量优良天数比率" in html
    assert 'action="/plans/new/confirm"' in html and "确认入库" in html
    assert stored(web_store) == before


def test_confirm_stores_the_plan_and_its_page_shows_it(client, web_store):
    before = stored(web_store)
    checked = check(client, PLAN.encode("utf-8")).json()
    saved = confirm(client, checked).json()
    assert saved["stage"] == "saved"
    assert {k: saved["result"][k] for k in ("key", "title", "url", "status", "version")} == {
        "key": KEY, "title": TITLE, "url": f"/plans/{KEY}", "status": "created", "version": 1}
    after = stored(web_store)
    assert (after["plan"], after["plan_version"], after["indicator"]) == (
        before["plan"] + 1, before["plan_version"] + 1, before["indicator"] + 3)

    plan = client.get(f"/plans/{KEY}?format=json").json()
    assert plan["plan"]["title"] == TITLE
    assert [i["name"] for i in plan["indicators"]] == ["地区生产总值增长率", "森林覆盖率", "空气质量优良天数比率"]
    assert plan["plan"]["source"]["file"] == f"{KEY}.txt"
    assert TITLE in client.get(f"/plans/{KEY}").text
    html = confirm(client, checked, json=False).text  # the page, sent again: nothing new
    assert f'href="/plans/{KEY}">查看规划</a>' in html


def test_pages_answering_a_post_link_no_json_twin(client, web_store):
    html = check(client, PLAN.encode("utf-8"), json=False).text
    assert "本页数据（JSON）" not in html and "接口文档" in html
    assert "本页数据（JSON）" in client.get("/plans/new").text


def test_the_same_file_again_changes_nothing(client, web_store):
    confirm(client, check(client, PLAN.encode("utf-8")).json())
    before = stored(web_store)
    again = check(client, PLAN.encode("utf-8")).json()
    assert again["preview"]["effect"]["status"] == "unchanged"
    assert "不会改变任何数据" in check(client, PLAN.encode("utf-8"), json=False).text
    saved = confirm(client, again).json()
    assert (saved["result"]["status"], saved["result"]["version"]) == ("unchanged", 1)
    assert stored(web_store) == before


def test_the_same_file_with_other_choices_says_what_still_happens(client, web_store):
    confirm(client, check(client, PLAN.encode("utf-8")).json())
    parent = next(p["key"] for p in client.get("/plans/new?format=json").json()["plans"] if p["key"] != KEY)
    effect = check(client, PLAN.encode("utf-8"), parent=parent, level="county").json()["preview"]["effect"]
    assert effect["status"] == "unchanged"
    assert f"只将上位规划改为“{parent}”" in effect["text"] and "不会生效" in effect["text"]
    assert "不会改变任何数据" not in effect["text"]


def test_a_changed_file_under_the_same_key_becomes_version_2(client, web_store):
    confirm(client, check(client, PLAN.encode("utf-8")).json())
    checked = check(client, REVISED.encode("utf-8"), name="江河县规划（修订稿）.txt", key=KEY).json()
    assert checked["preview"]["effect"]["status"] == "new_version"
    assert "将作为第 2 版" in checked["preview"]["effect"]["text"]
    saved = confirm(client, checked).json()
    assert (saved["result"]["key"], saved["result"]["status"], saved["result"]["version"]) == (KEY, "new_version", 2)
    plan = client.get(f"/plans/{KEY}?format=json").json()
    assert [v["number"] for v in plan["plan"]["versions"]] == [1, 2]


def test_files_that_are_not_plans_say_why_and_store_nothing(client, web_store, monkeypatch):
    before = stored(web_store)
    empty = check(client, b"", name="空白.txt")
    assert empty.status_code == 422
    assert empty.json()["errors"] == ["无法读取规划文件 空白.txt：文件为空"]
    junk = check(client, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, name="photo.txt").json()
    assert "photo.txt" in junk["errors"][0] and "二进制" in junk["errors"][0]
    fake = check(client, b"not really a word file", name="plan.docx").json()
    assert "plan.docx" in fake["errors"][0] and "内容不是Word 文档" in fake["errors"][0]
    noise = check(client, ("的一是在不了有和人这中大为上个国我以要他" * 50).encode("utf-8"), name="noise.txt").json()
    assert "noise.txt" in noise["errors"][0] and "未识别出规划结构" in noise["errors"][0]
    monkeypatch.setenv("PLANTRACK_MAX_PLAN_MB", "0.0002")  # 209 bytes; the plan has 543
    big = check(client, PLAN.encode("utf-8"))
    assert big.status_code == 400
    assert "过大" in big.json()["errors"][0] and f"{KEY}.txt" in big.json()["errors"][0]
    html = check(client, b"", name="空白.txt", json=False).text
    assert "文件“空白.txt”未能入库" in html and "数据库未作任何改动" in html
    assert 'action="/plans/new/confirm"' not in html
    assert stored(web_store) == before


def test_no_file_chosen_is_refused_in_chinese(client):
    resp = client.post("/plans/new/check?format=json", data={"key": "x"})
    assert resp.status_code == 400 and resp.json()["errors"] == ["请选择要上传的规划文件（.txt、.docx、.pdf 或 .html）。"]


def test_a_word_plan_uploads_too(client, web_store):
    from ..ingest.documents import INDICATORS, plan_docx

    data = plan_docx()
    checked = check(client, data, name="qinghe-city.docx").json()
    assert checked["stage"] == "checked", checked.get("errors")
    assert checked["preview"]["encoding"] == "docx"
    assert [i["name"] for i in checked["preview"]["indicators"]] == [row[0] for row in INDICATORS[1:]]
    saved = confirm(client, checked).json()
    assert (saved["result"]["key"], saved["result"]["status"]) == ("qinghe-city", "created")
    assert len(client.get("/plans/qinghe-city?format=json").json()["indicators"]) == 3


def test_chosen_parent_and_overrides_are_stored(client, web_store):
    checked = check(client, PLAN.encode("utf-8"), parent=JIANGZHOU, level="county", kind="general", region="运城市").json()
    preview = checked["preview"]
    assert (preview["overrides"]["level_label"], preview["overrides"]["kind_label"]) == ("县级", "总体规划")
    saved = confirm(client, checked).json()
    assert [(link["child"], link["parent"]) for link in saved["result"]["links"]] == [(KEY, JIANGZHOU)]
    plan = client.get(f"/plans/{KEY}?format=json").json()
    assert (plan["plan"]["level"], plan["plan"]["kind"], plan["plan"]["region"]) == ("county", "general", "运城市")
    assert plan["parent"]["key"] == JIANGZHOU


def test_choices_the_catalogue_cannot_take_are_refused(client, web_store):
    before = stored(web_store)
    cases = [({"level": "village"}, "未知层级“village”"), ({"parent": "no-such-plan"}, "没有键为“no-such-plan”的上位规划"),
             ({"key": "new"}, "“new”是保留名称"), ({"key": "a/b"}, "不能含有斜杠"), ({"parent": KEY}, "不能是本规划自身")]
    for fields, message in cases:
        resp = check(client, PLAN.encode("utf-8"), **fields)
        assert resp.status_code == 400 and message in resp.json()["errors"][0], fields
        assert resp.json()["form"] == {"key": "", "parent": "", "level": "", "kind": "", "region": "", **fields}
    assert stored(web_store) == before


def test_a_tampered_or_damaged_confirm_is_refused(client, web_store):
    checked = check(client, PLAN.encode("utf-8")).json()
    before = stored(web_store)
    other = base64.b64encode(REVISED.encode("utf-8")).decode()
    resp = confirm(client, checked, content=other)
    assert resp.status_code == 400 and "不一致" in resp.json()["errors"][0]
    resp = confirm(client, checked, content="***")
    assert resp.status_code == 400 and "已损坏" in resp.json()["errors"][0]
    assert stored(web_store) == before


def test_a_confirm_form_larger_than_a_megabyte_is_read(client, web_store):
    """Starlette refuses form fields over 1 MB unless told otherwise; a 1.5 MB plan must reach the
    sha256 check (and here fail it), not be cut off by the form parser."""
    big = base64.b64encode(b"x" * (1536 * 1024)).decode()
    resp = client.post("/plans/new/confirm?format=json",
                       data={"file_name": "big.txt", "content": big, "sha256": "0" * 64})
    assert resp.status_code == 400 and "不一致" in resp.json()["errors"][0]
    resp = client.post("/observations/save", data={"file_name": "big.csv", "content": big, "sha256": "0" * 64})
    assert resp.status_code == 400 and "不一致" in resp.text


def test_plan_text_in_the_preview_is_shown_as_text(client):
    script = "<script>alert(1)</script>"
    text = PLAN.replace("第一章 发展目标", "第一章 发展目标&lt;script&gt;alert(1)&lt;/script&gt;").replace(
        "空气质量优良天数比率", "空气质量&lt;script&gt;alert(1)&lt;/script&gt;")
    checked = check(client, text.encode("utf-8")).json()
    assert script in checked["preview"]["indicators"][2]["name"]  # the danger is real
    html = check(client, text.encode("utf-8"), json=False).text
    assert script not in html and "&lt;script&gt;" in html


def as_html_page(text: str) -> str:
    """The plan as a portal page: tab rows as a <table>, every other line a paragraph."""
    body = []
    for line in text.splitlines():
        if "\t" in line:
            cells = "".join(f"<td>{c}</td>" for c in line.split("\t"))
            body.append(f"<table><tr>{cells}</tr></table>")
        elif line.strip():
            body.append(f"<p>{line}</p>")
    page = "".join(body).replace("</table><table>", "")
    return f'<!DOCTYPE html><html><head><meta charset="gbk"></head><body><div class="nav">首页</div>{page}</body></html>'


def test_an_html_page_is_checked_and_stored_like_a_text_file(client, web_store):
    before = stored(web_store)
    body = check(client, as_html_page(PLAN).encode("gbk"), name=f"{KEY}.html").json()
    assert body["stage"] == "checked" and body["preview"]["title"] == TITLE
    assert [(i["name"], i["target_text"]) for i in body["preview"]["indicators"]] == [
        ("地区生产总值增长率", "6左右"), ("森林覆盖率", "30"), ("空气质量优良天数比率", "85")]
    assert body["choices"]["key"] == KEY
    assert stored(web_store) == before
    done = confirm(client, body).json()
    assert done["stage"] == "saved"
    assert stored(web_store)["indicator"] == before["indicator"] + 3
