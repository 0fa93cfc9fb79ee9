"""Tables reposted in traditional script, with readings after characters and damaged brackets."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables, split_name
from plantrack.ingest.tables.columns import columns_from_header

TRADITIONAL = """專欄2 “十四五”林業發展主要指標

    類別

    指  標(biāo)

    2020
    基期值

    2025
    目標(biāo)值

    年均增速
    〔累計〕

    指標屬性

    森林資源

    森林覆蓋率(%)

    23.5

    26

    〔2.5〕

    約束性

    森林蓄積量(億立方米

    1.2

    1.5

    -

    預期性
"""


def rows():
    return [r for t in find_tables(clean_text(TRADITIONAL)) for r in t.indicator_rows()]


def test_a_traditional_table_is_read_and_its_words_stay_as_written():
    got = rows()
    assert [r["name"] for r in got] == ["森林覆蓋率", "森林蓄積量"]
    assert [r["category"] for r in got] == ["森林資源", "森林資源"]
    assert [r["binding"] for r in got] == ["binding", "expected"]
    assert (got[0]["base_year"], got[0]["base_value"], got[0]["target_year"], got[0]["target_value"]) == (2020, 23.5, 2025, 26)
    assert got[0]["annual_growth"] == "〔2.5〕"


def test_a_unit_in_traditional_script_or_without_its_closing_bracket_leaves_the_name():
    assert rows()[1]["unit"] == "億立方米"
    assert split_name("小麥稻谷自給率(%") == ("小麥稻谷自給率", "%", None)
    assert split_name("糧食綜合生產能力(億噸)") == ("糧食綜合生產能力", "億噸", None)
    assert split_name("地区生产总值(按可比价") == ("地区生产总值(按可比价", None, None)


def test_readings_printed_after_characters_are_dropped_while_cleaning():
    assert [ln.text for ln in clean_text("指標(biāo)屬性\n國務(wù)院(2016年)")] == ["指標屬性", "國務院(2016年)"]


def test_a_year_over_a_value_word_without_年_names_one_column():
    assert [(c.role, c.year) for c in columns_from_header(["指标2015基期值2020目标值年均增速〔累计〕属性"])] == [
        ("name", None), ("base", 2015), ("target", 2020), ("growth", None), ("binding", None)]
