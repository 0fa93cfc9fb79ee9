"""HTML pages (as saved from a government portal) to plan text.

Parser: lxml.html (libxml2's HTML parser). It repairs the broken markup portal pages are full of
(unclosed <p>, stray </td>, tables inside <font>) the way browsers do, it is already installed
as python-docx's XML engine (no second native dependency), and its tree gives what this reader
needs: elements, their attributes (rowspan, colspan) and text in document order. selectolax
(Lexbor) parses faster, which no plan of a few megabytes needs.

Bytes to characters: a byte order mark; else UTF-8 when the bytes are valid UTF-8 (GBK bytes
holding Chinese almost never are, as read.py argues; a page re-saved as UTF-8 often keeps its old
gb2312 declaration, and a declared iso-8859-1 decodes anything into mojibake); else the charset
the page declares (<meta charset> or <meta http-equiv content="...; charset=...">); else GB18030.
GB2312 and GBK are read as GB18030, their superset: pages declaring gb2312 often hold GBK-only
characters. A declared charset the bytes do not decode under falls back to GB18030 rather than
to an error.

The text is built like the Word reader's (docx_text.py), so one plan reads the same from both:

- the page's content only: <script>, <style>, <head> and the like hold no text; navigation,
  banners and footers (<nav>, <header>, <footer>, <aside>, ARIA roles, elements whose class or
  id is one of the words portals use for them) and hidden elements are page furniture, dropped
  as the Word reader drops page headers; a single <main> or <article> is the content when the
  page has one (its own <header> and <footer>, holding its title and date, then stay);
- block elements (p, div, h1-h6, li, br ...) end lines; inline elements (span, b, sub, font)
  run on, so PM<sub>2.5</sub> reads PM2.5; spaces collapse as a browser shows them, except in
  <pre>, and &nbsp; is a plain space that does not collapse; a line break in the markup between
  two Chinese characters is dropped, not made a space (pages saved from Word wrap sentences
  anywhere); each line is stripped (an indented line would read as a page start to the cleaner);
- a <table> is a grid (grid.py): one TAB row per <tr>, rowspan and colspan laid out so every
  cell stays under its column, a cell merged away written empty as the Word reader writes it,
  its <caption> the line above it;
  a table holding another table is page layout, not data, and is read as blocks.

Line numbers are those of the text built here: the source view shows this text, so a row cited
as line 42 is line 42 of what the user sees.
"""

from __future__ import annotations

import re
from itertools import groupby

from .errors import PlanInputError
from .grid import Cell, table_lines

_BOM_ENCODINGS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.I)
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}

# Elements whose content is never plan text.
_NO_TEXT = {"script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg", "canvas", "select",
            "button", "input", "textarea", "map"}
# Page furniture: by element, by ARIA role, by the words portals put in class and id.
_FURNITURE_TAGS = {"nav", "header", "footer", "aside", "menu"}
_FURNITURE_ROLES = {"navigation", "banner", "contentinfo", "search", "menu", "menubar"}
# Not "header" or "head": portals put the plan's title in div.article-header.
_FURNITURE_WORDS = {"nav", "navbar", "navigation", "menu", "footer", "breadcrumb", "breadcrumbs", "crumb", "crumbs",
                    "sidebar", "copyright", "share", "toolbar", "topbar"}
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# Chinese characters and full-width punctuation, between which a source line break is no space.
_WIDE = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2018-\u201d\u2026\u2014"
_SEGMENT_BREAK = re.compile(rf"(?<=[{_WIDE}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_WIDE}])")
_WORD_SPLIT = re.compile(r"[\s_\-]+")
# Elements that begin and end a line of their own.
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
           "article", "main", "blockquote", "pre", "hr", "table", "tr", "caption", "center", "form",
           "fieldset", "figure", "figcaption", "address", "body", "html"}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACES = re.compile(r"[ \t\n\r\f]+")

NO_TEXT = "网页中没有可识别的正文文字"


def is_html(data: bytes) -> bool:
    """A page by its content: a doctype, an <html>, <body> or <table> tag near the start."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not head.startswith(b"<"):  # a text plan quoting a tag (PM<sub>2.5</sub>) starts with text
        return False
    return head.startswith(b"<!doctype html") or any(tag in head for tag in (b"<html", b"<body", b"<table"))


def html_text(data: bytes, path: str) -> str:
    """The text of an HTML page's bytes; PlanInputError when it cannot be read or holds no text."""
    import lxml.html
    from lxml import etree

    markup = _XML_DECLARATION.sub("", decode_html(data, path), count=1)  # lxml refuses it in a str
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise PlanInputError(path, f"网页文件无法解析（{_one_line(exc)}）") from None
    content = _content_root(root)
    lines = _Reader(in_content=content.tag in ("main", "article")).lines(content)
    text = "\n".join(lines) + "\n"
    if not any(ch.isalnum() for ch in text):
        raise PlanInputError(path, NO_TEXT)
    return text


def decode_html(data: bytes, path: str) -> str:
    """The page's characters: BOM, else declared charset, else detected as plain text is."""
    for bom, name in _BOM_ENCODINGS:
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace")
    if not data.isascii():
        try:  # valid UTF-8 with Chinese in it is UTF-8, whatever the page declares (see above)
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    declared = _declared_charset(data)
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    for name in ("utf-8", "gb18030"):
        try:
            return data.decode(name)
        except UnicodeDecodeError:
            continue
    raise PlanInputError(path, "网页文件编码无法识别（声明的字符集、UTF-8 和 GB18030/GBK 都无法解码）")


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:8192])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    name = _CHARSET_ALIASES.get(name, name)
    try:
        "".encode(name)
    except LookupError:
        return None
    return name


