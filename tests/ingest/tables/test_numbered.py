"""Run-together tables told apart by their row numbers (numbered.py), on synthetic dumps."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables
from plantrack.ingest.tables.numbered import read_numbered

DUMP = (
    "3 某市美丽城市建设指标说明指标名称计量单位2030 年目标值责任单位一、生态环境1 公园绿地服务半径覆盖率% ≥ 90市园林局"
    "2 城市生活垃圾回收利用率% ≥ 35市城管局3 人均绿道长度米≥ 1.2市园林局二、公共服务4 社区养老服务水平"
    "每千名老人养老床位数张≥45市民政局每千名老人护理员数人≥8市民政局5 学前教育普惠率% ≥926 城市人口规模万人"
    "翻一番(中心城区≥ 300万人) 市统计局7 公交站点覆盖率/轨道站点覆盖率% <2/<5 市交通局4 指标名称计量单位2030 年目"
)


def test_rows_are_split_at_their_numbers_even_when_a_number_is_glued_to_a_value():
    year, rows = read_numbered(DUMP)
    assert year == 2030
    assert [r["seq"] for r in rows] == [1, 2, 3, 4, 4, 5, 6, 7]
    assert rows[5]["name"] == "学前教育普惠率" and rows[5]["target"] == "≥92"


def test_units_values_owners_and_categories_come_apart():
    _, rows = read_numbered(DUMP)
    first = rows[0]
    assert (first["name"], first["unit"], first["target"], first["other"], first["category"]) == (
        "公园绿地服务半径覆盖率", "%", "≥ 90", "市园林局", "生态环境")
    assert (rows[2]["name"], rows[2]["unit"], rows[2]["target"]) == ("人均绿道长度", "米", "≥ 1.2")
    assert rows[3]["category"] == "公共服务"
    assert rows[6]["target"] == "翻一番(中心城区≥ 300万人)" and rows[6]["unit"] == "万人"


def test_a_row_with_several_values_is_a_group_and_its_label_is_cut_off_where_the_sub_names_agree():
    _, rows = read_numbered(DUMP)
    assert [r["name"] for r in rows[3:5]] == ["每千名老人养老床位数", "每千名老人护理员数"]
    assert [r["unit"] for r in rows[3:5]] == ["张", "人"]


def test_the_table_reads_into_indicator_rows_with_compound_and_text_targets_kept_as_text():
    text = "美丽城市建设指标\n\n" + DUMP + "\n"
    rows = {r["name"]: r for t in find_tables(clean_text(text)) for r in t.indicator_rows()}
    assert rows["学前教育普惠率"]["target_value"] == 92 and rows["学前教育普惠率"]["target_year"] == 2030
    assert rows["公交站点覆盖率/轨道站点覆盖率"]["target_value"] is None
    assert rows["公交站点覆盖率/轨道站点覆盖率"]["target_text"] == "<2/<5"
    assert rows["城市人口规模"]["target_value"] is None


def test_a_long_line_without_the_header_is_not_read():
    assert read_numbered("指标说明1 公园绿地服务半径覆盖率% ≥ 90市园林局2 城市生活垃圾回收利用率% ≥ 35市城管局") is None
