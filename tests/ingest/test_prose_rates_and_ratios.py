"""A rate per so many people (孕产妇死亡率降到18/10万) keeps its figure and its per-population unit; a
sex ratio is a dimensionless measure (出生人口性别比下降至112以下); 规划提出 before a subject is not
part of it. The sentences are written for these tests."""

from .test_prose import targets_of


def _rows(targets):
    return [(t["subject"], t["value"], t["unit"], t["year"]) for t in targets]


def test_a_rate_per_so_many_people():
    got = targets_of("到2030年，孕产妇死亡率降到18/10万，婴儿死亡率降到5‰。")
    assert _rows(got) == [("孕产妇死亡率", 18, "/10万", 2030), ("婴儿死亡率", 5, "‰", 2030)]


def test_a_sex_ratio_has_no_unit():
    got = targets_of("到2030年，全市出生人口性别比下降至112以下。")
    assert [(s, v, y) for s, v, _, y in _rows(got)] == [("全市出生人口性别比", 112, 2030)]
    assert not got[0]["unit"]


def test_the_plan_proposing_is_not_the_subject():
    got = targets_of("到2030年，规划提出将城镇化率提高到70%。")
    assert [s for s, *_ in _rows(got)] == ["城镇化率"]


def test_the_country_before_a_subject_is_not_part_of_it():
    got = targets_of("今后5年，中国的单位国内生产总值用水量下降23%。", start=None, end=None)
    assert [s for s, *_ in _rows(got)] == ["单位国内生产总值用水量"]


def test_a_gap_between_two_measures_is_one_subject():
    got = targets_of("到2030年，户籍人口城镇化率与常住人口城镇化率差距明显缩小，城市污水处理率与垃圾无害化处理率明显提高。",
                     start=None, end=None)
    assert [s for s, *_ in _rows(got)] == ["户籍人口城镇化率与常住人口城镇化率差距", "城市污水处理率", "垃圾无害化处理率"]
