"""Word (.docx) documents to plan text.

The text is the plan's source text: stored, shown in the source view, and counted for line
numbers, so it is built from the document body alone and in document order:

- body paragraphs and tables interleaved as they stand (an indicator table sits between the
  paragraphs that announce and explain it; reading all paragraphs, then all tables, would move
  it away from its section);
- a paragraph is a line; a line break inside it (Shift+Enter) starts another line, a tab stays a
  tab; an empty paragraph is an empty line (the cleaner drops those);
- a table row is one line of cells joined by TAB (grid.py, the tab layout of tables.py); a cell
  merged across columns is written once with empty cells to its right, a cell merged down is
  written in its first row only, and empty cells before or after a short row
  (w:gridBefore/gridAfter) keep the cells under their columns;
- headers, footers, footnotes, comments and text boxes are left out: page furniture or notes,
  not the body whose lines the parse cites;
- heading styles add nothing: plans write 第一章, 一、 and （一） in the text. Word's automatic
  list numbering is not text in the file and is not rebuilt.
"""

from __future__ import annotations

import io
import zipfile

from ..domain.limits import LimitExceeded, check_zip
from .errors import PlanInputError
from .grid import Cell, table_lines

DOCUMENT_PART = "word/document.xml"


def docx_text(data: bytes, path: str) -> str:
    """The body text of a .docx file's bytes; PlanInputError when it is not a readable Word document."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise PlanInputError(path, f"Word 文档（.docx）已损坏，无法打开（{exc}）") from None
    if DOCUMENT_PART not in names:
        raise PlanInputError(path, "文件是 ZIP 压缩包，但不是 Word 文档（.docx）")
    try:
        check_zip(data, "Word 文档")  # a bomb is refused from its directory, before any part is inflated
    except LimitExceeded as exc:
        raise PlanInputError(path, str(exc)) from None
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(table_lines(_table_rows(block)))
            else:
                lines.extend(block.text.splitlines() or [""])
    except Exception as exc:  # broken XML or parts: python-docx and lxml raise many kinds
        raise PlanInputError(path, f"Word 文档（.docx）已损坏，无法读取（{type(exc).__name__}: {exc}）") from None
    return "\n".join(lines) + "\n"


def _table_rows(table) -> list[list[Cell]]:
    """The table as rows of grid cells: one entry per grid column, merged-away cells empty."""
    from docx.table import _Cell

    rows = []
    for tr in table._tbl.tr_lst:
        cells: list[Cell] = [[] for _ in range(tr.grid_before)]
        for tc in tr.tc_lst:
            merged_down = tc.vMerge == "continue"
            cells.append([] if merged_down else [p.text for p in _Cell(tc, table).paragraphs])
            cells.extend([] for _ in range(tc.grid_span - 1))
        cells.extend([] for _ in range(tr.grid_after))
        rows.append(cells)
    return rows
