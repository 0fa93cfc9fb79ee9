"""A child plan against its parent (规划衔接): indicator by indicator, then projects.

The provincial outline asks every city and county plan to align with it, above all on binding
indicators. For each parent indicator this finds the child's indicator for the same concept
(catalogue.py decides "same": exact name, normal form or synonym, or a person's confirmed
decision; fuzzy similarity only proposes candidates), one to one, best match first, and reports:
missing; binding kept or downgraded; the target consistent, inherited (完成省/国家下达…),
stricter, weaker or not comparable; the unit changed. Child-only indicators are rows too. Every
finding cites the parent's and the child's source line.

Output (JSON-ready):
    {"child": KEY, "parent": KEY,
     "rows": [{"parent": INDICATOR|null, "child": INDICATOR|null, "concept": id|null,
               "match": method|null, "findings": [FINDING, …]}],
     "projects": [{"parent": PROJECT, "child_mentions": [{"line": n, "text": …}]}],
     "summary": {…counts}}
"""

from __future__ import annotations

from collections import Counter

from . import units as U
from .catalogue import METHOD_SCORES, Catalogue, Decisions, Match, default_catalogue, similarity
from .findings import binding_word, finding, number, quoted, span, target_words, unit_word
from .normalize import normalize
from .projects import align_projects
from .source import source_lines
from .targets import compare

METHOD_ORDER = ("confirmed", "exact", "normalized", "synonym")
CANDIDATE_FLOOR = 0.6  # fuzzy similarity worth proposing for an unmatched parent indicator


def align_plans(child: dict, parent: dict, child_key, parent_key, decisions: Decisions | None = None, *,
                catalogue: Catalogue | None = None, child_text: str | None = None) -> dict:
    """The alignment of child with parent. decisions: {(normal form of a name, concept id): bool}
    from people, winning over the machine. child_text: the child's source text, for finding the
    parent's projects in it (read from child['source'] when not given)."""
    cat = catalogue or default_catalogue()
    pinds, cinds = parent.get("indicators") or [], child.get("indicators") or []
    pm = [cat.concept_of(i.get("name"), i.get("unit"), decisions) for i in pinds]
    cm = [cat.concept_of(i.get("name"), i.get("unit"), decisions) for i in cinds]
    pairs = match_one_to_one(pinds, cinds, pm, cm)
    matched_children = {j for j, _ in pairs.values()}
    table = span([i.get("line") for i in cinds])

    rows = []
    for i, p in enumerate(pinds):
        if i in pairs:
            j, method = pairs[i]
            c, concept = cinds[j], pm[i].concept if pm[i] else (cm[j].concept if cm[j] else None)
            rows.append(_row(p, c, concept.id if concept else None, method,
                             pair_findings(p, c, concept.direction if concept else None)))
        else:
            unmatched = [(j, cinds[j], cm[j]) for j in range(len(cinds)) if j not in matched_children]
            rows.append(_row(p, None, pm[i].concept.id if pm[i] else None, None,
                             missing_findings(p, pm[i], unmatched, table, cat)))
    for j, c in enumerate(cinds):
        if j not in matched_children:
            rows.append(_row(None, c, cm[j].concept.id if cm[j] else None, None, [child_only_finding(c)]))

    lines = source_lines(child, child_text)
    projects = align_projects(parent, child, lines)
    return {"child": child_key, "parent": parent_key, "rows": rows, "projects": projects,
            "summary": summarize(rows, projects)}


def _row(parent, child, concept, match, findings) -> dict:
    return {"parent": parent, "child": child, "concept": concept, "match": match, "findings": findings}


# --- matching ------------------------------------------------------------------------------------

def pair_method(pm: Match | None, cm: Match | None, p: dict, c: dict) -> str | None:
    """How two indicators are the same one: the weaker of their two concept matches, or their equal
    normal forms where the catalogue knows neither. None: not the same."""
    if pm is not None and cm is not None:
        if pm.concept.id != cm.concept.id:
            return None
        if "confirmed" in (pm.method, cm.method):
            return "confirmed"  # a person's decision made this pair; say so
        return max(pm.method, cm.method, key=METHOD_ORDER.index)
    if pm is None and cm is None and normalize(p.get("name")) == normalize(c.get("name")) != "":
        return "normalized"
    return None


