"""Prose targets: a sentence of a plan in, the targets it commits to out.

The sentences below are written for these tests (not taken from the corpus). Unless a test says
otherwise the plan runs 2021-2025, so a year before 2021 is the past.
"""

from plantrack.ingest.clean import Line
from plantrack.ingest.outline import build_outline
from plantrack.ingest.paragraphs import build_paragraphs
from plantrack.ingest.prose import clean_subject, extract_targets, time_marks


def targets_of(*texts: str, start: int | None = 2021, end: int | None = 2025, region: str | None = None) -> list[dict]:
    """Targets of a small plan whose lines are texts (headings recognised by their numbering)."""
    lines = [Line(no, text) for no, text in enumerate(texts, start=1)]
    _, heading_at = build_outline(lines)
    paragraphs = build_paragraphs(lines, breaks=set(heading_at), skip=set())
    meta = {"period": {"start": start, "end": end}, "horizon": 2035, "region": region}
    return extract_targets(paragraphs, heading_at, meta)


def only(targets: list[dict]) -> dict:
    assert len(targets) == 1, targets
    return targets[0]


def fields(t: dict, *names: str) -> tuple:
    return tuple(t.get(n) for n in names)


# --- relations ------------------------------------------------------------------------------------


def test_reach_a_level_by_a_year():
    t = only(targets_of("到2025年，城市绿地率达到42%。"))
    assert fields(t, "subject", "value", "unit", "year", "relation") == ("城市绿地率", 42, "%", 2025, "reach")
    assert t["text"] == "城市绿地率达到42%" and t["line"] == 1


def test_yi_shang_after_the_figure_makes_it_a_lower_bound():
    t = only(targets_of("到2025年，公共图书馆年接待量达到300万人次以上。"))
    assert fields(t, "subject", "value", "unit", "relation") == ("公共图书馆年接待量", 300, "万人次", "at_least")


def test_bu_di_yu_is_a_lower_bound():
    t = only(targets_of("到2025年，新建公共建筑中绿色建筑比例不低于70%。"))
    assert fields(t, "subject", "value", "relation") == ("新建公共建筑中绿色建筑比例", 70, "at_least")


def test_kong_zhi_zai_yi_nei_is_an_upper_bound():
    t = only(targets_of("到2025年，城镇登记失业率控制在4.5%以内。"))
    assert fields(t, "subject", "value", "unit", "relation") == ("城镇登记失业率", 4.5, "%", "at_most")


def test_bu_chao_guo_is_an_upper_bound():
    t = only(targets_of("到2025年，全市用水总量不超过12亿立方米。"))
    assert fields(t, "subject", "value", "unit", "relation") == ("全市用水总量", 12, "亿立方米", "at_most")


def test_zuo_you_is_about():
    t = only(targets_of("到2025年，农作物耕种收综合机械化率达到75%左右。"))
    assert fields(t, "value", "relation", "value_text") == (75, "about", "75%左右")


def test_a_decrease_keeps_its_subject_without_the_comparison_base():
    t = only(targets_of("到2025年，单位地区生产总值用水量较2020年下降12%。"))
    assert fields(t, "subject", "value", "unit", "year", "relation") == (
        "单位地区生产总值用水量", 12, "%", 2025, "decrease")


def test_an_increase_by_an_amount():
    t = only(targets_of("到2025年，城乡居民人均可支配收入年均增长6.5%。"))
    assert fields(t, "subject", "value", "relation") == ("城乡居民人均可支配收入", 6.5, "increase")


def test_a_cumulative_amount_over_the_plan_period():
    t = only(targets_of("“十四五”期间，累计新增造林面积80万亩。"))
    assert fields(t, "subject", "value", "unit", "year", "relation") == ("新增造林面积", 80, "万亩", 2025, "cumulative")


def test_directional_targets_keep_their_direction_words():
    got = targets_of("到2025年，县域经济总量明显增加，城乡居民收入差距逐步缩小。")
    assert [fields(t, "subject", "value", "relation", "direction") for t in got] == [
        ("县域经济总量", None, "directional", "明显增加"),
        ("城乡居民收入差距", None, "directional", "逐步缩小"),
    ]


