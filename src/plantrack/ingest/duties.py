"""任务分工 tables: rows of a task (or indicator, project) with its 牵头单位 and 配合单位 columns.

Implementation notices (分工方案) list their measures in a table whose header names the roles:

    序号  重点任务            牵头单位        配合单位            完成时限
    1     推进…               省发展改革委    省财政厅、省自然资源厅  2022年底

The table reader (ingest/tables) is about indicator tables; these tables are told apart by their
header alone — a cell naming the lead role (牵头单位, 责任单位, 牵头部门 …) — and read from the
cleaned lines with cells cut at tabs (Word, HTML and pipe tables arrive so) or at runs of two or
more spaces (text flattened from a PDF). Rows go on while lines have cells; a one-cell line
followed by more rows is a category line (一、…) inside the table; anything else ends it. A row
without units (a sub-heading) is skipped; a row without a task cell takes its task from the row
above (a merged cell).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .clean import Line
from .script import to_simplified
from .tasks import _split_units, marked_lead

_SPACES = re.compile(r"[ \u3000]{2,}")
_LEAD_HEAD = re.compile(r"^(?:主要)?(?:牵头|责任|主责|负责)(?:单位|部门)$")
_PARTNER_HEAD = re.compile(r"^(?:配合|协办|参与|协同|协助|责任)(?:单位|部门)$")
_ITEM_HEAD = re.compile(r"任务|工作|事项|内容|措施|举措|指标|项目|名称|目标")
_DUE_HEAD = re.compile(r"时限|期限|完成时间|时间节点|进度")
# A category line inside a table: short, numbered or not, never a sentence.
_CATEGORY = re.compile(r"^[^。；;，,]{1,30}$")
_NUMBER_CELL = re.compile(r"^[\d０-９]+[.、．]?$|^[（(]?[一二三四五六七八九十]+[)）、]?$")


@dataclass(frozen=True)
class Columns:
    kind: str  # what the rows are: task | indicator | project, from the item column's header
    item: int
    lead: int
    partner: int | None
    due: int | None
    width: int


def cells(text: str) -> list[str]:
    """A line's cells: at tabs, where empty cells keep their place (merged cells of a Word table),
    else at runs of two or more spaces."""
    if "\t" in text:
        row = [c.strip() for c in text.rstrip().split("\t")]
        while row and not row[-1]:
            row.pop()
        return row
    return [c.strip() for c in _SPACES.split(text.strip()) if c.strip()]


def header_columns(row: list[str]) -> Columns | None:
    """The roles of a header row's columns, or None when the row is not a 分工 header."""
    row = [to_simplified(c) for c in row]  # 牽頭單位 in a traditional-script repost reads as 牵头单位
    lead = next((i for i, c in enumerate(row) if _LEAD_HEAD.match(c)), None)
    if lead is None or len(row) < 2:
        return None
    partner = next((i for i, c in enumerate(row) if i != lead and _PARTNER_HEAD.match(c)), None)
    due = next((i for i, c in enumerate(row) if _DUE_HEAD.search(c)), None)
    item = next((i for i, c in enumerate(row) if i not in (lead, partner, due) and _ITEM_HEAD.search(c)), None)
    if item is None:
        item = next((i for i, c in enumerate(row[:lead]) if c not in ("序号", "编号")), None)
    if item is None:
        return None
    head = row[item]
    kind = "indicator" if "指标" in head else "project" if re.search(r"项目|工程", head) else "task"
    return Columns(kind, item, lead, partner, due, len(row))


def _units(cell: str) -> list[str]:
    return [u for u in _split_units(cell) if 2 <= len(u) <= 40 and u not in ("无", "—", "-")]


def _align(row: list[str], cols: Columns) -> list[str] | None:
    """The row's cells under the header's columns: a row without the leading number cell is shifted."""
    if len(row) == cols.width:
        return row
    if row and not row[0]:  # cells kept in place (tabs): only trailing ones can be missing
        return row + [""] * (cols.width - len(row)) if len(row) <= cols.width else None
    if len(row) == cols.width - 1 and not _NUMBER_CELL.match(row[0]):
        return [""] + row
    if len(row) == cols.width + 1 and _NUMBER_CELL.match(row[0]) and cols.width >= 3:
        return row[1:]
    if len(row) > cols.lead:  # trailing cells (配合单位, 时限) left empty
        return row + [""] * (cols.width - len(row))
    return None


def _is_row(text: str) -> bool:
    return len(cells(text)) >= 2


def read_duty_tables(lines: list[Line]) -> list[dict]:
    """Every row of every 分工 table: {item_kind, item, lead_units, supporting_units, due, line, header_line}."""
    out: list[dict] = []
    i = 0
    while i < len(lines):
        cols = header_columns(cells(lines[i].text))
        if cols is None:
            i += 1
            continue
        header_line = lines[i].no
        previous_item = None
        i += 1
        while i < len(lines):
            text = lines[i].text
            if not text.strip():
                i += 1
                continue
            row = cells(text)
            if sum(1 for c in row if c) < 2 and "\t" not in text:
                nxt = next((ln for ln in lines[i + 1:i + 3] if ln.text.strip()), None)
                if _CATEGORY.match(text.strip()) and nxt is not None and _is_row(nxt.text) \
                        and header_columns(cells(nxt.text)) is None:
                    i += 1  # a category line inside the table
                    continue
                break
            if header_columns(row) is not None:
                break
            aligned = _align(row, cols)
            if aligned is None:
                break
            item = aligned[cols.item] or previous_item
            lead, marked_others = marked_lead(_units(aligned[cols.lead]))  # 市发改委（牵头）、市财政局
            partners = marked_others + (_units(aligned[cols.partner]) if cols.partner is not None and cols.partner < len(aligned) else [])
            if item and lead:
                due = aligned[cols.due] if cols.due is not None and cols.due < len(aligned) else None
                out.append({"item_kind": cols.kind, "item": item, "lead_units": lead, "supporting_units": partners, "due": due or None,
                            "line": lines[i].no, "header_line": header_line})
                previous_item = item
            i += 1
    return out
