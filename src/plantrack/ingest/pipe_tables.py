"""Markdown pipe tables (`| a | b |` over a `|---|---|` row) as the tab rows tables.py reads.

Plans converted from HTML or Word to Markdown keep their indicator table as a pipe table. Its
rows are the same grid a Word table gives, so they are written the same way (grid.py): cells
joined by TAB, a category label alone in its first cell below the header written as a tab row
("\t经济发展", see grid.is_label_row), trailing empty cells dropped.

The rule keeps line numbers: one output line per input line. The separator row carries no
content and becomes an empty line (the cleaner drops empty lines), so every indicator row still
cites the line it stands on in the file.

A pipe table is recognised as GitHub-flavoured Markdown defines it, and only so: a header row,
then a separator row of dashes (colons allowed for alignment) with the same number of cells,
then the body rows that follow without a blank line. A cell holding <br> (a converter's way to
keep a wrapped cell) is one cell: its parts joined as a Word cell's paragraphs are (grid.join_parts). A line with a `|` elsewhere in the text
(a formula, 国家级|省级) is left as it is: without its separator row it is not a table. Nor is a
run of one-cell lines each closed by a pipe (a web table flattened to one cell per line, `约束性 |`
above `- |`): a table of one column is that flattening, whose `-` cells look like a separator.
"""

from __future__ import annotations

import re

from .grid import is_label_row, join_parts, row_lines

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_LINE_BREAK = re.compile(r"<br\s*/?>", re.I)  # a cell's own line breaks: converters write <br>


def split_pipe_row(line: str) -> list[str]:
    """The cells of one pipe-table row: outer pipes dropped, `\\|` kept as a pipe in its cell."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return [join_parts(_LINE_BREAK.split(cell.replace("\\|", "|"))) for cell in _UNESCAPED_PIPE.split(text)]


def is_separator_row(line: str) -> bool:
    return "|" in line and bool(_SEPARATOR.match(line))


def _is_pipe_row(line: str) -> bool:
    return bool(line.strip()) and bool(_UNESCAPED_PIPE.search(line))


def pipe_table_spans(lines: list[str]) -> list[tuple[int, int, int]]:
    """(header, separator, end) indices of each pipe table; end is exclusive."""
    spans = []
    i = 1
    while i < len(lines):
        header, separator = lines[i - 1], lines[i]
        if (
            is_separator_row(separator)
            and _is_pipe_row(header)
            and len(split_pipe_row(header)) == len(split_pipe_row(separator)) >= 2
        ):
            end = i + 1
            while end < len(lines) and _is_pipe_row(lines[end]) and not is_separator_row(lines[end]):
                end += 1
            spans.append((i - 1, i, end))
            i = end + 1
        else:
            i += 1
    return spans


def pipe_tables_to_tab_rows(text: str) -> str:
    """The text with every pipe table's rows as tab rows, its separator row as an empty line."""
    if "|" not in text:
        return text
    lines = text.split("\n")
    for header, separator, end in pipe_table_spans(lines):
        for i in range(header, end):
            if i == separator:
                lines[i] = ""
                continue
            ending = "\r" if lines[i].endswith("\r") else ""
            row = [[cell] for cell in split_pipe_row(lines[i])]
            if i > separator and is_label_row(row):
                lines[i] = "\t" + join_parts(row[0]) + ending
                continue
            out = row_lines(row)
            lines[i] = (out[0] if out else "") + ending
    return "\n".join(lines)
