"""Key measures with their lead units (牵头单位)."""

from __future__ import annotations


def extract_tasks(paragraphs, heading_at) -> list[dict]:
    return []
