"""A whole row on one line with pipes between its cells (a Markdown table, or a page converted to
pipe-separated text) reads like a tab row; the alignment row under the header is not a row."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables

MARKDOWN = """专栏2 水资源主要指标
| 类别 | 指标 | 2020年 | 2025年 | 属性 |
|:---|:---|---:|---:|:---:|
| 节水 | 万元地区生产总值用水量下降(%) | — | 〔16〕 | 约束性 |
| 节水 | 农田灌溉水有效利用系数 | 0.55 | 0.57 | 预期性 |
| 供水 | 城乡供水保障人口(万人) | 310 | 335 | 预期性 |
"""


def test_a_markdown_table_reads_as_rows_with_its_columns():
    [table] = find_tables(clean_text(MARKDOWN))
    rows = {r["name"]: r for r in table.indicator_rows()}
    assert list(rows) == ["万元地区生产总值用水量下降", "农田灌溉水有效利用系数", "城乡供水保障人口"]
    assert (rows["城乡供水保障人口"]["unit"], rows["城乡供水保障人口"]["base_value"],
            rows["城乡供水保障人口"]["target_value"]) == ("万人", 310, 335)
    assert rows["农田灌溉水有效利用系数"]["category"] == "节水"
    assert rows["万元地区生产总值用水量下降"]["base_value"] is None


def test_the_alignment_row_is_furniture_not_a_row():
    [table] = find_tables(clean_text(MARKDOWN))
    assert all("-" not in r["name"] for r in table.indicator_rows())
