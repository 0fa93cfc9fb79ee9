"""Indicator tables in each layout: header-driven columns, wrapped rows, markers and footnotes."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import columns_from_header, find_tables, split_name


def rows_of(text: str) -> list[dict]:
    tables = find_tables(clean_text(text))
    assert tables, "no table found"
    return [r for t in tables if t.kind == "indicators" for r in t.indicator_rows()]


def by_name(rows: list[dict]) -> dict[str, dict]:
    return {r["name"]: r for r in rows}


def test_header_words_name_the_columns():
    cols = columns_from_header(["序号指标名称2020年2025年目标年均增长/累计属性"])
    assert [(c.role, c.year) for c in cols] == [
        ("seq", None), ("name", None), ("base", 2020), ("target", 2025), ("growth", None), ("binding", None)
    ]


def test_a_grouped_header_splits_into_plan_and_actual_columns():
    cols = columns_from_header(["类别序号指标2015年规划目标实现情况2020年累计或年均增长2020年累计或年均增长属性"])
    assert [c.role for c in cols] == [
        "category", "seq", "name", "base", "target", "planned_growth", "actual", "actual_growth", "binding"
    ]


def test_unit_and_tag_move_out_of_the_name():
    assert split_name("地区生产总值增长(%)") == ("地区生产总值增长", "%", None)
    assert split_name("5G网络用户普及率(%)(新基建)") == ("5G网络用户普及率", "%", "新基建")
    assert split_name("地区生产总值（GDP）增长率（%）") == ("地区生产总值（GDP）增长率", "%", None)
    assert split_name("每千人口拥有执业(助理)医师数") == ("每千人口拥有执业(助理)医师数", None, None)


FLOW = """专栏3 某市“十四五”主要指标
序
号
指标名称 2020年
2025年
目标
年均增长/
累计
属性
一、经济发展(3个)
1 地区生产总值增长(%) 4.1 - >7 预期性
2
常住人口城镇化率(%)
61.2* 66 - 预期性
3
战略性新兴产业增加值占地区生
产总值比重(%)
8
11,力争达到
全省平均水平
- 预期性
二、绿色生态(2个)
 序
号
指标名称 2020年
2025年
目标
年均增长/
累计
属性
4 森林覆盖率(%) 20.5 23 - 约束性
5
单位地区生产总值能源消耗降低
(%)
- -
完成省下达
目标任务
约束性
注:*为2019年数据。
第二章 下一章
"""


def test_flow_table_rows_are_rebuilt_across_wraps_and_page_breaks():
    rows = by_name(rows_of(FLOW))
    assert list(rows) == [
        "地区生产总值增长", "常住人口城镇化率", "战略性新兴产业增加值占地区生产总值比重", "森林覆盖率", "单位地区生产总值能源消耗降低"
    ]
    gdp = rows["地区生产总值增长"]
    assert (gdp["unit"], gdp["base_value"], gdp["target_text"], gdp["annual_growth"], gdp["binding"]) == ("%", 4.1, None, ">7", "expected")
    assert gdp["category"] == "经济发展" and gdp["line"] == 11


def test_a_starred_base_takes_the_footnote_year():
    rows = by_name(rows_of(FLOW))
    assert rows["常住人口城镇化率"]["base_year"] == 2019 and rows["常住人口城镇化率"]["base_text"] == "61.2*"
    assert rows["森林覆盖率"]["base_year"] == 2020


def test_wrapped_text_cells_are_joined():
    rows = by_name(rows_of(FLOW))
    assert rows["战略性新兴产业增加值占地区生产总值比重"]["target_text"] == "11,力争达到全省平均水平"
    assert rows["战略性新兴产业增加值占地区生产总值比重"]["target_value"] == 11
    energy = rows["单位地区生产总值能源消耗降低"]
    assert energy["annual_growth"] == "完成省下达目标任务" and energy["base_year"] is None and energy["category"] == "绿色生态"


TAB = """规划指标体系
类别\t序号\t指标\t计量单位\t2020年现状\t2025年目标\t指标属性
生态保护\t1\t森林覆盖率\t%\t23.5\t26\t约束性
\t2\t森林火灾受害率\t‰\t—\t≤0.9\t预期性
\t3\t生态质量指数\t—\t—\t完成国家下达指标\t预期性

