"""A subject opened by a purpose (为保证到2010年人均口粮…) is the noun phrase after it, and a level
to be regained (恢复到1.8亿亩左右) is a target like any level. The sentences are written for these tests."""

from .test_prose import targets_of


def _rows(targets):
    return [(t["subject"], t["value"], t["year"]) for t in targets]


def test_a_purpose_clause_is_not_part_of_the_subject():
    got = targets_of("为保证到2030年人均水资源量不低于500立方米，要加快水源工程建设。")
    assert _rows(got) == [("人均水资源量", 500, 2030)]


def test_a_purpose_clause_in_traditional_script():
    got = targets_of("為確保到2030年城市綠地率不低于40%,要加快公園建設。")
    assert [(s, v) for s, v, _ in _rows(got)] == [("城市綠地率", 40)]


def test_a_level_to_be_regained_is_a_target():
    got = targets_of("到2030年，湿地面积恢复到120万亩左右。")
    assert _rows(got) == [("湿地面积", 120, 2030)]