def test_qualitative_end_states_have_no_value():
    got = targets_of("到2025年，行政村快递服务实现全覆盖，农村居民人均收入达到全省平均水平。")
    assert [fields(t, "subject", "value", "relation") for t in got] == [
        ("行政村快递服务", None, "qualitative"),
        ("农村居民人均收入", None, "qualitative"),
    ]


def test_a_subject_may_contain_the_verb_its_predicate_repeats():
    t = only(targets_of("到2025年，河流水质达到或好于Ⅲ类比例达到全国平均水平。"))
    assert t["subject"] == "河流水质达到或好于Ⅲ类比例"


def test_zero_means_a_value_of_nought():
    t = only(targets_of("到2024年，城市建成区基本实现污水“零直排”。"))
    assert fields(t, "subject", "value", "year") == ("城市建成区污水直排", 0, 2024)


def test_things_to_build_are_counted():
    got = targets_of("围绕主导产业，建设20个省级现代农业产业园，建成城市绿道150公里。")
    assert [fields(t, "subject", "value", "unit", "year") for t in got] == [
        ("省级现代农业产业园", 20, "个", None),
        ("城市绿道建成里程", 150, "公里", None),
    ]


def test_a_range_has_no_single_value_but_keeps_its_bounds():
    t = only(targets_of("培育3—5个百亿级产业集群。"))
    assert fields(t, "subject", "value", "low", "high", "value_text") == ("百亿级产业集群", None, 3, 5, "3—5个")


def test_a_deadline_with_a_completion_verb_is_a_qualitative_target():
    t = only(targets_of("力争引黄干渠2024年底前建成通水。"))
    assert fields(t, "subject", "year", "relation") == ("引黄干渠建成通水", 2024, "qualitative")


# --- subject names: the predicate noun that makes a target measurable ------------------------------


def test_a_direction_counts_only_for_a_measurable_subject():
    got = targets_of("到2030年，城市治理水平显著提高，公共文化服务能力明显增强，城镇居民人均住房面积稳步增加。")
    assert [t["subject"] for t in got] == ["城镇居民人均住房面积"]


def test_a_level_without_a_number_counts_only_for_a_measurable_subject():
    assert targets_of("到2035年，全县教育事业走在全省前列。") == []
    t = only(targets_of("到2035年，农村居民人均可支配收入达到全省平均水平。"))
    assert t["subject"] == "农村居民人均可支配收入"


def test_an_eliminated_phenomenon_is_an_end_state():
    t = only(targets_of("到2025年，城市建成区黑臭水体基本消除。"))
    assert fields(t, "subject", "relation", "year") == ("城市建成区黑臭水体", "qualitative", 2025)


def test_a_condition_after_the_subject_belongs_to_the_predicate():
    t = only(targets_of("到2035年，能源消费总量达峰后稳中有降。"))
    assert fields(t, "subject", "direction") == ("能源消费总量", "稳中有降")


def test_a_ranking_after_coordinated_subjects_ranks_each_of_them():
    got = targets_of("到2025年，地区生产总值和人均可支配收入全省排名稳步前移。")
    assert [t["subject"] for t in got] == ["地区生产总值全省排名", "人均可支配收入全省排名"]


def test_the_action_an_end_state_completes_joins_the_subject():
    got = targets_of("到2025年，城市周边废弃矿区基本绿化，集中式饮用水水源地水质全部达标，行政村污水管网实现全覆盖。")
    assert [t["subject"] for t in got] == ["城市周边废弃矿区绿化", "集中式饮用水水源地水质达标", "行政村污水管网"]


def test_the_event_due_by_a_deadline_names_the_target():
    t = only(targets_of("力争龙眼泉2027年前恢复出流。"))
    assert fields(t, "subject", "year") == ("龙眼泉恢复出流", 2027)


def test_all_meeting_a_level_names_the_level_and_keeps_a_from_year_qualifier_as_scope():
    got = targets_of("2023年起新建工业园区全部达到循环化改造要求，现有重点排污单位均达到排放标准。")
    assert [fields(t, "subject", "scope") for t in got] == [
        ("新建工业园区达到循环化改造要求（2023年起新建工业园区）", "2023年起新建工业园区"),
        ("现有重点排污单位达到排放标准", None),
    ]


