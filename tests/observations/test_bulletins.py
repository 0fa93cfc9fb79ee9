"""The bulletin reader: values of catalogue concepts with their line and sentence, the region and
year from the title, and its precision and recall on real bulletins against the hand-checked gold."""

from __future__ import annotations

import pytest

from plantrack.observations.bulletins import BulletinError, propose_text, read_bulletin, title_of
from plantrack.domain.regions import load_regions, resolve_region

from .bulletin_scoring import BULLETINS, score


def shanxi():
    return resolve_region("山西省", load_regions())


def by_concept(text: str, year: int = 2022) -> dict[str, float]:
    return {p.concept: p.value for p in propose_text(text, shanxi(), year)}


def test_a_level_and_the_growth_of_the_same_subject():
    found = by_concept("初步核算，全年全省地区生产总值25642.59亿元，按不变价格计算，比上年增长4.4%。")
    assert found == {"gdp": 25642.59, "gdp_growth": 4.4}


def test_a_decline_of_a_growth_concept_is_a_negative_growth():
    assert by_concept("全年全省地区生产总值20000亿元，比上年下降2.5%。")["gdp_growth"] == -2.5


def test_parts_of_the_whole_are_not_the_whole():
    found = by_concept("其中，第一产业增加值1340.40亿元，增长5.1%，占地区生产总值比重为5.2%；"
                       "第三产业增加值10461.34亿元，增长2.7%，占地区生产总值比重为40.8%。")
    assert found == {"services_share": 40.8}


def test_units_convert_to_the_concept_unit():
    found = by_concept("年末全市常住人口3365597人。全年粮食总产量46695吨。全县地区生产总值244394万元。")
    assert found["population"] == pytest.approx(336.5597)
    assert found["grain_output"] == pytest.approx(4.6695)
    assert found["gdp"] == pytest.approx(24.4394)


def test_a_value_in_another_currency_or_a_change_in_points_is_not_proposed():
    found = by_concept("人均地区生产总值73675元，按2022年平均汇率计算为10954美元。城镇化率比上年末提高0.54个百分点。")
    assert found == {"gdp_per_capita": 73675}


def test_a_subset_of_cities_is_not_the_regions_figure():
    found = by_concept("监测的74个城市平均优良天数比例为74.2%；全国338个地级及以上城市平均优良天数比例为78.8%。")
    assert found == {"good_air_days": 78.8}


def test_the_first_statement_of_a_concept_wins():
    found = by_concept("全年全国城镇调查失业率平均值为5.6%。年末全国城镇调查失业率为5.5%。")
    assert found == {"surveyed_unemployment": 5.6}


def test_every_proposal_keeps_its_line_and_sentence():
    proposals = propose_text("一、综合\n全省地区生产总值为25642.59亿元，首次突破2.5万亿大关。", shanxi(), 2022)
    assert [(p.line, p.quote) for p in proposals] == [(2, "全省地区生产总值为25642.59亿元，首次突破2.5万亿大关。")]


def test_region_and_year_come_from_the_title_or_must_be_given():
    assert title_of("山西省2013年国民经济和社会发展统计公报\n")[:2] == ("山西省", 2013)
    b = read_bulletin((BULLETINS / "shanxi-2013.txt").read_bytes(), "shanxi-2013.txt")
    assert (b.region, b.region_code, b.year) == ("山西省", "140000", 2013)
    with pytest.raises(BulletinError, match="--region"):
        read_bulletin((BULLETINS / "shanxi-2022.txt").read_bytes(), "shanxi-2022.txt")
    b = read_bulletin((BULLETINS / "shanxi-2022.txt").read_bytes(), "shanxi-2022.txt", "山西", 2022)
    assert (b.region, b.year) == ("山西省", 2022)


def test_traditional_script_with_pinyin_notes_reads_like_simplified():
    text = "初步核算,全市完成地區(qū)生產(chǎn)總值(GDP)1222.62億元,按可比價(jià)格計(jì)算,比上年增長(zhǎng)0.3%。"
    assert by_concept(text, 2017) == {"gdp": 1222.62, "gdp_growth": 0.3}


@pytest.mark.parametrize("gold", ["gold.tsv", "gold-heldout.tsv"])
def test_precision_and_recall_on_real_bulletins(gold):
    total, _ = score(gold_file=gold)
    assert total.gold >= 13
    assert total.precision >= 0.95, total.wrong
    assert total.recall >= 0.8, total.missed


def test_an_html_page_is_read_with_the_plan_reading_engine():
    text = (BULLETINS / "shanxi-2022.txt").read_text(encoding="utf-8").splitlines()
    page = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>山西省2022年国民经济和社会发展统计公报</title></head><body>"
            "<h1>山西省2022年国民经济和社会发展统计公报</h1>" + "".join(f"<p>{line}</p>" for line in text) + "</body></html>")
    b = read_bulletin(page.encode("utf-8"), "shanxi-2022.html")
    assert (b.region, b.year) == ("山西省", 2022)
    assert {p.concept: p.value for p in b.proposals}["gdp"] == 25642.59
    assert {p.concept for p in b.proposals} == {p.concept for p in read_bulletin(
        (BULLETINS / "shanxi-2022.txt").read_bytes(), "shanxi-2022.txt", "山西省", 2022).proposals}
