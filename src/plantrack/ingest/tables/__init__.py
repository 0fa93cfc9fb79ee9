"""Indicator tables and review tables, recognised by their body as well as their header.

The steps, each in its own module (pdfplumber's separation of edges, cells and tables):

- `furniture`: page furniture inside a table (page numbers, running headers, repeated titles);
- `cells`: the type of every cell (name, unit, number, marker, binding word, year, header word);
- `regions`: candidate regions — a header run, or a run of body rows with no header at all
  (continuation pages) — and the table-like runs that were not read;
- `columns`: column roles from header words, whatever the header's shape;
- `layouts`: finding tables and the row readers of the layouts ("tab": one row per line; "flow":
  cells split by spaces, rows wrapped, one cell per line);
- `fields`: a row's cells as the contract's indicator or review row;
- `glued`: tables whose cells were run together with no separator (text dumps);
- `confidence`: how sure the reader is of each table and row (evidence and confidence in the JSON).

Callers use `find_tables` (the tables of cleaned lines) and `unread_regions(lines, tables)` (the
(first, last) source lines of table-shaped runs no table took, for the completeness checks).
"""

from .layouts import (  # noqa: F401
    Column,
    Row,
    Table,
    columns_from_header,
    find_tables,
    indicator_from_row,
    review_from_row,
    split_name,
    strip_title_label,
    table_lines,
    unread_regions,
)
