"""The catalogue: loading and validating its data, lookups, decisions, candidates, observations."""

from __future__ import annotations

import csv

import pytest

from plantrack.align.catalogue import Catalogue, Concept
from plantrack.align.normalize import normalize

from ..conftest import SHARED

SMALL = """# a comment
id,name,unit,direction,synonyms,related,note
forest_coverage,森林覆盖率,%,higher,,forest_stock,
forest_stock,森林蓄积量,亿立方米,higher,,forest_coverage,
energy_intensity_decline,单位地区生产总值能源消耗降低,%,higher,单位GDP能耗降低,,
"""


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return Catalogue.load()


def test_project_catalogue_loads(cat):
    assert len(cat) >= 80
    assert cat.get("forest_coverage").direction == "higher"
    assert cat.get("surveyed_unemployment").direction == "lower"


def test_methods():
    small = Catalogue.from_text(SMALL)
    assert small.concept_of("森林覆盖率").method == "exact"
    assert small.concept_of("森林覆盖率(%)").method == "normalized"
    m = small.concept_of("单位GDP能耗下降")
    assert (m.concept.id, m.method) == ("energy_intensity_decline", "synonym")
    assert small.concept_of("单位GDP能源消耗降低").method == "normalized"
    assert small.concept_of("草原综合植被盖度") is None


def test_unit_compatibility_is_reported_not_decisive():
    small = Catalogue.from_text(SMALL)
    m = small.concept_of("森林覆盖率", unit="万亩")
    assert m.concept.id == "forest_coverage" and m.unit_compatible is False
    assert small.concept_of("森林覆盖率", unit="%").unit_compatible is True


def test_decisions_confirm_and_reject():
    small = Catalogue.from_text(SMALL)
    name = "森林覆被率"
    assert small.concept_of(name) is None
    confirmed = small.concept_of(name, decisions={(normalize(name), "forest_coverage"): True})
    assert (confirmed.concept.id, confirmed.method) == ("forest_coverage", "confirmed")
    rejected = {(normalize("森林覆盖率"), "forest_coverage"): False}
    assert small.concept_of("森林覆盖率", decisions=rejected) is None
    assert all(c.concept.id != "forest_coverage" for c in small.candidates("森林覆盖率", decisions=rejected))


def test_candidates_are_fuzzy_and_weigh_units():
    small = Catalogue.from_text(SMALL)
    cands = small.candidates("森林覆被率", unit="%")
    assert cands[0].concept.id == "forest_coverage" and cands[0].method == "fuzzy"
    assert 0 < cands[0].score < 1
    with_wrong_unit = small.candidates("森林覆被率", unit="万吨")[0]
    assert with_wrong_unit.score < cands[0].score


def test_candidates_never_match(cat):
    assert cat.concept_of("森林覆被率") is None
    assert cat.candidates("森林覆被率")[0].concept.id == "forest_coverage"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id,name\nx,森林覆盖率\nx,森林蓄积量\n", "重复"),
        ("id,name\nx,森林覆盖率\ny,森林覆盖率(%)\n", "已属于概念 x"),
        ("id,name,direction\nx,森林覆盖率,up\n", "direction"),
        ("id,name,related\nx,森林覆盖率,nope\n", "不存在"),
        ("id,name\nX-1,森林覆盖率\n", "小写"),
        ("id,name\n,森林覆盖率\n", "不能为空"),
        ("name\n森林覆盖率\n", "缺少列"),
    ],
)
def test_bad_data_is_refused_with_the_row(text, message):
    with pytest.raises(ValueError, match=message):
        Catalogue.from_text(text, "concepts.csv")


def test_from_concepts():
    cat = Catalogue.from_concepts([Concept("a", "森林覆盖率", "%", "higher")])
    assert cat.concept_of("全市森林覆盖率").concept.id == "a"


def test_every_catalogue_row_maps_to_itself(cat):
    for c in cat.concepts.values():
        assert cat.concept_of(c.name).concept.id == c.id
        for s in c.synonyms:
            assert cat.concept_of(s).concept.id == c.id


# --- observation names (../shared/data/observations.csv) -----------------------------------------

OBSERVATION_CONCEPTS = {
    "PM2.5浓度较2020年下降": "pm25_decline",
    "PM2.5浓度同比下降": "pm25_decline_yoy",
    "设区城市细颗粒物(PM2.5)浓度": "pm25_concentration",
    "设区城市细颗粒物(PM2.5)浓度(1-10月累计)": "pm25_concentration",
    "地区生产总值增长": "gdp_growth",
    "地区生产总值年均增长(2021-2025)": "gdp_growth",
    "地区生产总值": "gdp",
    "常住人口": "population",
    "常住人口城镇化率": "urbanization",
    "户籍人口城镇化率": "registered_urbanization",
    "研发经费投入增长": "rd_growth",
    "R&D经费": "rd_spending",
    "R&D经费投入强度": "rd_intensity",
    "设区城市空气质量优良天数比例(扣除沙尘异常超标天)": "good_air_days",
    "地表水达到或好于III类水体比例(国考断面优良比例)": "surface_water_iii",
    "地表水国考断面水质优良比例": "surface_water_iii",
    "万元地区生产总值用水量较2020年累计下降": "water_intensity_decline",
    "粮食产量": "grain_output",
    "5G移动电话用户": "g5_users",
}


@pytest.mark.parametrize(("name", "concept"), sorted(OBSERVATION_CONCEPTS.items()))
def test_observation_names(cat, name, concept):
    assert cat.concept_of(name).concept.id == concept


def test_observations_and_plans_meet_in_one_concept(cat):
    pairs = [("PM2.5浓度较2020年下降", "细颗粒物浓度下降"), ("地区生产总值增速", "地区生产总值增长"),
             ("R&D经费增长", "研发经费投入增长"),
             ("设区城市空气质量优良天数比例(扣除沙尘异常超标天)", "地级及以上城市空气质量优良天数比率")]
    for obs, plan in pairs:
        assert cat.same(obs, plan), (obs, plan)
    assert not cat.same("粮食产量", "粮食综合生产能力")
    assert "grain_output" in cat.get("grain_capacity").related
    assert not cat.same("PM2.5浓度较2020年下降", "设区城市细颗粒物浓度")  # a change, not the level
    assert "pm25_decline" in cat.get("pm25_concentration").related


def test_population_and_gdp_level_are_concepts_of_their_own(cat):
    assert cat.concept_of("常住人口").concept.id == "population"
    assert cat.concept_of("地区生产总值").concept.id == "gdp"
    assert not cat.same("地区生产总值", "地区生产总值增长")


def test_every_observation_name_maps():
    path = SHARED / "data" / "observations.csv"
    if not path.is_file():
        pytest.skip("../shared/data/observations.csv is not next to the repository")
    cat = Catalogue.load()
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    unmapped = {(r["indicator"], r["unit"]) for r in rows if cat.concept_of(r["indicator"], r["unit"]) is None}
    assert unmapped == set()
    incompatible = {(r["indicator"], r["unit"]) for r in rows
                    if cat.concept_of(r["indicator"], r["unit"]).unit_compatible is False}
    assert incompatible == set()
