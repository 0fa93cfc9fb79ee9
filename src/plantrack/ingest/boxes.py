"""Entries of 专栏 boxes and project tables -> the contract's `projects`.

Plans list their major projects in two layouts: 专栏 boxes set beside the text, and project
tables (序号 / 项目名称 / 建设内容 / 责任单位 …). Both are read by layout, never by knowing a plan:

* A box runs from its title to the next heading, or to where body prose obviously resumes (the
  box's narrow-font lines give way to wider-spaced body lines). A box repeated after a page break
  (same number and title) is one box. Boxes that are indicator tables are not projects.
* Box text is cut into paragraphs, and each paragraph goes through BOX_ITEM_RULES, an ordered
  table of small named rules (first match wins), as mistune does for block syntax: a lead phrase
  before 。/： names the entry, a bare 、-list names several, and so on.
* Project tables are found by their header. Tab-separated rows are read cell by cell; tables
  whose cells were extracted one above the other ("stacked": each wrapped cell on lines of its
  own) are cut into rows by their running 序号 and into cells by column width, lead-unit wording
  and merged cells (a cell left empty continues the one above it, as the printed table shows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from .clean import Line
from .outline import match_heading

_CJK = "\u4e00-\u9fff"

# --- small text helpers ------------------------------------------------------------------------


def text_width(text: str) -> float:
    """Printed width in full-width character units (a Latin letter or digit is half a unit)."""
    return sum(0.5 if ord(c) < 0x2E80 and not ("\uff00" <= c <= "\uffef") else 1.0 for c in text if c not in " \t")


def wider_than(text: str, limit: float) -> bool:
    """text_width(text) > limit, without counting a long line: every printed character is at
    least half a unit wide, so more than twice the limit of them is wider whatever they are."""
    if len(text) - text.count(" ") - text.count("\t") > 2 * limit:
        return True
    return text_width(text) > limit


def split_top_level(text: str, seps: str = "、；;") -> list[str]:
    """Split on separators outside brackets and quotes: 各县（市、区）水利局 stays one item."""
    out, depth, cur = [], 0, []
    for c in text:
        if c in "（(《“「[【〔":
            depth += 1
        elif c in "）)》”」]】〕" and depth:
            depth -= 1
        if c in seps and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(c)
    out.append("".join(cur))
    return [s.strip() for s in out if s.strip()]


def _joined(pieces: list[str]) -> str:
    """Wrapped pieces joined: nothing between Chinese, a space between Latin words; km + 2 is km²."""
    out = ""
    for p in pieces:
        p = p.strip()
        if not p:
            continue
        if out and re.search(r"(?:[kK]?m|米)$", out) and re.match(r"[23](?![\d.])", p):
            out += "²" if p[0] == "2" else "³"
            p = p[1:].lstrip()
        elif out and out[-1].isascii() and out[-1].isalnum() and p[0].isascii() and p[0].isalnum():
            out += " "
        out += p
    return out


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- what an entry carries ----------------------------------------------------------------------

_INVESTMENT = re.compile(
    r"(?:总投资|计划投资|估算投资|投资总额|投资)(?:约|估算|概算)?\s*[:：为约]?\s*"
    r"(?P<v>\d+(?:\.\d+)?\s*(?:亿元|万元|亿|万)(?:人民币)?)"
)
_PERIOD = re.compile(r"(?P<p>(?:19|20)\d{2}\s*(?:年)?\s*[-—–~～至到]+\s*(?:19|20)\d{2}\s*年?)")
_LEAD_UNITS = re.compile(r"(?:牵头|责任|实施|主体)(?:单位|部门)\s*[:：]\s*(?P<u>[^）)。；;\n]+)")
_ORG = re.compile(
    rf"^(?:省|市|县|区|各|国家|中央|自治区|州|盟|旗|镇|乡)[{_CJK}（）()、A-Za-z0-9]{{0,20}}?"
    r"(?:局|委|委员会|政府|厅|办|办公室|中心|公司|企业|集团|部门|单位|管委会|院|站|所|队|处)"
    r"(?:等)?(?:负责|牵头|配合)?$"
)


def is_org_list(text: str) -> bool:
    """Text that is nothing but responsible bodies: 市水利局、各县人民政府."""
    items = split_top_level(_squeeze(text), "、，,；;")
    return bool(items) and all(len(it) <= 24 and _ORG.match(it) for it in items)


_PLACE_RUN = re.compile(
    rf"^(?P<p>[{_CJK}]{{1,5}}?(?:县|市|区|旗|镇|乡)(?:、[{_CJK}]{{1,5}}?(?:县|市|区|旗|镇|乡))+)"
)


def _places_in(content: str) -> str | None:
    """A run of administrative names opening the content (or its part after ：) is where the work is."""
    for part in (content, content.split("：", 1)[1] if "：" in content else ""):
        if m := _PLACE_RUN.match(part):
            return m.group("p")
    return None


def _entry(box: str, name: str, line: int, content: str | None = None, **extra) -> dict:
    content = (content or "").strip().strip("。；;，,") or None
    haystack = f"{name} {content or ''}"
    inv = _INVESTMENT.search(haystack)
    per = _PERIOD.search(haystack)
    entry = {
        "box": box,
        "name": name.strip(),
        "place": extra.pop("place", None),
        "investment": extra.pop("investment", None) or (inv.group("v").replace(" ", "") if inv else None),
        "period": extra.pop("period", None) or (re.sub(r"\s+", "", per.group("p")) if per else None),
        "line": line,
    }
    if content:
        entry["content"] = content
    units = extra.pop("lead_units", None)
    if units is None and content and (m := _LEAD_UNITS.search(content)):
        units = split_top_level(m.group("u"), "、，,")
    if units:
        entry["lead_units"] = units
    entry.update({k: v for k, v in extra.items() if v})
    return entry


# --- paragraphs of a box ----------------------------------------------------------------------

_PARA_END = re.compile(r"[。！？!?；;][”’」』）)]?$")
# An entry marker opens a paragraph: a number (1. / （1） / ① / 一是) or a bullet (◆ —— - •).
_NUMBER_MARK = re.compile(
    r"^(?:\d{1,2}\s*[.．、]|[（(]\s*\d{1,2}\s*[)）]|[①-⑳]|[一二三四五六七八九十]+是"
    r"|[◆◇●○■□▲△►▶•·★☆◎❖✦]|—{1,2}|─{1,2}|[-*+](?=\s))\s*"
)


@dataclass
class _Para:
    pieces: list[str] = field(default_factory=list)
    nos: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return _joined(self.pieces)

    def line_at(self, offset: int) -> int:
        """Source line of character offset in text."""
        pos = 0
        for piece, no in zip(self.pieces, self.nos):
            pos += len(piece.strip())
            if offset < pos:
                return no
        return self.nos[-1]


def _paragraphs(lines: list[Line]) -> list[_Para]:
    """Wrapped box lines joined: a paragraph ends with a sentence-final mark; a numbered line opens one."""
    paras: list[_Para] = []
    ended = True
    for ln in lines:
        text = ln.text.strip()
        if ended or _NUMBER_MARK.match(text):
            paras.append(_Para())
        paras[-1].pieces.append(text)
        paras[-1].nos.append(ln.no)
        ended = bool(_PARA_END.search(text))
    return paras


# --- box item rules -------------------------------------------------------------------------------

_LEAD = re.compile(r"^(?P<lead>[^。：:；;，,]{2,30}?)[。：:](?P<rest>.*)$", re.S)
_SHORT_CLAUSE = re.compile(r"^(?P<lead>[^。：:；;，,]{2,12}?)[，,](?P<rest>.*)$", re.S)
_NOTE = re.compile(r"^(?:注|备注|说明|资料来源|数据来源)\s*[:：]")
_LIST_VERB = re.compile(r"^(?:重点)?(?:推进|实施|建设|打造|加快|开展|推动)(?=.{4})")
_TRAILING_ETC = re.compile(r"(?:等(?:项目|工程|重大项目|重点项目)?)?[。；;]?$")
_MAX_LIST_ITEM = 60


@dataclass(frozen=True)
class BoxItemRule:
    name: str
    apply: Callable[[str, _Para, str], list[dict] | None]  # (box, paragraph, text) -> entries, or None


def _rule_note(box: str, para: _Para, text: str):
    """Notes and sources under a box are not entries."""
    return [] if _NOTE.match(text) else None


def _rule_numbered(box: str, para: _Para, text: str):
    """1. / （1） / ① / ◆ / —— before an entry: the marker goes, the rest is read by the other rules."""
    m = _NUMBER_MARK.match(text)
    if not m or not text[m.end() :].strip():
        return None
    return _read_item(box, para, text[m.end() :].strip(), skip=("numbered",))


def _rule_lead(box: str, para: _Para, text: str):
    """名称。内容… or 名称：项目A、项目B…: the lead names the entry, the rest describes it."""
    m = _LEAD.match(text)
    if not m:
        return None
    if not m.group("rest").strip() and len(split_top_level(m.group("lead"))) >= 2:
        return None  # one short sentence that is only a 、-list: the list rule names each item
    return [_entry(box, m.group("lead").strip(), para.nos[0], m.group("rest"))]


def _list_items(text: str) -> list[str] | None:
    body = _TRAILING_ETC.sub("", text.strip())
    if "。" in body:
        return None
    items = split_top_level(body, "、；;")
    if len(items) < 2 or any(len(it) > _MAX_LIST_ITEM for it in items):
        return None
    if sum(len(it) for it in items) / len(items) < 4:
        return None
    return items


def _rule_name_list(box: str, para: _Para, text: str):
    """A lead-less paragraph that is only a 、-list of names: one entry per named project."""
    items = _list_items(text)
    if not items:
        return None
    items[0] = _LIST_VERB.sub("", items[0])
    out, pos = [], 0
    for it in items:
        at = text.find(it, pos)
        pos = max(pos, at)
        out.append(_entry(box, it.strip(), para.line_at(max(at, 0))))
    return out


def _rule_short_clause(box: str, para: _Para, text: str):
    """名称，内容…: a short opening clause names the entry when no 。/： comes soon enough."""
    m = _SHORT_CLAUSE.match(text)
    return [_entry(box, m.group("lead").strip(), para.nos[0], m.group("rest"))] if m else None


def _rule_bare_name(box: str, para: _Para, text: str):
    """A short paragraph with no sentence in it is a name by itself."""
    t = text.strip().rstrip("。；;")
    if 2 <= len(t) <= 40 and not re.search(r"[。，,：:]", t):
        return [_entry(box, t, para.nos[0])]
    return None


# Ordered: the first rule that returns a list (possibly empty) decides the paragraph.
BOX_ITEM_RULES: tuple[BoxItemRule, ...] = (
    BoxItemRule("note", _rule_note),
    BoxItemRule("numbered", _rule_numbered),
    BoxItemRule("lead", _rule_lead),
    BoxItemRule("name_list", _rule_name_list),
    BoxItemRule("short_clause", _rule_short_clause),
    BoxItemRule("bare_name", _rule_bare_name),
)


def _read_item(box: str, para: _Para, text: str, skip: tuple[str, ...] = ()) -> list[dict]:
    for rule in BOX_ITEM_RULES:
        if rule.name in skip:
            continue
        got = rule.apply(box, para, text)
        if got is not None:
            return got
    return []


# --- boxes ----------------------------------------------------------------------------------------

_INDICATOR_TITLE = re.compile(r"指标")
_INDICATOR_CELL = re.compile(r"预期性|约束性")
_TABLE_TITLE = re.compile(r"^表\s*[\dA-Za-z一二三四五六七八九十]+(?:\s*[.．\-—–－]\s*\d+)*\s")
_PROSE_NARROWER = 0.82  # body lines are this much narrower than a box's small-font lines, or less
_STRONG_HEADING_RULES = {"part", "chapter", "section", "box", "cn_comma", "cn_paren", "decimal"}


@dataclass
class _Box:
    label: str
    title: str
    spans: list[tuple[int, int]] = field(default_factory=list)  # [start, end) line indices of content

    @property
    def name(self) -> str:
        return f"{self.label} {self.title}".strip()


def _box_label(h) -> str:
    return re.sub(r"\s+", "", h.label)


def _box_key(h) -> tuple:
    num = re.sub(r"\D", "", _box_label(h)) or _box_label(h)
    return num, _squeeze(h.title)


def _is_paragraph_start(lines: list[Line], j: int, start: int) -> bool:
    return j == start or bool(_PARA_END.search(lines[j - 1].text.strip())) or bool(_NUMBER_MARK.match(lines[j].text))


def _prose_resumes(lines: list[Line], start: int, j: int, end: int) -> bool:
    """Body prose after a box is set in a larger font: its wrapped lines are clearly narrower."""
    box_wrapped = [text_width(lines[k].text) for k in range(start, j) if not _PARA_END.search(lines[k].text.strip())]
    if len(box_wrapped) < 3:
        return False
    full = sorted(box_wrapped)[int(0.9 * (len(box_wrapped) - 1))]
    nxt = []
    for k in range(j, min(end, j + 4)):
        if _PARA_END.search(lines[k].text.strip()):
            break
        nxt.append(text_width(lines[k].text))
    return len(nxt) >= 2 and all(w < _PROSE_NARROWER * full for w in nxt)


def _box_end(lines: list[Line], heading_at: dict, start: int) -> int:
    """Index after the box's last line: next heading, a table title, or body prose resuming."""
    end = start
    numbered_items = bool(start < len(lines) and _NUMBER_MARK.match(lines[start].text))
    while end < len(lines):
        h = heading_at.get(end)
        if h is not None:
            # A box whose own entries are numbered (1. 2. / ① ②) may see them taken for headings.
            if not (numbered_items and h.kind == "item" and h.rule not in _STRONG_HEADING_RULES):
                break
        if _TABLE_TITLE.match(lines[end].text.strip()) and end > start:
            break
        if end > start + 1 and _is_paragraph_start(lines, end, start) and _prose_resumes(lines, start, end, len(lines)):
            break
        end += 1
    return end


