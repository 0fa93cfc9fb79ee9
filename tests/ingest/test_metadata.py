"""Metadata read from the plan's own words: cover notice, title line, preface; never guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from plantrack.ingest.clean import clean_text
from plantrack.ingest.metadata import extract_metadata, five_year_plan_years, plan_kind, region_of
from plantrack.ingest.outline import build_outline, find_toc_lines

CORPUS = Path("/work/shared/corpus")


def meta_of(text: str) -> dict:
    lines = clean_text(text)
    _, heading_at = build_outline(lines, find_toc_lines(lines))
    return extract_metadata(lines, heading_at)


COUNTY_NOTICE = """\
平遥县人民政府文件

平政发〔2022〕31号

平遥县人民政府
关于印发平遥县“十四五”文化旅游融合发展
规划的通知

各乡（镇）人民政府，县直各有关单位：
《平遥县“十四五”文化旅游融合发展规划》已经县政府常务会议研究同意，现印发给你们，请结合实际认真贯彻落实。

平遥县人民政府
2022年3月15日

（此件公开发布）

平遥县“十四五”文化旅游融合发展规划

第一章 发展基础
“十三五”以来，全县旅游接待人数稳步增长，古城保护利用取得新进展。
第二章 总体要求
到2025年，旅游总收入明显提高。展望2035年，建成世界知名旅游目的地。
第三章 重点任务
推进古城保护。引用《山西省国土空间规划（2021—2040年）》的要求落实空间管控。
"""


def test_county_notice_cover():
    m = meta_of(COUNTY_NOTICE)
    assert m["title"] == "平遥县“十四五”文化旅游融合发展规划"
    assert m["issuer"] == "平遥县人民政府"
    assert m["doc_number"] == "平政发〔2022〕31号"
    assert m["issued_on"] == "2022-03-15"
    assert (m["level"], m["kind"], m["region"]) == ("county", "special", "平遥县")
    assert m["period"] == {"start": 2021, "end": 2025}
    assert m["horizon"] == 2035


def test_wrapped_markdown_title_without_cover_and_chinese_year():
    text = """\
# 洛阳市国民经济和社会发展
# 第十四个五年规划和二〇三五年远景目标纲要

第一章 开启新征程
洛阳市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要，主要阐明发展思路。
"""
    m = meta_of(text)
    assert m["title"] == "洛阳市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert m["issuer"] is None and m["doc_number"] is None and m["issued_on"] is None
    assert (m["level"], m["kind"], m["region"]) == ("city", "general", "洛阳市")
    assert m["period"] == {"start": 2021, "end": 2025}
    assert m["horizon"] == 2035


def test_spatial_plan_with_explicit_range_and_no_horizon():
    text = """\
河南省国土空间规划（2021—2035年）

第一章 规划总则
本规划是全省国土空间保护、开发、利用、修复的政策和总纲。
"""
    m = meta_of(text)
    assert m["title"] == "河南省国土空间规划（2021—2035年）"
    assert (m["level"], m["kind"], m["region"]) == ("province", "spatial", "河南省")
    assert m["period"] == {"start": 2021, "end": 2035}
    assert m["horizon"] is None


def test_title_from_preface_when_cover_pages_are_missing():
    text = """\
前 言
为落实上级部署，依据《中共某某县委关于制定“十四五”规划的建议》，结合实际，编制《晋源县“十四五”
水利发展规划》。
1 现状与形势
1.1 发展现状
全县水利设施逐步完善。
"""
    m = meta_of(text)
    assert m["title"] == "晋源县“十四五”水利发展规划"
    assert m["issuer"] is None and m["doc_number"] is None
    assert (m["level"], m["kind"]) == ("county", "special")
    assert m["period"] == {"start": 2021, "end": 2025}
    assert m["horizon"] is None


def test_cited_document_numbers_and_years_are_not_the_plans():
    text = """\
前 言
根据《关于开展规划编制工作的通知》（豫环委办〔2020〕5号）要求，编制《安阳市生态环境保护规划》。
落实《河南省国土空间规划（2021—2035年）》。
第一章 基础
现状良好。
"""
    m = meta_of(text)
    assert m["doc_number"] is None
    assert m["horizon"] is None
    assert m["period"] == {"start": None, "end": None}  # the title names no period and the text states none


def test_regional_plan_period_end_only_from_stages():
    text = """\
