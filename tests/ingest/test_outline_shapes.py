"""Outline counts (篇, 章, 节, 专栏) exact on plans in every heading layout seen in published plans
(tests/ingest/outline_shapes.py), through the whole parse as a user's file goes."""

from __future__ import annotations

import pytest

from plantrack.ingest.clean import clean_text
from plantrack.ingest.outline import build_outline, match_heading, outline_counts
from plantrack.ingest.pipeline import parse_bytes

from .outline_shapes import SHAPES


@pytest.mark.parametrize("shape", SHAPES, ids=[s.name for s in SHAPES])
def test_outline_counts_are_exact(shape):
    assert parse_bytes(shape.text.encode("utf-8"), "plan.txt")["outline_counts"] == shape.counts


def test_a_heading_glued_to_its_first_sentence_keeps_a_short_title():
    h = match_heading("第一节 发展基础 “十三五”期间，全省水利投资创历史新高。")
    assert (h.kind, h.label, h.title) == ("section", "第一节", "发展基础")


def test_a_sentence_opening_with_a_chapter_number_is_not_a_heading():
    assert match_heading("第三章确定的任务分年度实施，各地要抓好落实。") is None
    assert match_heading("第二章 提出的要求，由各部门在年度计划中分解落实，确保按期完成任务。") is None


def test_a_box_repeated_after_its_first_entries_is_one_box():
    text = "第一章 任务\n专栏1 重点工程\n1.甲工程\n2.乙工程\n专栏1 重点工程（续）\n3.丙工程\n专栏2 重点工程\n1.丁工程\n"
    lines = clean_text(text)
    roots, _ = build_outline(lines)
    assert outline_counts(roots)["专栏"] == 2


def test_the_same_box_number_under_another_chapter_is_another_box():
    text = "第一章 甲\n专栏1 工程一\n1.甲工程\n第二章 乙\n专栏1 工程二\n1.乙工程\n"
    roots, _ = build_outline(clean_text(text))
    assert outline_counts(roots)["专栏"] == 2


def test_a_chapter_number_on_its_own_line_takes_its_title_from_the_next():
    roots, _ = build_outline(clean_text("第三章\n优化水资源配置格局\n第一节 建设骨干水网\n推进工程。\n"))
    assert (roots[0].label, roots[0].title) == ("第三章", "优化水资源配置格局")


def test_a_box_continued_with_xu_biao_or_a_shortened_title_is_one_box():
    text = ("第一章 任务\n专栏1 重大基础设施项目\n1.甲工程\n专栏1 重大基础设施项目（续表）\n2.乙工程\n"
            "专栏2 重大产业项目清单\n1.丙项目\n专栏2 重大产业项目\n2.丁项目\n专栏3 民生项目\n1.戊项目\n")
    roots, _ = build_outline(clean_text(text))
    assert outline_counts(roots)["专栏"] == 3


def test_two_boxes_with_one_number_and_different_titles_under_one_chapter_stay_two():
    text = "第一章 任务\n专栏1 重大基础设施项目\n1.甲工程\n专栏1 生态保护项目\n1.乙工程\n"
    roots, _ = build_outline(clean_text(text))
    assert outline_counts(roots)["专栏"] == 2
