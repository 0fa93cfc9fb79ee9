"""An enumeration whose later item states a later year and leaves its subject to the item before it
(人均口粮不低于400公斤、到2035年不低于420公斤) gives one target per year, both for that subject. The
sentences are written for these tests."""

from .test_prose import targets_of


def _rows(targets):
    return [(t["subject"], t["value"], t["year"]) for t in targets]


def test_a_later_item_keeps_the_subject_and_takes_its_own_year():
    got = targets_of("到2030年人均粮食消费量不低于400公斤、到2035年不低于420公斤。", start=None, end=None)
    assert _rows(got) == [("人均粮食消费量", 400, 2030), ("人均粮食消费量", 420, 2035)]


def test_items_with_their_own_subjects_are_unchanged():
    got = targets_of("到2030年，城市污水处理率达到98%、农村生活污水治理率达到60%。", start=None, end=None)
    assert _rows(got) == [("城市污水处理率", 98, 2030), ("农村生活污水治理率", 60, 2030)]
