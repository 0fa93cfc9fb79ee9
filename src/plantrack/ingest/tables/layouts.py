"""Finding tables and reading their rows, in the layouts plans are published in.

A table is found by its header (a run of header lines, columns.py) or, where it has none, by its
body (regions.py), or as a glued run (glued.py). Its rows are then read by the layout:

- "tab": one row per line, cells separated by tabs (merged category cells left empty);
- "flow": cells separated by spaces and rows wrapped over several lines, as PDF text
  extraction flattens a grid, one cell per line included (web pages). Rows end at the binding
  column (约束性/预期性) where there is one, or start at their sequence number; names wrap across
  lines; category labels stand on lines of their own, one character per line, or down the left
  edge; headers repeat after page breaks among page furniture (furniture.py); `其中` sub-rows
  stacked in one row's cells become rows of their own.

Recognisers read the lines normalised (normalize.py); the cells are given back as written. The
footnote under the table (注：*为2019年数据 …) gives the meaning of the markers. Each row's meaning
(fields.py) and confidence (confidence.py) are read from its cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ...domain.units import is_unit, is_unit_fragment
from ...domain.values import (
    is_compound,
    join_digit_groups,
    is_empty_cell,
    normalize_digits,
)
from ..clean import Line
from ..normalize import normalize_line
from ..script import to_simplified
from .columns import (
    _BARE_YEAR,
    Column,
    _group_header_columns,
    _join_header_lines,
    _tab_header_columns,
    _width,
    columns_from_header,
    is_header_line,
    stack_header_cells,
    strip_header_notes,
)
from .cells import cell_type
from .confidence import row_agreement, table_confidence
from .fields import _BINDING_TOKEN, _trailing_groups, indicator_from_row, review_from_row, split_name
from .furniture import furniture_kind
from .numbered import numbered_texts, read_numbered
from .transposed import find_blocks
from .cell_lines import header_starts, read_cell_lines
from . import weighted_rows
from .glued import glued_texts, group_labels, read_glued
from .period import PERIOD_END, columns_against_period, period_end_named, target_of_period
from .regions import body_table_columns, is_row_like, row_runs, split_row_cells, unread_runs
from .target_list import read_target_row, target_list_runs
from .sentence_box import sentence_boxes
from .spaced_rows import read_spaced_rows, spaced_row_lines
from ..outline import match_heading

_FOOTNOTE = re.compile(r"^\s*(?:注|备注|说明|资料来源|数据来源)\s*[:：]")
_CATEGORY_LINE = re.compile(
    r"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[)）])\s*(?P<name>[^\t\d][^\t]*?)\s*(?:[(（]\s*\d+\s*(?:个|项)?\s*[)）])?\s*$"
)
_COUNT_SUFFIX = re.compile(r"\s*(?:[(（]\s*\d+\s*(?:个|项)\s*[)）]|\d+\s*(?:个|项))\s*$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# A binding mark alone as the 属性 cell (its meaning is in the legend under the table).
_MARK_CELLS = {"★", "☆", "▲", "△", "●", "○", "◆", "◇"}
# A legend of binding marks: ★为约束性指标，☆为预期性指标; 带▲的为约束性指标.
_BINDING_MARK_NOTE = re.compile(r"([★☆▲△●○◆◇※#＃])\s*号?\s*(?:的)?\s*(?:指标)?\s*(?:为|表示|是|代表|系)\s*(约束性|预期性)")
_BINDING_REST_NOTE = re.compile(r"(?:其余|其他|未标注的?)\s*(?:指标)?\s*(?:均)?\s*(?:为|是)\s*(约束性|预期性)")
_MARKER_NOTE = re.compile(r"(?:带)?(\*+)\s*(?:号)?\s*(?:为|表示|是|系)\s*(\d{4})\s*年")


# --- tables -----------------------------------------------------------------------------------


@dataclass
class Row:
    cells: dict[str, str]  # role -> text as written
    category: str | None
    line: int
    group: str | None = None
    written: dict[str, str] = field(default_factory=dict)  # role -> the cell as the plan wrote it
    agreement: float = 1.0  # share of the row's cells whose type fits their column (confidence.py)
    years: dict[str, int] = field(default_factory=dict)  # role -> a year this row states itself
    values: dict[str, float] = field(default_factory=dict)  # role -> the figure, where the cell's words precede it


@dataclass
class Table:
    kind: str  # indicators | review
    title: str
    start: int  # index of the first line (title or header) in the cleaned lines
    end: int  # index of the last line of the table (footnote included)
    line: int  # source line of the title (or header)
    layout: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    markers: dict[str, int] = field(default_factory=dict)  # "*" -> 2019 from the footnote
    cumulative_brackets: bool = False
    binding_marks: dict[str, str] = field(default_factory=dict)  # "★" -> "约束性" from the legend
    header_start: int = -1  # index of the first header line (the title, above it, may be a 专栏 heading)
    evidence: str = "header"  # what found it: its header words ("header") or its rows alone ("body")
    confidence: float = 0.0
    index: int = -1  # its place in the plan's "tables" list

    def column(self, role: str) -> Column | None:
        return next((c for c in self.columns if c.role == role), None)

    def indicator_rows(self) -> list[dict]:
        return [indicator_from_row(self, r) for r in self.rows]

    def review(self) -> dict:
        return {
            "title": strip_title_label(self.title),
            "label": self.title[: len(self.title) - len(strip_title_label(self.title))].strip() or None,
            "line": self.line,
            "rows": [review_from_row(self, r) for r in self.rows],
            **self.evidence_fields(),
        }

    def evidence_fields(self) -> dict:
        """What a row or review carries about its table: how it was found and how sure that is."""
        return {"evidence": self.evidence, "confidence": self.confidence, "table": self.index}

    def to_json(self, lines: list[Line]) -> dict:
        """The table as the contract's `tables` list describes it (domain/plan.py TableRef)."""
        header = lines[self.header_start].no if 0 <= self.header_start < len(lines) else self.line
        return {
            "index": self.index,
            "kind": self.kind,
            "title": self.title or None,
            "line": self.line,
            "header_line": header,
            "last_line": lines[min(self.end, len(lines) - 1)].no if lines else self.line,
            "layout": self.layout,
            "evidence": self.evidence,
            "confidence": self.confidence,
            "columns": [c.role for c in self.columns],
            "rows": len(self.rows),
        }


def find_tables(lines: list[Line]) -> list[Table]:
    """Every indicator or review table in the cleaned lines, in document order.

    Recognisers read the lines normalised (normalize.py: full-width forms, odd spaces, decimal 。);
    the text cells are then given back as the plan wrote them (`Row.written`).
    """
    written = lines
    lines = [ln if (t := _table_view(ln.text)) == ln.text else Line(ln.no, t, ln.page_start) for ln in lines]
    lines = _pipe_empty_cells(written, lines)
    tables = _find_tables(lines)
    changed = {i for i, (a, b) in enumerate(zip(written, lines)) if a is not b}
    if changed:
        for table in tables:
            _restore_written(table, written, lines, changed)
    for k, table in enumerate(tables):
        table.index = k
        _name_sub_rows(table)
        _score(table)
    return tables


def _pipe_empty_cells(written: list[Line], lines: list[Line]) -> list[Line]:
    """A web table flattened to one cell per line closes each cell with a pipe (森林覆盖率(%) |);
    a line holding the pipe alone there is an empty cell, read as the empty mark (same length)."""
    out = list(lines)
    for i in range(1, len(written) - 1):
        if written[i].text.strip() == "|" and written[i - 1].text.rstrip().endswith("|") \
                and written[i - 1].text.strip() != "|" and written[i + 1].text.strip() not in ("", "|"):
            prev = lines[i - 1].text.strip()
            if _BINDING_TOKEN.match(prev) or is_header_line(prev):
                continue  # after a row's 属性 cell (or the header) the pipe closes the row: no cell
            out[i] = Line(lines[i].no, lines[i].text.replace("|", "-"), lines[i].page_start)
    return out


def _name_sub_rows(table: "Table") -> None:
    """`其中` sub-rows on rows of their own (其中：城镇居民 / 农村居民 under 居民人均可支配收入): each is its
    own indicator named 父（其中：子）, and a sub-row without a binding cell shares its parent's (one
    属性 cell merged over the group). The rows after a 其中 row with no number and no binding of
    their own continue the group."""
    parent: Row | None = None
    in_group = False
    has_binding = table.column("binding") is not None
    last_sub = ""
    for row in table.rows:
        raw = row.written.get("name") or row.cells.get("name", "")
        sub = _SUB_ROW.match(raw)
        continues = in_group and not row.cells.get("binding") and not row.cells.get("seq") and len(raw) <= 16
        if continues and not has_binding:
            # No 属性 cell tells a sub-row from a row of its own: a row continues the group only
            # when it is a sibling of the sub-row above it (城市宽带用户 / 农村宽带用户) under the
            # same category.
            shared = _common_suffix(raw, last_sub)
            continues = row.category == parent.category and shared >= 2 and shared >= len(split_name(raw)[0]) - 3
        if (sub or continues) and parent is not None and "（其中：" not in raw:
            parent_name, parent_unit, _ = split_name(parent.written.get("name") or parent.cells.get("name", ""))
            own, unit, _ = split_name(raw[sub.end():] if sub else raw)
            name = f"{parent_name}（其中：{own}）"
            unit = unit or parent_unit
            if unit and table.column("unit") is None:
                name += f"({unit})"
            elif unit and not row.cells.get("unit"):
                row.cells["unit"] = unit
            row.cells["name"] = row.written["name"] = name
            if not row.cells.get("binding") and parent.cells.get("binding"):
                row.cells["binding"] = parent.cells["binding"]
            row.group = row.group or parent_name
            in_group = True
            last_sub = own
        elif not sub:
            parent, in_group = row, False


