"""Alignment, findings and evaluation over HTTP, on the corpus plans."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from plantrack.api.app import create_app
from plantrack.load import load_files

from ..actors import STAFF, acting_as
from ..conftest import CORPUS


@pytest.fixture
def client(session_factory):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not next to the repository")
    names = ["shanxi-ecology-14th-plan", "xinzhou-ecology-14th-plan"]
    load_files(session_factory, [CORPUS / f"{n}.txt" for n in names])
    return TestClient(acting_as(create_app(session_factory), STAFF))


def test_alignment_reports_the_missing_binding_indicator(client):
    r = client.get("/api/plans/xinzhou-ecology-14th-plan/alignment")
    assert r.status_code == 200
    body = r.json()
    assert (body["child"], body["parent"]) == ("xinzhou-ecology-14th-plan", "shanxi-ecology-14th-plan")
    missing = [row["parent"]["name"] for row in body["rows"] if row["child"] is None and row["parent"]]
    assert missing == ["二氧化硫排放总量减少"]
    # Stored: the second request reads the same result.
    assert client.get("/api/plans/xinzhou-ecology-14th-plan/alignment").json()["rows"] == body["rows"]


def test_alignment_exports_to_xlsx(client):
    r = client.get("/api/plans/xinzhou-ecology-14th-plan/alignment?format=xlsx")
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["指标衔接", "重大项目"]
    assert wb["指标衔接"]["A1"].value == "上位规划指标" and wb["指标衔接"]["A1"].font.bold


def test_a_plan_without_parent_gets_a_chinese_409(client):
    r = client.get("/api/plans/shanxi-ecology-14th-plan/alignment")
    assert r.status_code == 409 and "上位规划" in r.json()["error"]["message"]


def test_findings_cite_lines_in_chinese(client):
    body = client.get("/api/plans/xinzhou-ecology-14th-plan/findings").json()
    kinds = {f["kind"] for f in body["findings"]}
    assert {"table_prose_conflict", "count_mismatch"} <= kinds
    assert all(f["message"] for f in body["findings"])


def test_evaluation_needs_a_sensible_year(client):
    assert client.get("/api/plans/xinzhou-ecology-14th-plan/evaluation?year=20").status_code == 422
    body = client.get("/api/plans/xinzhou-ecology-14th-plan/evaluation?year=2023").json()
    # the 25 table rows, then the text's targets tracked on concepts no row has (污染地块安全利用率)
    assert body["year"] == 2023 and len([a for a in body["assessments"] if a["origin"] == "table"]) == 25
    assert [a["indicator"]["name"] for a in body["assessments"] if a["origin"] == "prose"] == ["污染地块安全利用率"]


def test_unknown_plan_is_404(client):
    assert client.get("/api/plans/nope/findings").json()["error"]["code"] == "plan_not_found"


def test_the_document_lists_every_answer_alignment_and_findings_give(client):
    """format=xlsx answers with a workbook and a plan without parent with 409: both are documented."""
    XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    paths = client.get("/openapi.json").json()["paths"]
    alignment = paths["/api/plans/{key}/alignment"]["get"]["responses"]
    findings = paths["/api/plans/{key}/findings"]["get"]["responses"]
    assert "409" in alignment
    for responses in (alignment, findings):
        assert set(responses["200"]["content"]) == {"application/json", XLSX}