def _collect_boxes(lines: list[Line], heading_at: dict) -> list[_Box]:
    """Boxes in order, a box repeated after a page break (same number and title) merged into one."""
    boxes: dict[tuple, _Box] = {}
    for i in sorted(heading_at):
        h = heading_at[i]
        if h.kind != "box":
            continue
        title, start = h.title.strip(), i + 1
        if not title and start < len(lines) and len(lines[start].text) <= 40 and not _PARA_END.search(lines[start].text):
            title, start = lines[start].text.strip(), start + 1
        key = (_box_key(h)[0], _squeeze(title))
        box = boxes.setdefault(key, _Box(_box_label(h), title))
        box.spans.append((start, _box_end(lines, heading_at, start)))
    return list(boxes.values())


def _is_indicator_box(box: _Box, lines: list[Line], tables) -> bool:
    """A box holding an indicator or review table lists targets, not projects."""
    if _INDICATOR_TITLE.search(box.title):
        return True
    hits = sum(1 for s, e in box.spans for k in range(s, e) if _INDICATOR_CELL.search(lines[k].text))
    if hits >= 2:
        return True
    for t in tables or ():
        if getattr(t, "kind", None) in ("indicators", "review"):
            if any(t.start < e and t.end >= s - 2 for s, e in box.spans):
                return True
    return False


