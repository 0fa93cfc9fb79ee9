"""Respective figures for more than two subjects (用水量、能耗、碳排放分别下降23%、15%、18%): one
target each, in order, in either script; a count of figures that does not match the subjects
gives no pairing rather than a wrong one. The sentences are written for these tests."""

from .test_prose import targets_of


def _rows(targets):
    return [(t["subject"], t["value"], t["year"]) for t in targets]


def test_three_subjects_take_three_figures_in_order():
    got = targets_of("到2030年，单位产值用水量、能源消耗、碳排放强度分别下降20%、12%、16%。")
    assert _rows(got) == [("单位产值用水量", 20, 2030), ("能源消耗", 12, 2030), ("碳排放强度", 16, 2030)]


def test_traditional_script_and_a_final_and():
    got = targets_of("到2030年,全市用水總量、能源消耗和垃圾填埋量分別下降8%、10%和30%。")
    assert [(s, v) for s, v, _ in _rows(got)] == [("全市用水總量", 8), ("能源消耗", 10), ("垃圾填埋量", 30)]


def test_figures_that_do_not_match_the_subjects_are_not_paired():
    got = targets_of("到2030年，用水量、能耗、碳排放分别下降20%、12%。")
    assert ("能耗", 12, 2030) not in _rows(got)
