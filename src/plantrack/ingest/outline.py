"""The heading tree, from the numbering alone (markup levels and bold mean nothing).

Each heading style is a named rule in HEADING_RULES, in priority order, with the numeral it
carries. Levels are not fixed per style: the first style met in the body is the top level, the
next new style one deeper, and so on, as a reader does. A numbered line is accepted as a heading
only if its number continues its style's sequence (第三章 after 第二章; 2.3 inside chapter 2 after
2.2), which keeps table rows, list items and page numbers out; a national-style plan numbers its
章 straight through its 篇, so the first 章 of a 篇 may also continue the last one. A 第X章 glued to
a particle (第四章所列) is a citation a hard wrap put at a line start, not a heading. Tables of
contents (and lists of boxes) are recognised as dense runs of headings that the body repeats
later, and dropped. 专栏 boxes are nodes of their own kind, children of the heading they stand
under; outline_counts counts 篇, 章, 节 and 专栏.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..domain.numerals import CN_NUMERAL_CHARS, cn_to_int
from ..domain.units import is_unit
from .clean import Line

CN = f"[{CN_NUMERAL_CHARS}]+"


@dataclass(frozen=True)
class HeadingRule:
    name: str
    pattern: re.Pattern
    kind: str  # part | division | chapter | section | item | box


def _rule(name: str, regex: str, kind: str = "item") -> HeadingRule:
    return HeadingRule(name, re.compile(regex), kind)


# Ordered: the first rule that matches a line wins. Group "num" holds the numeral, "title" the title.
HEADING_RULES: tuple[HeadingRule, ...] = (
    _rule("part", rf"^第\s*(?P<num>{CN}|\d+)\s*篇\s*(?P<title>.*)$", "part"),
    _rule("chapter", rf"^第\s*(?P<num>{CN}|\d+)\s*章\s*(?P<title>.*)$", "chapter"),
    # 第一部分 divides a plan as 篇 does, but a reader counting 篇 does not count it.
    _rule("division", rf"^第\s*(?P<num>{CN}|\d+)\s*部分\s*(?P<title>.*)$", "division"),
    _rule("section", rf"^第\s*(?P<num>{CN}|\d+)\s*[节節]\s*(?P<title>.*)$", "section"),
    _rule("box", r"^[专專][栏欄]\s*(?P<num>\d+|[" + CN_NUMERAL_CHARS + r"]+)(?:[-—－.．]\d+)?(?![\d%])"
                 r"\s*[:：]?\s*(?P<title>.*)$", "box"),
    _rule("cn_comma", rf"^(?P<num>{CN})\s*[、．.]\s*(?P<title>\S.*)$"),
    _rule("cn_paren", rf"^[（(]\s*(?P<num>{CN})\s*[）)]\s*(?P<title>\S.*)$"),
    _rule("decimal", r"^(?P<num>\d{1,2}(?:\.\d{1,2}){1,3})\s*(?P<title>[^\d\s.．%].*)$"),
    _rule("arabic_dot", r"^(?P<num>\d{1,2})\s*[.．、]\s*(?P<title>[^\d\s%].*)$"),
    _rule("arabic_space", r"^(?P<num>\d{1,2})\s+(?P<title>[^\d\s%．.、].*)$"),
    _rule("arabic_paren", r"^[（(]\s*(?P<num>\d{1,2})\s*[）)]\s*(?P<title>\S.*)$"),
    _rule("circled", r"^(?P<num>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*(?P<title>\S.*)$"),
)

# "1 发展基础" and "1.1 发展基础" are one numbering scheme at different depths.
_DECIMAL_FAMILY = {"decimal", "arabic_space"}
_MAX_TITLE = 32
_SENTENCE_END = re.compile(r"[。！？；;]")


@dataclass
class Heading:
    line: int
    rule: str
    kind: str
    label: str
    title: str
    number: tuple[int, ...]
    children: list["Heading"] = field(default_factory=list)
    depth: int = 0
    end_line: int = 0  # last source line of the section (filled after the tree is built)
    glued: bool = False  # the line goes on after the title with body text (第一节 发展基础 “十三五”期间，…)

    def to_json(self) -> dict:
        return {
            "label": self.label,
            "title": self.title,
            "line": self.line,
            "kind": self.kind,
            "depth": self.depth,
            "end_line": self.end_line,
            "children": [c.to_json() for c in self.children],
        }


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _number(rule: str, num: str) -> tuple[int, ...] | None:
    if rule == "circled":
        return (_CIRCLED.index(num) + 1,)
    if num.isdigit():
        return (int(num),)
    if "." in num:
        return tuple(int(p) for p in num.split("."))
    n = cn_to_int(num)
    return (n,) if n is not None else None


def match_heading(text: str) -> Heading | None:
    """The heading a line states, or None. Long sentence-like lines are body text, not headings."""
    text = text.strip()
    if "\t" in text:
        return None
    framed = text[:1] in "│┃║"
    if framed:
        # A box drawn with box-drawing characters: its 专栏 title sits inside the frame's verticals.
        text = text.strip("│┃║ ")
    for rule in HEADING_RULES:
        m = rule.pattern.match(text)
        if not m or (framed and rule.kind != "box"):
            continue
        number = _number(rule.name, m.group("num"))
        if number is None:
            return None
        title = m.group("title").strip()
        label = text[: m.start("title")].strip() if m.group("title") else text.strip()
        if rule.kind in ("item",):
            # An inline heading ends at its first full stop: "（一）加强保护。正文……"
            head = _SENTENCE_END.split(title, 1)[0]
            if len(head) > _MAX_TITLE or not head:
                return None
            if head != title and rule.name in ("arabic_space", "decimal"):
                return None
            title = head
        glued = False
        if rule.kind in ("chapter", "section", "part", "division", "box"):
            if _cites_heading(text, m):
                return None
            if len(title) > 60 or _SENTENCE_END.search(title):
                title = _glued_title(title)
                if title is None:
                    return None
                glued = True
        name = "decimal" if rule.name in _DECIMAL_FAMILY else rule.name
        return Heading(line=0, rule=name, kind=rule.kind, label=label, title=_clean_title(title), number=number, glued=glued)
    return None


_GLUED = re.compile(r"^(?P<head>[^。！？；;\s]{2,30})\s+(?P<rest>\S.*)$")


def _glued_title(title: str) -> str | None:
    """第一节 发展基础 “十三五”期间，… : a web copy glues the section's first sentence to its
    heading line, a space apart. The title is what stands before that space, if it reads as one
    (short, no sentence end); otherwise the line is a sentence that happens to open with 第X章."""
    m = _GLUED.match(title)
    if not m or _SENTENCE_END.search(m.group("head")):
        return None
    return m.group("head")


# What follows a 第X章 that a sentence cites rather than a heading states (第四章所列任务, 第五章的要求).
_CITATION_TAIL = re.compile(r"(?:所|的|中的|和|与|及|、|至|到|提出|明确|确定|规定|要求|部署|列出|强调)")


def _cites_heading(text: str, m: re.Match) -> bool:
    """A 第X章 glued to a particle or a reporting verb is a citation inside a sentence that a hard
    wrap put at the start of a line; a heading's title never opens with one."""
    at = m.start("title")
    glued = at > 0 and not text[at - 1].isspace() and text[at - 1] not in ":："
    return glued and bool(_CITATION_TAIL.match(text, at))