类别\t序号\t指标\t计量单位\t2020年现状\t2025年目标\t指标属性
环境质量\t4\t化学需氧量排放总量减少\t%\t29.53万吨\t完成国家下达指标\t约束性
注：无
"""


def test_tab_tables_carry_merged_category_cells_and_unit_columns():
    rows = rows_of(TAB)
    assert [(r["category"], r["name"], r["unit"]) for r in rows] == [
        ("生态保护", "森林覆盖率", "%"),
        ("生态保护", "森林火灾受害率", "‰"),
        ("生态保护", "生态质量指数", None),
        ("环境质量", "化学需氧量排放总量减少", "%"),
    ]
    assert rows[1]["target_value"] == 0.9 and rows[1]["base_year"] is None
    assert rows[3]["base_value"] == 29.53 and rows[3]["target_value"] is None


def test_compound_rows_keep_their_texts_and_no_values():
    text = FLOW.replace("1 地区生产总值增长(%) 4.1 - >7 预期性", "1 国家实验室/省实验室(个) 0/1 1/3 - 预期性")
    row = by_name(rows_of(text))["国家实验室/省实验室"]
    assert (row["base_text"], row["target_text"], row["base_value"], row["target_value"]) == ("0/1", "1/3", None, None)


SPACED = """表1 主要指标
序号    指标名称                  单位      2020年基期值    2025年目标值    指标属性
1       地区生产总值              亿元      1 350.5         １９８０        预期性
2       地表水劣 V类水体比例      %         —               0               约束性
注：无
"""


def test_runs_of_spaces_separate_cells_and_single_spaces_stay_inside():
    rows = rows_of(SPACED)
    assert rows[0]["base_value"] == 1350.5 and rows[0]["target_value"] == 1980 and rows[0]["unit"] == "亿元"
    assert rows[1]["name"] == "地表水劣 V类水体比例" and rows[1]["base_text"] is None


def test_prose_mentioning_indicators_is_not_a_table():
    assert find_tables(clean_text("本规划共设置指标26项，其中约束性指标16项。\n指标属性分为约束性和预期性。")) == []


# --- layouts from other regions (issue 15): each a kind of damage, in an invented plan ----------

FULLWIDTH = """表１　“十四五”时期经济社会发展主要指标
序号　　指标名称　　　　　　　　　　单位　　２０２０年　　２０２５年　　年均增长（％）　　属性
１　　地区生产总值　　　　　　　　　亿元　　３２００　　４５００　　７　　预期性
２　　研究与试验发展经费投入强度　　％　　１．８　　２．５　　［０．７］　　预期性
３　　单位地区生产总值能源消耗降低　　％　　—　　—　　［１４］　　约束性
第二章　下一章
"""


def test_full_width_forms_and_ideographic_spaces_do_not_hide_a_table():
    rows = rows_of(FULLWIDTH)
    assert [(r["name"], r["unit"], r["base_value"], r["target_value"], r["annual_growth"], r["binding"]) for r in rows] == [
        ("地区生产总值", "亿元", 3200, 4500, "7", "expected"),
        ("研究与试验发展经费投入强度", "%", 1.8, 2.5, "[0.7]", "expected"),
        ("单位地区生产总值能源消耗降低", "%", None, None, "[14]", "binding"),
    ]
    assert rows[0]["base_year"] == 2020 and rows[0]["target_year"] == 2025 and rows[0]["line"] == 3


def test_names_keep_the_plan_as_written_while_cells_are_read_from_normal_forms():
    text = FULLWIDTH.replace("研究与试验发展经费投入强度", "研究与试验发展（Ｒ＆Ｄ）经费投入强度")
    rows = rows_of(text)
    assert rows[1]["name"] == "研究与试验发展（Ｒ＆Ｄ）经费投入强度"
    # Digits and signs in the text cells come back in ASCII, as tests/test_fixtures.py specifies.
    assert rows[1]["target_text"] == "2.5" and rows[1]["target_value"] == 2.5


FLIPBOOK = """Page 11 - 某市国民经济和社会发展第十四个五年规划纲要
表2 “十四五”时期主要发展指标
指 标 单 位 2025年 属 性
地区生产总值年均增长 % 6.5 预期性
一般公共预算收入年均增长 % 6 预期性
常住人口城镇化率 % 65 预期性
11
Page 12 - 某市国民经济和社会发展第十四个五年规划纲要
表2 “十四五”时期主要发展指标
指 标 单 位 2025年 属 性
森林覆盖率 % 36.5 约束性
单位地区生产总值二氧化碳排放降低 % 完成省下达任务 约束性
12
Page 13 - 某市国民经济和社会发展第十四个五年规划纲要
第三章 下一章
"""


def test_flipbook_pages_drop_their_furniture_and_one_year_column_is_the_target():
    rows = rows_of(FLIPBOOK)
    assert [(r["name"], r["unit"], r["target_text"], r["target_year"], r["base_text"], r["binding"]) for r in rows] == [
        ("地区生产总值年均增长", "%", "6.5", 2025, None, "expected"),
        ("一般公共预算收入年均增长", "%", "6", 2025, None, "expected"),
        ("常住人口城镇化率", "%", "65", 2025, None, "expected"),
        ("森林覆盖率", "%", "36.5", 2025, None, "binding"),
        ("单位地区生产总值二氧化碳排放降低", "%", "完成省下达任务", 2025, None, "binding"),
    ]
BOX_VERTICAL = """专栏1　“十四五”时期经济社会发展主要指标
类  序
          指标                                2020年      2025年      年均/累计      属性
