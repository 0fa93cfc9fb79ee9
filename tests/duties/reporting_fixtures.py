"""A store for the reporting tests: 江州市's ecology plan (filed under 运城市), two units of 运城市,
an indicator (森林覆盖率) and a project (燃煤锅炉淘汰工程) assigned to them, and the actors who act."""

from __future__ import annotations

from datetime import date

import pytest

from plantrack.domain.actor import LOCAL_OPERATOR, Actor
from plantrack.duties.assignments import import_assignments
from plantrack.duties.units import import_units
from plantrack.web.queries import MEMO

from ..web.conftest import FIXTURES, ingest
from .conftest import write_csv

PLAN = "jiangzhou-ecology-14th"
YUNCHENG, TAIYUAN = "140800", "140100"
FORESTRY = Actor("林业局填报员", "unit", user_id=None, region_code=YUNCHENG, unit="运城市林业局")
ECOLOGY = Actor("生态环境局填报员", "unit", region_code=YUNCHENG, unit="市生态环境局")
OFFICE = Actor("运城市发改委", "planning", region_code=YUNCHENG)
PROVINCE = Actor("省发改委", "planning", region_code="140000")
TAIYUAN_OFFICE = Actor("太原市发改委", "planning", region_code=TAIYUAN)
EVALUATOR = Actor("评估组", "evaluator")
TODAY = date(2026, 12, 3)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%evidence\n"


@pytest.fixture
def reporting_store(session_factory, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_EVIDENCE_DIR", str(tmp_path / "evidence"))
    with session_factory() as s:
        ingest(s, FIXTURES / "jiangzhou-ecology-14th-plan.txt", PLAN, {"region": "运城市"})
        s.commit()
    units = write_csv(tmp_path / "units.csv", "region,name,short_name,email", [
        ["运城市", "运城市林业局", "市林业局", "linye@example.org"],
        ["运城市", "运城市生态环境局", "市生态环境局", ""],
    ])
    assignments = write_csv(tmp_path / "assignments.csv", "plan,item_kind,item,lead_unit,supporting_units,due", [
        [PLAN, "indicator", "森林覆盖率", "市林业局", "", "2026-06-30"],
        [PLAN, "project", "燃煤锅炉淘汰工程", "市生态环境局", "市林业局", "2026-12-31"],
    ])
    with session_factory.begin() as s:
        import_units(s, units, LOCAL_OPERATOR)
        import_assignments(s, assignments, LOCAL_OPERATOR)
    MEMO.clear()
    return session_factory
