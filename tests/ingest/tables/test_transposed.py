"""Transposed tables: each line opens with a header word (names / base / target / unit / 属性)
and its cells stand in the order of the block's names; several blocks one after the other."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables
from plantrack.ingest.tables.transposed import header_role

# Header words on the same line as their cells, tab-separated; blocks of 3, 6 and 4 indicators.
SAME_LINE = """附表 城区绿化主要指标
指标名称\t公园数量(个)\t绿道长度(公里)\t林荫路推广率(%)
2025年目标\t42\t180\t≥85
指标属性\t预期性\t约束性\t预期性
指标名称\t街头游园\t口袋公园\t立体绿化面积(万平方米)\t古树名木保护率(%)\t河湖岸线绿化率(%)\t屋顶花园
2025年目标\t60\t95\t12.5\t100\t90以上\t30
指标属性\t预期性\t预期性\t预期性\t约束性\t预期性\t预期性
指标名称\t绿地率(%)\t人均公园绿地面积(平方米)\t防护林带宽度(米)\t绿化覆盖率(%)
2025年目标\t38\t14.2\t50\t43
指标属性\t约束性\t约束性\t预期性\t约束性
"""

# Spaced-out header words closed by pipes, the cells on the next line; a base row and a unit row.
WITH_BASE = """下表为某县养老服务发展指标，横排转载。
指 标 名 称 |
养老机构床位数 | 护理型床位占比 | 社区养老服务站覆盖率 |
单 位 |
张 | % | % |
2020 年 基 期 值 |
2400 | 35 | 60 |
2025 年 目 标 值 |
3100 | 55 | 100 |
指 标 属 性 |
预期性 | 约束性 | 预期性 |
指 标 名 称 |
老年人健康管理率 | 养老护理员持证上岗率 | 特困人员集中供养率 |
单 位 |
% | % | % |
2020 年 基 期 值 |
68 | 70 | 42 |
2025 年 目 标 值 |
75 | 90 | 50 |
指 标 属 性 |
预期性 | 预期性 | 约束性 |
"""


def _rows(text):
    [table] = find_tables(clean_text(text))
    return table, {r["name"]: r for r in table.indicator_rows()}


def test_header_words_name_the_line_roles_whatever_their_spacing():
    assert header_role("主 要 指 标") == ("name", None)
    assert header_role("指标名称") == ("name", None)
    assert header_role("2025年目标") == ("target", 2025)
    assert header_role("2022 年 目 标 值") == ("target", 2022)
    assert header_role("2020年基期值") == ("base", 2020)
    assert header_role("指标属性") == ("binding", None)
    assert header_role("属 性") == ("binding", None)
    assert header_role("单位") == ("unit", None)
    assert header_role("粮食产量") is None


def test_blocks_of_different_widths_are_read_by_position():
    table, rows = _rows(SAME_LINE)
    assert table.layout == "transposed"
    assert len(rows) == 13
    assert (rows["绿道长度"]["unit"], rows["绿道长度"]["target_value"], rows["绿道长度"]["binding"]) == ("公里", 180, "binding")
    assert rows["林荫路推广率"]["target_text"] == "≥85"
    assert rows["河湖岸线绿化率"]["target_text"] == "90以上"
    assert (rows["古树名木保护率"]["target_year"], rows["古树名木保护率"]["binding"]) == (2025, "binding")
    assert (rows["人均公园绿地面积"]["unit"], rows["人均公园绿地面积"]["target_value"]) == ("平方米", 14.2)
    assert rows["屋顶花园"]["binding"] == "expected"
    assert all(r["category"] is None for r in rows.values())


def test_a_base_row_and_a_unit_row_take_their_places():
    _, rows = _rows(WITH_BASE)
    assert len(rows) == 6
    bed = rows["养老机构床位数"]
    assert (bed["unit"], bed["base_year"], bed["base_value"], bed["target_year"], bed["target_value"], bed["binding"]) == (
        "张", 2020, 2400, 2025, 3100, "expected")
    assert (rows["特困人员集中供养率"]["base_value"], rows["特困人员集中供养率"]["target_value"],
            rows["特困人员集中供养率"]["binding"]) == (42, 50, "binding")


def test_each_row_cites_the_line_of_its_names():
    text = WITH_BASE
    _, rows = _rows(text)
    lines = text.split("\n")
    for name, row in rows.items():
        assert name in lines[row["line"] - 1]


def test_units_written_inside_the_values_are_the_rows_units():
    text = """主要指标\t粮食播种面积\t农机总动力\t农民人均可支配收入