别  号
    1     地区生产总值增长（%）                3.6         —           6左右          预期性
经  2     全员劳动生产率增长（%）              3.1         —           高于GDP增长    预期性
济  3     常住人口城镇化率（%）                62.5        67          —              预期性
发  4     一般公共预算收入增长（%）            2.0         —           6              预期性
展
    5     服务业增加值比重（%）                52.1        55          —              预期性
    6     研发经费投入增长（%）                10.2        —           >7             预期性
创  7     每万人口高价值发明专利拥有量（件）   4.1         8           —              预期性
新  8     数字经济核心产业增加值比重（%）      6.5         10          —              预期性
    9     高新技术企业数量（家）               950         1800        —              预期性
第三章  下一章
"""


def test_a_box_with_one_character_per_line_headers_and_vertical_category_labels():
    rows = rows_of(BOX_VERTICAL)
    assert [r["name"] for r in rows] == [
        "地区生产总值增长", "全员劳动生产率增长", "常住人口城镇化率", "一般公共预算收入增长", "服务业增加值比重",
        "研发经费投入增长", "每万人口高价值发明专利拥有量", "数字经济核心产业增加值比重", "高新技术企业数量",
    ]
    assert [r["category"] for r in rows] == ["经济发展"] * 5 + ["创新"] * 4
    patents = rows[6]
    assert (patents["unit"], patents["base_value"], patents["target_value"], patents["binding"]) == ("件", 4.1, 8, "expected")
    assert rows[1]["annual_growth"] == "高于GDP增长" and rows[2]["target_value"] == 67




WEB_CELLS = """附表

“十四五”时期社会事业发展主要指标

指  标

2020年

2025年

属性

经济发展

1

地区生产总值增长(%)

3.4%

6%左右

预期性

2

居民人均可支配收入(元)

其中：城镇居民(元)

农村居民(元)

30000

38000

16000

42000

52000

24000

预期性

民生福祉

3

义务教育标准班额比例(%)

其中：小学

初中

40.5%

70.2%

80%以上

85%以上

约束性

注：无

