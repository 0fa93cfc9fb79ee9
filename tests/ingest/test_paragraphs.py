"""Paragraphs: hard-wrapped lines joined, each character still mapped to its source line; the
normalised reading keeps a way back to the text as written."""

from plantrack.ingest.clean import Line
from plantrack.ingest.paragraphs import build_paragraphs, sentences


def paragraphs_of(*texts: str, breaks=frozenset()):
    lines = [Line(no, text) for no, text in enumerate(texts, start=1)]
    return build_paragraphs(lines, breaks=set(breaks), skip=set())


def test_a_line_break_mid_sentence_or_mid_number_is_not_a_paragraph_end():
    (p,) = paragraphs_of("全市森林覆盖率达到3", "2.5%，城市绿地率", "达到42%。")
    assert p.text == "全市森林覆盖率达到32.5%，城市绿地率达到42%。"
    assert [p.line_at(p.text.index(s)) for s in ("全市", "2.5%", "达到42")] == [1, 2, 3]


def test_a_full_stop_ends_a_paragraph_but_not_one_inside_a_wrapped_number():
    assert [p.text for p in paragraphs_of("总量达到1500。", "2025年起实施。")] == ["总量达到1500。", "2025年起实施。"]
    assert [p.text for p in paragraphs_of("覆盖率达到32。", "5%。")] == ["覆盖率达到32。5%。"]


def test_a_heading_breaks_paragraphs():
    got = paragraphs_of("正文没有句号", "一、主要任务", "下一段。", breaks={1})
    assert [p.text for p in got] == ["正文没有句号", "一、主要任务", "下一段。"]


def test_the_normalised_paragraph_reads_plain_digits_and_maps_back_to_the_text_as_written():
    (p,) = paragraphs_of("到２０２５年，森林 覆盖率达到", "1 2.5％，城市绿地率达到32。5%。")
    n = p.normalized()
    assert n.text == "到2025年，森林覆盖率达到12.5%，城市绿地率达到32.5%。"
    start = n.text.index("森林")
    end = n.text.index("%") + 1
    assert n.as_written(start, end) == "森林 覆盖率达到1 2.5％"
    assert n.line_at(n.text.index("12.5")) == 2 and n.line_at(start) == 1


def test_the_normalised_paragraph_keeps_full_width_brackets():
    (p,) = paragraphs_of("各县（区）建设２所特殊教育学校。")
    assert p.normalized().text == "各县（区）建设2所特殊教育学校。"


def test_sentences_keep_the_line_they_start_on():
    (p,) = paragraphs_of("第一句。第二句", "跨行。")
    assert [(s.text, s.line) for s in sentences(p)] == [("第一句。", 1), ("第二句跨行。", 1)]


def test_ascii_points_read_as_full_stops_only_between_words():
    from plantrack.ingest.paragraphs import Paragraph

    p = Paragraph("一.总则.森林覆盖率达到35.5%.主要污染物排放总量减少.", [0], [1]).normalized()
    assert p.text == "一.总则。森林覆盖率达到35.5%。主要污染物排放总量减少。"


def test_a_bulleted_line_opens_its_own_paragraph():
    from plantrack.ingest.clean import Line
    from plantrack.ingest.paragraphs import build_paragraphs

    lines = [Line(1, "• 经济增长：地区生产总值年均增长6%"), Line(2, "• 生态环境：森林覆盖率提高到30%")]
    assert [p.text for p in build_paragraphs(lines, set(), set())] == [ln.text for ln in lines]
