"""Re-lay out known indicator tables the ways published plans lay them out, and score the parser on each.

    PYTHONPATH=src .venv/bin/python bench/relayout.py [--layout NAME ...] [--source NAME ...] [--show]

Real table pages are scarce, so this is the next best teacher: every gold table we hold (the seed
golds in ../shared/gold/*.indicators.tsv, the devcorpus golds in devcorpus/*.indicators.tsv) is
rebuilt from its gold rows (name, unit, base, target, growth, binding, category) and rendered in
many layouts: pipe tables, one cell per line, cells split by ideographic spaces, tabs or runs of
spaces, full-width digits, headers stacked, spaced, one character per line or merged over a group,
no header at all, page furniture inside, wrapped names, category labels in every position, other
column orders, other plan periods (2025 -> 2030 for a 十五五 plan, 2024 base years), 约束/预期 or
★/☆ binding marks, value markers (≥ ≤ 以上 左右 〔〕) and HTML <table>s read through the
product's HTML reader. Each rendering is wrapped in a small plan (title, a chapter, a sentence,
the table, a closing chapter), parsed in-process, and scored with the shared scorer
(../shared/tools/score_plan.py) against the rows the rendering holds: the expected rows are
derived from the gold rows and the layout (its years, its marks), never read back from the parser.

A layout is a named `Style` (LAYOUTS); `render_plan(table, style)` gives the plan text (or HTML)
and `expected_rows(table, style)` its gold. Prints fields (and recall where below 1) per layout x
source table, the mean per layout and the overall mean. Asserts nothing; exit 0.
"""

from __future__ import annotations

import argparse
import csv
import html
import importlib.util
import re
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from plantrack.ingest.pipeline import parse_bytes

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SCORER = SHARED / "tools" / "score_plan.py"
SOURCES = sorted((SHARED / "gold").glob("*.indicators.tsv")) + sorted((REPO / "devcorpus").glob("*.indicators.tsv"))

_SUB_ROW = re.compile(r"^(?P<parent>.+?)[（(]其中[：:](?P<sub>.+)[）)]$")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_FULL_WIDTH = str.maketrans("0123456789%.", "０１２３４５６７８９％．")


# --- the tables -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceRow:
    """One gold row as the cells of a rebuilt table (empty string: an empty cell)."""

    name: str
    unit: str
    base: str
    target: str
    growth: str
    binding: str  # 约束性 | 预期性 | ""
    category: str
    target_value: str = ""  # the gold's number for the target text as the gold wrote it


@dataclass(frozen=True)
class SourceTable:
    name: str
    rows: tuple[SourceRow, ...]
    has_growth: bool
    has_binding: bool
    has_unit: bool


def _value_text(value: str) -> str:
    """A gold base value as a cell: 3.60 stays as the gold wrote it."""
    return value.strip()


def load_source(path: Path) -> SourceTable | None:
    """A gold file as a table to rebuild; rows with no value at all (an interim-only row) are left
    out, and a table with fewer than three rows left is not used."""
    with path.open(encoding="utf-8", newline="") as f:
        gold = list(csv.DictReader(f, delimiter="\t"))
    rows = []
    seen = set()
    names = [(g.get("indicator") or "").strip() for g in gold]
    for g, name in zip(gold, names):
        base, target, growth = _value_text(g.get("base_value") or ""), (g.get("target_text") or "").strip(), (g.get("annual_growth") or "").strip()
        parent = any(n.startswith(name + "（其中") or n.startswith(name + "(其中") for n in names)
        if not name or not (base or target or growth or parent) or name in seen:
            continue
        seen.add(name)
        rows.append(SourceRow(name, (g.get("unit") or "").strip(), base, target, growth, (g.get("binding") or "").strip(),
                              (g.get("category") or "").strip(), (g.get("target_value") or "").strip()))
    if len(rows) < 3:
        return None
    stem = path.name.split(".")[0]
    return SourceTable(stem, tuple(rows), any(r.growth for r in rows), any(r.binding for r in rows), any(r.unit for r in rows))


