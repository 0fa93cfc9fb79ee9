"""A merged category cell printed on its group's first row, before the row's sequence number,
in a table whose cells are set apart by runs of spaces (a PDF or web page flattened to text)."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables


def rows_of(text: str) -> list:
    return [r for t in find_tables(clean_text(text)) for r in t.indicator_rows()]


WITH_BINDING = """表2  主要指标
类别   序号   指标   单位   2020年   2025年   属性
城乡建设   1   公共交通出行分担率   %   40   45   预期性
2   人均道路面积   平方米   18.2   20   预期性
社会保障   3   养老保险参保率   %   92   95   约束性
4   每千人口医疗床位数   张   6.1   7   预期性
"""

NO_BINDING = """表3  主要指标
类别\u3000\u3000序号\u3000\u3000指标\u3000\u3000单位\u3000\u30002020年\u3000\u30002025年
产业发展\u3000\u30001\u3000\u3000农产品加工产值\u3000\u3000亿元\u3000\u300012\u3000\u300018
2\u3000\u3000休闲农业接待人次\u3000\u3000万人次\u3000\u300030\u3000\u300045
乡村治理\u3000\u30003\u3000\u3000村庄规划覆盖率\u3000\u3000%\u3000\u300060\u3000\u300090
"""


def test_the_category_before_the_sequence_number_is_the_groups_category():
    rows = rows_of(WITH_BINDING)
    assert [(r["name"], r["category"], r["unit"], r["base_value"], r["target_value"]) for r in rows] == [
        ("公共交通出行分担率", "城乡建设", "%", 40, 45),
        ("人均道路面积", "城乡建设", "平方米", 18.2, 20),
        ("养老保险参保率", "社会保障", "%", 92, 95),
        ("每千人口医疗床位数", "社会保障", "张", 6.1, 7),
    ]


def test_rows_open_at_a_category_then_number_where_no_binding_column_ends_them():
    rows = rows_of(NO_BINDING)
    assert [(r["name"], r["category"], r["base_value"], r["target_value"]) for r in rows] == [
        ("农产品加工产值", "产业发展", 12, 18),
        ("休闲农业接待人次", "产业发展", 30, 45),
        ("村庄规划覆盖率", "乡村治理", 60, 90),
    ]


def test_a_short_name_before_a_number_that_is_not_the_next_sequence_number_stays_a_name():
    text = """表4  主要指标
序号   类别   指标   单位   2020年   2025年   属性
1   人口   常住人口   万人   100   120   预期性
"""
    rows = rows_of(text)
    assert [r["name"] for r in rows] == ["常住人口"]


ONE_CELL_PER_LINE = """表5  主要指标
类别
序号
指标
单位
2020年
2025年
服务规模
1
家庭医生签约人数
万人
12
20
其中：重点人群
万人
8
15
2
医疗机构床位数
张
3000
3600
服务质量
3
患者满意度
%
88
92
"""


def test_one_cell_per_line_a_label_before_the_number_is_the_category_and_unnumbered_sub_rows_open_rows():
    rows = rows_of(ONE_CELL_PER_LINE)
    assert [(r["name"], r["category"], r["base_value"], r["target_value"]) for r in rows] == [
        ("家庭医生签约人数", "服务规模", 12, 20),
        ("家庭医生签约人数（其中：重点人群）", "服务规模", 8, 15),
        ("医疗机构床位数", "服务规模", 3000, 3600),
        ("患者满意度", "服务质量", 88, 92),
    ]


def test_unnumbered_sub_rows_in_a_numbered_table_split_by_spaces():
    text = """表6  主要指标
序号   指标   单位   2020年   2025年
1   网民数量   亿人   7.0   11.0
其中：农村网民   亿人   1.8   —
2   电子商务交易额   万亿元   10   15
"""
    rows = rows_of(text)
    assert [(r["name"], r["base_value"], r["target_value"]) for r in rows] == [
        ("网民数量", 7.0, 11.0), ("网民数量（其中：农村网民）", 1.8, None), ("电子商务交易额", 10, 15)]


def test_a_row_whose_binding_cell_is_empty_ends_at_its_last_cell():
    text = """表7  主要指标
类别   序号   指标   单位   2020年   2025年   属性
“三农”发展   1   城乡居民收入比   —   2.5   2.3   —
2   农村自来水普及率   %   85   90   —
3   森林覆盖率   %   20   22   约束性
"""
    rows = rows_of(text)
    assert [(r["name"], r["category"], r["base_value"], r["target_value"], r["binding"]) for r in rows] == [
        ("城乡居民收入比", "“三农”发展", 2.5, 2.3, None), ("农村自来水普及率", "“三农”发展", 85, 90, None),
        ("森林覆盖率", "“三农”发展", 20, 22, "binding")]


def test_a_headerless_run_reads_the_category_before_the_number():
    text = """第二节 主要目标
到2030年，主要指标如下。
民生福祉   1   人均预期寿命   岁   79   80   预期性
2   城镇调查失业率   %   5.5   5.5   预期性
3   养老保险参保率   %   95   96   约束性
4   每千人口执业医师数   人   3.1   3.6   预期性
第三节 下一节
"""
    rows = rows_of(text)
    assert [(r["name"], r["category"], r["base_value"], r["target_value"]) for r in rows] == [
        ("人均预期寿命", "民生福祉", 79, 80), ("城镇调查失业率", "民生福祉", 5.5, 5.5), ("养老保险参保率", "民生福祉", 95, 96),
        ("每千人口执业医师数", "民生福祉", 3.1, 3.6)]


def test_one_cell_per_line_a_quoted_label_before_the_number_is_the_category():
    text = "表9  主要指标\n序号\n指标\n单位\n2025年\n2030年\n属性\n" + "\n".join(
        ["“六新”突破", "1", "5G网络用户普及率", "%", "60", "80", "预期性",
         "2", "数字经济核心产业增加值占比", "%", "10", "15", "预期性"]) + "\n"
    rows = rows_of(text)
    assert [(r["name"], r["category"], r["target_value"]) for r in rows] == [
        ("5G网络用户普及率", "“六新”突破", 80), ("数字经济核心产业增加值占比", "“六新”突破", 15)]