def _common_suffix(a: str, b: str) -> int:
    a, b = re.sub(r"\s+", "", split_name(a)[0]), re.sub(r"\s+", "", split_name(b)[0])
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _score(table: "Table") -> None:
    """Each row's agreement with its columns, and the table's confidence (confidence.py)."""
    for row in table.rows:
        row.agreement = row_agreement(row.cells)
    table.confidence = table_confidence(table.evidence, [c.role for c in table.columns],
                                        [r.agreement for r in table.rows])


_EDGE_PIPES = re.compile(r"^\s*\|(?=.*[^|\s])|(?<=[^|\s])\s*\|+\s*$")
# Two or more pipes between cells: a Markdown (or pipe-converted) row holding every cell of a row.
_INNER_PIPES = re.compile(r"[^|\s]\s*\|\s*[^|\s].*\|\s*[^|\s]")


@lru_cache(maxsize=16384)  # unread_regions reads the same lines again after find_tables
def _table_view(text: str) -> str:
    """A line as the table rules read it: normalised, and the pipes a converter left at the edges
    of a cell written one per line (地区生产总值(亿元) |) turned into spaces, so lengths stay."""
    if len(text) > 60 and "。" in text:
        return text  # a paragraph of prose: no table rule reads it (and normalising it costs time)
    t = to_simplified(normalize_line(text))  # 指標 屬性 約束性 read as 指标 属性 约束性 (lengths kept)
    if "|" in t:
        t = _EDGE_PIPES.sub(lambda m: " " * len(m.group()), t)
        if _INNER_PIPES.search(t):
            t = t.replace("|", "\t")  # a whole row on one line (| 森林覆盖率 | % | 20.1 |): a tab row
    return t


def _restore_written(table: "Table", written: list[Line], lines: list[Line], changed: set[int]) -> None:
    """Each cell as the plan wrote it. Normalisation keeps lengths, so a cell found in a normalised
    line sits at the same place in the original; a cell joined from wrapped lines is followed
    character by character through the row's lines (joining spaces kept as they are)."""
    span = range(table.start, min(table.end, len(lines) - 1) + 1)
    if not any(i in changed for i in span):
        return
    written_labels: dict[str, str] = {}
    for row in table.rows:
        if row.category and row.category not in written_labels:
            # A category label as the plan wrote it (糧食供給保障, not the simplified reading).
            got = _written_cell(row.category, list(span), written, lines)
            written_labels[row.category] = got if got and len(got) == len(row.category) else row.category
        if row.category:
            row.category = written_labels[row.category]
    for row in table.rows:
        first = next((i for i in span if lines[i].no == row.line), table.start)
        rows_lines = [i for i in span if first <= i < first + 16]  # a row spans a few lines, not the table
        for role, cell in row.cells.items():
            cell = (cell or "").strip()
            if cell and role not in ("binding", "category", "seq"):
                got = _written_cell(cell, rows_lines, written, lines)
                if got is not None and got != cell:
                    row.written[role] = got


def _written_cell(cell: str, at: list[int], written: list[Line], lines: list[Line]) -> str | None:
    for i in at:
        k = lines[i].text.find(cell)
        if k >= 0:
            return written[i].text[k:k + len(cell)]
    norm = "\n".join(lines[i].text for i in at)
    orig = "\n".join(written[i].text for i in at)
    out, k = [], 0
    for ch in cell:
        j = norm.find(ch, k)
        if ch == " " and (j < 0 or j > k):
            out.append(ch)
            continue
        if j < 0:
            return None
        out.append(orig[j])
        k = j + 1
    return "".join(out)


def _find_tables(lines: list[Line]) -> list[Table]:
    """Tables found by their header first, then header-less runs of rows found by their body."""
    tables: list[Table] = _read_transposed_tables(lines)
    tables += _read_cell_line_tables(lines, table_lines(tables))
    tables += _read_weighted_tables(lines, table_lines(tables))
    taken = table_lines(tables)
    i = 0
    n = len(lines)
    while i < n:
        if i in taken:
            i += 1
            continue
        header = _header_run(lines, i)
        if header is None:
            i += 1
            continue
        h_start, h_end = header
        table = _read_table(lines, h_start, h_end)
        if table is not None and table.rows:
            tables.append(table)
            i = table.end + 1
        else:
            i = h_end + 1
    for a, b, text in glued_texts(lines):
        if a not in table_lines(tables):
            table = _read_glued_table(lines, a, b, text)
            if table is not None:
                tables.append(table)
    texts = [ln.text for ln in lines]
    for a in numbered_texts(texts):
        if a not in table_lines(tables):
            table = _read_numbered_table(lines, a)
            if table is not None:
                tables.append(table)
    for a in spaced_row_lines(texts, table_lines(tables)):
        table = _read_spaced_rows(lines, a)
        if table is not None:
            tables.append(table)
    for a, b, year in target_list_runs(texts, table_lines(tables)):
        tables.append(_read_target_list(lines, a, b, year))
    for a, b, found in sentence_boxes(texts, table_lines(tables)):
        tables.append(_read_sentence_box(lines, a, b, found))
    for a, b in row_runs(texts, table_lines(tables)):
        table = _read_body_table(lines, a, b, tables)
        if table is not None and table.rows:
            tables.append(table)
    tables.sort(key=lambda t: t.start)
    return tables


def unread_regions(lines: list[Line], tables: list[Table]) -> list[tuple[int, int]]:
    """(first, last) source lines of each run of table-shaped lines that no table took: rows a
    person should look at, because the reader declined them (for ingest/completeness.py)."""
    texts = [_table_view(ln.text) for ln in lines]
    return [(lines[a].no, lines[b].no) for a, b in unread_runs(texts, table_lines(tables))]


def _read_glued_table(lines: list[Line], a: int, b: int, text: str) -> Table | None:
    """A table whose cells were run together (glued.py): the last year column is the target; the
    first is the base unless the header calls them all expected values (预期值, 目标值)."""
    got = read_glued(text)
    if got is None:
        return None
    years, kind, found = got
    all_targets = bool(re.search(r"预期|目标|规划", kind))
    columns = [Column("name"), Column("unit"), *(Column("target" if k == len(years) - 1 else (
        "base" if k == 0 and not all_targets else "other"), y) for k, y in enumerate(years))]
    title, t_index = _title_before(lines, a)
    table = Table("indicators", title, min(t_index, a), b, lines[min(t_index, a)].no, "glued", columns,
                  header_start=a, evidence="header")
    # The source line of a row: the glued line its name starts on (the joined text keeps them in order).
    bounds, total = [], 0
    for k in range(a, b + 1):
        total += len(lines[k].text.strip()) - (len(_CHUNK_NO.match(lines[k].text.strip()).group()) if k > a and _CHUNK_NO.match(lines[k].text.strip()) else 0)
        bounds.append((total, lines[k].no))
    labelled = group_labels([name for _, name, _ in found])
    for (offset, _, cells), (category, name) in zip(found, labelled):
        row: dict[str, str] = {"name": name}
        if len(cells) == len(years):
            for col, cell in zip(columns[2:], cells):
                if col.role != "other":
                    row[col.role] = cell
            suffixes = {re.sub(r"^[<>≤≥]?[\d.]+", "", c) for c in cells if c not in "-—/"}
            if len(suffixes) == 1 and is_unit(next(iter(suffixes))):
                row["unit"] = next(iter(suffixes))
        else:
            row["target"] = cells[0]  # one text for every year: the plan's aim for the last
        line = next((no for end, no in bounds if offset < end), lines[b].no)
        table.rows.append(Row(row, category, line))
    return table


_CHUNK_NO = re.compile(r"^\d{1,3}、")


def _read_transposed_tables(lines: list[Line]) -> list[Table]:
    """Tables turned on their side (transposed.py): one line per column, blocks of indicators side
    by side; each block's cells are given to its names by position."""
    texts = [ln.text for ln in lines]
    if not any("标" in t for t in texts):
        return []
    tables = []
    for run in find_blocks(texts):
        roles = ["name"] + [r for r in ("unit", "base", "target", "growth", "binding") if any(r in b.cells for b in run)]
        years = {r: next((b.years[r] for b in run if b.years.get(r)), None) for r in ("base", "target")}
        columns = [Column(r, years.get(r)) for r in roles]
        first, last = run[0].first - (1 if run[0].label else 0), run[-1].last
        title, t_index = _title_before(lines, first)
        table = Table("indicators", title, min(t_index, first), last, lines[min(t_index, first)].no, "transposed",
                      columns, header_start=first, evidence="header")
        for block in run:
            for k, name in enumerate(block.names):
                cells = {"name": name}
                for role, values in block.cells.items():
                    if k < len(values):
                        cells[role] = values[k]
                category = cells.pop("category", None) or block.label
                table.rows.append(Row(cells, category, lines[block.name_line].no))
        tables.append(table)
    return tables


def _read_cell_line_tables(lines: list[Line], taken: set[int]) -> list[Table]:
    """Tables dumped one cell per line with blank lines as empty cells (cell_lines.py): a scope
    pair of targets, weight and owner columns, merged sub-row groups."""
    texts = [ln.text.strip() for ln in lines]
    nos = [ln.no for ln in lines]
    tables: list[Table] = []
    for i in header_starts(texts):
        if i in taken or (tables and i <= tables[-1].end):
            continue
        got = read_cell_lines(nos, texts, i)
        if got is None:
            continue
        header, rows = got
        roles = {"scope": "other", "weight": "other", "owner": "other"}
        columns = [Column(roles.get(h.role, h.role), None, h.text) for h in header]
        title, t_index = _title_before(lines, i)
        table = Table("indicators", title, min(t_index, i), max(r.last for r in rows), lines[min(t_index, i)].no,
                      "flow", columns, header_start=i, evidence="header")
        for r in rows:
            cells = {k: v for k, v in r.cells.items() if k in ("name", "unit", "base", "target", "binding") and v}
            table.rows.append(Row(cells, r.category, lines[r.line].no))
        tables.append(table)
    return tables


