"""Column roles from a table's header words: which column is the name, the unit, the base, the
target, the growth, the binding word, whatever the header's shape.

Header words are named rules (COLUMN_RULES) tried on the header text. Headers come in many
shapes, each read by its own function: one line of cells (`columns_from_header`), tab cells over
several lines with merged group cells (`_tab_header_columns`), a header stacked over lines by the
position of its cells (类 over 别: `stack_header_cells`), a flattened header whose second line
holds the words under a group word (规划目标: 2025年 | 年均增长: `_group_header_columns`), one word
per line (`_join_header_lines`). Year columns then become base, target, horizon or actual by
their order and words (`_assign_years`). The body's cell types confirm or replace these roles
for tables without a header (regions.py) and measure how sure they are (confidence.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...domain.units import is_unit

# Each header word and the column it names, in the order they are tried on the header text.
COLUMN_RULES: tuple[tuple[str, str], ...] = (
    ("binding", r"(?:指标)?(?:属性|性质)"),
    ("category", r"类别|类型|领域|分类|项目"),
    ("seq", r"序号|编号"),
    ("name", r"指标(?:名称|内容)?|名称"),
    ("other", r"(?:责任|牵头|主管|承担|负责|配合)(?:单位|部门)|备注|说明"),  # owners, remarks: not values
    ("unit", r"(?:计量)?单位"),
    ("plan_group", r"规划目标|规划值"),
    ("actual_group", r"实现情况|完成情况|执行情况|进展情况|实际完成"),
    ("growth", r"(?:累计或)?年均(?:或累计)?增(?:长|速)?率?(?:目标)?(?:[/／或]累计|[〔\[(（]累计[〕\])）])?(?:\(%\)|（%）)?|累计(?:增长|变化)?(?:目标)?(?:\(%\)|（%）)?"),
    ("target", r"\d{4}年?规划目标值?(?![实完执进])|\d{4}年?(?:预期)?目标值?|\d{4}年?预期值?|(?:预期)?目标值?|\d{4}年?规划值"),
    ("year_done", r"\d{4}年(?:实际)?完成(?:值|数|情况)?|\d{4}年实际值?"),
    ("year", r"\d{4}年?(?:现状值?|基期值?|基数|完成值?|实际值?|预计值?|值)?"),
    ("actual", r"(?:全年|年度)(?:实际)?完成(?:值|数)?"),  # 全年目标 | 全年完成: an annual plan's review
    ("base", r"现状(?:值|年)?|基期(?:值|年)?|基准(?:值|年)?|基数"),
)
_COLUMN_SCAN = re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in COLUMN_RULES))

# A header line consists of header words only.
# A year standing alone among header lines (指标 / 单位 / 2020 / 2030 / 属性) names a column.
_BARE_YEAR = re.compile(r"^\s*(?:19|20)\d{2}\s*$")
_HEADER_CHARS = re.compile(
    r"^(?:[序号类别型项目指标名称内容计量单位年均增长速率累计或属性质规划目标值现状基期准数实际实现完成进展情况执行预计期末领域分类\d/／、()（）%\s])+$"
)

_YEAR = re.compile(r"(\d{4})")

def is_header_line(text: str) -> bool:
    """A line of header words: only the characters header words are made of, or one header word
    the rules know with a few words they do not (“十三五”年均增长(%), 2020年预计完成)."""
    if "。" in text or "，" in text:  # a sentence, never a header (a quick look first: parse time)
        return False
    t = strip_header_notes(_FOOTNOTE_MARK.sub("", text.strip()))
    if not t or _DIGITS_ONLY.fullmatch(t):
        return False
    return bool(_HEADER_CHARS.match(t)) or _is_loose_header_line(t) or _is_cell_header_line(t)


def _is_cell_header_line(t: str) -> bool:
    """A header of three or more cells, nearly all header words, a few words the rules do not
    know (责任单位, 备注, 指标说明) and no value among them."""
    cells = [c for c in (_CELL_GAP.split(t) if ("\t" in t or "  " in t) else t.split(" ")) if c.strip()]
    if len(cells) < 3 or _NOT_HEADER.search(t):
        return False
    known = sum(bool(_HEADER_CHARS.match(c.strip()) or _COLUMN_SCAN.fullmatch(_SPACES.sub("", c))) for c in cells)
    unknown_ok = all(len(c.strip()) <= 8 and not _DIGIT.search(_YEAR_WORD.sub("", c)) for c in cells)
    return unknown_ok and known >= 3 and known * 3 >= len(cells) * 2


def _is_loose_header_line(t: str) -> bool:
    if len(t) > 24 or _NOT_HEADER.search(t) or _DIGIT.search(_YEAR_WORD.sub("", t)):
        return False
    compact = _SPACES.sub("", t)
    words = list(_COLUMN_SCAN.finditer(compact))
    return len(words) == 1 and len(words[0].group()) >= 0.4 * len(_NOT_WORD.sub("", compact))


_YEAR_WORD = re.compile(r"(?:19|20)\d{2}\s*年?")
# A note in brackets after a header word (2020年基期值(起始日期用作比较的数据)): words explaining
# the column, not naming it. A unit in brackets ((%), (亿元)) or a year ((2020年)) is kept.
_HEADER_NOTE = re.compile(r"[(（](?P<note>[^()（）]*[\u4e00-\u9fff][^()（）]*)[)）]")


# A role word in brackets after a year (2020年(基期), 2025年（目标值）): it names the year's column.
_YEAR_ROLE_NOTE = re.compile(r"(?:基期|现状|目标|规划|预期|预计|实际)值?")


def strip_header_notes(text: str) -> str:
    def keep(m: re.Match) -> str:
        note = m.group("note").strip()
        if _YEAR_ROLE_NOTE.fullmatch(note) and re.search(r"(?:19|20)\d{2}\s*年?\s*$", m.string[:m.start()]):
            return note  # 2020年(基期) reads as 2020年基期: one column, not two
        if is_unit(note) or re.fullmatch(r"(?:19|20)\d{2}\s*年?", note) or len(note) <= 3:
            return m.group()
        return ""
    return _HEADER_NOTE.sub(keep, text) if "(" in text or "（" in text else text


# A footnote number printed after a header word (〔累计〕1, 属性2): a reference, not part of the word.
_FOOTNOTE_MARK = re.compile(r"(?<=[\u4e00-\u9fff)）〕\]］])\d{1,2}$")
_DIGITS_ONLY = re.compile(r"[\d\s]+")
_NOT_HEADER = re.compile(r"[。，；;：:、？！]|表|专栏")
_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r"\s+")
_CELL_GAP = re.compile(r"\t| {2,}")
_NOT_WORD = re.compile(r"[^\w%]")


@dataclass
class Column:
    role: str  # name | unit | base | target | growth | binding | category | seq | actual | actual_growth | planned_growth
    year: int | None = None
    text: str = ""


# A year's column whose words go on with 增长/增速 states that year's growth (annual plans and
# their reviews: 2019年目标增长(%) | 2019年实际增长(%)), planned or achieved.
_GROWTH_AFTER = re.compile(r"(?:增长|增速|增幅)率?(?:\(%\)|（%）|%)?")
_GROWTH_OF = {"target": "planned_growth", "actual": "actual_growth", "year_done": "actual_growth"}


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
            if got_any and len(cells) > 1 and role == "year" and re.fullmatch(r"\d{4}年?", m.group()) \
                    and found[-1].year is None and found[-1].role in ("base", "target", "actual"):
                # 基期值(2020年) in one cell: the year qualifies the column, it is not one of its own.
                found[-1].year = int(year.group(1))
                pos = m.end()
                continue
            grown = _GROWTH_AFTER.match(text, m.end()) if year else None
            if grown and role in _GROWTH_OF:
                # 2019年目标增长(%), 2019年实际增长: the year's growth, not its level.
                role = _GROWTH_OF[role]
            found.append(Column(role, int(year.group(1)) if year else None, m.group() + (grown.group() if grown else "")))
            pos = grown.end() if grown else m.end()
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


def _target_word_over_years(cols: list[Column]) -> list[Column]:
    """A bare target word (目标, “十四五”目标) with no year of its own, followed by a year column
    and one more year or growth column, is a group cell merged over them (“十四五”目标 over
    2025年 | 年均[累计]) flattened into the header line: it names no column of its own."""
    out = list(cols)
    for k, c in enumerate(cols[:-2]):
        a, b = cols[k + 1], cols[k + 2]
        if c.role == "target" and c.year is None and a.role == "year" and a.year \
                and b.role in ("year", "growth", "target"):
            out[k] = Column("plan_group", None, c.text)
    return out


def _resolve_roles(cols: list[Column]) -> list[Column]:
    """Year columns become base or target; grouped headers (规划目标 | 实现情况) split their sub-columns."""
    cols = _target_word_over_years(cols)
    while cols and cols[-1].role in ("plan_group", "actual_group"):
        # A group word with no columns under it (完成情况 last) is a column of remarks (完成, 基本完成).
        cols = cols[:-1] + [Column("other", None, cols[-1].text)]
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


# A long-range horizon (远景, 2035 after 2025) lies ten years or more past the plan's target.
_HORIZON_GAP = 10


def _assign_years(cols: list[Column]) -> list[Column]:
    """Bare year columns: the first is the base, a later one the target.

    "2020年完成" is the base of a plan whose targets lie later (2025年目标), and the result of one
    whose target year it is (2020年规划目标 | 2020年完成: a review of the previous plan).
    """
    target_years = [c.year for c in cols if c.role == "target" and c.year]
    # 2020年预计值 beside 2020年目标值: the estimate of the result, in a review of the plan ending then.
    cols = [Column("year_done", c.year, c.text) if c.role == "year" and "预计" in c.text and c.year in target_years else c
            for c in cols]
    done = [c for c in cols if c.role == "year_done"]
    if len(done) >= 2 and not target_years and not any(c.role in ("base", "year") for c in cols):
        # Every year column reports a result (2015年完成 | 2020年完成): the first is the base, the
        # last what the plan achieved, and its growth column the growth achieved.
        roles = {id(done[0]): "base", id(done[-1]): "actual"}
        cols = [Column(roles.get(id(c), "actual_growth" if c.role == "growth" else c.role), c.year, c.text)
                for c in cols if c.role != "year_done" or id(c) in roles]
    bare_years = [c for c in cols if c.role == "year"]
    if len(bare_years) == 1 and not any(c.role in ("target", "base", "year_done", "actual") for c in cols):
        # An indicator table states targets: its only year column (指标 | 单位 | 2025年 | 属性) is the target.
        cols = [Column("target", c.year, c.text) if c is bare_years[0] else c for c in cols]
    out: list[Column] = []
    seen_base = seen_target = False
    for c in cols:
        role = c.role
        if role == "year_done":
            role = "actual" if any(c.year and ty <= c.year for ty in target_years) else "year"
        if role == "year":
            role = "base" if not seen_base else "target"
        if role == "target" and seen_target and c.year:
            prev = next(o for o in reversed(out) if o.role == "target")
            if prev.year and c.year - prev.year < _HORIZON_GAP:
                # Phases of one plan (2015年 | 2020年): the last year is the target, the one
                # before it an interim target the contract has no field for.
                out[out.index(prev)] = Column("other", prev.year, prev.text)
            else:
                # A later year after the target (2025年 | 2035年): the plan's long-range horizon.
                role = "horizon"
        if role == "base":
            seen_base = True
        if role == "target":
            seen_target = True
        out.append(Column(role, c.year, c.text))
    return out



def _join_header_lines(header_lines: list[str]) -> str:
    """A flattened header as one text. Words wrap across its lines (2025年 / 目标 is one column),
    except a group word (规划目标) after a year with years still to come below it: that year is a
    column of its own and the group stands over the years that follow (2020年 | 规划目标: 2025年 …)."""
    out = ""
    for k, line in enumerate(header_lines):
        t = line.strip()
        later_year = any(_YEAR.search(x) for x in header_lines[k + 1:])
        if out.endswith("年") and t in _GROUP_WORDS and later_year:
            out += "|"
        out += t
    return out


def _group_header_columns(header_lines: list[str]) -> list[Column] | None:
    """A flattened two-line header whose first line holds a group word (规划目标, 实现情况) and whose
    next line holds only the words under it (2025年 年均增长): the sub-columns take the group's
    place, before the columns to its right (属性)."""
    if len(header_lines) != 2:
        return None
    first, second = (t.split() for t in header_lines)
    groups = [k for k, w in enumerate(first) if w in _GROUP_WORDS]
    subs = [m.lastgroup for w in second for m in [_COLUMN_SCAN.fullmatch(w)] if m]
    if len(groups) != 1 or len(subs) != len(second) or not set(subs) <= {"year", "target", "growth", "year_done"}:
        return None
    g = groups[0]
    actual = first[g] not in ("规划目标", "规划值")
    under = []
    for w, kind in zip(second, subs):
        year = _YEAR.search(w)
        role = ("actual_growth" if actual else "growth") if kind == "growth" else ("actual" if actual else "target")
        under.append(Column(role, int(year.group(1)) if year else None, w))
    before = columns_from_header([" ".join(first[:g])]) if g else []
    after = columns_from_header([" ".join(first[g + 1:])]) if g + 1 < len(first) else []
    # A year before the group is the base the group's targets start from.
    before = [Column("base", c.year, c.text) if c.role == "target" and c.year else c for c in before]
    return before + under + after


def _positioned_cells(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each cell of a line whose cells are set apart by runs of spaces, in
    display columns (a Chinese character is two wide, as the monospace text was laid out)."""
    out = []
    for m in re.finditer(r"\S+(?: \S+)*", text):
        start = _width(text[: m.start()])
        out.append((start, start + _width(m.group()), m.group()))
    return out