def test_a_length_or_area_built_is_measured_not_counted():
    got = targets_of("到2025年，改造老旧供水管网80公里，新建高标准农田40万亩，完成退化草地治理20万亩，新增造林30万亩，建设5个污水处理厂。")
    assert [fields(t, "subject", "value", "unit") for t in got] == [
        ("老旧供水管网改造里程", 80, "公里"),
        ("高标准农田新建面积", 40, "万亩"),
        ("退化草地治理面积", 20, "万亩"),
        ("新增造林面积", 30, "万亩"),
        ("污水处理厂", 5, "个"),
    ]


def test_a_measure_already_named_is_not_renamed():
    t = only(targets_of("到2025年，新建农村公路总里程1200公里。"))
    assert t["subject"] == "农村公路总里程"


# --- scopes ---------------------------------------------------------------------------------------


def test_each_place_a_count_holds_for_is_a_scope():
    got = targets_of("力争每个乡镇建成1个综合文化站，各县（区）建设2所特殊教育学校。")
    assert [fields(t, "subject", "value", "scope") for t in got] == [
        ("综合文化站（每个乡镇）", 1, "每个乡镇"),
        ("特殊教育学校（各县（区））", 2, "各县（区）"),
    ]


def test_a_threshold_clause_scopes_the_target_after_it():
    t = only(targets_of("常住人口超过10万人的建制镇，到2025年基本实现生活污水“零直排”。"))
    assert fields(t, "subject", "value", "year") == ("生活污水直排（常住人口超过10万人的建制镇）", 0, 2025)


def test_a_standard_named_after_an_enumeration_is_the_measure_of_each_place():
    got = targets_of("按照城区不低于50年一遇、重点镇30年一遇，一般村庄20年一遇的排涝标准，对流经城镇的骨干排水沟渠开展整治。")
    assert [fields(t, "subject", "value", "relation") for t in got] == [
        ("骨干排水沟渠排涝标准（城区）", 50, "at_least"),
        ("骨干排水沟渠排涝标准（重点镇）", 30, "reach"),
        ("骨干排水沟渠排涝标准（一般村庄）", 20, "reach"),
    ]


def test_a_standard_with_no_owner_named_keeps_its_own_name():
    got = targets_of("按照城区不低于50年一遇、重点镇30年一遇的排涝标准建设排水设施。")
    assert [t["subject"] for t in got] == ["排涝标准（城区）", "排涝标准（重点镇）"]


def test_a_standard_followed_by_its_places_is_split_into_scopes():
    got = targets_of("到2025年，城市防洪标准中心城区达到100年一遇，其他城区达到50年一遇。")
    assert [fields(t, "subject", "value") for t in got] == [
        ("城市防洪标准（中心城区）", 100),
        ("城市防洪标准（其他城区）", 50),
    ]


def test_a_place_after_a_measure_inherits_it():
    got = targets_of("到2025年，生活污水处理率达到95%，其中农村地区达到60%。")
    assert [t["subject"] for t in got] == ["生活污水处理率", "生活污水处理率（农村地区）"]


def test_a_thing_after_a_measure_is_not_a_scope():
    got = targets_of("建设污水管网10公里，生态缓冲带5公里。")
    assert [t["subject"] for t in got] == ["污水管网建设里程", "生态缓冲带"]


def test_a_scope_whose_end_is_unknown_is_not_guessed():
    got = targets_of("到2025年，城区及周边乡镇清洁取暖覆盖率达到100%，农村地区达到70%。")
    assert [t["subject"] for t in got] == ["城区及周边乡镇清洁取暖覆盖率", "农村地区"]


# --- numbers and years ----------------------------------------------------------------------------


def test_full_width_digits_are_read():
    t = only(targets_of("到２０２５年，城市污水处理率达到９５％。"))
    assert fields(t, "subject", "value", "unit", "year") == ("城市污水处理率", 95, "%", 2025)


def test_a_year_written_in_chinese_numerals():
    t = only(targets_of("展望二〇三五年，人均地区生产总值达到1.5万美元。"))
    assert fields(t, "value", "unit", "year") == (1.5, "万美元", 2035)


