"""人工修正 (/plans/{key}/corrections): a person fixes the indicator table next to the source lines.

The page shows where the parser is unsure (the completeness checks), the effective indicator
table as a form — each row beside the text of the source line it came from — the XLSX to
download, fill in and upload back, and every correction made so far (withdrawn ones too), each
with who, when, why and the parser's original. Saving goes through corrections.submit_table, the
same path as `plantrack corrections import`, so the page, the API and the CLI cannot differ;
a refused table is shown again as sent, with every bad row named, and nothing is stored.

The table form is shared with the 规划入库 check page (plan_upload.py): rows_from_form reads it.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from ...corrections import (
    ACTION_LABELS,
    FIELDS,
    CorrectionError,
    corrections_view,
    effective_indicators,
    plan_checks,
    submit_table,
    withdraw,
)
from ...store.repository import CatalogueError
from .. import labels
from ..queries import MEMO, find_plan, source_lines
from ..actors import request_actor
from ..render import error_page, plan_url, render, wants_json
from ..auth import allow

router = APIRouter()

BLANK_ROWS = 3  # empty rows at the end of the form, for indicators the parser missed
MAX_FIELDS = 20_000  # a 500-row table is 7,000 fields; starlette's default allows 1,000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def form_rows(rows: list[dict], lines: list[str] | None, blank: int = BLANK_ROWS) -> list[dict]:
    """The rows as the form shows them: each with its ref, fields, the text of its source line and
    what a correction made of it; then blank rows to add with."""
    out = []
    for r in rows:
        line = r.get("line")
        line = int(line) if isinstance(line, int) or (isinstance(line, str) and line.strip().isdigit()) else None
        text = lines[line - 1].strip() if lines and line and 0 < line <= len(lines) else None
        c = r.get("correction")
        out.append({"ref": r.get("ref") or "", **{f: r.get(f) for f in FIELDS}, "source_text": text,
                    "correction": {"action_label": c["action_label"], "who": c["who"], "why": c["why"],
                                   "created_at": c["created_at"],
                                   "originals": [{f: o.get(f) for f in FIELDS} for o in c["originals"]]} if c else None})
    out += [{"ref": "", **{f: None for f in FIELDS}, "source_text": None, "correction": None, "blank": True}
            for _ in range(blank)]
    return out


def rows_from_form(form: FormData) -> list[dict]:
    """The table a person sent: rows r-<n>-<field>, in n order; a row ticked r-<n>-delete is left
    out (a deletion), a blank row (no ref, no value) is no row at all."""
    found: dict[int, dict] = {}
    for name, value in form.multi_items():
        parts = name.split("-", 2)
        if len(parts) != 3 or parts[0] != "r" or not parts[1].isdigit() or not isinstance(value, str):
            continue
        found.setdefault(int(parts[1]), {})[parts[2]] = value
    rows = []
    for n in sorted(found):
        raw = found[n]
        if raw.get("delete"):
            continue
        row = {"ref": (raw.get("ref") or "").strip() or None, **{f: raw.get(f) for f in FIELDS}}
        if row["ref"] is None and not any((row[f] or "").strip() for f in FIELDS):
            continue
        rows.append(row)
    return rows


def sent_rows(rows: list[dict], lines: list[str] | None) -> list[dict]:
    """A refused table as the person sent it, so they fix it rather than type it again."""
    return form_rows([{**r, "correction": None} for r in rows], lines)


def _check_rows(checks: list[dict]) -> list[dict]:
    return [{**c, "severity_label": labels.label(labels.SEVERITIES, c.get("severity")),
             "kind_label": c.get("label") or labels.label(labels.FINDING_KINDS, c.get("kind"))}
            for c in sorted(checks, key=lambda c: labels.SEVERITY_ORDER.get(c.get("severity"), 9))]


def page_data(session, plan, *, sent: list[dict] | None = None, errors: list[str] | None = None,
              saved: int | None = None) -> dict:
    version = plan.current
    lines = source_lines(version)
    view = corrections_view(session, plan.key)
    rows = effective_indicators(session, version)
    return {
        "plan": {"key": plan.key, "title": plan.title or plan.key, "version": version.number},
        "checks": _check_rows(plan_checks(version)),
        "rows": sent_rows(sent, lines) if sent is not None else form_rows(rows, lines),
        "corrected": sum(1 for r in rows if r.get("correction")),
        "corrections": view["corrections"],
        "errors": errors or [],
        "saved": saved,
        "actions": ACTION_LABELS,
        "xlsx_href": f"{plan_url(plan.key)}/corrections.xlsx",
    }


def _respond(request: Request, data: dict, status: int = 200):
    title = data["plan"]["title"]
    return render(request, "corrections.html", data, title=f"人工修正 · {title}", status=status,
                  crumbs=[("/", "首页"), ("/plans", "规划目录"), (plan_url(data["plan"]["key"]), title), (None, "人工修正")])


def not_found(request: Request, key: str):
    return error_page(request, 404, "plan_not_found", f"没有键为“{key}”的规划。请在规划目录中查看已入库的规划。")


@router.get("/plans/{key}/corrections", include_in_schema=False, dependencies=[allow("plans.read")])
def corrections_page(request: Request, key: str, saved: int | None = None):
    with request.app.state.session_factory() as session:
        plan = find_plan(session, key)
        if plan is None:
            return not_found(request, key)
        data = page_data(session, plan, saved=saved)
    return _respond(request, data)


def _saved(request: Request, key: str, made: list) -> Response:
    """After a save: the page again by GET (a reload does not post twice), or the twin's answer."""
    MEMO.clear()  # derived results (evaluations, findings) read the rows just changed
    if wants_json(request):
        from fastapi.responses import JSONResponse

        return JSONResponse({"plan": key, "saved": [{"id": c.id, "action": c.action} for c in made]})
    return RedirectResponse(f"{plan_url(key)}/corrections?saved={len(made)}#table", status_code=303)


