"""The plan page (/plans/{key}) and its source view (/plans/{key}/source?line=N).

The plan page gathers what an office asks of one plan: its facts, the outline, the indicator
table with this year's statuses, prose targets, 专栏 projects, how it aligns with its parent, what
the self-check found, and the downloads. Everything extracted links to the line it came from,
because the source is the truth: the source view shows the text with line numbers and the
requested line highlighted.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import PurePath
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from markupsafe import Markup, escape
from sqlalchemy import select

from ...corrections import effective_indicators, plan_checks, plan_corrections
from ...store.models import PlanVersion, Project, Target
from .. import labels
from ..actors import request_actor
from ..plan_publication import hide_unpublished_relatives, publication_section
from ..queries import MEMO, alignment, default_year, evaluation, find_plan, findings, memo_key, plan_brief, source_lines
from ..render import error_page, plan_url, query_url, render, wants_json
from ..auth import allow

router = APIRouter()

EXPORT_FORMATS = (("json", "JSON（结构化全文）"), ("csv", "CSV（主要指标）"), ("xlsx", "Excel（指标与回顾表）"))


@lru_cache(maxsize=1)
def report_formats() -> tuple[tuple[str, str], ...]:
    """The evaluation report formats, if the report package is installed; () if not, so the page
    links to reports only when they can be produced."""
    if importlib.util.find_spec("plantrack.report") is None:
        return ()
    try:
        from ...report import WRITERS
    except Exception:  # noqa: BLE001 - a half-installed report package means no report links
        return ()
    return tuple((name, getattr(w, "label", name.upper())) for name, w in WRITERS.items())


def not_found(request: Request, key: str):
    return error_page(request, 404, "plan_not_found", f"没有键为“{key}”的规划。请在规划目录中查看已入库的规划。")


def _facts(plan, version: PlanVersion) -> dict:
    return {
        **plan_brief(plan),
        "issuer": plan.issuer,
        "doc_number": plan.doc_number,
        "issued_on": plan.issued_on,
        "version": version.number,
        "versions": [{"number": v.number, "created_at": v.created_at, "sha256": v.sha256} for v in plan.versions],
        "source": {"file": PurePath(version.source_path).name, "sha256": version.sha256,
                   "encoding": version.encoding, "lines": version.line_count},
    }


def _relatives(plan) -> dict:
    parent = plan.parent
    return {
        "parent": {"key": parent.key, "title": parent.title or parent.key} if parent else None,
        "children": [{"key": c.key, "title": c.title or c.key} for c in sorted(plan.children, key=lambda c: c.key)],
    }


def _indicator_rows(session, version: PlanVersion, evaluated: dict) -> list[dict]:
    """The effective rows (the parser's with people's corrections applied), each with its status;
    a corrected row carries 人工修正 with the parser's original rows beside it."""
    by_ref = {a.get("row_ref"): a for a in evaluated["assessments"]}
    rows = []
    for ind in effective_indicators(session, version):
        a = by_ref.get(ind["ref"], {})
        observed = a.get("observed") or {}
        c = ind["correction"]
        rows.append({
            "id": ind["indicator_id"],
            "ref": ind["ref"],
            "category": ind["category"],
            "name": ind["name"],
            "unit": ind["unit"],
            "binding": ind["binding"],
            "base_year": ind["base_year"],
            "base_text": ind["base_text"],
            "target_year": ind["target_year"],
            "target_text": ind["target_text"],
            "annual_growth": ind["annual_growth"],
            "line": ind["line"],
            "correction": {"label": "人工修正", "id": c["id"], "action": c["action"], "action_label": c["action_label"],
                           "who": c["who"], "why": c["why"], "created_at": c["created_at"], "originals": c["originals"]}
            if c else None,
            "status": a.get("status", "无数据"),
            "latest": {"year": observed.get("year"), "value": observed.get("value"), "unit": observed.get("unit")}
            if observed.get("value") is not None else None,
            "explanation": a.get("explanation"),
        })
    return rows


