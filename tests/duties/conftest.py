"""Helpers for the accountability tests: template files written from rows, plans loaded from the
corpus or the fixtures."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from plantrack.load import load_files

from ..conftest import CORPUS, FIXTURES


def write_csv(path: Path, header: str, rows: list[list]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header.split(","))
        w.writerows(rows)
    return path


def load(factory, *names: str, fixtures: bool = False) -> None:
    base = FIXTURES if fixtures else CORPUS
    if not base.is_dir():
        pytest.skip("../shared/corpus is not next to the repository")
    outcomes = load_files(factory, [base / f"{n}.txt" for n in names])
    assert all(o.status == "created" for o in outcomes), [o.message for o in outcomes]
