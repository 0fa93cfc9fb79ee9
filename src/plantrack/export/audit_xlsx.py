"""The audit trail as an Excel workbook (操作记录 exported for an inspection or a review memo).

Every cell is written as text (data_type "s"): a note or a before/after value beginning with "="
is what someone typed, and must never become a formula in the reader's spreadsheet.
"""

from __future__ import annotations

import io
import json

from openpyxl import Workbook

from .xlsx_export import style_table

HEADER = ["编号", "时间（UTC）", "操作人", "用户编号", "角色", "来源地址", "操作", "对象类型", "对象", "修改前", "修改后", "说明"]


def _text(value) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


def audit_workbook(events: list[dict]) -> bytes:
    """events: audit.event_json() dicts, in the order to list them."""
    wb = Workbook()
    ws = wb.active
    ws.title = "操作记录"
    ws.append(HEADER)
    for e in events:
        actor = e["actor"]
        row = [e["id"], e["at"], actor["name"], actor["user_id"], actor["role"], actor["address"], e["action_label"],
               e["object_type_label"], e["object_key"], e["before"], e["after"], e["note"]]
        ws.append([v if isinstance(v, int) else _text(v) for v in row])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    style_table(ws)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