def _read_weighted_tables(lines: list[Line], taken: set[int]) -> list[Table]:
    """Target systems one row per line with a weight column (weighted_rows.py): values read from
    the right, sub-indicators without numbers, group labels as categories."""
    texts = [ln.text.strip() for ln in lines]
    tables: list[Table] = []
    for i, t in enumerate(texts):
        if "权" not in t and not t.startswith("类别") or i in taken or (tables and i <= tables[-1].end):
            continue
        got = weighted_rows.read_header(texts, i)
        if got is None:
            continue
        values, h_end = got
        rows, last = weighted_rows.read_rows(texts, h_end + 1, len(values))
        if len(rows) < 3:
            continue
        columns = [Column("name"), Column("unit"), *(Column(r, y) for r, y in values), Column("other", None, "权重")]
        title, t_index = _title_before(lines, i)
        table = Table("indicators", title, min(t_index, i), last, lines[min(t_index, i)].no, "flow", columns,
                      header_start=i, evidence="header")
        for r in rows:
            cells = {"name": r.name, **({"unit": r.unit} if r.unit else {})}
            for (role, _), key in zip(values, sorted(r.values)):
                if r.values[key] not in ("", "-"):
                    cells[role] = r.values[key]
            table.rows.append(Row(cells, r.category, lines[r.line].no))
        tables.append(table)
    return tables


def _read_numbered_table(lines: list[Line], a: int) -> Table | None:
    """A run-together table told apart by its row numbers (numbered.py): one target column, the
    owner column after it kept as `other`."""
    got = read_numbered(lines[a].text)
    if got is None:
        return None
    year, found = got
    columns = [Column("name"), Column("unit"), Column("target", year), Column("other")]
    title, t_index = _title_before(lines, a)
    table = Table("indicators", title, min(t_index, a), a, lines[min(t_index, a)].no, "glued", columns,
                  header_start=a, evidence="header")
    for r in found:
        cells = {"name": r["name"], "target": r["target"]}
        if r.get("unit"):
            cells["unit"] = r["unit"]
        table.rows.append(Row(cells, r.get("category"), lines[a].no))
    return table


def _read_target_list(lines: list[Line], a: int, b: int, year: int) -> Table:
    """A two-column list of indicators and their targets under a dated title (target_list.py)."""
    columns = [Column("name"), Column("unit"), Column("base"), Column("target", year)]
    title, t_index = _title_before(lines, a)
    table = Table("indicators", title, min(t_index, a), b, lines[min(t_index, a)].no, "list", columns,
                  header_start=a, evidence="body")
    for k in range(a, b + 1):
        got = read_target_row(lines[k].text)
        if got is None:
            continue
        cells = {role: got[role] for role in ("name", "unit", "base", "target") if got.get(role)}
        row = Row(cells, None, lines[k].no, values={"target": got["target_value"]})
        if got.get("base_year"):
            row.years["base"] = got["base_year"]
        table.rows.append(row)
    return table


def _read_spaced_rows(lines: list[Line], a: int) -> Table | None:
    """A table run together on one line with spaces between cells (spaced_rows.py); a target
    column without a year takes the end of the plan period the title names (十二五 → 2015)."""
    got = read_spaced_rows(lines[a].text)
    if got is None:
        return None
    title, roles, found = got
    end = period_end_named(title)
    columns = [Column("name")] + [Column(role, year if year or role != "target" else end) for role, year in roles]
    table = Table("indicators", title, a, a, lines[a].no, "glued", columns, header_start=a, evidence="header")
    for r in found:
        table.rows.append(Row({"name": r["name"], **r["cells"], "seq": str(r["seq"])}, r["category"], lines[a].no))
    return table


def _read_sentence_box(lines: list[Line], a: int, b: int, found: list[dict]) -> Table:
    """A framed 专栏 whose rows are indicator sentences (sentence_box.py); the target year is the
    end of the plan period its title names (“十一五”时期 → 2010)."""
    title = lines[a].text.strip().strip("│┃║").strip()
    columns = [Column("name"), Column("unit"), Column("target", period_end_named(title)),
               Column("binding")]
    table = Table("indicators", title, a, b, lines[a].no, "box", columns, header_start=a + 1, evidence="body")
    for r in found:
        cells = {"name": r["name"], "target": r["target"]}
        if r["unit"]:
            cells["unit"] = r["unit"]
        if r["binding"]:
            cells["binding"] = r["binding"]
        values = {"target": r["value"]} if r["value"] is not None else {}
        table.rows.append(Row(cells, r["category"], lines[r["index"]].no, values=values))
    return table


def table_lines(tables: list[Table]) -> set[int]:
    """Indices of the lines the tables took (title, header, rows, footnote)."""
    return {i for t in tables for i in range(min(t.start, t.header_start if t.header_start >= 0 else t.start), t.end + 1)}


def _read_body_table(lines: list[Line], a: int, b: int, tables: list[Table]) -> Table | None:
    """A header-less run of rows: the continuation of the table just above it (same width, its
    columns), or a table of its own whose columns come from its cells' types (regions.py)."""
    texts = [lines[k].text for k in range(a, b + 1)]
    roles = body_table_columns(texts)
    if roles is None:
        return None
    prev = next((t for t in reversed(tables) if t.end < a), None)
    if prev is not None and a - prev.end <= 6 and len([c for c in prev.columns if c.role != "category"]) == len(roles):
        columns = [c for c in prev.columns if c.role != "category"]
        table = Table(prev.kind, prev.title, a, b, lines[a].no, "tab" if "\t" in texts[0] else "flow", columns,
                      header_start=a, evidence="body", markers=dict(prev.markers))
    else:
        title, t_index = _title_before(lines, a)
        table = Table("indicators", title, t_index, b, lines[t_index].no, "tab" if "\t" in texts[0] else "flow",
                      [Column(r) for r in roles], header_start=a, evidence="body")
    _read_line_rows(table, lines, a, b)
    return table


def _read_line_rows(table: Table, lines: list[Line], a: int, b: int) -> None:
    """One row per line, its cells in column order; a short line of words alone is a category.
    A line of another width is skipped rather than guessed (fewer rows, never garbage rows)."""
    roles = [c.role for c in table.columns]
    category = None
    for k in range(a, b + 1):
        text = lines[k].text.strip()
        if furniture_kind(text):
            continue
        cells = split_row_cells(text)
        if (len(cells) == len(roles) + 1 and roles[0] == "seq" and _bare_label(cells[0])
                and re.fullmatch(r"\d{1,3}", cells[1])):
            # 生态保护  1  名称 …: the merged category cell on its group's first row, before the number.
            category, cells = _bare_label(cells[0]), cells[1:]
            text = "  ".join(cells)
        if len(cells) == len(roles) - 1 and "unit" in roles and not any(is_unit(c) for c in cells):
            cells.insert(roles.index("unit"), "")
        if len(cells) != len(roles) or not is_row_like(text):
            name = _category_name(text) or (text if re.fullmatch(r"[\u4e00-\u9fff、]{2,12}", text) else None)
            if name:
                category = name
            continue
        row = {r: c for r, c in zip(roles, cells) if r not in ("other", "seq", "category")}
        table.rows.append(Row(row, category, lines[k].no))


def _header_run(lines: list[Line], i: int) -> tuple[int, int] | None:
    """(first, last) index of a table header starting at line i, or None."""
    stacked = _stacked_tab_header(lines, i)
    if not is_header_line(lines[i].text) and stacked is None:
        return None
    j = i
    while j + 1 < len(lines) and j - i < 16:
        if is_header_line(lines[j + 1].text) or _BARE_YEAR.match(lines[j + 1].text):
            j += 1
        elif _empty_header_cell(lines, j + 1):
            j += 2
        else:
            break
    while j > i and _BARE_YEAR.match(lines[j].text):  # a year after the header is a value, not a column
        if j + 1 < len(lines) and _is_value_token(lines[j + 1].text.strip()):
            j -= 1
        else:
            break
    joined = "".join(re.sub(r"\s+", "", lines[k].text) for k in range(i, j + 1))
    if stacked is not None and j <= i + 1:
        j, joined = i + 1, re.sub(r"\s+", "", stacked)
    # 指标 and a word of a value column: 属性, 目标, 单位, a growth column, or two years (the
    # 2020年 | 2025年 of a table whose units stand in its names and that has no 属性 column).
    if "指标" not in joined or not (re.search(r"属性|目标|单位|增长|增速", joined) or len(re.findall(r"\d{4}年", joined)) >= 2):
        return None
    if not re.search(r"\d{4}年?|现状|基期|目标", joined):
        return None
    return i, j


def _empty_header_cell(lines: list[Line], k: int) -> bool:
    """A line of pipes alone inside a header flattened one cell per line: the empty cell under a
    merged group cell (“十四五”目标 | (empty) | 2025年 | 年均[累计]). It continues the header when
    header words follow it."""
    if k + 1 >= len(lines) or furniture_kind(lines[k].text) != "pipes":
        return False
    nxt = lines[k + 1].text
    return is_header_line(nxt) or bool(_BARE_YEAR.match(nxt))


def _stacked_tab_header(lines: list[Line], i: int) -> str | None:
    """Two tab lines whose cells, read down each column, are header words (类 over 别, 序 over 号,
    单 over 位: narrow columns print their words one character per line): the stacked header, or None."""
    if i + 1 >= len(lines) or "\t" not in lines[i].text or "\t" not in lines[i + 1].text:
        return None
    top, bottom = lines[i].text.split("\t"), lines[i + 1].text.split("\t")
    if len(bottom) > len(top) or not any(re.fullmatch(r"[\u4e00-\u9fff]", c.strip()) for c in top):
        return None
    if any(_is_value_token(c.strip()) for c in bottom if c.strip()):
        return None
    bottom += [""] * (len(top) - len(bottom))
    stacked = "\t".join(a.strip() + b.strip() for a, b in zip(top, bottom))
    return stacked if is_header_line(stacked) else None


_TITLE_LABEL = re.compile(r"^(?:专栏|附表|表)\s*[\d一二三四五六七八九十]+(?:[.．\-—－]\d+)*\s*[:：]?\s*")