def _clean_title(title: str) -> str:
    title = re.sub(r"(?:[.．·…]{3,}|…{2})\s*\d*\s*$", "", title)  # TOC leaders and page numbers
    title = re.sub(r"(?<=[\u4e00-\u9fff”）)])\s+\d{1,3}\s*$", "", title)  # a page number after a space
    return title.strip(" \t:：")


def _key(h: Heading) -> tuple:
    return (h.rule, h.number, re.sub(r"\s+", "", h.title)[:6])


_TOC_TAIL = re.compile(r"(?:[.．·…]{3,}|…{2}|\s)\s*\d{1,3}\s*$")


def find_toc_lines(lines: list[Line]) -> set[int]:
    """Indices of lines that form a table of contents: a dense run of headings repeated later.

    A list of the boxes (专栏目录) is one too: its 专栏 lines run together and the body repeats them.
    """
    cands = [(i, h) for i, ln in enumerate(lines) if (h := match_heading(ln.text))]
    toc: set[int] = set()
    later_keys: dict[tuple, int] = {}
    for i, h in cands:
        later_keys.setdefault(_key(h), i)
    keys_last = {}
    for i, h in cands:
        keys_last[_key(h)] = i
    run: list[int] = []

    def flush():
        # The body's first headings may follow the contents directly; they do not repeat later,
        # so they are cut off before the run is judged.
        body = list(run)
        while body and keys_last[_key(_h[body[-1]])] == body[-1]:
            body.pop()
        repeated = [i for i in body if keys_last[_key(_h[i])] > i]
        # Under a 目录 or 专栏目录 line a short list is contents too (two boxes, two chapters).
        announced = bool(body) and body[0] > 0 and _TOC_TITLE.fullmatch(re.sub(r"\s+", "", lines[body[0] - 1].text))
        if (len(body) >= 3 or announced) and repeated and len(repeated) >= 0.6 * len(body):
            toc.update(repeated)

    _h = dict(cands)
    fillers: set[int] = set()
    prev = None
    for i, h in cands:
        if prev is not None and i == prev + 1:
            run.append(i)
        elif prev is not None and i == prev + 2 and _TOC_TAIL.search(lines[prev + 1].text):
            fillers.add(prev + 1)  # the wrapped rest of a long entry (…加快建设创新型省份……4)
            run.append(i)
        else:
            flush()
            run = [i]
        prev = i
    flush()
    toc.update(k for k in fillers if k - 1 in toc and k + 1 in toc)
    # A "目录" line right before a TOC run belongs to it.
    for i, ln in enumerate(lines):
        if _TOC_TITLE.fullmatch(re.sub(r"\s+", "", ln.text)) and (i + 1) in toc:
            toc.add(i)
    return toc


