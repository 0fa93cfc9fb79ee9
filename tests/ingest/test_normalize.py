"""The normalisation step: one form of every digit, sign and space for the recognisers, offsets kept."""

from plantrack.ingest.normalize import Normalized, join_number_spaces, normalize_cell, normalize_line


def test_full_width_digits_letters_and_signs_become_ascii():
    assert normalize_line("２０２５年") == "2025年"
    assert normalize_line("年均增长（％）") == "年均增长(%)"
    assert normalize_line("ＰＭ２．５浓度＜３５") == "PM2.5浓度<35"
    assert normalize_line("＞７　＝　＋５　－３　［１５］") == ">7 = +5 -3 [15]"


def test_chinese_punctuation_and_plan_symbols_stay():
    text = "到2025年，森林覆盖率达到26%；“十四五”时期：①Ⅲ类水体、㎡、μg/m³！？《纲要》〔15〕—…"
    assert normalize_line(text) == text


def test_odd_spaces_become_plain_spaces():
    assert normalize_line("指标\u3000\u3000单位\u00a0属性\u2003\u200b\ufeff") == "指标  单位 属性   "


def test_a_chinese_full_stop_between_digits_is_a_decimal_point():
    assert normalize_line("12。5") == "12.5"
    assert normalize_line("０．３５") == "0.35"
    assert normalize_line("增长6。5%左右") == "增长6.5%左右"


def test_a_sentence_ending_before_a_year_or_date_stays_a_full_stop():
    assert normalize_line("总量达到1500。2025年，") == "总量达到1500。2025年，"
    assert normalize_line("截至3月。5日起") == "截至3月。5日起"
    assert normalize_line("一．总体要求") == "一．总体要求"


def test_the_length_never_changes_so_offsets_point_into_the_original():
    original = "单位\u3000２０２５年目标\u3000年均增长（％）\u300012。5"
    norm = normalize_line(original)
    assert len(norm) == len(original)
    start = norm.index("2025")
    assert original[start:start + 4] == "２０２５"


def test_stray_spaces_inside_a_number_are_joined_with_an_offset_map():
    original = "地区生产总值达到1 2.5万亿元，增长6 .5%"
    joined = join_number_spaces(original)
    assert joined.text == "地区生产总值达到12.5万亿元，增长6.5%"
    start = joined.text.index("12.5")
    a, b = joined.original_span(start, start + 4)
    assert original[a:b] == "1 2.5"


def test_text_without_split_numbers_maps_to_itself():
    joined = join_number_spaces("2020 年 地区生产总值")
    assert joined == Normalized.unchanged("2020 年 地区生产总值")
    assert joined.original_span(0, 4) == (0, 4)


def test_a_cell_that_is_one_number_loses_its_stray_spaces():
    assert normalize_cell(" １ ２．５ ") == "12.5"
    assert normalize_cell("1 350") == "1350"
    assert normalize_cell("6 .5%") == "6.5%"


def test_a_cell_with_words_keeps_its_spaces():
    assert normalize_cell("5 左右") == "5 左右"
    assert normalize_cell("11,力争达到 全省平均水平") == "11,力争达到 全省平均水平"
    assert normalize_cell("—") == "—"
