"""数据填报: a file is checked before anything is saved; a bad row names itself and saves nothing;
a clean file is shown row by row and saved only on confirm, after which the status moves."""

from __future__ import annotations

import base64
import io

from openpyxl import Workbook
from sqlalchemy import func, select

from plantrack.store.models import Observation, ObservationImport

from .conftest import HEADER, JIANGZHOU, forest_id

GOOD = HEADER + "运城市,森林覆盖率,%,2024,43.9,https://example.org/d,2024年江州统计公报,森林覆盖率43.9%\n"
BAD = HEADER + (
    "运城市,森林覆盖率,%,2024,43.9,https://example.org/d,2024年江州统计公报,森林覆盖率43.9%\n"
    "运城市,森林覆盖率,%,2023,四十三,https://example.org/e,2023年江州统计公报,森林覆盖率四十三\n"
)


def counts(factory) -> tuple[int, int]:
    with factory() as s:
        return (s.scalar(select(func.count()).select_from(Observation)),
                s.scalar(select(func.count()).select_from(ObservationImport)))


def upload(client, name: str, data: bytes, json: bool = False):
    url = "/observations/check" + ("?format=json" if json else "")
    return client.post(url, files={"file": (name, data, "text/csv")})


def test_entry_page_offers_upload_and_single_form(client):
    html = client.get("/observations/new").text
    assert 'action="/observations/check"' in html and 'enctype="multipart/form-data"' in html
    assert 'action="/observations/form"' in html
    data = client.get("/observations/new?format=json").json()
    assert data["stage"] == "new"
    assert "运城市" in data["suggestions"]["regions"]
    assert "森林覆盖率" in data["suggestions"]["indicators"]
    assert [c["name"] for c in data["columns"] if c["required"]] == ["region", "indicator", "unit", "year", "value"]


def test_a_bad_row_is_reported_and_nothing_is_saved(client, web_store):
    before = counts(web_store)
    resp = upload(client, "bad.csv", BAD.encode("utf-8"))
    assert resp.status_code == 422
    assert "数值“四十三”不是数字" in resp.text
    assert "整个文件未保存" in resp.text
    assert 'action="/observations/save"' not in resp.text
    body = upload(client, "bad.csv", BAD.encode("utf-8"), json=True).json()
    assert body["stage"] == "rejected"
    assert [(e["row"], e["reason"]) for e in body["errors"]] == [(3, "数值“四十三”不是数字")]
    assert counts(web_store) == before


def test_a_good_file_is_previewed_then_saved_on_confirm_and_moves_the_status(client, web_store):
    ind = forest_id(client)
    status_before = client.get(f"/plans/{JIANGZHOU}/indicators/{ind}?year=2024&format=json").json()["assessment"]
    before = counts(web_store)
    checked = upload(client, "good.csv", GOOD.encode("utf-8"), json=True).json()
    assert checked["stage"] == "checked"
    (row,) = checked["rows"]
    assert (row["row"], row["region"], row["year"], row["value"], row["effect"]) == (2, "运城市", 2024, 43.9, "add")
    assert counts(web_store) == before  # checking saved nothing
    html = upload(client, "good.csv", GOOD.encode("utf-8")).text
    assert "确认保存" in html and 'name="content"' in html

    saved = client.post("/observations/save", data={"file_name": "good.csv", "content": checked["content"],
                                                    "sha256": checked["sha256"]})
    assert saved.status_code == 200 and "已保存“good.csv”" in saved.text
    assert counts(web_store) == (before[0] + 1, before[1] + 1)
    status_after = client.get(f"/plans/{JIANGZHOU}/indicators/{ind}?year=2024&format=json").json()["assessment"]
    assert status_after["observed"]["value"] == 43.9
    assert (status_before["observed"]["year"], status_after["observed"]["year"]) == (2022, 2024)
    assert "森林覆盖率" in saved.text and f"/plans/{JIANGZHOU}/indicators/{ind}?year=2024" in saved.text


def test_a_tampered_confirm_is_refused(client, web_store):
    before = counts(web_store)
    content = base64.b64encode(GOOD.encode("utf-8")).decode()
    resp = client.post("/observations/save", data={"file_name": "good.csv", "content": content, "sha256": "0" * 64})
    assert resp.status_code == 400 and "不一致" in resp.text
    resp = client.post("/observations/save", data={"file_name": "good.csv", "content": "***", "sha256": ""})
    assert resp.status_code == 400 and "已损坏" in resp.text
    assert counts(web_store) == before


def test_an_xlsx_upload_is_checked_the_same_way(client, web_store):
    wb = Workbook()
    ws = wb.active
    ws.append(["region", "indicator", "unit", "year", "value"])
    ws.append(["火星市", "森林覆盖率", "%", 2024, 43.9])
    buf = io.BytesIO()
    wb.save(buf)
    body = client.post("/observations/check?format=json",
                       files={"file": ("rows.xlsx", buf.getvalue(), "application/octet-stream")}).json()
    assert body["stage"] == "rejected"
    assert body["errors"][0]["row"] == 2 and "火星市" in body["errors"][0]["reason"]


def test_an_unreadable_file_says_why(client):
    body = upload(client, "notes.pdf", b"%PDF-1.4", json=True).json()
    assert body["stage"] == "rejected" and "不支持的文件类型" in body["errors"][0]["reason"]
    body = upload(client, "empty.csv", b"", json=True)
    assert body.status_code == 400 and "文件为空" in body.json()["errors"][0]["reason"]


def test_single_observation_form_goes_through_the_same_checks(client, web_store):
    before = counts(web_store)
    form = {"region": "运城市", "indicator": "森林覆盖率", "unit": "%", "year": "20x4", "value": "43.9",
            "source_title": "2024年江州统计公报"}
    bad = client.post("/observations/form", data=form)
    assert bad.status_code == 422 and "年份“20x4”不合理" in bad.text
    assert 'value="20x4"' in bad.text  # the form keeps what was typed
    form["year"] = "2024"
    ok = client.post("/observations/form?format=json", data=form).json()
    assert ok["stage"] == "checked" and ok["rows"][0]["value"] == 43.9
    assert counts(web_store) == before
    saved = client.post("/observations/save", data={"file_name": ok["file"], "content": ok["content"], "sha256": ok["sha256"]})
    assert saved.status_code == 200
    assert counts(web_store)[0] == before[0] + 1


def test_a_single_entry_refused_for_another_region_names_the_region_not_a_file_row(web_store):
    """The single-entry form is not a file: its refusal must not speak of “第 2 行”."""
    from fastapi.testclient import TestClient

    from plantrack.api import create_app

    from ..userfixtures import add_user, bearer

    add_user(web_store, "taiyuan-unit", "unit", region="140100", unit="太原市林业局")
    unit = TestClient(create_app(web_store), headers=bearer(web_store, "taiyuan-unit"))
    before = counts(web_store)
    form = {"region": "运城市", "indicator": "森林覆盖率", "unit": "%", "year": "2024", "value": "99.9",
            "source_title": "2024年江州统计公报"}
    refused = unit.post("/observations/form", data=form)
    assert refused.status_code == 403
    assert "无权填报这些地区的数据：运城市。" in refused.text
    assert "第 2 行" not in refused.text
    assert counts(web_store) == before
