"""`plantrack parse` as a user meets it: JSON on stdout, a Chinese summary, and one-line Chinese errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plantrack.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "sample-county-plan.txt"
GB18030_FIXTURE = ROOT / "tests" / "fixtures" / "dongchuan-transport-14th-plan.txt"
CJK = re.compile(r"[\u4e00-\u9fff]")


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_parse_prints_the_contract_json_on_stdout():
    result = run("parse", str(SAMPLE))
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["schema"] == "plantrack.plan/1"
    assert plan["source"]["path"] == str(SAMPLE)
    assert plan["source"]["encoding"] == "utf-8"


def test_parse_format_summary_prints_chinese_headings():
    result = run("parse", str(SAMPLE), "--format", "summary")
    assert result.exit_code == 0, result.output
    for heading in ("规划基本信息", "目录结构", "主要指标"):
        assert heading in result.stdout, f"{heading} not in summary:\n{result.stdout}"


def _assert_refused(result, path: Path) -> None:
    """Exit code 2, one Chinese line on stderr naming the file, nothing on stdout, no traceback."""
    assert result.exit_code == 2, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, f"expected one line, got:\n{message}"
    assert path.name in message, message
    assert CJK.search(message), message
    assert "Traceback" not in result.output + result.stderr
    assert result.stdout.strip() == ""


def test_an_empty_file_is_refused_with_a_one_line_chinese_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    _assert_refused(run("parse", str(path)), path)


def test_a_blank_file_is_refused_like_an_empty_one(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\r\n\t\n")
    _assert_refused(run("parse", str(path)), path)


def test_a_binary_file_is_refused_with_a_one_line_chinese_error(tmp_path):
    path = tmp_path / "picture.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64 + b"IHDR\x00\x00\x01\x00")
    _assert_refused(run("parse", str(path)), path)


def test_a_file_undecodable_as_utf8_and_gb18030_is_refused(tmp_path):
    data = "规划".encode("utf-8") + b"\x80\xff\x80\xff" + "指标".encode("gb18030")
    for encoding in ("utf-8", "gb18030"):
        with pytest.raises(UnicodeDecodeError):
            data.decode(encoding)
    path = tmp_path / "garbled.txt"
    path.write_bytes(data)
    _assert_refused(run("parse", str(path)), path)


def test_a_missing_file_is_refused_with_a_one_line_chinese_error(tmp_path):
    path = tmp_path / "no-such-plan.txt"
    _assert_refused(run("parse", str(path)), path)


def test_a_gb18030_file_parses_and_reports_its_encoding(tmp_path):
    path = tmp_path / "sample-gb18030.txt"
    path.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("gb18030"))
    result = run("parse", str(path))
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["source"]["encoding"] == "gb18030"
    assert plan == {**_parse_json(SAMPLE), "source": plan["source"]}, "GB18030 and UTF-8 copies parse differently"


def test_the_gb18030_fixture_parses_and_reports_its_encoding():
    result = run("parse", str(GB18030_FIXTURE))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["source"]["encoding"] == "gb18030"


def test_a_utf8_file_with_a_bom_parses_as_utf8_like_the_same_file_without(tmp_path):
    path = tmp_path / "sample-bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + SAMPLE.read_bytes())
    result = run("parse", str(path))
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["source"]["encoding"] == "utf-8"
    assert plan == {**_parse_json(SAMPLE), "source": plan["source"]}, "the BOM changed the parse"


def _parse_json(path: Path) -> dict:
    result = run("parse", str(path))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_word_plan_parses_to_json_with_its_indicators(tmp_path):
    from .ingest.documents import plan_docx

    path = tmp_path / "qinghe.docx"
    path.write_bytes(plan_docx())
    result = run("parse", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["source"]["encoding"] == "docx"
    assert [i["name"] for i in plan["indicators"]] == ["地区生产总值增长率", "森林覆盖率", "单位地区生产总值能源消耗降低"]


def test_a_corrupt_word_file_is_refused_with_a_one_line_chinese_error(tmp_path):
    from .ingest.documents import plan_docx

    path = tmp_path / "broken.docx"
    path.write_bytes(plan_docx()[:3000])
    _assert_refused(run("parse", str(path)), path)


def test_a_scanned_pdf_is_refused_with_advice_to_ocr_it(tmp_path):
    from .ingest.documents import blank_pdf

    path = tmp_path / "scan.pdf"
    path.write_bytes(blank_pdf())
    result = run("parse", str(path))
    _assert_refused(result, path)
    assert "OCR" in result.stderr


def test_parse_format_summary_counts_the_outline_by_kind():
    result = run("parse", str(SAMPLE), "--format", "summary")
    assert result.exit_code == 0, result.output
    assert "目录统计" in result.stdout and "章" in result.stdout.split("目录统计", 1)[1]


def test_parse_reads_an_html_page_saved_from_a_portal(tmp_path):
    path = tmp_path / "江河县规划.htm"
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'
            '<div class="nav">首页</div><p>第一章 发展目标</p><table><tr><td>指标</td><td>单位</td><td>2020年</td>'
            '<td>2025年</td><td>属性</td></tr><tr><td>森林覆盖率</td><td>%</td><td>28</td><td>30</td><td>约束性</td>'
            '</tr></table></body></html>')
    path.write_bytes(page.encode("gb18030"))
    result = run("parse", str(path))
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["source"]["encoding"] == "html"
    assert [(i["name"], i["target_text"], i["binding"]) for i in plan["indicators"]] == [("森林覆盖率", "30", "binding")]


@pytest.mark.parametrize("name, data", [
    ("blank.html", b"<!DOCTYPE html><html><body><script>var a=1;</script><nav>\xe9\xa6\x96\xe9\xa1\xb5</nav></body></html>"),
    ("bad.htm", b"<html><head><meta charset='utf-8'></head><body><p>\xff\xfe\x80 \xc3</p></body></html>"),
])
def test_an_html_page_without_text_or_readable_bytes_is_refused_in_one_line(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    _assert_refused(run("parse", str(path)), path)
