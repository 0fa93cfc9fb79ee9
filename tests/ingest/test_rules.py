"""Cues derived from rule patterns (ingest/rules.py): what a text must contain for a pattern to fit.

A cue is a necessary test: where it fails, the pattern must not match. These tests state what is
derived from small patterns and check that necessity on every clause of synthetic prose, for the
real rule tables (prose TARGET_RULES and TIME_RULES, tasks TASK_RULES) as well."""

import re

from plantrack.ingest import prose, tasks
from plantrack.ingest.rules import all_cues, any_cue, cue, earliest_match


def fragments(pattern: str) -> set[str] | None:
    got = cue(pattern)
    return set(got.split("|")) if got is not None else None


def test_a_sequence_of_literals_is_one_word():
    assert fragments(r"^(?P<s>.*)达到\s*\d+") == {"达到"}


def test_an_alternation_gives_each_branch_and_an_optional_part_both_ways():
    assert fragments(r"(?:达到|提高到)") == {"达到", "提高到"}
    assert fragments(r"(?:不)?低于") == {"不低于", "低于"}


def test_a_repeat_that_may_match_nothing_and_a_negated_class_say_nothing():
    assert cue(r"^.*$") is None
    assert cue(r"[^，；]*") is None
    assert fragments(r"[^，；]{2,4}的") == {"的"}


def test_the_strongest_required_set_wins_words_over_digits():
    assert fragments(r"\d+(?:\.\d+)?%以上") == {"%以上"}
    assert fragments(r"控制在\s*\d+") == {"控制在"}


def test_a_lookahead_is_required_a_lookbehind_is_not():
    assert fragments(r"[两三]{1,2}(?=个百分点)") == {"个百分点"}
    assert fragments(r"(?<=率)提高") == {"提高"}


def test_a_broad_class_is_no_cue_but_a_small_one_is():
    assert cue(r"[\u4e00-\u9fff]+") is None
    assert fragments(r"[个家]") == {"[个家]"}


def test_any_cue_takes_a_set_shared_by_many_patterns():
    # Both need a figure; only one needs 为: the shared figure is the cue, not 为.
    got = any_cue([re.compile(r"为\s*\d+"), re.compile(r"达到\s*\d+"), re.compile(r"全覆盖$")])
    assert set(got.pattern.split("|")) == {r"\d", "全覆盖"}


def test_any_cue_drops_a_fragment_that_holds_another():
    got = any_cue([re.compile(r"年均增长\d"), re.compile(r"增长$")])
    assert "年均增长" not in got.pattern.split("|") and "增长" in got.pattern.split("|")


CLAUSES = [
    "到2025年，全市森林覆盖率达到26%以上", "城镇新增就业25万人", "单位地区生产总值能耗下降13.5%",
    "空气质量优良天数比例不低于85%", "农村生活污水治理率提高两个百分点", "饮用水水源地水质全部达标",
    "城乡居民收入增长与经济增长基本同步", "“十四五”期间累计新建高标准农田50万亩", "县城建成区绿地率显著提高",
    "实现生活垃圾“零填埋”", "截至2020年底已建成污水处理厂12座", "2025年前泉水复流", "人口控制在800万以内",
    "全面完成省下达的节能目标任务", "由市水利局牵头，市财政局配合。", "（责任单位：市生态环境局、市水利局）",
    "农田灌溉水有效利用系数达到0.56", "日处理量超过500吨的城市（县城）", "2021—2025年", "规划期末人均公园绿地面积15平方米",
]


def test_every_cue_of_the_real_rule_tables_holds_where_its_pattern_fits():
    tables = {"target": prose.TARGET_RULES, "time": prose.TIME_RULES, "task": tasks.TASK_RULES}
    unions = {"target": prose._ANY_CUE, "time": prose.TIME_CUE, "task": tasks._TASK_CUE}
    fitted = 0
    for kind, rules in tables.items():
        for text in CLAUSES:
            for rule in rules:
                m = rule.pattern.search(text)
                if m:
                    fitted += 1
                    assert unions[kind].search(text, m.start()), (kind, rule.name, text)
                    assert all(c.search(text) for c in all_cues(rule.pattern)), (kind, rule.name, text)
    assert fitted >= 25  # the clauses do exercise the tables


def test_earliest_match_is_unchanged_by_the_time_cue():
    text = "较2020年下降5%，到2025年达到26%"
    marks = prose.time_marks(text, 2025)
    assert [(m.kind, m.year) for m in marks] == [("base", 2020), ("deadline", 2025)]
    assert earliest_match(prose.TIME_RULES, text)[0].name == "comparison_base"


def test_a_pattern_requiring_nothing_leaves_any_cue_open():
    assert any_cue([re.compile(r"达到\d"), re.compile(r"^.*$")]).search("无关的句子")
