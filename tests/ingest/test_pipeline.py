"""The whole parse, where stages meet: years a table leaves open are read from the plan's period."""

from plantrack.ingest.pipeline import parse_bytes

PLAN = """某市城市总体规划（2012—2030年）
第一章 总则
规划期限为2012—2030年，近期至2020年。
附表1 发展目标指标体系一览表
指标
单位
2020
2030
属性
新区常住人口
万人
150
180
预期性
城市公交占机动化出行比例
%
50
60
约束性
第二章 发展战略
"""


def test_a_year_inside_the_plan_period_is_an_interim_target_not_a_base():
    plan = parse_bytes(PLAN.encode("utf-8"), "plan.txt")
    row = next(i for i in plan["indicators"] if i["name"] == "新区常住人口")
    assert (row["interim_year"], row["interim_value"], row["interim_text"]) == (2020, 150, "150")
    assert (row["base_year"], row["base_value"], row["base_text"]) == (None, None, None)
    assert (row["target_year"], row["target_value"]) == (2030, 180)


def test_the_near_term_year_a_plan_names_is_an_interim_target():
    plan = parse_bytes(PLAN.replace("规划期限为2012—2030年，近期至2020年。", "规划期至2030年，近期至2020年。")
                       .replace("（2012—2030年）", "").encode("utf-8"), "plan.txt")
    row = next(i for i in plan["indicators"] if i["name"] == "城市公交占机动化出行比例")
    assert (row["interim_year"], row["interim_value"], row["base_year"]) == (2020, 50, None)


def test_the_plan_lists_its_tables_and_each_row_names_its_table():
    plan = parse_bytes(PLAN.encode("utf-8"), "plan.txt")
    assert [(t["kind"], t["evidence"], t["rows"]) for t in plan["tables"]] == [("indicators", "header", 2)]
    assert {i["table"] for i in plan["indicators"]} == {0}
    assert all(0 < i["confidence"] <= 1 for i in plan["indicators"])


def test_the_plan_json_counts_its_outline_by_kind():
    from .national_plan import EXPECTED_COUNTS, TEXT as NATIONAL

    plan = parse_bytes(NATIONAL.encode("utf-8"), "national.txt")
    assert plan["outline_counts"] == EXPECTED_COUNTS
