"""Shapes met on a national plan's news report: a bounded figure run into the next target with no
comma (达到60%以上新建保护区80个), a bare 增加值 that measures the thing named in the clause before
it, and a comparison with the end of an earlier plan period (较“十一五”期末翻一番). The sentences
are written for these tests."""

from .test_prose import targets_of


def _rows(targets):
    return [(t["subject"], t["value"], t["year"]) for t in targets]


def test_a_run_on_target_is_read_as_two():
    got = targets_of("到2030年，科技成果转化率达到60%以上新建各级各类保护区80个。", start=None, end=None)
    assert [(s, v) for s, v, _ in _rows(got)] == [("科技成果转化率", 60), ("各级各类保护区", 80)]


def test_a_bound_followed_by_a_noun_is_not_cut():
    got = targets_of("到2030年，绿色建筑占新建建筑比重达到70%以上。", start=None, end=None)
    assert [(s, v) for s, v, _ in _rows(got)] == [("绿色建筑占新建建筑比重", 70)]


def test_a_bare_value_added_measures_the_industry_named_before_it():
    got = targets_of("“十四五”时期数字产业实现突破性进展，2025年增加值较“十三五”期末翻一番，占地区生产总值比重超过10%。",
                     start=None, end=None)
    subjects = [s for s, *_ in _rows(got)]
    assert subjects[0] == "数字产业增加值"
    assert subjects[1].startswith("数字产业增加值占地区生产总值比重")


def test_a_period_is_the_plans_own_when_the_sentence_sets_a_target_in_its_years():
    # The plan's years unknown (a news report with no title): “十二五”时期 with 2015年 after it is
    # the period the targets are for, not a review of the past.
    got = targets_of("“十二五”时期海洋新兴产业实现突破性进展，2015年增加值较“十一五”期末翻一番，占海洋生产总值比重超过3%。",
                     start=None, end=None)
    subjects = [s for s, *_ in _rows(got)]
    assert subjects == ["海洋新兴产业增加值", "海洋新兴产业增加值占海洋生产总值比重"]


def test_an_earlier_period_is_still_the_past():
    got = targets_of("“十二五”时期海洋生产总值年均增长8%，到2020年海洋生产总值占比达到10%。", start=2016, end=2020)
    assert [s for s, *_ in _rows(got)] == ["海洋生产总值占比"]
    unknown = targets_of("“十二五”时期海洋生产总值年均增长8%。", start=None, end=None)
    assert unknown == []