2030年目标值\t>800万亩\t650万千瓦\t3.2万元/人
属性\t约束性\t预期性\t预期性
"""
    _, rows = _rows(text)
    assert (rows["粮食播种面积"]["unit"], rows["粮食播种面积"]["target_value"], rows["粮食播种面积"]["target_text"]) == (
        "万亩", 800, ">800万亩")
    assert rows["农民人均可支配收入"]["unit"] == "万元/人"


def test_a_page_cut_inside_the_last_line_keeps_the_cells_that_are_there():
    text = """主 要 指 标 |
城市污水处理率 | 空气优良天数比例 | 地表水达标率 |
2025 年 目 标 值 |
97% | 88% | 80% |
属 性 | 约束性 | 预期性 |
主 要 指 标 |
森林覆盖率 | 湿地保护率 | 水土保持率 |
2025 年 目 标 值 |
45% | 55% | 80% |
属 性 | 约束性"""
    _, rows = _rows(text)
    assert len(rows) == 6
    # the first block's 属性 line lacks a cell in the middle of the text: dropped, not shifted
    assert all(rows[n]["binding"] is None for n in ("城市污水处理率", "空气优良天数比例", "地表水达标率"))
    assert rows["森林覆盖率"]["binding"] == "binding"
    assert rows["湿地保护率"]["binding"] is None and rows["湿地保护率"]["target_value"] == 55


def test_a_year_alone_heads_the_target_line_and_an_earlier_year_the_base():
    text = """指标\t耕地保有量(万亩)\t永久基本农田(万亩)\t高标准农田(万亩)
2020年\t520\t430\t210
2025年\t518\t430\t300
"""
    _, rows = _rows(text)
    assert (rows["高标准农田"]["base_year"], rows["高标准农田"]["base_value"], rows["高标准农田"]["target_year"],
            rows["高标准农田"]["target_value"]) == (2020, 210, 2025, 300)


def test_prose_and_value_less_lines_are_not_a_transposed_table():
    text = """指标名称
本规划的指标分为约束性和预期性两类，约束性指标要确保完成。
指标名称\t说明\t责任单位\t备注
2025年目标\t逐步提高\t持续改善\t稳步推进
属性\t预期性\t预期性\t预期性
"""
    assert not [t for t in find_tables(clean_text(text)) if t.layout == "transposed"]


def test_a_category_line_gives_each_indicator_its_group():
    text = """类 别 | 产业兴旺 | 产业兴旺 | 生态宜居 |
主 要 指 标 | 粮食产量 | 农产品加工转化率 | 村庄绿化覆盖率 |
2025 年 目 标 值 | 120万吨 | 70% | 35% |
属 性 | 约束性 | 预期性 | 预期性 |
"""
    table, rows = _rows(text)
    assert [rows[n]["category"] for n in ("粮食产量", "农产品加工转化率", "村庄绿化覆盖率")] == ["产业兴旺", "产业兴旺", "生态宜居"]
    assert (rows["粮食产量"]["unit"], rows["粮食产量"]["target_value"]) == ("万吨", 120)
    assert table.start == 0


def test_labels_above_every_block_are_the_blocks_groups():
    text = """一、创新驱动
指标名称\t研发经费投入强度(%)\t高新技术企业数(家)
2025年目标\t2.8\t450
二、民生福祉
指标名称\t城镇调查失业率(%)\t人均预期寿命(岁)
2025年目标\t<5.5\t79.5
"""
    _, rows = _rows(text)
    assert rows["高新技术企业数"]["category"] == "创新驱动"
    assert rows["人均预期寿命"]["category"] == "民生福祉"
    assert rows["城镇调查失业率"]["target_text"] == "<5.5"


def test_a_heading_above_a_single_block_is_not_taken_for_its_group():
    text = """主要目标
指标名称\t森林覆盖率(%)\t湿地保护率(%)\t草原综合植被盖度(%)
2025年目标\t45\t55\t60
"""
    _, rows = _rows(text)
    assert all(r["category"] is None for r in rows.values())