第二章 下一章
"""


def test_web_tables_with_one_cell_per_line_and_stacked_sub_rows():
    rows = rows_of(WEB_CELLS)
    got = [(r["category"], r["name"], r["unit"], r["base_text"], r["target_text"], r["binding"]) for r in rows]
    assert got == [
        ("经济发展", "地区生产总值增长", "%", "3.4%", "6%左右", "expected"),
        ("经济发展", "居民人均可支配收入", "元", "30000", "42000", "expected"),
        ("经济发展", "居民人均可支配收入（其中：城镇居民）", "元", "38000", "52000", "expected"),
        ("经济发展", "居民人均可支配收入（其中：农村居民）", "元", "16000", "24000", "expected"),
        ("民生福祉", "义务教育标准班额比例（其中：小学）", "%", "40.5%", "80%以上", "binding"),
        ("民生福祉", "义务教育标准班额比例（其中：初中）", "%", "70.2%", "85%以上", "binding"),
    ]
    assert rows[5]["target_value"] == 85 and rows[2]["base_value"] == 38000


def test_a_tab_row_that_lost_its_merged_category_cell_is_aligned_on_its_name():
    text = """主要目标指标表
类别\t序号\t指标名称\t2020年\t2025年\t属性
生态建设\t1\t森林覆盖率(%)\t45.31\t46.3\t约束性
2\t森林蓄积量(万立方米)\t4606.24\t5000
"""
    rows = rows_of(text)
    assert [(r["category"], r["name"], r["unit"], r["base_value"], r["target_value"]) for r in rows] == [
        ("生态建设", "森林覆盖率", "%", 45.31, 46.3),
        ("生态建设", "森林蓄积量", "万立方米", 4606.24, 5000),
    ]


ONE_CELL_PER_LINE = """附表1:某新区发展目标指标体系一览表
指标
单位
2020
2030
属性
经济发展
新区海洋生产总值
亿元
2500
-
预期性
城市公共住房占本市住宅
总量比例
%
10以上
20以上
约束性
生态环境
新区海域保护区占海域总面积的比例
%
不低于20
预期性
第二节 下一节
"""


def test_bare_years_among_header_lines_name_columns_and_label_lines_are_categories():
    rows = rows_of(ONE_CELL_PER_LINE)
    assert [(r["category"], r["name"], r["unit"], r["base_year"], r["base_text"], r["target_year"], r["target_text"])
            for r in rows] == [
        ("经济发展", "新区海洋生产总值", "亿元", 2020, "2500", 2030, None),
        ("经济发展", "城市公共住房占本市住宅总量比例", "%", 2020, "10以上", 2030, "20以上"),
        # One value for two year columns: a plan row always states its target.
        ("生态环境", "新区海域保护区占海域总面积的比例", "%", None, None, 2030, "不低于20"),
    ]


PIPE_EDGED_REVIEW = """表1:“十三五”期间经济社会发展的主要目标
指 标 |
2015年 完成 |
2020年 完成 |
“十三五”年均增长(%) |
指标属性 |
|
一、经济发展 |
|||||
地区生产总值(亿元) |
300.41 |
469.5 |
9.3 |
预期性 |
|
服务业增加值占地区生产总值比重(%) |
30.2 |
43.6 |
提高13.4个百分点 |
预期性 |
|
第二节 下一节
"""


def test_a_results_table_with_pipes_at_cell_edges_and_unknown_header_words_is_a_review():
    tables = find_tables(clean_text(PIPE_EDGED_REVIEW))
    assert [t.kind for t in tables] == ["review"]
    rows = tables[0].review()["rows"]
    assert [(r["category"], r["name"], r["unit"], r["base_text"], r["base_year"], r["actual_text"], r["actual_growth"],
             r["binding"]) for r in rows] == [
        ("经济发展", "地区生产总值", "亿元", "300.41", 2015, "469.5", "9.3", "expected"),
        ("经济发展", "服务业增加值占地区生产总值比重", "%", "30.2", 2015, "43.6", "提高13.4个百分点", "expected"),
    ]


LABELLED_REVIEW = """“十三五”规划主要指标完成情况
表1
序号 指标名称 2020 年目标值 2020 年预计值 完成情况
1 全区生产总值(亿元) 1000 1008.5 完成
2 人均生产总值(元) 130000 130913 完成
第二节 下一节
"""


def test_an_estimate_beside_a_target_of_the_same_year_is_the_result_and_a_bare_label_takes_the_title_above():
    tables = find_tables(clean_text(LABELLED_REVIEW))
    assert [t.kind for t in tables] == ["review"]
    review = tables[0].review()
    assert review["title"] == "“十三五”规划主要指标完成情况"
    assert [(r["name"], r["target_text"], r["actual_text"]) for r in review["rows"]] == [
        ("全区生产总值", "1000", "1008.5"), ("人均生产总值", "130000", "130913"),
    ]


GROUP_FLOW = """表1 “十四五”时期经济社会发展主要指标
类别 指标 单位 2020年 规划目标 属性
2025年 年均增长
经济发展 地区生产总值 亿元 1800 2600 7.5 预期性
常住人口城镇化率 % 58.2 63 — 预期性
创新驱动 研发经费投入强度 % 1.8 2.5 [0.7] 预期性
绿色生态 单位GDP能耗降低 % — — 完成省下达任务 约束性
第二章 下一章
"""


def test_a_group_word_over_the_next_header_line_places_its_columns_and_category_cells_lead_their_rows():
    rows = rows_of(GROUP_FLOW)
    assert [(r["category"], r["name"], r["base_year"], r["base_text"], r["target_year"], r["target_text"],
             r["annual_growth"]) for r in rows] == [
        ("经济发展", "地区生产总值", 2020, "1800", 2025, "2600", "7.5"),
        ("经济发展", "常住人口城镇化率", 2020, "58.2", 2025, "63", None),
        ("创新驱动", "研发经费投入强度", 2020, "1.8", 2025, "2.5", "[0.7]"),
        ("绿色生态", "单位GDP能耗降低", None, None, 2025, None, "完成省下达任务"),
    ]


HORIZON = """专栏2　“十四五”生态环境保护主要指标
序号	指标名称	单位	2020年	2025年	2035年	指标属性
1	地级及以上城市细颗粒物（PM2.5）浓度	微克/立方米	35	30	25	约束性
2	地表水达到或好于Ⅲ类水体比例	%	80	85	90	约束性
3	森林覆盖率	%	23.5	26	30	约束性
第三章 下一章
"""


def test_a_year_after_the_target_is_the_long_range_horizon_not_the_target():
    row = rows_of(HORIZON)[0]
    assert (row["target_year"], row["target_text"]) == (2025, "30")
    assert (row["horizon_year"], row["horizon_text"], row["horizon_value"]) == (2035, "25", 25)


QUALIFIED = """附件
某县“十四五”主要指标
指标名称                        单位        基期值        目标值        属性
                                            （2020年）    （2025年）
