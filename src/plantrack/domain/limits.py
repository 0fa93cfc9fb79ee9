"""How much of anything one input may make the server do: the resource limits, in one place.

A probe (issue 12) found a 328 KB .docx that expanded to 100 MB of paragraphs, a 3.2 MB one that
expanded to 1.1 GB, a 20,000-page PDF, and a 500 MB upload spooled to disk before it was refused.
Each limit here is checked before the costly work starts: a .docx/.xlsx from its ZIP directory
(the sizes and entry count the archive declares, read without decompressing anything), a PDF from
its page tree's /Count, a request body from Content-Length and again while it streams in
(web/body_limit.py), an import from its row count. Python's zipfile never inflates an entry past
the size its directory declares (a lying entry ends in a CRC error), so checking the declared
sizes bounds what lxml, python-docx and openpyxl can be made to read.

Every limit is configurable by an environment variable (read on each call, so a test or an
operator can change it without a restart) and every refusal says, in Chinese, which limit and how
to raise it.
"""

from __future__ import annotations

import io
import os
import zipfile

MB = 1024 * 1024


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        raise LimitExceeded(f"环境变量 {name} 的值“{raw}”不是数字") from None
    if value <= 0:
        raise LimitExceeded(f"环境变量 {name} 必须大于 0（现为 {raw}）")
    return value


class LimitExceeded(ValueError):
    """An input over one of the limits; the message is Chinese and names the limit's variable."""


def max_unzipped_bytes() -> int:
    """The total uncompressed size a .docx/.xlsx may declare (PLANTRACK_MAX_UNZIPPED_MB, default
    200): a real plan's document.xml is a few MB, a workbook of observations less."""
    return int(_number("PLANTRACK_MAX_UNZIPPED_MB", 200) * MB)


def max_zip_entries() -> int:
    """The number of parts a .docx/.xlsx may hold (PLANTRACK_MAX_ZIP_ENTRIES, default 2000)."""
    return int(_number("PLANTRACK_MAX_ZIP_ENTRIES", 2000))


def max_pdf_pages() -> int:
    """The pages a PDF plan may have (PLANTRACK_MAX_PDF_PAGES, default 1000; outlines run to 200)."""
    return int(_number("PLANTRACK_MAX_PDF_PAGES", 1000))


def max_import_rows() -> int:
    """The data rows one CSV/XLSX import may hold (PLANTRACK_MAX_IMPORT_ROWS, default 50,000)."""
    return int(_number("PLANTRACK_MAX_IMPORT_ROWS", 50_000))


def max_request_bytes() -> int | None:
    """The largest request body the server reads (PLANTRACK_MAX_REQUEST_MB); None leaves the
    default to the web layer, which sizes it to the largest upload form it accepts."""
    raw = os.environ.get("PLANTRACK_MAX_REQUEST_MB")
    return int(_number("PLANTRACK_MAX_REQUEST_MB", 1) * MB) if raw and raw.strip() else None


def check_zip(data: bytes, kind: str) -> None:
    """Refuse a ZIP package (kind: "Word 文档" or "Excel 工作簿") whose directory declares more
    entries or more uncompressed bytes than allowed. Reads the central directory only; a file that
    is not a ZIP at all is left to the format's own reader to report."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        return
    limit = max_zip_entries()
    if len(entries) > limit:
        raise LimitExceeded(f"{kind}包含 {len(entries)} 个部件，超过上限 {limit} 个"
                            f"（可用环境变量 PLANTRACK_MAX_ZIP_ENTRIES 调整），未读取")
    total = sum(e.file_size for e in entries)
    limit = max_unzipped_bytes()
    if total > limit:
        raise LimitExceeded(f"{kind}解压后为 {total / MB:.1f} MB，超过上限 {limit // MB} MB"
                            f"（可用环境变量 PLANTRACK_MAX_UNZIPPED_MB 调整），未读取")


def check_pages(pages: int) -> None:
    limit = max_pdf_pages()
    if pages > limit:
        raise LimitExceeded(f"PDF 共 {pages} 页，超过上限 {limit} 页"
                            f"（可用环境变量 PLANTRACK_MAX_PDF_PAGES 调整），未读取")


def check_rows(count: int) -> None:
    """Called as rows are read: refuses the file once it holds more data rows than allowed.
    Messages carry no file name: each caller's error type puts the name in front its own way."""
    limit = max_import_rows()
    if count > limit:
        raise LimitExceeded(f"数据超过 {limit} 行，未导入；请分成多个文件"
                            f"（或用环境变量 PLANTRACK_MAX_IMPORT_ROWS 调整上限）")
