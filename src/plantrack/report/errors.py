"""The one error a report raises for a person to act on; its message is Chinese and complete."""

from __future__ import annotations


class ReportError(Exception):
    """A report cannot be made as asked (unknown kind or format, no CJK font for a PDF)."""
