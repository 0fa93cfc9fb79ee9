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


class Review(_Open):
    title: str
    line: int
    rows: list[ReviewRow]


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
    targets: list[Target]
    projects: list[Project]
    tasks: list[Task]

    model_config = ConfigDict(extra="allow", populate_by_name=True)