def _refused(request: Request, key: str, problems: list[str], sent: list[dict] | None, status: int = 400):
    with request.app.state.session_factory() as session:
        plan = find_plan(session, key)
        data = page_data(session, plan, sent=sent, errors=problems)
    return _respond(request, data, status=status)


@router.post("/plans/{key}/corrections", include_in_schema=False, dependencies=[allow("corrections.write")])
async def save_table(request: Request, key: str):
    """The table form: what changed becomes corrections, all or nothing."""
    form = await request.form(max_fields=MAX_FIELDS)
    rows = rows_from_form(form)
    name, why = form.get("name"), form.get("why")
    factory = request.app.state.session_factory
    with factory() as session:
        if find_plan(session, key) is None:
            return not_found(request, key)
    try:
        with factory.begin() as session:
            made = submit_table(session, key, rows, actor=request_actor(request), name=name if isinstance(name, str) else "",
                                why=why if isinstance(why, str) else None)
    except CorrectionError as exc:
        return _refused(request, key, exc.problems, rows)
    return _saved(request, key, made)


@router.get("/plans/{key}/corrections.xlsx", include_in_schema=False, dependencies=[allow("plans.export")])
def download_table(request: Request, key: str):
    from ...export.corrections_xlsx import table_workbook

    with request.app.state.session_factory() as session:
        plan = find_plan(session, key)
        if plan is None:
            return not_found(request, key)
        data = table_workbook(effective_indicators(session, plan.current))
    filename = f"{key}-指标表.xlsx"
    return Response(data, media_type=XLSX, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})


@router.post("/plans/{key}/corrections/import", include_in_schema=False, dependencies=[allow("corrections.write")])
def import_table(
    request: Request,
    key: str,
    file: Annotated[UploadFile | None, File(description="修正后的指标表（.xlsx）")] = None,
    name: Annotated[str, Form()] = "",
    why: Annotated[str, Form()] = "",
):
    from ...export.corrections_xlsx import read_table_workbook

    factory = request.app.state.session_factory
    with factory() as session:
        if find_plan(session, key) is None:
            return not_found(request, key)
    if file is None or not file.filename:
        return _refused(request, key, ["请选择修正后的指标表（.xlsx）"], None)
    try:
        rows = read_table_workbook(file.file.read(50 * 1024 * 1024), file.filename)
        with factory.begin() as session:
            made = submit_table(session, key, rows, actor=request_actor(request), name=name, why=why, first_row=2)
    except CorrectionError as exc:
        return _refused(request, key, [f"{file.filename}：{p}" for p in exc.problems], None)
    return _saved(request, key, made)


@router.post("/plans/{key}/corrections/{correction_id}/withdraw", include_in_schema=False, dependencies=[allow("corrections.write")])
def withdraw_correction(request: Request, key: str, correction_id: int,
                        name: Annotated[str, Form()] = "", why: Annotated[str, Form()] = ""):
    factory = request.app.state.session_factory
    try:
        with factory.begin() as session:
            made = withdraw(session, key, correction_id, actor=request_actor(request), name=name, why=why)
    except CatalogueError:
        return not_found(request, key)
    except CorrectionError as exc:
        return _refused(request, key, exc.problems, None)
    return _saved(request, key, [made])