def load_sources(paths=SOURCES) -> list[SourceTable]:
    tables, seen = [], set()
    for p in paths:
        t = load_source(p)
        if t is None:
            continue
        key = tuple(r.name for r in t.rows)
        if key in seen:  # the same table in two reposts
            continue
        seen.add(key)
        tables.append(t)
    return tables


# --- the layouts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    """How a table is laid out. Every field is one kind of variation published plans show."""

    sep: str = "tab"  # tab | spaces | ideographic | pipe | cell | cell_blank | html
    years: tuple[int, int] = (2020, 2025)
    numbered: bool = True
    category: str = "column"  # column | rows | numbered_rows | chars | none
    header: str = "one"  # one | two | chars | spaced | group | none
    order: str = "std"  # std | binding_first | unit_last | unit_in_name
    binding: str = "full"  # full | short | stars (★/☆ column) | name_star (★ after binding names, no column)
    marks: bool = False  # numeric targets written ≥/以上/左右, growth as 〔〕 cumulative
    fullwidth: bool = False
    furniture: bool = False  # a page break inside: page number, running header, repeated title
    continued: bool = False  # the rows after the page break carry no header (and the break has furniture)
    wrap: bool = False  # long names wrapped over two lines
    empty: str = "—"  # how an empty value cell is written
    year_words: str = "years"  # years (2025年) | words (2025年基期值) | estimate (2025年（预计）) | status (2025年现状)


def _roles(table: SourceTable, style: Style) -> list[str]:
    roles = ["seq"] if style.numbered else []
    if style.category in ("column", "chars"):
        roles.insert(0, "category")
    roles.append("name")
    if table.has_unit and style.order != "unit_in_name":
        roles.append("unit")
    values = ["base", "target"] + (["growth"] if table.has_growth else [])
    binding = ["binding"] if table.has_binding and style.binding != "name_star" else []
    if style.order == "binding_first":
        roles += binding + values
    elif style.order == "unit_last" and "unit" in roles:
        roles.remove("unit")
        roles += values + ["unit"] + binding
    else:
        roles += values + binding
    return roles


def _header_cells(roles: list[str], style: Style) -> list[list[str]]:
    """The header as lines of cells (one line, or several where the header is stacked)."""
    by, ty = style.years
    base_word, target_word = {"years": ("年", "年"), "words": ("年基期值", "年目标值"), "estimate": ("年（预计）", "年目标"),
                              "status": ("年现状", "年规划")}[style.year_words]
    labels = {"seq": "序号", "category": "类别", "name": "指标", "unit": "单位", "base": f"{by}{base_word}",
              "target": f"{ty}{target_word}", "growth": "年均增长", "binding": "属性"}
    if style.header == "two":
        top = {"seq": "序号", "category": "类别", "name": "指标", "unit": "单位", "base": f"{by}年",
               "target": f"{ty}年", "growth": "年均增长", "binding": "指标"}
        bottom = {"name": "名称", "base": "基数", "target": "目标", "growth": "（%）", "binding": "属性"}
        return [[top[r] for r in roles], [bottom.get(r, "") for r in roles]]
    if style.header == "group":
        top = [("规划目标" if r == "target" else labels[r]) for r in roles if r != "growth"]
        bottom = [f"{ty}年" if r == "target" else "年均增长" for r in roles if r in ("target", "growth")]
        if style.sep in ("tab", "pipe"):
            # A grid keeps every column: the cells merged from above are written empty.
            lead = roles.index("target")
            bottom = [""] * lead + bottom + [""] * (len(roles) - lead - len(bottom))
            top = top[: lead + 1] + ([""] if "growth" in roles else []) + top[lead + 1:]
        return [top, bottom]
    if style.header == "spaced":
        return [[" ".join(labels[r]) if len(labels[r]) == 2 and not labels[r][0].isdigit() else labels[r] for r in roles]]
    if style.header == "chars":
        # Narrow columns print their two-character words one character per line (类/别, 序/号).
        first = [labels[r][0] if r in ("seq", "category", "unit", "binding") else labels[r] for r in roles]
        second = [labels[r][1] if r in ("seq", "category", "unit", "binding") else "" for r in roles]
        return [first, second]
    if style.header == "none":
        return []
    return [[labels[r] for r in roles]]


