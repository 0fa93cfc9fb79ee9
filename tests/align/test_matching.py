"""Name pairs that must and must not stand for the same indicator.

Composed from how plans at every level word their indicators (national, provincial, city and
county plans; statistical bulletins), not copied from the corpus's gold tables. A pair matches
only by rule or synonym (Catalogue.same); fuzzy similarity never makes a match, which is why
close-looking negatives (城镇登记 / 城镇调查失业率) are here.
"""

from __future__ import annotations

import pytest

from plantrack.align.catalogue import Catalogue

MUST_MATCH = [
    ("GDP增长", "地区生产总值增长"),
    ("国内生产总值增速", "地区生产总值增长率"),
    ("全市地区生产总值(GDP)年均增长", "GDP增速"),
    ("空气质量优良天数比率", "全市空气质量优良天数比例"),
    ("设区市空气质量优良天数比例", "地级及以上城市空气质量优良天数比率"),
    ("地表水达到或好于Ⅲ类水体比例", "地表水达到或优于III类水体比例"),
    ("地表水劣V类水体比例(%)", "地表水劣Ⅴ类水体比例"),
    ("单位GDP能耗降低", "单位地区生产总值能源消耗下降"),
    ("单位GDP二氧化碳排放降低", "单位地区生产总值CO2排放下降"),
    ("地级及以上城市PM2.5浓度", "设区城市细颗粒物浓度"),
    ("全县森林覆盖率(%)", "森林覆盖率"),
    ("城镇化率", "常住人口城镇化率"),
    ("R&D经费增长", "研发经费投入增长"),
    ("研究与试验发展(R&D)经费投入强度", "R&D经费投入强度"),
    ("规模以上工业企业数量", "规上工业企业数量"),
    ("每万人高价值发明专利拥有量", "每万人口高价值发明专利拥有量"),
    ("服务业增加值占GDP的比重", "服务业增加值比重"),
    ("全省用水总量", "全县用水总量"),
    ("万元GDP用水量降幅", "万元地区生产总值用水量较2020年累计下降"),
    ("非化石能源占一次能源消费比重", "非化石能源占能源消费总量比例"),
    ("化学需氧量重点工程减排量", "化学需氧量排放总量减少"),
    ("VOCs重点工程减排量", "挥发性有机物排放总量减少"),
    ("新材料生产企业主营业务收入增速", "新材料生产企业营业收入增长"),
    ("每千人口拥有执业（助理）医师数", "每千人拥有执业(助理)医师数"),
    ("城镇居民人均可支配收入增长率", "城镇居民人均可支配收入增速"),
    ("PM2.5浓度较2020年下降", "细颗粒物浓度下降"),
    ("“双一流”建设高校", "双一流建设高校"),
    ("5G用户普及率", "5G网络用户普及率"),
    ("林业有害生物成灾率", "森林草原有害生物成灾控制率"),
    ("集中式饮用水水源地水质达标率", "城市集中式饮用水水源达到或优于Ⅲ类比例"),
]

MUST_NOT_MATCH = [
    ("单位GDP能耗降低", "单位GDP二氧化碳排放降低"),
    ("城镇居民人均可支配收入增长", "农村居民人均可支配收入增长"),
    ("城镇登记失业率", "城镇调查失业率"),
    ("粮食产量", "粮食综合生产能力"),
    ("国家级重点实验室", "省级重点实验室"),
    ("PM2.5浓度", "PM10浓度"),
    ("森林覆盖率", "森林蓄积量"),
    ("空气质量优良天数比例", "重污染天数比例"),
    ("高技术制造业增加值增速", "高技术制造业投资增速"),
    ("地表水达到或好于Ⅲ类水体比例", "地表水劣Ⅴ类水体比例"),
    ("常住人口城镇化率", "户籍人口城镇化率"),
    ("地区生产总值", "地区生产总值增长"),
    ("研发经费投入强度", "研发经费投入增长"),
    ("每万人口发明专利拥有量", "每万人口高价值发明专利拥有量"),
    ("居民人均可支配收入增长", "城镇居民人均可支配收入增长"),
    ("化学需氧量排放总量减少", "氨氮排放总量减少"),
    ("二氧化硫排放总量减少", "氮氧化物排放总量减少"),
    ("能源综合生产能力", "粮食综合生产能力"),
    ("5G网络用户普及率", "5G移动电话用户"),
    ("地下水质量Ⅴ类水比例", "地表水劣Ⅴ类水体比例"),
    ("从业人员持证率", "全社会劳动力持证率"),
    ("细颗粒物浓度", "PM2.5浓度同比下降"),
    ("城市集中式饮用水水源达到或优于Ⅲ类比例", "地表水达到或好于Ⅲ类水体比例"),
    ("工业增加值占GDP比重", "规上工业增加值增速"),
    ("常住人口", "常住人口城镇化率"),
    ("国家实验室", "省实验室"),
    ("农村生活污水治理率", "城市生活污水集中收集率"),
    ("受污染耕地安全利用率", "污染地块安全利用率"),
    ("水土保持率", "水土流失治理率"),
    ("城镇新增就业", "城镇调查失业率"),
]


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return Catalogue.load()


def test_enough_pairs_half_negative():
    assert len(MUST_MATCH) + len(MUST_NOT_MATCH) >= 40
    assert len(MUST_NOT_MATCH) >= len(MUST_MATCH)


@pytest.mark.parametrize(("a", "b"), MUST_MATCH)
def test_must_match(cat, a, b):
    assert cat.same(a, b), f"{a} / {b}"
    assert cat.same(b, a)


@pytest.mark.parametrize(("a", "b"), MUST_NOT_MATCH)
def test_must_not_match(cat, a, b):
    assert not cat.same(a, b), f"{a} / {b}"
    assert not cat.same(b, a)


@pytest.mark.parametrize(("a", "b"), MUST_NOT_MATCH)
def test_negatives_map_to_different_concepts_or_none(cat, a, b):
    ma, mb = cat.concept_of(a), cat.concept_of(b)
    assert ma is None or mb is None or ma.concept.id != mb.concept.id


def test_names_outside_the_catalogue_match_only_by_normal_form(cat):
    assert cat.same("全市草原综合植被盖度(%)", "草原综合植被盖度")
    assert not cat.same("草原综合植被盖度", "草原植被盖度")