def test_the_end_of_a_five_year_plan_is_its_last_year():
    t = only(targets_of("力争“十四五”末全市技能人才总量达到60万人。"))
    assert fields(t, "subject", "year") == ("全市技能人才总量", 2025)


def test_a_leading_year_carries_over_to_the_later_sentences_of_its_paragraph():
    got = targets_of("到2030年，湿地保护率达到55%。自然岸线保有率不低于40%。")
    assert [(t["subject"], t["year"]) for t in got] == [("湿地保护率", 2030), ("自然岸线保有率", 2030)]


def test_a_lead_in_paragraph_sets_the_year_of_its_section():
    got = targets_of("（一）主要目标", "到2025年，主要目标是：", "——生态更加优美。森林覆盖率达到30%。", "（二）重点任务", "建设10个湿地公园。")
    assert [(t["subject"], t["year"]) for t in got] == [("森林覆盖率", 2025), ("湿地公园", None)]


def test_a_heading_that_states_a_year_sets_it_for_its_section():
    got = targets_of("一、2025年目标", "粮食总产量稳定在30亿斤以上。", "二、主要任务", "粮食总产量稳定在30亿斤以上。")
    assert [t["year"] for t in got] == [2025, None]


def test_several_clauses_of_one_sentence_and_an_enumeration_of_targets():
    got = targets_of("到2025年，县城污水处理率达到98%、建制镇达到80%，农村生活垃圾收运处置体系覆盖率不低于95%。")
    assert [fields(t, "subject", "value", "relation") for t in got] == [
        ("污水处理率（县城）", 98, "reach"),
        ("污水处理率（建制镇）", 80, "reach"),
        ("农村生活垃圾收运处置体系覆盖率", 95, "at_least"),
    ]


def test_an_enumerated_subject_stays_one_subject():
    t = only(targets_of("到2025年，水、电、气、热管网覆盖率稳步提高。"))
    assert t["subject"] == "水、电、气、热管网覆盖率"


def test_a_continued_list_of_levels_without_verbs():
    got = targets_of("按照中心城区不低于50年一遇、县城30年一遇、重点镇20年一遇的标准建设防洪工程。")
    assert [fields(t, "subject", "value", "unit") for t in got] == [
        ("中心城区", 50, "年一遇"),
        ("县城", 30, "年一遇"),
        ("重点镇", 20, "年一遇"),
    ]


# --- what is not a target -------------------------------------------------------------------------
# A past result is told from a target by three signs, any one of which is enough: the section is a
# background section (发展基础, 主要成就, 问题挑战 …); the clause's own year lies before the plan
# period; or the sentence says it reports the past (截至, 已, 以来, "十三五"期间).


def test_results_in_a_background_section_are_not_targets():
    assert targets_of("第一章 发展基础", "全市森林覆盖率达到23.5%，建成国家级湿地公园3个。") == []


def test_a_result_dated_before_the_plan_period_is_not_a_target():
    assert targets_of("2020年，全市森林覆盖率达到23.5%。") == []


def test_past_markers_make_a_sentence_a_report():
    assert targets_of("截至2020年底，全市累计建成高标准农田50万亩。") == []
    assert targets_of("“十三五”期间，城镇新增就业8.6万人。") == []


def test_a_year_after_bi_is_a_comparison_base_not_the_time_of_the_target():
    t = only(targets_of("到2025年，主要农作物化肥使用量比2020年减少5%。"))
    assert fields(t, "year", "relation") == (2025, "decrease")


def test_measures_without_a_quantity_are_not_targets():
    assert targets_of("加强森林资源保护，全面提高森林质量，推进5G网络建设。") == []


def test_a_direction_without_a_time_is_a_wish_not_a_target():
    assert targets_of("推动城市功能品质显著提升。") == []


def test_a_figure_that_qualifies_a_noun_is_not_a_target():
    assert targets_of("日处理量超过500吨的城市，全面推行垃圾焚烧处理。") == []


def test_numbers_inside_codes_and_places_are_not_values():
    assert targets_of("在25度以上坡耕地实施退耕还林，推进PM2.5和臭氧协同控制。") == []


def test_a_count_after_an_enumeration_of_names_is_a_description():
    assert targets_of("支持甲县、乙县、丙县3个县开展试点。") == []


