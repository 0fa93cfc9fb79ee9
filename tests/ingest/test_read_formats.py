"""One plan, every format it is published in, the same indicator rows.

Each seed fixture (tests/fixtures) is rendered as an HTML page (indicator table as a <table>
with rowspan/colspan for merged category cells, inside a portal page's navigation and footer),
as Markdown with a pipe table, as a Word document with merged cells and as a text PDF with a
ruled table (renderings.py). Read back through read.py and parsed, each must give the indicator
rows of the text form. Line numbers may differ between formats; rows may not.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from plantrack.ingest.pipeline import parse_bytes, parse_file

from . import renderings
from .documents import cjk_font

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PLANS = ["qinghe-county-14th-fyp", "jiangzhou-ecology-14th-plan", "dongchuan-transport-14th-plan"]
ROW_FIELDS = ("category", "name", "unit", "tag", "base_year", "base_value", "base_text", "target_year",
              "target_value", "target_text", "annual_growth", "binding")


@functools.cache
def text_form(name: str) -> dict:
    return parse_file(FIXTURES / f"{name}.txt")


@functools.cache
def blocks(name: str) -> list:
    from plantrack.ingest.read import read_plan_file

    return renderings.plan_blocks(read_plan_file(FIXTURES / f"{name}.txt").text, text_form(name)["indicators"])


def rows(plan: dict) -> list[tuple]:
    """The indicator rows without their line numbers; whitespace inside text is insignificant."""
    return [tuple(re.sub(r"\s+", "", v) if isinstance(v, str) else v for v in (i[f] for f in ROW_FIELDS))
            for i in plan["indicators"]]


def render(name: str, fmt: str) -> tuple[bytes, str]:
    if fmt == "html":
        return renderings.to_html(blocks(name)), f"{name}.html"
    if fmt == "html-gbk":
        return renderings.to_html(blocks(name), charset="gbk"), f"{name}.htm"
    if fmt == "markdown":
        return renderings.to_markdown(blocks(name)), f"{name}.md"
    if fmt == "docx":
        return renderings.to_docx(blocks(name)), f"{name}.docx"
    font = cjk_font()
    if font is None:
        pytest.skip("no CJK TrueType font to draw a Chinese test PDF with (install fonts-wqy-microhei, "
                    "or set PLANTRACK_CJK_FONT)")
    return renderings.to_pdf(blocks(name), font), f"{name}.pdf"


def test_the_text_forms_have_indicator_tables_to_compare():
    assert [len(text_form(name)["indicators"]) for name in PLANS] == [18, 14, 13]


@pytest.mark.parametrize("fmt", ["html", "html-gbk", "markdown", "docx", "pdf"])
@pytest.mark.parametrize("name", PLANS)
def test_every_format_gives_the_indicator_rows_of_the_text_form(name, fmt):
    data, path = render(name, fmt)
    assert rows(parse_bytes(data, path)) == rows(text_form(name))


@pytest.mark.parametrize("fmt, encoding", [("html", "html"), ("markdown", "utf-8"), ("docx", "docx"), ("pdf", "pdf")])
def test_each_format_is_told_by_its_content_not_its_name(fmt, encoding):
    data, _ = render(PLANS[1], fmt)
    assert parse_bytes(data, "upload.bin")["source"]["encoding"] == encoding


@pytest.mark.parametrize("name", PLANS)
def test_an_indicator_table_broken_across_pdf_pages_reads_as_one(name):
    font = cjk_font()
    if font is None:
        pytest.skip("no CJK TrueType font to draw a Chinese test PDF with")
    from plantrack.ingest.read import read_plan_bytes

    plan = blocks(name)
    grid = next(b for b in plan if isinstance(b, renderings.Grid) and b.rows[0][-1].text == "属性" and len(b.rows) > 10)
    data = renderings.to_pdf(plan, font, page_height=300)  # room for about ten rows a page
    lines = read_plan_bytes(data, f"{name}.pdf").text.split("\n")
    header = [line.strip() for line in lines].index("\t".join(cell.text for cell in grid.rows[0]))
    assert any(line.startswith(" ") for line in lines[header + 1 : header + len(grid.rows)])  # a page starts inside
    assert rows(parse_bytes(data, f"{name}.pdf")) == rows(text_form(name))
