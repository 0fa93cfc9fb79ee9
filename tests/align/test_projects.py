"""Keys a parent project is looked for by in the child plan."""

from __future__ import annotations

from plantrack.align.projects import core_name, mentions, stem_and_tail
from plantrack.align.source import SourceLine
from plantrack.align.projects import _keyed


def test_core_name_drops_generic_tails():
    assert core_name("智创城建设重点推进项目") == "智创城"
    assert core_name("5G网络建设完善工程") == "5G网络建设完善"
    assert core_name("“城市客厅”打造工程") == "城市客厅打造"
    assert core_name("储能") == "储能"


def test_stem_and_tail_from_siblings():
    siblings = ["甲河生态修复工程", "乙乙河生态修复工程", "丙湖生态保护与修复工程", "丁丁湖生态保护与修复工程"]
    assert stem_and_tail("乙乙河生态修复工程", siblings) == ("乙乙河", ["生态", "修复"])
    stem, words = stem_and_tail("丙湖生态保护与修复工程", siblings)
    assert stem == "丙湖" and "生态" in words  # the head keeps two characters
    assert stem_and_tail("数字政府", ["数字经济", "数字社会"]) is None  # no shared tail of 3


def test_mentions_cite_lines_and_quote_the_plan():
    lines = [_keyed(SourceLine(7, "推进乙乙河流域水生态修复，建设滨河绿地。")), _keyed(SourceLine(9, "乙乙河两岸植树。"))]
    found = mentions({"name": "乙乙河生态修复工程"}, [], lines, ["甲河生态修复工程", "乙乙河生态修复工程"])
    assert [(m["line"], m["by"]) for m in found] == [(7, "stem")]
    assert "，" in found[0]["text"]  # the plan's own punctuation


def test_short_names_only_among_project_names():
    lines = [_keyed(SourceLine(3, "大力发展储能产业。"))]
    projects = [{"box": "专栏2", "name": "储能", "line": 40}]
    found = mentions({"name": "储能"}, projects, lines)
    assert [m["line"] for m in found] == [40]