def strip_title_label(title: str) -> str:
    """专栏1 “十三五”规划主要指标实现情况 -> “十三五”规划主要指标实现情况 (the contract's review title)."""
    return _TITLE_LABEL.sub("", title).strip() or title


def _title_before(lines: list[Line], h_start: int) -> tuple[str, int]:
    """The table's title: the short line right above the header, if it reads like one."""
    k = h_start - 1
    if k >= 1 and re.fullmatch(r"(?:专栏|附表|表)\s*[\d一二三四五六七八九十]+", lines[k].text.strip()):
        # A bare label (表1) under the title line: the title is the line above it.
        above = lines[k - 1].text.strip()
        if len(above) <= 60 and not above.endswith(("。", "；", ";")) and ("指标" in above or "目标" in above):
            return lines[k].text.strip() + " " + above, k - 1
    if k >= 0:
        t = lines[k].text.strip()
        if len(t) <= 60 and not t.endswith(("。", "；", ";")) and "\t" not in t and (
            re.match(r"^(专栏|表|附表)\s*[\d一二三四五六七八九十]", t) or "指标" in t or "目标" in t
        ):
            return t, k
    return "", h_start


def _target_of_titled_period(columns: list[Column], title: str) -> list[Column]:
    """A table titled for a five-year period targets that period's last year: its column is the
    target, a later one the horizon, a future one before it an interim (2020 | 2025 | 2030 under
    “十四五”: 2025 is the target whatever the gap to 2030)."""
    m = re.search("|".join(PERIOD_END), title or "")
    return target_of_period(columns, PERIOD_END[m.group()]) if m else columns


def _read_table(lines: list[Line], h_start: int, h_end: int) -> Table | None:
    header_lines = [strip_header_notes(lines[k].text) for k in range(h_start, h_end + 1)
                    if furniture_kind(lines[k].text) != "pipes"]
    tabbed = any("\t" in t for t in header_lines)
    if tabbed:
        columns = _tab_header_columns(header_lines)
    elif any(len(re.split(r"\s{2,}", t.strip())) >= 3 for t in header_lines):
        # Columns set apart by runs of spaces (a spaced-out word such as "指  标" is not that);
        # a header over several lines is stacked by the position of its cells (类 over 别).
        columns = columns_from_header(stack_header_cells(header_lines) if len(header_lines) > 1 else
                                      [c for t in header_lines for c in re.split(r"\s{2,}", t.strip()) if c])
    else:
        columns = _group_header_columns(header_lines) or columns_from_header([_join_header_lines(header_lines)])
    roles = [c.role for c in columns]
    if "name" not in roles:
        return None
    split = _measure_subheader(columns, lines, h_end)
    if split is not None:
        columns, h_end = split, h_end + 1
        header_lines.append(lines[h_end].text)
    title, t_index = _title_before(lines, h_start)
    columns = _target_of_titled_period(columns, title)
    columns = columns_against_period(columns, title, lines, min(t_index, h_start))
    roles = [c.role for c in columns]
    kind = "review" if any(r in roles for r in ("actual", "actual_growth")) or re.search(
        r"实现情况|完成情况|执行情况", title
    ) else "indicators"
    table = Table(kind, title, t_index, h_end, lines[t_index].no, "tab" if tabbed else "flow", columns,
                  header_start=h_start)
    header_texts = {re.sub(r"\s+", "", t) for t in header_lines}
    if tabbed:
        _read_tab_body(table, lines, h_end + 1, header_texts)
    else:
        _read_flow_body(table, lines, h_end + 1, header_texts)
    _read_footnote(table, lines)
    return table


# A second header line splitting each year's column into a value and its growth, as annual plans
# print them: 2021年完成 | 2022年计划 over 绝对值 | 增长% | 绝对值 | 增长%.
_SUB_VALUE = re.compile(r"绝对值|绝对数|数值|总量|规模")
_SUB_GROWTH = re.compile(r"(?:比上年)?(?:增长|增速|增幅)(?:率|幅度)?\s*(?:[(（]?%[)）]?)?")


def _measure_subheader(columns: list[Column], lines: list[Line], h_end: int) -> list[Column] | None:
    """The columns with each year's column split in two when the line under the header pairs a
    value word with a growth word under every year (the growth of the target year is the plan's
    growth; the base year's is kept as `other`), or None when the line is not such a sub-header."""
    if h_end + 1 >= len(lines):
        return None
    text = lines[h_end + 1].text
    cells = [c.strip() for c in (text.split("\t") if "\t" in text else re.split(r"\s{2,}", text.strip())) if c.strip()]
    years = [c for c in columns if c.year and c.role in ("base", "target", "other", "horizon")]
    if not years or len(cells) != 2 * len(years):
        return None
    pairs = list(zip(cells[0::2], cells[1::2]))
    if not all(_SUB_VALUE.fullmatch(v) and _SUB_GROWTH.fullmatch(g) for v, g in pairs):
        return None
    out: list[Column] = []
    for c in columns:
        out.append(c)
        if c in years:
            out.append(Column("growth" if c.role == "target" else "other", c.year, c.text + "增长"))
    return out


_CONTINUATION = re.compile(r"[（(](?:续|續|续表|接上页|接上表)[)）]$|^(?:续|續)(?=表)|(?:续|續)$")


def _title_label(title: str) -> str:
    m = _TITLE_LABEL.match(title)
    return m.group(0) if m else ""


def _is_repeat(text: str, table: Table, header_texts: set[str]) -> bool:
    """A header line or the title repeated after a page break."""
    t = re.sub(r"\s+", "", text)
    # The title repeated on the next page, marked as a continuation: 表1 …（续）, 续表1 …, 表1 …(续表).
    t_title = _CONTINUATION.sub("", t)
    title = _CONTINUATION.sub("", re.sub(r"\s+", "", table.title)) if table.title else ""
    return t in header_texts or (bool(title) and t_title in (title, title.removeprefix(_title_label(title)))) or (
        is_header_line(text) and "指标" in t
    )


def _category_name(text: str) -> str | None:
    m = _CATEGORY_LINE.match(text.strip())
    if not m:
        return None
    return _COUNT_SUFFIX.sub("", m.group("name")).strip() or None


# --- name tails -------------------------------------------------------------------------------

# The end of a name printed on the line below its row, as PDF text puts a wrapped first cell:
# 单位地区生产总值能源消耗 — 〔14〕 约束性 / 降低(%). Only a short run of words closed by a unit in
# brackets reads so: that is where a name ends, and no row or label ends that way.
_NAME_TAIL = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z0-9·、]{0,11}[(（](?P<unit>[^()（）]{1,8})[)）]$")


def _is_name_tail(text: str) -> bool:
    m = _NAME_TAIL.match(text.strip())
    return bool(m) and is_unit(m.group("unit"))


def _opens_row(text: str | None) -> bool:
    """The line starts a row of its own: a name followed by cells on the same line (or nothing: the end)."""
    if text is None or not text.strip():
        return True
    cells = _split_cells(text)
    return len(cells) >= 2 and bool(_CJK.search(cells[0])) and not _is_value_token(cells[0])


def _next_text(lines: list[Line], i: int) -> str | None:
    return lines[i + 1].text if i + 1 < len(lines) else None


# --- tab layout -------------------------------------------------------------------------------


# One character of a category label printed down the category column (quotes included: “六新”).
_VERTICAL_CHAR = re.compile(r"[\u4e00-\u9fff“”‘’]")


def _read_tab_body(table: Table, lines: list[Line], start: int, header_texts: set[str]) -> None:
    category = None
    label_chars: list[tuple[int, str]] = []  # (line index, character) of a label down the category column
    starts: list[int] = []  # line index of each row read
    whole_labels = False
    last = start - 1
    i = start
    while i < len(lines):
        ln = lines[i]
        text = ln.text
        if _FOOTNOTE.match(text):
            break
        if table.rows and _name_tail_cell(table, text) is not None:
            # A name wrapped in its cell: the tail stands alone under the name column, not in the first.
            table.rows[-1].cells["name"] = table.rows[-1].cells.get("name", "") + _name_tail_cell(table, text)
            last = i
            i += 1
            continue
        if _is_repeat(text, table, header_texts) or furniture_kind(text) or is_header_line(text.replace("\t", " ")) and "\t" in text:
            i += 1
            continue
        if "\t" not in text:
            if table.rows and _is_name_tail(text) and split_name(table.rows[-1].cells.get("name", ""))[1] is None \
                    and _opens_row(_next_text(lines, i)):
                table.rows[-1].cells["name"] += text.strip()
                last = i
                i += 1
                continue
            if table.column("category") is not None and _VERTICAL_CHAR.fullmatch(text.strip()) and table.rows:
                # A label printed one character per row runs on below its group's last row.
                label_chars.append((i, text.strip()))
                last = i
                i += 1
                continue
            # A category line, or a title repeated after a page break, may stand between rows.
            if _category_name(text):
                category = _category_name(text)
                last = i
                i += 1
                continue
            nxt = _next_text(lines, i)
            if _bare_label(text) and nxt is not None and "\t" in nxt and not _bare_label(nxt.replace("\t", "")):
                # A label alone on its line (生态保护), no number before it, above the rows of its group.
                category = _bare_label(text)
                last = i
                i += 1
                continue
            if i + 1 < len(lines) and _header_run(lines, i + 1) and _title_before(lines, i + 1)[1] == i:
                i += 1
                continue
            break
        cells = [c.strip() for c in text.split("\t")]
        filled = [c for c in cells if c]
        if len(filled) == 1:
            name = _category_name(filled[0]) or filled[0]
            if not re.fullmatch(r"[\d.]+", name):
                category = name
            last = i
            i += 1
            continue
        cells = _right_align(table.columns, cells)
        row_cells: dict[str, str] = {}
        for col, cell in zip(table.columns, cells):
            if col.role == "category":
                if _VERTICAL_CHAR.fullmatch(cell):
                    label_chars.append((i, cell))  # a label printed one character per row (生/态/保/护)
                elif cell:
                    category = _category_name(cell) or cell
                    whole_labels = True
                continue
            row_cells[col.role] = cell
        if not row_cells.get("name") and row_cells.get("seq") and not re.fullmatch(r"[\d.]+", row_cells["seq"]):
            row_cells["name"] = row_cells.pop("seq")
        if row_cells.get("name"):
            table.rows.append(Row(row_cells, category, ln.no))
            starts.append(i)
        last = i
        i += 1
    table.end = max(last, table.end)
    if label_chars and not whole_labels:
        _apply_vertical_labels(table.rows, starts, label_chars)