地区生产总值                    亿元        120           180           预期性
城乡居民人均可支配收入增长      %           —             与经济增长同步 预期性
万元地区生产总值能耗降低        %           —             完成市下达任务 约束性
第二章 下一章
"""


def test_years_printed_under_value_words_qualify_them_and_a_binding_word_one_space_away_is_a_cell():
    rows = rows_of(QUALIFIED)
    assert [(r["name"], r["base_year"], r["base_text"], r["target_year"], r["target_text"], r["binding"]) for r in rows] == [
        ("地区生产总值", 2020, "120", 2025, "180", "expected"),
        ("城乡居民人均可支配收入增长", None, None, 2025, "与经济增长同步", "expected"),
        ("万元地区生产总值能耗降低", None, None, 2025, "完成市下达任务", "binding"),
    ]


def test_binding_words_without_their_last_character_still_end_rows():
    text = """表1 主要指标
指标名称 单位 2020年 2025年 属性
森林覆盖率 % 23.5 26 约束
地区生产总值 亿元 1800 2600 预期
第二章 下一章
"""
    assert [(r["name"], r["binding"], r["target_value"]) for r in rows_of(text)] == [
        ("森林覆盖率", "binding", 26), ("地区生产总值", "expected", 2600)]


GROUP_PER_LINE = """表1 主要指标
类别
指标
单位
2020年
规划目标
2025年
年均增长
属性
经济发展
地区生产总值
亿元
1800
2600
7.5
预期性
研发经费投入强度
%
1.8
2.5
[0.7]
预期性
第二章 下一章
"""


def test_a_group_word_after_a_year_in_a_one_word_per_line_header_stands_over_the_years_below_it():
    rows = rows_of(GROUP_PER_LINE)
    assert [(r["base_year"], r["base_text"], r["target_year"], r["target_text"], r["annual_growth"]) for r in rows] == [
        (2020, "1800", 2025, "2600", "7.5"), (2020, "1.8", 2025, "2.5", "[0.7]")]


CONTINUED_LABELS = """表3 “十四五”主要指标
序号	指标	单位	2020年	2025年	属性
1	森林覆盖率	%	23.5	26	约束性
2	湿地保护率	%	50	55	预期性
续表3
序号	指标	单位	2020年	2025年	属性
3	草原综合植被盖度	%	70	73	预期性
（续表）
4	水土保持率	%	65	68	约束性
第三章 下一章
"""


def test_continued_table_labels_are_page_furniture():
    assert [r["name"] for r in rows_of(CONTINUED_LABELS)] == ["森林覆盖率", "湿地保护率", "草原综合植被盖度", "水土保持率"]


NUMBERED = """表1 主要指标
指标名称 单位 2020年 2025年 属性
（1）地区生产总值 亿元 1800 2600 预期性
（2）常住人口城镇化率 % 58 63 预期性
①森林覆盖率 % 23.5 26 约束性
第二章 下一章
"""


def test_row_numbers_in_brackets_or_circles_are_not_part_of_the_name():
    assert [r["name"] for r in rows_of(NUMBERED)] == ["地区生产总值", "常住人口城镇化率", "森林覆盖率"]


def test_a_last_row_that_lost_its_binding_cell_is_still_a_row():
    text = FLIPBOOK.replace("单位地区生产总值二氧化碳排放降低 % 完成省下达任务 约束性", "湿地保护率 % 55")
    rows = rows_of(text)
    assert (rows[-1]["name"], rows[-1]["target_text"], rows[-1]["binding"]) == ("湿地保护率", "55", None)


def test_a_unit_that_lost_its_first_word_is_still_the_unit_cell():
    text = ONE_CELL_PER_LINE.replace("第二节 下一节", "新区单位生产总值CO2\n排放量\n/GDP万元\n符合国家、省要求\n约束性\n第二节 下一节")
    row = rows_of(text)[-1]
    assert (row["name"], row["unit"], row["base_text"], row["target_text"], row["binding"]) == (
        "新区单位生产总值CO2排放量", "/GDP万元", None, "符合国家、省要求", "binding")


def test_expected_targets_and_reference_years_are_column_words():
    cols = columns_from_header(["指标名称单位基准年2025年预期目标属性"])
    assert [(c.role, c.year) for c in cols] == [("name", None), ("unit", None), ("base", None), ("target", 2025), ("binding", None)]
    cols = columns_from_header(["指标", "2020年现状", "2025年预期", "属性"])
    assert [(c.role, c.year) for c in cols] == [("name", None), ("base", 2020), ("target", 2025), ("binding", None)]


SUB_ROWS_OF_THEIR_OWN = """表1 主要指标
序号\t指标\t单位\t2020年\t2025年\t属性
1\t居民人均可支配收入增长\t%\t5\t与经济增长同步\t预期性
\t其中：城镇居民\t%\t4.8\t6.5\t
\t农村居民\t%\t6.1\t7\t
2\t森林覆盖率\t%\t23.5\t26\t约束性
"""


def test_sub_rows_on_rows_of_their_own_are_named_under_their_parent_and_share_its_binding():
    rows = rows_of(SUB_ROWS_OF_THEIR_OWN)
    assert [(r["name"], r["unit"], r["target_text"], r["binding"]) for r in rows] == [
        ("居民人均可支配收入增长", "%", "与经济增长同步", "expected"),
        ("居民人均可支配收入增长（其中：城镇居民）", "%", "6.5", "expected"),
        ("居民人均可支配收入增长（其中：农村居民）", "%", "7", "expected"),
        ("森林覆盖率", "%", "26", "binding"),
    ]


def test_flow_sub_rows_without_a_binding_cell_are_rows_of_their_own():
    text = """表1 主要指标
