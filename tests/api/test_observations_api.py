"""POST /api/observations: the checks of a file import, all or nothing, scoped to the actor's regions."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from plantrack.api import create_app
from plantrack.store.models import AuditEvent, Observation

from ..userfixtures import add_user, bearer


def count(factory) -> int:
    with factory() as s:
        return s.scalar(select(func.count()).select_from(Observation))


def row(**kw):
    return {"region": "运城市", "indicator": "森林覆盖率", "unit": "%", "year": 2022, "value": 43.1,
            "source_title": "2022年运城市统计公报", **kw}


def test_good_rows_are_stored_and_audited(session_factory):
    add_user(session_factory, "yc", "planning", region="140800")
    client = TestClient(create_app(session_factory), headers=bearer(session_factory, "yc"))
    checked = client.post("/api/observations", json={"rows": [row()], "check_only": True})
    assert checked.status_code == 200 and checked.json()["saved"] is False and count(session_factory) == 0
    saved = client.post("/api/observations", json={"rows": [row(), row(year=2023, value=43.5)]})
    assert saved.status_code == 200 and saved.json()["added"] == 2 and count(session_factory) == 2
    with session_factory() as s:
        assert s.scalars(select(AuditEvent).where(AuditEvent.action == "observations.import")).one().actor_name == "yc"


def test_implausible_rows_are_refused_whole_with_each_row_named(session_factory):
    add_user(session_factory, "yc", "planning", region="140800")
    client = TestClient(create_app(session_factory), headers=bearer(session_factory, "yc"))
    resp = client.post("/api/observations", json={"rows": [
        row(), row(indicator="常住人口城镇化率", value=130), row(source_title=""), row(region="运城县", year=2021)]})
    assert resp.status_code == 422
    details = resp.json()["error"]["details"]
    assert [d["row"] for d in details] == [2, 3, 4]
    assert "0—100" in details[0]["message"] and "没有来源" in details[1]["message"] and "运城市" in details[2]["message"]
    assert count(session_factory) == 0


def test_rows_outside_the_actors_region_are_refused(session_factory):
    add_user(session_factory, "ty", "unit", region="140100", unit="太原市统计局")
    client = TestClient(create_app(session_factory), headers=bearer(session_factory, "ty"))
    resp = client.post("/api/observations", json={"rows": [row()]})
    assert resp.status_code == 403 and count(session_factory) == 0
    assert TestClient(create_app(session_factory)).post("/api/observations", json={"rows": [row()]}).status_code == 401
