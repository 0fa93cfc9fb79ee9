"""Target systems one row per line with a weight column (weighted_rows.py): the header flattened
over lines (year / word), the unit cell missing from most lines, values read from the right,
sub-indicators without a number or weight, group labels inline or on wrapped lines of their own,
markers (★ ▲) before names."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables
from plantrack.ingest.tables.weighted_rows import read_header

TABLE = """某县生态文明建设指标体系（试行）
类别 序号 指标名称 单位 2025年
目标值
2020年
实现值
权重

1 森林覆盖率 32 28.5 6
2 水环境质量 ★地表水优良比例 90 82.4 5
▲饮用水水源达标率 100 97
3 空气质
量改善
★细颗粒物平均浓度 微克/立方米 30 41 5
▲重污染天数 3 9
4 人均公园绿地面积 平方米 14 11.2 3
5 城镇污水处理率 95 - 2
"""


def rows_of(text):
    return {r["name"]: r for t in find_tables(clean_text(text)) for r in t.indicator_rows()}


def test_values_are_read_from_the_right_when_the_unit_cell_is_missing():
    rows = rows_of(TABLE)
    assert rows["森林覆盖率"]["target_value"] == 32 and rows["森林覆盖率"]["base_value"] == 28.5
    assert rows["森林覆盖率"]["target_year"] == 2025 and rows["森林覆盖率"]["base_year"] == 2020
    assert rows["森林覆盖率"]["unit"] is None
    assert rows["人均公园绿地面积"]["unit"] == "平方米" and rows["人均公园绿地面积"]["target_value"] == 14


def test_sub_rows_without_number_or_weight_and_markers_off_the_names():
    rows = rows_of(TABLE)
    assert rows["饮用水水源达标率"]["target_value"] == 100 and rows["饮用水水源达标率"]["base_value"] == 97
    assert "地表水优良比例" in rows and not any(n.startswith(("★", "▲")) for n in rows)


def test_group_labels_inline_or_wrapped_are_categories_until_the_next_number():
    rows = rows_of(TABLE)
    assert rows["地表水优良比例"]["category"] == "水环境质量"
    assert rows["饮用水水源达标率"]["category"] == "水环境质量"
    assert rows["细颗粒物平均浓度"]["category"] == "空气质量改善"
    assert rows["重污染天数"]["category"] == "空气质量改善"
    assert rows["细颗粒物平均浓度"]["unit"] == "微克/立方米"
    assert rows["人均公园绿地面积"]["category"] is None and rows["森林覆盖率"]["category"] is None


def test_a_dash_is_an_empty_base():
    row = rows_of(TABLE)["城镇污水处理率"]
    assert row["target_value"] == 95 and row["base_value"] is None


def test_a_header_without_a_weight_or_a_dated_target_is_not_taken():
    assert read_header(["序号 指标名称 单位 2025年", "目标值", "2020年", "实现值"], 0) is None
    assert read_header(["序号 指标名称 单位 目标值 权重"], 0) is None
