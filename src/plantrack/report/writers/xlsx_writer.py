"""The report as an Excel workbook (openpyxl), for offices that re-sort, filter and recompute.

Unlike the documents, numbers go in as numbers (base, target, latest, expected, ratio as a
percentage format), each in its own column next to its year, so a reader can check or redo the
arithmetic. One sheet per part of the report (概览, 指标评估, 预警, 数据缺口, 规划自身问题, 说明),
and a 图表 sheet with each indicator's chart data by year and a native Excel line chart over it,
so the charts stay live and editable.
"""

from __future__ import annotations

from typing import BinaryIO

from ...export.formulas import neutralise_workbook
from ..labels import STATUS_COLORS
from ..model import ReportModel
from .base import ReportWriter

HEADER_FILL = "DCE6F1"
SHEETS = ("概览", "指标评估", "预警", "数据缺口", "规划自身问题", "图表", "说明")

INDICATOR_COLUMNS = (
    ("序号", 6), ("类别", 12), ("指标", 34), ("单位", 10), ("属性", 8), ("基期年份", 9), ("基期值", 11),
    ("目标年份", 9), ("目标（原文）", 18), ("目标值", 11), ("最新值年份", 10), ("最新值", 11), ("序时进度年份", 11),
    ("序时进度值", 12), ("完成序时进度比例", 14), ("状态", 12), ("评估方法", 10), ("数据说明", 18), ("评估说明", 60),
    ("数据来源", 40), ("来源链接", 40),
)


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="A0A0A0")
    return {
        "head_font": Font(bold=True, name="宋体"),
        "head_fill": PatternFill("solid", fgColor=HEADER_FILL),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "title": Font(bold=True, size=14, name="黑体"),
    }


def _header(ws, row: int, headers, widths=None) -> None:
    from openpyxl.utils import get_column_letter

    st = _styles()
    for col, text in enumerate(headers, start=1):
        c = ws.cell(row=row, column=col, value=text)
        c.font, c.fill, c.border, c.alignment = st["head_font"], st["head_fill"], st["border"], st["wrap"]
        if widths:
            ws.column_dimensions[get_column_letter(col)].width = widths[col - 1]
    ws.freeze_panes = ws.cell(row=row + 1, column=1)


def _rows(ws, start: int, rows, status_col: int | None = None) -> int:
    from openpyxl.styles import Font

    st = _styles()
    r = start
    for values in rows:
        for col, v in enumerate(values, start=1):
            c = ws.cell(row=r, column=col, value=v)
            c.border, c.alignment = st["border"], st["wrap"]
            if status_col is not None and col == status_col and v in STATUS_COLORS:
                c.font = Font(bold=True, color=STATUS_COLORS[v])
        r += 1
    return r


def _overview(ws, m: ReportModel) -> None:
    st = _styles()
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 100
    ws["A1"] = m.title
    ws["A1"].font = st["title"]
    facts = [("规划名称", m.plan_title), ("规划键", m.key), ("编制机关", m.issuer), ("地区", m.region),
             ("规划期", m.period_text), ("评估类型", m.kind_label), ("评估年份", m.year), ("编制日期", m.generated_on)]
    r = 3
    for k, v in facts:
        ws.cell(row=r, column=1, value=k).font = st["head_font"]
        ws.cell(row=r, column=2, value=v)
        r += 1
    r += 1
    _header(ws, r, ("状态", "指标数（项）"))
    ws.freeze_panes = None
    r = _rows(ws, r + 1, [*m.counts, ("合计", m.total)], status_col=1)
    r += 1
    ws.cell(row=r, column=1, value=m.sections[0]).font = st["head_font"]
    for para in m.overview:
        r += 1
        ws.cell(row=r, column=2, value=para).alignment = st["wrap"]
    r += 2
    ws.cell(row=r, column=1, value="需重点关注").font = st["head_font"]
    for h in m.highlights or ("约束性指标均达到或快于序时进度，未发出预警。",):
        r += 1
        ws.cell(row=r, column=2, value=h).alignment = st["wrap"]


def _indicators(ws, m: ReportModel) -> None:
    _header(ws, 1, [h for h, _ in INDICATOR_COLUMNS], [w for _, w in INDICATOR_COLUMNS])
    rows = [(r.number, r.category, r.name, r.unit, r.attribute, r.base_year, r.base_value, r.target_year,
             r.target_text, r.target_value, r.latest_year, r.latest_value, r.expected_year, r.expected_value,
             r.ratio, r.status, r.method, r.flags or None, r.explanation,
             r.source_title if r.source_title != "—" else None, r.source_url) for r in m.indicators]
    _rows(ws, 2, rows, status_col=16)
    for row in ws.iter_rows(min_row=2, min_col=15, max_col=15):
        for c in row:
            c.number_format = "0.0%"
    ws.auto_filter.ref = ws.dimensions


