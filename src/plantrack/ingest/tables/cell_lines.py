"""Tables flattened one cell per line where a blank line is an empty cell, as document-sharing
sites dump a DOCX table: the header one word per line, then every cell of every row on its own
line, an empty cell left as a blank line, a merged cell written once (on its first row) and
absent from the rows under it.

Such tables carry columns the other readers do not know, each read here by a named rule:

- a scope pair of target columns: the same target for two scopes, a scope word over its target
  word (苏南 / 目标值 | 全省 / 目标值, or 苏南目标值). The whole region's column (全省, 全市, 全区,
  全县, 全国) is the plan's target; the other scope's is kept aside as `other` (the contract has
  no field for it);
- a weight column (权重, 权数) and an owner column (数据提供部门, 责任单位, 牵头部门): cells after
  the values, not values; merged over grouped rows, so a row may lack them;
- merged sub-row groups: a numbered row whose name cell is split into a group label (居民 /
  收入水平) and the first sub-indicator, the next sub-indicators following without a number.
  The label is the group's category; a "group" with one row was a wrapped name and is joined.

Blank lines are gone from the cleaned lines, so the empty cells are read back from the gaps in
the source line numbers. Rows are found by their shape: a name followed by a unit (or an empty
cell) and one cell per value column, each a value or empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...domain.units import is_unit
from .cells import cell_type

# Header words of this layout, one per line; a scope word stands on the line above its target word.
_HEADER_RULES: tuple[tuple[str, str], ...] = (
    ("category", r"类别|类型|领域|分类"),
    ("seq", r"序号|编号"),
    ("name", r"指标(?:名称|内容)?|名称"),
    ("unit", r"(?:计量)?单位"),
    ("target", r"(?:(?:19|20)\d{2}年?)?(?:规划|预期)?目标值?"),
    ("base", r"(?:(?:19|20)\d{2}年?)?(?:现状|基期)值?"),
    ("binding", r"(?:指标)?属性"),
    ("weight", r"权重|权数"),
    ("owner", r"(?:数据)?(?:提供|来源|责任|牵头|主管|负责|监测)?(?:单位|部门)|(?:数据|资料)来源"),
)
_SCOPE = r"[\u4e00-\u9fff]{2,4}"
_SCOPED_TARGET = re.compile(rf"(?P<scope>{_SCOPE}?)(?P<word>(?:规划|预期)?目标值?)")
_WHOLE_REGION = re.compile(r"^全(?:省|市|区|县|国|州|盟|旗)$")
_VALUE_ROLES = ("base", "target", "scope")
_INTEGER = re.compile(r"^\d{1,3}$")
# A value tagged with the scope it holds for, two such cells in one column: 65(省市) / 55(县级).
_SCOPE_TAG = re.compile(r"^[<>≤≥]?\s*\d+(?:\.\d+)?\s*%?\s*[(（](?P<scope>[\u4e00-\u9fff]{2,4})[)）]$")
_SENTENCE = re.compile(r"[。；;：:]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class HeaderCell:
    role: str  # category | seq | name | unit | target | base | scope | binding | weight | owner
    text: str
    line: int  # index of its (last) line


_HEADER_SCAN = re.compile("|".join(f"(?P<{role}>{rx})" for role, rx in _HEADER_RULES))


def _header_role(text: str) -> str | None:
    t = re.sub(r"\s+", "", text)
    m = _HEADER_SCAN.fullmatch(t) if len(t) <= 12 else None
    return m.lastgroup if m else None


# The characters the header words of _HEADER_RULES start with: a cheap look before the regexes.
_FIRST_CHARS = frozenset("类领分序编指名计单规预目现基属权数提来责牵主负监部资12")


def header_starts(texts: list[str]) -> list[int]:
    """Lines where a header of this layout may start: a header word after a line that is none, and
    a name word among the next lines (the header's)."""
    return [k for k, t in enumerate(texts) if len(t) <= 12 and t[:1] in _FIRST_CHARS and _header_role(t) is not None
            and (k == 0 or _header_role(texts[k - 1]) is None)
            and any(_header_role(x) in ("name", "unit") for x in texts[k:k + 4])]


def read_header(texts: list[str], i: int, nos: list[int] | None = None) -> list[HeaderCell] | None:
    """The header starting at line i, one word per line, or None when the lines there are not
    such a header. Only headers with a scope pair of targets or a weight/owner column are taken:
    the other one-word-per-line headers are the flow reader's. An empty header cell (a wider gap
    in the source line numbers, `nos`) standing before 单位 where no name word is, is the name's."""
    cells: list[HeaderCell] = []
    k = i
    while k < len(texts) and len(cells) < 16:
        if nos is not None and cells and k > i and nos[k] - nos[k - 1] - 1 > _gap(nos, i, k) \
                and _header_role(texts[k]) == "unit" and not any(c.role == "name" for c in cells):
            cells.append(HeaderCell("name", "", k - 1))
        t = re.sub(r"\s+", "", texts[k])
        role = _header_role(t)
        if role is None and k + 1 < len(texts) and re.fullmatch(_SCOPE, t) \
                and _header_role(texts[k + 1]) == "target":
            cells.append(HeaderCell("scope", t, k + 1))  # 苏南 / 目标值
            k += 2
            continue
        m = _SCOPED_TARGET.fullmatch(t)
        if role is None and m and m.group("scope"):
            cells.append(HeaderCell("scope", m.group("scope"), k))  # 苏南目标值
        elif role is None:
            break
        else:
            cells.append(HeaderCell(role, t, k))
        k += 1
    roles = [c.role for c in cells]
    if len(cells) < 4 or "name" not in roles or not ({"scope", "weight", "owner"} & set(roles)):
        return None
    if roles.count("scope") == 1 and "target" not in roles:
        return None  # one scoped column is not a pair
    return _choose_target(cells) if any(r in roles for r in ("target", "scope", "base")) else None


def _gap(nos: list[int], i: int, k: int) -> int:
    """The usual count of blank lines between the header's lines i..k (0, or 1 where a blank line
    separates every cell)."""
    gaps = [nos[x] - nos[x - 1] - 1 for x in range(i + 1, k + 1)]
    return min(gaps) if gaps else 0


def _choose_target(cells: list[HeaderCell]) -> list[HeaderCell]:
    """The scope pair's target: the whole region's column (全省); without one, the first scope."""
    scoped = [c for c in cells if c.role == "scope"]
    if not scoped or any(c.role == "target" for c in cells):
        return cells
    whole = [c for c in scoped if _WHOLE_REGION.match(c.text)]
    chosen = whole[0] if whole else scoped[0]
    chosen.role = "target"
    return cells


def body_cells(nos: list[int], texts: list[str], start: int, separated: bool = False) -> list[tuple[str, int]]:
    """The cells after the header as (text, line index), an empty cell ('', -1) for each blank
    line between two lines (read from the gap in their source line numbers); where a blank line
    separates every cell (`separated`), for each further pair of blank lines. Stops at a sentence."""
    out: list[tuple[str, int]] = []
    for k in range(start, len(texts)):
        t = texts[k].strip()
        if _SENTENCE.search(t) or len(t) > 40:
            break
        if k > start:
            gap = nos[k] - nos[k - 1] - 1
            out.extend([("", -1)] * max(0, (gap - 1) // 2 if separated else gap))
        out.append((t, k))
    return out


@dataclass
class CellRow:
    name: str
    cells: dict[str, str]  # role -> text
    category: str | None
    line: int  # index of the name's line
    last: int  # index of the row's last line


def _is_text(t: str) -> bool:
    return bool(t) and len(_CJK.findall(t)) >= 2 and cell_type(t) in ("name", "other", "text") and not is_unit(t)


def _is_value_or_empty(t: str) -> bool:
    return not t or cell_type(t) in ("empty", "number", "compound")


class _Reader:
    def __init__(self, header: list[HeaderCell], cells: list[tuple[str, int]], separated: bool = False):
        roles = [c.role for c in header]
        self.separated = separated
        self.expected: int | None = None
        after_name = roles[roles.index("name") + 1:]
        self.has_unit = bool(after_name) and after_name[0] == "unit"
        rest = after_name[1:] if self.has_unit else after_name
        n_values = 0
        while n_values < len(rest) and rest[n_values] in _VALUE_ROLES:
            n_values += 1
        self.values = rest[:n_values]
        self.trailing = rest[n_values:]
        self.cells = cells

    def text(self, p: int) -> str:
        return self.cells[p][0] if 0 <= p < len(self.cells) else ""

    def is_name_at(self, p: int) -> bool:
        """A name: a text cell followed by a unit (or an empty cell) and one value-or-empty cell per
        value column. A name whose unit and values are all empty must be followed by a trailing
        cell of its own (an owner), else it is a merged cell's neighbour, not a row."""
        if p >= len(self.cells) or not _is_text(self.text(p)):
            return False
        q = p + 1
        if self.has_unit and not self._unit_lost(q):
            if q >= len(self.cells) or not (not self.text(q) or is_unit(self.text(q))):
                return False
            q += 1
        if q + len(self.values) > len(self.cells):
            return False
        span = [self.text(x) for x in range(p + 1, q + len(self.values))]
        if not all(_is_value_or_empty(self.text(x)) for x in range(q, q + len(self.values))):
            return False
        if not any(span):
            nxt = self.text(q + len(self.values))
            return bool(self.trailing) and _is_text(nxt) and not self.is_name_at(q + len(self.values))
        return True

    def _unit_lost(self, q: int) -> bool:
        """Where a blank line separates every cell, an empty cell with nothing in it leaves no
        trace: a value (not the next row's number) right after the name means the unit was empty."""
        t = self.text(q)
        return self.separated and bool(t) and cell_type(t) in ("number", "compound") and not is_unit(t) \
            and not (self.expected is not None and t == str(self.expected))

    def row_start(self, p: int, expected: int | None) -> int | None:
        """Index of the name after a sequence number at p (past any group label lines), or None."""
        t = self.text(p)
        if not _INTEGER.match(t) or (expected is not None and int(t) != expected):
            return None
        q = p + 1
        while q < len(self.cells) and q - p <= 3 and _is_text(self.text(q)) and not self.is_name_at(q):
            q += 1
        return q if self.is_name_at(q) else None

    def _number_comes_again(self, q: int, reach: int = 40) -> bool:
        """The number at q opens a row again further on, before the number after it does: the
        first was a weight equal to the next row's number (8 / 农村居民人均纯收入 … 8 / 居民 / 住房水平)."""
        n = int(self.text(q))
        for x in range(q + 1, min(q + reach, len(self.cells))):
            if self.row_start(x, n + 1) is not None:
                return False
            if self.row_start(x, n) is not None:
                return True
        return False

    def read(self) -> list[CellRow]:
        rows: list[CellRow] = []
        group: tuple[str, int] | None = None  # (label, index of its first row)
        seq: int | None = None
        p = 0
        while p < len(self.cells):
            q = self.row_start(p, None)
            if q is not None:
                _close_group(rows, group)
                seq = int(self.text(p))
                self.expected = seq + 1
                label = "".join(self.text(x) for x in range(p + 1, q))
                group = (label, len(rows)) if label else None
                p = q
            if not self.is_name_at(p):
                p += 1
                continue
            p = self._read_row(p, rows, group, seq)
        _close_group(rows, group)
        return rows

    def _read_row(self, p: int, rows: list[CellRow], group, seq: int | None) -> int:
        cells = {"name": self.text(p)}
        q = p + 1
        if self.has_unit and not self._unit_lost(q):
            cells["unit"] = self.text(q)
            q += 1
        for role in self.values:
            cells[role] = self.text(q)
            q += 1
            twin = _SCOPE_TAG.match(self.text(q))
            if twin and _SCOPE_TAG.match(cells[role]) and twin.group("scope") != _SCOPE_TAG.match(cells[role]).group("scope"):
                cells["scope"] = self.text(q)  # 65(省市) / 55(县级): the first scope's is the column's
                q += 1
        # Trailing cells (weight, owner, binding) are present only on a merged cell's first row:
        # take them by type until the next row starts.
        expected = seq + 1 if seq is not None else None
        left = list(self.trailing)
        while left and q < len(self.cells):
            t = self.text(q)
            if not t:  # an empty cell among them (a cell holding only a space)
                if not any(self.text(x) for x in range(q, min(q + 2, len(self.cells)))):
                    break
                q += 1
                continue
            if self.is_name_at(q) or self.row_start(q, expected) is not None and not self._number_comes_again(q):
                break
            role = next((r for r in left if (r == "weight") == bool(re.fullmatch(r"\d+(?:\.\d+)?", t))), None)
            if role is None:
                break
            cells[role] = t
            left = left[left.index(role) + 1:]
            q += 1
        last = max((self.cells[x][1] for x in range(p, q) if self.cells[x][1] >= 0), default=self.cells[p][1])
        rows.append(CellRow(cells["name"], cells, group[0] if group else None, self.cells[p][1], last))
        return q


def _close_group(rows: list[CellRow], group) -> None:
    """A group label over a single row was a name wrapped over two lines: join it back."""
    if group and len(rows) - group[1] == 1:
        row = rows[-1]
        row.name = row.cells["name"] = group[0] + row.name
        row.category = None


def read_cell_lines(nos: list[int], texts: list[str], i: int) -> tuple[list[HeaderCell], list[CellRow]] | None:
    """The header at line i and the rows under it, or None where there is no such table."""
    header = read_header(texts, i, nos)
    if header is None:
        return None
    separated = _gap(nos, i, header[-1].line) >= 1
    rows = _Reader(header, body_cells(nos, texts, header[-1].line + 1, separated), separated).read()
    return (header, rows) if len(rows) >= 3 else None
