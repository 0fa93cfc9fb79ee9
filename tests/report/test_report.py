"""Evaluation reports: the mid-term report of the provincial outline (2023) in all four formats,
opened as their readers would open them, and the pure report model on a small plan of our own."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from typer.testing import CliRunner

from plantrack.cli import app
from plantrack.domain.targets import interpret
from plantrack.evaluate.status import assess
from plantrack.evaluate.warnings import collect
from plantrack.report import ReportError, build_model, build_report, writer_for
from plantrack.report.charts.svg import line_chart
from plantrack.report.fonts import find_cjk_font
from plantrack.report.model import PlanInfo
from plantrack.report.writers import pdf_writer
from plantrack.report.writers.html_writer import render_html

from ..conftest import CORPUS, SHARED

SHANXI = "shanxi-14th-fyp-outline"
CJK = re.compile(r"[\u4e00-\u9fff]")
STATUSES = {"提前实现", "快于预期", "基本符合预期", "滞后", "无数据", "需人工评估"}


def _require_cjk_font() -> None:
    """PDF and chart tests need the font scripts/setup.sh installs; in CI its absence is a failure."""
    import os

    if find_cjk_font() is None:
        message = "no CJK TrueType font: run scripts/setup.sh (fonts-wqy-microhei)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


# --- the provincial outline, from the store ---------------------------------------------------


@pytest.fixture
def shanxi_store(session_factory):
    """The provincial outline and the shared observations, loaded into a fresh store."""
    from plantrack.load import load_files
    from plantrack.observations.importer import import_file

    path = CORPUS / f"{SHANXI}.txt"
    observations = SHARED / "data" / "observations.csv"
    if not path.exists() or not observations.exists():
        pytest.skip("../shared/corpus or ../shared/data is not next to the repository")
    [outcome] = load_files(session_factory, [path])
    assert outcome.ok, outcome.message
    import_file(session_factory, observations)
    return session_factory


def _evaluation(factory) -> dict:
    from plantrack.tracking import evaluate_plan

    with factory.begin() as session:
        return evaluate_plan(session, SHANXI, 2023, store=False).to_json()


def test_the_midterm_model_counts_every_indicator_and_puts_binding_ones_first(shanxi_store):
    with shanxi_store.begin() as session:
        m = build_report(session, SHANXI, 2023, "midterm")
    evaluation = _evaluation(shanxi_store)

    assert m.title == "《山西省国民经济和社会发展第十四个五年规划和2035年远景目标纲要》实施中期评估报告（2023年）"
    assert m.total == len(evaluation["assessments"]) == len(m.indicators) >= 30
    assert sum(n for _, n in m.counts) == m.total
    assert {s: n for s, n in m.counts if n} == evaluation["counts"]
    assert [r.status for r in m.indicators] == [a["status"] for a in evaluation["assessments"]]
    assert "时间进度60%" in m.overview[0]

    # Binding indicators not on track and the warnings come first, binding ones before the others.
    assert m.highlights and m.highlights[0].startswith("约束性指标")
    assert len([h for h in m.highlights if h.startswith("预警")]) == len(m.warnings) == len(evaluation["warnings"])
    assert {r.name for r in m.binding} == {a["indicator"]["name"] for a in evaluation["assessments"]
                                           if a["indicator"]["binding"] == "binding"}

    # Every indicator without data or needing a person is a data gap, with a reason and a need.
    gaps = {g.name: g for g in m.gaps}
    assert set(gaps) == {r.name for r in m.indicators if r.status in ("无数据", "需人工评估")}
    assert all(g.reason != "—" and g.need != "—" for g in m.gaps)
    assert "上级下达" in gaps["单位地区生产总值能源消耗降低"].reason
    assert [g.attribute for g in m.gaps] == sorted((g.attribute for g in m.gaps), key=lambda a: a != "约束性")

    # The urbanization row: base, target, latest, expected as the assessment computed them.
    row = next(r for r in m.indicators if r.name == "常住人口城镇化率")
    assert (row.base_year, row.base_value, row.latest_year, row.latest_value) == (2019, 59.55, 2023, 64.97)
    assert row.target_value == 68 and row.status == "基本符合预期"
    assert row.expected_value == pytest.approx(65.1833, abs=1e-3) and row.ratio_text == "96.2%"
    assert row.source_url and row.source_title != "—"
    # Its chart runs the plan path through the expected value, and stops at the evaluation year.
    chart = row.chart
    assert chart.value_at("expected", 2019) == pytest.approx(59.55)
    assert chart.value_at("expected", 2023) == pytest.approx(row.expected_value)
    assert chart.value_at("expected", 2025) == pytest.approx(68)
    assert chart.value_at("observations", 2023) == pytest.approx(64.97)
    assert max(p.year for p in chart.observations) <= 2023
    # A growth-rate indicator is charted by its rates against the target rate, never a growth of a rate.
    gdp = next(r for r in m.indicators if r.name == "地区生产总值增长")
    assert gdp.chart.measure == "年度增速" and {p.value for p in gdp.chart.expected} == {8}
    assert m.findings_checked
    assert len(m.sections) == 6 and m.sections[2] == "三、约束性指标与预警"


def test_the_midterm_report_renders_in_all_four_formats(shanxi_store, tmp_path):
    _require_cjk_font()
    files = {}
    for fmt in ("html", "docx", "pdf", "xlsx"):
        out = tmp_path / f"report.{fmt}"
        result = CliRunner().invoke(app, ["report", SHANXI, "--year", "2023", "--kind", "midterm", "--format", fmt,
                                          "--output", str(out)])
        assert result.exit_code == 0, result.output
        assert "已生成中期评估报告" in result.output
        files[fmt] = out.read_bytes()
    with shanxi_store.begin() as session:
        model = build_report(session, SHANXI, 2023, "midterm")
    expected = [(r.name, r.status) for r in model.indicators]
    assert expected == [(a["indicator"]["name"], a["status"]) for a in _evaluation(shanxi_store)["assessments"]]
    charted = len(model.charts)
    assert charted >= 4  # GDP growth, urbanization, R&D growth, air quality, surface water …
    _check_docx(files["docx"], expected, charted)
    _check_xlsx(files["xlsx"], expected, charted)
    _check_pdf(files["pdf"])
    _check_html(files["html"].decode("utf-8"), expected, charted)


def _check_docx(data: bytes, expected: list[tuple[str, str]], charted: int) -> None:
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(io.BytesIO(data))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "序号" and "状态" in [c.text for c in t.rows[0].cells])
    header = [c.text for c in table.rows[0].cells]
    assert header[:3] == ["序号", "类别", "指标"] and "基期值（年份）" in header and "序时进度" in header
    name_col, status_col = header.index("指标"), header.index("状态")
    rows = [(r.cells[name_col].text, r.cells[status_col].text) for r in table.rows[1:]]
    assert len(rows) == len(expected)
    for (name, status), (want_name, want_status) in zip(rows, expected):
        assert name.startswith(want_name) and status == want_status
    # The header row repeats on every page; Chinese text has an East Asian font.
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    fonts = doc.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "宋体"
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings == ["一、总体情况", "二、主要指标完成情况", "三、约束性指标与预警", "四、数据缺口", "五、规划文本自身问题",
                        "六、说明（方法与口径）"]
    assert len(doc.inline_shapes) == charted
    assert doc.paragraphs[0].text.endswith("实施中期评估报告（2023年）")


def _check_xlsx(data: bytes, expected: list[tuple[str, str]], charted: int) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames[:5] == ["概览", "指标评估", "预警", "数据缺口", "规划自身问题"]
    ws = wb["指标评估"]
    header = [c.value for c in ws[1]]
    col = {h: i for i, h in enumerate(header)}
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert [(r[col["指标"]], r[col["状态"]]) for r in rows] == expected
    urban = next(r for r in rows if r[col["指标"]] == "常住人口城镇化率")
    assert urban[col["基期值"]] == 59.55 and urban[col["基期年份"]] == 2019
    assert urban[col["最新值"]] == 64.97 and urban[col["目标值"]] == 68
    assert urban[col["完成序时进度比例"]] == pytest.approx(0.9621, abs=1e-4)
    assert ws.cell(row=2, column=col["完成序时进度比例"] + 1).number_format == "0.0%"
    assert wb["概览"]["A1"].value.endswith("实施中期评估报告（2023年）")
    counts = {r[0].value: r[1].value for r in wb["概览"].iter_rows() if r[0].value in STATUSES}
    assert sum(counts.values()) == len(expected)
    assert wb["预警"]["B2"].value  # the first warning's indicator
    assert wb["数据缺口"].max_row - 1 == sum(1 for _, s in expected if s in ("无数据", "需人工评估"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert len([n for n in z.namelist() if n.startswith("xl/charts/chart")]) == charted


def _pdf_fonts(reader) -> list[dict]:
    """Every font of every page, with the descriptor where its font file would be."""
    found = []
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font")
        for ref in (fonts.get_object().values() if fonts else ()):
            font = ref.get_object()
            descriptors = [font.get("/FontDescriptor")]
            descriptors += [d.get_object().get("/FontDescriptor") for d in font.get("/DescendantFonts", [])]
            descriptors = [d.get_object() for d in descriptors if d is not None]
            found.append({"name": str(font.get("/BaseFont")), "descriptors": descriptors})
    return found


def _check_pdf(data: bytes) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    text = "".join(page.extract_text() for page in reader.pages)
    for phrase in ("中期评估", "一、总体情况", "常住人口城镇化率", "基本符合预期", "约束性指标与预警", "数据缺口"):
        assert phrase in text, phrase
    fonts = _pdf_fonts(reader)
    assert fonts
    for font in fonts:  # every font is embedded: no reader has to substitute one
        assert any(k in d for d in font["descriptors"] for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["name"]
    assert not any("STSong" in f["name"] for f in fonts)


def _check_html(html: str, expected: list[tuple[str, str]], charted: int) -> None:
    assert html.startswith("<!DOCTYPE html>")
    assert "实施中期评估报告（2023年）" in html and "@media print" in html
    assert html.count("<svg") == charted
    assert "<script" not in html and "<link" not in html and 'src="http' not in html  # self-contained
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert body.count("<tr") == len(expected)
    from markupsafe import escape

    for name, _ in expected:
        assert str(escape(name)) in body


# --- the pure model on a plan of our own ------------------------------------------------------

OWN_INDICATORS = [
    {"category": "经济发展", "name": "<script>alert('x')</script>地区生产总值", "unit": "亿元", "base_year": 2020,
     "base_value": 100, "base_text": "100", "target_year": 2025, "target_value": 150, "target_text": "150",
     "annual_growth": None, "binding": "expected", "line": 10},
    {"category": "绿色生态", "name": "森林覆盖率", "unit": "%", "base_year": 2020, "base_value": 25.6, "base_text": "25.6",
     "target_year": 2025, "target_value": 28, "target_text": "28", "annual_growth": None, "binding": "binding",
     "line": 11},
    {"category": "绿色生态", "name": "单位地区生产总值能源消耗降低", "unit": "%", "base_year": None, "base_value": None,
     "base_text": None, "target_year": 2025, "target_value": None, "target_text": None,
     "annual_growth": "完成国家下达目标任务", "binding": "binding", "line": 12},
]
OWN_OBSERVATIONS = {
    1: [{"year": 2021, "value": 110, "unit": "亿元", "source": {"title": "<b>统计公报</b>", "url": "javascript:alert(1)"}},
        {"year": 2023, "value": 120, "unit": "亿元", "source": {"title": "<b>统计公报</b>", "url": "javascript:alert(1)"}}],
    2: [{"year": 2022, "value": 26.0, "unit": "%", "source": {"title": "林草公报", "url": "https://example.org/a?b=1&c=2"}}],
}


def _own_model(year: int = 2023, kind: str = "midterm"):
    items, assessments = [], []
    for i, ind in enumerate(OWN_INDICATORS, start=1):
        spec = interpret(ind, (2021, 2025))
        a = assess(ind, spec, OWN_OBSERVATIONS.get(i, []), year)
        items.append((ind, spec, a, OWN_OBSERVATIONS.get(i, [])))
        assessments.append({**a.to_dict(), "indicator_id": i, "concept": None})
    evaluation = {"plan": "own", "year": year, "assessments": assessments, "warnings": [w.to_dict() for w in collect(items)]}
    info = PlanInfo("own", "测试县<i>国民经济</i>发展规划", "测试县人民政府", "测试县", 2021, 2025)
    findings = [{"kind": "target_below_base", "severity": "high", "message": "“<森林>”目标低于基期", "lines": [11, 11]}]
    return build_model(evaluation, info, findings, OWN_OBSERVATIONS, kind)


def test_the_model_of_a_small_plan_is_hand_checkable():
    m = _own_model()
    gdp, forest, energy = m.indicators
    # Linear path 100 -> 150 over 2020-2025: 2023 expects 130; 120 is 20/30 = 66.7% of it: 滞后.
    assert gdp.expected_value == pytest.approx(130) and gdp.status == "滞后" and gdp.ratio_text == "66.7%"
    assert [p.value for p in gdp.chart.expected] == pytest.approx([100, 110, 120, 130, 140, 150])
    # 森林覆盖率: latest 2022, path 25.6 -> 28: 2022 expects 26.56; 0.4 / 0.96 = 41.7%: 滞后, binding.
    assert forest.latest_text == "26（2022年）" and forest.status == "滞后" and forest.binding
    assert "非评估当年数据" in forest.flags
    assert energy.status == "需人工评估" and energy.chart is None
    assert [g.name for g in m.gaps] == ["单位地区生产总值能源消耗降低"]
    assert "上级下达" in m.gaps[0].reason
    assert m.highlights[0].startswith("约束性指标“森林覆盖率”：滞后")
    assert m.count("滞后") == 2 and m.count("需人工评估") == 1 and m.total == 3
    assert m.findings[0].severity == "高" and m.findings[0].kind == "目标劣于基期" and m.findings[0].lines == "第11行"
    assert m.title == "《测试县<i>国民经济</i>发展规划》实施中期评估报告（2023年）"
    assert _own_model(2025, "final").title.endswith("实施总结评估报告（2025年）")
    assert _own_model(2023, "annual").title == "《测试县<i>国民经济</i>发展规划》2023年度实施情况监测报告"


def test_html_keeps_text_from_the_plan_inert():
    html = render_html(_own_model())
    assert "<script>" not in html and "alert('x')</script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;地区生产总值" in html
    assert "<i>国民经济</i>" not in html and "&lt;i&gt;国民经济&lt;/i&gt;" in html
    assert "<b>统计公报</b>" not in html
    assert "javascript:" not in html  # a source URL that is not http(s) is shown as text, never linked
    assert 'href="https://example.org/a?b=1&amp;c=2"' in html
    assert "“&lt;森林&gt;”目标低于基期" in html
    # The SVG the template inserts as markup escapes its own texts.
    svg = line_chart(_own_model().indicators[0].chart)
    assert "<script>" not in svg and "&lt;script&gt;" in svg


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf", "xlsx"])
def test_every_format_renders_the_small_plan(fmt):
    if fmt in ("pdf", "docx"):
        _require_cjk_font()
    writer = writer_for(fmt)
    data = writer.to_bytes(_own_model())
    assert data and writer.suffix == f".{fmt}" and writer.media_type
    if fmt == "pdf":
        from pypdf import PdfReader

        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
        assert "<script>alert('x')</script>地区生产总值" in text and "森林覆盖率" in text


def test_an_unknown_format_or_kind_is_refused_in_chinese():
    with pytest.raises(ReportError, match="不支持的报告格式"):
        writer_for("odt")
    with pytest.raises(ValueError, match="未知的报告类型"):
        _own_model(kind="weekly")


def test_a_pdf_without_a_cjk_font_says_what_to_install(monkeypatch):
    pdf_writer.register_font.cache_clear()
    monkeypatch.setattr(pdf_writer, "find_cjk_font", lambda: None)
    try:
        with pytest.raises(ReportError, match="fonts-wqy-microhei"):
            writer_for("pdf").to_bytes(_own_model())
    finally:
        pdf_writer.register_font.cache_clear()


def test_report_of_an_unknown_plan_exits_2_in_chinese(session_factory, tmp_path):
    result = CliRunner().invoke(app, ["report", "no-such-plan", "--year", "2023", "--output", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert "没有键为“no-such-plan”的规划" in result.output
    assert not (tmp_path / "x.html").exists()


def test_the_default_file_name_is_key_kind_year(shanxi_store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["report", SHANXI, "--year", "2023", "--kind", "annual", "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / f"{SHANXI}-annual-2023.xlsx").exists()
    assert CJK.search(result.output)