def prose_rows(evaluated: dict) -> list[dict]:
    """The targets of the text tracked as items (evaluate/prose_targets.py), as rows shaped like
    _indicator_rows' (no table row, so no id and no correction): the lists that count statuses count
    them too, so a dashboard's number and the list it opens agree."""
    rows = []
    for a in evaluated["assessments"]:
        if a.get("origin") != "prose":
            continue
        ind, observed, base = a["indicator"], a.get("observed") or {}, a.get("base") or {}
        rows.append({
            "id": None, "ref": a.get("row_ref"), "category": ind.get("category"), "name": ind.get("name"),
            "unit": ind.get("unit"), "binding": None, "base_year": base.get("year"),
            "base_text": None if base.get("value") is None else f"{base['value']:g}",
            "target_year": ind.get("target_year"), "target_text": ind.get("target_text"), "annual_growth": None,
            "line": ind.get("line"), "correction": None, "status": a.get("status", "无数据"),
            "latest": {"year": observed.get("year"), "value": observed.get("value"), "unit": observed.get("unit")}
            if observed.get("value") is not None else None,
            "explanation": a.get("explanation"),
        })
    return rows


def _projects(session, version: PlanVersion) -> list[dict]:
    boxes: dict[str, dict] = {}
    for p in session.scalars(select(Project).where(Project.version_id == version.id).order_by(Project.ordinal)):
        box = boxes.setdefault(p.box, {"box": p.box, "line": p.line, "entries": []})
        d = p.data or {}
        box["entries"].append({"id": p.id, "name": p.name, "line": p.line, "place": d.get("place"),
                             "investment": d.get("investment"), "period": d.get("period"),
                             "lead_units": d.get("lead_units"), "content": d.get("content")})
    return list(boxes.values())


def _targets(session, version: PlanVersion, evaluated: dict | None = None) -> list[dict]:
    """The prose targets, each with its requirement in words (达到 50%以上, 区间 2—3个, 方向 明显提高)
    and, where it is a tracked item (evaluate/prose_targets.py) or rides on a table row of the same
    concept, the status it was given."""
    by_ref = {a.get("row_ref"): a for a in (evaluated or {}).get("assessments", [])}
    by_line = {(p.get("line"), p.get("text")): a for a in (evaluated or {}).get("assessments", [])
               for p in a.get("prose_targets") or ()}
    rows = []
    for t in session.scalars(select(Target).where(Target.version_id == version.id).order_by(Target.ordinal)):
        a = by_ref.get(f"prose-{t.ordinal}") or by_line.get((t.line, t.text))
        rows.append({"id": t.id, "subject": t.subject, "value": t.value, "unit": t.unit, "year": t.year,
                     "relation": t.relation, "relation_label": labels.label(labels.RELATIONS, t.relation),
                     "requirement": target_requirement(t.data or {}), "text": t.text, "line": t.line,
                     "status": a.get("status") if a else None,
                     "tracked_as": None if a is None else ("prose" if a.get("origin") == "prose" else a["indicator"]["name"])})
    return rows


def _report_links(plan, year: int) -> list[dict]:
    """The report downloads for the chosen year, each titled by the evaluation that year stands for
    (2023 年中期评估报告 for 2021-2025, 2025 年总结评估报告, 2022 年年度监测报告)."""
    from ...evaluate.years import evaluation_kind
    from ...publication import REPORT_KINDS

    kind = evaluation_kind(year, plan.period_start, plan.period_end)
    title = f"{year} 年{REPORT_KINDS[kind]}报告"
    return [{"format": f, "label": lbl, "report_kind": kind, "title": title,
             "href": f"{plan_url(plan.key)}/report?format={f}&year={year}&kind={kind}"} for f, lbl in report_formats()]