序号 指标 2020年 2025年 属性
1 居民人均可支配收入增长(%) 5 与经济增长同步 预期性
其中：城镇居民(%) 4.8 6.5
农村居民(%) 6.1 7
2 森林覆盖率(%) 23.5 26 约束性
第二章 下一章
"""
    rows = rows_of(text)
    assert [(r["name"], r["unit"], r["base_text"], r["target_text"], r["binding"]) for r in rows] == [
        ("居民人均可支配收入增长", "%", "5", "与经济增长同步", "expected"),
        ("居民人均可支配收入增长（其中：城镇居民）", "%", "4.8", "6.5", "expected"),
        ("居民人均可支配收入增长（其中：农村居民）", "%", "6.1", "7", "expected"),
        ("森林覆盖率", "%", "23.5", "26", "binding"),
    ]


def test_vertical_category_labels_also_stand_before_unnumbered_rows():
    text = """专栏2 主要指标
类
        指标                                2020年      2025年      属性
别
    地区生产总值增长（%）                   3.6         6左右       预期性
经  全员劳动生产率增长（%）                 3.1         6           预期性
济  常住人口城镇化率（%）                   62.5        67          预期性
    一般公共预算收入增长（%）               2.0         6           预期性
    森林覆盖率（%）                         23.5        26          约束性
