"""The heading tree comes from numbering that continues its sequence, never from markup."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.outline import build_outline, find_toc_lines, match_heading, walk


def outline_of(text: str):
    lines = clean_text(text)
    roots, _ = build_outline(lines, find_toc_lines(lines))
    return roots


def shape(nodes):
    return [(n.label, n.title, [c.label for c in n.children]) for n in nodes]


def test_heading_styles_are_recognised():
    assert match_heading("第十四章 加强规划实施保障").label == "第十四章"
    assert match_heading("第十四章 加强规划实施保障").number == (14,)
    assert match_heading("（三）准确把握战略定位").title == "准确把握战略定位"
    assert match_heading("2.3 规划目标及指标").number == (2, 3)
    assert match_heading("专栏 12 大清河流域生态保护与修复任务").kind == "box"


def test_a_sentence_is_not_a_heading():
    assert match_heading("一、坚持生态优先，推动绿色发展，这是我们在今后很长一个时期必须长期坚持的根本方针和重要原则之一。") is None
    assert match_heading("（二）各县要在规划实施中加强统筹协调，确保各项任务落到实处并定期向社会公布进展情况。") is None


def test_levels_follow_the_order_styles_first_appear():
    roots = outline_of("一、总体要求\n（一）指导思想\n正文。\n（二）基本原则\n正文。\n二、主要任务\n（一）生态保护\n正文。\n")
    assert shape(roots) == [("一、", "总体要求", ["（一）", "（二）"]), ("二、", "主要任务", ["（一）"])]


def test_markdown_levels_that_contradict_numbering_are_ignored():
    roots = outline_of("## 第一章 规划背景\n#### 第一节 发展基础\n正文。\n# 第二节 问题挑战\n正文。\n### 第二章 总体要求\n")
    assert shape(roots) == [("第一章", "规划背景", ["第一节", "第二节"]), ("第二章", "总体要求", [])]


def test_decimal_numbering_nests_by_its_dots():
    roots = outline_of("1 发展基础\n1.1 现状\n1.1.1 生态\n正文。\n1.2 形势\n2 总体要求\n2.1 目标\n")
    assert [(n.label, n.depth) for n in walk(roots)] == [
        ("1", 0), ("1.1", 1), ("1.1.1", 2), ("1.2", 1), ("2", 0), ("2.1", 1)
    ]


def test_numbers_that_do_not_continue_the_sequence_are_not_headings():
    roots = outline_of("第一章 总则\n正文。\n3 生态保护红线 % 24.88 不减少\n第二章 任务\n")
    assert [n.label for n in roots] == ["第一章", "第二章"]


def test_a_table_of_contents_is_dropped():
    toc = "目 录\n第一章 背景\n第一节 基础\n第二节 形势\n第二章 要求\n第一节 思想\n"
    body = "第一章 背景\n第一节 基础\n正文。\n第二节 形势\n正文。\n第二章 要求\n第一节 思想\n正文。\n"
    roots = outline_of(toc + body)
    assert [n.line for n in roots] == [7, 12]
    assert shape(roots) == [("第一章", "背景", ["第一节", "第二节"]), ("第二章", "要求", ["第一节"])]


def test_boxes_hang_under_their_heading():
    roots = outline_of("第一章 总则\n第一节 目标\n专栏1 主要指标\n正文。\n")
    assert roots[0].children[0].children[0].label == "专栏1"


def test_a_wrapped_chapter_title_is_joined():
    roots = outline_of("第一章 坚决扛起历史使命,\n奋力实现宏伟目标\n正文。\n")
    assert roots[0].title == "坚决扛起历史使命，奋力实现宏伟目标"


# --- a national-style plan: 篇 > 章 > 节, chapters numbered straight through ---------------------

from plantrack.ingest.outline import outline_counts  # noqa: E402

from .national_plan import EXPECTED_COUNTS, TEXT as NATIONAL  # noqa: E402


def chapters_of(roots):
    return [n for n in walk(roots) if n.kind == "chapter"]


def test_chapters_numbered_straight_through_parts_are_all_found():
    roots = outline_of(NATIONAL)
    assert [n.label for n in roots if n.kind == "part"] == ["第一篇", "第二篇", "第三篇", "第四篇", "第五篇"]
    assert [n.number[0] for n in chapters_of(roots)] == list(range(1, 15))
    second_part = [n for n in roots if n.label == "第二篇"][0]
    assert [c.label for c in second_part.children] == ["第四章", "第五章", "第六章"]


def test_sections_restart_in_every_chapter_of_every_part():
    roots = outline_of(NATIONAL)
    by_chapter = {c.label: [s.label for s in c.children if s.kind == "section"] for c in chapters_of(roots)}
    assert by_chapter["第五章"] == ["第一节", "第二节", "第三节"]
    assert by_chapter["第十章"] == ["第一节", "第二节"]
    assert by_chapter["第十三章"] == []


def test_a_chapter_cited_at_the_start_of_a_wrapped_line_is_not_a_heading():
    roots = outline_of(NATIONAL)
    fourth = [c for c in chapters_of(roots) if c.label == "第四章"]
    assert len(fourth) == 1 and fourth[0].title == "强化科技力量，提升企业技术创新能力"


def test_a_heading_repeated_as_a_running_header_is_counted_once():
    roots = outline_of(NATIONAL)
    assert [c.label for c in chapters_of(roots)].count("第八章") == 1
    eighth = [c for c in chapters_of(roots) if c.label == "第八章"][0]
    assert [c.label for c in eighth.children] == ["第一节", "第二节"]
    assert [c.label for c in eighth.children[0].children] == ["专栏3"]


def test_items_inside_sections_and_chapters_without_sections_nest_below_them():
    roots = outline_of(NATIONAL)
    tenth = [c for c in chapters_of(roots) if c.label == "第十章"][0]
    first = tenth.children[0]
    assert [c.label for c in first.children] == ["一、", "二、"]
    assert [c.label for c in first.children[0].children] == ["（一）", "（二）"]
    thirteenth = [c for c in chapters_of(roots) if c.label == "第十三章"][0]
    assert [c.label for c in thirteenth.children] == ["一、", "二、"]


def test_outline_counts_count_parts_chapters_sections_and_boxes():
    assert outline_counts(outline_of(NATIONAL)) == EXPECTED_COUNTS


def test_a_list_of_boxes_in_the_contents_is_not_counted():
    roots = outline_of(NATIONAL)
    boxes = [n for n in walk(roots) if n.kind == "box"]
    assert [b.label for b in boxes] == ["专栏1", "专栏2", "专栏3", "专栏4"]
    assert all(b.depth > 0 for b in boxes)


def test_outline_counts_of_a_plan_without_parts():
    roots = outline_of("第一章 总则\n第一节 目标\n专栏1 主要指标\n正文。\n第二节 任务\n正文。\n第二章 保障\n")
    assert outline_counts(roots) == {"篇": 0, "章": 2, "节": 2, "专栏": 1}


def test_sections_and_boxes_in_traditional_script_are_headings():
    roots = outline_of("第一章 總則\n第一節 發展目標\n專欄1 主要指標\n正文。\n第二節 主要任務\n")
    assert outline_counts(roots) == {"篇": 0, "章": 1, "节": 2, "专栏": 1}


def test_a_contents_whose_long_titles_wrap_is_still_dropped():
    toc = ("目  录\n第一章 总体要求……1\n第二章 强化科技创新能力，\n加快建设创新型省份………………4\n"
           "第三章 加快发展现代产业体系……8\n第四章 全面推进乡村振兴……12\n")
    body = ("第一章 总体要求\n正文。\n第二章 强化科技创新能力，\n加快建设创新型省份\n正文。\n"
            "第三章 加快发展现代产业体系\n正文。\n第四章 全面推进乡村振兴\n正文。\n")
    roots = outline_of(toc + body)
    assert [n.line for n in roots] == [7, 9, 12, 14]


def test_a_contents_with_page_numbers_after_a_space_is_dropped():
    toc = "目录\n第一章 总体要求 1\n第二章 主要任务 5\n第三章 保障措施 9\n"
    body = "第一章 总体要求\n正文。\n第二章 主要任务\n正文。\n第三章 保障措施\n正文。\n"
    roots = outline_of(toc + body)
    assert [(n.line, n.title) for n in roots] == [(5, "总体要求"), (7, "主要任务"), (9, "保障措施")]


def test_a_box_cited_at_the_start_of_a_line_is_not_a_box():
    roots = outline_of("第一章 总则\n专栏1 重大工程\n正文。\n按照本章部署，\n专栏1所列项目由各市组织实施。\n第二章 保障\n")
    assert outline_counts(roots)["专栏"] == 1


def test_a_box_whose_title_repeats_after_a_page_break_is_one_box():
    roots = outline_of("第一章 总则\n专栏2 重大工程\n01 项目甲。\n— 5 —\n专栏2 重大工程（续）\n02 项目乙。\n"
                       "第二章 保障\n专栏2 保障工程\n")
    assert [(b.line, b.label) for b in walk(roots) if b.kind == "box"] == [(2, "专栏2"), (8, "专栏2")]


def test_parts_named_bu_fen_divide_the_plan_but_are_not_counted_as_pian():
    roots = outline_of("第一部分 发展基础\n一、主要成就\n正文。\n第二部分 总体要求\n一、指导思想\n正文。\n二、主要目标\n正文。\n")
    assert shape(roots) == [("第一部分", "发展基础", ["一、"]), ("第二部分", "总体要求", ["一、", "二、"])]
    assert outline_counts(roots) == {"篇": 0, "章": 0, "节": 0, "专栏": 0}