# --- project tables ---------------------------------------------------------------------------------

# Header words -> role, ordered: the first pattern a header cell matches gives its role.
_COLUMN_ROLES: tuple[tuple[str, re.Pattern], ...] = (
    ("seq", re.compile(r"^(?:序号|编号|序)$")),
    ("type", re.compile(r"(?:项目|工程)?(?:类型|类别|领域)$")),
    ("name", re.compile(r"(?:项目|工程)?名称$|^项目$|^工程$")),
    ("place", re.compile(r"地点|位置|地址|区域|所在地")),
    ("investment", re.compile(r"投资")),
    ("period", re.compile(r"年限|期限|时间|起止|进度|工期")),
    ("lead_units", re.compile(r"单位|部门|责任|牵头|主体")),
    ("content", re.compile(r"内容|概况|规模|建设任务|主要任务|目标")),
)
_NOT_PROJECT_HEADER = re.compile(r"指标|属性|预期性|约束性")


_UNIT_CELL = re.compile(r"^[（(][^（）()]{1,8}[)）]$")  # （亿元） under or after 总投资


def _cell_role(cell: str) -> str | None:
    return next((r for r, p in _COLUMN_ROLES if p.search(cell)), None)


def _roles_of_cells(cells: list[str]) -> list[str] | None:
    """Roles of header cells, or None unless they read as a project table's header."""
    roles: list[str] = []
    for c in cells:
        if _UNIT_CELL.match(c) and roles:
            continue  # a unit belongs to the column before it
        role = _cell_role(c)
        if role is None:
            return None
        roles.append(role)
    if len(roles) < 3 or "name" not in roles or not ({"content", "place", "investment", "lead_units"} & set(roles)):
        return None
    return roles


