"""Text PDFs: lines page by page, ruled tables as tab rows, page numbers gone, scans refused."""

import pytest

from plantrack.ingest.errors import PlanInputError
from plantrack.ingest.pdf_text import NO_TEXT, distinct_chars, line_text, pdf_text, unify_ideographs
from plantrack.ingest.pipeline import analyse, parse_file
from plantrack.ingest.read import read_plan_file

from .documents import ACROSS_PAGES, CHAPTER_TWO, OPENING_LINES, TITLE, blank_pdf, cjk_font, encrypted, plan_pdf

needs_font = pytest.mark.skipif(cjk_font() is None, reason="no CJK TrueType font to draw a Chinese test PDF with "
                                "(install fonts-wqy-microhei, or set PLANTRACK_CJK_FONT)")


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "qinghe.pdf"
    path.write_bytes(plan_pdf())
    return path


@needs_font
def test_pages_read_top_to_bottom_with_tables_as_tab_rows_and_no_page_numbers(pdf_path):
    assert pdf_text(pdf_path.read_bytes(), "qinghe.pdf").split("\n") == [
        *OPENING_LINES,
        ACROSS_PAGES[0],
        " " + ACROSS_PAGES[1],  # one space: the cleaner's mark of a page start
        CHAPTER_TWO,
        "加快建设现代产业体系。",
        "",
    ]


@needs_font
def test_the_same_pdf_gives_the_same_text(pdf_path):
    data = pdf_path.read_bytes()
    assert pdf_text(data, "a.pdf") == pdf_text(data, "b.pdf")


@needs_font
def test_a_pdf_plan_parses_to_headings_targets_and_indicators(pdf_path):
    plan = parse_file(pdf_path)
    assert plan["source"]["encoding"] == "pdf" and plan["title"] == TITLE
    assert [(h["label"], h["title"]) for h in plan["outline"]] == [("第一章", "发展目标"), ("第二章", "重点任务")]
    assert {(t["subject"], t["value"], t["year"], t["line"]) for t in plan["targets"]} == {("全市森林覆盖率", 30, 2025, 3)}
    assert [(i["name"], i["target_text"], i["binding"]) for i in plan["indicators"]] == [
        ("地区生产总值增长率", "6左右", "expected"),
        ("森林覆盖率", "30", "binding"),
        ("单位地区生产总值能源消耗降低", "完成省下达任务", "binding"),
    ]


@needs_font
def test_a_sentence_across_a_page_break_is_one_paragraph_without_the_page_number(pdf_path):
    paragraphs = [p.text for p in analyse(read_plan_file(pdf_path)).paragraphs]
    assert "".join(ACROSS_PAGES) in paragraphs
    assert not any("- 1 -" in p or p.strip() == "2" for p in paragraphs)


def test_a_pdf_without_a_text_layer_is_refused_with_advice_to_ocr_it():
    with pytest.raises(PlanInputError) as exc:
        pdf_text(blank_pdf(), "scan.pdf")
    assert exc.value.reason == NO_TEXT and "scan.pdf" in exc.value.message()


@needs_font
def test_an_encrypted_pdf_is_refused_by_name(pdf_path):
    with pytest.raises(PlanInputError) as exc:
        pdf_text(encrypted(pdf_path.read_bytes()), "locked.pdf")
    assert "加密" in exc.value.message() and "locked.pdf" in exc.value.message()


def test_a_truncated_pdf_is_refused_by_name():
    with pytest.raises(PlanInputError) as exc:
        pdf_text(blank_pdf()[:300], "cut.pdf")
    assert "已损坏" in exc.value.message() and "cut.pdf" in exc.value.message()


def _chars(*spec):
    """Characters of one line as (text, x0, width) at 10 pt."""
    return [{"text": t, "x0": x, "x1": x + w, "size": 10} for t, x, w in spec]


def test_gaps_inside_a_line_become_cell_breaks_or_word_spaces():
    # 森林 | wide gap | 30 : two spaces; "PM" gap "2": a word space; 森 林 stretched: nothing.
    assert line_text(_chars(("森", 0, 10), ("林", 12, 10), ("3", 60, 5), ("0", 65, 5))) == "森林  30"
    assert line_text(_chars(("P", 0, 5), ("M", 5, 5), ("2", 14, 5))) == "PM 2"
    assert line_text(_chars(("章", 0, 10), (" ", 10, 3), ("发", 13, 10))) == "章 发"


def test_kangxi_radicals_become_the_ideographs_they_stand_for():
    assert unify_ideographs("⽣态⽂明") == "生态文明"
    assert unify_ideographs("（≤30%）") == "（≤30%）"


def test_text_drawn_twice_for_a_bold_look_is_read_once():
    chars = [{**c, "top": 100, "fontname": "F"} for c in _chars(("第", 0, 10), ("第", 0.4, 10), ("一", 10, 10),
                                                                ("一", 10.4, 10), ("一", 20, 10))]
    assert line_text(distinct_chars(chars)) == "第一一"


@needs_font
def test_when_the_table_finder_fails_the_page_is_read_by_character_positions(pdf_path, monkeypatch):
    import pdfplumber.page

    def broken(self, *args, **kwargs):
        raise ValueError("bad drawing operator")

    monkeypatch.setattr(pdfplumber.page.Page, "find_tables", broken)
    lines = pdf_text(pdf_path.read_bytes(), "qinghe.pdf").split("\n")
    assert "森林覆盖率  %  28  30  约束性" in lines  # cells set apart by gaps, for the flow layout
    assert "上述指标由市统计局会同有关部门监测。" in lines
    # Cells closer than CELL_GAP run together by position alone (单位地区生产总值能源消耗降低% here);
    # the rows with wide gaps still read as indicators.
    plan = parse_file(pdf_path)
    assert {("地区生产总值增长率", "6左右"), ("森林覆盖率", "30")} <= {(i["name"], i["target_text"]) for i in plan["indicators"]}
