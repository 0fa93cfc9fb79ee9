"""Alignment results and self-check findings as Excel workbooks, for review memos and meetings."""

from __future__ import annotations

import io

from openpyxl import Workbook

from .formulas import neutralise_workbook
from .xlsx_export import style_table

_SEVERITY = {"high": "高", "medium": "中", "low": "低", "info": "提示"}
_BINDING = {"binding": "约束性", "expected": "预期性"}


def _ind(ind: dict | None, field: str):
    if not ind:
        return None
    value = ind.get(field)
    return _BINDING.get(value, value) if field == "binding" else value


def alignment_workbook(result: dict) -> bytes:
    """One row per parent/child indicator pair with its findings; a sheet of parent projects named below."""
    wb = Workbook()
    ws = wb.active
    ws.title = "指标衔接"
    ws.append(["上位规划指标", "上位属性", "上位目标", "上位单位", "上位行", "本规划指标", "本规划属性", "本规划目标",
               "本规划单位", "本规划行", "问题等级", "问题说明"])
    for row in result.get("rows", []):
        p, c = row.get("parent"), row.get("child")
        issues = [f for f in row.get("findings", []) if f.get("severity") != "info"]
        worst = next((s for s in ("high", "medium", "low") if any(f["severity"] == s for f in issues)), None)
        ws.append([
            _ind(p, "name"), _ind(p, "binding"), _ind(p, "target_text") or _ind(p, "annual_growth"), _ind(p, "unit"), _ind(p, "line"),
            _ind(c, "name"), _ind(c, "binding"), _ind(c, "target_text") or _ind(c, "annual_growth"), _ind(c, "unit"), _ind(c, "line"),
            _SEVERITY.get(worst, "一致") if worst else "一致", "\n".join(f["message"] for f in issues) or None,
        ])
    style_table(ws)
    projects = wb.create_sheet("重大项目")
    projects.append(["上位规划专栏", "项目", "上位行", "本规划提及处（行）"])
    for item in result.get("projects", []):
        parent = item.get("parent") or {}
        mentions = "；".join(f"第{m.get('line')}行" for m in item.get("child_mentions", []))
        projects.append([parent.get("box"), parent.get("name"), parent.get("line"), mentions or None])
    style_table(projects)
    buf = io.BytesIO()
    neutralise_workbook(wb).save(buf)
    return buf.getvalue()


def findings_workbook(key: str, findings: list[dict]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "规划自查"
    ws.append(["规划", "类型", "等级", "说明", "引用行"])
    for f in findings:
        lines = "、".join(str(n) for n in (f.get("lines") or []) if n)
        ws.append([key, f.get("kind"), _SEVERITY.get(f.get("severity"), f.get("severity")), f.get("message"), lines or None])
    style_table(ws)
    buf = io.BytesIO()
    neutralise_workbook(wb).save(buf)
    return buf.getvalue()