def _header_roles(text: str) -> list[str] | None:
    """Roles of a one-line project-table header (tab- or space-separated), or None."""
    if _NOT_PROJECT_HEADER.search(text):
        return None
    cells = [c.strip() for c in (text.split("\t") if "\t" in text else text.split())]
    cells = [c for c in cells if c]
    return _roles_of_cells(cells) if len(cells) >= 3 else None  # a header has three roles at least


def _stacked_header(lines: list[Line], i: int) -> tuple[int, list[str]] | None:
    """A header extracted one cell per line (序号 / 项目名称 / 建设内容 / …): its last index and roles."""
    cells: list[str] = []
    j = i
    while j < len(lines) and len(cells) < 12:
        text = lines[j].text.strip()
        if "\t" in text or wider_than(text, 8) or _NOT_PROJECT_HEADER.search(text):
            break
        if not (_UNIT_CELL.match(text) and cells) and _cell_role(text) is None:
            break
        cells.append(text)
        j += 1
    roles = _roles_of_cells(cells) if len(cells) >= 3 else None
    return (j - 1, roles) if roles else None


@dataclass
class _ProjectTable:
    title: str
    first: int  # index of the header's first line
    header: int  # index of the header's last line
    roles: list[str]
    tabbed: bool
    end: int = 0

    def header_texts(self, lines: list[Line]) -> set[str]:
        return {lines[k].text.strip() for k in range(self.first, self.header + 1)}