def target_requirement(t: dict) -> str:
    """What a prose target requires, in words a reader of the plan uses: 达到 26%, 不低于 50%,
    2—3个, 明显提高, 基本消除 — never a machine code."""
    word = labels.label(labels.RELATIONS, t.get("relation"), "")
    unit = t.get("unit") or ""
    if t.get("relation") == "directional":
        return t.get("direction") or word
    if t.get("relation") == "qualitative":
        return t.get("state") or word
    if t.get("value_text"):
        return f"{word} {t['value_text']}".strip()
    if t.get("low") is not None and t.get("high") is not None:
        return f"{t['low']:g}—{t['high']:g}{unit}"
    if t.get("value") is not None:
        return f"{word} {t['value']:g}{unit}".strip()
    return word or "—"


def _alignment_brief(session, plan) -> dict | None:
    result = alignment(session, plan)
    if result is None:
        return None
    issues = [f for row in result.get("rows", []) for f in row.get("findings", []) if f.get("severity") != "info"]
    by_sev: dict[str, int] = {}
    for f in issues:
        by_sev[f["severity"]] = by_sev.get(f["severity"], 0) + 1
    summary = result.get("summary") or {}
    return {
        "parent": result.get("parent"),
        "summary": [{"key": k, "label": labels.label(labels.ALIGN_SUMMARY, k), "value": v}
                    for k, v in summary.items() if not isinstance(v, dict)],
        "issues": len(issues),
        "issues_by_severity": [{"severity": s, "label": labels.SEVERITIES.get(s, s), "count": by_sev[s]}
                               for s in sorted(by_sev, key=lambda s: labels.SEVERITY_ORDER.get(s, 9))],
        "top_issues": sorted(issues, key=lambda f: labels.SEVERITY_ORDER.get(f["severity"], 9))[:5],
    }


def _finding_rows(found: list[dict]) -> list[dict]:
    return [
        {"kind": f.get("kind"), "kind_label": labels.label(labels.FINDING_KINDS, f.get("kind")),
         "severity": f.get("severity"), "severity_label": labels.label(labels.SEVERITIES, f.get("severity")),
         "message": f.get("message"), "indicator": f.get("indicator"),
         "lines": sorted({ln for ln in (f.get("lines") or []) if ln})}
        for f in found
    ]


@router.get("/plans/{key}", include_in_schema=False, dependencies=[allow("plans.read")])
def plan_page(request: Request, key: str, year: Annotated[int | None, Query(ge=1949, le=2200)] = None,
              binding: Literal["binding", "expected"] | None = None,
              status: Literal["提前实现", "快于预期", "基本符合预期", "滞后", "无数据", "需人工评估"] | None = None):
    with request.app.state.session_factory() as session:
        plan = find_plan(session, key)
        if plan is None:
            return not_found(request, key)
        version = plan.current
        chosen = year or default_year(session)
        evaluated = evaluation(session, plan, chosen)
        indicators = _indicator_rows(session, version, evaluated)
        projects = _projects(session, version)
        counts = {s: 0 for s in labels.STATUS_ORDER}
        for row in indicators:
            if binding is None or row["binding"] == binding:
                counts[row["status"]] = counts.get(row["status"], 0) + 1
        # the filters narrow the table, never the counts' meaning: counts follow the binding filter only,
        # so each status link says how many rows it will show
        shown = [r for r in indicators
                 if (binding is None or r["binding"] == binding) and (status is None or r["status"] == status)]
        data = {
            "plan": _facts(plan, version),
            **_relatives(plan),
            "year": chosen,
            "outline": version.document.get("outline", []),
            "status_counts": [{"status": s, "count": n,
                               "href": query_url(plan_url(plan.key), year=chosen, binding=binding, status=s) + "#indicators"}
                              for s, n in counts.items()],
            "filter": {"binding": binding, "status": status,
                       "clear_href": query_url(plan_url(plan.key), year=chosen) + "#indicators",
                       "all_plans_href": query_url("/indicators", year=chosen, plan=plan.key, binding=binding, status=status)},
            "indicators_total": len(indicators),
            "indicators": shown,
            "targets": _targets(session, version, evaluated),
            "projects": projects,
            "projects_total": sum(len(b["entries"]) for b in projects),
            "alignment": _alignment_brief(session, plan),
            "findings": _finding_rows([f for f in findings(session, plan) if f.get("source") != "completeness"]),
            "checks": [{**c, "severity_label": labels.label(labels.SEVERITIES, c.get("severity")),
                        "kind_label": c.get("label") or labels.label(labels.FINDING_KINDS, c.get("kind"))}
                       for c in plan_checks(version)],
            "corrections": {"href": f"{plan_url(plan.key)}/corrections",
                            "corrected": sum(1 for r in indicators if r["correction"]),
                            "unmatched": len(plan_corrections(session, plan.id, ("unmatched",)))},
            "downloads": {
                "exports": [{"format": f, "label": lbl, "href": f"/api{plan_url(plan.key)}/export?format={f}"}
                            for f, lbl in EXPORT_FORMATS],
                "reports": _report_links(plan, chosen),
            },
            **publication_section(session, request_actor(request), plan, report_formats()),
        }
        if data["publication"]["public"]:  # the public downloads the published report only
            data["downloads"]["reports"] = data["publication"]["reports"]
            data = hide_unpublished_relatives(session, request_actor(request), data)
        title = plan.title or plan.key
    return render(request, "plan.html", data, title=title,
                  crumbs=[("/", "首页"), ("/plans", "规划目录"), (None, title)])


