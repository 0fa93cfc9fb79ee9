"""Forum anti-scraping noise is dropped; plan text that merely looks terse is not."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.jammer import drop_jammer


def test_noise_glued_to_a_word_or_a_value_is_dropped_and_the_word_kept():
    assert drop_jammer("人均公园绿地面积(平方米). q3 Z! w7 K; p/ ]") == "人均公园绿地面积(平方米)"
    assert drop_jammer("| 45。2# ^1 O8 T# n\" R#") == "| 45。2"
    assert drop_jammer("| 约束性4 b- Y* `' c8 M") == "| 约束性"
    assert drop_jammer("绿化覆盖率$ {8 u2 J8 I5 T1 y7 r") == "绿化覆盖率"


def test_a_line_of_noise_vanishes_and_an_empty_cell_it_surrounds_stays():
    assert drop_jammer("+ t7 c; X1 A\" o |") == ""
    assert drop_jammer("2 ~) q. ]9 m/ ` | -! N\" p9 F. ]) t+ X: t, }% h") == "| -"
    assert drop_jammer("$ _& `: E/ X1 B+ | | -") == "| -"


def test_values_units_and_short_words_are_not_noise():
    for text in ("地区 5% 6% 7% 8%", "森林覆盖率 % 20 22 - 约束性", "PM2.5 A B C D", "- - - 5 5 约束性",
                 "1 2 3 4 5 6", "指标(%) <5 >80 -3 +2", "国家级|省级|市级"):
        assert drop_jammer(text) == text


def test_cleaning_drops_the_noise_and_keeps_line_numbers():
    lines = clean_text("标题\n建成区绿化覆盖率(%)! x: k% t! ]' ^9 |0 V'\n| 40。5\n")
    assert [(ln.no, ln.text) for ln in lines] == [(1, "标题"), (2, "建成区绿化覆盖率(%)"), (3, "| 40。5")]