def _table_title(lines: list[Line], first: int, heading_at: dict) -> str:
    if first > 0:
        prev = lines[first - 1].text.strip()
        if _TABLE_TITLE.match(prev) or re.search(r"(?:一览表|清单|项目表|汇总表)$", prev):
            return re.sub(r"\s+", " ", prev)
    above = [i for i in heading_at if i < first]
    return heading_at[max(above)].title if above else "项目表"


def _table_at(lines: list[Line], i: int, heading_at: dict) -> _ProjectTable | None:
    """The project table whose header starts at line i, if any."""
    if roles := _header_roles(lines[i].text):
        return _ProjectTable(_table_title(lines, i, heading_at), i, i, roles, "\t" in lines[i].text)
    if found := _stacked_header(lines, i):
        return _ProjectTable(_table_title(lines, i, heading_at), i, found[0], found[1], False)
    return None


_SEQ_LINE = re.compile(r"^(?P<n>\d{1,3})(?:\s+(?P<rest>(?![个座处项万亿千米吨亩%公年])\S.*))?$")


def _stops_table(lines: list[Line], k: int, heading_at: dict, prose_width: float | None) -> bool:
    """A heading, a new table, a note, or a line of body-width prose ends a table."""
    text = lines[k].text.strip()
    if k in heading_at or _TABLE_TITLE.match(text) or _NOTE.match(text):
        return True
    h = match_heading(text)
    if h is not None and h.rule in _STRONG_HEADING_RULES and not (h.rule == "decimal" and len(h.number) < 2):
        return True
    return prose_width is not None and text_width(text) > prose_width


_MIN_LINES_FOR_WIDTH = 6  # row lines needed before a line's width can tell prose from cells
_PROSE_WIDER = 1.2  # body prose runs across the page: this much wider than the widest cell line


