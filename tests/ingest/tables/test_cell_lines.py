"""Tables dumped one cell per line with blank lines as empty cells (cell_lines.py): a scope pair
of target columns, weight and owner columns after the values, merged cells written once, and
numbered rows whose name cell splits into a group label and the first of its sub-indicators."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables
from plantrack.ingest.tables.cell_lines import read_header


def rows_of(text: str) -> list[dict]:
    return [r for t in find_tables(clean_text(text)) for r in t.indicator_rows()]


def by_name(text: str) -> dict[str, dict]:
    return {r["name"]: r for r in rows_of(text)}


# Two scopes (城区 / 全市), a weight and an owner column; an empty unit and an empty whole-city
# cell are blank lines; the owner of row 2 is merged with row 1's and absent.
SCOPE_PAIR = """某市生态城市建设指标（试行）
类别
序号
指标名称
单位
城区
目标值
全市
目标值
权重
牵头部门


1
公园绿地服务半径覆盖率
%
95
85
5
园林
2
人均公园绿地面积
平方米
16
14
4
3
城市生活垃圾分类覆盖率

100

6
城管
4
空气质量优良天数比率
%
88
82
8
生态环境
"""


def test_the_whole_region_column_is_the_target_and_the_other_scope_is_not():
    rows = by_name(SCOPE_PAIR)
    assert set(rows) == {"公园绿地服务半径覆盖率", "人均公园绿地面积", "城市生活垃圾分类覆盖率", "空气质量优良天数比率"}
    assert rows["公园绿地服务半径覆盖率"]["target_value"] == 85
    assert rows["公园绿地服务半径覆盖率"]["unit"] == "%"
    assert rows["人均公园绿地面积"]["target_value"] == 14
    assert rows["空气质量优良天数比率"]["target_text"] == "82"


def test_blank_lines_are_empty_cells_in_their_columns():
    row = by_name(SCOPE_PAIR)["城市生活垃圾分类覆盖率"]
    assert row["unit"] is None  # the blank unit line
    assert row["target_value"] is None and row["target_text"] is None  # the blank 全市 cell; 100 is 城区's


def test_weight_equal_to_the_next_number_stays_a_weight():
    # Row 2 has no owner (merged with row 1's): its weight 4 is followed by the row number 3.
    rows = rows_of(SCOPE_PAIR)
    assert [r["name"] for r in rows][1:3] == ["人均公园绿地面积", "城市生活垃圾分类覆盖率"]
    assert all("园林" not in r["name"] and "城管" not in r["name"] for r in rows)


# The same layout with the scope and target words on one line each (乡镇目标值 | 全县目标值), and a
# weight that equals the next row number.
ONE_LINE_SCOPES = """序号
指标
单位
乡镇目标值
全县目标值
权重
1
自来水普及率
%
98
99
2
2
农村公路硬化率
%
90
95
3
3
行政村快递服务通达率
%
80
90
2
"""


def test_scope_and_target_word_on_one_line():
    rows = by_name(ONE_LINE_SCOPES)
    assert {k: r["target_value"] for k, r in rows.items()} == {"自来水普及率": 99, "农村公路硬化率": 95, "行政村快递服务通达率": 90}


# Numbered groups: the name cell splits into a label (two lines) and the first sub-indicator;
# the next sub-indicators follow without a number; weight and owner merged over the group. A
# "group" of one row is a name wrapped over two lines.
GROUPS = """类别
序号
指标名称
单位
城区
目标值
全市
目标值
权重
数据提供部门
1
居民
就业水平
城镇新增就业人数
万人
3
5
6
人社
城镇调查失业率
%
5
5.5
零就业家庭动态清零率
%
100
100
2
教育
发展水平
学前教育毛入园率
%
98
95
4
教育
义务教育巩固率
%
99
98
3
城乡
居民收入比

1.8
2.0
3
统计
"""


def test_group_labels_are_categories_of_their_sub_rows():
    rows = by_name(GROUPS)
    assert {k: r["category"] for k, r in rows.items() if k != "城乡居民收入比"} == {
        "城镇新增就业人数": "居民就业水平", "城镇调查失业率": "居民就业水平", "零就业家庭动态清零率": "居民就业水平",
        "学前教育毛入园率": "教育发展水平", "义务教育巩固率": "教育发展水平"}
    assert rows["城镇调查失业率"]["target_value"] == 5.5
    assert rows["义务教育巩固率"]["target_value"] == 98


def test_a_label_over_a_single_row_is_a_wrapped_name():
    rows = by_name(GROUPS)
    assert "城乡居民收入比" in rows and rows["城乡居民收入比"]["category"] is None
    assert rows["城乡居民收入比"]["target_value"] == 2.0


# A row whose unit and values are all blank is a row when it has an owner cell; an owner followed
# by the blank lines of a merged category cell is not a row.
EMPTY_ROW = """序号
指标名称
单位
城区目标值
全市目标值
数据提供部门
1
每千人口托位数
个
4.5
4.0
卫健
2
社区体育设施覆盖率
%
100
95
体育、住建