def _simple(ws, headers, widths, rows, status_col=None, empty: str = "无") -> None:
    _header(ws, 1, headers, widths)
    if rows:
        _rows(ws, 2, rows, status_col)
        ws.auto_filter.ref = ws.dimensions
    else:
        ws.cell(row=2, column=1, value=empty)


def _charts(ws, m: ReportModel) -> None:
    """Per indicator: a block of chart data by year, and a line chart over it beside the block."""
    from openpyxl.chart import LineChart, Reference

    st = _styles()
    ws.column_dimensions["A"].width = 10
    for col in "BCDE":
        ws.column_dimensions[col].width = 13
    ws.column_dimensions["F"].width = 24
    r = 1
    if not m.charts:
        ws.cell(row=1, column=1, value="暂无可绘制图表的观测数据。")
        return
    for row in m.charts:
        chart = row.chart
        ws.cell(row=r, column=1, value=f"{row.number}. {row.name}（{row.unit}）— {row.status}").font = st["head_font"]
        head = r + 1
        _header(ws, head, ("年份", f"观测值（{chart.measure}）", chart.expected_label or "序时进度", "基期", "目标", "数据说明"))
        notes = {p.year: p.note for p in chart.observations if p.note}
        data = [(y, chart.value_at("observations", y), chart.value_at("expected", y),
                 chart.base.value if chart.base and chart.base.year == y else None,
                 chart.target.value if chart.target and chart.target.year == y else None, notes.get(y))
                for y in chart.years]
        end = _rows(ws, head + 1, data) - 1
        lc = LineChart()
        lc.title = row.name
        lc.y_axis.title = row.unit or None
        lc.x_axis.title = "年份"
        lc.height, lc.width = 7, 16
        lc.add_data(Reference(ws, min_col=2, max_col=5, min_row=head, max_row=end), titles_from_data=True)
        lc.set_categories(Reference(ws, min_col=1, min_row=head + 1, max_row=end))
        for s, (marker, dash) in zip(lc.series, (("circle", None), ("none", "dash"), ("square", None), ("diamond", None))):
            s.marker.symbol = marker
            s.smooth = False
            if dash:
                s.graphicalProperties.line.dashStyle = dash
        for s in lc.series[2:]:
            s.graphicalProperties.line.noFill = True  # base and target are points, not lines
        ws.add_chart(lc, f"H{r}")
        r = max(end + 2, r + 16)
    ws.freeze_panes = None


def _methods(ws, m: ReportModel) -> None:
    st = _styles()
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 110
    ws["A1"] = m.sections[5]
    ws["A1"].font = st["title"]
    r = 2
    for i, para in enumerate(m.methods, start=1):
        ws.cell(row=r, column=1, value=i)
        ws.cell(row=r, column=2, value=para).alignment = st["wrap"]
        r += 1
    r += 1
    ws.cell(row=r, column=2, value="数据来源").font = st["head_font"]
    for i, s in enumerate(m.sources, start=1):
        r += 1
        ws.cell(row=r, column=1, value=i)
        ws.cell(row=r, column=2, value=f"{s.title}　{s.url or ''}（{'、'.join(s.indicators)}）").alignment = st["wrap"]


def build_workbook(m: ReportModel):
    from openpyxl import Workbook

    wb = Workbook()
    sheets = {name: (wb.active if i == 0 else wb.create_sheet()) for i, name in enumerate(SHEETS)}
    for name, ws in sheets.items():
        ws.title = name
    _overview(sheets["概览"], m)
    _indicators(sheets["指标评估"], m)
    _simple(sheets["预警"], ("序号", "指标", "属性", "预警类型", "状态", "说明"), (6, 34, 8, 22, 12, 100),
            [(i, w.name, w.attribute, w.label, w.status, w.message) for i, w in enumerate(m.warnings, start=1)],
            status_col=5, empty="未发出预警。")
    _simple(sheets["数据缺口"], ("序号", "类别", "指标", "属性", "状态", "原因", "需要补充", "评估说明"),
            (6, 12, 34, 8, 12, 30, 40, 60),
            [(g.number, g.category, g.name, g.attribute, g.status, g.reason, g.need, g.explanation) for g in m.gaps],
            status_col=5, empty="所有指标均有可用数据。")
    empty = "自查未发现问题。" if m.findings_checked else "规划文本自查未能完成。"
    _simple(sheets["规划自身问题"], ("序号", "严重程度", "问题类型", "说明", "位置"), (6, 10, 22, 100, 18),
            [(i, f.severity, f.kind, f.message, f.lines) for i, f in enumerate(m.findings, start=1)], empty=empty)
    _charts(sheets["图表"], m)
    _methods(sheets["说明"], m)
    wb.properties.title = m.title
    wb.properties.creator = "plantrack"
    return wb


class XlsxWriter(ReportWriter):
    format = "xlsx"
    suffix = ".xlsx"
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    label = "Excel 工作簿（XLSX）"

    def write(self, model: ReportModel, out: BinaryIO) -> None:
        neutralise_workbook(build_workbook(model)).save(out)
