"""One reader per input format (CSV, XLSX), each yielding the rows of a file with their row numbers.

Row numbers are those a person sees in a spreadsheet: the header is row 1, the first value row 2.
"""

from __future__ import annotations

import csv
import io
from abc import ABC, abstractmethod
from collections.abc import Iterator
from pathlib import Path

REQUIRED_COLUMNS = ("region", "indicator", "unit", "year", "value")
KNOWN_COLUMNS = (*REQUIRED_COLUMNS, "source_url", "source_title", "quote", "series", "flags", "note", "confirm_reason")


class ReaderError(ValueError):
    """The file as a whole cannot be read (format, encoding, missing columns); Chinese message."""


class ObservationReader(ABC):
    suffixes: tuple[str, ...]

    @abstractmethod
    def rows(self, data: bytes, name: str) -> Iterator[tuple[int, dict[str, str]]]:
        """(row number, {column: text}) for every non-empty row."""


def _check_header(header: list[str], name: str) -> list[str]:
    header = [(h or "").strip().lstrip("\ufeff") for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise ReaderError(f"{name}：缺少必需的列 {', '.join(missing)}（需要 {', '.join(REQUIRED_COLUMNS)}）")
    return header


class CsvReader(ObservationReader):
    suffixes = (".csv", ".txt")

    def rows(self, data: bytes, name: str):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ReaderError(f"{name}：无法识别文件编码（应为 UTF-8 或 GB18030）")
        reader = csv.reader(io.StringIO(text))
        try:
            header = _check_header(next(reader), name)
        except StopIteration:
            raise ReaderError(f"{name}：文件为空") from None
        for number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            yield number, {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header) if h}


class XlsxReader(ObservationReader):
    suffixes = (".xlsx", ".xlsm")

    def rows(self, data: bytes, name: str):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:
            raise ReaderError(f"{name}：不是可读取的 Excel 文件（{type(exc).__name__}）") from None
        ws = wb.worksheets[0]
        it = ws.iter_rows(values_only=True)
        try:
            header = _check_header([str(c) if c is not None else "" for c in next(it)], name)
        except StopIteration:
            raise ReaderError(f"{name}：工作表为空") from None
        for number, cells in enumerate(it, start=2):
            if not any(c not in (None, "") for c in cells):
                continue
            yield number, {h: ("" if c is None else str(c).strip()) for h, c in zip(header, cells) if h}
        wb.close()


READERS: tuple[ObservationReader, ...] = (CsvReader(), XlsxReader())


def reader_for(path: str | Path) -> ObservationReader:
    suffix = Path(path).suffix.lower()
    for r in READERS:
        if suffix in r.suffixes:
            return r
    raise ReaderError(f"{path}：不支持的文件类型“{suffix or '无扩展名'}”，请使用 CSV 或 XLSX")
