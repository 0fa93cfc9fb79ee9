"""Indicator and review tables (placeholder, being written)."""
from __future__ import annotations
from dataclasses import dataclass, field


@dataclass
class Table:
    kind: str
    title: str
    start: int
    end: int
    line: int
    rows: list = field(default_factory=list)

    def indicator_rows(self):
        return self.rows

    def review(self):
        return {"title": self.title, "line": self.line, "rows": self.rows}


def find_tables(lines):
    return []
