"""Quantitative and directional targets stated in prose (到2025年，森林覆盖率达到26%)."""

from __future__ import annotations


def extract_targets(paragraphs, heading_at, meta) -> list[dict]:
    return []