def _name_tail_cell(table: Table, text: str) -> str | None:
    """The one filled cell of a tab line when it stands under the name column (not the first
    column, where a category label would stand) and is words, not a value or a label."""
    name_at = next((k for k, c in enumerate(table.columns) if c.role == "name"), 0)
    cells = [c.strip() for c in text.rstrip().split("\t")]
    if name_at == 0 or len(cells) != name_at + 1 or any(cells[:name_at]):
        return None
    tail = cells[name_at]
    if not tail or _category_name(tail) or _is_value_token(tail) or not _CJK.search(tail):
        return None
    return tail


def _right_align(columns: list[Column], cells: list[str]) -> list[str]:
    """A row shifted left by a lost merged cell: when its last value is the binding word but it
    does not stand under the binding column, realign the row on its right end; without a binding
    word, realign it on its name (the first cell of words after the number)."""
    while cells and not cells[-1]:
        cells = cells[:-1]
    b = next((k for k, c in enumerate(columns) if c.role == "binding"), None)
    if (b is None or not cells or not _BINDING_TOKEN.match(cells[-1])) and len(cells) < len(columns):
        n = next((k for k, c in enumerate(columns) if c.role == "name"), None)
        k = next((k for k, c in enumerate(cells) if _CJK.search(c) and not _is_value_token(c)), None)
        if n is not None and k is not None and k < n and not (k + 1 < len(cells) and _is_value_token(cells[k + 1]) is False
                                                             and _CJK.search(cells[k + 1])):
            return [""] * (n - k) + cells
        return cells
    if b is None or not cells or not _BINDING_TOKEN.match(cells[-1]) or len(cells) - 1 == b:
        return cells
    shift = b - (len(cells) - 1)
    return [""] * shift + cells if shift > 0 else cells[-shift:]


# --- flow layout ------------------------------------------------------------------------------


@dataclass
class _Token:
    text: str
    line_pos: int  # index of the physical line within the row
    last_on_line: bool


def _with_name_tail(segment: list[Line], tail: str) -> list[Line] | None:
    """The row's lines with a wrapped name's end joined to its name, when the row sits on one line
    and its name carries no unit yet (a name that has its unit is complete)."""
    if len(segment) != 1:
        return None
    cells = _split_cells(segment[0].text)
    if len(cells) < 2 or split_name(cells[0])[1] is not None:
        return None
    first = segment[0]
    return [Line(first.no, "  ".join([cells[0] + tail, *cells[1:]]), first.page_start)]


def _split_cells(text: str) -> list[str]:
    """Cells of one flattened line: runs of 2+ spaces separate cells when the line has them."""
    text = normalize_digits(text.strip())
    if re.search(r"\S {2,}\S", text) or "\t" in text:
        parts = [join_digit_groups(p) for p in re.split(r"\s{2,}|\t", text)]
        m = _TRAILING_BINDING.match(parts[-1]) if parts else None
        if m:  # a binding word a single space from a long cell (与经济增长同步 预期性)
            parts[-1:] = [m.group(1), m.group(2)]
    else:
        parts = _MARKER_THEN_NUMBER.sub(r"\1", text).split(" ")
    return [p.strip() for p in parts if p.strip()]


# A comparison word or sign a space before its number (大于 100, > 98) is one cell with it.
_MARKER_THEN_NUMBER = re.compile(r"(?<!\S)(大于|小于|不低于|不高于|不少于|不超过|超过|高于|低于|达到|约|[<>≤≥])\s+(?=[<>≤≥]?\d)")


_TRAILING_BINDING = re.compile(r"^(.*\S)\s+(约束性|预期性)$")


_GLUED = re.compile(r"(?:(?<=左右)|(?<=以上)|(?<=以下)|(?<=[\]］]))(?=[\d\[［<>≤≥-])")


_QUALIFIED_VALUE = re.compile(r"^[<>≤≥]?\s*\d+(?:\.\d+)?\s*[(（][^()（）]{1,12}[)）]$")


def _is_value_token(t: str) -> bool:
    """A cell that holds a value: a number (with markers or a unit), a compound, or an empty mark."""
    if is_empty_cell(t) or _BINDING_TOKEN.match(t):
        return True
    if not t[:1].isdigit() and cell_type(t) == "number":  # 大于 100, 不低于20: a marker word before a number
        return True
    if _QUALIFIED_VALUE.match(t):  # 20(80%用户), 100(部分城市)
        return True
    s = t.lstrip("<>≤≥＜＞~[［(（")
    if not s[:1].isdigit() and not (s[:1] in "-—" and s[1:2].isdigit()):
        return False
    if is_compound(t):
        return True
    rest = re.sub(r"^[-+]?\d+(?:\.\d+)?", "", s).lstrip("]］)）*")
    if not rest:
        return True
    if rest[0] in ",，、/:：":  # a list (12,力争…), a compound, a ratio (2.3:1)
        return True
    # 5个左右, 29.53万吨, 44μg/m3, 60以上 -- but not 5G网络用户普及率
    rest_words = re.sub(r"左右|以上|以下|以内|及以上|[\]］)）*]", "", rest)
    return not rest_words or is_unit(rest_words)


def _name_closed(name: str) -> bool:
    """A name that ends with a unit in brackets (and maybe a tag after it) is complete."""
    groups = _trailing_groups(name)
    return any(is_unit(g) for g in groups) and _balanced(name)


def _balanced(s: str) -> bool:
    return s.count("(") + s.count("（") == s.count(")") + s.count("）")


def _read_flow_body(table: Table, lines: list[Line], start: int, header_texts: set[str]) -> None:
    """Group the body's lines into rows, then read each row's cells."""
    has_binding = table.column("binding") is not None
    has_seq = table.column("seq") is not None
    # Columns after the binding one (责任单位, 备注) hold no values: cut off each row's last cells.
    roles = [c.role for c in table.columns]
    trailing = len(roles) - 1 - roles.index("binding") if has_binding else 0
    if trailing and (trailing > 2 or any(r != "other" for r in roles[-trailing:])):
        trailing = 0
    if trailing:
        table.columns = table.columns[:-trailing]
    after_binding = _values_after_binding(table.columns) if has_binding else 0
    segments: list[list[Line]] = []
    pending: list[Line] = []
    last_row_end = start - 1
    row_width = len([c for c in table.columns if c.role != "category"])
    i = start
    expected_seq = 1
    vertical = _has_vertical_labels(lines, start)
    in_sub_rows = False
    label_chars: list[tuple[int, str]] = []  # (line index, character) of a label printed down the left edge
    at: dict[int, int] = {}  # id of a (possibly stripped) Line -> its index
    while i < len(lines):
        ln = lines[i]
        text = ln.text.strip()
        if _FOOTNOTE.match(text):
            break
        if _is_repeat(text, table, header_texts) or furniture_kind(text) or _page_number_between(lines, i, table, header_texts):
            i += 1
            continue
        if vertical:
            m = _LABEL_CHAR.match(text)
            if m:
                label_chars.append((i, m.group(1)))
                if not m.group(2):
                    i += 1
                    continue
                ln, text = Line(ln.no, m.group(2), ln.page_start), m.group(2)
        at[id(ln)] = i
        h = match_heading(text)
        if h is not None and h.kind in ("part", "chapter", "section", "box") and not _category_name(text):
            break
        if len(pending) > 14 or (len(text) > 40 and re.search(r"[。；]", text)):
            break
        if not has_binding and has_seq and pending and (
                _starts_row(text, expected_seq, table.column("category") is not None)
                or (_SUB_ROW.match(text) and _complete_without_binding(pending))):
            # A row opens at the next sequence number, or at an unnumbered 其中 sub-row. A label
            # alone on the line before the number (one cell per line) is the new row's category cell.
            carried = [pending.pop()] if len(pending) > 1 and _is_label_line(pending[-1].text) else []
            if pending and not (len(pending) == 1 and _is_label_line(pending[0].text)):
                segments.append(pending)
                pending = []
                last_row_end = i - 1 - len(carried)
            pending += carried
        elif not has_binding and not has_seq and pending and _closes_cell_per_line_row(pending, text):
            # One cell per line and no 属性 or 序号 column: a name after the row's values opens the next row.
            segments.append(pending)
            pending = []
            last_row_end = i - 1
        if has_binding and _SUB_ROW.match(text) and pending and _complete_without_binding(pending):
            # 其中 opens sub-rows on lines of their own: the row above is complete.
            segments.append(pending)
            pending = []
        if has_binding and not pending and segments and _is_name_tail(text) and _opens_row(_next_text(lines, i)):
            tailed = _with_name_tail(segments[-1], text.strip())
            if tailed is not None:
                segments[-1] = tailed
                i += 1
                continue
        cells = _split_cells(text)
        if trailing and len(cells) > trailing and _BINDING_TOKEN.match(cells[-1 - trailing]):
            cells = cells[:-trailing]
            ln = Line(ln.no, "  ".join(cells), ln.page_start)
            at[id(ln)] = i
        pending.append(ln)
        if after_binding:
            if _closed_after_binding(pending, after_binding):
                segments.append(pending)
                pending = []
                last_row_end = i
        elif has_binding and (_BINDING_TOKEN.match(cells[-1] if cells else "") or (cells and cells[-1] in _MARK_CELLS) or (
                len(pending) == 1 and cells and is_empty_cell(cells[-1]) and _row_cell_count(pending) >= row_width)):
            # The row ends at its binding word, or (a row on one line holding every cell, its 属性
            # left empty: —) at its last cell.
            segments.append(pending)
            pending = []
            last_row_end = i
            in_sub_rows = False
        elif has_binding and (in_sub_rows or _SUB_ROW.match(text)) and len(pending) == 1 and _complete_without_binding(pending):
            # A sub-row under 其中 whose binding is the parent's (one 属性 cell merged over the group).
            segments.append(pending)
            pending = []
            last_row_end = i
            in_sub_rows = True
        elif not has_binding and _starts_row(text, expected_seq, table.column("category") is not None):
            expected_seq += 1
        i += 1
    if not has_binding and pending and any(_is_value_token(t) for ln in pending for t in _split_cells(ln.text)):
        segments.append(pending)
        last_row_end = i - 1
    elif has_binding and pending and _complete_without_binding(pending):
        # The last row lost its binding cell (a truncated page): it is still a row.
        segments.append(pending)
        last_row_end = i - 1
    elif has_binding and len(pending) == 1 and segments and _bare_label(pending[0].text):
        segments.append(pending)  # perhaps the wrapped end of the last row's name (_join_wrapped_tails)
    table.end = max(table.end, last_row_end)
    if has_binding:
        segments = _join_wrapped_tails(segments)
    width = _wrap_width(segments)
    category = None
    seq = 0
    starts: list[int] = []
    for seg in segments:
        rows, category, seq = _row_from_segment(table, seg, category, seq, width)
        for row in rows:
            table.rows.append(row)
            starts.append(at.get(id(seg[0]), -1))
    if label_chars:
        _apply_vertical_labels(table.rows, starts, label_chars)
    _labels_as_categories(table.rows)


