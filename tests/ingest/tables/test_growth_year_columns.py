"""A year's column whose words go on with 增长 (2019年目标增长(%) | 2019年实际增长(%)) states that
year's growth, planned or achieved, not its level: annual plans and their reviews print them so."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables
from plantrack.ingest.tables.columns import columns_from_header


def test_target_and_actual_growth_columns():
    cols = columns_from_header(["指标名称", "2021年目标增长(%)", "2021年实际增长(%)", "指标属性"])
    assert [(c.role, c.year) for c in cols] == [("name", None), ("planned_growth", 2021), ("actual_growth", 2021), ("binding", None)]


def test_a_year_column_without_growth_words_keeps_its_role():
    cols = columns_from_header(["指标", "2022年完成", "2023年目标", "属性"])
    assert [(c.role, c.year) for c in cols] == [("name", None), ("base", 2022), ("target", 2023), ("binding", None)]


def test_a_review_of_an_annual_plan_reads_growths():
    text = """表2:2021年主要预期目标完成情况
指标名称    2021年目标增长(%)    2021年实际增长(%)    指标属性
社会消费品零售总额    8左右    9.1    预期性
城乡居民收入    与经济增长同步    同步    预期性
"""
    [table] = find_tables(clean_text(text))
    assert table.kind == "review"
    rows = {r["name"]: r for r in table.review()["rows"]}
    assert (rows["社会消费品零售总额"]["planned_growth"], rows["社会消费品零售总额"]["actual_growth"]) == ("8左右", "9.1")


def test_full_year_target_and_result_columns_without_a_year():
    # 全年目标 | 全年完成 (an annual plan's review): the result column is the actual one.
    cols = columns_from_header(["指标名称", "属性", "全年目标", "全年完成"])
    assert [c.role for c in cols] == ["name", "binding", "target", "actual"]


def test_a_review_with_its_binding_before_the_target_and_result():
    text = """表一  2023年主要目标完成情况

指标名称

属性

全年目标

全年完成

地区生产总值

预期性

增长6%左右

增长6.2%

单位建设用地产出

预期性

提高3%以上

提高3%左右
"""
    [table] = find_tables(clean_text(text))
    rows = {r["name"]: r for r in table.review()["rows"]}
    assert set(rows) == {"地区生产总值", "单位建设用地产出"}
    gdp = rows["地区生产总值"]
    assert (gdp["target_text"], gdp["actual_text"], gdp["binding"]) == ("增长6%左右", "增长6.2%", "expected")
