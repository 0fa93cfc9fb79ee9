"""Reading plan files: encodings detected, unreadable input refused with a Chinese reason."""

import pytest

from plantrack.ingest.errors import PlanInputError
from plantrack.ingest.read import decode_plan_bytes, read_plan_file

TEXT = "第一章 总体要求\n到2025年，森林覆盖率达到26%。\n"


def test_utf8_is_read_as_utf8():
    assert decode_plan_bytes(TEXT.encode("utf-8")).encoding == "utf-8"


def test_a_utf8_bom_is_dropped():
    src = decode_plan_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert src.encoding == "utf-8" and src.text == TEXT


def test_gbk_bytes_are_read_as_gb18030():
    src = decode_plan_bytes(TEXT.encode("gbk"))
    assert src.encoding == "gb18030" and src.text == TEXT


def test_the_sha256_is_of_the_bytes():
    import hashlib

    data = TEXT.encode("utf-8")
    assert decode_plan_bytes(data).sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "文件为空"),
        (b"   \n\n", "文件为空"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "二进制"),
        (b"plan \x80\xff\x80\xff" * 20, "编码"),
    ],
)
def test_unreadable_input_is_refused_with_a_chinese_reason(data, reason):
    with pytest.raises(PlanInputError) as exc:
        decode_plan_bytes(data, "x.txt")
    assert reason in exc.value.message() and "x.txt" in exc.value.message()


def test_a_missing_file_names_the_file(tmp_path):
    with pytest.raises(PlanInputError) as exc:
        read_plan_file(tmp_path / "missing.txt")
    assert "missing.txt" in exc.value.message() and "不存在" in exc.value.message()


# --- Word and PDF: told apart by content, read by their own readers --------------------------


def test_a_word_document_is_read_by_its_content_whatever_its_name():
    from .documents import plan_docx

    data = plan_docx()
    src = decode_plan_bytes(data, "upload.bin")
    assert src.encoding == "docx" and src.text.startswith("清河市") and "指标\t单位" in src.text


def test_the_sha256_and_size_of_a_word_document_are_of_its_file(tmp_path):
    import hashlib

    from .documents import plan_docx

    path = tmp_path / "plan.docx"
    path.write_bytes(plan_docx())
    src = read_plan_file(path)
    assert (src.sha256, src.size) == (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_size)


def test_pdf_bytes_are_read_as_pdf():
    from .documents import cjk_font, plan_pdf

    if cjk_font() is None:
        pytest.skip("no CJK TrueType font to draw a Chinese test PDF with")
    assert decode_plan_bytes(plan_pdf(), "plan.txt").encoding == "pdf"


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("plan.docx", TEXT.encode("utf-8"), "扩展名是 .docx，但内容不是Word 文档"),
        ("plan.pdf", TEXT.encode("utf-8"), "扩展名是 .pdf，但内容不是PDF 文件"),
        ("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "旧版 Office 文档"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused_by_name(name, data, reason):
    with pytest.raises(PlanInputError) as exc:
        decode_plan_bytes(data, name)
    assert reason in exc.value.message() and name in exc.value.message()


def test_the_size_limit_applies_to_a_word_file(tmp_path, monkeypatch):
    from .documents import plan_docx

    path = tmp_path / "plan.docx"
    path.write_bytes(plan_docx())
    monkeypatch.setenv("PLANTRACK_MAX_PLAN_MB", "0.01")
    with pytest.raises(PlanInputError) as exc:
        read_plan_file(path)
    assert "过大" in exc.value.message() and "plan.docx" in exc.value.message()


def test_an_html_page_is_read_by_its_content_whatever_its_name():
    data = '<!DOCTYPE html><html><body><p>第一章 总则</p><table><tr><td>指标</td><td>单位</td></tr></table></body></html>'
    src = decode_plan_bytes(data.encode("utf-8"), "upload.txt")
    assert (src.encoding, src.text) == ("html", "第一章 总则\n指标\t单位\n")


def test_a_saved_fragment_named_html_is_read_as_a_page():
    src = decode_plan_bytes("<div><p>第一章 总则</p><p>第二章 目标</p></div>".encode("utf-8"), "plan.htm")
    assert (src.encoding, src.text) == ("html", "第一章 总则\n第二章 目标\n")


def test_text_named_html_is_read_as_text():
    src = decode_plan_bytes("第一章 总则\n".encode("utf-8"), "plan.html")
    assert (src.encoding, src.text) == ("utf-8", "第一章 总则\n")


def test_the_sha256_of_an_html_page_is_of_its_bytes():
    import hashlib

    data = '<html><head><meta charset="gbk"></head><body><p>森林覆盖率</p></body></html>'.encode("gbk")
    assert decode_plan_bytes(data, "p.html").sha256 == hashlib.sha256(data).hexdigest()


def test_pipe_tables_in_text_are_read_as_tab_rows_line_for_line():
    text = "表1 主要指标\n| 指标 | 单位 | 2025年 |\n|---|---|---|\n| 森林覆盖率 | % | 30 |\n"
    assert decode_plan_bytes(text.encode("utf-8"), "plan.md").text == "表1 主要指标\n指标\t单位\t2025年\n\n森林覆盖率\t%\t30\n"