def _values_after_binding(columns: list[Column]) -> int:
    """How many value columns the header puts after its 属性 column (序号 | 指标 | 单位 | 属性 |
    2025年 | 年均[累计]): there a row does not end at its binding cell but that many cells later."""
    roles = [c.role for c in columns]
    if "binding" not in roles:
        return 0
    after = roles[roles.index("binding") + 1:]
    values = ("base", "target", "growth", "planned_growth", "horizon", "other", "actual", "actual_growth")
    return len(after) if after and all(r in values for r in after) and any(r != "other" for r in after) else 0


def _closed_after_binding(pending: list[Line], after: int) -> bool:
    """The row's lines hold a binding cell and the value cells the header puts after it."""
    tokens = [t for ln in pending for t in _split_cells(ln.text)]
    at = [k for k, t in enumerate(tokens) if _BINDING_TOKEN.match(t)]
    return bool(at) and len(tokens) - 1 - at[-1] >= after


def _labels_as_categories(rows: list[Row]) -> None:
    """In a table with no category of its own, the label lines standing above rows (经济发展 above
    its first row) are its categories: each holds for the rows below it until the next label."""
    if any(r.category for r in rows) or not any(r.group for r in rows):
        return
    current = None
    for r in rows:
        if r.group:
            current, r.group = r.group, None
        r.category = current


# A category label printed one character per line down the left edge: the character alone, or
# before the row's sequence number.
_LABEL_CHAR = re.compile(r"^([\u4e00-\u9fff])(?:$|\s{2,}((?:\d{1,3}\s|[\u4e00-\u9fff]).*))")


def _has_vertical_labels(lines: list[Line], start: int) -> bool:
    """Rows starting with one character and then their number (经  2  全员劳动生产率…), twice or more."""
    hits = 0
    for ln in lines[start:start + 40]:
        m = _LABEL_CHAR.match(ln.text.strip())
        if m and m.group(2):
            hits += 1
    return hits >= 2


def _apply_vertical_labels(rows: list[Row], starts: list[int], chars: list[tuple[int, str]]) -> None:
    """Label characters become categories. A label's characters run together until a row stands
    without one; each label is centred on its rows, so a row takes the nearest label's centre."""
    groups: list[list[tuple[int, str]]] = []
    for pos, ch in chars:
        if groups:
            prev = groups[-1][-1][0]
            gap = any(prev < s < pos and all(c[0] != s for c in chars) for s in starts)
            if not gap:
                groups[-1].append((pos, ch))
                continue
        groups.append([(pos, ch)])
    centres = [(sum(p for p, _ in g) / len(g), "".join(ch for _, ch in g)) for g in groups]
    for row, s in zip(rows, starts):
        if s >= 0:
            row.category = min(centres, key=lambda c: abs(c[0] - s))[1]


def _closes_cell_per_line_row(pending: list[Line], text: str) -> bool:
    """In a table of one cell per line with nothing that ends a row (no binding, no numbers), a
    line of words that is not a value or a unit, after the row's name and at least one value,
    starts the next row."""
    def one_cell(t: str) -> bool:  # a cell, or a name a stray space split (合格 率(%))
        cells = _split_cells(t)
        return len(cells) == 1 or not any(_is_value_token(c) or is_unit(c) for c in cells)

    t = text.strip()
    if not one_cell(t) or _is_value_token(t) or is_unit(t) or not _CJK.search(t):
        return False
    if not all(one_cell(ln.text.strip()) for ln in pending):
        return False
    return len(pending) >= 2 and _is_value_token(pending[-1].text.strip()) and not _is_value_token(pending[0].text.strip())


def _complete_without_binding(pending: list[Line]) -> bool:
    """A name followed by two value cells (or a unit and a value), and no sentence among them."""
    tokens = [t for ln in pending for t in _split_cells(ln.text)]
    if len(tokens) > 1 and re.fullmatch(r"\d{1,3}", tokens[0]) and _CJK.match(tokens[1]):
        tokens = tokens[1:]  # the row's sequence number before its name
    if not tokens or _is_value_token(tokens[0]) or any(re.search(r"[。；]", t) for t in tokens):
        return False
    values = sum(_is_value_token(t) for t in tokens[1:])
    return values >= 2 or (values >= 1 and any(is_unit(t) for t in tokens[1:]))


def _page_number_between(lines: list[Line], i: int, table: Table, header_texts: set[str]) -> bool:
    """A bare number followed by page furniture or by the table's title or header repeated."""
    if not re.fullmatch(r"\d{1,4}", lines[i].text.strip()) or i + 1 >= len(lines):
        return False
    nxt = lines[i + 1].text
    return bool(furniture_kind(nxt)) or _is_repeat(nxt, table, header_texts)


_DOCUMENT_TITLE_END = re.compile(r"(?:规划|纲要|方案|计划|意见|通知|报告|办法)$")


def _bare_label(text: str) -> str | None:
    """A category label alone on a line without a number (生态保护, “六新”突破与产业升级（7个）)."""
    t = _COUNT_SUFFIX.sub("", text.strip())
    if _DOCUMENT_TITLE_END.search(t):
        return None  # a running header (某市生态环境保护规划) after a page break, not a label
    return t if re.fullmatch(r"[\u4e00-\u9fff、“”‘’·]{2,14}", t) and _CJK.match(t.strip("“‘")) and not is_unit(t) else None


def _row_cell_count(pending: list[Line]) -> int:
    """How many cells a row's lines hold, a group label before its number (the category column's
    merged cell: 生态保护 1 …, or 生态保护 / 1 one cell per line) not counted; 0 without a name."""
    tokens = [t for ln in pending for t in _split_cells(ln.text)]
    if len(tokens) > 1 and _bare_label(tokens[0]) and re.fullmatch(r"\d{1,3}", tokens[1]):
        tokens = tokens[1:]
    return len(tokens) if any(_CJK.search(t) and not _is_value_token(t) for t in tokens) else 0


def _first_line_name(line: Line) -> tuple[int, str] | None:
    """(cell index, text) of the name on a row's first line: its first cell of words."""
    cells = _split_cells(line.text)
    k = 0
    if len(cells) > 2 and _bare_label(cells[0]) and re.fullmatch(r"\d{1,3}", cells[1]):
        k = 1  # the category cell before the number
    while k < len(cells) and re.fullmatch(r"\d{1,3}", cells[k]):
        k += 1
    if k < len(cells) and _CJK.search(cells[k]) and not _is_value_token(cells[k]) and len(cells) - k >= 3:
        return k, cells[k]
    return None


def _tail_like(text: str) -> bool:
    """One cell of words (slashes and Latin letters allowed: 省级重点实验室/省级工程研究中心), no value,
    no unit, no sentence and no numbered label: what the end of a wrapped name looks like."""
    t = text.strip()
    return (len(_split_cells(t)) == 1 and bool(_CJK.search(t)) and not _is_value_token(t) and not is_unit(t)
            and not _category_name(t) and not re.search(r"[。；，,:：]|\d", t) and len(t) <= 40)


def _join_wrapped_tails(segments: list[list[Line]]) -> list[list[Line]]:
    """Names wrapped at the column's width in a table flattened to text put their end on a line
    of its own after the row (单位地区生产总 1.2 … 约束性 / 值能耗降低). A lone line of words that
    opens a segment is such a tail when the row above was cut at the table's widest name (the
    column's width) and the tail is no wider; otherwise it stays a label of the rows below."""
    firsts = [_first_line_name(seg[-1]) for seg in segments]
    widths = [_width(f[1]) for f in firsts if f]
    if len(widths) < 3 or (segments and len(segments[0]) > 1 and _bare_label(segments[0][0].text)):
        # A label above the first row: lone lines of words in this table are labels.
        last = segments[-1] if segments else []
        return segments[:-1] if len(last) == 1 and _bare_label(last[0].text) and len(segments) > 1 else segments
    widest = max(widths)
    out: list[list[Line]] = []
    for k, seg in enumerate(segments):
        joined = False
        while seg and out and len(out[-1]) == 1 and (len(seg) > 1 or k == len(segments) - 1):
            # The name's end may run over several lines, each no wider than the column.
            head = seg[0].text.strip()
            prev = _first_line_name(out[-1][0])
            if not (prev and _tail_like(head) and _width(prev[1]) >= widest - 1 and _width(head) <= widest
                    and (joined or widths.count(widest) + widths.count(widest - 1) >= 2)):
                break
            cells = _split_cells(out[-1][0].text)
            cells[prev[0]] += head
            out[-1] = [Line(out[-1][0].no, "  ".join(cells), out[-1][0].page_start)]
            seg, joined = seg[1:], True
        head = seg[0].text.strip() if seg else ""
        if not seg:
            continue
        elif k == len(segments) - 1 and len(seg) == 1 and _bare_label(head):
            seg = []  # words after the last row that are no name's end: not a row
        if seg:
            out.append(seg)
    return out


