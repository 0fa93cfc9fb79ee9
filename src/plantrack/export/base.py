"""The one interface every export format implements.

Callers choose a format by name and stream to any binary sink (an HTTP body, a file), so adding a
format is adding one class, not touching the API or the CLI.
"""

from __future__ import annotations

import io
from abc import ABC, abstractmethod
from typing import BinaryIO, ClassVar

# The contract's indicator fields, in the contract's order (../shared/contract/plan-json.md).
INDICATOR_FIELDS = (
    "category", "name", "unit", "tag", "base_year", "base_value", "base_text", "target_year",
    "target_value", "target_text", "annual_growth", "binding", "line",
)

# The contract's review-row fields; parsers may add more (they follow these, in first-seen order).
REVIEW_FIELDS = (
    "category", "name", "unit", "tag", "base_year", "base_value", "base_text", "target_year",
    "target_value", "target_text", "planned_growth", "actual_year", "actual_value", "actual_text",
    "actual_growth", "binding", "line",
)


def columns(rows: list[dict], known: tuple[str, ...]) -> list[str]:
    """The contract's fields, then any field the rows add, so an export never drops data."""
    extra: list[str] = []
    for row in rows:
        extra.extend(k for k in row if k not in known and k not in extra)
    return [*known, *extra]


class Exporter(ABC):
    """Writes one plan's contract JSON to a binary stream in one file format."""

    format: ClassVar[str]  # the name callers ask for: json | csv | xlsx
    media_type: ClassVar[str]
    suffix: ClassVar[str]  # file name ending, with the dot
    label: ClassVar[str]  # what the format is, for people

    @abstractmethod
    def write(self, plan_json: dict, out: BinaryIO) -> None:
        """Write plan_json to out; out is left open."""

    def to_bytes(self, plan_json: dict) -> bytes:
        buf = io.BytesIO()
        self.write(plan_json, buf)
        return buf.getvalue()