3
每万人拥有公共文化设施面积



文旅
4
人均预期寿命
岁
81
80
卫健
"""


def test_an_all_blank_row_with_an_owner_is_a_row_and_an_owner_is_never_one():
    rows = by_name(EMPTY_ROW)
    assert set(rows) == {"每千人口托位数", "社区体育设施覆盖率", "每万人拥有公共文化设施面积", "人均预期寿命"}
    empty = rows["每万人拥有公共文化设施面积"]
    assert empty["target_value"] is None and empty["unit"] is None
    assert rows["人均预期寿命"]["target_value"] == 80


def test_headers_without_scopes_weights_or_owners_are_left_to_the_other_readers():
    texts = ["序号", "指标名称", "单位", "2025年目标", "属性"]
    assert read_header(texts, 0) is None
    assert read_header(["城区", "目标值", "全市", "目标值"], 0) is None  # no name column


def test_prose_around_such_words_is_not_a_table():
    text = "全市目标值由各部门提供，权重按年度考核确定。\n数据提供部门应于每年一月报送上年数据。\n"
    assert rows_of(text) == []


# A blank line between every cell: the header's name cell is empty (a wider gap before 单位); an
# empty unit cell leaves no trace (a value right after the name); two scope-tagged values share one
# target cell (市级 first); a cell holding a space sits before a weight; a weight (5) equals the
# next row number, which opens a group further on.
SEPARATED = """某市文明城市建设指标（试行）

类别

序号

     

单位

目标值

权重

1

人均公共图书藏量

3.5

4

2

城市绿道密度

公里/平方公里

1.2(市级)

0.8(县级)

 

3

3

志愿者注册人数占比

%

18

5

4

社区

服务水平

社区综合服务设施覆盖率

%

100

5

物业服务覆盖率

%

90

5

公共安全

水平

每万人刑事案件立案数

件

< 20

亿元生产总值安全事故死亡率

%

< 0.03
"""


def test_cells_separated_by_blank_lines_with_an_empty_name_header():
    rows = by_name(SEPARATED)
    assert set(rows) == {"人均公共图书藏量", "城市绿道密度", "志愿者注册人数占比", "社区综合服务设施覆盖率",
                         "物业服务覆盖率", "每万人刑事案件立案数", "亿元生产总值安全事故死亡率"}
    assert rows["人均公共图书藏量"]["target_value"] == 3.5 and rows["人均公共图书藏量"]["unit"] is None
    assert rows["每万人刑事案件立案数"]["target_text"] == "< 20"


def test_two_scope_tagged_values_in_one_cell_keep_the_first_as_the_target():
    row = by_name(SEPARATED)["城市绿道密度"]
    assert row["target_value"] == 1.2 and row["target_text"] == "1.2(市级)"


def test_a_weight_equal_to_the_next_number_that_comes_again_is_a_weight():
    rows = by_name(SEPARATED)
    assert rows["社区综合服务设施覆盖率"]["category"] == "社区服务水平"
    assert rows["物业服务覆盖率"]["category"] == "社区服务水平"
    assert rows["每万人刑事案件立案数"]["category"] == "公共安全水平"
    assert rows["亿元生产总值安全事故死亡率"]["category"] == "公共安全水平"
    assert rows["志愿者注册人数占比"]["category"] is None


def test_the_other_scope_and_the_weight_are_kept_aside_not_lost():
    from plantrack.ingest.clean import clean_text as clean
    from plantrack.ingest.tables.cell_lines import read_cell_lines
    lines = clean(SEPARATED)
    texts, nos = [ln.text.strip() for ln in lines], [ln.no for ln in lines]
    _, rows = read_cell_lines(nos, texts, texts.index("类别"))
    row = next(r for r in rows if r.name == "城市绿道密度")
    assert row.cells["scope"] == "0.8(县级)" and row.cells["weight"] == "3"
