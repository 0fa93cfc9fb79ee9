"""Cell types: what a cell is, from its content alone (the first step of reading a table by its body)."""

import pytest

from plantrack.ingest.tables.cells import cell_type, is_value


@pytest.mark.parametrize("text, kind", [
    ("—", "empty"), ("-", "empty"), ("/", "empty"),
    ("约束性", "binding"), ("预期性", "binding"),
    ("2025年", "year"),
    ("0/97/0/81", "compound"),
    ("59.55*", "number"), (">7", "number"), ("≥0.9", "number"), ("[15]", "number"), ("〔14〕", "number"),
    ("6左右", "number"), ("90%以上", "number"), ("3.5以内", "number"), ("29.53万吨", "number"),
    ("不低于20", "number"), ("1,350", "number"), ("-5.82", "number"),
    ("%", "unit"), ("万吨", "unit"), ("微克/立方米", "unit"), ("人/亿元", "unit"),
    ("完成省下达任务", "text"), ("与经济增长同步", "text"), ("提高13.4个百分点", "text"), ("11,力争达到全省平均水平", "number"),
    ("森林覆盖率(%)", "name"), ("地区生产总值增长", "name"), ("5G网络用户普及率", "name"), ("PM2.5浓度", "name"),
])
def test_each_cell_has_the_type_its_content_shows(text, kind):
    assert cell_type(text) == kind


def test_values_are_numbers_empty_marks_compounds_and_words_that_aim():
    assert all(is_value(t) for t in ("12.5", "—", "0/1", "完成国家下达指标"))
    assert not any(is_value(t) for t in ("森林覆盖率", "%", "约束性", "2025年"))


def test_names_opening_with_jiben_or_quanmian_are_names_and_stated_targets_are_text():
    from plantrack.ingest.tables.cells import cell_type

    assert cell_type("基本养老保险参保率") == "name"
    assert cell_type("基本医疗保险参保率") == "name"
    assert cell_type("基本实现全覆盖") == "text"
    assert cell_type("全面完成省下达任务") == "text"
