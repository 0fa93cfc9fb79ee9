"""The rows of a CSV or XLSX template, numbered as a spreadsheet shows them (header = row 1).

The observation readers check their own fixed columns; these templates each have their own, so the
reading is shared here and the required columns are the caller's."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..domain.limits import LimitExceeded, check_rows, check_zip
from . import DutyInputError


def _decode(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DutyInputError([f"{name}：无法识别文件编码（应为 UTF-8 或 GB18030）"])


def _check_count(rows_so_far: int, name: str) -> None:
    """rows_so_far counts the header too, so the data rows are one fewer."""
    try:
        check_rows(rows_so_far)
    except LimitExceeded as exc:
        raise DutyInputError([f"{name}：{exc}"]) from None


def _table(data: bytes, name: str, suffix: str) -> list[list[str]]:
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            check_zip(data, "Excel 工作簿")
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except LimitExceeded as exc:
            raise DutyInputError([f"{name}：{exc}"]) from None
        except Exception as exc:
            raise DutyInputError([f"{name}：不是可读取的 Excel 文件（{type(exc).__name__}）"]) from None
        table = []
        for row in wb.worksheets[0].iter_rows(values_only=True):
            _check_count(len(table), name)
            table.append(["" if c is None else (f"{c:g}" if isinstance(c, float) else str(c)).strip() for c in row])
        wb.close()
        return table
    if suffix in (".csv", ".txt", ""):
        table = []
        for row in csv.reader(io.StringIO(_decode(data, name))):
            _check_count(len(table), name)
            table.append([c.strip() for c in row])
        return table
    raise DutyInputError([f"{name}：不支持的文件类型“{suffix}”，请使用 CSV 或 XLSX"])


def read_rows(data: bytes, name: str, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(row number, {column: text}) for every non-empty row; a missing column refuses the file."""
    table = _table(data, name, Path(name).suffix.lower())
    if not table:
        raise DutyInputError([f"{name}：文件为空"])
    header = [h.lstrip("\ufeff").strip() for h in table[0]]
    missing = [c for c in required if c not in header]
    if missing:
        raise DutyInputError([f"{name}：缺少必需的列 {', '.join(missing)}（需要 {', '.join(required)}）"])
    out = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(c for c in cells):
            continue
        out.append((number, {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header) if h}))
    return out


def read_file(path: str | Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DutyInputError([f"{path}：无法读取文件（{exc.strerror or exc}）"]) from None
    return read_rows(data, path.name, required)


class PlanRows:
    """The plans and indicator rows a template names, each looked up once per file; a row naming an
    unknown plan or indicator adds its problem (with `where`, its file and row) to `problems`.
    Indicators are the plan's effective rows (people's corrections applied, corrections.py), so a
    row a person added or renamed can be assigned a target like any other."""

    def __init__(self, session, problems: list[str]):
        self.session = session
        self.problems = problems
        self._plans: dict = {}
        self._indicators: dict = {}

    def plan(self, key: str, where: str):
        from ..store.repository import get_plan

        if key not in self._plans:
            self._plans[key] = get_plan(self.session, key) if key else None
        plan = self._plans[key]
        if plan is None or plan.current is None:
            self.problems.append(f"{where}：未知规划“{key}”")
            return None
        return plan

    def indicator(self, plan, name: str, where: str) -> dict | None:
        from ..corrections import effective_indicators

        if plan.key not in self._indicators:
            self._indicators[plan.key] = effective_indicators(self.session, plan.current)
        found = next((i for i in self._indicators[plan.key] if i["name"] == name), None)
        if found is None:
            self.problems.append(f"{where}：规划“{plan.key}”的指标表中没有“{name}”")
        return found
