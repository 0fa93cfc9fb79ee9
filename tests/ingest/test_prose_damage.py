"""Prose targets from the kinds of damage and phrasing seen on reposts of plans never met before:
respective figures (分别降低13.5%和18%), spans of years, a year stated inside a clause that holds
for the rest of its sentence, bounds written 在…以内, levels after 的 (全国总产量的30%左右), ratios
(2.2∶1以内), ASCII points for full stops, bulleted lines, asides with commas, plans in articles
(第15条), headings glued to their first sentence. The sentences are written for these tests."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.outline import build_outline
from plantrack.ingest.paragraphs import build_paragraphs
from plantrack.ingest.prose import extract_targets

from .test_prose import targets_of


def _rows(targets):
    return [(t["subject"], t["value"], t["year"]) for t in targets]


def test_respective_figures_give_one_target_each():
    got = targets_of("到2025年，单位地区生产总值能耗和二氧化碳排放分别降低14%和19%。")
    assert _rows(got) == [("单位地区生产总值能耗", 14, 2025), ("二氧化碳排放", 19, 2025)]
    assert [t["relation"] for t in got] == ["decrease", "decrease"]


def test_respective_bounds_keep_their_own_bound():
    got = targets_of("到2025年，火灾受害率和成灾率分别控制在0.8%和4%以下。")
    assert _rows(got) == [("火灾受害率", 0.8, 2025), ("成灾率", 4, 2025)]


def test_a_span_of_years_means_its_last_year():
    got = targets_of("2021年到2025年，全县每年造林3万亩以上，森林覆盖率稳定在40%以上。")
    assert [(s, v, y) for s, v, y in _rows(got)] == [("造林面积", 3, 2025), ("森林覆盖率", 40, 2025)]


def test_a_year_inside_a_clause_holds_for_the_clauses_after_it():
    got = targets_of("近期2015年全县城镇化水平达到55%，城镇人口控制在40万人以内。规划远期2020年城镇化水平达到62%，城镇人口控制在48万人以内。",
                     start=None, end=None)
    assert _rows(got) == [("全县城镇化水平", 55, 2015), ("城镇人口", 40, 2015), ("城镇化水平", 62, 2020), ("城镇人口", 48, 2020)]


def test_a_year_of_an_event_before_does_not_date_the_target_after():
    got = targets_of("2022年12月，县污泥处置项目建成投运，到2025年，城市污泥无害化处置率达到92%。")
    assert _rows(got) == [("城市污泥无害化处置率", 92, 2025)]


def test_a_bound_stated_with_zai_and_yinei():
    got = targets_of("全县总人口2020年控制在50万人以内，2025年在53万人以内。", start=None, end=None)
    assert _rows(got) == [("全县总人口", 50, 2020), ("全县总人口", 53, 2025)]
    assert got[1]["relation"] == "at_most"


def test_a_level_stated_as_a_share_of_something():
    t = targets_of("到2025年，粮食产量稳定在全国总产量的 25%左右。")[0]
    assert (t["subject"], t["value"], t["unit"]) == ("粮食产量", 25, "%")


def test_bao_chi_states_a_level():
    assert _rows(targets_of("到2025年，耕地保有量保持 4.12 亿亩。")) == [("耕地保有量", 4.12, 2025)]


def test_a_ratio_is_a_figure():
    got = targets_of("到2025年，城乡居民收入差距控制在2.1∶1以内，常住人口城镇化率达到68%。")
    assert _rows(got) == [("城乡居民收入差距", 2.1, 2025), ("常住人口城镇化率", 68, 2025)]
    assert got[0]["unit"] == "∶1"


def test_overall_compliance_is_an_end_state():
    t = targets_of("到2025年，细颗粒物（PM2.5）平均浓度总体达标。")[0]
    assert (t["subject"], t["value"], t["rule"]) == ("细颗粒物（PM2.5）平均浓度", None, "end_state")


def test_ascii_points_end_sentences_between_chinese_words():
    got = targets_of("到2025年，湿地保有量达到 310 万公顷.主要污染物排放总量大幅减少.")
    assert [t["subject"] for t in got] == ["湿地保有量", "主要污染物排放总量"]
    assert got[0]["text"] == "湿地保有量达到 310 万公顷"


def test_an_aside_with_commas_neither_splits_nor_dates_the_sentence():
    got = targets_of("到2025年，实现林业总产值120亿元（2020年80亿元，每年8%递增），农民人均林业收入超过900元。")
    assert _rows(got) == [("林业总产值", 120, 2025), ("农民人均林业收入", 900, 2025)]


def test_achieving_something_unmeasured_is_no_target():
    assert targets_of("到2025年，实现县城与各乡镇之间1小时通达。") == []


def test_articles_of_a_plan_name_their_subject_after_the_number():
    got = targets_of("1、人口发展战略第 12 条 人口规模规划全县总人口 2020 年控制在 60 万人以内。", start=None, end=None)
    assert _rows(got) == [("全县总人口", 60, 2020)]


def test_bulleted_lines_are_paragraphs_of_their_own():
    got = targets_of("一、发展目标", "  • 产业发展:推动数字经济核心产业增加值占比超过12%", "  • 生态环境:到2025年，森林覆盖率提高到30%")
    assert [(t["subject"], t["line"]) for t in got] == [("数字经济核心产业增加值占比", 2), ("森林覆盖率", 3)]


def test_targets_in_a_heading_glued_to_its_first_sentence_are_read():
    lines = clean_text("第一章 总体要求\n第一节 发展目标 到2025年，森林覆盖率达到35%。\n第二节 基本原则\n坚持生态优先。\n")
    _, heading_at = build_outline(lines)
    paragraphs = build_paragraphs(lines, breaks=set(heading_at), skip=set())
    got = extract_targets(paragraphs, heading_at, {"period": {"start": 2021, "end": 2025}})
    assert _rows(got) == [("森林覆盖率", 35, 2025)]


def test_traditional_script_repost_reads_and_keeps_its_script():
    got = targets_of("到2025年，研發投入強度達到3%以上，人均期望壽命達到79歲。")
    assert _rows(got) == [("研發投入強度", 3, 2025), ("人均期望壽命", 79, 2025)]


def test_construction_land_is_a_noun_not_a_measure():
    got = targets_of("到2025年，市区人口规模控制在150万人左右，建设用地规模控制在160平方公里以内。")
    assert _rows(got) == [("市区人口规模", 150, 2025), ("建设用地规模", 160, 2025)]


def test_completing_the_assigned_task_is_a_target():
    t = targets_of("到2025年，单位地区生产总值二氧化碳排放下降幅度完成省下达任务。")[0]
    assert (t["subject"], t["relation"], t["year"]) == ("单位地区生产总值二氧化碳排放下降幅度", "qualitative", 2025)


def test_reaching_the_level_of_developed_countries():
    t = targets_of("展望2035年，人均地区生产总值达到中等发达国家水平。")[0]
    assert (t["subject"], t["year"], t["state"]) == ("人均地区生产总值", 2035, "达到中等发达国家水平")


def test_damage_kinds_in_one_paragraph():
    got = targets_of("到２０２５年，森林覆盖率达到３５．５％，万元GDP用水量下降1 5%，空气质量优良天数比例\ue0a085%，"
                     "地区生产总值年均增长6%—7%。")
    assert [(t["subject"], t["value"], t.get("low"), t.get("high")) for t in got] == [
        ("森林覆盖率", 35.5, None, None), ("万元GDP用水量", 15, None, None),
        ("空气质量优良天数比例", 85, None, None), ("地区生产总值", None, 6, 7)]
    assert got[0]["text"] == "森林覆盖率达到３５．５％"  # the text stays as written


def test_income_in_step_with_the_economy_is_a_qualitative_target():
    t = only_one("到2025年，居民人均可支配收入增长与经济增长基本同步。")
    assert (t["subject"], t["relation"], t["state"]) == ("居民人均可支配收入增长", "qualitative", "与经济增长基本同步")


def test_growth_faster_than_another_is_a_qualitative_target():
    t = only_one("到2025年，全员劳动生产率增长高于地区生产总值增长。")
    assert (t["subject"], t["state"]) == ("全员劳动生产率增长", "高于地区生产总值增长")


def test_a_dimensionless_measure_needs_no_unit():
    got = targets_of("到2025年，农田灌溉水有效利用系数提高到0.58以上，城乡居民收入比缩小到2.3以内。")
    assert [(t["subject"], t["value"], t["relation"]) for t in got] == [
        ("农田灌溉水有效利用系数", 0.58, "at_least"), ("城乡居民收入比", 2.3, "at_most")]


def test_a_change_verb_before_its_subject():
    t = only_one("到2025年，年均降低单位地区生产总值能耗3%左右。")
    assert (t["subject"], t["value"], t["relation"]) == ("单位地区生产总值能耗", 3, "decrease")


def only_one(text):
    got = targets_of(text)
    assert len(got) == 1, got
    return got[0]


def test_a_rate_that_rises_with_no_degree_word_is_a_direction():
    got = targets_of("到2025年，物种资源丰富度和草原综合植被盖度增加，治理能力提高。")
    assert [(t["subject"], t["relation"]) for t in got] == [("物种资源丰富度", "directional"), ("草原综合植被盖度", "directional")]


def test_a_lead_in_anchored_on_the_horizon_sets_the_plan_year():
    got = targets_of("第二节 主要目标",
                     "锚定二〇三五年远景目标，“十四五”时期经济社会发展努力实现以下主要目标：",
                     "民生福祉持续增进。城镇调查失业率控制在5.5%以内。")
    assert _rows(got) == [("城镇调查失业率", 5.5, 2025)]
