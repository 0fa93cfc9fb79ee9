"""Key measures with their lead units (牵头单位), where the plan names who is responsible.

Plans that assign work say so in a few set phrasings: a labelled note (责任单位：省发展改革委、
省工信厅), a trailing parenthesis (省生态环境厅牵头，省水利厅配合), or a closing clause
(由市水利局牵头负责). The measure is the text the note closes: from the previous note (or the
paragraph start) up to the note; a note standing alone on its line closes the paragraph before it.

Only units that look like organisations count (名称 ending in 委/厅/局/办/政府/部门 …, or 各县/
有关部门), so 省长负责制 or 企业牵头 in running text is never read as an assignment. A plan that
names no responsible units yields an empty list.

分工方案 (implementation notices) add their own layouts, read here by the same rules:
- 责任单位 names the unit in charge when it is the only label, but after a 牵头单位 (in the same
  note, or on the next line under the same item) it names the units that carry the work out with
  the lead: those are supporting units (牵头单位：A；责任单位：B、C).
- A 配合单位 line under a measure's 牵头单位 line adds that measure's supporting units.
- Notes may sit in square brackets ([牵头单位:…] 【…】) and use ASCII punctuation; a list may be
  cut off where a web excerpt ends (…责任单位:A,B,以下均需…): a labelled list keeps the names that
  look like organisations and drops the rest, instead of dropping the note.
- A single list may mark its lead: 责任单位：市发改委（牵头）、市财政局 (marked_lead), or say that
  all its units lead (市人社局、市农业农村局分别牵头).
- A notice may declare once that in its 责任单位 lists the unit listed first leads (列第一位为牵头
  单位, 下同): from there on such a list gives its first unit as lead and the others as supporting.
- A remark in brackets after a list (…市卫健委(列第一位为牵头单位,下同)) ends the note.
- Reposts in traditional script (牽頭單位, 責任單位) are read through OpenCC's simplified reading
  (ingest/script.py); the units keep the characters the plan wrote.
- A line naming the official in charge (牵头负责领导：…) sits between an item and its unit lines
  and is no item of its own; 牵头责任单位 / 协同责任单位 label lead and supporting units.
- 各县、市、区政府 (levels of government sharing one body) is one unit; 海关 and 人行 are organisations.
- (A、B按职责分工负责): both lead. (A配合B落实): B leads, A supports.
- A bracket after a name that names another kind of body (各县(市、区)政府(管委会)) is part of it.
- A note alone after the sub-items (（1）…（4）) of a numbered item closes that item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from .rules import any_cue, earliest_match
from .paragraphs import Paragraph
from .script import to_simplified

# A unit name may hold one nested parenthesis: 各县（市、区）人民政府.
_UNIT_CHARS = r"(?:[^（）()\[\]【】：:。；;]|[（(][^（）()]{1,12}[）)])"
_UNITS = rf"{_UNIT_CHARS}{{2,120}}?"
_LEAD_LABEL = r"(?:主要)?(?:牵头责任|牵头|责任|主责|负责|主办|实施|责任主体)(?:单位|部门|主体)?"
# 协同责任单位 / 配合责任单位: the units that work with the lead (滁州's 牵头责任单位 / 协同责任单位 lines)
_PARTNER_LABEL = r"(?:配合|协办|参与|协同|协助)(?:责任)?(?:单位|部门)"
# After a lead label, 责任单位 names the units that carry the work out beside the lead.
_SECOND_LABEL = r"(?:(?:配合|协办|参与|协同|协助)(?:责任)?|责任)(?:单位|部门)"
_OPEN = r"[（(\[【]"
# A remark in brackets after a list ends the note — unless it names another kind of body the unit
# may be (各县(市、区)政府(管委会)): that bracket is part of the name.
_ALTERNATIVE = r"[（(][^（）()]{0,8}?(?:管委会|委员会|人民政府|政府|委|厅|局|办)[）)]"
_REMARK = rf"(?!{_ALTERNATIVE})[（(][^（）()]*[）)]"
_CLOSE = r"[）)\]】]"
_PARTNER_VERB = r"(?:配合|参与|协同|协助|按职责分工负责|按职责负责)"

_ORG_SUFFIX = re.compile(
    r"(?:委员会|管委会|人民政府|政府|办公室|办公厅|指挥部|领导小组|委|厅|局|办|部|院|署|中心|公司|集团|银行|法院|"
    r"检察院|协会|联合会|工会|妇联|残联|科协|团委|支行|分行|社|站|所|队|处|室|部门|单位|机构|"
    r"开发区|新区|高新区|管理区|园区|试验区|示范区|专班|海关|人行)$"
)
_COLLECTIVE = re.compile(r"^各|有关|相关")


@dataclass(frozen=True)
class TaskRule:
    name: str
    pattern: re.Pattern
    build: Callable[[re.Match], tuple[list[str], list[str]] | None]
    # A labelled list says outright that it names units: names that do not look like
    # organisations (the rest of a list cut off mid-sentence) are dropped, not the whole note.
    labelled: bool = False


_LEAD_MARK = re.compile(r"\s*[（(]\s*(?:牵头|主责)(?:单位|部门)?\s*[）)]$")
_ALL_LEAD = re.compile(r"(?:分别|共同)牵头(?:负责)?$")
# A notice's own convention for its 责任单位 lists: 列第一位（的责任单位）为牵头（或汇总）单位
_FIRST_LEADS = re.compile(r"(?:列|排)(?:在)?第一位(?:的)?(?:责任)?(?:单位|部门)?(?:为|是)牵头")


def marked_lead(names: list[str]) -> tuple[list[str], list[str]]:
    """One list of responsible units whose lead is marked in it (市发改委（牵头）、市财政局):
    the marked names lead, the others support. A list with no mark is all lead."""
    marked = [n for n in names if _LEAD_MARK.search(n)]
    if not marked:
        return names, []
    return [_LEAD_MARK.sub("", n) for n in marked], [n for n in names if n not in marked]


def _labelled(m: re.Match) -> tuple[list[str], list[str]] | None:
    names = _units(m.group("lead"))
    if names and _ALL_LEAD.search(names[-1]):
        names[-1] = _ALL_LEAD.sub("", names[-1])
        return names, _units(m.group("partners"))
    lead, others = marked_lead(names)
    return lead, others + _units(m.group("partners"))


def _partners_only(m: re.Match) -> tuple[list[str], list[str]] | None:
    return [], _units(m.group("partners"))


def _rule(name: str, regex: str, build, labelled: bool = False) -> TaskRule:
    return TaskRule(name, re.compile(regex), build, labelled)


# Ordered: at each place the first rule that matches wins. Group "lead" holds the lead units,
# "partners" the co-operating ones.
TASK_RULES: tuple[TaskRule, ...] = (
    # （责任单位：省发展改革委、省工信厅；配合单位：省财政厅） / 牵头单位：市水利局 /
    # (预期性指标,牵头单位:市发改委;责任单位:…) — a short remark before the label stays in the note
    _rule(
        "labelled",
        rf"(?:{_OPEN}(?:[^（）()\[\]【】。；;:：]{{1,12}}[，,]\s*)?)?\s*(?P<label>{_LEAD_LABEL})\s*[:：]\s*(?P<lead>{_UNITS})"
        rf"(?:\s*[；;，,。]?\s*{_SECOND_LABEL}\s*[:：]\s*(?P<partners>{_UNITS}))?"
        rf"\s*(?:{_CLOSE}|(?:{_REMARK})?[。；;]?\s*$)",
        _labelled, labelled=True,
    ),
    # 配合单位：市财政局 — a line of its own under a measure's 牵头单位 line
    _rule(
        "partner_label",
        rf"^\s*{_OPEN}?\s*{_PARTNER_LABEL}\s*[:：]\s*(?P<partners>{_UNITS})\s*(?:{_CLOSE}|[。；;]?\s*$)",
        _partners_only, labelled=True,
    ),
    # （省生态环境厅牵头，省水利厅、省住建厅配合）
    _rule(
        "parenthesis",
        rf"{_OPEN}\s*(?P<lead>{_UNITS})(?:按职责分工|按职责)?(?:牵头|负责|主责)(?:负责)?"
        rf"(?:\s*[，,；;、]\s*(?P<partners>{_UNITS}){_PARTNER_VERB})?\s*{_CLOSE}",
        _labelled,
    ),
    # （省人事厅配合省委有关部门落实）: the unit after 配合 leads, the one before it supports
    _rule(
        "assists",
        rf"{_OPEN}\s*(?P<partners>{_UNITS})配合(?P<lead>{_UNITS})(?:落实|实施|推进|完成|负责|开展)\s*{_CLOSE}",
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


# What some TASK_RULE needs at or after a place (a label's colon, a closing bracket, 牵头/负责).
_TASK_CUE = any_cue(rule.pattern for rule in TASK_RULES)
# Levels of government listed before the body they share: 各县、市、区政府 is one unit (every
# county-level government), not 各县 + 市 + 区政府.
_LEVELS = re.compile(r"各[县市区乡镇旗](?:、[县市区乡镇旗])+(?:人民)?(?:政府|党委|管委会)")


def _split_units(text: str) -> list[str]:
    """Names separated by 、，；/ or 和/及, never inside a parenthesis (各县（市、区）人民政府) or a
    list of government levels (各县、市、区政府); by spaces too, where every piece is an
    organisation's name (a PDF's space inside one name stays)."""
    kept = {i for m in _LEVELS.finditer(to_simplified(text)) for i in range(m.start(), m.end())}
    out, cur, depth = [], "", 0
    for i, ch in enumerate(text):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        if depth == 0 and i not in kept and ch in "、，,；;/":
            out.append(cur)
            cur = ""
            continue
        cur += ch
    out.append(cur)
    parts = []
    for p in out:
        p = p.strip(" \t：:。等")
        pieces = [x.strip(" \t等") for x in re.split(r"(?<=[委厅局办部院府门位区])(?:和|及|与)", p)]
        for piece in (x for x in pieces if x):
            words = piece.split()
            parts.extend(words if len(words) > 1 and all(is_unit_name(to_simplified(w)) for w in words) else [piece])
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
    # The label said 责任单位/责任部门 (no lead label before it): under an item that already has
    # its 牵头单位, such a list names supporting units.
    shared_label: bool = False
    # The list itself said which units lead (（牵头）, 分别牵头): no convention overrides it.
    lead_said: bool = False

    def first_listed_leads(self) -> "_Note":
        """The note read by a notice's convention that the unit listed first leads."""
        if self.shared_label and not self.lead_said and len(self.lead) > 1:
            return _Note(self.rule, self.start, self.end, self.lead[:1], self.lead[1:] + self.partners, True, True)
        return self


