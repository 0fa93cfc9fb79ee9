"""The PDF report set the way Chinese is set: no line begins with closing punctuation (checked on
the text pdfplumber extracts from the provincial outline's mid-term report), and every heading is
on the page of the text that follows it. The line breaker itself is tested on its own first."""

from __future__ import annotations

import io
import random

import pytest

from plantrack.report.writers.cjk_lines import CANNOT_END, CANNOT_START, break_lines

from .test_report import SHANXI, _require_cjk_font, shanxi_store  # noqa: F401  (the corpus store fixture)

CLOSERS = "，。、；：？！）」』】"


def width(ch: str) -> float:
    return 1.0 if ord(ch) >= 0x2E80 else 0.5


def test_closing_marks_never_begin_a_line_even_two_in_a_row():
    text = "森林覆盖率达到百分之二十六。）其余指标，由国家下达”，需人工评估。"
    for limit in range(3, 20):
        lines = [t for _, t in break_lines(text, [limit], width)]
        assert "".join(lines) == text
        assert all(t[0] not in CLOSERS for t in lines[1:]), (limit, lines)


def test_opening_marks_never_end_a_line_and_numbers_are_not_cut():
    text = "规划期为2021—2025年，目标为“完成国家考核目标”（约束性），最新值23.18%。"
    for limit in range(4, 20):
        lines = [t for _, t in break_lines(text, [limit], width)]
        assert "".join(lines) == text
        assert all(t[-1] not in CANNOT_END for t in lines[:-1]), (limit, lines)
        for a, b in zip(lines, lines[1:]):
            assert not (a[-1].isdigit() and b[0].isdigit()), (limit, lines)


def test_random_text_keeps_every_character_and_every_rule():
    rng = random.Random(13)
    alphabet = "规划目标指标年份森林覆盖率数据，。、；：？！）」』】“”（《》2025.3%"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 90)))
        limit = rng.choice((4, 6, 9, 15))
        lines = break_lines(text, [limit], width)
        assert "".join(t for _, t in lines) == text
        for n, (spare, t) in enumerate(lines):
            if n and len(lines[n - 1][1]) > 1:  # a one-character line is all a rule can leave
                assert t[0] not in CANNOT_START, (text, limit, [x for _, x in lines])
            overhang = sum(width(c) for c in t) - limit
            assert overhang <= 1e-9 or (t[-1] in CANNOT_START and overhang <= width(t[-1])) or len(t) == 1


def test_first_and_later_lines_take_their_own_widths():
    lines = break_lines("一二三四五六七八九十", [3, 5], width)
    assert [t for _, t in lines] == ["一二三", "四五六七八", "九十"]
    assert [s for s, _ in lines] == [0, 0, 3]


@pytest.fixture
def report_pdf(shanxi_store):  # noqa: F811
    _require_cjk_font()
    from plantrack.report import build_report
    from plantrack.report.writers import writer_for

    with shanxi_store.begin() as session:
        model = build_report(session, SHANXI, 2023, "midterm")
    return model, writer_for("pdf").to_bytes(model)


def test_no_line_of_the_report_begins_with_closing_punctuation(report_pdf):
    pdfplumber = pytest.importorskip("pdfplumber")
    _, data = report_pdf
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        lines = [line for page in pdf.pages for line in (page.extract_text() or "").split("\n")]
    assert len(lines) > 200
    assert [line for line in lines if line[:1] in CLOSERS] == []


def test_every_heading_is_on_the_page_of_what_follows_it(report_pdf):
    pdfplumber = pytest.importorskip("pdfplumber")
    model, data = report_pdf
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [(page.extract_text() or "").split("\n") for page in pdf.pages]
    headings = [*model.sections, "（一）主要指标评估表", "（二）分指标进展", "（一）约束性指标", "（二）预警", "数据来源",
                "附表　主要指标评估表"]
    found = 0
    for lines in pages:
        body = lines[:-1]  # the running footer
        for i, line in enumerate(body):
            if line.strip() in headings:
                found += 1
                assert i + 1 < len(body), f"“{line}” ends its page"
    assert found >= len(headings) - 1  # every heading the report has (a section may be missing its sub-heading)
    # and no page is left almost empty before the landscape table
    assert all(len("".join(lines)) > 120 for lines in pages[:-1])
