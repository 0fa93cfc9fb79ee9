"""The one interface every report format implements.

A writer lays out a finished ReportModel; it decides nothing about content, so the four formats
say the same things. Callers pick a writer by format name and stream to any binary sink (a file,
an HTTP body).
"""

from __future__ import annotations

import io
from abc import ABC, abstractmethod
from typing import BinaryIO, ClassVar

from ..model import ReportModel


class ReportWriter(ABC):
    format: ClassVar[str]      # the name callers ask for: html | docx | pdf | xlsx
    suffix: ClassVar[str]      # file name ending, with the dot
    media_type: ClassVar[str]
    label: ClassVar[str]       # what the format is, for people

    @abstractmethod
    def write(self, model: ReportModel, out: BinaryIO) -> None:
        """Write the report to out; out is left open."""

    def to_bytes(self, model: ReportModel) -> bytes:
        buf = io.BytesIO()
        self.write(model, buf)
        return buf.getvalue()