def _stacked_rows(lines: list[Line], t: _ProjectTable, heading_at: dict) -> list[list[Line]]:
    """Rows of a stacked table: each opens with the next 序号, alone or before its first cells.

    The table ends at a heading, note or new table, or at a line clearly wider than any of its
    cells so far (body prose is set across the page; a cell is at most one column wide).
    """
    rows: list[list[Line]] = []
    widths: list[float] = []
    header_texts = t.header_texts(lines)
    expected = 1
    k = t.header + 1
    while k < len(lines):
        text = lines[k].text.strip()
        m = _SEQ_LINE.match(text)
        prose_width = _PROSE_WIDER * max(widths) if len(widths) >= _MIN_LINES_FOR_WIDTH else None
        if m and int(m.group("n")) == expected:
            rows.append([lines[k]])
            expected += 1
        elif _stops_table(lines, k, heading_at, prose_width) or not rows:
            if rows or k > t.header + 3:
                break
        elif text not in header_texts:  # a header repeated after a page break is skipped
            rows[-1].append(lines[k])
        if rows:
            widths.append(text_width(text))
        k += 1
    t.end = k
    return rows


@dataclass(frozen=True)
class _Piece:
    """A cell fragment of a stacked row: a line, or part of one where spaces separate cells."""

    text: str
    line: Line
    same_line: bool  # on the same source line as the piece before it


def _split_units(body: list[_Piece]) -> tuple[list[_Piece], list[str]]:
    """Peel the responsible-unit cell off the end of a row: the longest tail that is all bodies."""
    for s in range(len(body)):
        head = body[s]
        candidates = [(head.text, "")]
        if " " in head.text.strip():
            left, right = head.text.strip().rsplit(" ", 1)
            candidates.append((right, left))
        for first, left in candidates:
            tail = _joined([first] + [p.text for p in body[s + 1 :]])
            if is_org_list(tail):
                rest = body[:s] + ([_Piece(left, head.line, head.same_line)] if left else [])
                return rest, split_top_level(_squeeze(tail), "、，,；;")
    return body, []


_TERMINAL = re.compile(r"(?:工程|项目)$")
_CELL_GAP = re.compile(rf"(?<=[{_CJK}）)”])\s+(?=[{_CJK}（(“])")


def _pre_cells(pieces: list[_Piece]) -> list[str]:
    """Short cells before the content (type, name …): a space always separates cells; a new line
    continues the cell unless the cell is complete (…工程/…项目) or the line is wider than the cell's."""
    split: list[_Piece] = []
    for p in pieces:
        parts = _CELL_GAP.split(p.text.strip())
        split += [_Piece(part, p.line, p.same_line or n > 0) for n, part in enumerate(parts) if part]
    cells: list[list[str]] = []
    for p in split:
        if (
            cells
            and not p.same_line
            and not _TERMINAL.search(_joined(cells[-1]))
            and text_width(p.text) <= max(text_width(c) for c in cells[-1])
        ):
            cells[-1].append(p.text)
        else:
            cells.append([p.text])
    return [_joined(c) for c in cells]


def _assign(pre_roles: list[str], cells: list[str]) -> dict[str, str]:
    """Cells to the columns before content; with fewer cells (merged above) the name is filled first."""
    if not pre_roles:
        return {}
    if len(cells) >= len(pre_roles):
        return dict(zip(pre_roles, cells[-len(pre_roles) :]))
    order = sorted(range(len(pre_roles)), key=lambda r: (pre_roles[r] != "name", -r))
    chosen = sorted(order[: len(cells)])
    return {pre_roles[r]: c for r, c in zip(chosen, cells)}


def _drop_page_repeats(pieces: list[_Piece], seen: set[str], start: int) -> list[_Piece]:
    """A merged cell is printed again at the top of a new page; that copy (after start) is not new text."""
    kept, k = [], 0
    while k < len(pieces):
        if k >= start and pieces[k].line.page_start and not pieces[k].same_line:
            span = next((n for n in (3, 2, 1) if _joined([p.text for p in pieces[k : k + n]]) in seen), 0)
            if span:
                k += span
                continue
        kept.append(pieces[k])
        k += 1
    return kept