# --- pieces -----------------------------------------------------------------------------------------


def test_subject_cleaning_strips_framing_words():
    assert clean_subject("力争到2025年全省") == "全省"
    assert clean_subject("单位产值能耗比2020年") == "单位产值能耗"
    assert clean_subject("岩溶泉水位下降趋势得到") == "岩溶泉水位下降趋势"


def test_time_marks_tell_deadlines_from_bases_and_the_past():
    kinds = [(m.kind, m.year) for m in time_marks("截至2020年，较2015年提高，到2025年，2021年后", 2025)]
    assert kinds == [("past", 2020), ("base", 2015), ("deadline", 2025), ("ignore", 2021)]


# --- damage of plans as published: hard wraps, full-width forms, stray spaces, glyphs -------------

from plantrack.ingest.clean import clean_text  # noqa: E402
from plantrack.ingest.outline import find_toc_lines  # noqa: E402


def targets_in(text: str, start: int = 2021, end: int = 2025) -> list[dict]:
    """Targets of a plan text as a file holds it: cleaned (glyphs repaired), outlined, joined."""
    lines = clean_text(text)
    toc = find_toc_lines(lines)
    _, heading_at = build_outline(lines, toc)
    paragraphs = build_paragraphs(lines, breaks=set(heading_at), skip=toc)
    return extract_targets(paragraphs, heading_at, {"period": {"start": start, "end": end}, "horizon": 2035})


def test_a_sentence_hard_wrapped_mid_number_is_read_whole():
    got = targets_in("第一章 发展目标\n到2025年，全市森林覆盖率达到3\n2.5%，城市建成区绿地率达到4\n2%以上，空气质量\n优良天数比率达到80%。\n")
    assert [fields(t, "subject", "value", "year") for t in got] == [
        ("全市森林覆盖率", 32.5, 2025), ("城市建成区绿地率", 42, 2025), ("空气质量优良天数比率", 80, 2025)]
    assert [t["line"] for t in got] == [2, 3, 4]


def test_a_wrapped_line_that_starts_with_a_number_is_not_a_heading():
    got = targets_in("第一章 发展目标\n一、主要目标\n到2025年，全县新建高标准农田\n1 万亩，城镇新增就业\n2.5万人，单位地区生产总值能耗下降\n3.2%。\n二、重点任务\n")
    assert [fields(t, "value", "unit", "year") for t in got] == [(1, "万亩", 2025), (2.5, "万人", 2025), (3.2, "%", 2025)]


def test_a_decimal_point_written_as_a_full_stop_at_a_line_end_continues_the_number():
    t = only(targets_in("第一章 发展目标\n到2025年，全市森林覆盖率达到32。\n5%。\n"))
    assert fields(t, "value", "year") == (32.5, 2025)


def test_full_width_digits_percent_and_spaces_in_a_wrapped_sentence():
    got = targets_in("第一章 发展目标\n到２０２５年，城镇调查失业率控制在５．５％以内，常住人口城镇化率达到\n６８％左右。\n")
    assert [fields(t, "subject", "value", "unit", "year", "relation") for t in got] == [
        ("城镇调查失业率", 5.5, "%", 2025, "at_most"), ("常住人口城镇化率", 68, "%", 2025, "about")]


def test_stray_spaces_inside_numbers_and_between_words_are_ignored():
    got = targets_in("第一章 发展目标\n到 2025 年，研发经费投入强度达到 2. 5%，每万人口高价值发明专利拥有量达到1 2.5件，\n森林 覆盖率 不 低于 3 5%。\n")
    assert [fields(t, "subject", "value", "year") for t in got] == [
        ("研发经费投入强度", 2.5, 2025), ("每万人口高价值发明专利拥有量", 12.5, 2025), ("森林覆盖率", 35, 2025)]


def test_the_text_of_a_target_is_the_plan_as_written():
    t = only(targets_in("第一章 发展目标\n到２０２５年，城市污水处理率达到９５％。\n"))
    assert t["text"] == "城市污水处理率达到９５％" and t["value"] == 95