_TOC_TITLE = re.compile(r"(?:专栏|表格|图表)?目录|专栏(?:索引|一览|列表|清单)")


class _Numbering:
    """Tracks the open headings and the style of each level, to accept only continuing numbers."""

    def __init__(self):
        self.levels: list[str] = []  # style (rule name) of each depth, top first
        self.stack: list[Heading] = []  # open headings, stack[d].depth == d
        self.last: dict[str, int] = {}  # last number accepted per document-level style (章 across 篇)

    def place(self, h: Heading) -> int | None:
        """The depth at which h continues the numbering, or None if it does not fit."""
        if h.rule == "decimal":
            return self._place_decimal(h)
        n = h.number[0]
        lenient = h.kind in ("part", "division", "chapter", "section")
        if h.rule in self.levels:
            d = self.levels.index(h.rule)
            if d > len(self.stack):
                # The style sits deeper elsewhere (一、 under 第X节); here its first item opens
                # right under the current heading (一、 in a 章 without 节).
                return len(self.stack) if n == 1 else None
            if d < len(self.stack) and self.stack[d].rule == h.rule:
                prev = self.stack[d].number[0]
                return d if n == prev + 1 or (lenient and prev < n <= prev + 2) else None
            if d < len(self.stack):
                return None
            return d if n == 1 or (lenient and n <= 2) or self._continues_across_parents(h) else None
        if n != 1 and not (lenient and n <= 2) and not (h.kind in ("part", "division", "chapter") and not self.stack):
            if not self._continues_across_parents(h):
                return None
        return len(self.stack)

    def _continues_across_parents(self, h: Heading) -> bool:
        """第四章 opening 第二篇 after 第三章 closed 第一篇: a national plan numbers its chapters (and
        some plans their sections) straight through the parts, so the first one under a new parent
        continues the last one of its style."""
        if h.kind not in ("part", "division", "chapter", "section") or h.rule not in self.last:
            return False
        return h.number[0] == self.last[h.rule] + 1

    def _place_decimal(self, h: Heading) -> int | None:
        parts = h.number
        if "decimal" in self.levels:
            base = self.levels.index("decimal")
        else:
            if len(parts) != 1:
                return None
            base = len(self.stack)
        d = base + len(parts) - 1
        if d > len(self.stack):
            return None
        if len(parts) > 1:
            parent = self.stack[d - 1]
            if parent.rule != "decimal" or parent.number != parts[:-1]:
                return None
        if d < len(self.stack) and self.stack[d].rule == "decimal":
            prev = self.stack[d].number[-1]
            return d if parts[-1] == prev + 1 else None
        if d < len(self.stack):
            return None
        return d if parts[-1] == 1 or (d == base and parts[-1] <= 2) else None

    def push(self, h: Heading, depth: int) -> None:
        del self.stack[depth:]
        self.stack.append(h)
        if h.kind in ("part", "division", "chapter", "section"):
            self.last[h.rule] = h.number[0]
        h.depth = depth
        style_depth = depth - (len(h.number) - 1) if h.rule == "decimal" else depth
        if style_depth < len(self.levels) and self.levels[style_depth] == h.rule:
            return
        del self.levels[style_depth:]
        self.levels.append(h.rule)


