"""Checks of completeness: a table read in part is reported, with the line a person should look at."""

from __future__ import annotations

from pathlib import Path

from plantrack.ingest.completeness import (
    SourceLine,
    check_completeness,
    sequence_number,
    table_like_runs,
)
from plantrack.ingest.pipeline import parse_file

PARTIAL = Path(__file__).resolve().parents[1] / "fixtures" / "partial" / "tongchuan-county-14th-fyp.txt"


def _ind(name: str, line: int, unit: str | None = "%", base_text: str | None = "1", base_value=1,
         target_text: str | None = "2", target_value=2) -> dict:
    return {"category": None, "name": name, "unit": unit, "base_text": base_text, "base_value": base_value,
            "target_text": target_text, "target_value": target_value, "line": line}


def _lines(*texts: str) -> list[SourceLine]:
    return [SourceLine(no, t) for no, t in enumerate(texts, start=1)]


def kinds(found: list[dict]) -> list[str]:
    return [f["kind"] for f in found]


def test_a_gap_in_the_sequence_numbers_names_the_missing_number_and_the_row_after_it():
    lines = _lines("1\t甲指标（%）\t1\t2", "2\t乙指标（%）\t1\t2", "4\t丁指标（%）\t1\t2")
    plan = {"indicators": [_ind("甲指标", 1), _ind("乙指标", 2), _ind("丁指标", 3)]}
    found = check_completeness(plan, lines, read={1, 2, 3})
    assert kinds(found) == ["sequence_gap"]
    assert found[0]["line"] == 3 and found[0]["missing"] == [3]
    assert "序号是4" in found[0]["message"] and "缺少序号3" in found[0]["message"]


def test_numbering_that_restarts_per_category_is_not_a_gap():
    lines = _lines("经济\t1\t甲（%）\t1\t2", "\t2\t乙（%）\t1\t2", "民生\t1\t丙（%）\t1\t2", "\t2\t丁（%）\t1\t2")
    plan = {"indicators": [_ind(n, i) for i, n in enumerate("甲乙丙丁", start=1)]}
    assert check_completeness(plan, lines, read={1, 2, 3, 4}) == []


def test_a_sequence_number_alone_on_the_line_above_the_row_counts():
    lines = _lines("1 甲指标(%) 1 2", "", "3", "丙指标(%) 1 2")
    plan = {"indicators": [_ind("甲指标", 1), _ind("丙指标", 4)]}
    found = check_completeness(plan, lines, read={1, 3, 4})
    assert kinds(found) == ["sequence_gap"] and found[0]["missing"] == [2]


def test_sequence_number_is_read_from_the_first_cells_only():
    assert sequence_number("经济发展\t3\t地区生产总值（亿元）\t58.6") == 3
    assert sequence_number("12. 森林覆盖率（%） 25 28") == 12
    assert sequence_number("森林覆盖率（%）\t25\t28") is None


def test_a_stated_count_other_than_the_rows_found_is_reported_in_each_phrasing():
    rows = [_ind(f"指标{i}", 10 + i) for i in range(3)]
    for sentence in ("规划共设置5项指标。", "“十四五”主要指标5项。", "提出五项主要指标。"):
        found = check_completeness({"indicators": rows}, _lines(sentence), read=set())
        assert kinds(found) == ["stated_count"], sentence
        assert found[0]["stated"] == 5 and found[0]["found"] == 3 and found[0]["line"] == 1
        assert "少2项" in found[0]["message"]


def test_a_count_matching_the_rows_or_about_the_previous_plan_is_not_reported():
    rows = [_ind(f"指标{i}", 10 + i) for i in range(3)]
    assert check_completeness({"indicators": rows}, _lines("共设置3项主要指标。"), read=set()) == []
    said = _lines("“十三五”规划确定的25项主要指标全部完成。")
    assert check_completeness({"indicators": rows}, said, read=set()) == []