def test_a_symbol_font_glyph_in_the_private_use_area_is_a_bound():
    got = targets_in("第一章 发展目标\n到2025年，地表水达到或好于Ⅲ类水体比例\uf0b3 85%，细颗粒物浓度\uf0a3 35微克/立方米。\n")
    assert [fields(t, "subject", "value", "relation") for t in got] == [
        ("地表水达到或好于Ⅲ类水体比例", 85, "at_least"), ("细颗粒物浓度", 35, "at_most")]


def test_an_unknown_private_use_glyph_before_a_number_is_a_bound_of_unknown_direction():
    t = only(targets_in("第一章 发展目标\n到2025年，城市生活垃圾回收利用率\ue0a5 35%。\n"))
    assert fields(t, "subject", "value", "unit", "year", "relation") == ("城市生活垃圾回收利用率", 35, "%", 2025, "bound")


def test_a_shifted_gbk_glyph_is_a_bound():
    t = only(targets_in("第一章 发展目标\n到2025年，农村自来水普及率曒90%。\n"))
    assert fields(t, "subject", "value", "relation") == ("农村自来水普及率", 90, "at_least")


def test_years_of_schooling_are_a_quantity_but_a_year_is_not():
    t = only(targets_of("到2025年，劳动年龄人口平均受教育年限达12.3年以上。"))
    assert fields(t, "subject", "value", "unit", "relation") == ("劳动年龄人口平均受教育年限", 12.3, "年", "at_least")
    assert targets_of("全面建成小康社会的目标提前到2025年。") == []


def test_a_target_in_a_goals_section_without_a_time_is_for_the_plan_end():
    got = targets_of("第二章 总体要求", "第二节 发展目标", "服务社会，群众满意。劳动年龄人口平均受教育年限达12.3年以上。")
    assert fields(only(got), "subject", "year") == ("劳动年龄人口平均受教育年限", 2025)


def test_a_plan_reposted_in_traditional_script_is_read_and_named_as_written():
    got = targets_of("到2025年，地區生產總值增長7.5%左右；不良貸款率控制在1.3%以內。")
    assert [fields(t, "subject", "value", "year", "relation") for t in got] == [
        ("地區生產總值", 7.5, 2025, "increase"), ("不良貸款率", 1.3, 2025, "at_most")]


def test_a_reading_printed_after_each_character_is_dropped():
    got = targets_in("第一章 总则\n到2035年,耕(gēng)地保有量不低於4004.59萬(wàn)畝。\n", end=2035)
    assert [fields(t, "subject", "value", "unit", "year") for t in got] == [("耕地保有量", 4004.59, "万亩", 2035)]


def test_a_modal_before_the_verb_is_not_part_of_the_subject():
    t = only(targets_of("到2025年，全省粮食综合生产能力将达到1600亿斤。"))
    assert fields(t, "subject", "value", "unit") == ("全省粮食综合生产能力", 1600, "亿斤")


def test_a_latin_abbreviation_alone_is_a_subject_and_owns_the_growth_after_it():
    got = targets_of("到2015年，GDP突破7000亿元，年均增长14%左右。", start=2011, end=2015)
    assert [fields(t, "subject", "value", "unit") for t in got] == [("GDP", 7000, "亿元"), ("GDP年均增长", 14, "%")]


def test_a_measure_without_its_owner_takes_the_thing_the_clause_before_was_about():
    got = targets_of("到2025年，地区生产总值（GDP）在2018年基础上翻两番，年均增速达到25%左右。")
    assert [fields(t, "subject", "value", "year") for t in got] == [
        ("地区生产总值（GDP）", None, 2025), ("地区生产总值年均增速", 25, 2025)]


def test_a_clause_without_a_subject_takes_the_subject_of_the_clause_before():
    got = targets_of("到2035年，用水总量不超过国家下达指标，其中2025年不超过262.3亿立方米。", end=2035)
    assert [fields(t, "subject", "value", "unit", "year") for t in got] == [("用水总量", 262.3, "亿立方米", 2025)]


def test_a_bare_magnitude_is_a_unit_and_square_kilometres_are_an_area():
    got = targets_of("到2025年，全市人口控制在800万以内，生态保护红线不低于4.12万平方千米。")
    assert [fields(t, "subject", "value", "unit") for t in got] == [("全市人口", 800, "万"), ("生态保护红线", 4.12, "万平方千米")]


