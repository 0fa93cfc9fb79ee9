"""The reporting pages on the running application: the to-do list, the item page and its moves,
evidence download, the overdue block on the dashboard, and who may do what."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from plantrack.api import create_app
from plantrack.domain.actor import LOCAL_OPERATOR
from plantrack.duties.assignments import import_assignments
from plantrack.duties.units import import_units
from plantrack.store.models import AuditEvent, Observation, ReportItem, ReportStatus
from plantrack.web.queries import MEMO
from plantrack.web.views import reporting as reporting_view

from ..duties.conftest import write_csv
from ..userfixtures import add_user, bearer
from .conftest import JIANGZHOU

PDF = b"%PDF-1.4\n%evidence of progress\n"
TODAY = date(2026, 12, 3)


@pytest.fixture
def app(web_store, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_EVIDENCE_DIR", str(tmp_path / "evidence"))
    monkeypatch.setattr(reporting_view, "today", lambda: TODAY)
    units = write_csv(tmp_path / "units.csv", "region,name,short_name", [
        ["运城市", "运城市林业局", "市林业局"], ["运城市", "运城市生态环境局", "市生态环境局"]])
    assignments = write_csv(tmp_path / "a.csv", "plan,item_kind,item,lead_unit,supporting_units,due", [
        [JIANGZHOU, "indicator", "森林覆盖率", "市林业局", "", "2026-06-30"],
        [JIANGZHOU, "project", "燃煤锅炉淘汰工程", "市生态环境局", "", "2026-12-31"]])
    with web_store.begin() as s:
        import_units(s, units, LOCAL_OPERATOR)
        import_assignments(s, assignments, LOCAL_OPERATOR)
    add_user(web_store, "forestry", "unit", region="140800", unit="运城市林业局")
    add_user(web_store, "ecology", "unit", region="140800", unit="市生态环境局")
    add_user(web_store, "office", "planning", region="140800")
    add_user(web_store, "taiyuan", "planning", region="140100")
    add_user(web_store, "eval", "evaluator")
    MEMO.clear()
    return create_app(web_store)


def client(app, factory, login):
    return TestClient(app, headers=bearer(factory, login))


def _ids(c):
    rows = c.get("/reporting?format=json").json()["rows"]
    return {r["item_kind"]: r for r in rows}


def test_the_unit_sees_its_own_to_do_list_with_the_overdue_reminder(app, web_store):
    forestry = client(app, web_store, "forestry")
    body = forestry.get("/reporting?format=json").json()
    assert [(r["item"], r["period"], r["state"], r["overdue"]) for r in body["rows"]] == [("森林覆盖率", "2026", "new", True)]
    assert body["reminder"]["text"].startswith("有 1 项填报已逾期") and not body["reminder"]["by_email"]
    page = forestry.get("/reporting")
    assert page.status_code == 200 and "森林覆盖率" in page.text and "逾期" in page.text
    assert "燃煤锅炉淘汰工程" not in page.text
    office = client(app, web_store, "office").get("/reporting?format=json").json()
    assert {r["item"] for r in office["rows"]} == {"森林覆盖率", "燃煤锅炉淘汰工程"} and office["can_review"]
    assert client(app, web_store, "taiyuan").get("/reporting?format=json").json()["rows"] == []


def test_the_loop_through_the_pages(app, web_store):
    forestry, office = client(app, web_store, "forestry"), client(app, web_store, "office")
    url = _ids(forestry)["indicator"]["url"]
    saved = forestry.post(f"{url}/save?format=json", data={"value": "43.6", "source_title": "2026年林业统计年报",
                                                           "then": "submit"},
                          files=[("evidence", ("年报.pdf", PDF, "application/pdf"))])
    assert saved.status_code == 200, saved.text
    body = saved.json()
    assert body["state"] == "submitted" and body["evidence"][0]["file_name"] == "年报.pdf"
    assert forestry.get(body["evidence"][0]["url"]).content == PDF
    # 待审: shown on the reporting page only, not an observation yet
    page = office.get(url)
    assert "待审" in page.text and "43.6" in page.text and 'action="' + url + '/approve"' in page.text
    with web_store() as s:
        observations = s.scalar(select(func.count()).select_from(Observation))
    assert office.post(f"{url}/return?format=json", data={"comment": ""}).status_code == 422
    returned = office.post(f"{url}/return?format=json", data={"comment": "请注明年报页码"}).json()
    assert returned["state"] == "returned" and returned["comment"] == "请注明年报页码"
    assert "请注明年报页码" in forestry.get(url).text
    forestry.post(f"{url}/save", data={"value": "43.5", "source_title": "2026年林业统计年报第12页"})
    assert forestry.post(f"{url}/submit?format=json").json()["state"] == "submitted"
    approved = office.post(f"{url}/approve?format=json").json()
    assert approved["state"] == "approved" and approved["locked"] and approved["observation_id"]
    with web_store() as s:
        assert s.scalar(select(func.count()).select_from(Observation)) == observations + 1
        assert s.get(Observation, approved["observation_id"]).value == 43.5
        assert [r.action for r in s.scalars(select(ReportStatus).order_by(ReportStatus.id))] == [
            "save", "submit", "return", "save", "submit", "approve"]
        events = s.scalars(select(AuditEvent).where(AuditEvent.object_type == "report_item")).all()
        assert [e.actor_name for e in events][-1] == "office" and len(events) == 6
    locked = forestry.post(f"{url}/save?format=json", data={"value": "99", "source_title": "x"})
    assert locked.status_code == 409 and "锁定" in locked.json()["error"]
    assert [a["action"] for a in office.get(f"{url}?format=json").json()["actions"]] == ["reopen"]


def test_who_may_do_what_to_an_item(app, web_store):
    forestry, ecology = client(app, web_store, "forestry"), client(app, web_store, "ecology")
    evaluator, taiyuan = client(app, web_store, "eval"), client(app, web_store, "taiyuan")
    url = _ids(forestry)["indicator"]["url"]
    form = {"value": "43.6", "source_title": "年报"}
    assert ecology.post(f"{url}/save", data=form).status_code == 403  # another unit's item
    assert ecology.get(url).status_code == 403
    assert evaluator.post(f"{url}/save", data=form).status_code == 403  # read-only
    assert evaluator.get(url).status_code == 200
    assert client(app, web_store, "office").post(f"{url}/save", data=form).status_code == 403
    assert forestry.post(f"{url}/save", data={**form, "then": "submit"}, follow_redirects=False).status_code == 303
    assert forestry.post(f"{url}/approve").status_code == 403  # a unit does not approve itself
    assert taiyuan.post(f"{url}/approve").status_code == 403  # nor does another city's office
    assert taiyuan.get(url).status_code == 403
    with web_store() as s:
        assert s.scalar(select(ReportItem.state)) == "submitted"
    anonymous = TestClient(app)
    assert anonymous.get("/reporting").status_code == 401
    assert anonymous.post(f"{url}/approve").status_code == 401


def test_evidence_must_be_a_pdf_or_an_image_and_nothing_is_saved_otherwise(app, web_store):
    ecology = client(app, web_store, "ecology")
    url = _ids(ecology)["project"]["url"]
    bad = ecology.post(f"{url}/save?format=json", data={"percent": "40", "narrative": "进行中"},
                       files=[("evidence", ("report.pdf", b"MZ\x90\x00not a pdf", "application/pdf"))])
    assert bad.status_code == 422 and "不符" in bad.json()["error"]
    with web_store() as s:
        assert s.scalar(select(func.count()).select_from(ReportItem)) == 0
    missing = ecology.post(f"{url}/save?format=json", data={"percent": "", "narrative": "锅炉改造进行中", "then": "submit"})
    assert missing.status_code == 422 and "完成进度" in missing.json()["error"]
    assert missing.json()["narrative"] == "锅炉改造进行中"  # shown again as typed, though not saved
    with web_store() as s:
        assert s.scalar(select(func.count()).select_from(ReportStatus)) == 0  # the draft rolled back with the refusal


def test_the_dashboard_shows_the_overdue_block_to_staff_only(app, web_store):
    office = client(app, web_store, "office").get("/?format=json").json()
    assert office["overdue"]["total"] == 1
    assert office["overdue"]["by_unit"][0]["unit"] == "市林业局"
    assert office["overdue"]["by_region"][0]["region"] == "运城市"
    assert "逾期未报" in client(app, web_store, "office").get("/").text
    assert TestClient(app).get("/?format=json").json()["overdue"] is None
    assert client(app, web_store, "office").get("/reporting/overdue?format=json").json()["total"] == 1


def test_the_office_sets_quarterly_reporting_from_the_page(app, web_store):
    office, forestry = client(app, web_store, "office"), client(app, web_store, "forestry")
    assert forestry.post("/reporting/frequency", data={"plan": JIANGZHOU, "frequency": "quarter"}).status_code == 403
    assert 'action="/reporting/frequency"' in office.get("/reporting").text
    assert 'action="/reporting/frequency"' not in forestry.get("/reporting").text
    bad = office.post("/reporting/frequency?format=json", data={"plan": JIANGZHOU, "frequency": "monthly"})
    assert bad.status_code == 422 and "填报周期应为" in bad.json()["error"]["message"]
    done = office.post("/reporting/frequency?format=json", data={"plan": JIANGZHOU, "frequency": "quarter"})
    assert done.json() == {"plan": JIANGZHOU, "assignment_id": None, "frequency": "quarter", "frequency_label": "按季度",
                           "before": None}
    again = office.post("/reporting/frequency", data={"plan": JIANGZHOU, "frequency": "quarter"}, follow_redirects=False)
    assert again.status_code == 303
    rows = forestry.get("/reporting?format=json").json()["rows"]
    assert [r["period_label"] for r in rows] == ["2026年第一季度", "2026年第二季度", "2026年第三季度", "2026年第四季度"]


def test_the_to_do_list_is_paged_with_its_filters_kept_in_the_links(app, web_store):
    office = client(app, web_store, "office")
    whole = office.get("/reporting?format=json").json()
    assert whole["total"] == 2 and whole["pages"] == 1 and whole["counts"]["new"] == 2 and whole["counts"]["overdue"] == 1
    first = office.get(f"/reporting?format=json&page_size=1&plan={JIANGZHOU}&period=2026").json()
    assert (first["total"], first["pages"], len(first["rows"])) == (2, 2, 1)
    assert [link["page"] for link in first["page_links"]] == [1, 2]
    second_url = first["page_links"][1]["url"]
    assert f"plan={JIANGZHOU}" in second_url and "period=2026" in second_url and "page=2" in second_url
    assert "page_size=1" in second_url
    second = office.get(second_url + "&format=json").json()
    assert [r["item"] for r in first["rows"] + second["rows"]] == [r["item"] for r in whole["rows"]]
    late = office.get("/reporting?format=json&state=overdue").json()
    assert [r["item"] for r in late["rows"]] == ["森林覆盖率"] and late["counts"]["new"] == 2
    unit_id = late["rows"][0]["unit_id"]
    mine = office.get(f"/reporting?format=json&unit={unit_id}").json()
    assert {r["unit_id"] for r in mine["rows"]} == {unit_id} and len(mine["units"]) == 2
    page = office.get("/reporting?page_size=1")
    assert page.status_code == 200 and 'aria-label="分页"' in page.text and "共 2 项，第 1/2 页" in page.text


def test_the_overdue_page_names_the_units_a_reminder_cannot_reach_by_mail(app, web_store):
    office = client(app, web_store, "office")
    body = office.get("/reporting/overdue?format=json").json()
    assert [(u["unit"], u["no_address"]) for u in body["by_unit"]] == [("市林业局", True)] and body["no_address"] == 1
    assert "无邮箱" in office.get("/reporting/overdue").text
    unit = next(u for u in office.get("/units?format=json").json()["units"] if u["short_name"] == "市林业局")
    assert office.post(f"/units/{unit['id']}/email", data={"email": "linye@example.org"}).status_code == 200
    body = office.get("/reporting/overdue?format=json").json()
    assert body["by_unit"][0]["email"] == ["linye@example.org"] and body["no_address"] == 0
    assert "无邮箱" not in office.get("/reporting/overdue").text