def test_rows_without_a_unit_or_with_a_number_that_did_not_parse_are_reported():
    plan = {"indicators": [
        _ind("甲", 1, unit=None),
        _ind("乙", 2, target_text="≈12", target_value=None),
        _ind("丙", 3, target_text="完成国家下达任务", target_value=None),  # qualitative: fine
        _ind("丁", 4, target_text="0/97/0/81", target_value=None),  # compound: text on purpose
    ]}
    found = check_completeness(plan, _lines("a", "b", "c", "d"), read={1, 2, 3, 4})
    assert [(f["kind"], f["line"]) for f in found] == [("missing_unit", 1), ("unparsed_value", 2)]


def test_a_table_shaped_run_outside_every_read_table_is_reported_once():
    lines = _lines("正文一段。", "甲指标\t%\t1\t2", "乙指标\t%\t3\t4", "", "丙指标\t%\t5\t6", "正文。")
    assert table_like_runs(lines, read=set()) == [(2, 5)]
    assert table_like_runs(lines, read={2, 3, 5}) == []
    found = check_completeness({"indicators": []}, lines, read=set())
    assert kinds(found) == ["unread_table"] and found[0]["line"] == 2 and found[0]["last_line"] == 5


def test_the_table_readers_own_list_of_declined_regions_wins_when_given():
    lines = _lines("甲指标\t%\t1\t2", "乙指标\t%\t3\t4", "丙指标\t%\t5\t6")
    assert check_completeness({"indicators": []}, lines, unread_runs=[]) == []
    assert kinds(check_completeness({"indicators": []}, _lines("x"), unread_runs=[(7, 9)])) == ["unread_table"]


def test_a_parsed_plan_carries_its_checks_in_the_contract():
    plan = parse_file(PARTIAL)
    by_kind = {c["kind"]: c for c in plan["checks"]}
    assert by_kind["sequence_gap"]["missing"] == [14]
    assert by_kind["stated_count"]["stated"] == 15 and by_kind["stated_count"]["found"] == len(plan["indicators"])
    assert all(c["message"] and c["severity"] in ("high", "medium", "low", "info") for c in plan["checks"])


def test_a_table_printed_one_cell_per_line_and_not_read_is_reported():
    cells = ["指标", "单位", "2020", "2030", "属性", "经济发展", "海洋生产总值", "亿元", "2500", "-", "预期性",
             "人均GDP", "万元", "20", "-", "预期性", "港口货物吞吐量", "亿吨", "6", "8", "约束性"]
    texts = ["附表1 发展目标指标体系一览表", ""]
    for c in cells:
        texts += [c, ""]
    texts.append("第三章 空间布局与城市规模的总体安排，具体内容如下。")
    lines = _lines(*texts)
    found = check_completeness({"indicators": []}, lines, read=set())
    assert kinds(found) == ["unread_table"] and found[0]["line"] == 1 and found[0]["last_line"] == 3 + 2 * (len(cells) - 1)  # title included
    # a list of short headings is not a table: no numbers, no units
    headings = _lines(*(f"{n}、重点任务之{n}" for n in "一二三四五六七八九十") , "十一、保障", "十二、实施")
    assert check_completeness({"indicators": []}, headings, read=set()) == []


def test_a_table_run_together_into_one_line_is_reported():
    run_together = ("节水目标分解表指标预期值2016年2017年2018年再生水回用率30%40%55%供水管网漏损率14%12%10%"
                    "城镇节水器具普及率80%85%90%")
    found = check_completeness({"indicators": []}, _lines("说明。", run_together), read=set())
    assert kinds(found) == ["unread_table"] and found[0]["line"] == 2 and "压成一行" in found[0]["message"]
    prose = "到2025年，地区生产总值达到85亿元，年均增长7.5%，常住人口城镇化率达到52%，森林覆盖率达到28%，优良天数比率80%以上。"
    assert check_completeness({"indicators": []}, _lines(prose), read=set()) == []
