"""Indicator tables and review tables, in the layouts PDF extraction leaves them in.

A table is found by its header: a run of short lines made only of header words (序号, 指标名称,
单位, 2020年, 2025年目标, 年均增长/累计, 属性 …) that names an indicator column. The header's words
give the columns (COLUMN_RULES), whatever the layout. The body is then read by one of two layouts:

- "tab": one row per line, cells separated by tabs (merged category cells left empty);
- "flow": cells separated by spaces and rows wrapped over several lines, as PDF text
  extraction flattens a grid. Rows end at the binding column (约束性/预期性) where there is one,
  or start at their sequence number; names wrap across lines; category labels stand on lines
  of their own, sometimes one character per line; headers repeat after page breaks.

The footnote under the table (注：*为2019年数据 …) gives the meaning of the markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...domain.units import is_unit, is_unit_fragment
from ...domain.values import (
    as_number,
    is_compound,
    join_digit_groups,
    is_empty_cell,
    leading_number,
    normalize_digits,
)
from ..clean import Line
from ..outline import match_heading

# --- column headers -------------------------------------------------------------------------

# Each header word and the column it names, in the order they are tried on the header text.
COLUMN_RULES: tuple[tuple[str, str], ...] = (
    ("binding", r"(?:指标)?(?:属性|性质)"),
    ("category", r"类别|类型|领域|分类|项目"),
    ("seq", r"序号|编号"),
    ("name", r"指标(?:名称|内容)?|名称"),
    ("unit", r"(?:计量)?单位"),
    ("plan_group", r"规划目标|规划值"),
    ("actual_group", r"实现情况|完成情况|执行情况|进展情况|实际完成"),
    ("growth", r"(?:累计或)?年均(?:或累计)?增(?:长|速)率?(?:目标)?(?:[/／或]累计)?(?:\(%\)|（%）)?|累计(?:增长|变化)?(?:目标)?(?:\(%\)|（%）)?"),
    ("target", r"\d{4}年规划目标值?(?![实完执进])|\d{4}年目标值?|目标值?|\d{4}年规划值"),
    ("year_done", r"\d{4}年(?:实际)?完成(?:值|数|情况)?|\d{4}年实际值?"),
    ("year", r"\d{4}年?(?:现状值?|基期值?|基数|完成值?|实际值?|预计值?|值)?"),
    ("base", r"现状值?|基期值?|基数"),
)
_COLUMN_SCAN = re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in COLUMN_RULES))

# A header line consists of header words only.
_HEADER_CHARS = re.compile(
    r"^(?:[序号类别型项目指标名称内容计量单位年均增长速率累计或属性质规划目标值现状基期数实际实现完成进展情况执行预计期末领域分类\d/／、()（）%\s])+$"
)
_BINDING_WORDS = {"约束性": "binding", "预期性": "expected", "约束": "binding", "预期": "expected"}
_BINDING_TOKEN = re.compile(r"^(约束性|预期性)$")
_FOOTNOTE = re.compile(r"^\s*(?:注|备注|说明|资料来源|数据来源)\s*[:：]")
_CATEGORY_LINE = re.compile(
    r"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[)）])\s*(?P<name>[^\t\d][^\t]*?)\s*(?:[(（]\s*\d+\s*(?:个|项)?\s*[)）])?\s*$"
)
_COUNT_SUFFIX = re.compile(r"\s*(?:[(（]\s*\d+\s*(?:个|项)\s*[)）]|\d+\s*(?:个|项))\s*$")
_YEAR = re.compile(r"(\d{4})")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_MARKER_NOTE = re.compile(r"(?:带)?(\*+)\s*(?:号)?\s*(?:为|表示|是|系)\s*(\d{4})\s*年")


def is_header_line(text: str) -> bool:
    t = text.strip()
    return bool(t) and not re.fullmatch(r"[\d\s]+", t) and bool(_HEADER_CHARS.match(t))


@dataclass
class Column:
    role: str  # name | unit | base | target | growth | binding | category | seq | actual | actual_growth | planned_growth
    year: int | None = None
    text: str = ""


def columns_from_header(cells: list[str]) -> list[Column]:
    """Columns named by a header, given as its cells (tab layout) or as one joined text (flow layout)."""
    found: list[Column] = []
    for cell in cells:
        text = re.sub(r"\s+", "", cell)
        pos = 0
        got_any = False
        for m in _COLUMN_SCAN.finditer(text):
            if m.start() < pos:
                continue
            role = m.lastgroup
            year = _YEAR.search(m.group())
            found.append(Column(role, int(year.group(1)) if year else None, m.group()))
            pos = m.end()
            got_any = True
        if not got_any and len(cells) > 1:
            found.append(Column("other", None, cell))
    return _resolve_roles(found)


def _tab_header_columns(header_lines: list[str]) -> list[Column]:
    """Columns of a tab header over one or more lines, read column by column.

    A cell merged across columns (规划目标 over 2020年目标 | 年均增长) is printed once and left
    empty to its right; the empty cells inherit it so each sub-column knows its group.
    """
    rows = [t.split("\t") for t in header_lines]
    width = max(len(r) for r in rows)
    stacked = [""] * width
    for r_i, r in enumerate(rows):
        r = r + [""] * (width - len(r))
        last = ""
        for c in range(width):
            cell = r[c].strip()
            if cell:
                last = cell
            elif r_i < len(rows) - 1 and last and _COLUMN_SCAN.fullmatch(re.sub(r"\s+", "", last)) and re.sub(r"\s+", "", last) in _GROUP_WORDS:
                cell = last
            stacked[c] += cell
    while stacked and not stacked[-1]:
        stacked.pop()
    cols = []
    for text in stacked:
        t = re.sub(r"\s+", "", text)
        found = [m for m in _COLUMN_SCAN.finditer(t)]
        groups = {m.lastgroup for m in found}
        year = _YEAR.search(t)
        year_v = int(year.group(1)) if year else None
        if "binding" in groups:
            role = "binding"
        elif groups & {"plan_group", "actual_group"}:
            actual = "actual_group" in groups
            growth = "growth" in groups
            role = ("actual_growth" if growth else "actual") if actual else ("planned_growth" if growth else "target")
        elif found:
            role = found[0].lastgroup
        else:
            role = "other"
        cols.append(Column(role, year_v, text))
    return _assign_years(cols)


_GROUP_WORDS = {"规划目标", "规划值", "实现情况", "完成情况", "执行情况", "进展情况", "实际完成"}


def _resolve_roles(cols: list[Column]) -> list[Column]:
    """Year columns become base or target; grouped headers (规划目标 | 实现情况) split their sub-columns."""
    groups = [c.role for c in cols if c.role in ("plan_group", "actual_group")]
    subs = [c for c in cols if c.role not in ("plan_group", "actual_group")]
    out: list[Column] = []
    if groups:
        # Columns after the groups are their sub-columns, shared out in order.
        first_group = next(i for i, c in enumerate(cols) if c.role in ("plan_group", "actual_group"))
        before = [c for c in cols[:first_group]]
        after = [c for c in cols[first_group:] if c.role not in ("plan_group", "actual_group", "binding")]
        tail = [c for c in cols[first_group:] if c.role == "binding"]
        for c in before:
            out.append(Column("base", c.year, c.text) if c.role == "year" else c)
        per = max(1, len(after) // len(groups)) if after else 0
        for gi, g in enumerate(groups):
            for c in after[gi * per:(gi + 1) * per]:
                if g == "plan_group":
                    role = "planned_growth" if c.role == "growth" else "target"
                else:
                    role = "actual_growth" if c.role == "growth" else "actual"
                out.append(Column(role, c.year, c.text))
        return out + tail
    return _assign_years(subs)


def _assign_years(cols: list[Column]) -> list[Column]:
    """Bare year columns: the first is the base, a later one the target.

    "2020年完成" is the base of a plan whose targets lie later (2025年目标), and the result of one
    whose target year it is (2020年规划目标 | 2020年完成: a review of the previous plan).
    """
    target_years = [c.year for c in cols if c.role == "target" and c.year]
    out: list[Column] = []
    seen_base = False
    for c in cols:
        role = c.role
        if role == "year_done":
            role = "actual" if any(c.year and ty <= c.year for ty in target_years) else "year"
        if role == "year":
            role = "base" if not seen_base else "target"
        if role == "base":
            seen_base = True
        out.append(Column(role, c.year, c.text))
    return out


# --- tables -----------------------------------------------------------------------------------


@dataclass
class Row:
    cells: dict[str, str]  # role -> text as written
    category: str | None
    line: int
    group: str | None = None


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
    header_start: int = -1  # index of the first header line (the title, above it, may be a 专栏 heading)

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
        }


def find_tables(lines: list[Line]) -> list[Table]:
    """Every indicator or review table in the cleaned lines, in document order."""
    tables: list[Table] = []
    i = 0
    n = len(lines)
    while i < n:
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
    return tables


def _header_run(lines: list[Line], i: int) -> tuple[int, int] | None:
    """(first, last) index of a table header starting at line i, or None."""
    if not is_header_line(lines[i].text):
        return None
    j = i
    while j + 1 < len(lines) and is_header_line(lines[j + 1].text) and j - i < 16:
        j += 1
    joined = "".join(re.sub(r"\s+", "", lines[k].text) for k in range(i, j + 1))
    if "指标" not in joined or not re.search(r"属性|目标|单位", joined):
        return None
    if not re.search(r"\d{4}年?|现状|基期|目标", joined):
        return None
    return i, j


_TITLE_LABEL = re.compile(r"^(?:专栏|附表|表)\s*[\d一二三四五六七八九十]+(?:[.．\-—－]\d+)*\s*[:：]?\s*")


def strip_title_label(title: str) -> str:
    """专栏1 “十三五”规划主要指标实现情况 -> “十三五”规划主要指标实现情况 (the contract's review title)."""
    return _TITLE_LABEL.sub("", title).strip() or title


def _title_before(lines: list[Line], h_start: int) -> tuple[str, int]:
    """The table's title: the short line right above the header, if it reads like one."""
    k = h_start - 1
    if k >= 0:
        t = lines[k].text.strip()
        if len(t) <= 60 and not t.endswith(("。", "；", ";")) and "\t" not in t and (
            re.match(r"^(专栏|表|附表)\s*[\d一二三四五六七八九十]", t) or "指标" in t or "目标" in t
        ):
            return t, k
    return "", h_start


def _read_table(lines: list[Line], h_start: int, h_end: int) -> Table | None:
    header_lines = [lines[k].text for k in range(h_start, h_end + 1)]
    tabbed = any("\t" in t for t in header_lines)
    if tabbed:
        columns = _tab_header_columns(header_lines)
    elif any(len(re.split(r"\s{2,}", t.strip())) >= 3 for t in header_lines):
        # Columns set apart by runs of spaces (a spaced-out word such as "指  标" is not that).
        columns = columns_from_header([c for t in header_lines for c in re.split(r"\s{2,}", t.strip()) if c])
    else:
        columns = columns_from_header(["".join(header_lines)])
    roles = [c.role for c in columns]
    if "name" not in roles:
        return None
    title, t_index = _title_before(lines, h_start)
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


def _is_repeat(text: str, table: Table, header_texts: set[str]) -> bool:
    """A header line or the title repeated after a page break."""
    t = re.sub(r"\s+", "", text)
    return t in header_texts or (bool(table.title) and t == re.sub(r"\s+", "", table.title)) or (
        is_header_line(text) and "指标" in t
    )


def _category_name(text: str) -> str | None:
    m = _CATEGORY_LINE.match(text.strip())
    if not m:
        return None
    return _COUNT_SUFFIX.sub("", m.group("name")).strip() or None


# --- tab layout -------------------------------------------------------------------------------


def _read_tab_body(table: Table, lines: list[Line], start: int, header_texts: set[str]) -> None:
    category = None
    last = start - 1
    i = start
    while i < len(lines):
        ln = lines[i]
        text = ln.text
        if _FOOTNOTE.match(text):
            break
        if _is_repeat(text, table, header_texts) or is_header_line(text.replace("\t", " ")) and "\t" in text:
            i += 1
            continue
        if "\t" not in text:
            # A category line, or a title repeated after a page break, may stand between rows.
            if _category_name(text):
                category = _category_name(text)
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
                if cell:
                    category = _category_name(cell) or cell
                continue
            row_cells[col.role] = cell
        if not row_cells.get("name") and row_cells.get("seq") and not re.fullmatch(r"[\d.]+", row_cells["seq"]):
            row_cells["name"] = row_cells.pop("seq")
        if row_cells.get("name"):
            table.rows.append(Row(row_cells, category, ln.no))
        last = i
        i += 1
    table.end = max(last, table.end)


def _right_align(columns: list[Column], cells: list[str]) -> list[str]:
    """A row shifted left by a lost merged cell: when its last value is the binding word but it
    does not stand under the binding column, realign the row on its right end."""
    while cells and not cells[-1]:
        cells = cells[:-1]
    b = next((k for k, c in enumerate(columns) if c.role == "binding"), None)
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


def _split_cells(text: str) -> list[str]:
    """Cells of one flattened line: runs of 2+ spaces separate cells when the line has them."""
    text = normalize_digits(text.strip())
    if re.search(r"\S {2,}\S", text) or "\t" in text:
        parts = [join_digit_groups(p) for p in re.split(r"\s{2,}|\t", text)]
    else:
        parts = text.split(" ")
    return [p.strip() for p in parts if p.strip()]


_GLUED = re.compile(r"(?:(?<=左右)|(?<=以上)|(?<=以下)|(?<=[\]］]))(?=[\d\[［<>≤≥-])")


def _is_value_token(t: str) -> bool:
    """A cell that holds a value: a number (with markers or a unit), a compound, or an empty mark."""
    if is_empty_cell(t) or _BINDING_TOKEN.match(t):
        return True
    s = t.lstrip("<>≤≥＜＞~[［(（")
    if not s[:1].isdigit() and not (s[:1] in "-—" and s[1:2].isdigit()):
        return False
    if is_compound(t):
        return True
    rest = re.sub(r"^[-+]?\d+(?:\.\d+)?", "", s).lstrip("]］)）*")
    if not rest:
        return True
    if rest[0] in ",，、/":
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


_TRAILING_GROUP = re.compile(r"[(（]([^()（）]*)[)）]\s*$")


def _trailing_groups(name: str) -> list[str]:
    groups = []
    s = name.strip()
    while True:
        m = _TRAILING_GROUP.search(s)
        if not m or len(groups) >= 2:
            break
        groups.insert(0, m.group(1).strip())
        s = s[: m.start()].rstrip()
    return groups


def split_name(raw: str) -> tuple[str, str | None, str | None]:
    """名称(单位)(标签) -> (名称, 单位, 标签). Brackets that are not a unit stay in the name."""
    name = raw.strip()
    unit = tag = None
    m = _TRAILING_GROUP.search(name)
    if m:
        last = m.group(1).strip()
        rest = name[: m.start()].rstrip()
        if is_unit(last):
            unit, name = last, rest
        else:
            m2 = _TRAILING_GROUP.search(rest)
            if m2 and is_unit(m2.group(1).strip()):
                unit, tag, name = m2.group(1).strip(), last, rest[: m2.start()].rstrip()
    return name, unit, tag


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _read_flow_body(table: Table, lines: list[Line], start: int, header_texts: set[str]) -> None:
    """Group the body's lines into rows, then read each row's cells."""
    has_binding = table.column("binding") is not None
    has_seq = table.column("seq") is not None
    segments: list[list[Line]] = []
    pending: list[Line] = []
    last_row_end = start - 1
    i = start
    expected_seq = 1
    while i < len(lines):
        ln = lines[i]
        text = ln.text.strip()
        if _FOOTNOTE.match(text):
            break
        if _is_repeat(text, table, header_texts):
            i += 1
            continue
        h = match_heading(text)
        if h is not None and h.kind in ("part", "chapter", "section", "box") and not _category_name(text):
            break
        if len(pending) > 14 or (len(text) > 40 and re.search(r"[。；]", text)):
            break
        if not has_binding and has_seq and pending and _starts_row(text, expected_seq):
            segments.append(pending)
            pending = []
            last_row_end = i - 1
        pending.append(ln)
        if has_binding and _BINDING_TOKEN.match(_split_cells(text)[-1] if _split_cells(text) else ""):
            segments.append(pending)
            pending = []
            last_row_end = i
        elif not has_binding and _starts_row(text, expected_seq):
            expected_seq += 1
        i += 1
    if not has_binding and pending and any(_is_value_token(t) for ln in pending for t in _split_cells(ln.text)):
        segments.append(pending)
        last_row_end = i - 1
    table.end = max(table.end, last_row_end)
    width = _wrap_width(segments)
    category = None
    seq = 0
    for seg in segments:
        row, category, seq = _row_from_segment(table, seg, category, seq, width)
        if row is not None:
            table.rows.append(row)


def _starts_row(text: str, expected: int) -> bool:
    m = re.match(r"^(\d{1,3})(?:\s|$)", text)
    return bool(m) and int(m.group(1)) == expected


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
        body.append(ln)
    if vertical:
        category = "".join(vertical)
    if not body:
        return None, category, seq
    # A sequence number at the start of the first body line.
    first_cells = _split_cells(body[0].text)
    if first_cells and re.fullmatch(r"\d{1,3}", first_cells[0]) and len(first_cells) > 1:
        row_line = row_line or body[0].no
        body = [Line(body[0].no, body[0].text.strip()[len(first_cells[0]):].strip())] + body[1:]
    seq += 1
    tokens: list[_Token] = []
    for pos, ln in enumerate(body):
        cells = _split_cells(ln.text)
        for k, c in enumerate(cells):
            tokens.append(_Token(c, pos, k == len(cells) - 1))
    name_tokens, rest, group = _take_name(table, tokens, body, width)
    if not name_tokens:
        return None, category, seq
    raw_name = _join_tokens(name_tokens)
    value_roles = [c.role for c in table.columns if c.role not in ("category", "seq", "name")]
    cells = _fit_cells(rest, value_roles)
    cells["name"] = raw_name
    return Row(cells, category, row_line or body[0].no, group), category, seq


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
    cells = {role: t.text for role, t in zip(slots, toks)}
    if binding:
        cells["binding"] = binding
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
    table.cumulative_brackets = bool(re.search(r"[\[［]\s*[\]］]\s*(?:内|中)?\s*(?:为|表示)[^。；]*累计", note))
    table.end = j - 1


def _marker_year(table: Table, text: str | None, default: int | None) -> int | None:
    if not text:
        return default
    m = re.search(r"(\*+)\s*$", text.strip())
    if m and m.group(1) in table.markers:
        return table.markers[m.group(1)]
    return default


def _cell(cells: dict[str, str], role: str) -> str | None:
    t = cells.get(role)
    if t is None:
        return None
    t = normalize_digits(t.strip())
    return None if is_empty_cell(t) else t


def _name_unit_tag(table: Table, cells: dict[str, str]) -> tuple[str, str | None, str | None]:
    name, unit, tag = split_name(cells.get("name", ""))
    if table.column("unit") is not None:
        u = _cell(cells, "unit")
        unit = u or unit
    return name, unit, tag


def _common_fields(table: Table, row: Row) -> dict:
    """The fields an indicator row and a review row share: name, unit, base, target, binding."""
    cells = row.cells
    name, unit, tag = _name_unit_tag(table, cells)
    base_col, target_col = table.column("base"), table.column("target")
    base_text, target_text = _cell(cells, "base"), _cell(cells, "target")
    return {
        "category": row.category,
        "name": name,
        "unit": unit,
        "tag": tag,
        "base_year": _marker_year(table, base_text, base_col.year if base_col else None) if base_text else None,
        "base_value": as_number(leading_number(base_text)),
        "base_text": base_text,
        "target_year": target_col.year if target_col else None,
        "target_value": as_number(leading_number(target_text)),
        "target_text": target_text,
    }


def indicator_from_row(table: Table, row: Row) -> dict:
    return {
        **_common_fields(table, row),
        "annual_growth": _cell(row.cells, "growth"),
        "binding": _BINDING_WORDS.get((row.cells.get("binding") or "").strip()),
        "line": row.line,
        **({"group": row.group} if row.group else {}),
    }


def review_from_row(table: Table, row: Row) -> dict:
    cells = row.cells
    actual_col = table.column("actual")
    actual_text = _cell(cells, "actual")
    return {
        **_common_fields(table, row),
        "planned_growth": _cell(cells, "planned_growth") or _cell(cells, "growth"),
        "actual_year": _marker_year(table, actual_text, actual_col.year if actual_col else None) if actual_text else None,
        "actual_value": as_number(leading_number(actual_text)),
        "actual_text": actual_text,
        "actual_growth": _cell(cells, "actual_growth"),
        "binding": _BINDING_WORDS.get((cells.get("binding") or "").strip()),
        "line": row.line,
        **({"group": row.group} if row.group else {}),
    }
