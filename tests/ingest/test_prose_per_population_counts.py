"""A count per so many people (每千人拥有社会体育指导员2.16名) is a rate whose denominator is part of
its name, unlike a count that holds in each of several places (每个县至少有1家医院, a scope); 带动
before a total (带动全国体育产业总规模达到5万亿元) is a framing verb, not part of the subject. The
sentences are written for these tests."""

from .test_prose import targets_of


def _rows(targets):
    return [(t["subject"], t["value"], t["unit"], t.get("scope")) for t in targets]


def test_a_count_per_thousand_people_is_a_rate():
    got = targets_of("到2030年，每千人拥有社会体育指导员3名，每万人口拥有全科医生5人。")
    assert _rows(got) == [("每千人拥有社会体育指导员", 3, "名", None), ("每万人口拥有全科医生", 5, "人", None)]


def test_a_count_in_each_place_keeps_its_scope():
    got = targets_of("到2030年，每个县至少有1家二级甲等医院。")
    assert len(got) == 1
    assert got[0]["scope"] == "每个县"
    assert not got[0]["subject"].startswith("每")


def test_driving_a_total_is_not_the_subject():
    got = targets_of("到2030年，带动全市体育产业总规模达到500亿元。")
    assert [(s, v) for s, v, *_ in _rows(got)] == [("全市体育产业总规模", 500)]


def test_driving_employment_stays_in_the_subject():
    got = targets_of("到2030年，带动就业人数达到10万人。")
    assert [s for s, *_ in _rows(got)] == ["带动就业人数"]