def match_one_to_one(pinds: list[dict], cinds: list[dict], pm: list, cm: list) -> dict[int, tuple[int, str]]:
    """{parent index: (child index, method)}: each indicator at most once, the surest pair first;
    among equally sure ones, the pair with the same unit, then the same category, then the nearer
    position in the table."""
    candidates = []
    for i, p in enumerate(pinds):
        for j, c in enumerate(cinds):
            method = pair_method(pm[i], cm[j], p, c)
            if method is None:
                continue
            score = min(pm[i].score if pm[i] else METHOD_SCORES[method], cm[j].score if cm[j] else METHOD_SCORES[method])
            same_unit = U.same_unit(p.get("unit"), c.get("unit"))
            same_cat = (p.get("category") or "") == (c.get("category") or "")
            candidates.append((-score, not same_unit, not same_cat, abs(i / max(len(pinds), 1) - j / max(len(cinds), 1)),
                               i, j, method))
    candidates.sort()
    pairs: dict[int, tuple[int, str]] = {}
    taken: set[int] = set()
    for *_, i, j, method in candidates:
        if i in pairs or j in taken:
            continue
        pairs[i] = (j, method)
        taken.add(j)
    return pairs


# --- findings of a matched pair ------------------------------------------------------------------

def pair_findings(p: dict, c: dict, direction: str | None) -> list[dict]:
    out = []
    lines = {"parent_line": p.get("line"), "child_line": c.get("line")}
    pl, cl = f"上位规划第{p.get('line')}行", f"本规划第{c.get('line')}行"
    if p.get("binding") == "binding" and c.get("binding") != "binding":
        out.append(finding(
            "downgraded", "high",
            f"{pl}{quoted(p)}为约束性指标，{cl}{quoted(c)}列为{binding_word(c)}指标，指标属性降级，"
            f"建议调整为约束性指标或说明理由。", **lines))
    elif p.get("binding") == "expected" and c.get("binding") == "binding":
        out.append(finding("upgraded", "info",
                           f"{pl}{quoted(p)}为预期性指标，{cl}{quoted(c)}列为约束性指标，要求高于上位规划。", **lines))
    unit = unit_finding(p, c, lines, pl, cl)
    if unit:
        out.append(unit)
    out.append(target_finding(p, c, direction, lines, pl, cl))
    return out


def unit_finding(p: dict, c: dict, lines: dict, pl: str, cl: str) -> dict | None:
    pu, cu = p.get("unit"), c.get("unit")
    if U.same_unit(pu, cu):
        return None
    if not pu or not cu:
        severity = "low"
    elif U.clean_unit(pu) in U.split_units(cu) or U.clean_unit(cu) in U.split_units(pu):
        severity = "low"  # 万吨、% against %: one of the units is the parent's
    else:
        severity = "medium" if U.compatible(pu, cu) else "high"
    note = ""
    f = U.factor(cu, pu)
    same_figure = (str(p.get("target_text") or "").strip() == str(c.get("target_text") or "").strip()
                   and (p.get("target_text") or "").strip() != "")
    if f is not None and f != 1.0 and same_figure:
        ratio = 1 / f if f < 1 else f
        note = f"，两者目标数值同为“{str(c.get('target_text')).strip()}”，实际要求相差{ratio:g}倍"
    return finding(
        "unit_changed", severity,
        f"{pl}{quoted(p)}的计量单位为{unit_word(pu)}，{cl}{quoted(c)}为{unit_word(cu)}{note}，请核实单位是否有误。",
        **lines)


_TARGET_KINDS = {
    "consistent": ("target_consistent", "info"),
    "inherited": ("target_inherited", "info"),
    "stricter": ("target_stricter", "info"),
    "weaker": ("target_weaker", "medium"),
    "not_comparable": ("target_not_comparable", "low"),
}