def build_outline(lines: list[Line], skip: set[int] | None = None) -> tuple[list[Heading], dict[int, Heading]]:
    """The heading tree over lines, ignoring indices in skip (tables, TOC).

    Returns the roots and a map from line index to the heading that line states.
    """
    skip = skip or set()
    numbering = _Numbering()
    roots: list[Heading] = []
    at: dict[int, Heading] = {}
    open_sentence = False  # the last body line read stopped mid-sentence
    last_box: Heading | None = None  # the box open since the last heading
    boxes_here: list[Heading] = []  # boxes met since the last 篇/章/节 (a box repeated after a page break)
    for i, ln in enumerate(lines):
        if i in skip:
            continue
        h = match_heading(ln.text)
        if h is None or (open_sentence and _continues_a_figure(h)):
            open_sentence = not _LINE_END.search(ln.text.strip())
            continue
        open_sentence = False
        h.line = ln.no
        continued = _join_wrapped_title(h, lines, i, skip)
        if h.kind == "box":
            again = _same_box(boxes_here, h)
            if again is not None:
                at[i] = again  # the box goes on over a page break and repeats its title: one box
                continue
            boxes_here.append(h)
            last_box = h
            h.depth = len(numbering.stack)
            parent = numbering.stack[-1] if numbering.stack else None
            (parent.children if parent else roots).append(h)
            at[i] = h
            continue
        depth = numbering.place(h)
        if depth is None:
            continue
        numbering.push(h, depth)
        last_box = None
        if h.kind in ("part", "division", "chapter", "section"):
            boxes_here = []
        if depth == 0:
            roots.append(h)
        else:
            numbering.stack[depth - 1].children.append(h)
        at[i] = h
        if continued is not None:
            at[continued] = h
    _fill_end_lines(roots, lines[-1].no if lines else 0)
    return roots, at


_LINE_END = re.compile(r"[。！？!?；;：:]$|[。！？!?][”’」』）)]$")


def _same_box(seen: list[Heading], h: Heading) -> Heading | None:
    """A box printed over a page break repeats its number (and title) at the top of the next page,
    after some of its entries (1. 2. …) have been read: the same number under the same 章/节,
    with the same title or none, is the box going on, not a new one."""
    label = re.sub(r"\s+", "", h.label).rstrip(":：")
    for box in seen:
        if re.sub(r"\s+", "", box.label).rstrip(":：") != label:
            continue
        a, b = _bare_title(h.title), _bare_title(box.title)
        if not a or not b or a.startswith(b) or b.startswith(a):  # a repeated title may be cut short
            return box
    return None


_CONTINUED = re.compile(r"[（(]?续(?:上)?表?[）)]?$")


def _bare_title(text: str) -> str:
    """A box title without spaces and without the （续）/（续表） a continued page adds."""
    return _CONTINUED.sub("", re.sub(r"\s+", "", text))


def _continues_a_figure(h: Heading) -> bool:
    """After a line that stopped mid-sentence, "1 万亩，…" or "2.5万人，…" is the rest of a figure
    the hard wrap cut from its verb (新建高标准农田 / 1 万亩), not a numbered heading: its title
    opens with a unit."""
    if h.rule not in ("decimal", "arabic_space"):
        return False
    return any(is_unit(h.title[:k]) for k in (1, 2, 3))


def _join_wrapped_title(h: Heading, lines: list[Line], i: int, skip: set[int]) -> int | None:
    """A chapter title cut by the page width ("…历史使命，" / "奋力实现…目标") continues on the next
    line; a number printed on a line of its own ("第三章" / "优化…格局") has its whole title there.
    (A box's title on the next line is the box reader's to take: boxes.py.)"""
    if h.kind not in ("part", "division", "chapter", "section"):
        return None
    if h.title and not h.title.endswith(("，", ",", "、", "—", "：")):
        return None
    k = i + 1
    if k < len(lines) and k not in skip:
        nxt = lines[k].text.strip()
        if len(nxt) <= 30 and not match_heading(nxt) and not _SENTENCE_END.search(nxt):
            h.title += nxt
            return k
    return None


def _fill_end_lines(nodes: list[Heading], end: int) -> None:
    for k, node in enumerate(nodes):
        nxt = nodes[k + 1].line - 1 if k + 1 < len(nodes) else end
        node.end_line = max(node.line, nxt)
        _fill_end_lines(node.children, node.end_line)


# The heading kinds a reader counts in a plan's outline, with the words plans use for them.
COUNTED_KINDS = {"part": "篇", "chapter": "章", "section": "节", "box": "专栏"}


def outline_counts(nodes: list[Heading]) -> dict[str, int]:
    """How many 篇, 章, 节 and 专栏 the outline holds: the shape a reader checks first."""
    counts = dict.fromkeys(COUNTED_KINDS.values(), 0)
    for n in walk(nodes):
        if n.kind in COUNTED_KINDS:
            counts[COUNTED_KINDS[n.kind]] += 1
    return counts


def walk(nodes: list[Heading]):
    for n in nodes:
        yield n
        yield from walk(n.children)