def _is_label_line(text: str) -> bool:
    """A few Chinese words alone on a line (a category cell or label), no value or unit."""
    t = text.strip()
    return bool(re.fullmatch(r"[\u4e00-\u9fff、]{2,12}", t)) and not is_unit(t)


def _starts_row(text: str, expected: int, category_column: bool = False) -> bool:
    """The line opens row `expected`: its sequence number first, or (in a table with a category
    column) after the group's category cell (生态保护 1 …)."""
    m = re.match(r"^(\d{1,3})(?:\s|$)", text)
    if m:
        return int(m.group(1)) == expected
    lead = _CATEGORY_THEN_SEQ.match(text) if category_column else None
    return bool(lead) and int(lead.group("seq")) == expected


def _wrap_width(segments: list[list[Line]]) -> int:
    """The width at which names wrap: the widest name-only line that another name line continues."""
    widest = 0
    for seg in segments:
        for a in seg[:-1]:
            ta = a.text.strip()
            if _CJK.search(ta) and not any(_is_value_token(t) for t in _split_cells(ta)) and len(ta) > 2:
                widest = max(widest, _width(ta))
    return widest


def _row_from_segment(table: Table, seg: list[Line], category: str | None, seq: int, width: int):
    """One row from its lines: category labels and sequence numbers first, then name, then cells."""
    body: list[Line] = []
    vertical: list[str] = []
    row_line = None
    for k, ln in enumerate(seg):
        text = ln.text.strip()
        if body:
            body.append(ln)
            continue
        cat = _category_name(text)
        if cat and not any(_is_value_token(t) for t in _split_cells(text)[1:]):
            category = cat
            continue
        if re.fullmatch(r"\d{1,3}", text):
            # A sequence number alone (flow rows) or a block of them (a column printed apart).
            nxt = seg[k + 1].text.strip() if k + 1 < len(seg) else ""
            if not re.fullmatch(r"\d{1,3}", nxt) and row_line is None and int(text) == seq + 1:
                row_line = ln.no
            continue
        if re.fullmatch(r"[\u4e00-\u9fff]{1,2}", text) and _later_row_start(seg, k):
            vertical.append(text)
            continue
        if k + 1 < len(seg) and _is_label_before_row(text, seg[k + 1].text.strip()):
            category = text
            continue
        nxt = seg[k + 1].text.strip() if k + 1 < len(seg) else ""
        label = _numbered_label_before_name(text, nxt, seg[k + 2].text.strip() if k + 2 < len(seg) else "")
        if label or (re.fullmatch(r"[\u4e00-\u9fff、]{2,12}", text) and k + 2 < len(seg)
                     and _numbered_label_before_name(nxt, seg[k + 2].text.strip())):
            # The group label above a numbered sub-label (生态环境质量 over 1。空气质量): the
            # sub-label, nearer the rows, becomes their category.
            category = label or text
            continue
        body.append(ln)
    if vertical:
        category = "".join(vertical)
    if not body:
        return [], category, seq
    lead = _CATEGORY_THEN_SEQ.match(body[0].text.strip()) if table.column("category") is not None else None
    if lead and int(lead.group("seq")) == seq + 1:
        # 生态保护 1 生态保护红线… : the merged category cell, printed on its group's first row,
        # stands before the row's sequence number.
        category, row_line = lead.group("cat"), row_line or body[0].no
        body = [Line(body[0].no, body[0].text.strip()[lead.end("cat"):].strip())] + body[1:]
    # A sequence number at the start of the first body line (1 名称 …, 1.名称, 1、名称).
    first_cells = _split_cells(body[0].text)
    numbered = _NUMBERED_NAME.match(body[0].text.strip())
    if first_cells and re.fullmatch(r"\d{1,3}", first_cells[0]) and len(first_cells) > 1:
        row_line = row_line or body[0].no
        body = [Line(body[0].no, body[0].text.strip()[len(first_cells[0]):].strip())] + body[1:]
    elif numbered:
        row_line = row_line or body[0].no
        body = [Line(body[0].no, body[0].text.strip()[numbered.end():])] + body[1:]
    if row_line is not None or not _SUB_ROW.match(body[0].text.strip()):
        seq += 1  # an unnumbered 其中 sub-row takes no sequence number of its own
    stacked = _stacked_sub_rows(table, body, category)
    if stacked:
        return stacked, category, seq
    tokens: list[_Token] = []
    for pos, ln in enumerate(body):
        cells = _split_cells(ln.text)
        for k, c in enumerate(cells):
            tokens.append(_Token(c, pos, k == len(cells) - 1))
    if table.column("category") is not None and _leading_category(tokens):
        # 经济发展 地区生产总值 亿元 …: the category column's cell before the name, on the row's line.
        category = tokens.pop(0).text
    by_line = _cells_by_line(table, body)
    if by_line is not None:
        return [Row(by_line, category, row_line or body[0].no, None)], category, seq
    name_tokens, rest, group = _take_name(table, tokens, body, width)
    if not name_tokens:
        return [], category, seq
    raw_name = _join_tokens(name_tokens)
    value_roles = [c.role for c in table.columns if c.role not in ("category", "seq", "name")]
    cells = _fit_cells(rest, value_roles)
    cells["name"] = raw_name
    return [Row(cells, category, row_line or body[0].no, group)], category, seq


def _cells_by_line(table: Table, body: list[Line]) -> dict[str, str] | None:
    """A row written one cell per line, as many lines as the header has columns and closed by its
    binding cell, whose value cells are words (稳步提高 | 稳步提高 | 预期性): each line is its cell.
    Without this the words would be read as the rest of a wrapped name. None when the row is not
    of that shape (a row with numbers is read by the token rules)."""
    roles = [c.role for c in table.columns if c.role not in ("category", "seq")]
    if not roles or roles[0] != "name" or roles[-1] != "binding" or len(body) != len(roles):
        return None
    texts = [ln.text.strip() for ln in body]
    if any(len(_split_cells(t)) != 1 for t in texts) or not _BINDING_TOKEN.match(texts[-1]):
        return None
    if _is_value_token(texts[0]):
        return None
    for role, t in zip(roles[1:-1], texts[1:-1]):
        if role == "unit":
            if not (is_unit(t) or is_empty_cell(t)):
                return None  # the line under the unit column is not a unit: a wrapped name
        elif _is_value_token(t) or is_unit(t) or _DAMAGED_UNIT.fullmatch(t):
            return None
    if not any(r != "unit" for r in roles[1:-1]):
        return None
    return dict(zip(roles, texts))


# A unit that lost its first word in extraction (吨/万元 -> /万元, /.): still the unit cell.
_DAMAGED_UNIT = re.compile(r"/[^\s/]{0,9}")
_NUMBERED_NAME = re.compile(r"^(?:\d{1,3}\s*[.、．]|[(（]\d{1,3}[)）]|[①-⑳])\s*(?=[^\d\s.])")
_SUB_ROW = re.compile(r"^其中\s*[:：]?\s*")
# A category cell and the row's sequence number before its name, on the row's first line.
_CATEGORY_THEN_SEQ = re.compile(r"^(?P<cat>[\u4e00-\u9fff“”‘’、]{2,12})\s+(?P<seq>\d{1,3})\s+(?=\S)")


# A numbered group label (1.空气质量, 2。水环境质量, (3)土壤): a few words and no value.
_NUMBERED_LABEL = re.compile(r"^(?:\d{1,2}\s*[.、．。]|[(（]\d{1,2}[)）])\s*(?P<label>[\u4e00-\u9fff]{2,10})$")


def _numbered_label_before_name(text: str, nxt: str, after: str = "") -> str | None:
    """A numbered label above a row's name (1。空气质量 over 地级及以上城市空气质量优良天数比率(%)) is a
    sub-category, not a numbered name: the line after it is another name, not the row's values,
    unit or a bracketed unit continuing a wrapped name. The label without its number."""
    m = _NUMBERED_LABEL.match(text)
    if not m or not nxt or nxt[0] in "(（" or _is_value_token(nxt) or is_unit(nxt) or _BINDING_TOKEN.match(nxt):
        return None
    words = re.sub(r"\s+", "", re.split(r"[(（]", nxt)[0])
    if len(_CJK.findall(words)) < 2:
        return None
    if len(words) < 6 and not (after and (is_unit(after) or _is_value_token(after))):
        return None  # a short line may be the rest of a wrapped name, unless its cells follow it
    return m.group("label")


def _is_label_before_row(text: str, nxt: str) -> bool:
    """A line of words alone (经济发展, “六新”突破与产业升级) right before a row's number is a category label."""
    if not (re.fullmatch(r"[\u4e00-\u9fff、]{2,12}", text) or _bare_label(text)):
        return False
    # The number alone (one cell per line), glued to the name (1.名称), or the first of the row's
    # cells set apart by spaces (1   名称   %   …).
    return bool(re.fullmatch(r"\d{1,3}", nxt) or _NUMBERED_NAME.match(nxt) or re.match(r"^\d{1,3}\s+\S", nxt))


