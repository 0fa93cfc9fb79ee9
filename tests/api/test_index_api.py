"""The composite index over HTTP: the same parts and weights as `plantrack index --format json`."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from plantrack.api.app import create_app
from plantrack.load import load_files
from plantrack.observations.importer import import_file

from ..actors import STAFF, acting_as
from ..conftest import CORPUS, SHARED


@pytest.fixture
def client(session_factory):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not next to the repository")
    load_files(session_factory, [CORPUS / "shanxi-14th-fyp-outline.txt"])
    import_file(session_factory, SHARED / "data" / "observations.csv")
    return TestClient(acting_as(create_app(session_factory), STAFF))  # the public sees published plans only


def test_the_index_of_a_plan_with_its_areas_weights_and_coverage(client):
    body = client.get("/api/plans/shanxi-14th-fyp-outline/index?year=2023").json()
    assert body["plan"] == "shanxi-14th-fyp-outline" and body["year"] == 2023
    assert body["coverage"]["counted"] >= 3 and isinstance(body["index"], float)
    assert sum(a["weight"] for a in body["areas"]) == pytest.approx(1.0)
    assert body["config"]["cap"] == 1.2 and "领域" in body["method"]


def test_an_unknown_plan_or_year_is_refused(client):
    assert client.get("/api/plans/nothing/index?year=2023").status_code == 404
    assert client.get("/api/plans/shanxi-14th-fyp-outline/index?year=20").status_code == 422
