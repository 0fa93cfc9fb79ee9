"""Key measures with their lead units (牵头单位), where the plan names who is responsible.

Plans that assign work say so in a few set phrasings: a labelled note (责任单位：省发展改革委、
省工信厅), a trailing parenthesis (省生态环境厅牵头，省水利厅配合), or a closing clause
(由市水利局牵头负责). The measure is the text the note closes: from the previous note (or the
paragraph start) up to the note; a note standing alone on its line closes the paragraph before it.

Only units that look like organisations count (名称 ending in 委/厅/局/办/政府/部门 …, or 各县/
有关部门), so 省长负责制 or 企业牵头 in running text is never read as an assignment. A plan that
names no responsible units yields an empty list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from .rules import earliest_match
from .paragraphs import Paragraph

# A unit name may hold one nested parenthesis: 各县（市、区）人民政府.
_UNIT_CHARS = r"(?:[^（）()：:。；;]|[（(][^（）()]{1,12}[）)])"
_UNITS = rf"{_UNIT_CHARS}{{2,120}}?"
_LEAD_LABEL = r"(?:主要)?(?:牵头|责任|主责|负责|主办|实施|责任主体)(?:单位|部门|主体)?"
_PARTNER_LABEL = r"(?:配合|协办|参与|协同|协助)(?:单位|部门)"
_PARTNER_VERB = r"(?:配合|参与|协同|协助|按职责分工负责|按职责负责)"

_ORG_SUFFIX = re.compile(
    r"(?:委员会|管委会|人民政府|政府|办公室|办公厅|指挥部|领导小组|委|厅|局|办|部|院|署|中心|公司|集团|银行|法院|"
    r"检察院|协会|联合会|工会|妇联|残联|科协|团委|支行|分行|社|站|所|队|处|室|部门|单位|机构)$"
)
_COLLECTIVE = re.compile(r"^各|有关|相关")


@dataclass(frozen=True)
class TaskRule:
    name: str
    pattern: re.Pattern
    build: Callable[[re.Match], tuple[list[str], list[str]] | None]


def _labelled(m: re.Match) -> tuple[list[str], list[str]] | None:
    return _units(m.group("lead")), _units(m.group("partners"))


def _rule(name: str, regex: str, build) -> TaskRule:
    return TaskRule(name, re.compile(regex), build)


# Ordered: at each place the first rule that matches wins. Group "lead" holds the lead units,
# "partners" the co-operating ones.
TASK_RULES: tuple[TaskRule, ...] = (
    # （责任单位：省发展改革委、省工信厅；配合单位：省财政厅） / 牵头单位：市水利局
    _rule(
        "labelled",
        rf"[（(]?\s*{_LEAD_LABEL}\s*[:：]\s*(?P<lead>{_UNITS})"
        rf"(?:\s*[；;，,。]?\s*{_PARTNER_LABEL}\s*[:：]\s*(?P<partners>{_UNITS}))?\s*(?:[）)]|[。；;]?\s*$)",
        _labelled,
    ),
    # （省生态环境厅牵头，省水利厅、省住建厅配合）
    _rule(
        "parenthesis",
        rf"[（(]\s*(?P<lead>{_UNITS})(?:牵头|负责|主责)(?:负责)?"
        rf"(?:\s*[，,；;、]\s*(?P<partners>{_UNITS}){_PARTNER_VERB})?\s*[）)]",
        _labelled,
    ),
    # ……，由市水利局牵头，市财政局配合。
    _rule(
        "by_lead",
        rf"[，,]\s*由(?P<lead>{_UNITS})(?:牵头|负责)(?:负责|实施|落实)?"
        rf"(?:\s*[，,、]\s*(?P<partners>{_UNITS}){_PARTNER_VERB})?\s*[。；;]?\s*$",
        _labelled,
    ),
)


def _split_units(text: str) -> list[str]:
    """Names separated by 、，；/ or 和/及, never inside a parenthesis (各县（市、区）人民政府)."""
    out, cur, depth = [], "", 0
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        if depth == 0 and ch in "、，,；;/":
            out.append(cur)
            cur = ""
            continue
        cur += ch
    out.append(cur)
    parts = []
    for p in out:
        p = p.strip(" \t：:。等")
        pieces = re.split(r"(?<=[委厅局办部院府])(?:和|及|与)", p)
        parts.extend(x.strip() for x in pieces if x.strip())
    return parts


def is_unit_name(name: str) -> bool:
    """An organisation's name: short, ending like one (省发展改革委, 市水利局), or a collective (各县)."""
    if not (2 <= len(name) <= 30):
        return False
    return bool(_ORG_SUFFIX.search(name) or _COLLECTIVE.search(name))