def _as_written(names: list[str], simplified: str, written: str, start: int) -> list[str]:
    """Each name (read in simplified script) in the characters the plan wrote: the two texts
    align one character for one (script.to_simplified), and each name is a piece of the group."""
    out = []
    for name in names:
        at = simplified.find(name, start)
        out.append(written[at:at + len(name)] if at >= 0 else name)
        start = at + len(name) if at >= 0 else start
    return out


def find_notes(text: str) -> list[_Note]:
    """Responsibility notes in a paragraph, left to right. A note whose units are not all
    organisations is dropped; a labelled one keeps those that are (see TaskRule.labelled)."""
    notes: list[_Note] = []
    plain = to_simplified(text)
    pos = 0
    while pos < len(plain) and _TASK_CUE.search(plain, pos):
        best = earliest_match(TASK_RULES, plain, pos)
        if best is None:
            break
        rule, m = best
        lead, partners = rule.build(m)
        if rule.labelled:
            lead = [u for u in lead if is_unit_name(u)]
            partners = [u for u in partners if is_unit_name(u)]
        if (lead or (rule.name == "partner_label" and partners)) \
                and all(is_unit_name(u) for u in lead) and all(is_unit_name(u) for u in partners):
            lead = _as_written(lead, plain, text, m.start("lead")) if lead else []
            partners = _as_written(partners, plain, text, m.start("partners")) if partners else []
            label = m.groupdict().get("label") or ""
            shared = label.startswith("责任") and not m.groupdict().get("partners")
            said = bool(m.groupdict().get("lead") and re.search(r"牵头|主责", m.group("lead")))
            notes.append(_Note(rule.name, m.start(), m.end(), lead, partners, shared, said))
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


