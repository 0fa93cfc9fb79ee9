"""Plan files that would make the parser do unbounded work are refused before it starts (issue 12):
a .docx whose ZIP directory declares too many bytes or parts (a zip bomb), a PDF with too many
pages; each with a Chinese reason that names the limit and its environment variable."""

from __future__ import annotations

import io
import zipfile

import pytest

from plantrack.domain.limits import check_zip
from plantrack.ingest.errors import PlanInputError
from plantrack.ingest.read import read_plan_bytes

from .documents import TITLE, blank_pdf, plan_docx

CHUNK = b"<w:p/>" * (1024 * 1024 // 6)  # about 1 MB of paragraphs that compress to almost nothing


def bomb(docx: bytes, megabytes: int) -> bytes:
    """docx with its document.xml followed by megabytes of empty paragraphs: a few KB on disk."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                dst.writestr(item, src.read(item))
        with dst.open("word/document.xml", "w") as part:
            body = src.read("word/document.xml")
            cut = body.rindex(b"<w:sectPr")
            part.write(body[:cut])
            for _ in range(megabytes):
                part.write(CHUNK)
            part.write(body[cut:])
    return out.getvalue()


def never_parsed(monkeypatch):
    import docx

    def refuse(*_a, **_k):
        raise AssertionError("the document was parsed")

    monkeypatch.setattr(docx, "Document", refuse)


def test_a_docx_bomb_is_refused_from_its_directory_with_the_default_limit(monkeypatch):
    data = bomb(plan_docx(), 201)
    assert len(data) < 2 * 1024 * 1024  # small on the wire
    never_parsed(monkeypatch)
    with pytest.raises(PlanInputError) as caught:
        read_plan_bytes(data, "炸弹.docx")
    message = caught.value.message()
    assert "炸弹.docx" in message and "解压后" in message and "PLANTRACK_MAX_UNZIPPED_MB" in message


def test_the_uncompressed_limit_is_configurable(monkeypatch):
    data = bomb(plan_docx(), 3)
    assert "解压后" in _refusal(data, monkeypatch, PLANTRACK_MAX_UNZIPPED_MB="2")
    monkeypatch.setenv("PLANTRACK_MAX_UNZIPPED_MB", "10")
    check_zip(data, "Word 文档")  # under the raised limit the directory passes


def test_a_docx_with_too_many_parts_is_refused(monkeypatch):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plan_docx())) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        for i in range(30):
            dst.writestr(f"customXml/item{i}.xml", "<a/>")
    assert "部件" in _refusal(out.getvalue(), monkeypatch, PLANTRACK_MAX_ZIP_ENTRIES="20")


def test_an_ordinary_docx_passes_the_default_limits():
    assert read_plan_bytes(plan_docx(), "plan.docx").text.startswith(TITLE)


def test_a_pdf_over_the_page_limit_is_refused_before_its_pages_are_read(monkeypatch):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    page = PdfReader(io.BytesIO(blank_pdf())).pages[0]
    for _ in range(6):
        writer.add_page(page)
    buf = io.BytesIO()
    writer.write(buf)
    from plantrack.ingest import pdf_text

    monkeypatch.setattr(pdf_text, "page_lines", lambda page: pytest.fail("a page was laid out"))
    message = _refusal(buf.getvalue(), monkeypatch, PLANTRACK_MAX_PDF_PAGES="5")
    assert "共 6 页" in message and "PLANTRACK_MAX_PDF_PAGES" in message


def _refusal(data: bytes, monkeypatch, **env) -> str:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(PlanInputError) as caught:
        read_plan_bytes(data, "plan" + (".pdf" if data.startswith(b"%PDF") else ".docx"))
    return caught.value.message()