def _content_root(root):
    """The page's one <main> or <article> when it has exactly one, else its body."""
    for tag in ("main", "article"):
        found = root.findall(f".//{tag}")
        if len(found) == 1 and _has_text(found[0]):
            return found[0]
    body = root.find("body")
    return body if body is not None else root


def _has_text(el) -> bool:
    return any(ch.isalnum() for ch in el.text_content())


def is_furniture(el, in_content: bool = False) -> bool:
    """Navigation, banners and footers: by tag, ARIA role, or a class or id word; hidden elements.
    Inside a page's <main> or <article>, <header> and <footer> are the article's own (its title,
    its date) and stay."""
    tag = el.tag.lower()
    if tag in _FURNITURE_TAGS and not (in_content and tag in ("header", "footer")):
        return True
    if (el.get("role") or "").strip().lower() in _FURNITURE_ROLES or el.get("hidden") is not None:
        return True
    if _HIDDEN.search(el.get("style") or ""):
        return True
    words = set(_WORD_SPLIT.split(f"{el.get('class') or ''} {el.get('id') or ''}".lower()))
    return bool(words & _FURNITURE_WORDS)


def join_segments(pieces: list[tuple[str, bool]]) -> str:
    """Text pieces (text, preformatted) as the browser shows them: white space collapsed, except
    in preformatted pieces; a line break in the markup between two Chinese characters is no space
    (CSS Text 3's segment break rule: Chinese has no spaces between words, a source line wrapped
    inside a sentence must not put one in)."""
    out = []
    for pre, run in groupby(pieces, key=lambda piece: piece[1]):
        text = "".join(t for t, _ in run)
        out.append(text if pre else _SPACES.sub(" ", _SEGMENT_BREAK.sub("", text)))
    return "".join(out).replace("\u00a0", " ")  # &nbsp; is a space a browser does not collapse


class _Reader:
    """Walks the tree once, collecting lines: inline text runs on, blocks and tables break."""

    def __init__(self, in_content: bool = False) -> None:
        self.out: list[str] = []
        self.current: list[tuple[str, bool]] = []
        self.in_content = in_content

    def lines(self, root) -> list[str]:
        self._walk(root, pre=False)
        self._break()
        return self.out

    def _break(self) -> None:
        if self.current:
            text = join_segments(self.current)
            self.current = []
            for line in text.split("\n"):
                line = line.strip(" \t\r\f\u3000")
                if line:
                    self.out.append(line)

    def _text(self, text: str | None, pre: bool) -> None:
        if text:
            self.current.append((text, pre))

    def _walk(self, el, pre: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None:  # a comment or processing instruction: only its tail is text
            return
        tag = tag.lower()
        if tag in _NO_TEXT or is_furniture(el, self.in_content):
            return
        if tag == "br":
            self.current.append(("\n", True))
            return
        if tag == "table" and el.find(".//table") is None:
            self._break()
            for caption in (c for c in el if isinstance(c.tag, str) and c.tag.lower() == "caption"):
                self._walk(caption, pre)
                self._break()
            self.out.extend(table_lines(self._grid(el)))
            return
        block = tag in _BLOCKS or tag in ("td", "th")
        pre = pre or tag == "pre"
        if block:
            self._break()
        self._text(el.text, pre)
        for child in el:
            self._walk(child, pre)
            self._text(child.tail, pre)
        if block:
            self._break()

    def _cell_parts(self, cell) -> list[str]:
        """A cell's text as its lines, read by the same rules as the page."""
        reader = _Reader(self.in_content)
        reader._text(cell.text, False)
        for child in cell:
            reader._walk(child, False)
            reader._text(child.tail, False)
        reader._break()
        return reader.out

    def _grid(self, table) -> list[list[Cell]]:
        """The table's rows as grid rows: rowspan and colspan laid out, merged-away cells empty."""
        rows: list[list[Cell]] = []
        pending: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
        for tr in _rows(table):
            row: list[Cell] = []
            col = 0

            def fill_covered() -> None:
                nonlocal col
                while pending.get(col, 0) > 0:
                    row.append([])
                    pending[col] -= 1
                    col += 1

            fill_covered()
            for cell in tr:
                if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                    continue
                span = _span(cell.get("colspan"), 1000)
                down = _span(cell.get("rowspan"), 10_000)
                row.append(self._cell_parts(cell))
                for k in range(span):
                    if k:
                        row.append([])
                    if down > 1:
                        pending[col] = down - 1
                    col += 1
                fill_covered()
            for c in sorted(k for k, v in pending.items() if v > 0 and k >= col):  # rowspans past this row's end
                row.extend([] for _ in range(c - len(row)))
                row.append([])
                pending[c] -= 1
            rows.append(row)
        return rows


def _rows(table):
    """The table's <tr> in order, whether directly under it or in thead/tbody/tfoot."""
    for child in table:
        if not isinstance(child.tag, str):
            continue
        tag = child.tag.lower()
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child if isinstance(tr.tag, str) and tr.tag.lower() == "tr")


def _span(value: str | None, limit: int) -> int:
    """A rowspan or colspan as a count: browsers read "2px" as 2 and anything unreadable as 1."""
    match = re.match(r"\s*(\d+)", value or "")
    return max(1, min(int(match.group(1)), limit)) if match else 1


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
