"""Which of the parent's 专栏 projects the child plan names, and where.

Alignment on major projects means the city plan takes up the province's projects: lists them in
its own 专栏 or project table, or names them in its text. A parent project is looked for, in the
child's project entries (name and content) and in its source lines, by these keys, surest first:

- name   the project's name (quotation marks, spaces and widths aside);
- core   the name without the generic tail plans vary freely (工程, 重大项目, 建设 …):
         智创城建设重点推进项目 -> 智创城;
- fuzzy  a child project name close to the core (rapidfuzz partial ratio);
- stem   where sibling projects of one 专栏 share a tail (汾河生态修复工程, 涑水河生态修复工程 …),
         the distinctive head (涑水河) together with a word of that tail (生态, 修复) on one line:
         a city names its stretch of a provincial programme in its own words.

Keys too short to be distinctive in running text (两山, 储能) are looked for only among the
child's project names. Every mention cites its line and says which key found it ("by").
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from .normalize import QUOTE_MARKS, half_width, plain
from .source import SourceLine

GENERIC_TAILS = ("重点推进项目", "重大工程", "重大项目", "重点项目", "重点工程", "建设工程", "建设项目", "工程",
                 "项目", "行动", "任务", "建设")
MIN_TEXT_KEY = 3  # shorter keys match too much running text
MIN_SHARED_TAIL = 3  # a tail shared by siblings must be this long to mark their heads as stems
PLACE_ENDINGS = "河湖山江海川泉渠峡市县区镇乡村园城"  # a shared tail starting here cuts a place name
FUZZY_PROJECT = 90  # rapidfuzz partial ratio for a child project name to count as naming it
MAX_MENTIONS = 5
SNIPPET = 40


def project_key(name: str | None) -> str:
    """The name as compared: widths unified, spaces and quotation marks dropped."""
    return plain(name)


def core_name(name: str | None) -> str:
    """The name without its generic tail: 智创城建设重点推进项目 -> 智创城."""
    key = project_key(name)
    changed = True
    while changed:
        changed = False
        for tail in GENERIC_TAILS:
            if key.endswith(tail) and len(key) > len(tail) + 1:
                key, changed = key[: -len(tail)], True
                break
    return key


def stem_and_tail(name: str, siblings: list[str]) -> tuple[str, list[str]] | None:
    """(涑水河, [生态, 修复]) for 涑水河生态修复工程 among 汾河生态修复工程 …: the head that tells the
    project from its siblings, and the words of the tail they share. None without such a tail."""
    key = project_key(name)
    best = ""
    for other in siblings:
        o = project_key(other)
        if o == key:
            continue
        n = 0
        while n < min(len(key), len(o)) and key[-1 - n] == o[-1 - n]:
            n += 1
        if n > len(best):
            best = key[len(key) - n:]
    while best and (len(key) - len(best) < 2 or best[0] in PLACE_ENDINGS and len(best) > MIN_SHARED_TAIL):
        best = best[1:]  # the head stays a name of its own: 盐湖 not 盐, 涑水河 not 涑水
    if len(best) < MIN_SHARED_TAIL:
        return None
    tail = core_name(best)
    words = [w for w in dict.fromkeys((tail[:2], tail[-2:])) if len(w) == 2 and w not in GENERIC_TAILS]
    if not words:
        return None
    return key[: len(key) - len(best)], words


def align_projects(parent: dict, child: dict, lines: list[SourceLine] | None) -> list[dict]:
    """[{"parent": PROJECT, "child_mentions": [{"line", "text", "by"}]}] for every parent project."""
    child_projects = child.get("projects") or []
    keyed_lines = [_keyed(ln) for ln in lines or []]
    by_box: dict[str, list[str]] = {}
    for p in parent.get("projects") or []:
        by_box.setdefault(p.get("box") or "", []).append(p.get("name") or "")
    return [{"parent": p, "child_mentions": mentions(p, child_projects, keyed_lines, by_box.get(p.get("box") or "", []))}
            for p in parent.get("projects") or []]


def _keyed(ln: SourceLine) -> tuple[int, str, str]:
    """(line, text as compared, text as shown): the same characters position for position, so a
    snippet can quote the plan's own punctuation (half_width maps one character to one)."""
    shown = re.sub(r"\s+", "", ln.text).translate(_NO_QUOTES)
    return ln.no, half_width(shown), shown


