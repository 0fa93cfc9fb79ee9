"""GET /api/plans/{key}/indicators serves the EFFECTIVE rows: the parser's rows with people's
corrections applied (人工修正, the parser's original beside), the same rows the plan page,
tracking and evaluation read — a JSON twin must not show the raw parse while the page shows the fix."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from plantrack.api import create_app
from plantrack.corrections import editable_table, effective_indicators, submit_table
from plantrack.load import load_file
from plantrack.store.repository import require_plan

from ..actors import STAFF, acting_as

PARTIAL = Path(__file__).resolve().parent.parent / "fixtures" / "partial" / "tongchuan-county-14th-fyp.txt"
KEY = "tongchuan"
DOCTORS = {"category": "民生福祉", "name": "每千人口拥有执业（助理）医师数", "unit": "人", "base_year": 2020,
           "base_text": "1.9", "target_year": 2025, "target_text": "2.6", "binding": "预期性", "line": 72}


def _loaded(session_factory):
    outcome = load_file(session_factory, PARTIAL, key=KEY, overrides={"region": "山西省"})
    assert outcome.ok, outcome.message


def _items(session_factory):
    with TestClient(acting_as(create_app(session_factory), STAFF)) as c:
        resp = c.get(f"/api/plans/{KEY}/indicators")
    assert resp.status_code == 200, resp.text
    return resp.json()["items"]


def test_indicators_route_applies_corrections_and_keeps_the_original(session_factory):
    _loaded(session_factory)
    before = _items(session_factory)
    assert before and all(i["correction"] is None and isinstance(i["id"], int) for i in before)
    with session_factory.begin() as s:
        rows = editable_table(s, require_plan(s, KEY).current)
        wrong = rows[0]
        original_name = wrong["name"]
        wrong.update(name="一般公共预算收入（修正）", target_text="5.5")
        rows.append({"ref": None, **DOCTORS})
        assert submit_table(s, KEY, rows, name="王敏", why="对照印发稿核对")

    after = _items(session_factory)
    assert len(after) == len(before) + 1
    edited = next(i for i in after if i["name"] == "一般公共预算收入（修正）")
    assert edited["correction"]["label"] == "人工修正"
    assert (edited["correction"]["action"], edited["correction"]["who"]) == ("edit", "王敏")
    assert [o["name"] for o in edited["correction"]["originals"]] == [original_name]
    assert (edited["target_text"], edited["target_value"]) == ("5.5", 5.5)
    assert original_name not in {i["name"] for i in after}
    added = next(i for i in after if i["name"] == DOCTORS["name"])
    assert added["correction"]["action"] == "add" and added["correction"]["originals"] == []
    assert added["id"] is None and added["ref"].startswith("c")
    # The route and the one function every other reader uses give the same rows in the same order.
    with session_factory() as s:
        effective = effective_indicators(s, require_plan(s, KEY).current)
    assert [(i["ref"], i["name"], i["target_text"]) for i in after] == [(r["ref"], r["name"], r["target_text"]) for r in effective]