@router.get("/plans/{key}/source", include_in_schema=False, dependencies=[allow("plans.read")])
def source_page(
    request: Request,
    key: str,
    line: Annotated[int | None, Query(ge=1, title="行号")] = None,
    version: Annotated[int | None, Query(ge=1, title="版本号")] = None,
):
    with request.app.state.session_factory() as session:
        plan = find_plan(session, key)
        if plan is None:
            return not_found(request, key)
        ver = plan.current
        if version is not None:
            ver = next((v for v in plan.versions if v.number == version), None)
            if ver is None:
                have = "、".join(str(v.number) for v in plan.versions)
                return error_page(request, 404, "version_not_found", f"规划“{key}”没有第 {version} 版；现有版本：{have}。")
        lines = source_lines(ver)
        out_of_range = line is not None and line > len(lines)
        version_arg = "" if ver.id == plan.current.id else f"&amp;version={ver.number}"
        data = {
            "plan": {"key": plan.key, "title": plan.title or plan.key, "version": ver.number,
                     "current_version": plan.current.number, "file": PurePath(ver.source_path).name},
            "line": None if out_of_range else line,
            "requested_line": line,
            "out_of_range": out_of_range,
            "total_lines": len(lines),
            "outline": ver.document.get("outline", []),
        }
        if wants_json(request):
            data["lines"] = [{"no": i, "text": text} for i, text in enumerate(lines, start=1)]
            text_html = None
        else:
            text_html = _lines_html(session, ver, lines, version_arg, None if out_of_range else line)
        title = plan.title or plan.key
    return render(request, "source.html", data, title=f"原文 · {title}", text_html=text_html,
                  crumbs=[("/", "首页"), ("/plans", "规划目录"), (plan_url(key), title), (None, "规划原文")])


def _lines_html(session, version: PlanVersion, lines: list[str], version_arg: str, target: int | None) -> Markup:
    """The numbered lines as markup, built once per version and kept: a 6,000-line plan rendered
    line by line through the template costs more than the page's whole time budget. Every line's
    text goes through escape(); the requested line only gets its class added."""
    key = memo_key(session, "lines-html", version.id, version_arg)
    block = MEMO.get(key)
    if block is None:
        parts = [
            f'<div class="src-line" id="L{no}"><a class="ln" href="?line={no}{version_arg}#L{no}">{no}</a>'
            f'<span class="tx">{escape(text)}</span></div>\n'
            for no, text in enumerate(lines, start=1)
        ]
        block = "".join(parts)
        MEMO.put(key, block)
    if target:
        anchor = f'<div class="src-line" id="L{target}">'
        block = block.replace(anchor, f'<div class="src-line is-target" id="L{target}">', 1)
    return Markup(block)
