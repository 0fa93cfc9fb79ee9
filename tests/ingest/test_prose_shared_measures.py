"""A measure without a figure shared by an enumeration of subjects (服务业从业人员、城镇就业人员所占比重
不断提高) is one target per subject; a plan period named under a lead-in that set one of its years
(到2020年，要实现以下目标：…“十三五”时期城镇新增就业…) is the plan's own even when the plan's years are
unknown. The sentences are written for these tests."""

from .test_prose import targets_of


def _rows(targets):
    return [(t["subject"], t["value"], t["year"]) for t in targets]


def test_a_shared_measure_without_a_figure_gives_one_target_per_subject():
    got = targets_of("到2030年，服务业从业人员、城镇就业人员所占比重不断提高。")
    assert [s for s, *_ in _rows(got)] == ["服务业从业人员所占比重", "城镇就业人员所占比重"]


def test_a_shared_measure_with_a_figure_is_left_alone():
    # One figure for the two together: which one it measures is not for this rule to say.
    got = targets_of("到2030年，服务业、城镇就业人员比重达到60%。")
    assert _rows(got) == [("服务业、城镇就业人员比重", 60, 2030)]


def test_a_period_under_a_lead_in_year_is_the_plans_own():
    text = "规划提出，到2020年，要实现以下目标：\n“十三五”时期城镇新增就业5000万人以上，全国城镇登记失业率控制在5%以内。"
    got = targets_of(text, start=None, end=None)
    assert _rows(got) == [("城镇新增就业", 5000, 2020), ("全国城镇登记失业率", 5, 2020)]


def test_a_period_under_a_later_lead_in_year_is_still_the_past():
    text = "规划提出，到2025年，要实现以下目标：\n“十三五”时期城镇新增就业5000万人以上。"
    assert targets_of(text, start=None, end=None) == []
