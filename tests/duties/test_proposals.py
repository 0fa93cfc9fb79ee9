"""Assignments drafted from the text: on fixture notices in the three prose styles and with 分工
tables, every lead and supporting unit of the gold lists is proposed with its item, and nothing else."""

from __future__ import annotations


import pytest

from plantrack.domain.actor import LOCAL_OPERATOR
from plantrack.duties.proposals import propose_assignments
from plantrack.duties.units import import_units
from plantrack.load import load_file

from ..conftest import FIXTURES
from .conftest import write_csv

DUTY_FIXTURES = FIXTURES / "duties"


def gold(name: str) -> list[tuple[int, list[str], list[str]]]:
    def split(cell: str) -> list[str]:
        names, current, depth = [], "", 0
        for ch in cell:
            depth += (ch == "（") - (ch == "）")
            if ch == "、" and depth == 0:
                names.append(current)
                current = ""
            else:
                current += ch
        return [n for n in names + [current] if n]

    rows = []
    for row in (DUTY_FIXTURES / f"{name}.gold.tsv").read_text(encoding="utf-8").splitlines():
        if row.strip() and not row.startswith("#"):
            line, lead, partners = (row.split("\t") + ["", ""])[:3]
            rows.append((int(line), split(lead), split(partners)))
    return rows


@pytest.mark.parametrize("name", ["heping-implementation-notice", "anping-task-division"])
def test_every_unit_of_the_gold_list_is_proposed_with_its_line_and_role(session_factory, name):
    load_file(session_factory, DUTY_FIXTURES / f"{name}.txt", key=name)
    with session_factory() as s:
        proposals = propose_assignments(s, name)
    assert [(p["line"], p["lead_units"], p["supporting_units"]) for p in proposals] == gold(name)
    assert all(p["item"] for p in proposals)
    if name == "anping-task-division":  # its second table lists indicators (指标名称)
        assert [p["item_kind"] for p in proposals if p["line"] >= 23] == ["indicator"] * 3


def test_proposals_name_the_catalogue_units_they_stand_for_and_store_nothing(session_factory, tmp_path):
    load_file(session_factory, DUTY_FIXTURES / "anping-task-division.txt", key="anping")
    with session_factory.begin() as s:
        import_units(s, write_csv(tmp_path / "u.csv", "region,name,short_name", [
            ["河北省", "安平县水务局", "县水务局"], ["河北省", "安平县林业局", "县林业局"]]), LOCAL_OPERATOR)
    with session_factory() as s:
        river = next(p for p in propose_assignments(s, "anping") if p["item"] == "开展滹沱河生态修复")
        from plantrack.duties.assignments import list_assignments

        assert list_assignments(s) == []
    assert (river["item_kind"], river["source"], river["line"]) == ("task", "table", 17)
    assert river["lead_unit_ids"][0] is not None and river["supporting_unit_ids"][0] is not None
