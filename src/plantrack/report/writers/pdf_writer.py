"""The report as PDF (reportlab), with the CJK font embedded and the Chinese text extractable.

The font is a TrueType file found by fonts.find_cjk_font (Debian's fonts-wqy-microhei, installed
by scripts/setup.sh). reportlab embeds a subset of it (FontFile2) with a ToUnicode map, so the
PDF looks the same on any reader and its text can be searched and copied. reportlab's own CID
fonts (STSong-Light) are never used: they are only referenced, not embedded. Charts are the same
matplotlib PNGs as in the Word document. The main indicator table gets landscape pages.
"""

from __future__ import annotations

import io
import os
import re
from functools import lru_cache
from typing import BinaryIO
from xml.sax.saxutils import escape

from ..errors import ReportError
from ..fonts import INSTALL_HINT, find_cjk_font
from ..labels import STATUS_COLORS
from ..model import ReportModel
from .base import ReportWriter
from .docx_writer import INDICATOR_HEADERS

FONT = "PlantrackCJK"
INDICATOR_WIDTHS_MM = (8, 16, 42, 10, 12, 24, 24, 34, 25, 22, 50)


# Chinese line-breaking (GB/T 15834 and the typesetting rule 避头点): these never begin a line.
# reportlab's CJK wrapping hangs a character that may not start a line in the right margin, but its
# list (textsplit.ALL_CANNOT_START, written for Japanese) lacks the full-width ，；：？！ and the
# closing quotes, so report lines began with "，". Its list is extended once, before any paragraph
# is wrapped (a process-wide change to reportlab, and one only Chinese and Japanese text notices).
CANNOT_START = "，。、；：？！）」』】”’》〉〕］｝…—·％"


@lru_cache(maxsize=1)
def chinese_line_breaking() -> None:
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    # both wrappers read the module global at run time: textsplit's for one-font paragraphs,
    # paragraph's (imported from it) for paragraphs mixing fonts
    known = textsplit.ALL_CANNOT_START
    extended = known + "".join(ch for ch in CANNOT_START if ch not in known)
    textsplit.ALL_CANNOT_START = paragraph.ALL_CANNOT_START = extended


@lru_cache(maxsize=1)
def register_font() -> str:
    """Register the CJK TrueType font with reportlab (once); raises ReportError without one."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = find_cjk_font()
    if font is None:
        raise ReportError(INSTALL_HINT)
    try:
        pdfmetrics.registerFont(TTFont(FONT, font.path, subfontIndex=font.index))
    except Exception as exc:  # a CFF/OTF file or a broken one: say which, and what to install
        raise ReportError(f"字体 {font.path} 无法嵌入 PDF（{exc}）。{INSTALL_HINT}") from None
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT, italic=FONT, boldItalic=FONT)
    return FONT


@lru_cache(maxsize=1)
def _styles():
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=17, wordWrap="CJK", firstLineIndent=21)
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=18, leading=26, alignment=TA_CENTER, firstLineIndent=0,
                                spaceAfter=6),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=9.5, alignment=TA_CENTER, firstLineIndent=0,
                                   textColor=colors.HexColor("#555555"), spaceAfter=10),
        "h1": ParagraphStyle("h1", parent=base, fontSize=14.5, leading=22, firstLineIndent=0, spaceBefore=14, spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=base, fontSize=12.5, leading=19, firstLineIndent=0, spaceBefore=10, spaceAfter=4),
        "h3": ParagraphStyle("h3", parent=base, fontSize=11, leading=17, firstLineIndent=0, spaceBefore=8, spaceAfter=2),
        "body": base,
        "plain": ParagraphStyle("plain", parent=base, firstLineIndent=0),
        "small": ParagraphStyle("small", parent=base, fontSize=9, leading=13.5, firstLineIndent=0),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10.5, firstLineIndent=0),
        "head": ParagraphStyle("head", parent=base, fontSize=8, leading=10.5, firstLineIndent=0,
                               textColor=colors.HexColor("#1d1d1f")),
    }


# WenQuanYi Micro Hei maps the Roman numerals (U+2160 …) to empty outlines: 劣Ⅴ类 would print as 劣 类.
# Those characters are drawn with DejaVu Sans where it is installed (Debian's fonts-dejavu-core).
_NUMBER_FORMS = re.compile(r"[\u2150-\u218f]+")
_FALLBACK_FONT = "PlantrackFallback"
_FALLBACK_PATHS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",)


@lru_cache(maxsize=1)
def _fallback_font() -> str | None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for path in _FALLBACK_PATHS:
        if os.path.exists(path):
            pdfmetrics.registerFont(TTFont(_FALLBACK_FONT, path))
            return _FALLBACK_FONT
    return None


def _markup(text: str) -> str:
    """Escaped paragraph markup, with the characters the CJK font cannot draw set in the fallback font."""
    body = escape(text or "")
    fallback = _fallback_font()
    if fallback:
        body = _NUMBER_FORMS.sub(lambda m: f'<font name="{fallback}">{m.group()}</font>', body)
    return body


@lru_cache(maxsize=1)
def _paragraph_class():
    """reportlab's Paragraph with its one-font lines broken by cjk_lines (Chinese rules); a
    paragraph mixing fonts keeps reportlab's own CJK wrapping, with the extended list above."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph

    from .cjk_lines import break_lines

    class ChineseParagraph(Paragraph):
        def breakLinesCJK(self, maxWidths):
            frags = self.frags
            if (len(frags) != 1 or not hasattr(frags[0], "text") or hasattr(frags[0], "cbDefn") or self.style.endDots
                    or self.bulletText or (hasattr(self, "blPara") and getattr(self, "_splitpara", 0))):
                return super().breakLinesCJK(maxWidths)
            if not isinstance(maxWidths, (list, tuple)):
                maxWidths = [maxWidths]
            self.height = 0
            f = frags[0]
            lines = break_lines(f.text, maxWidths, lambda ch: stringWidth(ch, f.fontName, f.fontSize))
            return f.clone(kind=0, lines=[(space, [text]) for space, text in lines], ascent=f.fontSize,
                           descent=-0.2 * f.fontSize)

    return ChineseParagraph


