"""The whole parse: file -> cleaned lines -> tables, outline, paragraphs -> the contract's JSON.

Each stage is a pure function of what the earlier ones produced; this module only wires them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..domain.plan import SCHEMA, Plan
from .boxes import extract_projects, find_project_tables, project_table_lines
from .clean import Line, clean_text
from .completeness import check_completeness
from .metadata import extract_metadata
from .outline import Heading, build_outline, find_toc_lines, outline_counts
from .paragraphs import Paragraph, build_paragraphs
from .prose import extract_targets
from .read import SourceText, decode_plan_bytes, read_plan_file
from .tables import Table, find_tables
from .tasks import extract_tasks
from .duties import read_duty_tables


@dataclass
class ParsedDocument:
    """Everything the stages produced, for callers that need more than the JSON (store, align)."""

    source: SourceText
    lines: list[Line]
    tables: list[Table]
    toc: set[int]
    outline: list[Heading]
    heading_at: dict[int, Heading]
    paragraphs: list[Paragraph]
    project_tables: list
    project_lines: set[int]


def analyse(source: SourceText) -> ParsedDocument:
    lines = clean_text(source.text)
    tables = find_tables(lines)
    in_table = {i for t in tables for i in range(t.header_start, t.end + 1)}
    toc = find_toc_lines(lines)
    roots, heading_at = build_outline(lines, toc | in_table)
    # Project tables are found by their header and end at the next heading, so they need a first
    # outline; their cells are then kept out of the outline and the prose, like indicator tables.
    project_tables = find_project_tables(lines, heading_at)
    in_projects = project_table_lines(project_tables)
    if in_projects & heading_at.keys():  # only headings taken from a table change the outline
        roots, heading_at = build_outline(lines, toc | in_table | in_projects)
    paragraphs = build_paragraphs(lines, breaks=set(heading_at), skip=toc | in_table | in_projects)
    return ParsedDocument(source, lines, tables, toc, roots, heading_at, paragraphs, project_tables, in_projects)


def plan_document(doc: ParsedDocument) -> dict:
    """The contract JSON of an analysed document."""
    meta = extract_metadata(doc.lines, doc.heading_at)
    indicators, reviews = [], []
    for t in doc.tables:
        if t.kind == "indicators":
            indicators.extend(t.indicator_rows())
        elif t.kind == "review":
            reviews.append(t.review())
    _fill_years_from_period(indicators, meta.get("period") or {}, _interim_years(doc.lines))
    plan = {
        "schema": SCHEMA,
        "source": {
            "path": doc.source.path,
            "sha256": doc.source.sha256,
            "encoding": doc.source.encoding,
            "lines": doc.source.text.count("\n") + (0 if doc.source.text.endswith("\n") else 1),
        },
        **meta,
        "outline": [h.to_json() for h in doc.outline],
        "outline_counts": outline_counts(doc.outline),
        "indicators": indicators,
        "reviews": reviews,
        "tables": [t.to_json(doc.lines) for t in doc.tables],
        "targets": extract_targets(doc.paragraphs, doc.heading_at, meta),
        "projects": extract_projects(doc.lines, doc.heading_at, doc.tables, doc.project_tables),
        "tasks": extract_tasks(doc.paragraphs, doc.heading_at),
        "duties": read_duty_tables(doc.lines),  # 任务分工 table rows (ingest/duties.py)
    }
    plan["checks"] = check_completeness(plan, doc.lines, read_lines(doc), unread_table_runs(doc))
    Plan.model_validate(plan)
    return plan


_INTERIM = re.compile(r"近期(?:目标)?(?:年限)?(?:为|至|到)\s*(\d{4})\s*年")


def _interim_years(lines: list[Line]) -> set[int]:
    """Years the plan names as its near-term horizon (规划期至2030年，近期至2020年)."""
    return {int(m.group(1)) for ln in lines[:400] if "近期" in ln.text for m in _INTERIM.finditer(ln.text)}


def read_lines(doc: ParsedDocument) -> set[int]:
    """Source line numbers of every table the parser read (indicator, review and project tables)."""
    spans = {i for t in doc.tables for i in range(min(t.header_start, t.start) if t.header_start >= 0 else t.start, t.end + 1)}
    return {doc.lines[i].no for i in spans | set(doc.project_lines) if 0 <= i < len(doc.lines)}


def unread_table_runs(doc: ParsedDocument) -> list[tuple[int, int]] | None:
    """The table reader's own list of candidate regions it declined, as (first, last) source lines,
    once ingest/tables.py gives one (a function `unread_regions(lines, tables)`); None until then,
    and completeness falls back to its own look for table-shaped runs."""
    from . import tables

    unread = getattr(tables, "unread_regions", None)
    return unread(doc.lines, doc.tables) if unread else None


def _fill_years_from_period(indicators: list[dict], period: dict, interim: set[int] = frozenset()) -> None:
    """A target column without a year means the plan's last year; a base column without one, the
    year before the plan starts (the 基期 of a five-year plan). A year column inside the period
    (after its start, or named as the near term) holds an interim target, not a base."""
    for ind in indicators:
        inside = (period.get("start") and period["start"] < (ind["base_year"] or 0)) or ind["base_year"] in interim
        if ind["base_year"] and ind["target_year"] and inside and ind["base_year"] < ind["target_year"]:
            # A year inside the plan's period is an interim target (近期 2020 of a 2012-2030 plan), not a base.
            ind["interim_year"], ind["interim_value"], ind["interim_text"] = ind["base_year"], ind["base_value"], ind["base_text"]
            ind["base_year"] = ind["base_value"] = ind["base_text"] = None
        if ind["target_year"] is None and period.get("end") and (ind["target_text"] or ind["annual_growth"]):
            ind["target_year"] = period["end"]
        if ind["base_year"] is None and ind["base_text"] and period.get("start"):
            ind["base_year"] = period["start"] - 1


def text_units(doc: ParsedDocument) -> list[dict]:
    """The document cut into the units full-text search finds: sentences of the prose and of
    headings, and table lines, each with its source line and the line of its section."""
    from .paragraphs import sentences

    heading_lines = sorted(h.line for h in doc.heading_at.values())
    units: list[dict] = []
    for p in doc.paragraphs:
        for s in sentences(p):
            units.append({"line": s.line, "text": s.text})
    in_table = {i for t in doc.tables for i in range(t.header_start, t.end + 1)} | doc.project_lines
    for i in sorted(in_table):
        ln = doc.lines[i]
        units.append({"line": ln.no, "text": " ".join(ln.text.split())})
    units.sort(key=lambda u: u["line"])
    from bisect import bisect_right

    for u in units:
        k = bisect_right(heading_lines, u["line"]) - 1
        u["section_line"] = heading_lines[k] if k >= 0 else None
    return units


def parse_file(path: str | Path) -> dict:
    return plan_document(analyse(read_plan_file(path)))


def parse_bytes(data: bytes, path: str = "<bytes>") -> dict:
    return plan_document(analyse(decode_plan_bytes(data, path)))
