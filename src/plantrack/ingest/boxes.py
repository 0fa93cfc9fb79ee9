"""Entries of 专栏 boxes and project tables -> projects."""

from __future__ import annotations


def extract_projects(lines, heading_at, tables) -> list[dict]:
    return []