def _p(text: str, style: str = "body"):
    return _paragraph_class()(_markup(text), _styles()[style])


def _status(text: str):
    Paragraph = _paragraph_class()
    color = STATUS_COLORS.get(text)
    body = _markup(text)
    if color:
        body = f'<font color="#{color}">{body}</font>'
    return Paragraph(body, _styles()["cell"])


def _table(headers, rows, widths_mm, status_col: int | None = None):
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    data = [[_p(h, "head") for h in headers]]
    for row in rows:
        data.append([_status(v) if i == status_col else _p(v, "cell") for i, v in enumerate(row)])
    t = Table(data, colWidths=[w * mm for w in widths_mm], repeatRows=1)
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, 8),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9a9a9a")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DCE6F1")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return t


def _on_page(canvas, doc) -> None:
    """Running footer: the report title and the page number, in the embedded font."""
    canvas.saveState()
    canvas.setFont(FONT, 8)
    width, _ = canvas._pagesize
    canvas.drawString(doc.leftMargin, 10 * 2.8346, doc.title[:60])
    canvas.drawRightString(width - doc.rightMargin, 10 * 2.8346, f"第 {doc.page} 页")
    canvas.restoreState()


def _document(out: BinaryIO, m: ReportModel):
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    doc = BaseDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm,
                          bottomMargin=20 * mm, title=m.title, author="plantrack", subject=f"{m.kind_label}（{m.year}年）",
                          lang="zh-CN", initialFontName=FONT, initialFontSize=10)
    pw, ph = A4
    lw, lh = landscape(A4)
    portrait = Frame(20 * mm, 20 * mm, pw - 40 * mm, ph - 40 * mm, id="portrait")
    wide = Frame(14 * mm, 18 * mm, lw - 28 * mm, lh - 34 * mm, id="landscape")
    doc.addPageTemplates([
        PageTemplate(id="portrait", frames=[portrait], pagesize=A4, onPage=_on_page),
        PageTemplate(id="landscape", frames=[wide], pagesize=landscape(A4), onPage=_on_page),
    ])
    return doc


