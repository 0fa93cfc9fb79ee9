"""The source lines of a plan, for the checks that read its words rather than its tables.

The contract JSON keeps what was extracted (indicators, targets, projects), not the text around
it. A few checks need that text: an indicator count stated in a sentence, a project named in a
paragraph. The caller passes the text where it has it (the store keeps it); otherwise the file
named in plan['source'] is read, and used only if its sha256 is still the one parsed, so the
lines cited are the lines of the plan that was parsed. Lines are cleaned the way ingest cleans
them (glyphs repaired, page numbers dropped) and keep their source line numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SourceLine:
    no: int
    text: str


def source_lines(plan: dict, text: str | None = None) -> list[SourceLine] | None:
    """The plan's cleaned lines, from text or from its source file; None when neither is available."""
    if text is None:
        text = _read_source(plan)
        if text is None:
            return None
    from ..ingest.clean import clean_text  # one cleaning for the whole project

    return [SourceLine(ln.no, ln.text) for ln in clean_text(text)]


def _read_source(plan: dict) -> str | None:
    src = plan.get("source") or {}
    path = src.get("path")
    if not path or not Path(path).is_file():
        return None
    from ..ingest.errors import PlanInputError
    from ..ingest.read import read_plan_file

    try:
        source = read_plan_file(path)
    except (PlanInputError, OSError):
        return None
    if src.get("sha256") and source.sha256 != src["sha256"]:
        return None
    return source.text


def windows(lines: list[SourceLine], width: int = 2) -> list[tuple[int, str]]:
    """Each line joined with the next width-1 lines (a sentence cut by a line or page break),
    cited by the first line's number."""
    out = []
    for i, ln in enumerate(lines):
        out.append((ln.no, "".join(x.text.strip() for x in lines[i : i + width])))
    return out
