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


def test_group_labels_run_into_names_are_cut_off_only_on_evidence():
    from plantrack.ingest.tables.glued import group_labels

    names = ["基础指标人均日用水量", "用水总量", "工业节水万元工业产值用水量", "高效节水灌溉面积比例",
             "城镇节水器具普及率", "考核类指标自备井关停率", "水土保持治理率"]
    assert group_labels(names) == [
        ("基础指标", "人均日用水量"),
        ("基础指标", "用水总量"),
        ("工业节水", "万元工业产值用水量"),  # the sector word comes back in the name
        ("工业节水", "高效节水灌溉面积比例"),  # 高效 does not: the name's own first word
        ("工业节水", "城镇节水器具普及率"),
        ("考核类指标", "自备井关停率"),  # a second head closing in 指标
        ("考核类指标", "水土保持治理率"),
    ]


def test_a_lone_head_closing_in_a_group_word_stays_in_its_name():
    from plantrack.ingest.tables.glued import group_labels

    assert group_labels(["综合指标万元产值用水量", "再生水利用率"]) == [
        (None, "综合指标万元产值用水量"), (None, "再生水利用率")]


def test_a_glued_table_carries_its_cut_labels_as_categories():
    text = ("节约用水目标表指标目标值2021年2022年2023年甲类指标中水回用率20%30%45%管网漏损率12%11%9%"
            "乙类指标灌溉水有效利用系数0.560.580.61\n")
    [table] = find_tables(clean_text(text))
    rows = {r["name"]: r for r in table.indicator_rows()}
    assert set(rows) == {"中水回用率", "管网漏损率", "灌溉水有效利用系数"}
    assert [rows[n]["category"] for n in ("中水回用率", "管网漏损率", "灌溉水有效利用系数")] == ["甲类指标", "甲类指标", "乙类指标"]
