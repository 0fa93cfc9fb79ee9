"""A text plan rendered as the files it is also published as: HTML, Markdown, Word and a text PDF.

The plan becomes a list of blocks: each non-empty line outside a table is a paragraph; each table
is a real grid. The indicator table is rebuilt from what the text parse read out of it (one
row per indicator: name, unit, base, target, growth, binding), whatever layout the text used
(tabs, runs of spaces, one cell per line); how the text shows its categories decides how the
grid does: a category column (on the group's first row in the text) becomes a cell merged
down the group (rowspan); a category line across the table becomes a row merged across it
(colspan). Page numbers and the header repeated after a page break inside the text's table are
the text's own damage and are not carried over. Any other run of lines that splits into three or
more cells on tabs or runs of spaces (a review table) becomes a plain grid.
"""

from __future__ import annotations

import html
import io
import re
from collections import Counter
from dataclasses import dataclass, field

_BINDING_WORD = {"binding": "约束性", "expected": "预期性", None: ""}
_ROW_END = re.compile(r"(约束性|预期性)\s*$")
_TITLE = re.compile(r"^[*#\s]*(?:附表|表)\s*[\d一二三四五六七八九十]")
_CELL_SPLIT = re.compile(r"\t| {2,}")


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Grid:
    rows: list[list[Cell]]  # HTML-style: a cell covered by a span above or to the left is absent
    widths: list[float] = field(default_factory=list)  # relative column widths, for the PDF

    @property
    def columns(self) -> int:
        return sum(c.colspan for c in self.rows[0])


Block = str | Grid


def plan_blocks(text: str, indicators: list[dict]) -> list[Block]:
    """The text as paragraphs and grids: the indicator table rebuilt from its parsed rows."""
    lines = text.split("\n")
    start, end = _indicator_table_span(lines, indicators)
    before = _plain_blocks(lines[:start])
    after = _plain_blocks(lines[end + 1 :])
    return [*before, indicator_grid(lines, indicators), *after]


def _indicator_table_span(lines: list[str], indicators: list[dict]) -> tuple[int, int]:
    """The 0-based lines from the table's header to its last row's end (its binding cell)."""
    first = min(i["line"] for i in indicators) - 1
    last = max(i["line"] for i in indicators) - 1
    start = next(k + 1 for k in range(first - 1, -1, -1) if _TITLE.match(lines[k]))
    end = next(k for k in range(last, len(lines)) if _ROW_END.search(lines[k]))
    return start, end


def _categories_in_a_column(lines: list[str], indicators: list[dict]) -> bool:
    row = indicators[0]
    return bool(row["category"]) and row["category"] in lines[row["line"] - 1]


def _units_in_a_column(lines: list[str], indicators: list[dict]) -> bool:
    start, _ = _indicator_table_span(lines, indicators)
    header = lines[start : min(i["line"] for i in indicators) - 1]
    return any("单位" in _CELL_SPLIT.split(line.strip()) for line in header)


def indicator_grid(lines: list[str], indicators: list[dict]) -> Grid:
    merged = _categories_in_a_column(lines, indicators)
    unit_column = _units_in_a_column(lines, indicators)
    base_year = Counter(i["base_year"] for i in indicators if i["base_year"]).most_common(1)[0][0]
    target_year = Counter(i["target_year"] for i in indicators if i["target_year"]).most_common(1)[0][0]
    header = [*(["类别"] if merged else []), "指标名称", *(["单位"] if unit_column else []),
              f"{base_year}年", f"{target_year}年", "年均增长/累计", "属性"]
    rows = [[Cell(h) for h in header]]
    groups: list[list[dict]] = []
    for row in indicators:
        if groups and groups[-1][0]["category"] == row["category"]:
            groups[-1].append(row)
        else:
            groups.append([row])
    for group in groups:
        category = group[0]["category"]
        if category and not merged:
            rows.append([Cell(category, colspan=len(header))])
        for k, row in enumerate(group):
            cells = []
            if merged and k == 0:
                cells.append(Cell(category or "", rowspan=len(group)))
            name = row["name"]
            if not unit_column and row["unit"]:
                name += f"（{row['unit']}）"
            if row.get("tag"):
                name += f"（{row['tag']}）"
            cells.append(Cell(name))
            if unit_column:
                cells.append(Cell(row["unit"] or ""))
            cells += [Cell(_shown(row["base_text"])), Cell(_shown(row["target_text"])),
                      Cell(_shown(row["annual_growth"])), Cell(_BINDING_WORD[row["binding"]])]
            rows.append(cells)
    widths = [*([1.2] if merged else []), 3.6, *([1.4] if unit_column else []), 1.1, 1.5, 1.5, 1]
    return Grid(rows, widths)


def _shown(value) -> str:
    return "—" if value is None or value == "" else str(value)


