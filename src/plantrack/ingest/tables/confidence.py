"""How sure the reader is of a table and of each of its rows, from the evidence it was read with.

A row is as good as the agreement between its cells' types (cells.py) and the roles of the
columns they landed in: a number under 2025年, a unit under 单位, 约束性 under 属性, words that name
something in the name column. A table is as good as its header (how many of its columns the
header words named) and its rows. The figures are for people, not for the parser's decisions:
the 规划入库 check page and the completeness checks show the rows worth a second look first.
"""

from __future__ import annotations

from .cells import VALUE_TYPES, cell_type

# What each column role accepts, by cell type.
ROLE_ACCEPTS: dict[str, frozenset[str]] = {
    "unit": frozenset({"unit", "empty"}),
    "binding": frozenset({"binding", "empty"}),
    "base": VALUE_TYPES,
    "target": VALUE_TYPES,
    "growth": VALUE_TYPES,
    "actual": VALUE_TYPES,
    "actual_growth": VALUE_TYPES,
    "planned_growth": VALUE_TYPES,
}
_VALUE_ROLES = ("base", "target", "growth", "actual", "actual_growth", "planned_growth")


def row_agreement(cells: dict[str, str]) -> float:
    """Share of a row's checks that hold: a name that names, each cell of the type its column takes,
    and at least one value stated."""
    checks: list[bool] = []
    name = (cells.get("name") or "").strip()
    checks.append(cell_type(name) in ("name", "other") and len(name) >= 2)
    for role, accepts in ROLE_ACCEPTS.items():
        text = (cells.get(role) or "").strip()
        if text:
            checks.append(cell_type(text) in accepts)
    checks.append(any(cell_type(cells.get(r) or "—") != "empty" for r in _VALUE_ROLES))
    return sum(checks) / len(checks)


def header_agreement(roles: list[str]) -> float:
    """Share of a header's columns that its words named (an unknown word gives role "other")."""
    if not roles:
        return 0.0
    return sum(r != "other" for r in roles) / len(roles)


def table_confidence(evidence: str, roles: list[str], row_scores: list[float]) -> float:
    """A table found by its header weighs header and rows alike; one found by its body alone is
    never as sure as one whose header confirms it."""
    rows = sum(row_scores) / len(row_scores) if row_scores else 0.0
    if evidence == "header":
        return round(0.5 * header_agreement(roles) + 0.5 * rows, 2)
    return round(0.75 * rows, 2)


def row_confidence(table_score: float, agreement: float) -> float:
    """A row is no surer than its table, and less sure when its own cells disagree with it."""
    return round(table_score * agreement, 2)
