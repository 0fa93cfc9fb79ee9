"""The report as an editable Word document (python-docx), for the office that revises and signs it.

Everything stays editable: real headings (so Word builds a navigation pane and a table of
contents), real tables with a header row that repeats across pages, charts as pictures. Fonts
are set for CJK explicitly: Word picks the font of Chinese characters from the w:eastAsia
attribute of the run fonts, not from the font name python-docx sets, and the built-in heading
styles point at theme fonts that override both — so those theme attributes are removed.
The main indicator table sits in a landscape section because eleven columns do not fit upright.
"""

from __future__ import annotations

import io
from typing import BinaryIO

from ..labels import STATUS_COLORS
from ..model import IndicatorRow, ReportModel
from .base import ReportWriter

BODY_FONT = ("Times New Roman", "宋体")      # (Latin, East Asian)
HEADING_FONT = ("Times New Roman", "黑体")
THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
HEADER_FILL = "DCE6F1"

INDICATOR_HEADERS = ("序号", "类别", "指标", "单位", "属性", "基期值（年份）", "目标", "最新值（年份）", "序时进度", "状态", "数据来源")
INDICATOR_WIDTHS_CM = (1.0, 1.8, 4.4, 1.2, 1.4, 2.5, 2.5, 3.3, 2.2, 2.0, 3.4)  # 25.7 cm: landscape A4 less margins


def _qn(tag: str):
    from docx.oxml.ns import qn

    return qn(tag)


def set_fonts(element_with_rpr, latin: str, east_asia: str) -> None:
    """Set w:rFonts ascii/hAnsi/eastAsia on a style or run element and drop theme overrides."""
    rpr = element_with_rpr.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in THEME_ATTRS:
        fonts.attrib.pop(_qn(attr), None)
    fonts.set(_qn("w:ascii"), latin)
    fonts.set(_qn("w:hAnsi"), latin)
    fonts.set(_qn("w:eastAsia"), east_asia)


def _style_document(doc) -> None:
    from docx.shared import Pt, RGBColor

    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    set_fonts(normal.element, *BODY_FONT)
    for name, size in (("Title", 18), ("Heading 1", 15), ("Heading 2", 13), ("Heading 3", 12)):
        style = doc.styles[name]
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0, 0, 0)
        set_fonts(style.element, *HEADING_FONT)


def _page(section, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Cm(29.7), Cm(21.0)) if landscape else (Cm(21.0), Cm(29.7))
    section.left_margin = section.right_margin = Cm(2.0 if landscape else 2.4)
    section.top_margin = section.bottom_margin = Cm(2.0 if landscape else 2.5)


def _paragraph(doc, text: str, indent: bool = True, size: float | None = None, color: str | None = None):
    from docx.shared import Pt, RGBColor

    p = doc.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt(22)
    run = p.add_run(text)
    set_fonts(run._element, *BODY_FONT)
    if size:
        run.font.size = Pt(size)
    if color:
        run.font.color.rgb = RGBColor.from_string(color)
    return p


def _shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement

    tcpr = cell._element.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(_qn("w:val"), "clear")
    shd.set(_qn("w:color"), "auto")
    shd.set(_qn("w:fill"), fill)
    tcpr.append(shd)


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement

    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(_qn("w:val"), "true")
    trpr.append(header)


def _cell_text(cell, text: str, size: float, bold: bool = False, color: str | None = None) -> None:
    from docx.shared import Pt, RGBColor

    cell.text = ""
    p = cell.paragraphs[0]
    run = p.add_run(text)
    set_fonts(run._element, *BODY_FONT)
    run.font.size = Pt(size)
    run.font.bold = bold
    if color:
        run.font.color.rgb = RGBColor.from_string(color)


def table(doc, headers, rows, widths_cm=None, size: float = 9, status_col: int | None = None):
    """A Word table with a shaded, repeating header row; rows are sequences of strings."""
    from docx.shared import Cm

    t = doc.add_table(rows=1, cols=len(headers))
    t.style = doc.styles["Table Grid"]
    t.autofit = widths_cm is None
    head = t.rows[0]
    _repeat_header(head)
    for cell, text in zip(head.cells, headers):
        _cell_text(cell, text, size, bold=True)
        _shade(cell, HEADER_FILL)
    for values in rows:
        cells = t.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, values)):
            color = STATUS_COLORS.get(text) if i == status_col else None
            _cell_text(cell, text, size, bold=color is not None, color=color)
    if widths_cm:
        for row in t.rows:
            for cell, w in zip(row.cells, widths_cm):
                cell.width = Cm(w)
    return t


def indicator_cells(r: IndicatorRow) -> tuple[str, ...]:
    name = r.name + (f"（{r.flags}）" if r.flags else "")
    return (str(r.number), r.category, name, r.unit, r.attribute, r.base_text, r.target_text, r.latest_text,
            r.expected_text, r.status, r.source_title)