陕西省渭河流域生态保护和高质量发展规划
前 言
本规划是指导渭河流域生态保护的纲领性文件。规划期 10 年，分两个阶段，第一阶段至 2025 年，第二阶段至 2030 年，中期展望至 2035 年。
第一章 规划背景
"""
    m = meta_of(text)
    assert (m["level"], m["kind"], m["region"]) == ("province", "regional", "陕西省")
    assert m["period"] == {"start": None, "end": 2025}
    assert m["horizon"] == 2035


@pytest.mark.parametrize(
    "title, region, level",
    [
        ("重庆市国民经济和社会发展第十四个五年规划", "重庆市", "province"),
        ("内蒙古自治区“十四五”生态环境保护规划", "内蒙古自治区", "province"),
        ("河南省洛阳市城市更新规划", "洛阳市", "city"),
        ("延边朝鲜族自治州旅游发展规划", "延边朝鲜族自治州", "city"),
        ("锡林郭勒盟“十四五”牧业发展规划", "锡林郭勒盟", "city"),
        ("平遥县交通发展规划", "平遥县", "county"),
        ("运城市盐湖区“十四五”农业农村现代化规划", "盐湖区", "county"),
        ("山西省运城市盐湖区国土空间总体规划", "盐湖区", "county"),
        # A name several districts share keeps the unit before it, so the plan is filed to one place.
        ("福州市鼓楼区“十四五”发展规划", "福州市鼓楼区", "county"),
        ("北京市朝阳区“十四五”规划", "北京市朝阳区", "county"),
        ("晋城市城区“十四五”规划", "晋城市城区", "county"),
        ("上海市浦东新区国民经济和社会发展第十四个五年规划", "浦东新区", "county"),
        ("湖北省神农架林区旅游发展规划", "神农架林区", "county"),
        ("舟山市“十四五”海洋经济发展规划", "舟山市", "city"),
        ("长春市国民经济和社会发展第十四个五年规划", "长春市", "city"),
        # 区 that is not a district of that city stays a word of the title, not a place.
        ("运城市中心城区供热专项规划", "运城市", "city"),
        ("太原市开发区产业发展规划", "太原市", "city"),
        ("太原市盐湖区发展规划", "太原市", "city"),  # 盐湖区 exists, but under 运城市
        ("天津市建设海洋强市行动计划（2016—2020年）", "天津市", "province"),
        ("山西省晋中市太谷县“十四五”规划", "太谷县", "county"),  # a former name, still the same place
        ("某某省江州市清河县交通规划", "清河县", "county"),  # places the gazetteer lacks: suffixes decide
        ("全国国土空间规划纲要（2021—2035年）", "全国", "national"),
        ("长三角城市群发展规划", None, None),
        ("“十四五”现代综合交通运输体系发展规划", None, None),
    ],
)
def test_region_and_level_from_name_suffix(title, region, level):
    assert region_of(title) == (region, level)


@pytest.mark.parametrize(
    "title, kind",
    [
        ("某省国民经济和社会发展第十四个五年规划纲要", "general"),
        ("某市国土空间总体规划（2021—2035年）", "spatial"),
        ("某某流域生态保护和高质量发展规划", "regional"),
        ("某某都市圈发展规划", "regional"),
        ("某省“十四五”“一带一流域”生态保护规划", "special"),  # a slogan in quotes is not the territory
        ("某市“十四五”教育事业发展规划", "special"),
        (None, None),
    ],
)
def test_kind(title, kind):
    assert plan_kind(title) == kind


def test_five_year_plan_years():
    assert five_year_plan_years(1) == (1953, 1957)
    assert five_year_plan_years(3) == (1966, 1970)
    assert five_year_plan_years(13) == (2016, 2020)
    assert five_year_plan_years(15) == (2026, 2030)


EXPECTED = {
    "shanxi-14th-fyp-outline": dict(
        title="山西省国民经济和社会发展第十四个五年规划和2035年远景目标纲要", issuer="山西省人民政府",
        doc_number="晋政发〔2021〕7号", issued_on="2021-04-09", level="province", kind="general",
        region="山西省", period={"start": 2021, "end": 2025}, horizon=2035,
    ),
    "yuncheng-14th-fyp-outline": dict(
        title="运城市国民经济和社会发展第十四个五年规划和2035年远景目标纲要", issuer="运城市人民政府",
        doc_number="运政发〔2021〕12号", issued_on="2021-04-28", level="city", kind="general",
        region="运城市", period={"start": 2021, "end": 2025}, horizon=2035,
    ),
    "shanxi-ecology-14th-plan": dict(
        title="山西省“十四五”“两山七河一流域”生态保护和生态文明建设、生态经济发展规划", issuer=None,
        doc_number=None, issued_on=None, level="province", kind="special", region="山西省",
        period={"start": 2021, "end": 2025}, horizon=2035,
    ),
    "shanxi-yellow-river-plan": dict(
        title="山西省黄河流域生态保护和高质量发展规划", issuer=None, doc_number=None, issued_on=None,
        level="province", kind="regional", region="山西省", period={"start": None, "end": 2025}, horizon=2035,
    ),
    "xinzhou-ecology-14th-plan": dict(
        title="忻州市“十四五”“两山四河一流域”生态保护和生态文明建设、生态经济发展规划", issuer=None,
        doc_number=None, issued_on=None, level="city", kind="special", region="忻州市",
        period={"start": 2021, "end": 2025}, horizon=None,
    ),
}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus folder not present")
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_metadata(name):
    m = meta_of((CORPUS / f"{name}.txt").read_text(encoding="utf-8"))
    assert set(m) == {"title", "issuer", "doc_number", "issued_on", "level", "kind", "region", "period", "horizon"}
    assert m == EXPECTED[name]


def test_district_plan_titled_with_its_city_is_filed_to_the_district():
    text = (Path(__file__).parent.parent / "fixtures" / "regions" / "yanhu-district-14th-plan.txt").read_text(encoding="utf-8")
    m = meta_of(text)
    assert m["title"] == "运城市盐湖区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert (m["level"], m["region"]) == ("county", "盐湖区")
    assert m["issuer"] == "运城市盐湖区人民政府"


def test_district_named_only_by_the_issuer_is_read_from_it():
    assert region_of("运城市盐湖区人民政府") == ("盐湖区", "county")


# --- shapes of reposts: a portal's 信息公开 block, a number in brackets after the title -------------

PORTAL_BLOCK = """\
索引号：11140000MB0000000X/2021-00123　　主题分类：国民经济管理
发文机关：江川市人民政府　　成文日期：2021年04月09日
标　　题：江川市人民政府关于印发江川市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要的通知
发文字号：江政发〔2021〕7号　　发布日期：2021年04月15日

