"""Table rows of a Word or PDF document as plan text lines, in the tab layout tables.py reads.

Both readers see a table as rows of cells, each cell a list of parts (a Word cell's paragraphs, a
PDF cell's wrapped lines). Written out the same way, one table reads the same whichever file it
came from:

- a row is one line, its cells joined by a TAB; a cell's parts are joined into one text (a name
  wrapped inside its cell is one name), so a cell never breaks its row;
- a cell merged away (to the right of a horizontal merge, below a vertical one) is written as an
  empty cell by the reader, keeping every later cell under its column;
- a row whose only text is in its first cell (a 专栏 box drawn as a one-cell table, a caption or
  note row across the table) is text rather than grid: each of its parts is a line of its own,
  as the paragraphs of the box are;
- except a label row inside a table: below a row of two or more cells, one short line with no
  sentence punctuation (经济发展, 一、设施网络 merged across the table) is a category of the rows
  under it, and stays a row of the table. It is written with an empty first cell ("\t经济发展"):
  the cleaner strips trailing tabs, and a line without a tab ends a tab table in tables.py
  unless it is numbered as a category (一、), so the tab in front is what keeps the label in.
"""

from __future__ import annotations

import re

Cell = list[str]  # the parts of one cell, in reading order

_CONTROL = re.compile(r"[\t\r\n\f\v]+")


def join_parts(parts: list[str]) -> str:
    """The parts of one cell as one text: joined directly, with a space only between two Latin
    words or numbers (Chinese wraps anywhere, "PM2.5" and "浓度" need nothing, "GDP" "per" do)."""
    out = ""
    for part in parts:
        part = _CONTROL.sub(" ", part).strip()
        if not part:
            continue
        if out and _latin(out[-1]) and _latin(part[0]):
            out += " "
        out += part
    return out


def row_lines(cells: list[Cell]) -> list[str]:
    """The text lines of one table row (none for an empty row)."""
    texts = [join_parts(c) for c in cells]
    if not any(texts):
        return []
    if not any(texts[1:]):
        return [line for part in cells[0] for line in (_CONTROL.sub(" ", p).strip() for p in part.splitlines()) if line]
    while texts and not texts[-1]:
        texts.pop()
    return ["\t".join(texts)]


def table_lines(rows: list[list[Cell]]) -> list[str]:
    lines: list[str] = []
    below_a_header = False
    for row in rows:
        if below_a_header and is_label_row(row):
            lines.append("\t" + join_parts(row[0]))
            continue
        lines.extend(row_lines(row))
        below_a_header = below_a_header or sum(1 for c in row if join_parts(c)) >= 2
    return lines


_SENTENCE = re.compile(r"[。；;：:！？!?]|^(?:注|备注|说明|资料来源|数据来源|专栏|附表|表\s*\d)")
LABEL_CHARS = 30


def is_label_row(row: list[Cell]) -> bool:
    """A category label merged across a table: text in the first cell only, one short line."""
    if len(row) < 3 or any(join_parts(c) for c in row[1:]):
        return False
    parts = [p for p in row[0] if p.strip()]
    text = join_parts(row[0])
    return len(parts) == 1 and 0 < len(text) <= LABEL_CHARS and not _SENTENCE.search(text)


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()