_NO_QUOTES = str.maketrans("", "", QUOTE_MARKS)


def mentions(project: dict, child_projects: list[dict], keyed_lines: list[tuple[int, str, str]],
             siblings: list[str] | None = None) -> list[dict]:
    name, core = project_key(project.get("name")), core_name(project.get("name"))
    if not name:
        return []
    keys = [k for k in dict.fromkeys((name, core)) if k]
    out: list[dict] = []
    seen: set[int] = set()

    def add(line, text, by):
        if line not in seen and len(out) < MAX_MENTIONS:
            seen.add(line)
            out.append({"line": line, "text": text, "by": by})

    for cp in child_projects:
        cname, content = project_key(cp.get("name")), project_key(cp.get("content"))
        box = f"{cp['box']}：" if cp.get("box") else ""
        for k in keys:
            by = "name" if k == name else "core"
            if k == cname or (len(k) >= MIN_TEXT_KEY and k in cname):
                add(cp.get("line"), f"{box}{cp.get('name')}", by)
            elif len(k) >= MIN_TEXT_KEY and k in content:
                add(cp.get("line"), f"{box}{cp.get('name')}（内容含“{k}”）", by)
        if len(core) >= 4 and len(cname) >= 4 and fuzz.partial_ratio(core, cname) >= FUZZY_PROJECT:
            add(cp.get("line"), f"{box}{cp.get('name')}", "fuzzy")
    for k in keys:
        if len(k) >= MIN_TEXT_KEY:
            by = "name" if k == name else "core"
            for no, text, at in _find(keyed_lines, lambda t, k=k: t.find(k), len(k)):
                add(no, _snippet(text, at, len(k)), by)
    st = stem_and_tail(project.get("name") or "", siblings or [])
    if st is not None:
        for _, _, line, text in _stem_hits(st[0], st[1], child_projects, keyed_lines):
            add(line, text, "stem")
    return out


STEM_REACH = 20  # a tail word this close to the stem counts as speaking of the same project


def _stem_hits(stem: str, words: list[str], child_projects: list[dict], keyed_lines: list[tuple[int, str, str]]):
    """(distance, 0 for a project entry / 1 for text, line, text) where the stem and a tail word
    stand close together, closest first."""
    hits = []
    for cp in child_projects:
        body = project_key(cp.get("name")) + "：" + project_key(cp.get("content"))
        d = _distance(body, stem, words)
        if d is not None:
            box = f"{cp['box']}：" if cp.get("box") else ""
            hits.append((d, 0, cp.get("line"), f"{box}{cp.get('name')}（内容含“{stem}”）"))
    for i, (no, text, shown) in enumerate(keyed_lines):
        if stem not in text:
            continue
        nxt = keyed_lines[i + 1][1] if i + 1 < len(keyed_lines) else ""
        d = _distance(text + nxt, stem, words)
        if d is not None:
            hits.append((d, 1, no, _snippet(shown, text.find(stem), len(stem))))
    return sorted(hits, key=lambda h: (h[0], h[1], h[2]))


def _distance(text: str, stem: str, words: list[str]) -> int | None:
    """Characters between the stem and the nearest tail word, or None beyond STEM_REACH."""
    best = None
    for m in re.finditer(re.escape(stem), text):
        for w in words:
            for n in re.finditer(re.escape(w), text):
                gap = n.start() - m.end() if n.start() >= m.end() else m.start() - n.end()
                if gap >= 0 and (best is None or gap < best):
                    best = gap
    return best if best is not None and best <= STEM_REACH else None


def _find(keyed_lines: list[tuple[int, str, str]], locate, length: int):
    """(line, text as shown, position) of each line where locate finds the key; a key cut by a
    line break is cited at the line where it starts."""
    for i, (no, text, shown) in enumerate(keyed_lines):
        at = locate(text)
        if at >= 0:
            yield no, shown, at
            continue
        nxt, nxt_shown = keyed_lines[i + 1][1:] if i + 1 < len(keyed_lines) else ("", "")
        at = locate(text + nxt)
        if 0 <= at < len(text) and at + length > len(text):
            yield no, shown + nxt_shown, at


def _snippet(text: str, at: int, length: int) -> str:
    start, end = max(0, at - SNIPPET), min(len(text), at + length + SNIPPET)
    s = re.sub(r"\s+", " ", text[start:end])
    return ("…" if start > 0 else "") + s + ("…" if end < len(text) else "")