_YEAR_QUALIFIER = re.compile(r"[(（]?\s*(?:19|20)\d{2}\s*年?\s*[)）]?")
_VALUE_WORD = re.compile(r"现状|基期|基数|目标|规划|预期|预计|完成|实际")


# The words under a merged group cell: a year, a growth, a target or cumulative column.
_SUB_COLUMN = re.compile(r"\d{4}年?(?:目标值?|预期值?)?|(?:年均)?(?:增长|增速)(?:率)?(?:[(（]%[)）])?|累计(?:增长|下降)?|目标值?|绝对值")


def stack_header_cells(header_lines: list[str]) -> list[str]:
    """The column words of a header printed over several lines, read top to bottom per column.

    A cell belongs to the column whose span it overlaps: 类 above 别 at the same place is 类别,
    序 above 号 is 序号, and a line holding the other words between them keeps its own columns.
    """
    columns: list[list] = []  # [start, end, text]
    for line in header_lines:
        cells = _positioned_cells(line)
        if columns and cells and all(_YEAR_QUALIFIER.fullmatch(c[2]) for c in cells):
            # (2020年) (2025年) under 基期值 目标值: cleaning may have lost the indent, so the years go
            # to the value words without a year, in order.
            open_words = [c for c in columns if _VALUE_WORD.search(c[2]) and not _YEAR.search(c[2])]
            if len(open_words) == len(cells):
                for col, (_, _, text) in zip(open_words, cells):
                    col[2] += text
                continue
        groups = [c for c in columns if _SPACES.sub("", c[2]) in _GROUP_WORDS]
        if len(groups) == 1 and len(cells) >= 2 and all(_SUB_COLUMN.fullmatch(_SPACES.sub("", c[2])) for c in cells):
            # 规划目标 over 2025年 | 年均增长: the line under a merged group cell splits it into its
            # sub-columns, whatever their printed place (a text dump loses the indent).
            g = groups[0]
            step = (g[1] - g[0]) / len(cells)
            subs = [[g[0] + k * step, g[0] + (k + 1) * step, g[2] + text] for k, (_, _, text) in enumerate(cells)]
            at = columns.index(g)
            columns[at:at + 1] = subs
            continue
        for start, end, text in cells:
            hit = next((c for c in columns if start < c[1] and c[0] < end), None)
            if hit is None:
                columns.append([start, end, text])
            else:
                hit[0], hit[1], hit[2] = min(hit[0], start), max(hit[1], end), hit[2] + text
    columns.sort(key=lambda c: c[0])
    return [c[2] for c in columns]



def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