def _binding_text(binding: str, style: Style) -> str:
    if not binding:
        return style.empty
    if style.binding == "short":
        return binding[:2]
    if style.binding == "stars":
        return "★" if binding == "约束性" else "☆"
    return binding


def _marked(row: SourceRow, k: int, style: Style) -> SourceRow:
    """Value markers on plain numbers: every third numeric target ≥x, x以上 or x左右; growth 〔x〕."""
    if not style.marks:
        return row
    target, growth = row.target, row.growth
    if _NUMBER.match(target):
        target = ("≥{}", "{}以上", "{}左右")[k % 3].format(target)
    if _NUMBER.match(growth) and k % 2:
        growth = f"〔{growth}〕"
    return replace(row, target=target, growth=growth)


def _parent(row: SourceRow) -> str:
    m = _SUB_ROW.match(row.name)
    return m.group("parent") if m else ""


def _row_name(row: SourceRow) -> str:
    m = _SUB_ROW.match(row.name)
    return f"其中：{m.group('sub')}" if m else row.name


def _cells(row: SourceRow, roles: list[str], style: Style, seq: int) -> dict[str, str]:
    name = _row_name(row)
    if style.binding == "name_star" and row.binding == "约束性":
        name += "★"  # 带★的为约束性指标
    if style.order == "unit_in_name" and row.unit:
        name = f"{name}（{row.unit}）"
    cells = {"seq": str(seq), "category": "", "name": name, "unit": row.unit or style.empty,
             "base": row.base or style.empty, "target": row.target or style.empty,
             "growth": row.growth or style.empty, "binding": _binding_text(row.binding, style)}
    if style.fullwidth:
        cells = {k: (v.translate(_FULL_WIDTH) if k != "name" else v) for k, v in cells.items()}
    return cells


_CN_NUMBERS = "一二三四五六七八九十"
WRAP_WIDTH = 8  # characters of the name column where names wrap


def _groups(rows: list[SourceRow]) -> list[tuple[str, list[SourceRow]]]:
    out: list[tuple[str, list[SourceRow]]] = []
    for r in rows:
        if out and out[-1][0] == r.category:
            out[-1][1].append(r)
        else:
            out.append((r.category, [r]))
    return out