def _header_block(doc, m: ReportModel) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    title = doc.add_paragraph(m.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = _paragraph(doc, m.subtitle, indent=False, size=10, color="555555")
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    facts = [("规划名称", m.plan_title), ("编制机关", m.issuer), ("地区", m.region), ("规划期", m.period_text),
             ("评估类型", f"{m.kind_label}（{m.year}年）")]
    for k, v in facts:
        if v:
            _paragraph(doc, f"{k}：{v}", indent=False, size=10)


def _overview(doc, m: ReportModel) -> None:
    doc.add_heading(m.sections[0], level=1)
    for para in m.overview:
        _paragraph(doc, para)
    table(doc, ("状态", *[s for s, _ in m.counts], "合计"), [("指标数（项）", *[str(n) for _, n in m.counts], str(m.total))],
          size=10)
    doc.add_heading("需重点关注（约束性指标与预警）", level=3)
    if m.highlights:
        for h in m.highlights:
            p = doc.add_paragraph(style="List Bullet")
            set_fonts(p.add_run(h)._element, *BODY_FONT)
    else:
        _paragraph(doc, "约束性指标均达到或快于序时进度，未发出预警。")
    for note in m.notes:
        _paragraph(doc, note)


def _indicators(doc, m: ReportModel) -> None:
    from docx.enum.section import WD_SECTION
    from docx.shared import Cm

    _page(doc.add_section(WD_SECTION.NEW_PAGE), landscape=True)
    doc.add_heading(m.sections[1], level=1)
    doc.add_heading("（一）主要指标评估表", level=2)
    table(doc, INDICATOR_HEADERS, [indicator_cells(r) for r in m.indicators], INDICATOR_WIDTHS_CM, size=8.5,
          status_col=9)
    _page(doc.add_section(WD_SECTION.NEW_PAGE), landscape=False)
    doc.add_heading("（二）分指标进展", level=2)
    charts = m.charts
    if not charts:
        _paragraph(doc, "暂无可绘制图表的观测数据。")
    from ..charts.png import line_chart_png

    for i, r in enumerate(charts, start=1):
        doc.add_heading(f"{i}. {r.name}（{r.status}）", level=3)
        doc.add_picture(io.BytesIO(line_chart_png(r.chart)), width=Cm(15.5))
        if r.chart.notes:
            _paragraph(doc, "注：" + "；".join(r.chart.notes), indent=False, size=9, color="B9770E")
        _paragraph(doc, r.explanation, size=10)


def _binding(doc, m: ReportModel) -> None:
    doc.add_heading(m.sections[2], level=1)
    doc.add_heading("（一）约束性指标", level=2)
    if m.binding:
        table(doc, ("指标", "基期值（年份）", "目标", "最新值（年份）", "状态", "评估说明"),
              [(r.name, r.base_text, r.target_text, r.latest_text, r.status, r.explanation) for r in m.binding],
              (3.2, 2.2, 2.4, 2.4, 1.8, 4.2), size=9, status_col=4)
    else:
        _paragraph(doc, "规划主要指标表中没有标注为约束性的指标。")
    doc.add_heading("（二）预警", level=2)
    if m.warnings:
        table(doc, ("序号", "指标", "属性", "预警类型", "说明"),
              [(str(i), w.name, w.attribute, w.label, w.message) for i, w in enumerate(m.warnings, start=1)],
              (1.0, 3.2, 1.5, 2.8, 7.7), size=9)
    else:
        _paragraph(doc, "未发出预警。")


def _gaps(doc, m: ReportModel) -> None:
    doc.add_heading(m.sections[3], level=1)
    if not m.gaps:
        _paragraph(doc, "所有指标均有可用数据。")
        return
    _paragraph(doc, f"以下{len(m.gaps)}项指标暂不能按数据评估，需补充数据或由人工评估（约束性指标列在前）：")
    table(doc, ("序号", "指标", "属性", "状态", "原因", "需要补充"),
          [(str(g.number), g.name, g.attribute, g.status, g.reason, g.need) for g in m.gaps],
          (1.0, 4.0, 1.5, 2.0, 3.4, 4.3), size=9, status_col=3)


def _findings(doc, m: ReportModel) -> None:
    doc.add_heading(m.sections[4], level=1)
    if not m.findings_checked:
        _paragraph(doc, "规划文本自查未能完成，本部分暂缺。")
    elif m.findings:
        _paragraph(doc, f"对规划文本的自查发现以下{len(m.findings)}处需要核对的地方：")
        table(doc, ("序号", "严重程度", "问题类型", "说明", "位置"),
              [(str(i), f.severity, f.kind, f.message, f.lines) for i, f in enumerate(m.findings, start=1)],
              (1.0, 1.6, 2.6, 8.6, 2.4), size=9)
    else:
        _paragraph(doc, "自查未发现表内目标与正文不一致、指标数量不符、目标劣于基期或单位不符等问题。")


def _methods(doc, m: ReportModel) -> None:
    doc.add_heading(m.sections[5], level=1)
    for i, para in enumerate(m.methods, start=1):
        _paragraph(doc, f"{i}. {para}")
    doc.add_heading("数据来源", level=2)
    if not m.sources:
        _paragraph(doc, "本次评估没有采用观测数据。")
    for i, s in enumerate(m.sources, start=1):
        _paragraph(doc, f"[{i}] {s.title}" + (f"　{s.url}" if s.url else "") + f"（{'、'.join(s.indicators)}）",
                   indent=False, size=9.5)


def build_document(m: ReportModel):
    from docx import Document

    doc = Document()
    _style_document(doc)
    _page(doc.sections[0], landscape=False)
    props = doc.core_properties
    props.title, props.subject, props.author = m.title, f"{m.kind_label}（{m.year}年）", "plantrack"
    _header_block(doc, m)
    _overview(doc, m)
    _indicators(doc, m)
    _binding(doc, m)
    _gaps(doc, m)
    _findings(doc, m)
    _methods(doc, m)
    return doc


class DocxWriter(ReportWriter):
    format = "docx"
    suffix = ".docx"
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    label = "Word 文档（DOCX）"

    def write(self, model: ReportModel, out: BinaryIO) -> None:
        build_document(model).save(out)
