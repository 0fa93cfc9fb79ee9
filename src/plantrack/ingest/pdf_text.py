"""Text PDFs to plan text, page by page.

pdfplumber (on pdfminer.six) gives every character with its position and finds ruled tables,
which is what a plan's text needs; the same text must come out of the same file every time, as
it is the plan's source text (stored, shown, cited by line number). How the text is built:

- A page is read top to bottom as blocks: lines of running text and ruled tables, in the order
  of their top edge (a table stays between the paragraphs around it).
- A ruled table (pdfplumber's default 'lines' strategy) with two or more filled cells in a row
  is written like a Word table (grid.py): one line per row, cells joined by TAB, the tab layout
  of tables.py; its characters are kept out of the running text.
- When the table finder fails on a page (pdfminer's drawing operators on a damaged or unusual
  file raise many kinds of error), the page is read by character positions alone, as a page
  without ruling lines is: its tables come out as lines whose cells are set apart by gaps, which
  the flow layout of tables.py reads. One bad drawing does not cost the whole file.
- Running text: characters clustered into lines by their top edge. Space characters the PDF
  draws are kept (one per run); a horizontal gap wider than CELL_GAP em becomes two spaces (the
  cells of an unruled table: the flow layout of tables.py splits on runs of spaces); a smaller
  gap becomes a space between Latin letters or digits only, never between Chinese characters,
  which justified lines stretch apart.
- Page numbers in the top or bottom margin are dropped here: the reader sees where a line sits,
  the cleaner only what it says, and a bare "12" is as often a table value as a page number.
  The first line of every page after the first is indented by one space, the cleaner's mark of
  a page start (its running-header rule counts page starts). A form feed would mark it too, but
  it stays in the line's text, where rules anchored at the start of a line (注：, 专栏) miss it.
- Kangxi radicals and CJK compatibility ideographs become the ideographs they stand for: fonts
  embedded by office software often map 生 to ⽣ (U+2F63), which reads the same but matches no
  word. Nothing else is normalised (full-width punctuation stays as the plan wrote it).
- A PDF with no text on any page is a scan: refused with the advice to run OCR first, rather
  than parsed to an empty plan. An encrypted PDF that needs a password is refused by name.

Weak spots, by design of a line reader: two-column pages are read across both columns; unruled
tables depend on the gaps between their cells; text drawn vertically is read as it comes.
"""

from __future__ import annotations

import io
import re
import unicodedata
from functools import lru_cache
from operator import itemgetter

from ..domain.limits import LimitExceeded, check_pages
from .errors import PlanInputError
from .grid import table_lines

CELL_GAP = 1.5  # em: a gap this wide inside a line separates cells, not words
WORD_GAP = 0.25  # em: a gap this wide between Latin letters or digits is a word space
LINE_TOLERANCE = 3  # pt: characters whose top edges differ by less stand on one line
MARGIN = 0.1  # of the page height: the bands at top and bottom where page numbers stand
PAGE_START = " "  # clean.py: a line indented by exactly one space opens a page

NO_TEXT = "PDF 中没有文字层（可能是扫描件），请先做文字识别（OCR）"

_PAGE_NUMBER = re.compile(
    r"^[-—–－~·•\s]*(?:第\s*)?[0-9０-９]{1,4}(?:\s*页)?(?:\s*[/／]\s*[0-9]{1,4}|\s*[,，]?\s*共\s*[0-9]{1,4}\s*页)?[-—–－~·•\s]*$"
)


def pdf_text(data: bytes, path: str) -> str:
    """The text of a PDF file's bytes; PlanInputError when it is locked, broken or has no text."""
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    lines: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            check_pages(page_count(pdf))  # from the page tree, before any page is laid out
            for number, page in enumerate(pdf.pages, start=1):
                check_pages(number)  # a tree whose /Count lies is stopped at the limit all the same
                page_text = page_lines(page)
                if page_text and lines:
                    page_text[0] = PAGE_START + page_text[0]
                lines.extend(page_text)
    except LimitExceeded as exc:
        raise PlanInputError(path, str(exc)) from None
    except PdfminerException as exc:
        raise _open_error(path, exc.args[0] if exc.args else exc) from None
    except Exception as exc:  # pdfminer raises many kinds on a damaged file
        raise PlanInputError(path, f"PDF 文件已损坏，无法读取（{type(exc).__name__}: {exc}）") from None
    text = unify_ideographs("\n".join(lines)) + "\n"
    if not any(ch.isalnum() for ch in text):
        raise PlanInputError(path, NO_TEXT)
    return text