def test_a_bound_relative_to_a_base_year_is_read_for_the_target_year():
    t = only(targets_of("到2035年，城镇开发边界扩展倍数控制在基于2020年城镇建设用地规模的1.3倍以内。", end=2035))
    assert fields(t, "subject", "value", "year", "relation") == ("城镇开发边界扩展倍数", 1.3, 2035, "at_most")


def test_a_time_before_a_semicolon_holds_for_the_items_after_it():
    got = targets_of("批复称，到2035年，耕地保有量不低于4000万亩；生态保护红线不低于4.12万平方千米。", end=2035)
    assert [t["year"] for t in got] == [2035, 2035]


def test_a_bracketed_qi_zhong_is_a_target_of_its_own():
    got = targets_of("到2015年，财政收入突破1000亿元（其中地方财政收入达到400亿元），年均增长14%以上。", start=2011, end=2015)
    assert [fields(t, "subject", "value") for t in got][:2] == [("财政收入", 1000), ("地方财政收入", 400)]


def test_the_plans_own_region_is_not_part_of_a_subject():
    t = only(targets_of("到2035年，江西省耕地保有量不低于4004.59万亩。", end=2035, region="江西省"))
    assert t["subject"] == "耕地保有量"


def test_a_cumulative_change_names_its_subject():
    t = only(targets_of("到2020年，万元GDP能耗累计下降20%以上。", start=2016, end=2020))
    assert fields(t, "subject", "value", "relation") == ("万元GDP能耗累计下降", 20, "cumulative")


def test_percentage_points_move_the_rate_itself():
    t = only(targets_of("到2015年，公共交通分担率提高10个百分点。", start=2011, end=2015))
    assert fields(t, "subject", "value", "unit") == ("公共交通分担率", 10, "个百分点")


def test_things_built_or_fostered_with_a_bound_are_counted():
    got = targets_of("到2025年，临港新片区要建设不少于10个顶尖科学家实验室，培育销售收入过亿的科技型企业超过60家。")
    assert [fields(t, "subject", "value", "relation") for t in got] == [
        ("顶尖科学家实验室", 10, "at_least"), ("销售收入过亿的科技型企业", 60, "at_least")]


def test_full_coverage_of_an_object_is_an_end_state():
    t = only(targets_of("到2025年，黑土地保护技术将全面覆盖永久基本农田。"))
    assert fields(t, "subject", "relation", "year") == ("黑土地保护技术", "qualitative", 2025)


def test_a_section_of_goals_and_indicators_dates_its_targets_at_the_plan_end():
    got = targets_of("一、发展目标与主要指标", "城镇调查失业率控制在5.5%以内。")
    assert fields(only(got), "subject", "year") == ("城镇调查失业率", 2025)


def test_a_range_whose_figures_both_carry_the_unit():
    t = only(targets_of("到2025年，地区生产总值年均增长6%—7%。"))
    assert fields(t, "value", "low", "high", "unit") == (None, 6, 7, "%")


def test_a_level_stated_with_wei_and_a_growth_rate_stated_without_a_verb():
    got = targets_of("到2025年，常住人口城镇化率为68%，GDP年均增速6%左右。")
    assert [fields(t, "subject", "value", "relation") for t in got] == [
        ("常住人口城镇化率", 68, "reach"), ("GDP", 6, "increase")]
    assert targets_of("到2025年，以10个重点项目为抓手。") == []


def test_percentage_points_and_multiples_in_chinese_numerals():
    got = targets_of("到2025年，常住人口城镇化率提高两个百分点，研发经费投入增长三倍。")
    assert [fields(t, "subject", "value", "unit") for t in got] == [
        ("常住人口城镇化率", 2, "个百分点"), ("研发经费投入", 3, "倍")]


def test_a_sign_between_the_verb_and_the_figure_bounds_it():
    got = targets_in("第一章 发展目标\n到2025年，农村自来水普及率达到\uf0b3 90%，城镇调查失业率控制在\ue0a1 5.5%。\n")
    assert [fields(t, "subject", "value", "relation") for t in got] == [
        ("农村自来水普及率", 90, "at_least"), ("城镇调查失业率", 5.5, "bound")]