def _body(table: SourceTable, roles: list[str], style: Style) -> list[list[str]]:
    """The table's body as lines of cells (a category line, a wrapped name's tail: one cell)."""
    lines: list[list[str]] = []
    seq = 0
    for g, (category, rows) in enumerate(_groups([_marked(r, k, style) for k, r in enumerate(table.rows)])):
        if category and style.category == "rows":
            lines.append([category])
        elif category and style.category == "numbered_rows":
            lines.append([f"{_CN_NUMBERS[g % 10]}、{category}"])
        for k, row in enumerate(rows):
            sub = _SUB_ROW.match(row.name)
            if sub and sub.group("parent") not in (rows[k - 1].name if k else "", _parent(rows[k - 1]) if k else ""):
                # The parent of 其中 rows that has no values of its own: its name alone on its row.
                seq += 1
                parent = {r: "" for r in roles} | {"name": sub.group("parent"), "seq": str(seq)}
                lines.append([parent[r] for r in roles])
            if not sub:
                seq += 1
            cells = _cells(row, roles, style, seq)
            if sub:
                cells["seq"] = ""  # a 其中 row carries no number of its own
            if style.category == "column" and k == 0:
                cells["category"] = category
            elif style.category == "chars" and category:
                # The label's characters centred down the group's rows, as a merged cell prints them.
                top = max(0, (len(rows) - len(category)) // 2)
                cells["category"] = category[k - top] if 0 <= k - top < len(category) else ""
            tail = ""
            if style.wrap and len(cells["name"]) > WRAP_WIDTH:
                # The name column is WRAP_WIDTH characters wide: a longer name fills it and wraps.
                cells["name"], tail = cells["name"][:WRAP_WIDTH], cells["name"][WRAP_WIDTH:]
                if style.sep in ("cell", "cell_blank"):
                    # One cell per line: the wrapped name's lines come one after the other.
                    chunks = [cells["name"]] + [tail[k:k + WRAP_WIDTH] for k in range(0, len(tail), WRAP_WIDTH)]
                    cells["name"], tail = "\n".join(chunks), ""
            lines.append([cells[r] for r in roles])
            for k0 in range(0, len(tail), WRAP_WIDTH):  # the rest of the name, line by line at the column's width
                piece = tail[k0:k0 + WRAP_WIDTH]
                lines.append([""] * roles.index("name") + [piece] + [""] * (len(roles) - roles.index("name") - 1))
        if style.category == "chars" and category and len(category) > len(rows):
            # The label is longer than its group: the rest of its characters stand alone below.
            for ch in category[len(rows):]:
                lines.append([ch] + [""] * (len(roles) - 1))
    return lines


def _join(cells: list[str], style: Style) -> list[str]:
    """One line of cells as text lines in the layout's separator."""
    if style.sep == "pipe":
        return ["| " + " | ".join(cells) + " |"]
    if style.sep in ("cell", "cell_blank"):
        out = []
        for c in cells:
            if c:
                out += [c, ""] if style.sep == "cell_blank" else [c]
        return out
    sep = {"tab": "\t", "spaces": "   ", "ideographic": "\u3000\u3000"}[style.sep]
    if style.sep == "tab":
        return ["\t".join(cells).rstrip("\t")]
    return [sep.join(c for c in cells if c)]


def _text_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _aligned(lines: list[list[str]], style: Style) -> list[str]:
    widths = [max(_text_width(line[k]) for line in lines) for k in range(len(lines[0]))]
    gap = "    " if style.sep == "spaces" else "\u3000\u3000"
    out = []
    for line in lines:
        cells = [c + " " * (w - _text_width(c)) for c, w in zip(line, widths)]
        out.append(gap.join(cells).rstrip())
    return out


def _title(style: Style) -> tuple[str, str]:
    by, ty = style.years
    plan = {2020: "十三五", 2025: "十四五", 2030: "十五五"}.get(ty, "中长期")
    return f"示范市“{plan}”生态环境保护规划", f"表1  示范市“{plan}”时期主要指标"


def _furniture(doc_title: str, table_title: str) -> list[str]:
    return ["— 12 —", "", f"Page 13 - {doc_title}", table_title + "（续）"]


def table_text_lines(table: SourceTable, style: Style) -> list[str]:
    roles = _roles(table, style)
    doc_title, table_title = _title(style)
    header_cells = _header_cells(roles, style)
    if len(header_cells) > 1 and style.sep in ("spaces", "ideographic") and len({len(h) for h in header_cells}) == 1:
        # A header over several lines keeps its columns' places (as a PDF's text layer does):
        # every cell padded to its column's width, an empty cell left blank.
        header = [[line] for line in _aligned(header_cells, style)]
    else:
        header = [_join(cells, style) for cells in header_cells]
    out: list[str] = [table_title]
    for h in header:
        out += h
        if style.sep == "pipe" and h is header[0]:
            out.append("|" + "|".join("---" for _ in roles) + "|")
    body = _body(table, roles, style)
    cut = len(body) // 2 if (style.furniture or style.continued) else -1
    for i, cells in enumerate(body):
        if i == cut and cells and cells[0] == "" and not style.continued:
            cut += 1  # a wrapped tail stays with its row
        if i == cut:
            out += _furniture(doc_title, table_title)
            if not style.continued:
                for h in header:
                    out += h
        out += _join(cells, style)
    if style.binding == "stars":
        out.append("注：★为约束性指标，☆为预期性指标。")
    if style.binding == "name_star":
        out.append("注：带★的为约束性指标，其余为预期性指标。")
    return out


def render_plan(table: SourceTable, style: Style) -> tuple[bytes, str]:
    """The plan as bytes and the path name it is read under (.txt or .html)."""
    doc_title, _ = _title(style)
    by, ty = style.years
    intro = f"到{ty}年，生态环境质量持续改善，主要指标见下表。"
    if style.sep == "html":
        return _html_plan(table, style, doc_title, intro).encode("utf-8"), "relayout.html"
    lines = [doc_title, "", "第一章 发展目标", "", intro, ""] + table_text_lines(table, style)
    lines += ["", "第二章 保障措施", "", "加强组织领导，落实工作责任。", ""]
    return "\n".join(lines).encode("utf-8"), "relayout.txt"


def _html_plan(table: SourceTable, style: Style, doc_title: str, intro: str) -> str:
    roles = _roles(table, style)
    _, table_title = _title(style)
    rows = []
    for cells in _header_cells(roles, style)[:1]:
        rows.append("<tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in cells) + "</tr>")
    seq = 0
    for category, group in _groups([_marked(r, k, style) for k, r in enumerate(table.rows)]):
        for k, row in enumerate(group):
            seq += 1
            cells = _cells(row, roles, style, seq)
            tds = []
            for r in roles:
                if r == "category":
                    if k == 0:
                        tds.append(f'<td rowspan="{len(group)}">{html.escape(category)}</td>')
                    continue
                tds.append(f"<td>{html.escape(cells[r])}</td>")
            rows.append("<tr>" + "".join(tds) + "</tr>")
    note = "<p>注：★为约束性指标，☆为预期性指标。</p>" if style.binding == "stars" else ""
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{doc_title}</title></head><body>'
            f'<div class="nav">首页 &gt; 政务公开</div><h1>{doc_title}</h1><h2>第一章 发展目标</h2><p>{intro}</p>'
            f"<p>{table_title}</p><table border=\"1\">{''.join(rows)}</table>{note}"
            f"<h2>第二章 保障措施</h2><p>加强组织领导，落实工作责任。</p><div class=\"footer\">版权所有</div></body></html>")


def expected_rows(table: SourceTable, style: Style) -> list[dict]:
    """The gold of a rendering, in the shared scorer's shape: the source rows with the layout's
    years and marks (what the rendered table says), as the contract would carry them."""
    by, ty = style.years
    out = []
    for k, row in enumerate(table.rows):
        marked = _marked(row, k, style)
        # A marked target (≥68, 68以上, 68左右) keeps the number of the plain one.
        target_value = row.target_value if marked.target == row.target or _NUMBER.match(row.target) else ""
        gold = {
            "name": row.name,
            "unit": row.unit,
            "base_year": str(by) if row.base and style.header != "none" else "",
            "base_value": row.base,
            "target_value": target_value,
            "target_text": marked.target,
            # 带★的为约束性指标，其余为预期性指标: the legend makes every unmarked row 预期性.
            "binding": ("约束性" if row.binding == "约束性" else "预期性") if style.binding == "name_star" else row.binding,
            "category": row.category if style.category != "none" else "",
        }
        if table.has_growth:
            gold["annual_growth"] = marked.growth
        if style.header == "none":
            del gold["base_year"]
        if not table.has_binding:
            del gold["binding"]
        out.append(gold)
    return out


S = Style
# Named layouts, roughly in the order real plans use them. Combinations at the end.
LAYOUTS: dict[str, Style] = {
    "tab": S(),
    "tab_unnumbered": S(numbered=False),
    "spaces": S(sep="spaces"),
    "ideographic": S(sep="ideographic"),
    "fullwidth_ideographic": S(sep="ideographic", fullwidth=True),
    "pipe": S(sep="pipe"),
    "cell": S(sep="cell"),
    "cell_blank": S(sep="cell_blank"),
    "header_two_lines": S(header="two"),
    "header_two_lines_ideographic": S(header="two", sep="ideographic"),
    "header_chars": S(header="chars", category="chars"),
    "header_spaced": S(header="spaced", sep="spaces"),
    "header_group": S(header="group"),
    "header_group_spaces": S(header="group", sep="spaces"),
    "headless": S(header="none", sep="spaces"),
    "continued": S(continued=True),
    "furniture": S(furniture=True, sep="spaces"),
    "wrapped_names": S(wrap=True, sep="tab"),
    "wrapped_names_cell": S(wrap=True, sep="cell"),
    "wrapped_names_spaces": S(wrap=True, sep="spaces"),
    "category_rows": S(category="rows"),
    "category_numbered_rows": S(category="numbered_rows", sep="spaces"),
    "category_rows_spaces": S(category="rows", sep="spaces"),
    "category_chars": S(category="chars"),
    "category_none": S(category="none"),
    "binding_first": S(order="binding_first"),
    "unit_last": S(order="unit_last"),
    "unit_in_name": S(order="unit_in_name", sep="spaces"),
    "years_2025_2030": S(years=(2025, 2030)),
    "years_2024_2030": S(years=(2024, 2030)),
    "years_2015_2020": S(years=(2015, 2020)),
    "year_words_2030": S(years=(2025, 2030), year_words="words"),
    "year_estimate_2030": S(years=(2025, 2030), year_words="estimate", sep="spaces"),
    "year_status_2030": S(years=(2024, 2030), year_words="status", sep="cell"),
    "binding_short": S(binding="short"),
    "binding_stars": S(binding="stars"),
    "binding_name_star": S(binding="name_star", sep="spaces"),
    "value_marks": S(marks=True),
    "html": S(sep="html"),
    "html_rows_2030": S(sep="html", years=(2025, 2030), category="none"),
    "combo_pdf": S(sep="spaces", header="spaced", furniture=True, wrap=True, years=(2025, 2030), binding="short"),
    "combo_web": S(sep="cell_blank", category="rows", years=(2024, 2030), marks=True),
    "combo_flipbook": S(sep="ideographic", fullwidth=True, header="two", category="chars", binding="stars"),
    "combo_markdown": S(sep="pipe", header="group", numbered=False, years=(2025, 2030), order="unit_last"),
    "combo_box": S(header="chars", category="chars", years=(2025, 2030), marks=True, continued=True),
}


# --- scoring ----------------------------------------------------------------------------------


def load_scorer():
    spec = importlib.util.spec_from_file_location("score_plan", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_one(scorer, table: SourceTable, style: Style, show: bool = False) -> dict:
    data, path = render_plan(table, style)
    plan = parse_bytes(data, path)
    gold = expected_rows(table, style)
    if show:
        print(data.decode("utf-8"))
    return scorer.score(plan, gold, show)


def run(layouts: dict[str, Style] = LAYOUTS, sources: list[SourceTable] | None = None, show: bool = False) -> dict:
    """{(layout, source): score} for every pair."""
    scorer = load_scorer()
    sources = load_sources() if sources is None else sources
    return {(name, t.name): score_one(scorer, t, style, show) for name, style in layouts.items() for t in sources}


def _abbrev(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[-_]", name))[:5]


def print_table(results: dict, layouts: list[str], sources: list[str]) -> None:
    print("fields per layout x source (a * marks recall < 1; ! precision < 1)")
    print(f"{'layout':24} " + " ".join(f"{_abbrev(s):>6}" for s in sources) + "   recall  prec  fields")
    for lay in layouts:
        cells, rs, ps, fs = [], [], [], []
        for s in sources:
            sc = results[(lay, s)]
            mark = ("*" if sc["recall"] < 1 else "") + ("!" if sc["precision"] < 1 else "")
            cells.append(f"{sc['fields']:.2f}{mark}".rjust(6))
            rs.append(sc["recall"]), ps.append(sc["precision"]), fs.append(sc["fields"])
        print(f"{lay:24} " + " ".join(cells) + f"   {sum(rs)/len(rs):6.3f} {sum(ps)/len(ps):5.3f} {sum(fs)/len(fs):6.3f}")
    allsc = list(results.values())
    n = len(allsc)
    print(f"mean over {len(layouts)} layouts x {len(sources)} tables: recall {sum(s['recall'] for s in allsc)/n:.3f}  "
          f"precision {sum(s['precision'] for s in allsc)/n:.3f}  fields {sum(s['fields'] for s in allsc)/n:.3f}")
    print("sources: " + ", ".join(f"{_abbrev(s)}={s}" for s in sources))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--layout", action="append", help="only these layouts (names from LAYOUTS)")
    ap.add_argument("--source", action="append", help="only source tables whose name contains this")
    ap.add_argument("--show", action="store_true", help="print each rendering and every wrong cell")
    args = ap.parse_args(argv)
    layouts = {k: v for k, v in LAYOUTS.items() if not args.layout or k in args.layout}
    sources = [t for t in load_sources() if not args.source or any(s in t.name for s in args.source)]
    started = time.perf_counter()
    results = run(layouts, sources, args.show)
    print_table(results, list(layouts), [t.name for t in sources])
    print(f"{len(results)} parses in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
