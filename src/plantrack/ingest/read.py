"""Plan files to text: plain text, Word (.docx), PDF and HTML pages, told apart by their content.

The kind of a file is read from its first bytes, not its name: a .docx is a ZIP package holding
word/document.xml, a PDF starts with %PDF-, an HTML page starts with a doctype or a tag and holds
<html>, <body> or <table> (html_text.is_html), and anything else is taken as text. A file named
.docx or .pdf whose content is neither is refused rather than decoded as text. A file named .html
or .htm that starts with a tag is read as a page even without those three (a saved fragment); one
that starts with text is text (a page has no other way to start). Each kind has its
reader (READERS); what they all share is done once here: the sha256 and size are of the file's
own bytes (so ingesting the same .docx again changes nothing), the size limit, and the refusal
of a file with no text in it.

Plain text comes as UTF-8 (with or without a BOM) or in the legacy GB18030/GBK family. A strict
UTF-8 decode almost never succeeds on GBK bytes that contain Chinese, so the order UTF-8 first,
then GB18030 strictly, is decisive; a statistical detector would add guesses, not certainty.
Text that decodes under neither, contains NUL bytes, or holds no text is refused. Markdown pipe
tables in text become tab rows here (pipe_tables.py), line for line, so the table layouts read
them as they read a Word table.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .docx_text import docx_text
from .errors import PlanInputError
from .html_text import html_text, is_html
from .pdf_text import pdf_text
from .pipe_tables import pipe_tables_to_tab_rows

_BOMS = (("utf-8-sig", b"\xef\xbb\xbf"), ("utf-16", b"\xff\xfe"), ("utf-16", b"\xfe\xff"))
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office files (.doc, .wps) and encrypted .docx


@dataclass(frozen=True)
class SourceText:
    path: str
    text: str
    encoding: str
    sha256: str
    size: int


def _is_docx(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04")


def _is_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]  # readers accept the header anywhere in the first kilobyte


# The binary formats, tried in order on a file's bytes: (encoding reported, test, reader).
READERS: tuple[tuple[str, Callable[[bytes], bool], Callable[[bytes, str], str]], ...] = (
    ("docx", _is_docx, docx_text),
    ("pdf", _is_pdf, pdf_text),
    ("html", is_html, html_text),
)
_PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_NAMED = {".docx": "Word 文档（.docx）", ".pdf": "PDF 文件"}


def read_plan_bytes(data: bytes, path: str = "<bytes>") -> SourceText:
    """A plan file's bytes to its text, whatever the format; PlanInputError with a Chinese reason
    when they cannot be read as a plan."""
    if not data.strip():
        raise PlanInputError(path, "文件为空")
    _check_size(len(data), path)
    for encoding, test, reader in READERS:
        if test(data):
            text = reader(data, path)
            break
    else:
        if data.startswith(_OLE2):
            raise PlanInputError(
                path, "这是旧版 Office 文档（.doc/.wps）或加密的 Word 文档，不受支持；请用 Word 另存为 .docx 或 PDF（如有密码请先解除）"
            )
        suffix = Path(path).suffix.lower()
        if suffix in _NAMED:
            raise PlanInputError(path, f"扩展名是 {suffix}，但内容不是{_NAMED[suffix]}（文件可能已损坏或扩展名有误）")
        if suffix in _PAGE_SUFFIXES and data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            text, encoding = html_text(data, path), "html"
        else:
            text, encoding = decode_text(data, path)
            text = pipe_tables_to_tab_rows(text)
    if not any(ch.isalnum() for ch in text):
        raise PlanInputError(path, "文件中没有可识别的文字")
    return SourceText(path=path, text=text, encoding=encoding, sha256=hashlib.sha256(data).hexdigest(), size=len(data))


# The name callers that hand over bytes (uploads, tests) have always used.
decode_plan_bytes = read_plan_bytes


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Plain-text bytes to (text, encoding); PlanInputError when they are not text."""
    text = encoding = None
    for name, bom in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data.decode(name), name.replace("-sig", "")
            except UnicodeDecodeError:
                raise PlanInputError(path, f"文件以 {name} 字节序标记开头，但内容无法按该编码解码") from None
            break
    if text is None:
        if b"\x00" in data:
            raise PlanInputError(path, "文件含有二进制内容（NUL 字节），不是纯文本规划文件")
        for name in ("utf-8", "gb18030"):
            try:
                text, encoding = data.decode(name), name
                break
            except UnicodeDecodeError:
                continue
    if text is None:
        raise PlanInputError(path, "无法识别文件编码（既不是 UTF-8，也不是 GB18030/GBK）")
    if _looks_binary(text):
        raise PlanInputError(path, "文件含有大量控制字符，不是纯文本规划文件")
    return text, encoding


def max_plan_bytes() -> int:
    """The largest file taken as a plan text. Real plans are under 2 MB; 20 MB leaves room, and
    keeps a mistaken upload (a dump, a video) from tying up the parser. PLANTRACK_MAX_PLAN_MB overrides."""
    return int(float(os.environ.get("PLANTRACK_MAX_PLAN_MB", "20")) * 1024 * 1024)


def _check_size(size: int, path: str) -> None:
    if size > max_plan_bytes():
        raise PlanInputError(
            path, f"文件过大（{size / 1024 / 1024:.1f} MB），超过规划文件上限 {max_plan_bytes() // 1024 // 1024} MB"
        )


def read_plan_file(path: str | Path) -> SourceText:
    """Read one plan file (.txt, .md, .docx, .pdf or .html, told apart by content) and return its text."""
    p = Path(path)
    try:
        _check_size(p.stat().st_size, str(path))  # before reading: a huge file is never loaded
        data = p.read_bytes()
    except FileNotFoundError:
        raise PlanInputError(str(path), "文件不存在") from None
    except IsADirectoryError:
        raise PlanInputError(str(path), "这是一个目录，不是文件") from None
    except OSError as exc:
        raise PlanInputError(str(path), f"读取失败（{exc.strerror or exc}）") from None
    return read_plan_bytes(data, str(path))


def _looks_binary(text: str) -> bool:
    """More than 1% control characters (other than tab, CR, LF, FF) means this is not a text file."""
    sample = text[:200_000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    return controls > max(2, len(sample) // 100)