def _units(text: str | None) -> list[str]:
    if not text:
        return []
    return _split_units(text)


@dataclass
class _Note:
    rule: str
    start: int
    end: int
    lead: list[str]
    partners: list[str]


def find_notes(text: str) -> list[_Note]:
    """Responsibility notes in a paragraph, left to right; a note whose units are not all organisations is dropped."""
    notes: list[_Note] = []
    pos = 0
    while pos < len(text):
        best = earliest_match(TASK_RULES, text, pos)
        if best is None:
            break
        rule, m = best
        lead, partners = rule.build(m)
        if lead and all(is_unit_name(u) for u in lead) and all(is_unit_name(u) for u in partners):
            notes.append(_Note(rule.name, m.start(), m.end(), lead, partners))
        pos = m.end() if m.end() > pos else pos + 1
    return notes


def _measure_text(text: str) -> str:
    return text.strip(" \t，,；;。")


@dataclass
class _Segment:
    text: str
    offset: int  # in the paragraph
    paragraph: Paragraph

    @property
    def line(self) -> int:
        return self.paragraph.line_at(self.offset)


_LABEL_LINE = re.compile(rf"^\s*[（(]?\s*{_LEAD_LABEL}\s*[:：]")


def _segments(p: Paragraph) -> list[_Segment]:
    """The paragraph cut before and after each line that is a bare label (牵头单位：市水利局).

    Such a line ends without punctuation, so the paragraph builder joins it to the next line;
    cutting it out again keeps the next measure out of the unit list.
    """
    cuts = {0, len(p.text)}
    bounds = list(p.starts) + [len(p.text)]
    for k, start in enumerate(p.starts):
        if _LABEL_LINE.match(p.text[start:bounds[k + 1]]):
            cuts.add(start)
            if not p.text[:bounds[k + 1]].rstrip().endswith(("、", "，", ",")):
                cuts.add(bounds[k + 1])
    edges = sorted(cuts)
    return [_Segment(p.text[a:b], a, p) for a, b in zip(edges, edges[1:]) if p.text[a:b].strip()]


def extract_tasks(paragraphs: list[Paragraph], heading_at: dict) -> list[dict]:
    """Every measure the plan assigns to a lead unit, in document order."""
    tasks: list[dict] = []
    section_line = None
    previous: _Segment | None = None
    for p in paragraphs:
        if p.index in heading_at:
            section_line = heading_at[p.index].line
        for seg in _segments(p):
            start = 0
            for note in find_notes(seg.text):
                raw = seg.text[start:note.start]
                body = _measure_text(raw)
                line = seg.paragraph.line_at(seg.offset + start + len(raw) - len(raw.lstrip()))
                if len(body) < 4 and start == 0 and previous is not None:
                    body, line = _measure_text(previous.text), previous.line
                if len(body) >= 4:
                    task = {"section_line": section_line, "text": body, "lead_units": note.lead, "line": line,
                            "rule": note.rule}
                    if note.partners:
                        task["partner_units"] = note.partners
                    tasks.append(task)
                start = note.end
            previous = seg
    return tasks