_LABEL_LINE = re.compile(rf"^\s*{_OPEN}?\s*(?:{_LEAD_LABEL}|{_PARTNER_LABEL})\s*[:：]")
# 牵头负责领导：金力。 / 责任领导：… — the official in charge, a person, on a line between an item
# and its unit lines: not an item of its own.
_LEADER_LINE = re.compile(r"^\s*(?:牵头|分管|联系|责任|负责)?(?:负责|责任)?(?:市|县|区|省)?领导\s*[:：]")
# A numbered item (1. / 1、/ 一、) and a sub-item under it (（1）/ (1) / 1）)
_ITEM = re.compile(r"^\s*(?:\d{1,3}\s*[.．、]|[一二三四五六七八九十]{1,3}、)")
_SUB_ITEM = re.compile(r"^\s*(?:[（(]\d{1,3}[）)]|\d{1,3}[）)])")


def _segments(p: Paragraph) -> list[_Segment]:
    """The paragraph cut before and after each line that is a bare label (牵头单位：市水利局).

    Such a line ends without punctuation, so the paragraph builder joins it to the next line;
    cutting it out again keeps the next measure out of the unit list.
    """
    cuts = {0, len(p.text)}
    bounds = list(p.starts) + [len(p.text)]
    for k, start in enumerate(p.starts):
        if _LABEL_LINE.match(to_simplified(p.text[start:bounds[k + 1]])):
            cuts.add(start)
            if not p.text[:bounds[k + 1]].rstrip().endswith(("、", "，", ",")):
                cuts.add(bounds[k + 1])
    edges = sorted(cuts)
    return [_Segment(p.text[a:b], a, p) for a, b in zip(edges, edges[1:]) if p.text[a:b].strip()]


