"""The API's writes of units, assignments, annual targets and allocations (分解下达): the same checks as the pages (every
bad row named, nothing saved), duties.write for the region of the plan or unit, one audit event."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from plantrack.api import create_app
from plantrack.store.models import AnnualTarget, Assignment, AuditEvent, Unit

from ..userfixtures import add_user, bearer
from ..web.conftest import JIANGZHOU, web_store  # noqa: F401


def count(factory, model) -> int:
    with factory() as s:
        return s.scalar(select(func.count()).select_from(model))


def client_for(factory, login: str, role: str, region: str | None) -> TestClient:
    add_user(factory, login, role, region=region)
    return TestClient(create_app(factory), headers=bearer(factory, login))


def test_a_planning_office_writes_units_assignments_and_annual_targets(web_store):  # noqa: F811
    office = client_for(web_store, "yc", "planning", "140800")
    resp = office.post("/api/units", json={"region": "运城市", "name": "运城市林业局", "short_name": "市林业局"})
    assert resp.status_code == 200 and resp.json()["added"] == 1
    resp = office.post(f"/api/plans/{JIANGZHOU}/assignments",
                       json={"item_kind": "indicator", "item": "森林覆盖率", "lead_unit": "市林业局", "due": "2025-12-31"})
    assert resp.status_code == 200, resp.text
    listed = office.get(f"/api/plans/{JIANGZHOU}/assignments").json()
    assert [(a["item"], a["lead_unit"], a["due"]) for a in listed] == [("森林覆盖率", "市林业局", "2025-12-31")]
    resp = office.post(f"/api/plans/{JIANGZHOU}/annual-targets", json={"targets": [
        {"indicator": "森林覆盖率", "year": 2023, "target": "≥43"}]})
    assert resp.status_code == 200, resp.text
    assert [(t["indicator"], t["year"], t["target"]) for t in office.get(f"/api/plans/{JIANGZHOU}/annual-targets").json()] \
        == [("森林覆盖率", 2023, "≥43")]
    with web_store() as s:
        actions = set(s.scalars(select(AuditEvent.action)))
    assert {"unit.create", "assignment.set", "annual_targets.set"} <= actions


def test_bad_rows_are_named_and_nothing_is_saved(web_store):  # noqa: F811
    office = client_for(web_store, "yc", "planning", "140800")
    resp = office.post(f"/api/plans/{JIANGZHOU}/annual-targets", json={"targets": [
        {"indicator": "森林覆盖率", "year": 2023, "target": "43"},
        {"indicator": "没有的指标", "year": 2023, "target": "1"},
        {"indicator": "森林覆盖率", "year": 2023, "target": "44"}]})
    assert resp.status_code == 422
    messages = [d["message"] for d in resp.json()["error"]["details"]]
    assert any("第2行" in m and "没有的指标" in m for m in messages)
    assert any("第3行" in m and "与第1行重复" in m for m in messages)
    assert count(web_store, AnnualTarget) == 0
    resp = office.post(f"/api/plans/{JIANGZHOU}/assignments",
                       json={"item_kind": "indicator", "item": "森林覆盖率", "lead_unit": "没有的局"})
    assert resp.status_code == 422 and "没有的局" in resp.json()["error"]["message"]
    assert count(web_store, Assignment) == 0


def test_writes_outside_the_actors_region_or_role_are_refused(web_store):  # noqa: F811
    other = client_for(web_store, "ty", "planning", "140100")
    assert other.post("/api/units", json={"region": "运城市", "name": "运城市林业局"}).status_code == 403
    assert other.post(f"/api/plans/{JIANGZHOU}/annual-targets",
                      json={"targets": [{"indicator": "森林覆盖率", "year": 2023, "target": "43"}]}).status_code == 403
    unit = client_for(web_store, "u", "unit", "140800")
    assert unit.post("/api/units", json={"region": "运城市", "name": "运城市林业局"}).status_code == 403
    # the public: refused (403 for the missing CSRF token of a cookie-less browser request, else 401)
    assert TestClient(create_app(web_store)).post("/api/units", json={"region": "运城市", "name": "X"}).status_code == 401
    assert count(web_store, Unit) == 0 and count(web_store, AnnualTarget) == 0


def test_the_api_sets_allocations_all_or_nothing(web_store):  # noqa: F811
    from plantrack.store.models import Allocation

    office = client_for(web_store, "yc", "planning", "140800")
    url = f"/api/plans/{JIANGZHOU}/decomposition"
    bad = office.post(url, json={"allocations": [
        {"indicator": "森林覆盖率", "region": "盐湖区", "assigned": "45", "rule": "at_least"},
        {"indicator": "森林覆盖率", "region": "永济市", "assigned": "很多", "rule": "at_least"}]})
    assert bad.status_code == 422 and "请求 第2行" in bad.text and count(web_store, Allocation) == 0
    good = office.post(url, json={"allocations": [
        {"indicator": "森林覆盖率", "region": "盐湖区", "assigned": "45", "rule": "at_least"},
        {"indicator": "森林覆盖率", "region": "永济市", "assigned": "47", "rule": "at_least"}]})
    assert good.status_code == 200 and good.json()["added"] == 2
    assert [(r["region"], r["assigned"]) for r in office.get(url).json()] == [("盐湖区", "45"), ("永济市", "47")]
    with web_store() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "decomposition.set")) == 1
    other = client_for(web_store, "ty", "planning", "140100")
    assert other.post(url, json={"allocations": [{"indicator": "森林覆盖率", "region": "盐湖区", "assigned": "1",
                                                  "rule": "at_least"}]}).status_code == 403
