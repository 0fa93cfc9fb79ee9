"""A plan's indicator table as an Excel workbook to correct and load back (corrections.py).

The sheet 指标表 has one row per effective indicator row, with its 行键 (which row of the table it
is: keep it to edit the row, repeat it on a new row to split, join two with + to merge, clear it on
a new row to add, delete the row to delete). Every cell a person edits is written as text, the
way the plan states it, so a workbook loaded back unchanged reads back exactly and changes
nothing. The 人工修正 column says which rows carry a correction; it is only read by people.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import TYPE_STRING

from ..corrections import FIELDS, INT_FIELDS, CorrectionError
from ..domain.limits import LimitExceeded, check_rows, check_zip
from .xlsx_export import BINDING, style_table

SHEET = "指标表"
HELP_SHEET = "填写说明"
REF = "行键"
NOTE = "人工修正"
COLUMNS = {
    "category": "类别",
    "name": "指标名称",
    "unit": "单位",
    "tag": "标注",
    "base_year": "基期年份",
    "base_text": "基期值",
    "target_year": "目标年份",
    "target_text": "目标值",
    "annual_growth": "年均增长/累计",
    "binding": "属性",
    "line": "原文行号",
}
HEADERS = [REF, *(COLUMNS[f] for f in FIELDS), NOTE]
HELP = (
    "修改后在规划页面“导入修正”上传，或用 plantrack corrections import 导入；全部行无误才会保存。",
    "修改一行：直接改该行的单元格，“行键”保持不变。",
    "新增一行：插入新行，“行键”留空；“原文行号”填写该指标在规划原文中的行号，便于核对。",
    "拆分一行：复制该行，两行使用相同的“行键”，再分别修改。",
    "合并多行：保留一行，把各行的行键用 + 连接（如 p3+p4），删除其余各行。",
    "删除一行：删除整行。",
    "“属性”填写约束性或预期性；年份和原文行号填写整数；数值按规划原文填写（如 59.55*、[13]、≥80）。",
    "解析结果本身不会被改动：每处修正都单独保存，注明修正人、时间和原因，并可撤回。",
)


def _cell(field: str, value):
    if value is None:
        return None
    if field == "binding":
        return BINDING.get(value, value)
    if field in INT_FIELDS:
        return value
    return str(value)


def table_workbook(rows: list[dict]) -> bytes:
    """The effective rows (corrections.effective_indicators) as the workbook people correct."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(HEADERS)
    for r, row in enumerate(rows, start=2):
        values = [row["ref"], *(_cell(f, row.get(f)) for f in FIELDS), "人工修正" if row.get("correction") else None]
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = TYPE_STRING  # a plan's "=…" is text, never a formula
    style_table(ws)
    help_ws = wb.create_sheet(HELP_SHEET)
    for line in HELP:
        help_ws.append([line])
    help_ws.column_dimensions["A"].width = 100
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def read_table_workbook(data: bytes, name: str) -> list[dict]:
    """The rows of a corrected workbook, each with its ref and fields; CorrectionError naming the
    file and what is wrong with it (rows are checked by corrections.submit_table, from row 2)."""
    try:
        check_zip(data, "Excel 工作簿")
    except LimitExceeded as exc:
        raise CorrectionError(f"无法读取 {name}：{exc}") from None
    try:
        wb = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - whatever openpyxl says, the file is not a workbook we can read
        raise CorrectionError(f"无法读取 {name}：不是 Excel 工作簿（.xlsx）") from None
    if SHEET not in wb.sheetnames:
        raise CorrectionError(f"{name} 中没有“{SHEET}”工作表；请使用从本系统下载的指标表填写")
    it = wb[SHEET].iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(it, ())]
    missing = [h for h in HEADERS[:-1] if h not in header]
    if missing:
        raise CorrectionError(f"{name} 的“{SHEET}”缺少列：{'、'.join(missing)}")
    at = {h: header.index(h) for h in HEADERS[:-1]}
    rows = []
    for values in it:
        try:
            check_rows(len(rows) + 1)
        except LimitExceeded as exc:
            raise CorrectionError(f"无法读取 {name}：{exc}") from None
        values = list(values) + [None] * (len(header) - len(values))
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            rows.append(None)  # kept as a placeholder so row numbers stay the sheet's
            continue
        row = {"ref": values[at[REF]]}
        for f in FIELDS:
            row[f] = values[at[COLUMNS[f]]]
        rows.append(row)
    return rows
