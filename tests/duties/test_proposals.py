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


# --- names written in traditional script match a simplified catalogue --------------------------

TRADITIONAL_NOTE = """江東市「十四五」規劃重點任務分工方案

一、推動產業轉型升級
    實施新材料產業集群培育工程，建設省級新材料產業基地（市發展改革委牽頭，市財政局、市工業和信息化局配合）。
    推進數字經濟核心產業集聚發展。（責任單位：市科學技術局；配合單位：市財政局）
    完善普惠金融服務體系（市地方金融監管局負責）。
"""


def test_traditional_unit_names_match_the_simplified_catalogue_and_stay_as_written(session_factory, tmp_path):
    note = tmp_path / "jiangdong-note.txt"
    note.write_text(TRADITIONAL_NOTE, encoding="utf-8")
    load_file(session_factory, note, key="jiangdong", overrides={"region": "运城市"})
    with session_factory.begin() as s:
        import_units(s, write_csv(tmp_path / "u.csv", "region,name,short_name", [
            ["运城市", "运城市发展和改革委员会", "市发展改革委"], ["运城市", "运城市财政局", "市财政局"],
            ["运城市", "运城市工业和信息化局", "市工业和信息化局"], ["运城市", "运城市科学技术局", "市科学技术局"]]),
            LOCAL_OPERATOR)
    with session_factory() as s:
        proposals = {p["line"]: p for p in propose_assignments(s, "jiangdong")}
    first = proposals[4]
    assert first["lead_units"] == ["市發展改革委"]  # shown as the plan wrote it
    assert first["supporting_units"] == ["市財政局", "市工業和信息化局"]
    assert [(m["unit"], m["full_name"], m["by_script"]) for m in first["lead_matches"]] == [
        ("市发展改革委", "运城市发展和改革委员会", True)]
    assert [m["unit"] for m in first["supporting_matches"]] == ["市财政局", "市工业和信息化局"]
    assert all(first["supporting_unit_ids"]) and first["lead_unit_ids"][0] is not None
    second = proposals[5]
    assert [m["unit"] for m in second["lead_matches"]] == ["市科学技术局"]
    third = proposals[6]  # a unit the catalogue lacks stays unmatched, as written
    assert third["lead_units"] == ["市地方金融監管局"] and third["lead_matches"][0]["unit_id"] is None


def test_unit_key_reads_both_scripts_and_ignores_spaces():
    from plantrack.duties.units import unit_key

    assert unit_key("省發展改革委") == unit_key("省发展改革委") == unit_key("省 发展改革委")
    assert unit_key("省財政廳") == "省财政厅"
    assert unit_key("省财政厅") != unit_key("省税务局")