def page_count(pdf) -> int:
    """The pages the document's page tree declares (/Count of the root /Pages), read without
    enumerating them; 0 when the tree has no count (then the pages are counted as they are read)."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
    except Exception:  # noqa: BLE001 - a damaged tree: leave it to the page reader to report
        return 0
    return count if isinstance(count, int) else 0


def page_lines(page) -> list[str]:
    """One page as text lines, top to bottom: running text and ruled tables in place."""
    from pdfplumber.utils import cluster_objects

    keep = {id(c) for c in distinct_chars(page.chars)}  # text drawn twice for a bold look reads 第第一一章章
    page = page.filter(lambda obj: obj.get("object_type") != "char" or id(obj) in keep)
    grids = ruled_tables(page)
    blocks: list[tuple[float, list[str]]] = [(bbox[1], table_lines(_cells(rows))) for bbox, rows in grids]
    chars = [c for c in page.chars if not any(_inside(c, bbox) for bbox, _ in grids)]
    _, page_top, _, page_bottom = page.bbox
    band = page.height * MARGIN
    for line_chars in cluster_objects(chars, itemgetter("top"), LINE_TOLERANCE):
        text = line_text(line_chars)
        top = min(c["top"] for c in line_chars)
        bottom = max(c["bottom"] for c in line_chars)
        in_margin = bottom < page_top + band or top > page_bottom - band
        if text and not (in_margin and _PAGE_NUMBER.match(text)):
            blocks.append((top, [text]))
    blocks.sort(key=itemgetter(0))
    return [line for _, lines in blocks for line in lines]


def ruled_tables(page) -> list[tuple[tuple[float, float, float, float], list[list[str | None]]]]:
    """(bbox, rows) of the page's ruled tables; none when the table finder fails on the page."""
    try:
        return [(t.bbox, rows) for t in page.find_tables() if _is_grid(rows := t.extract())]
    except Exception:  # the finder's failure is the table's, not the text's: read by positions
        return []


def distinct_chars(chars: list[dict], tolerance: float = 1.0) -> list[dict]:
    """The characters less those drawn again within tolerance pt of a same one (same text, font
    and size). pdfplumber's dedupe_chars does the same by sorting, which took most of a page's time."""
    seen: dict[tuple, list[dict]] = {}
    out = []
    for c in chars:
        key = (c["text"], c.get("fontname"), round(c["size"], 1))
        x, y = round(c["x0"] / tolerance), round(c["top"] / tolerance)
        near = (d for dx in (-1, 0, 1) for dy in (-1, 0, 1) for d in seen.get((*key, x + dx, y + dy), ()))
        if any(abs(d["x0"] - c["x0"]) <= tolerance and abs(d["top"] - c["top"]) <= tolerance for d in near):
            continue
        seen.setdefault((*key, x, y), []).append(c)
        out.append(c)
    return out


def line_text(chars: list[dict]) -> str:
    """The characters of one line as text, with the spaces the gaps between them mean."""
    out: list[str] = []
    prev = None
    pending_space = False
    for c in sorted(chars, key=itemgetter("x0")):
        if not c["text"].strip():
            pending_space = prev is not None
            continue
        if prev is not None:
            gap = c["x0"] - prev["x1"]
            em = max(c["size"], prev["size"]) or 10
            if gap > CELL_GAP * em:
                out.append("  ")
            elif pending_space or (gap > WORD_GAP * em and _latin(prev["text"]) and _latin(c["text"])):
                out.append(" ")
        out.append(c["text"])
        prev, pending_space = c, False
    return "".join(out)


def _is_grid(rows: list[list[str | None]]) -> bool:
    """A ruled table worth reading as one: some row has two filled cells (a frame drawn round a
    box of text is one cell wide and reads better as running text)."""
    return any(sum(1 for cell in row if cell and cell.strip()) >= 2 for row in rows)


def _cells(rows: list[list[str | None]]) -> list[list[list[str]]]:
    """pdfplumber's rows (None where a merged cell continues) as grid rows of cell parts."""
    return [[(cell or "").splitlines() for cell in row] for row in rows]


def _inside(char: dict, box: tuple[float, float, float, float]) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _open_error(path: str, exc: BaseException) -> PlanInputError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if isinstance(exc, PDFPasswordIncorrect):
        return PlanInputError(path, "PDF 文件已加密，需要密码才能打开；请先解除密码保护")
    if isinstance(exc, PDFEncryptionError):
        return PlanInputError(path, f"PDF 文件已加密，无法读取（{exc}）；请先解除密码保护")
    return PlanInputError(path, f"PDF 文件已损坏，无法打开（{type(exc).__name__}: {exc}）")


def unify_ideographs(text: str) -> str:
    return text.translate(_ideograph_table())


@lru_cache(maxsize=1)
def _ideograph_table() -> dict[int, str]:
    """Kangxi radicals, CJK radicals and compatibility ideographs -> the unified ideograph each
    stands for (their NFKC form, where that is one ideograph)."""
    table = {}
    for start, end in ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF)):
        for code in range(start, end + 1):
            mapped = unicodedata.normalize("NFKC", chr(code))
            if mapped != chr(code) and len(mapped) == 1 and "\u4e00" <= mapped <= "\u9fff":
                table[code] = mapped
    return table