绿  湿地保护率（%）                         50          55          约束性
色  草原综合植被盖度（%）                   70          73          预期性
    水土保持率（%）                         65          68          约束性
第三章  下一章
"""
    rows = rows_of(text)
    assert [r["category"] for r in rows] == ["经济"] * 4 + ["绿色"] * 4
    assert [r["name"] for r in rows][:2] == ["地区生产总值增长", "全员劳动生产率增长"]


OWNER_TAB = """表1 主要指标
序号	指标名称	单位	2020年	2025年	属性	责任单位
1	地区生产总值	亿元	120	180	预期性	县发改局
2	森林覆盖率	%	23.5	26	约束性	县林业局
"""
OWNER_FLOW = """表1 主要指标
序号 指标名称 单位 2020年 2025年 属性 牵头单位
1 地区生产总值 亿元 120 180 预期性 县发改局
2 森林覆盖率 % 23.5 26 约束性 县林业局
第二章 下一章
"""
REMARKS = """表1 主要指标
指标名称	单位	2020年	2025年	属性	备注
地区生产总值	亿元	120	180	预期性	按可比价计算
森林覆盖率	%	23.5	26	约束性	
"""


def test_columns_of_owners_and_remarks_after_the_binding_do_not_hide_the_table_or_shift_its_cells():
    for text in (OWNER_TAB, OWNER_FLOW, REMARKS):
        rows = rows_of(text)
        assert [(r["name"], r["unit"], r["base_text"], r["target_text"], r["binding"]) for r in rows] == [
            ("地区生产总值", "亿元", "120", "180", "expected"), ("森林覆盖率", "%", "23.5", "26", "binding")], text


def test_a_table_grouped_by_binding_gives_each_row_its_groups_binding():
    text = """表1 主要指标
序号\t指标\t单位\t2020年\t2025年
一、约束性指标
1\t森林覆盖率\t%\t23.5\t26
二、预期性指标
2\t地区生产总值\t亿元\t1800\t2600
"""
    assert [(r["name"], r["binding"]) for r in rows_of(text)] == [("森林覆盖率", "binding"), ("地区生产总值", "expected")]
