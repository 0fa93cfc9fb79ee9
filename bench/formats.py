"""Each corpus plan as an HTML page, Markdown and a Word document: same indicator rows as its text?

    PYTHONPATH=src .venv/bin/python bench/formats.py [CORPUS_DIR]

CORPUS_DIR defaults to ../shared/corpus next to the repository. Each .txt plan is turned into the
three formats the simple way a converter would: every line a paragraph, every run of tab rows one
table (in HTML a <table> in a GBK page with a navigation bar and a footer; in Markdown a pipe
table; in Word a table). Each is read back through plantrack.ingest.read and parsed; the figure
is how many indicator rows (all fields but the line) equal the text form's, and the time to read
and parse the rendered file.
The seed fixtures' rowspan/colspan and ruled-PDF renderings are tests/ingest/test_read_formats.py.
Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import html
import io
import re
import time
from pathlib import Path

from plantrack.ingest.pipeline import parse_bytes

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
FIELDS = ("category", "name", "unit", "tag", "base_year", "base_value", "base_text", "target_year", "target_value",
          "target_text", "annual_growth", "binding")


def blocks(text: str) -> list:
    """Paragraph strings and tables (lists of rows of cells), in order."""
    out: list = []
    for line in text.split("\n"):
        if "\t" in line:
            if not out or not isinstance(out[-1], list):
                out.append([])
            out[-1].append(line.split("\t"))
        elif line.strip():
            out.append(line.strip())
    return out


def as_html(parts: list) -> bytes:
    body = []
    for part in parts:
        if isinstance(part, list):
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in part)
            body.append(f"<table border=1>{rows}</table>")
        else:
            body.append(f"<p>{html.escape(part)}</p>")
    page = ('<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"></head>'
            f'<body><div class="nav">首页 &gt; 政务公开</div>{"".join(body)}<div class="footer">版权所有</div></body></html>')
    return page.encode("gb18030")


def as_markdown(parts: list) -> bytes:
    out = []
    for part in parts:
        if isinstance(part, list):
            width = max(len(r) for r in part)
            rows = [r + [""] * (width - len(r)) for r in part]
            out += ["", "| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
            out += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows[1:]] + [""]
        else:
            out.append(part)
    return "\n".join(out).encode("utf-8")


def as_docx(parts: list) -> bytes:
    import docx

    document = docx.Document()
    for part in parts:
        if isinstance(part, list):
            width = max(len(r) for r in part)
            table = document.add_table(rows=len(part), cols=width)
            for r, row in enumerate(part):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        else:
            document.add_paragraph(part)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def rows(plan: dict) -> list[tuple]:
    return [tuple(re.sub(r"\s+", "", v) if isinstance(v, str) else v for v in (i[f] for f in FIELDS))
            for i in plan["indicators"]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help=f"folder of .txt plans (default {DEFAULT_CORPUS})")
    args = ap.parse_args(argv)
    print(f"{'file':38} {'rows':>5} " + " ".join(f"{f:>16}" for f in ("html", "markdown", "docx")))
    for path in sorted(args.corpus.glob("*.txt")):
        data = path.read_bytes()
        text_rows = rows(parse_bytes(data, path.name))
        text = data.decode("utf-8") if not data.startswith(b"\xef\xbb\xbf") else data[3:].decode("utf-8")
        parts = blocks(text)
        cells = []
        for suffix, render in ((".html", as_html), (".md", as_markdown), (".docx", as_docx)):
            rendered = render(parts)
            start = time.perf_counter()
            got = rows(parse_bytes(rendered, path.stem + suffix))
            elapsed = time.perf_counter() - start
            same = sum(1 for a, b in zip(got, text_rows) if a == b) if len(got) == len(text_rows) else 0
            cells.append(f"{same}/{len(text_rows)} {elapsed:5.2f}s")
        print(f"{path.name:38} {len(text_rows):>5} " + " ".join(f"{c:>16}" for c in cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
