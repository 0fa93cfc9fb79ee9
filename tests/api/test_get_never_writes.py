"""A GET never writes (issue 12): reading alignment, findings and evaluation, as JSON, XLSX or
pages, leaves every table's rows exactly as they were; storing a recomputed result is a POST
under the policy action analysis.write, audited, and refused to those without it."""

from __future__ import annotations

import warnings

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import MetaData, select
from sqlalchemy.exc import SAWarning

from plantrack.api import create_app
from plantrack.store.models import AuditEvent

from ..userfixtures import add_user, admin_headers, bearer
from ..web.conftest import JIANGZHOU, QINGHE, web_store  # noqa: F401

READS = [
    f"/api/plans/{QINGHE}/alignment",
    f"/api/plans/{QINGHE}/alignment?format=xlsx",
    f"/api/plans/{QINGHE}/findings",
    f"/api/plans/{JIANGZHOU}/findings?format=xlsx",
    f"/api/plans/{JIANGZHOU}/evaluation?year=2022",
    f"/api/plans/{JIANGZHOU}/index?year=2022",
    f"/plans/{QINGHE}/alignment",
    f"/plans/{QINGHE}/alignment?format=json",
    f"/plans/{QINGHE}",
    f"/plans/{JIANGZHOU}?format=json",
    "/",
]


def snapshot(factory) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order: the whole store as data."""
    with factory() as session:
        meta = MetaData()
        with warnings.catch_warnings():  # expression indexes are not reflected; rows are all we read
            warnings.simplefilter("ignore", SAWarning)
            meta.reflect(bind=session.get_bind())
        out = {}
        for name, table in sorted(meta.tables.items()):
            rows = session.execute(select(table)).all()
            out[name] = sorted((tuple(map(repr, r)) for r in rows))
        return out


@pytest.fixture
def client(web_store):  # noqa: F811
    with TestClient(create_app(web_store), headers=admin_headers(web_store)) as c:
        yield c


def test_reading_analysis_leaves_every_table_unchanged(client, web_store):  # noqa: F811
    before = snapshot(web_store)
    for url in READS:
        assert client.get(url).status_code == 200, url
    after = snapshot(web_store)
    changed = [name for name in before if before[name] != after[name]]
    assert changed == []


def test_a_get_with_refresh_still_does_not_write(client, web_store):  # noqa: F811
    before = snapshot(web_store)
    client.get(f"/api/plans/{QINGHE}/alignment?refresh=true")
    client.get(f"/api/plans/{QINGHE}/findings?refresh=true")
    assert snapshot(web_store) == before


def test_refresh_is_a_post_that_stores_and_audits(client, web_store):  # noqa: F811
    read = client.get(f"/api/plans/{QINGHE}/alignment").json()
    r = client.post(f"/api/plans/{QINGHE}/alignment/refresh")
    assert r.status_code == 200 and r.json()["rows"] == read["rows"]
    r = client.post(f"/api/plans/{JIANGZHOU}/findings/refresh")
    read = client.get(f"/api/plans/{JIANGZHOU}/findings").json()["findings"]
    assert r.status_code == 200 and sorted(map(repr, r.json()["findings"])) == sorted(map(repr, read))
    after = snapshot(web_store)
    assert len(after["alignment"]) == 1
    assert len(after["finding"]) == len(r.json()["findings"])
    with web_store() as session:
        actions = [e.action for e in session.scalars(select(AuditEvent).where(AuditEvent.action == "analysis.refresh"))]
    assert actions == ["analysis.refresh", "analysis.refresh"]
    # A second refresh replaces, never duplicates.
    client.post(f"/api/plans/{QINGHE}/alignment/refresh")
    assert len(snapshot(web_store)["alignment"]) == 1


def test_refresh_needs_the_right_to_store_analysis(web_store):  # noqa: F811
    add_user(web_store, "单位填报员", "unit", region="140000")
    with TestClient(create_app(web_store), headers=bearer(web_store, "单位填报员")) as c:
        assert c.get(f"/api/plans/{QINGHE}/alignment").status_code == 200
        assert c.post(f"/api/plans/{QINGHE}/alignment/refresh").status_code == 403
    with TestClient(create_app(web_store)) as anonymous:  # unpublished plans are hidden from the public
        assert anonymous.post(f"/api/plans/{QINGHE}/findings/refresh").status_code in (401, 403, 404)
    assert snapshot(web_store)["finding"] == []


def test_refresh_of_a_plan_without_parent_is_a_chinese_409(client):
    r = client.post(f"/api/plans/{JIANGZHOU}/alignment/refresh")
    assert r.status_code == 409 and "上位规划" in r.json()["error"]["message"]


def test_the_alignment_page_refreshes_by_a_posted_form(client, web_store):  # noqa: F811
    html = client.get(f"/plans/{QINGHE}/alignment").text
    assert f'action="/plans/{QINGHE}/alignment/refresh"' in html and 'name="csrf_token"' in html
    r = client.post(f"/plans/{QINGHE}/alignment/refresh", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith(f"/plans/{QINGHE}/alignment")
    assert len(snapshot(web_store)["alignment"]) == 1
