"""The parsed plan as the contract plantrack.plan/1 (../shared/contract/plan-json.md) describes it.

Pydantic models validate what the parser emits, so a broken parse fails loudly here rather than in
a consumer. Fields may be added to the contract; none may be renamed or removed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA = "plantrack.plan/1"

Binding = Literal["binding", "expected"]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Source(_Open):
    path: str
    sha256: str
    encoding: str
    lines: int


class Period(_Open):
    start: int | None = None
    end: int | None = None


class OutlineNode(_Open):
    label: str
    title: str
    line: int
    children: list["OutlineNode"] = Field(default_factory=list)


Evidence = Literal["header", "body"]


class TableRef(_Open):
    """One table the reader found (top-level `tables`, added to plantrack.plan/1).

    Each indicator, review and review row names its table by `table` (this `index`) and carries
    the table's `evidence` and its own `confidence`, so a person checks the unsure rows first:
    - evidence: what found the table — its header words ("header") or its rows alone ("body": a
      run of rows with names, units, values and 约束性/预期性 and no header, e.g. a continuation page);
    - confidence: 0.0-1.0, the share of header columns its words named and of cells whose type fits
      their column (a number under 2025年, a unit under 单位); a row's is its table's, lowered by
      its own cells' disagreement;
    - layout: "tab" (one row per line, cells by tabs) or "flow" (cells by spaces, rows wrapped,
      one cell per line included) or "glued" (cells run together with no separator); columns: the role of each column (name, unit, base, target,
      growth, binding, category, seq, actual, actual_growth, planned_growth, other);
    - line / header_line / last_line: source lines of the title (or header), the header, the end.
    """

    index: int
    kind: Literal["indicators", "review"]
    title: str | None = None
    line: int
    header_line: int
    last_line: int
    layout: str
    evidence: Evidence
    confidence: float
    columns: list[str] = Field(default_factory=list)
    rows: int = 0


class Indicator(_Open):
    category: str | None = None
    name: str
    unit: str | None = None
    tag: str | None = None
    base_year: int | None = None
    base_value: float | None = None
    base_text: str | None = None
    target_year: int | None = None
    target_value: float | None = None
    target_text: str | None = None
    annual_growth: str | None = None
    binding: Binding | None = None
    line: int
    # Added (plantrack.plan/1 grows additively): an interim target, where a year column lies inside
    # the plan's period (近期 2020 of a 2012-2030 plan), and how the row was read (see TableRef).
    interim_year: int | None = None
    interim_value: float | None = None
    interim_text: str | None = None
    # A long-range target beside the plan's own (a 2035年 column after 2025年).
    horizon_year: int | None = None
    horizon_value: float | None = None
    horizon_text: str | None = None
    evidence: Evidence | None = None
    confidence: float | None = None
    table: int | None = None


class ReviewRow(_Open):
    category: str | None = None
    name: str
    unit: str | None = None
    base_year: int | None = None
    base_value: float | None = None
    base_text: str | None = None
    target_year: int | None = None
    target_value: float | None = None
    target_text: str | None = None
    planned_growth: str | None = None
    actual_value: float | None = None
    actual_text: str | None = None
    actual_growth: str | None = None
    binding: Binding | None = None
    line: int
    evidence: Evidence | None = None  # added: how the row was read (see TableRef)
    confidence: float | None = None
    table: int | None = None


class Review(_Open):
    title: str
    line: int
    rows: list[ReviewRow]
    evidence: Evidence | None = None  # added: how the table was read (see TableRef)
    confidence: float | None = None
    table: int | None = None


class Target(_Open):
    subject: str
    value: float | None = None
    unit: str | None = None
    year: int | None = None
    relation: str
    text: str
    line: int


class Project(_Open):
    box: str
    name: str
    place: str | None = None
    investment: str | None = None
    period: str | None = None
    line: int


class Task(_Open):
    section_line: int | None = None
    text: str
    lead_units: list[str] = Field(default_factory=list)
    line: int


class Check(_Open):
    """A check of completeness (ingest/completeness.py): where the parser may have missed rows."""

    kind: str  # sequence_gap | stated_count | missing_unit | unparsed_value | unread_table
    label: str | None = None
    severity: str  # high | medium | low | info
    message: str  # Chinese, naming the line
    line: int | None = None


class Plan(_Open):
    schema_: Literal["plantrack.plan/1"] = Field(SCHEMA, alias="schema")
    source: Source
    title: str | None
    issuer: str | None = None
    doc_number: str | None = None
    issued_on: str | None = None
    level: Literal["national", "province", "city", "county"] | None = None
    kind: Literal["general", "special", "regional", "spatial"] | None = None
    region: str | None = None
    period: Period
    horizon: int | None = None
    outline: list[OutlineNode]
    outline_counts: dict[str, int] | None = None  # 篇, 章, 节, 专栏 in the outline
    indicators: list[Indicator]
    reviews: list[Review]
    tables: list[TableRef] = Field(default_factory=list)  # added: every table read, with its evidence
    targets: list[Target]
    projects: list[Project]
    tasks: list[Task]
    # Added to plantrack.plan/1 (fields may be added): the completeness checks of the parse, so a
    # person sees where the parser is unsure before trusting its rows. Plans parsed before the
    # field existed have none; readers recompute them (corrections.plan_checks).
    checks: list[Check] = Field(default_factory=list)

    model_config = ConfigDict(extra="allow", populate_by_name=True)
