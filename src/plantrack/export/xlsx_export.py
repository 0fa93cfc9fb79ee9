"""The plan as an Excel workbook for evaluators: 规划信息, 主要指标, and one sheet per review table.

Headers are Chinese because the readers are; values keep their types (years and values as numbers,
the plan's wording in the 原文 columns) so the sheets can be computed on without cleaning.
"""

from __future__ import annotations

import re
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .base import INDICATOR_FIELDS, REVIEW_FIELDS, Exporter, columns
from .formulas import neutralise_workbook

HEADERS = {
    "category": "类别",
    "name": "指标名称",
    "unit": "单位",
    "tag": "标注",
    "base_year": "基期年份",
    "base_value": "基期值",
    "base_text": "基期值（原文）",
    "target_year": "目标年份",
    "target_value": "目标值",
    "target_text": "目标值（原文）",
    "annual_growth": "年均增长/累计",
    "planned_growth": "规划年均增长",
    "actual_year": "实际年份",
    "actual_value": "实际值",
    "actual_text": "实际值（原文）",
    "actual_growth": "实际年均增长",
    "binding": "指标属性",
    "line": "原文行号",
    # Added by the table reader (domain/plan.py TableRef): how each row was read, and targets for
    # years other than the plan's last one.
    "interim_year": "中期目标年份",
    "interim_value": "中期目标值",
    "interim_text": "中期目标值（原文）",
    "horizon_year": "远景目标年份",
    "horizon_value": "远景目标值",
    "horizon_text": "远景目标值（原文）",
    "evidence": "识别依据",
    "confidence": "识别置信度",
    "table": "所在表格",
}

BINDING = {"binding": "约束性", "expected": "预期性"}
LEVELS = {"national": "国家级", "province": "省级", "city": "市级", "county": "县级"}
KINDS = {"general": "总体规划", "special": "专项规划", "regional": "区域规划", "spatial": "国土空间规划"}

INFO_SHEET = "规划信息"
INDICATOR_SHEET = "主要指标"

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill(fill_type="solid", start_color="DDEBF7", end_color="DDEBF7")
MAX_WIDTH = 60
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def display_width(value) -> int:
    """Columns are sized in Latin character widths; a CJK character takes two."""
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def sheet_title(wanted: str, taken: set[str]) -> str:
    """A legal, unique sheet name: Excel allows 31 characters and none of []:*?/\\."""
    base = _SHEET_FORBIDDEN.sub("_", wanted).strip("'") or "表"
    title, n = base[:31], 1
    while title in taken:
        n += 1
        tail = f"({n})"
        title = base[: 31 - len(tail)] + tail
    taken.add(title)
    return title


def style_table(ws: Worksheet, header_row: int = 1) -> None:
    """Bold filled header, frozen below it, and columns wide enough for their content."""
    for c in ws[header_row]:
        c.font = HEADER_FONT
        c.fill = HEADER_FILL
        c.alignment = Alignment(vertical="center")
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    for idx, col in enumerate(ws.iter_cols(), start=1):
        width = max((display_width(c.value) for c in col), default=8)
        ws.column_dimensions[get_column_letter(idx)].width = min(max(width + 2, 8), MAX_WIDTH)


def cell_value(field: str, value):
    if field == "binding":
        return BINDING.get(value, value)
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    if isinstance(value, dict):
        return str(value)
    return value  # numbers stay numbers, text stays text


def write_table(ws: Worksheet, rows: list[dict], known: tuple[str, ...]) -> None:
    fields = columns(rows, known)
    ws.append([HEADERS.get(f, f) for f in fields])
    for row in rows:
        ws.append([cell_value(f, row.get(f)) for f in fields])
    style_table(ws)


def info_rows(plan: dict) -> list[tuple[str, object]]:
    source = plan.get("source") or {}
    period = plan.get("period") or {}
    span = "–".join(str(y) for y in (period.get("start"), period.get("end")) if y is not None) or None
    return [
        ("规划名称", plan.get("title")),
        ("发布机关", plan.get("issuer")),
        ("文号", plan.get("doc_number")),
        ("发布日期", plan.get("issued_on")),
        ("层级", LEVELS.get(plan.get("level"), plan.get("level"))),
        ("类型", KINDS.get(plan.get("kind"), plan.get("kind"))),
        ("地区", plan.get("region")),
        ("规划期", span),
        ("远景目标年", plan.get("horizon")),
        ("主要指标数", len(plan.get("indicators", []))),
        ("回顾表数", len(plan.get("reviews", []))),
        ("文中目标数", len(plan.get("targets", []))),
        ("专栏项目数", len(plan.get("projects", []))),
        ("重点任务数", len(plan.get("tasks", []))),
        ("源文件", source.get("path")),
        ("源文件 SHA-256", source.get("sha256")),
        ("源文件编码", source.get("encoding")),
        ("源文件行数", source.get("lines")),
        ("数据格式", plan.get("schema")),
    ]


class XlsxExporter(Exporter):
    format = "xlsx"
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    suffix = ".xlsx"
    label = "Excel 工作簿（规划信息、主要指标、回顾表）"

    def write(self, plan_json: dict, out: BinaryIO) -> None:
        wb = Workbook()
        taken: set[str] = set()
        info = wb.active
        info.title = sheet_title(INFO_SHEET, taken)
        info.append(["项目", "内容"])
        for row in info_rows(plan_json):
            info.append(list(row))
        style_table(info)

        write_table(wb.create_sheet(sheet_title(INDICATOR_SHEET, taken)), plan_json.get("indicators", []), INDICATOR_FIELDS)
        for review in plan_json.get("reviews", []):
            ws = wb.create_sheet(sheet_title(review.get("title") or "回顾表", taken))
            write_table(ws, review.get("rows", []), REVIEW_FIELDS)
        neutralise_workbook(wb).save(out)