江川市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要

第一章 发展环境
全市经济总量稳步增长。
第二章 总体要求
到2025年，地区生产总值年均增长6%左右。
"""


def test_portal_metadata_block_gives_issuer_number_and_date_of_writing():
    m = meta_of(PORTAL_BLOCK)
    assert m["issuer"] == "江川市人民政府"
    assert m["doc_number"] == "江政发〔2021〕7号"
    assert m["issued_on"] == "2021-04-09"  # 成文日期, not the later 发布日期
    assert m["period"] == {"start": 2021, "end": 2025}


def test_portal_block_one_label_a_line_with_iso_dates():
    text = "发布机构：\u3000某某县人民政府办公室\n发文字号：\u3000某政办发〔2022〕15号\n发布日期：2022-06-30\n\n某某县“十四五”水利发展规划\n\n第一章 现状\n水利设施逐步完善。\n"
    m = meta_of(text)
    assert (m["issuer"], m["doc_number"], m["issued_on"]) == ("某某县人民政府办公室", "某政办发〔2022〕15号", "2022-06-30")


def test_number_in_brackets_after_the_title():
    text = "某某市“十四五”生态环境保护规划\n（某政发〔2021〕33号）\n\n第一章 发展基础\n环境质量持续改善。\n"
    assert meta_of(text)["doc_number"] == "某政发〔2021〕33号"


def test_a_cited_number_in_a_sentence_is_not_the_plans_own():
    text = "某某市“十四五”生态环境保护规划\n根据《关于加强生态保护的意见》（某政发〔2019〕8号）要求，编制本规划。\n\n第一章 发展基础\n环境质量持续改善。\n"
    m = meta_of(text)
    assert (m["doc_number"], m["issuer"], m["issued_on"]) == (None, None, None)


def test_labels_without_values_give_nothing():
    text = "发文机关：\n发文字号：\n成文日期：\n某某县“十四五”水利发展规划\n\n第一章 现状\n水利设施逐步完善。\n"
    m = meta_of(text)
    assert (m["issuer"], m["doc_number"], m["issued_on"]) == (None, None, None)


def test_a_repost_in_traditional_script_gives_title_period_and_region():
    text = "眉山市林業發展“十二五”規劃\n\n一、規劃目標\n到2015年，森林覆蓋率穩定在43%以上。\n二、保障措施\n加大投入。\n"
    m = meta_of(text)
    assert m["title"] == "眉山市林业发展“十二五”规划"
    assert m["period"] == {"start": 2011, "end": 2015}
    assert (m["region"], m["level"]) == ("眉山市", "city")


def test_traditional_plan_period_sentence():
    text = "長江三角洲區域一體化發展規劃綱要\n\n一、總體要求\n規劃期至2025年，展望到2035年。\n二、重點任務\n推進一體化。\n三、保障措施\n加強組織。\n"
    m = meta_of(text)
    assert m["period"]["end"] == 2025 and m["horizon"] == 2035


def _with_opening(title: str, sentence: str) -> dict:
    return meta_of(f"{title}\n\n一、总体要求\n{sentence}\n二、重点任务\n推进工作。\n三、保障措施\n加强组织。\n")


def test_title_span_without_nian():
    assert meta_of("某某市养老服务体系建设规划（2021-2025）\n\n第一章 现状\n养老服务逐步完善。\n")["period"] == {"start": 2021, "end": 2025}


def test_period_named_by_the_five_year_plan():
    m = _with_opening("某某县养老服务体系建设规划", "本规划期为“十四五”时期，展望到2035年。")
    assert m["period"] == {"start": 2021, "end": 2025}


def test_period_end_with_a_base_year_gives_its_start():
    m = _with_opening("某某市国土空间总体规划", "规划基期为2020年，规划期至2035年，近期至2025年。")
    assert m["period"] == {"start": 2021, "end": 2035}


def test_period_end_alone_keeps_its_start_unknown():
    m = _with_opening("某某市国土空间总体规划", "规划期至2035年，近期至2025年。")
    assert m["period"] == {"start": None, "end": 2035}