def _adds_partners(note: _Note, body: str, start: int, last_label_task: dict | None) -> bool:
    """A note standing alone right under a measure's own label line (牵头单位：A, then 责任单位：B
    or 配合单位：B) names more units of that measure, not a new measure."""
    return last_label_task is not None and start == 0 and len(body) < 4 \
        and (note.rule == "partner_label" or note.shared_label)


def extract_tasks(paragraphs: list[Paragraph], heading_at: dict) -> list[dict]:
    """Every measure the plan assigns to a lead unit, in document order."""
    tasks: list[dict] = []
    section_line = None
    previous: _Segment | None = None
    last_label_task: dict | None = None  # the measure whose units the previous label line named
    first_leads = False  # the notice has declared that a list's first unit leads
    item: _Segment | None = None  # the numbered item the sub-items (（1）…) since belong to
    for p in paragraphs:
        if p.index in heading_at:
            section_line = heading_at[p.index].line
        first_leads = first_leads or bool(_FIRST_LEADS.search(to_simplified(p.text)))
        for seg in _segments(p):
            start = 0
            label_task = None
            for note in find_notes(seg.text):
                if first_leads:
                    note = note.first_listed_leads()
                raw = seg.text[start:note.start]
                body = _measure_text(raw)
                line = seg.paragraph.line_at(seg.offset + start + len(raw) - len(raw.lstrip()))
                if _adds_partners(note, body, start, last_label_task):
                    partners = last_label_task.setdefault("partner_units", [])
                    partners.extend(u for u in note.lead + note.partners if u not in partners)
                    label_task = last_label_task
                elif note.lead:
                    standalone = len(body) < 4 and start == 0 and previous is not None
                    if standalone:
                        # a note alone after sub-items (（1）…（4）) closes their numbered item
                        whole = item if item is not None and _SUB_ITEM.match(to_simplified(previous.text)) \
                            else previous
                        body, line = _measure_text(whole.text), whole.line
                    if len(body) >= 4:
                        task = {"section_line": section_line, "text": body, "lead_units": note.lead, "line": line,
                                "rule": note.rule}
                        if note.partners:
                            task["partner_units"] = note.partners
                        tasks.append(task)
                        label_task = task if standalone else None
                start = note.end
            last_label_task = label_task if not _measure_text(seg.text[start:]) else None
            plain = to_simplified(seg.text)
            if _LEADER_LINE.match(plain):
                continue  # the item above stays the one a unit line under it belongs to
            if _ITEM.match(plain):
                item = seg
            elif not _SUB_ITEM.match(plain):
                item = None
            previous = seg
    return tasks