def _plain_blocks(lines: list[str]) -> list[Block]:
    """Paragraphs, and runs of two or more lines of three or more cells as plain grids."""
    blocks: list[Block] = []
    run: list[list[str]] = []

    def flush() -> None:
        if len(run) >= 2:
            width = max(len(r) for r in run)
            blocks.append(Grid([[Cell(t) for t in r + [""] * (width - len(r))] for r in run], [1] * width))
        else:
            blocks.extend("  ".join(r) for r in run)
        run.clear()

    for line in lines:
        cells = [c.strip() for c in _CELL_SPLIT.split(line.strip())]
        if len(cells) >= 3:
            run.append(cells)
            continue
        flush()
        if line.strip():
            blocks.append(line.strip())
    flush()
    return blocks


# --- the formats ------------------------------------------------------------------------------


def to_html(blocks: list[Block], charset: str = "utf-8") -> bytes:
    """A portal-style page: navigation and footer around the content, a script, the charset declared."""
    out = [
        "<!DOCTYPE html>",
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">',
        "<title>规划全文</title><script>var nav = '首页';</script><style>td { padding: 2px }</style></head>",
        '<body><div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></div>',
        '<div id="zoom" class="article-content">',
    ]
    for block in blocks:
        if isinstance(block, Grid):
            out.append('<table border="1" cellspacing="0">')
            for row in block.rows:
                cells = "".join(
                    f"<td{_span_attrs(c)}><p>{html.escape(c.text)}</p></td>" for c in row
                )
                out.append(f"<tr>{cells}</tr>")
            out.append("</table>")
        else:
            out.append(f"<p style=\"text-indent:2em\">{html.escape(block)}</p>")
    out += ["</div>", '<div class="footer">版权所有：某某市人民政府办公室　网站标识码 0000000000</div>',
            "</body></html>"]
    return "\n".join(out).encode(charset)


def _span_attrs(cell: Cell) -> str:
    return (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
        f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
    )


def to_markdown(blocks: list[Block]) -> bytes:
    """Markdown with pipe tables: a merged cell is written once, the cells it covers empty."""
    out = []
    for block in blocks:
        if isinstance(block, Grid):
            out.append("")
            for k, row in enumerate(_filled(block)):
                out.append("| " + " | ".join(t.replace("|", "\\|") for t in row) + " |")
                if k == 0:
                    out.append("|" + "---|" * block.columns)
            out.append("")
        else:
            out.append(block)
    return "\n".join(out).encode("utf-8")


def _filled(grid: Grid) -> list[list[str]]:
    """The grid with every covered position present and empty."""
    out: list[list[str | None]] = [[None] * grid.columns for _ in grid.rows]
    for r, row in enumerate(grid.rows):
        c = 0
        for cell in row:
            while out[r][c] is not None:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    out[r + dr][c + dc] = ""
            out[r][c] = cell.text
            c += cell.colspan
    return [[t or "" for t in row] for row in out]


def to_docx(blocks: list[Block]) -> bytes:
    import docx

    document = docx.Document()
    for block in blocks:
        if isinstance(block, Grid):
            table = document.add_table(rows=len(block.rows), cols=block.columns)
            taken: set[tuple[int, int]] = set()
            for r, row in enumerate(block.rows):
                c = 0
                for cell in row:
                    while (r, c) in taken:
                        c += 1
                    first = table.cell(r, c)
                    if cell.rowspan > 1 or cell.colspan > 1:
                        first = first.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
                    first.text = cell.text
                    taken |= {(r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)}
                    c += cell.colspan
        else:
            document.add_paragraph(block)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def to_pdf(blocks: list[Block], font, page_height: float | None = None) -> bytes:
    """A text PDF on A4: paragraphs wrapped as Chinese text wraps, tables ruled with a grid.
    A smaller page_height (pt) makes long tables break across pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(TTFont("RenderCJK", font.path, subfontIndex=font.index))
    body = ParagraphStyle("body", fontName="RenderCJK", fontSize=10.5, leading=16, wordWrap="CJK")
    small = ParagraphStyle("cell", fontName="RenderCJK", fontSize=8.5, leading=11, wordWrap="CJK")
    buf = io.BytesIO()
    pagesize = (A4[0], page_height or A4[1])
    doc = SimpleDocTemplate(buf, pagesize=pagesize, leftMargin=2 * cm, rightMargin=2 * cm, invariant=1)
    story = []
    for block in blocks:
        if isinstance(block, Grid):
            rows = _filled(block)
            data = [[Paragraph(html.escape(t), small) for t in row] for row in rows]
            total = sum(block.widths)
            widths = [doc.width * w / total for w in block.widths]
            table = Table(data, colWidths=widths, repeatRows=0)
            style = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
            taken: set[tuple[int, int]] = set()
            for r, row in enumerate(block.rows):
                c = 0
                for cell in row:
                    while (r, c) in taken:
                        c += 1
                    if cell.rowspan > 1 or cell.colspan > 1:
                        style.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
                    taken |= {(r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)}
                    c += cell.colspan
            table.setStyle(TableStyle(style))
            story.append(table)
        else:
            story.append(Paragraph(html.escape(block), body))
    doc.build(story)
    return buf.getvalue()
