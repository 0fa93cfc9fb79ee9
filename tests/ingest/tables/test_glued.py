"""Tables whose cells were run together with no separator (text dumps of document-sharing sites)."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables
from plantrack.ingest.tables.glued import read_glued

GLUED = ("1、某县节约用水目标分解表指标目标值2021年2022年2023年综合指标万元地区生产总值用水量"
         "低于全市平均值的60%或年降低率4%用水总量不超市年度下达指标中水回用率20%30%45%"
         "灌溉水有效利用系数0.560.580.61节水灌溉面积比例40%45%50%\n"
         "2、城镇人均日生活用水量90L/d90L/d85L/d管网漏损率12%11%9%\n")


def test_values_run_together_are_split_by_the_number_of_year_columns():
    years, kind, rows = read_glued(GLUED.replace("\n2、", ""))
    assert (years, kind) == ([2021, 2022, 2023], "目标值")
    assert [(name, cells) for _, name, cells in rows] == [
        ("综合指标万元地区生产总值用水量", ["低于全市平均值的60%或年降低率4%"]),
        ("用水总量", ["不超市年度下达指标"]),
        ("中水回用率", ["20%", "30%", "45%"]),
        ("灌溉水有效利用系数", ["0.56", "0.58", "0.61"]),
        ("节水灌溉面积比例", ["40%", "45%", "50%"]),
        ("城镇人均日生活用水量", ["90L/d", "90L/d", "85L/d"]),
        ("管网漏损率", ["12%", "11%", "9%"]),
    ]


def test_a_glued_table_gives_the_last_year_as_target_and_rows_their_own_line():
    [table] = find_tables(clean_text(GLUED))
    rows = {r["name"]: r for r in table.indicator_rows()}
    assert (rows["中水回用率"]["target_year"], rows["中水回用率"]["target_value"], rows["中水回用率"]["unit"]) == (2023, 45, "%")
    assert rows["用水总量"]["target_text"] == "不超市年度下达指标" and rows["用水总量"]["target_value"] is None
    assert rows["灌溉水有效利用系数"]["target_value"] == 0.61 and rows["灌溉水有效利用系数"]["base_value"] is None
    assert rows["中水回用率"]["line"] == 1 and rows["管网漏损率"]["line"] == 2
