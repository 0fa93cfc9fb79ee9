"""How a plan's period reads to a person, in one place: the CLI catalogue, the web pages and their
JSON twins must say the same thing for the same plan (至2025年, never "?—2025" in one and
至2025年 in the other)."""

from __future__ import annotations


def period_text(start: int | None, end: int | None) -> str:
    """2021—2025年 when both years are known; 至2025年 or 2021年起 when the text states one; — when none."""
    if start and end:
        return f"{start}—{end}年"
    if end:
        return f"至{end}年"
    if start:
        return f"{start}年起"
    return "—"
