"""A 专栏 drawn with box-drawing characters whose rows are indicator sentences (name, aim, target
in one run of words) is read as a table: the frame's verticals are separators, group labels give
categories, a 预期/约束 group label gives its rows their binding, the title's plan period the
target year. Unframed lines and boxes without 指标 in the title are left alone."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.outline import match_heading
from plantrack.ingest.tables import find_tables
from plantrack.ingest.tables.sentence_box import read_sentence_row

BOX = """┌────────────────────────────┐
│ 专栏三:“十二五”时期城乡建设主要指标 │
│ 一、建设调控指标(4个) │
│ 1、住房 │
│ 保障性住房覆盖率力争达到25% │
│ 人均住房面积35平方米 │
│ 2、市政 │
│ 城市燃气普及率保持在99%以上 │
│ 市政设施投入逐年增长 │
│ 二、建设预期指标(3个) │
│ 道路事故死亡率低于3.2/10万 │
│ 新生儿死亡率低于万分之三十 │
│ 公共交通出行比例基本稳定 │
└────────────────────────────┘
"""


def rows(text):
    tables = find_tables(clean_text(text))
    assert len(tables) == 1
    return tables[0], {r["name"]: r for r in tables[0].indicator_rows()}


def test_each_framed_sentence_is_a_row_with_its_aim_kept_in_the_target_text():
    table, got = rows(BOX)
    assert len(got) == 7
    row = got["保障性住房覆盖率"]
    assert (row["unit"], row["target_value"], row["target_text"]) == ("%", 25, "力争达到25%")
    assert got["人均住房面积"]["unit"] == "平方米" and got["人均住房面积"]["target_value"] == 35
    assert got["城市燃气普及率"]["target_text"] == "保持在99%以上"
    assert got["道路事故死亡率"]["unit"] == "/10万" and got["道路事故死亡率"]["target_value"] == 3.2


def test_targets_in_words_and_rates_written_in_words():
    _, got = rows(BOX)
    assert got["市政设施投入"]["target_text"] == "逐年增长" and got["市政设施投入"]["target_value"] is None
    assert got["公共交通出行比例"]["target_text"] == "基本稳定"
    assert (got["新生儿死亡率"]["target_value"], got["新生儿死亡率"]["unit"]) == (30, "/万")


def test_group_labels_give_category_and_binding_and_the_title_the_year():
    table, got = rows(BOX)
    assert got["保障性住房覆盖率"]["category"] == "住房" and got["城市燃气普及率"]["category"] == "市政"
    assert got["保障性住房覆盖率"]["binding"] in (None, "")
    assert got["道路事故死亡率"]["binding"] == "expected" or got["道路事故死亡率"]["binding"] == "预期性"
    assert got["道路事故死亡率"]["category"] == "建设预期指标"
    assert all(r["target_year"] == 2015 for r in got.values())


def test_the_box_title_inside_the_frame_is_a_box_heading_and_other_framed_headings_are_not():
    assert match_heading("│ 专栏三:“十二五”时期城乡建设主要指标 │").kind == "box"
    assert match_heading("│ 一、建设调控指标(4个) │") is None


def test_unframed_sentences_and_boxes_without_indicators_are_not_tables():
    plain = "\n".join(line.strip("│ ") for line in BOX.splitlines()[1:-1])
    assert find_tables(clean_text(plain)) == []
    other = BOX.replace("主要指标", "重点工程")
    assert find_tables(clean_text(other)) == []


def test_a_sentence_row_needs_a_name_and_a_target():
    assert read_sentence_row("人均住房面积35平方米") is not None
    assert read_sentence_row("加快推进住房建设，完善配套") is None
    assert read_sentence_row("2、市政") is None
    assert read_sentence_row("35平方米") is None