def _stacked_sub_rows(table: Table, body: list[Line], category: str | None) -> list[Row]:
    """`其中` sub-rows stacked inside one row's cells: the name cell holds the parent and its
    sub-rows line by line, each value cell holds their values line by line, one 属性 for all.

        幼儿教师专科及以上学历比例(%) / 其中:本科及以上学历比例(%) / 97.74% / 49.85% / 100% / 50% / 预期性

    Each becomes its own indicator named 父（其中：子）, sharing the 属性; a parent without values of
    its own (义务教育标准班额比例 / 其中:小学 / 初中) gives only its sub-rows."""
    names: list[Line] = []
    k = 0
    while k < len(body) and not any(_is_value_token(t) for t in _split_cells(body[k].text)):
        names.append(body[k])
        k += 1
    if len(names) < 2 or not any(_SUB_ROW.match(n.text.strip()) for n in names[1:]):
        return []
    values = [t for ln in body[k:] for t in _split_cells(ln.text)]
    binding = values.pop() if values and _BINDING_TOKEN.match(values[-1]) else None
    slots = [c.role for c in table.columns if c.role not in ("category", "seq", "name", "binding")]
    if not slots or not values or len(values) % len(slots):
        return []
    m = len(values) // len(slots)
    if m not in (len(names), len(names) - 1) or m < 2:
        return []
    parent, parent_unit, _ = split_name(names[0].text.strip())
    subs = names if m == len(names) else names[1:]
    rows = []
    for r, ln in enumerate(subs):
        own = _SUB_ROW.sub("", ln.text.strip())
        if ln is names[0]:
            name, unit = parent, parent_unit
        else:
            sub, sub_unit, _ = split_name(own)
            name, unit = f"{parent}（其中：{sub}）", sub_unit or parent_unit
        cells = {role: values[c * m + r] for c, role in enumerate(slots)}
        if "unit" in cells:
            cells["unit"] = cells["unit"] or unit or ""
        cells["name"] = f"{name}({unit})" if unit and "unit" not in cells else name
        if binding:
            cells["binding"] = binding
        rows.append(Row(cells, category, ln.no, parent if ln is not names[0] else None))
    return rows


def _leading_category(tokens: list["_Token"]) -> bool:
    """Two cells of words open the row's first line and a value follows them: the first is the
    category (a merged category cell prints on its group's first row only)."""
    if len(tokens) < 3 or tokens[0].line_pos != 0 or tokens[1].line_pos != 0:
        return False
    a, b = tokens[0].text, tokens[1].text
    return (bool(re.fullmatch(r"[\u4e00-\u9fff]{2,8}", a)) and bool(_CJK.match(b)) and not _is_value_token(b) and not is_unit(b)
            and any(_is_value_token(t.text) for t in tokens[2:]))


def _later_row_start(seg: list[Line], k: int) -> bool:
    """Short CJK lines are a vertical category label only when a real row follows them."""
    return any(len(ln.text.strip()) > 2 for ln in seg[k + 1:])


def _take_name(table: Table, tokens: list[_Token], body: list[Line], width: int):
    """Split the row's tokens into the name and the cells after it; drop a group label line."""
    has_unit_col = table.column("unit") is not None
    name: list[_Token] = []
    group_label = None
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if name:
            if _is_value_token(t.text):
                break
            if has_unit_col and (is_unit(t.text) or (is_unit_fragment(t.text) and t.line_pos != name[-1].line_pos and "/" in t.text)):
                break
            if has_unit_col and t.line_pos != name[-1].line_pos and _DAMAGED_UNIT.fullmatch(t.text):
                break  # a unit that lost its first word (/万元, /.) on a line of its own: the unit cell
            if not has_unit_col and _name_closed(_join_tokens(name)) and not t.text.startswith(("(", "（")):
                if t.line_pos > name[-1].line_pos and _CJK.search(t.text[:1]) and _line_has_values(tokens, t.line_pos):
                    # 主要污染物排放总量减少(%) / 化学需氧量(万吨) 40.51 …: the first line labels a group.
                    group_label = _join_tokens(name)
                    name = []
                    continue
                break
        elif _is_value_token(t.text) and not _CJK.search(t.text):
            break
        name.append(t)
        i += 1
    group = group_label
    # A label line above the name (城镇化率 / 常住人口城镇化率(%)): a short line, or one already a
    # complete name, followed by another name line.
    lines_of_name = sorted({t.line_pos for t in name})
    if len(lines_of_name) > 1:
        first = [t for t in name if t.line_pos == lines_of_name[0]]
        first_text = _join_tokens(first)
        rest_text = _join_tokens([t for t in name if t.line_pos != lines_of_name[0]])
        label_like = (not has_unit_col and _name_closed(first_text)) or (width and _width(first_text) < 0.8 * width)
        # The line below a label is a whole name of its own, not the tail of a wrapped one (例（%）).
        rest_words = re.sub(r"[(（][^()（）]*[)）]?|[^\u4e00-\u9fffA-Za-z0-9]", "", rest_text)
        # The tail of a wrapped name is shorter than its head (城市公共住房占本市住宅 / 总量比例); a name
        # under its label is not (经济发展 / 新区海洋生产总值).
        label_like = label_like and (_name_closed(first_text) or _width(rest_text) >= _width(first_text))
        if label_like and not rest_text.startswith(("(", "（")) and len(rest_words) >= 4:
            group = first_text
            name = [t for t in name if t.line_pos != lines_of_name[0]]
    return name, tokens[i:], group


def _line_has_values(tokens: list[_Token], line_pos: int) -> bool:
    return any(_is_value_token(t.text) for t in tokens if t.line_pos == line_pos)


def _join_tokens(tokens: list[_Token]) -> str:
    out = ""
    for t in tokens:
        if out and t.text and out[-1].isascii() and out[-1].isalnum() and t.text[0].isascii() and t.text[0].isalnum():
            out += " "
        out += t.text
    return out


def _fit_cells(tokens: list[_Token], roles: list[str]) -> dict[str, str]:
    """Assign the tokens after the name to the value columns, merging cells a line wrap cut in two."""
    toks = list(tokens)
    binding = None
    if toks and _BINDING_TOKEN.match(toks[-1].text):
        binding = toks.pop().text
    elif "binding" in roles and roles[-1] != "binding":
        # A header that puts 属性 before value columns: the binding cell stands inside the row.
        at = [k for k, t in enumerate(toks) if _BINDING_TOKEN.match(t.text)]
        if at:
            binding = toks.pop(at[-1]).text
    slots = [r for r in roles if r != "binding"]
    if len(toks) < len(slots):
        split: list[_Token] = []
        for t in toks:
            parts = [p for p in _GLUED.split(t.text) if p]
            split.extend(_Token(p, t.line_pos, t.last_on_line and k == len(parts) - 1) for k, p in enumerate(parts))
        toks = split
    while len(toks) > len(slots):
        k = _best_merge(toks)
        if k is None:
            break
        a, b = toks[k], toks[k + 1]
        joiner = " " if a.line_pos == b.line_pos and not (_CJK.search(a.text[-1:]) and _CJK.search(b.text[:1])) else ""
        toks[k:k + 2] = [_Token(a.text + joiner + b.text, b.line_pos, b.last_on_line)]
    if len(toks) < len(slots) and slots[-1] == "target":
        cells = _right_aligned(slots, toks)
    else:
        cells = {role: t.text for role, t in zip(slots, toks)}
    if binding:
        cells["binding"] = binding
    return cells


def _right_aligned(slots: list[str], toks: list[_Token]) -> dict[str, str]:
    """Too few cells for a table whose last value column is the target: a plan row always states
    its target, so the cells fill the value columns from the right (a lost cell is the base); a
    unit column takes a cell only when it is a unit."""
    cells: dict[str, str] = {}
    slots, toks = list(slots), list(toks)
    if slots and slots[0] == "unit":
        slots.pop(0)
        if toks and (is_unit(toks[0].text) or _DAMAGED_UNIT.fullmatch(toks[0].text)):
            cells["unit"] = toks.pop(0).text
    for role, t in zip(slots[len(slots) - len(toks):], toks):
        cells[role] = t.text
    return cells


def _best_merge(toks: list[_Token]) -> int | None:
    """The pair of neighbouring tokens most likely to be one cell cut by a wrap."""
    best, best_score = None, 0
    for k in range(len(toks) - 1):
        a, b = toks[k], toks[k + 1]
        wrapped = a.last_on_line and b.line_pos == a.line_pos + 1
        a_num = _is_value_token(a.text) and not _CJK.search(a.text)
        b_num = _is_value_token(b.text) and not _CJK.search(b.text)
        score = 0
        if a.text.endswith(("/", "、", "，", ",")):
            score = 5
        elif wrapped and not a_num and not b_num:
            score = 4
        elif wrapped and not a_num and b_num and re.search(r"[\u4e00-\u9fff]$", a.text):
            score = 3
        elif wrapped and is_unit_fragment(a.text) and is_unit_fragment(b.text):
            score = 3
        elif not wrapped and a.line_pos == b.line_pos and not a_num and not b_num:
            score = 1
        if score > best_score:
            best, best_score = k, score
    return best


# --- footnote and row semantics ------------------------------------------------------------------


def _read_footnote(table: Table, lines: list[Line]) -> None:
    """Markers (* = 2019) and bracket meaning from the note under the table."""
    k = table.end + 1
    if k >= len(lines) or not _FOOTNOTE.match(lines[k].text):
        return
    note = lines[k].text
    j = k + 1
    while j < len(lines) and j - k < 6 and not match_heading(lines[j].text) and not _FOOTNOTE.match(lines[j].text):
        if not re.match(r"^[②③④⑤⑥⑦⑧⑨\d]", lines[j].text) and note.rstrip().endswith("。") and len(lines[j].text) > 40:
            break
        note += lines[j].text
        j += 1
    for m in _MARKER_NOTE.finditer(note):
        table.markers[m.group(1)] = int(m.group(2))
    for text in (note, table.title or ""):
        for m in _BINDING_MARK_NOTE.finditer(text):
            table.binding_marks[m.group(1)] = m.group(2)
        rest = _BINDING_REST_NOTE.search(text)
        if rest and table.binding_marks:
            table.binding_marks[""] = rest.group(1)  # 其余为预期性指标: the unmarked rows
    table.cumulative_brackets = bool(re.search(r"[\[［]\s*[\]］]\s*(?:内|中)?\s*(?:为|表示)[^。；]*累计", note))
    table.end = j - 1

