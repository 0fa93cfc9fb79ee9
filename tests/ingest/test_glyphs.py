"""Glyph repair: symbols shifted by 0x0C in the GBK lead byte come back; real characters stay."""

from plantrack.ingest.glyphs import repair_glyphs, shifted_symbol


def test_the_shift_maps_each_damaged_character_to_its_symbol():
    # The evidence: each pair differs by exactly 0x0C in the GBK lead byte.
    pairs = {"曑": "≤", "曒": "≥", "曤": "‰", "暲": "±", "暳": "×", "毺": "μ", "栿": "Ⅲ", "桇": "Ⅳ", "桋": "Ⅴ"}
    for damaged, symbol in pairs.items():
        assert damaged.encode("gbk")[0] + 0x0C == symbol.encode("gbk")[0]
        assert damaged.encode("gbk")[1] == symbol.encode("gbk")[1]
        assert shifted_symbol(damaged) == symbol


def test_symbols_are_repaired_beside_numbers_and_units():
    assert repair_glyphs("婴儿死亡率(曤) 5.9 曑5.5") == "婴儿死亡率(‰) 5.9 ≤5.5"
    assert repair_glyphs("[曒17.6]") == "[≥17.6]"
    assert repair_glyphs("44毺g/m3") == "44μg/m3"


def test_roman_numerals_are_repaired_before_class_words():
    assert repair_glyphs("达到或好于栿类水体比例") == "达到或好于Ⅲ类水体比例"
    assert repair_glyphs("全面退出劣桋类") == "全面退出劣Ⅴ类"


def test_a_symbol_at_a_line_end_is_repaired_from_the_next_line():
    assert repair_glyphs("山西—浙江暲\n800千伏") == "山西—浙江±\n800千伏"


def test_real_rare_characters_are_left_alone():
    # 澠 shifts to a box-drawing glyph, which plans never mean; the place name stays.
    assert repair_glyphs("夏县泗交至澠池高速公路") == "夏县泗交至澠池高速公路"
    # A shifted-range character without a numeric context is not touched.
    assert repair_glyphs("桋树成林") == "桋树成林"


def test_text_without_damage_is_returned_unchanged():
    text = "到2025年，森林覆盖率达到26%。"
    assert repair_glyphs(text) is text or repair_glyphs(text) == text


def test_symbol_font_characters_in_the_private_use_area_are_repaired_beside_numbers():
    # The evidence: Symbol-font text sits at U+F000 + its code; ≥ is 0xB3 and ≤ is 0xA3 there.
    assert repair_glyphs("达标率\uf0b3 85%") == "达标率≥ 85%"
    assert repair_glyphs("浓度\uf0a335") == "浓度≤35"
    assert repair_glyphs("[\uf0b317.6]") == "[≥17.6]"


def test_private_use_characters_without_evidence_are_left_alone():
    assert repair_glyphs("回收利用率\ue0a5 35%") == "回收利用率\ue0a5 35%"
    assert repair_glyphs("标题\uf0b3装饰") == "标题\uf0b3装饰"


def test_another_shift_is_repaired_where_the_document_shows_it_twice():
    # A font that lowers the lead byte by 0x0B: ≤ A1DC -> 栜 96DC, ≥ A1DD -> 栞 96DD.
    assert "栞".encode("gbk") == bytes([0xA1 - 0x0B, 0xDD])
    text = "森林覆盖率栞26%，细颗粒物浓度栜35微克/立方米，重要江河湖泊水功能区达标率栞90%"
    assert repair_glyphs(text) == "森林覆盖率≥26%，细颗粒物浓度≤35微克/立方米，重要江河湖泊水功能区达标率≥90%"


def test_one_rare_character_beside_a_figure_is_not_evidence_of_another_shift():
    assert repair_glyphs("栞2") == "栞2"
    # Traditional forms of common characters are words: 勢 (≥ at shift 0x1D) stays.
    assert repair_glyphs("發展態勢2021年 勢3 勢4") == "發展態勢2021年 勢3 勢4"


def test_a_traditional_character_in_traditional_text_is_not_a_damaged_symbol():
    # 會 (GBK 95FE) and 書 (GBK 95E9) are what the shift makes of 〓 and ▲; in a passage written in
    # traditional script, before a reading in brackets or a figure, they are the words themselves.
    text = "全省每千人擁有社會(huì)體育指導員3.6名，圖書(2020)館藏量"
    assert repair_glyphs(text) == text


def test_the_shift_damage_is_still_repaired_in_simplified_text():
    assert repair_glyphs("浓度曑35微克") == "浓度≤35微克"
