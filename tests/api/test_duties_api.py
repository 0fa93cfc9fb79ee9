"""The read-only accountability routes serve what the services return, as JSON."""

from __future__ import annotations

from fastapi.testclient import TestClient

from plantrack.api import create_app
from plantrack.domain.actor import LOCAL_OPERATOR
from plantrack.duties.assignments import import_assignments
from plantrack.duties.units import import_units

from ..actors import STAFF, acting_as
from ..duties.conftest import load, write_csv


def test_units_and_assignments_are_served_as_json(session_factory, tmp_path):
    load(session_factory, "qinghe-county-14th-fyp", fixtures=True)
    with session_factory.begin() as s:
        import_units(s, write_csv(tmp_path / "u.csv", "region,name,short_name",
                                  [["河北省", "清河县发展和改革局", "县发展改革局"]]), LOCAL_OPERATOR)
        import_assignments(s, write_csv(tmp_path / "a.csv", "plan,item_kind,item,lead_unit,supporting_units,due",
                                        [["qinghe-county-14th-fyp", "indicator", "常住人口城镇化率", "县发展改革局", "", "2025-12-31"]]),
                           LOCAL_OPERATOR)
    client = TestClient(acting_as(create_app(session_factory), STAFF))  # the public sees published plans only
    assert [u["short_name"] for u in client.get("/api/units", params={"region": "河北省"}).json()] == ["县发展改革局"]
    assert client.get("/api/units", params={"region": "火星省"}).status_code == 404
    rows = client.get("/api/plans/qinghe-county-14th-fyp/assignments").json()
    assert [(a["item"], a["lead_unit"], a["due"]) for a in rows] == [("常住人口城镇化率", "县发展改革局", "2025-12-31")]
    assert client.get("/api/plans/qinghe-county-14th-fyp/annual-targets").json() == []
    assert client.get("/api/plans/qinghe-county-14th-fyp/decomposition/check").json()["indicators"] == []
    assert client.get("/api/plans/qinghe-county-14th-fyp/decomposition/matrix").json()["indicators"] == []
    missing = client.get("/api/plans/nowhere/assignments")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "plan_not_found"