def story(m: ReportModel) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, KeepTogether, NextPageTemplate, PageBreak, Spacer

    from ..charts.png import line_chart_png
    from .docx_writer import indicator_cells

    s: list = [_p(m.title, "title"), _p(m.subtitle, "subtitle")]
    for k, v in (("规划名称", m.plan_title), ("编制机关", m.issuer), ("地区", m.region), ("规划期", m.period_text),
                 ("评估类型", f"{m.kind_label}（{m.year}年）")):
        if v:
            s.append(_p(f"{k}：{v}", "small"))

    s.append(_p(m.sections[0], "h1"))
    s.extend(_p(para) for para in m.overview)
    s.append(Spacer(1, 4))
    s.append(_table(("状态", *[st for st, _ in m.counts], "合计"), [("指标数（项）", *[str(n) for _, n in m.counts], str(m.total))],
                    (24, *[20] * len(m.counts), 16)))
    s.append(_p("需重点关注（约束性指标与预警）", "h3"))
    if m.highlights:
        s.extend(_p(f"● {h}", "small") for h in m.highlights)
    else:
        s.append(_p("约束性指标均达到或快于序时进度，未发出预警。"))
    s.extend(_p(n) for n in m.notes)

    # The eleven-column table needs landscape pages; set in the flow, it forced a page break after
    # 总体情况 and left that page almost empty, so it goes at the end as 附表 and the text flows on.
    s += [_p(m.sections[1], "h1"), _p("（一）主要指标评估表", "h2"),
          _p(f"{len(m.indicators)}项主要指标的基期值、目标、最新值、序时进度、状态和数据来源，逐项列于文末附表。"),
          _p("（二）分指标进展", "h2")]
    if not m.charts:
        s.append(_p("暂无可绘制图表的观测数据。"))
    for i, r in enumerate(m.charts, start=1):
        img = Image(io.BytesIO(line_chart_png(r.chart)), width=160 * mm, height=72.5 * mm)
        notes = [_p("注：" + "；".join(r.chart.notes), "small")] if r.chart.notes else []
        s.append(KeepTogether([_p(f"{i}. {r.name}（{r.status}）", "h3"), img, *notes, _p(r.explanation, "small"),
                               Spacer(1, 6)]))

    s.append(_p(m.sections[2], "h1"))
    s.append(_p("（一）约束性指标", "h2"))
    if m.binding:
        s.append(_table(("指标", "基期值（年份）", "目标", "最新值（年份）", "状态", "评估说明"),
                        [(r.name, r.base_text, r.target_text, r.latest_text, r.status, r.explanation) for r in m.binding],
                        (32, 22, 24, 24, 17, 51), status_col=4))
    else:
        s.append(_p("规划主要指标表中没有标注为约束性的指标。"))
    s.append(_p("（二）预警", "h2"))
    if m.warnings:
        s.append(_table(("序号", "指标", "属性", "预警类型", "说明"),
                        [(str(i), w.name, w.attribute, w.label, w.message) for i, w in enumerate(m.warnings, start=1)],
                        (10, 32, 14, 26, 88)))
    else:
        s.append(_p("未发出预警。"))

    s.append(_p(m.sections[3], "h1"))
    if m.gaps:
        s.append(_p(f"以下{len(m.gaps)}项指标暂不能按数据评估，需补充数据或由人工评估（约束性指标列在前）："))
        s.append(_table(("序号", "指标", "属性", "状态", "原因", "需要补充"),
                        [(str(g.number), g.name, g.attribute, g.status, g.reason, g.need) for g in m.gaps],
                        (10, 40, 14, 19, 38, 49), status_col=3))
    else:
        s.append(_p("所有指标均有可用数据。"))

    s.append(_p(m.sections[4], "h1"))
    if not m.findings_checked:
        s.append(_p("规划文本自查未能完成，本部分暂缺。"))
    elif m.findings:
        s.append(_p(f"对规划文本的自查发现以下{len(m.findings)}处需要核对的地方："))
        s.append(_table(("序号", "严重程度", "问题类型", "说明", "位置"),
                        [(str(i), f.severity, f.kind, f.message, f.lines) for i, f in enumerate(m.findings, start=1)],
                        (10, 16, 26, 94, 24)))
    else:
        s.append(_p("自查未发现表内目标与正文不一致、指标数量不符、目标劣于基期或单位不符等问题。"))

    s.append(_p(m.sections[5], "h1"))
    s.extend(_p(f"{i}. {para}") for i, para in enumerate(m.methods, start=1))
    s.append(_p("数据来源", "h2"))
    if not m.sources:
        s.append(_p("本次评估没有采用观测数据。"))
    for i, src in enumerate(m.sources, start=1):
        s.append(_p(f"[{i}] {src.title}" + (f"　{src.url}" if src.url else "") + f"（{'、'.join(src.indicators)}）", "small"))
    s += [NextPageTemplate("landscape"), PageBreak(), _p("附表　主要指标评估表", "h1"),
          _table(INDICATOR_HEADERS, [indicator_cells(r) for r in m.indicators], INDICATOR_WIDTHS_MM, status_col=9)]
    return s


class PdfWriter(ReportWriter):
    format = "pdf"
    suffix = ".pdf"
    media_type = "application/pdf"
    label = "PDF（嵌入中文字体）"

    def write(self, model: ReportModel, out: BinaryIO) -> None:
        register_font()
        chinese_line_breaking()
        doc = _document(out, model)
        doc.build(keep_headings(story(model)))


HEADINGS = ("h1", "h2", "h3")
HEADING_ROOM_MM = 32  # a heading, then at least three lines of text or a table's header and first rows


def keep_headings(flowables: list) -> list:
    """A heading never ends a page: where less than HEADING_ROOM_MM is left, it starts the next one.

    Not keepWithNext: that keeps a heading with the whole of what follows, so a table that would
    fit on one page is moved there entire and leaves the page before it almost empty; a heading
    only needs the start of its paragraph or table beside it.
    """
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, Paragraph

    out = []
    for f in flowables:
        if isinstance(f, Paragraph) and f.style.name in HEADINGS:
            out.append(CondPageBreak(HEADING_ROOM_MM * mm))
        out.append(f)
    return out
