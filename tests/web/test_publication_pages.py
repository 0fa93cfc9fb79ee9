"""对社会公布 on the web: a planning office publishes through the gate page; the anonymous public then
sees that plan — and only published plans — with the same pages and JSON twins, read-only, and the
published report; an unpublished plan answers the public exactly as a plan that does not exist."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from plantrack.api import create_app
from plantrack.store.models import AuditEvent, Publication

from ..actors import STAFF, acting_as
from .conftest import JIANGZHOU, QINGHE

UNKNOWN = "no-such-plan"


@pytest.fixture
def staff(web_store):
    # An administrator: a planning office publishes only its region's plans (tests/web/test_auth.py).
    with TestClient(acting_as(create_app(web_store), STAFF)) as c:
        yield c


@pytest.fixture
def public(web_store):
    with TestClient(create_app(web_store)) as c:
        yield c


def publish(staff, key=JIANGZHOU, **form):
    data = {"report": "", "year": "", "acknowledge": "数据年底补齐", **form}
    return staff.post(f"/plans/{key}/publish", data=data, follow_redirects=False)


def rows(factory, model) -> int:
    with factory() as s:
        return s.scalar(select(func.count()).select_from(model))


def plan_addresses(key: str, indicator_id: int) -> list[str]:
    return [f"/plans/{key}", f"/plans/{key}?format=json", f"/plans/{key}/source", f"/plans/{key}/alignment",
            f"/plans/{key}/indicators/{indicator_id}", f"/api/plans/{key}", f"/api/plans/{key}/indicators",
            f"/api/plans/{key}/export?format=csv", f"/api/plans/{key}/findings"]


def test_before_anything_is_published_the_public_sees_no_plan(public, staff):
    assert public.get("/plans?format=json").json()["total"] == 0
    assert public.get("/api/plans").json()["total"] == 0
    assert public.get("/?format=json").json()["by_plan"] == []
    assert public.get("/api/search?q=森林").json()["total"] == 0
    assert public.get("/search?q=森林&format=json").json()["total"] == 0
    assert public.get("/api/regions/140800").json()["plans"] == []
    assert staff.get("/plans?format=json").json()["total"] == 2


def test_an_unpublished_plan_answers_the_public_as_an_unknown_one(public, staff):
    ind = staff.get(f"/plans/{JIANGZHOU}?format=json").json()["indicators"][0]["id"]
    for url in plan_addresses(JIANGZHOU, ind):
        resp = public.get(url)
        assert resp.status_code == 404, url
        unknown = public.get(url.replace(JIANGZHOU, UNKNOWN))
        if url.startswith("/api/") or "format=json" in url:
            assert resp.text.replace(JIANGZHOU, UNKNOWN) == unknown.text, url
        else:
            assert "没有键为" in resp.text
        assert staff.get(url).status_code == 200, url


def test_the_gate_page_lists_the_open_items_and_publishing_without_a_reason_is_refused(staff, web_store):
    gate = staff.get(f"/plans/{JIANGZHOU}/publish?format=json&year=2022").json()
    assert gate["gate"]["gaps"] and not gate["gate"]["clear"]
    assert "森林覆盖率" not in [g["indicator"] for g in gate["gate"]["gaps"]]  # it has 2022 data
    html = staff.get(f"/plans/{JIANGZHOU}/publish").text
    assert "公布前检查" in html and "数据缺口" in html and "可以公布" not in html
    refused = publish(staff, acknowledge="")
    assert refused.status_code == 422 and "请先处理，或说明理由" in refused.text
    assert rows(web_store, Publication) == 0


def test_a_planning_office_publishes_and_the_public_then_reads_the_plan(staff, public, web_store):
    events = rows(web_store, AuditEvent)
    done = publish(staff, report="midterm", year="2022")
    assert done.status_code == 303 and done.headers["location"] == f"/plans/{JIANGZHOU}#publication"
    assert rows(web_store, AuditEvent) == events + 1
    catalogue = public.get("/plans?format=json").json()
    assert catalogue["total"] == 1
    assert public.get("/api/plans").json()["items"][0]["key"] == JIANGZHOU
    page = public.get(f"/plans/{JIANGZHOU}?format=json").json()
    assert page["publication"]["published"] and page["history"] == []
    assert [r["href"] for r in page["downloads"]["reports"]][0] == f"/plans/{JIANGZHOU}/report?format=html&year=2022&kind=midterm"
    html = public.get(f"/plans/{JIANGZHOU}").text
    assert "本规划已对社会公布" in html and "修改记录" not in html and "/publish" not in html
    ind = page["indicators"][0]["id"]
    for url in plan_addresses(JIANGZHOU, ind):
        assert public.get(url).status_code == 200, url
    assert public.get(f"/plans/{JIANGZHOU}/indicators/{ind}?format=json").json()["changes"] is None
    assert public.get(f"/plans/{QINGHE}").status_code == 404
    assert {g["key"] for g in public.get("/search?q=森林&format=json").json()["groups"]} <= {JIANGZHOU}
    assert {h["plan_key"] for h in public.get("/api/search?q=森林").json()["items"]} == {JIANGZHOU}
    assert public.get(f"/api/search?q=森林&plan={QINGHE}").status_code == 404


def test_the_public_downloads_the_published_report_only(staff, public):
    publish(staff, report="midterm", year="2022")
    assert public.get(f"/plans/{JIANGZHOU}/report?format=html&year=2022&kind=midterm").status_code == 200
    assert public.get(f"/plans/{JIANGZHOU}/report?format=html&kind=midterm").status_code == 200
    assert public.get(f"/plans/{JIANGZHOU}/report?format=html&year=2021&kind=midterm").status_code == 404
    assert public.get(f"/plans/{JIANGZHOU}/report?format=html&year=2022&kind=final").status_code == 404
    assert staff.get(f"/plans/{JIANGZHOU}/report?format=html&year=2021&kind=final").status_code == 200


def test_withdrawing_needs_a_reason_and_hides_the_plan_again(staff, public, web_store):
    publish(staff)
    refused = staff.post(f"/plans/{JIANGZHOU}/unpublish", data={"reason": " "}, follow_redirects=False)
    assert refused.status_code == 422 and "须说明理由" in refused.text
    assert public.get(f"/plans/{JIANGZHOU}").status_code == 200
    done = staff.post(f"/plans/{JIANGZHOU}/unpublish?format=json", data={"reason": "数据有误"})
    assert done.status_code == 200 and done.json()["publication"]["withdrawal_reason"] == "数据有误"
    assert public.get(f"/plans/{JIANGZHOU}").status_code == 404
    assert rows(web_store, Publication) == 1  # kept, withdrawn
    history = staff.get(f"/plans/{JIANGZHOU}?format=json").json()["history"]
    assert [e["action"] for e in history] == ["plan.unpublish", "plan.publish"]


def test_the_public_can_neither_see_the_gate_nor_publish_nor_withdraw(public, staff, web_store):
    publish(staff)
    before = (rows(web_store, Publication), rows(web_store, AuditEvent))
    assert public.get(f"/plans/{JIANGZHOU}/publish").status_code == 401
    assert publish(public, key=QINGHE).status_code in (401, 404)
    assert public.post(f"/plans/{JIANGZHOU}/unpublish", data={"reason": "x"}).status_code == 401
    assert (rows(web_store, Publication), rows(web_store, AuditEvent)) == before
    assert staff.get(f"/plans/{JIANGZHOU}?format=json").json()["publication"]["published"]


def test_the_public_page_of_a_published_plan_names_no_unpublished_relative(staff, public):
    publish(staff, key=QINGHE)
    assert staff.get(f"/plans/{QINGHE}?format=json").json()["parent"]["key"] == JIANGZHOU
    page = public.get(f"/plans/{QINGHE}?format=json").json()
    assert page["parent"] is None
    assert JIANGZHOU not in public.get(f"/plans/{QINGHE}").text
    publish(staff, key=JIANGZHOU)
    assert public.get(f"/plans/{QINGHE}?format=json").json()["parent"]["key"] == JIANGZHOU
    assert [c["key"] for c in public.get(f"/plans/{JIANGZHOU}?format=json").json()["children"]] == [QINGHE]
    assert public.get(f"/plans/{QINGHE}/alignment").status_code == 200


def test_the_alignment_with_an_unpublished_parent_is_hidden_from_the_public(staff, public):
    publish(staff, key=QINGHE)
    assert public.get(f"/plans/{QINGHE}?format=json").json()["alignment"] is None
    assert public.get(f"/plans/{QINGHE}/alignment").status_code == 404
    assert public.get(f"/api/plans/{QINGHE}/alignment").status_code == 404
    assert staff.get(f"/plans/{QINGHE}/alignment").status_code == 200