_TRAILING_VALUE = {
    "investment": re.compile(r"^\d+(?:\.\d+)?\s*(?:亿元|万元|亿|万)?$"),
    "period": re.compile(r"^(?:19|20)\d{2}\s*(?:年)?\s*[-—–~～至到]+\s*(?:19|20)\d{2}\s*年?$|^(?:19|20)\d{2}\s*年?$"),
}


def _row_cells(row: list[Line], t: _ProjectTable, content_width: float, seen: set[str]) -> dict[str, object]:
    """One stacked row's cells by role."""
    first = _SEQ_LINE.match(row[0].text.strip())
    pieces: list[_Piece] = []
    if first and first.group("rest"):
        parts = _CELL_GAP.split(first.group("rest").strip())
        pieces += [_Piece(part, row[0], n > 0) for n, part in enumerate(parts) if part]
    pieces += [_Piece(ln.text.strip(), ln, False) for ln in row[1:]]
    wide = 0.7 * content_width
    lead_in = next((i for i, p in enumerate(pieces) if text_width(p.text) >= wide), len(pieces))
    repeatable = seen | set(_pre_cells(pieces[:lead_in]))  # this row's own merged cells may repeat too
    body, units = _split_units(_drop_page_repeats(pieces, repeatable, lead_in))
    roles = [r for r in t.roles if r != "seq"]
    out: dict[str, object] = {}
    # Numeric columns after the content (投资, 年限) are single short values at the row's end.
    for role in reversed(roles[roles.index("content") + 1 :] if "content" in roles else []):
        if role in _TRAILING_VALUE and body and _TRAILING_VALUE[role].match(body[-1].text):
            out[role] = body.pop().text
    content_at = roles.index("content") if "content" in roles else len(roles)
    pre_roles = [r for r in roles[:content_at] if r not in _TRAILING_VALUE]
    c = next((i for i, p in enumerate(body) if text_width(p.text) >= wide), None)
    if c is None:
        cells = _pre_cells(body)
        content = cells.pop() if len(cells) > len(pre_roles) else None
    else:
        cells = _pre_cells(body[:c])
        content = _joined([p.text for p in body[c:]])
    out.update(_assign(pre_roles, cells))
    if content:
        out["content"] = content
    if units:
        out["lead_units"] = units
    return out


def _stacked_entries(lines: list[Line], t: _ProjectTable, heading_at: dict, box: str) -> list[dict]:
    rows = _stacked_rows(lines, t, heading_at)
    # The content column is the table's widest: its full lines set the width a content line reaches.
    content_width = max((text_width(ln.text) for r in rows for ln in r[1:]), default=0.0)
    out, prev, seen = [], {}, set()
    for row in rows:
        cells = _row_cells(row, t, content_width, seen)
        # Merged cells: an empty type, name or unit cell continues the row above.
        for role in ("type", "name", "lead_units"):
            if role not in cells and role in prev:
                cells[role] = prev[role]
        for role in ("type", "name"):
            if isinstance(cells.get(role), str):
                seen.add(cells[role])
        prev = cells
        name = cells.get("name") or cells.get("content")
        if not name:
            continue
        content = cells.get("content")
        out.append(
            _entry(
                box,
                str(name),
                row[0].no,
                str(content) if content and content != name else None,
                place=cells.get("place") or (_places_in(str(content)) if content else None),
                investment=cells.get("investment"),
                period=cells.get("period"),
                lead_units=cells.get("lead_units"),
                type=cells.get("type"),
            )
        )
    return out


_GROUP_ROW = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[)）])\s*(?P<name>\S{1,20})$")