def test_bullets_before_a_subject_are_not_part_of_it():
    got = targets_of("到2025年，森林覆盖率达到26%。", "• 城市绿地率达到42%。", "——湿地保护率达到55%。", start=2021)
    assert [t["subject"] for t in got] == ["森林覆盖率", "城市绿地率", "湿地保护率"]


def test_a_lead_in_before_any_heading_dates_the_paragraphs_after_it():
    got = targets_of("到2025年，主要目标是：", "森林覆盖率达到26%；", "城市绿地率达到42%。")
    assert [(t["subject"], t["year"]) for t in got] == [("森林覆盖率", 2025), ("城市绿地率", 2025)]


def test_a_numbered_item_that_is_a_target_is_read_whole():
    got = targets_of("到2025年，主要目标是：", "1.人均预期寿命达到79岁；", "（2）劳动年龄人口平均受教育年限达到11年。")
    assert [fields(t, "subject", "value", "year", "line") for t in got] == [
        ("人均预期寿命", 79, 2025, 2), ("劳动年龄人口平均受教育年限", 11, 2025, 3)]


def test_a_measure_named_before_a_colon_is_the_subject_of_the_figure_after_it():
    t = only(targets_of("到2025年，森林覆盖率：达到26%。"))
    assert fields(t, "subject", "value", "year") == ("森林覆盖率", 26, 2025)


def test_growing_faster_than_an_average_is_a_qualitative_target():
    t = only(targets_of("到2025年，地区生产总值年均增速快于全省平均水平。"))
    assert fields(t, "subject", "value", "year", "relation") == ("地区生产总值年均增速", None, 2025, "qualitative")


def test_an_owner_and_a_modal_verb_before_the_subject_are_not_its_words():
    t = only(targets_of("到2025年，全市要实现人均公园绿地面积达到15平方米。"))
    assert fields(t, "subject", "value", "unit") == ("人均公园绿地面积", 15, "平方米")
    assert clean_subject("本区将达到森林覆盖率") == "森林覆盖率"
    # 主要 is not an owner with a modal verb: the subject keeps its words.
    assert clean_subject("主要污染物排放总量") == "主要污染物排放总量"


def test_a_count_per_head_of_population_is_named_as_the_rate():
    t = only(targets_of("到2025年，每千人拥有社会体育指导员3名。"))
    assert fields(t, "subject", "value", "unit") == ("每千人拥有社会体育指导员", 3, "名")
    # Without a per-head opener the thing counted stays the subject.
    t = only(targets_of("到2025年，新建公共体育场馆12个。"))
    assert t["subject"] == "公共体育场馆"


def test_a_round_figure_in_chinese_numerals_is_a_quantity():
    t = only(targets_of("到2025年，新建改建污水收集管线 一千 公里。"))
    assert fields(t, "value", "unit") == (1000, "公里")
    t = only(targets_of("到2025年，建立一百处生物多样性保护示范区。"))
    assert fields(t, "subject", "value", "unit") == ("生物多样性保护示范区", 100, "处")
    # A batch (一批) is not a figure.
    assert targets_of("到2025年，实施一批重大项目。") == [] or all(t.get("value") is None for t in targets_of("到2025年，实施一批重大项目。"))


def test_a_level_of_a_cumulative_stock_is_a_level_not_a_cumulative_count():
    t = only(targets_of("到2025年，新能源汽车累计保有量力争达到 200 万辆。"))
    assert fields(t, "subject", "value", "unit", "relation") == ("新能源汽车累计保有量", 200, "万辆", "reach")
    t = only(targets_of("五年累计新增城镇就业7000人。", start=2021, end=2025))
    assert t["relation"] == "cumulative"


def test_a_count_after_a_dunhao_shares_the_verb_of_the_count_before_it():
    ts = targets_of("到2025年，建设30个实训基地、5个研发中心。")
    assert [(t["subject"], t["value"], t["unit"]) for t in ts] == [("实训基地", 30, "个"), ("研发中心", 5, "个")]
    # A scope list is not a count: 城镇不低于20年一遇、乡镇10年一遇 stays two scoped standards.
    assert all(t.get("unit") != "处" for t in targets_of("到2025年，防洪标准城镇不低于20年一遇、乡镇10年一遇。"))