def target_finding(p: dict, c: dict, direction: str | None, lines: dict, pl: str, cl: str) -> dict:
    cmp = compare(p, c, direction)
    kind, severity = _TARGET_KINDS[cmp.status]
    pt, ct = target_words(p), target_words(c)
    if cmp.status == "consistent":
        msg = f"{cl}{quoted(c)}目标{ct}与{pl}{quoted(p)}目标{pt}一致。"
    elif cmp.status == "inherited":
        msg = f"{cl}{quoted(c)}目标为{ct}，承接{pl}{quoted(p)}目标（{pt}），视为一致。"
    elif cmp.status == "stricter":
        msg = f"{cl}{quoted(c)}目标{ct}严于{pl}{quoted(p)}目标{pt}。"
    elif cmp.status == "weaker":
        if p.get("binding") == "binding":
            severity = "high"
        base = ""
        if p.get("base_value") is not None and c.get("base_value") is not None:
            base = f"（本规划基期值{number(c['base_value'])}，上位规划基期值{number(p['base_value'])}）"
        msg = f"{cl}{quoted(c)}目标{ct}低于{pl}{quoted(p)}目标{pt}的要求{base}，请核实是否符合上位规划要求。"
    else:
        msg = f"{cl}{quoted(c)}目标{ct}与{pl}{quoted(p)}目标{pt}无法直接比较：{cmp.reason}。"
    return finding(kind, severity, msg, **lines)


# --- unmatched indicators ------------------------------------------------------------------------

def missing_findings(p: dict, pm: Match | None, unmatched: list, table: str, cat: Catalogue) -> list[dict]:
    """The missing finding, and what a person may want to look at instead: related concepts the
    child does measure, or fuzzy candidates among its unmatched indicators."""
    pl = f"上位规划第{p.get('line')}行"
    where = f"本规划指标表（{table}）" if table else "本规划"
    binding = p.get("binding") == "binding"
    out = [finding(
        "missing", "high" if binding else "medium",
        f"{pl}{binding_word(p)}指标{quoted(p)}在{where}中没有对应指标，"
        f"{'建议补充该约束性指标或说明理由' if binding else '请说明是否需要衔接'}。",
        parent_line=p.get("line"), child_line=None)]
    related = set(pm.concept.related) if pm else set()
    for j, c, cmatch in unmatched:
        if cmatch is not None and cmatch.concept.id in related:
            out.append(finding(
                "related", "info",
                f"本规划第{c.get('line')}行{quoted(c)}与{pl}{quoted(p)}相关，但统计口径不同，不能视为同一指标。",
                parent_line=p.get("line"), child_line=c.get("line")))
    scored = []
    pn = normalize(p.get("name"))
    for j, c, cmatch in unmatched:
        if cmatch is not None and pm is not None:
            continue  # the catalogue knows both, and they differ
        s = similarity(pn, normalize(c.get("name")))
        if s >= CANDIDATE_FLOOR:
            scored.append((s, j, c))
    for s, j, c in sorted(scored, key=lambda t: (-t[0], t[1]))[:2]:
        out.append(finding(
            "candidate", "info",
            f"本规划第{c.get('line')}行{quoted(c)}可能对应{pl}{quoted(p)}（名称相似度{s:.0%}），需人工确认。",
            parent_line=p.get("line"), child_line=c.get("line")))
    return out


def child_only_finding(c: dict) -> dict:
    return finding("child_only", "info",
                   f"本规划第{c.get('line')}行{binding_word(c)}指标{quoted(c)}为本规划增设，上位规划指标表中没有对应指标。",
                   parent_line=None, child_line=c.get("line"))


# --- summary -------------------------------------------------------------------------------------

def summarize(rows: list[dict], projects: list[dict]) -> dict:
    kinds = Counter(f["kind"] for r in rows for f in r["findings"])
    parent_rows = [r for r in rows if r["parent"] is not None]
    binding_rows = [r for r in parent_rows if r["parent"].get("binding") == "binding"]
    return {
        "parent_indicators": len(parent_rows),
        "child_indicators": sum(1 for r in rows if r["child"] is not None),
        "matched": sum(1 for r in parent_rows if r["child"] is not None),
        "missing": kinds["missing"],
        "parent_binding": len(binding_rows),
        "binding_matched": sum(1 for r in binding_rows if r["child"] is not None),
        "binding_kept": sum(1 for r in binding_rows if r["child"] is not None and r["child"].get("binding") == "binding"),
        "downgraded": kinds["downgraded"],
        "upgraded": kinds["upgraded"],
        "unit_changed": kinds["unit_changed"],
        "target_consistent": kinds["target_consistent"],
        "target_inherited": kinds["target_inherited"],
        "target_stricter": kinds["target_stricter"],
        "target_weaker": kinds["target_weaker"],
        "target_not_comparable": kinds["target_not_comparable"],
        "child_only": kinds["child_only"],
        "parent_projects": len(projects),
        "projects_named": sum(1 for p in projects if p["child_mentions"]),
        "by_severity": dict(Counter(f["severity"] for r in rows for f in r["findings"])),
    }