def _tabbed_entries(lines: list[Line], t: _ProjectTable, heading_at: dict, box: str) -> list[dict]:
    """Tab-separated rows; a row without a new 序号 continues the one above, cell by cell."""
    roles = t.roles
    rows: list[tuple[int, list[str]]] = []
    category = None
    k = t.header + 1
    expected = 1
    while k < len(lines):
        text = lines[k].text
        if "\t" not in text:
            # A one-cell group row (一、交通类) between tab rows names the rows' type.
            if (g := _GROUP_ROW.match(text.strip())) and k + 1 < len(lines) and "\t" in lines[k + 1].text:
                category = g.group("name")
                k += 1
                continue
            if _stops_table(lines, k, heading_at, None) or text_width(text) > 12:
                break
            if rows:
                rows[-1][1][-1] += text.strip()
            k += 1
            continue
        cells = [c.strip() for c in text.split("\t")]
        if cells == [c.strip() for c in lines[t.header].text.split("\t")]:
            k += 1
            continue
        filled = [c for c in cells if c]
        if len(filled) == 1 and cells[0] == filled[0] and not filled[0].isdigit() and len(cells) < len(roles):
            category = filled[0]
            k += 1
            continue
        cells += [""] * (len(roles) - len(cells))
        seq = cells[roles.index("seq")] if "seq" in roles else None
        starts = (seq and seq.isdigit() and int(seq) == expected) or ("seq" not in roles and any(cells))
        if starts or not rows:
            if seq and seq.isdigit():
                expected = int(seq) + 1
            rows.append((lines[k].no, cells[: len(roles)] + ([category] if category else [])))
        else:
            for n, c in enumerate(cells[: len(roles)]):
                if c:
                    rows[-1][1][n] = _joined([rows[-1][1][n], c])
        k += 1
    t.end = k
    out = []
    for no, cells in rows:
        got = {r: cells[n] for n, r in enumerate(roles) if n < len(cells) and cells[n]}
        if not got.get("name"):
            continue
        units = split_top_level(got["lead_units"], "、，,；;") if got.get("lead_units") else None
        out.append(
            _entry(
                box,
                got["name"],
                no,
                got.get("content"),
                place=got.get("place"),
                investment=got.get("investment"),
                period=got.get("period"),
                lead_units=units,
                type=got.get("type") or (cells[len(roles)] if len(cells) > len(roles) else None),
            )
        )
    return out


# --- the whole ------------------------------------------------------------------------------------


def find_project_tables(lines: list[Line], heading_at: dict) -> list[tuple[_ProjectTable, list[dict]]]:
    """Every project table, in order, with its entries (named after the table; a box renames them)."""
    out: list[tuple[_ProjectTable, list[dict]]] = []
    i = 0
    while i < len(lines):
        t = _table_at(lines, i, heading_at)
        if t is None:
            i += 1
            continue
        reader = _tabbed_entries if t.tabbed else _stacked_entries
        out.append((t, reader(lines, t, heading_at, t.title)))
        i = max(t.end, t.header + 1)
    return out


def project_table_lines(found: list[tuple[_ProjectTable, list[dict]]]) -> set[int]:
    """Indices of the lines of project tables, header to last row: cells, neither headings nor prose."""
    return {k for t, _ in found for k in range(t.first, t.end)}


def extract_projects(lines: list[Line], heading_at: dict, tables, project_tables=None) -> list[dict]:
    """Projects of every 专栏 box and project table, in document order.

    project_tables: find_project_tables' result when the caller has it already (the pipeline
    needs the tables' lines before it builds the final outline), so they are not looked for twice.
    """
    boxes = [b for b in _collect_boxes(lines, heading_at) if not _is_indicator_box(b, lines, tables)]
    if project_tables is None:
        project_tables = find_project_tables(lines, heading_at)
    found: list[tuple[int, list[dict]]] = []
    table_lines: set[int] = set()
    for t, entries in project_tables:
        inside = next((b for b in boxes for s, e in b.spans if s <= t.first < e), None)
        if inside is not None:
            entries = [{**e, "box": inside.name} for e in entries]
        found.append((t.first, entries))
        table_lines.update(range(t.first - (0 if inside else 1), t.end))
    for box in boxes:
        for s, e in box.spans:
            own = [ln for k, ln in enumerate(lines[s:e], start=s) if k not in table_lines]
            entries = [x for p in _paragraphs(own) for x in _read_item(box.name, p, p.text)]
            found.append((s, entries))
    found.sort(key=lambda x: x[0])
    return [e for _, entries in found for e in entries]
