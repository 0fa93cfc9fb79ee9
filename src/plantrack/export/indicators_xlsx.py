"""All indicators of all plans (or of one region) with their status in a year, as one workbook.

An evaluator preparing a mid-term review wants one sheet to sort and filter, not one download per
plan. The rows are web/indicator_list.py's (the /indicators page's), so the sheet says what the
page says. Years, line numbers and observed values stay numbers; every text cell goes through
formulas.neutralise_workbook, because indicator names and target wordings come from plan files.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook

from .formulas import neutralise_workbook
from .xlsx_export import BINDING, style_table

SHEET = "指标最新状态"
HEADERS = ("规划", "层级", "地区", "地区代码", "指标名称", "单位", "属性", "基期年份", "基期值（原文）", "目标年份",
           "目标值（原文）", "最新数据年份", "最新值", "状态", "评估年份", "原文行号")


def _row(r: dict, year: int) -> list:
    latest = r.get("latest") or {}
    plan = r["plan"]
    return [plan["title"], plan["level_label"], plan["region"], plan["region_code"], r["name"], r["unit"],
            BINDING.get(r["binding"], r["binding"]), r["base_year"], r["base_text"], r["target_year"],
            r["target_text"], latest.get("year"), latest.get("value"), r["status"], year, r["line"]]


def indicators_workbook(rows: list[dict], year: int) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(list(HEADERS))
    for r in rows:
        ws.append(_row(r, year))
    style_table(ws)
    neutralise_workbook(wb)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
