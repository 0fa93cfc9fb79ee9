"""Cleaning: line numbers kept, page furniture dropped, markup stripped, cells preserved."""

from plantrack.ingest.clean import clean_text, is_page_number, normalize_line


def test_every_line_keeps_its_source_line_number():
    lines = clean_text("\n第一章 总则\n\n正文一行。\n")
    assert [(ln.no, ln.text) for ln in lines] == [(2, "第一章 总则"), (4, "正文一行。")]


def test_page_numbers_in_their_usual_dress_are_dropped():
    for text in ("—01—", "- 19 -", "— 12 —", "第 3 页"):
        assert is_page_number(text)
    for text in ("12", "4", "100/230", "- -"):
        assert not is_page_number(text)


def test_the_line_after_a_page_number_opens_a_page():
    lines = clean_text("正文\n— 12 —\n续文")
    assert [ln.text for ln in lines] == ["正文", "续文"] and lines[1].page_start


def test_markdown_heading_marks_and_bold_are_stripped():
    assert normalize_line("### **第三节 战略定位**") == ["第三节 战略定位"]


def test_markers_that_look_like_bold_survive():
    assert normalize_line("人均预期寿命(岁) 77.3** 78.1 - 预期性") == ["人均预期寿命(岁) 77.3** 78.1 - 预期性"]


def test_a_dash_cell_is_not_a_list_bullet():
    assert normalize_line("- 预期性") == ["- 预期性"]
    assert normalize_line("- - [15] 约束性") == ["- - [15] 约束性"]
    assert normalize_line("  - 第一节 完善组织领导体系") == ["第一节 完善组织领导体系"]


def test_subscripts_in_latex_and_html_are_flattened():
    assert normalize_line("PM _{2.5} 浓度") == ["PM2.5浓度"]
    assert normalize_line("PM<sub>2.5</sub>浓度") == ["PM2.5浓度"]


def test_html_paragraphs_become_lines_of_the_same_number():
    lines = clean_text("<p>第一项。</p> <p>第二项。</p>")
    assert [(ln.no, ln.text) for ln in lines] == [(1, "第一项。"), (1, "第二项。")]


def test_half_width_punctuation_after_chinese_becomes_full_width():
    assert normalize_line("历史使命,奋力实现") == ["历史使命，奋力实现"]
    assert normalize_line("12,力争达到") == ["12,力争达到"]


def test_glyphs_are_repaired_while_cleaning():
    assert clean_text("地表水达到或好于栿类水体比例")[0].text == "地表水达到或好于Ⅲ类水体比例"


def test_a_running_header_at_page_starts_is_dropped():
    body = []
    for page in range(4):
        body += ["— %d —" % (page + 1), "某某市国土空间总体规划", f"第{page}页的正文。"]
    texts = [ln.text for ln in clean_text("\n".join(body))]
    assert "某某市国土空间总体规划" not in texts and len(texts) == 4


def test_raw_html_rows_on_one_line_stay_rows_of_their_own():
    raw = ('<p>主要指标表</p> <table> <tr> <td>序号</td> <td>指标</td> </tr> <tr> <td rowspan="2">1</td>'
           ' <td>森林覆盖率</td> </tr>')
    assert [ln.text.split() for ln in clean_text(raw)] == [["主要指标表"], ["序号", "指标"], ["1", "森林覆盖率"]]
