"""The reporting pages for supporting units (配合), the office entering on a unit's behalf (代填)
and reopening an approved value, on the running application."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from plantrack.api import create_app
from plantrack.domain.actor import LOCAL_OPERATOR
from plantrack.duties.assignments import import_assignments
from plantrack.duties.units import import_units
from plantrack.store.models import AuditEvent, Observation, ReportStatus
from plantrack.web.queries import MEMO
from plantrack.web.views import reporting as reporting_view

from ..duties.conftest import write_csv
from ..userfixtures import add_user, bearer
from .conftest import JIANGZHOU

PDF = b"%PDF-1.4\n%supporting evidence\n"
TODAY = date(2026, 12, 3)


@pytest.fixture
def app(web_store, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_EVIDENCE_DIR", str(tmp_path / "evidence"))
    monkeypatch.setattr(reporting_view, "today", lambda: TODAY)
    units = write_csv(tmp_path / "units.csv", "region,name,short_name", [
        ["运城市", "运城市林业局", "市林业局"], ["运城市", "运城市生态环境局", "市生态环境局"]])
    assignments = write_csv(tmp_path / "a.csv", "plan,item_kind,item,lead_unit,supporting_units,due", [
        [JIANGZHOU, "indicator", "森林覆盖率", "市林业局", "", "2026-06-30"],
        [JIANGZHOU, "project", "燃煤锅炉淘汰工程", "市生态环境局", "市林业局", "2026-12-31"]])
    with web_store.begin() as s:
        import_units(s, units, LOCAL_OPERATOR)
        import_assignments(s, assignments, LOCAL_OPERATOR)
    add_user(web_store, "forestry", "unit", region="140800", unit="运城市林业局")
    add_user(web_store, "ecology", "unit", region="140800", unit="市生态环境局")
    add_user(web_store, "office", "planning", region="140800")
    add_user(web_store, "taiyuan", "planning", region="140100")
    MEMO.clear()
    return create_app(web_store)


def client(app, factory, login):
    return TestClient(app, headers=bearer(factory, login))


def _url(c, kind):
    return next(r["url"] for r in c.get("/reporting?format=json").json()["rows"] if r["item_kind"] == kind)


def test_the_supporting_unit_contributes_and_the_lead_and_office_see_it(app, web_store):
    forestry, ecology, office = (client(app, web_store, n) for n in ("forestry", "ecology", "office"))
    todo = forestry.get("/reporting?format=json").json()
    assert [r["item"] for r in todo["rows"]] == ["森林覆盖率"]  # what it leads
    assert [(r["item"], r["role_label"], r["lead_unit"]) for r in todo["supporting"]] == [
        ("燃煤锅炉淘汰工程", "配合", "市生态环境局")]
    page = forestry.get("/reporting")
    assert "本单位配合事项" in page.text and "燃煤锅炉淘汰工程" in page.text
    url = todo["supporting"][0]["url"]
    item = forestry.get(url)
    assert item.status_code == 200 and f'action="{url}/contribute"' in item.text
    assert f'action="{url}/save"' not in item.text and f'action="{url}/submit"' not in item.text
    done = forestry.post(f"{url}/contribute?format=json",
                         data={"note": "配合排查锅炉 35 台", "value": "35", "source_title": "排查台账"},
                         files=[("evidence", ("台账.pdf", PDF, "application/pdf"))])
    assert done.status_code == 200, done.text
    contribution = done.json()["contributions"][0]
    assert (contribution["unit"], contribution["value"]) == ("市林业局", 35.0)
    assert contribution["evidence"][0]["sha256"] == hashlib.sha256(PDF).hexdigest()
    for c in (ecology, office):
        body = c.get(f"{url}?format=json").json()
        assert [x["note"] for x in body["contributions"]] == ["配合排查锅炉 35 台"]
        assert c.get(contribution["evidence"][0]["url"]).content == PDF
        assert "配合排查锅炉 35 台" in c.get(url).text
    assert client(app, web_store, "taiyuan").get(contribution["evidence"][0]["url"]).status_code == 403
    # the supporting unit may not save or submit the lead's entry
    assert forestry.post(f"{url}/save?format=json", data={"percent": "50", "narrative": "x"}).status_code == 403
    assert forestry.post(f"{url}/submit?format=json").status_code == 403
    # the lead may not contribute as a supporter, and a bad contribution is refused with its reason
    assert ecology.post(f"{url}/contribute?format=json", data={"note": "x"}).status_code == 403
    bad = forestry.post(f"{url}/contribute?format=json", data={"note": "x", "value": "35"})
    assert bad.status_code == 422 and "数据来源" in bad.json()["error"]


def test_the_office_enters_on_the_units_behalf_and_the_page_shows_by_whom(app, web_store):
    office, forestry = client(app, web_store, "office"), client(app, web_store, "forestry")
    url = _url(office, "indicator")
    page = office.get(url)
    assert f'action="{url}/proxy"' in page.text and "代填" in page.text
    assert office.post(f"{url}/save?format=json", data={"value": "43.6"}).status_code == 403  # not its own entry
    done = office.post(f"{url}/proxy?format=json", data={"value": "43.6", "source_title": "纸质报表", "then": "submit"})
    assert done.status_code == 200, done.text
    body = done.json()
    assert body["state"] == "submitted" and body["entered_on_behalf"]["by"] == "office"
    assert [r["on_behalf_of"] for r in body["log"]] == ["市林业局", "市林业局"]
    assert "由 office 代市林业局填报" in forestry.get(url).text
    assert client(app, web_store, "taiyuan").post(f"{url}/proxy?format=json", data={"value": "1"}).status_code == 403
    assert forestry.post(f"{url}/proxy?format=json", data={"value": "1"}).status_code == 403
    with web_store() as s:
        assert [r.on_behalf_of for r in s.scalars(select(ReportStatus))] == ["市林业局", "市林业局"]
        assert [e.note for e in s.scalars(select(AuditEvent).where(AuditEvent.object_type == "report_item"))] == [
            "office代市林业局填报"] * 2


def test_reopening_in_the_page_withdraws_the_value_from_evaluation(app, web_store):
    office, forestry = client(app, web_store, "office"), client(app, web_store, "forestry")
    url = _url(forestry, "indicator")
    forestry.post(f"{url}/save", data={"value": "43.6", "source_title": "年报", "then": "submit"})
    approved = office.post(f"{url}/approve?format=json").json()
    assert approved["observation_id"] is not None
    reopened = office.post(f"{url}/reopen?format=json", data={"comment": "年报修订"}).json()
    assert reopened["state"] == "returned" and reopened["observation_id"] is None
    with web_store() as s:
        obs = s.get(Observation, approved["observation_id"])
        assert obs.withdrawn_at is not None and "年报修订" in obs.withdrawn_reason
        assert s.scalar(select(Observation).where(Observation.superseded_by_id.is_(None),
                                                  Observation.year == 2026)) is None
