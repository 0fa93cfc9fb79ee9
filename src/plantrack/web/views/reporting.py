"""填报任务 (/reporting): a lead unit's to-do list for each period, the item page where it enters a
value or progress with evidence and submits, and the planning office's return / approve / reopen.

Every page has its JSON twin (?format=json); every write declares its policy action (reports.write
for the unit's own moves, approvals.write for the office's) and the service (duties/reporting.py)
asks the policy again for the item's unit and region, logs the move and records the audit event.
The overdue list (/reporting/overdue) is the block the dashboard shows.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy import select
from starlette.datastructures import UploadFile

from ...domain.actor import Actor
from ...duties.reminders import overdue_summary, smtp_settings
from ...duties.reporting import (Entry, ReportingError, ReportingRefused, actor_units, find_owed, item_detail, may,
                                 save, set_frequency, transition)
from ...duties.reporting_files import MAX_EVIDENCE_BYTES, EvidenceRefused, read_evidence
from ...duties.reporting_periods import FREQUENCIES, PeriodError, period_label
from ...duties.reporting_states import STATES, TransitionRefused
from ...duties.todo import MAX_PAGE_SIZE, OVERDUE, PAGE_SIZE, TodoFilter, todo_page as todo_list
from ...duties.reporting_support import Contribution, contribute, contribution_evidence, may_read_item, supported_rows
from ...store.models import ReportEvidence, ReportItem
from ..actors import request_actor
from ..auth import AccessRefused, actor_of, allow
from ...policy import permission_allowed
from ..render import render, wants_json

router = APIRouter()
CRUMBS = [("/", "首页"), (None, "填报任务")]
MAX_FILES = 10


def today() -> date:
    """The day the due dates are compared with (a function, so tests and a page may fix it)."""
    return date.today()


def _day(request: Request) -> date:
    text = request.query_params.get("today")
    if text:
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    return today()


def _refused(actor: Actor, message: str) -> AccessRefused:
    return AccessRefused(401 if actor.is_public else 403, "login_required" if actor.is_public else "forbidden", message)


def overdue_block(session, actor: Actor, day: date | None = None) -> dict | None:
    """The dashboard's overdue block for actors who may read reports; None for everyone else."""
    if not permission_allowed(actor, "reports.read"):
        return None
    day = day or today()
    summary = overdue_summary(session, actor, day, limit=8)
    return summary if summary["total"] or _has_assignments(session, actor) else None


def _has_assignments(session, actor: Actor) -> bool:
    from ...store.models import Assignment

    return session.scalar(select(Assignment.id).where(Assignment.state == "active").limit(1)) is not None


def _todo_filter(period: str | None, state: str | None, plan: str | None,
                 unit: str | None) -> TodoFilter:
    """The list's filters as the query string gives them; an unknown state or unit is no filter."""
    state = state if state in STATES or state == OVERDUE else None
    return TodoFilter(period=period or None, state=state, plan=plan or None,
                      unit_id=int(unit) if unit and unit.isdigit() else None)


def _page_links(f: TodoFilter, page: int, pages: int, today_arg: str | None, page_size: int) -> list[dict]:
    """Links to the first, last and nearby pages, each keeping the filters (and a chosen page size)
    in its query string."""
    wanted = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    extra = {"today": today_arg} if today_arg else {}
    if page_size != PAGE_SIZE:
        extra["page_size"] = page_size
    return [{"page": n, "current": n == page, "url": "/reporting?" + urlencode({**f.query(), **extra, "page": n})}
            for n in wanted]


@router.get("/reporting", include_in_schema=False, dependencies=[allow("reports.read")])
def todo_page(request: Request, period: Annotated[str | None, Query(max_length=8, title="填报期")] = None,
              state: Annotated[str | None, Query(max_length=12, title="状态")] = None,
              plan: Annotated[str | None, Query(max_length=200, title="规划")] = None,
              unit: Annotated[str | None, Query(max_length=12, title="牵头单位编号")] = None,
              page: Annotated[int, Query(ge=1, le=100_000, title="页码")] = 1,
              page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, title="每页条数")] = PAGE_SIZE):
    actor = request_actor(request)
    day = _day(request)
    f = _todo_filter(period, state, plan, unit)
    with request.app.state.session_factory() as session:
        result = todo_list(session, actor, day, f, page=page, page_size=page_size)
        units = actor_units(session, actor)
        notice = None
        if actor.role == "unit" and not units:
            notice = f"您的帐号所属单位（{actor.unit or '未填写'}）不在单位目录中，暂无填报任务。请联系规划管理部门。"
        overdue = result.counts[OVERDUE]
        settings = smtp_settings()
        data = {
            "today": day.isoformat(),
            "unit": [{"id": u.id, "name": u.name, "short_name": u.short_name} for u in units],
            "role": actor.role,
            "period": f.period, "state": f.state, "plan": f.plan, "unit_id": f.unit_id,
            "states": [{"state": k, "label": v} for k, v in STATES.items()] + [{"state": OVERDUE, "label": "逾期"}],
            "periods": result.periods,
            "rows": result.rows,
            "total": result.total, "page": result.page, "page_size": result.page_size, "pages": result.pages,
            "page_links": _page_links(f, result.page, result.pages, request.query_params.get("today"), result.page_size),
            "counts": result.counts,
            "overdue_count": overdue,
            "reminder": ({"text": f"有 {overdue} 项填报已逾期，请尽快填报并提交。",
                          "by_email": settings is not None} if overdue else None),
            "notice": notice,
            "frequencies": [{"code": k, "label": v} for k, v in FREQUENCIES.items()],
            "can_review": permission_allowed(actor, "approvals.write"),
            "plans": result.plans,
            "units": result.units,
            # 配合: the items the unit supports, kept apart from what it leads (rows)
            "supporting": supported_rows(session, actor, day, period or None) if actor.role == "unit" else [],
        }
    return render(request, "reporting.html", data, title="填报任务", crumbs=CRUMBS)


@router.get("/reporting/overdue", include_in_schema=False, dependencies=[allow("reports.read")])
def overdue_page(request: Request):
    actor = request_actor(request)
    day = _day(request)
    with request.app.state.session_factory() as session:
        data = overdue_summary(session, actor, day, limit=200)
    return render(request, "reporting_overdue.html", data, title="逾期未报",
                  crumbs=[("/", "首页"), ("/reporting", "填报任务"), (None, "逾期未报")])


def _item_page(request: Request, assignment_id: int, period: str, status: int = 200, message: str | None = None,
               error: str | None = None, entry: Entry | None = None):
    actor = request_actor(request)
    day = _day(request)
    with request.app.state.session_factory() as session:
        try:
            o = find_owed(session, assignment_id, period)
        except ReportingError as exc:
            return render(request, "error.html", {"error": {"code": "not_found", "message": str(exc)}},
                          title="未找到", status=404)
        if not may_read_item(session, actor, o.assignment):
            raise _refused(actor, f"您的帐号（{actor.name}）无权查看该填报事项。")
        data = item_detail(session, actor, o, day)
    data["message"], data["error"] = message, error
    if entry is not None and data["editable"]:  # a refused entry is shown again as typed, not lost
        data.update(value_text=entry.value, source_title=entry.source_title, source_url=entry.source_url,
                    percent=entry.percent, narrative=entry.narrative)
    data["max_evidence_mb"] = MAX_EVIDENCE_BYTES // 1024 // 1024
    crumbs = [("/", "首页"), ("/reporting", "填报任务"), (None, f"{data['item'][:20]} · {data['period_label']}")]
    return render(request, "reporting_item.html", data, title=f"填报：{data['item'][:30]}（{data['period_label']}）",
                  status=status, crumbs=crumbs)


@router.get("/reporting/items/{assignment_id}/{period}", include_in_schema=False, dependencies=[allow("reports.read")])
def item_page(request: Request, assignment_id: int, period: str):
    return _item_page(request, assignment_id, period)


def _after(request: Request, assignment_id: int, period: str, run, done: str, entry: Entry | None = None):
    """Run one write in a transaction; answer with the item page (its JSON twin with ?format=json),
    the message on success, the reason on failure (nothing written)."""
    actor = request_actor(request)
    try:
        with request.app.state.session_factory.begin() as session:
            o = find_owed(session, assignment_id, period)
            run(session, actor, o)
    except ReportingRefused as exc:
        raise _refused(actor, str(exc)) from None
    except TransitionRefused as exc:
        return _item_page(request, assignment_id, period, status=409, error=str(exc), entry=entry)
    except ReportingError as exc:
        if exc.status == 404:
            return _item_page(request, assignment_id, period)
        return _item_page(request, assignment_id, period, status=exc.status, error=str(exc), entry=entry)
    if wants_json(request):
        return _item_page(request, assignment_id, period, message=done)
    return RedirectResponse(f"/reporting/items/{assignment_id}/{quote(period)}?done={quote(done)}", status_code=303)


async def _form_files(request: Request):
    """The form and its evidence files (name, bytes), at most MAX_FILES of them."""
    form = await request.form(max_files=MAX_FILES + 1)
    files = []
    uploads = [f for f in form.getlist("evidence") if isinstance(f, UploadFile) and f.filename]
    if len(uploads) > MAX_FILES:
        raise ReportingError(f"一次最多上传 {MAX_FILES} 个证明材料。")
    for f in uploads:
        data = await f.read(MAX_EVIDENCE_BYTES + 1)
        files.append((f.filename, data))
    return form, files


async def _files(request: Request) -> tuple[Entry, list[tuple[str, bytes]], bool]:
    form, files = await _form_files(request)
    text = lambda k: v if isinstance(v := form.get(k), str) else ""  # noqa: E731
    entry = Entry(value=text("value"), source_title=text("source_title"), source_url=text("source_url"),
                  percent=text("percent"), narrative=text("narrative"))
    return entry, files, text("then") == "submit"


async def _save(request: Request, assignment_id: int, period: str, on_behalf: bool):
    try:
        entry, files, then_submit = await _files(request)
    except ReportingError as exc:
        return _item_page(request, assignment_id, period, status=422, error=str(exc))
    from ...duties.reporting_files import clean_name

    try:
        files = [(clean_name(name), data) for name, data in files]
    except EvidenceRefused as exc:
        return _item_page(request, assignment_id, period, status=422, error=str(exc))
    done = "已提交，等待规划管理部门审定。" if then_submit else "已保存草稿。"
    if on_behalf:
        done = "已代填并提交，等待审定。" if then_submit else "已代填保存草稿。"
    return _after(request, assignment_id, period,
                  lambda s, a, o: save(s, a, o, entry, files, submit=then_submit, on_behalf=on_behalf), done, entry)


@router.post("/reporting/items/{assignment_id}/{period}/save", include_in_schema=False,
             dependencies=[allow("reports.write")])
async def save_item(request: Request, assignment_id: int, period: str):
    return await _save(request, assignment_id, period, on_behalf=False)


@router.post("/reporting/items/{assignment_id}/{period}/proxy", include_in_schema=False,
             dependencies=[allow("reports.proxy")])
async def proxy_item(request: Request, assignment_id: int, period: str):
    """代填: the planning office saves (and submits) the lead unit's entry for it."""
    return await _save(request, assignment_id, period, on_behalf=True)


@router.post("/reporting/items/{assignment_id}/{period}/contribute", include_in_schema=False,
             dependencies=[allow("reports.support")])
async def contribute_item(request: Request, assignment_id: int, period: str):
    """配合: a supporting unit adds its contribution (note, figure with source, evidence files)."""
    from ...duties.reporting_files import clean_name

    try:
        form, files = await _form_files(request)
        files = [(clean_name(name), data) for name, data in files]
    except (ReportingError, EvidenceRefused) as exc:
        return _item_page(request, assignment_id, period, status=422, error=str(exc))
    text = lambda k: v if isinstance(v := form.get(k), str) else ""  # noqa: E731
    c = Contribution(note=text("note"), value=text("value"), source_title=text("source_title"),
                     source_url=text("source_url"))
    return _after(request, assignment_id, period, lambda s, a, o: contribute(s, a, o, c, files), "已提交配合材料。")


def _move(action: str, done: str):
    async def endpoint(request: Request, assignment_id: int, period: str):
        form = await request.form()
        comment = form.get("comment")
        comment = comment if isinstance(comment, str) else None
        return _after(request, assignment_id, period, lambda s, a, o: transition(s, a, o, action, comment), done)

    endpoint.__name__ = f"{action}_item"
    return endpoint


for _action, _policy, _done in (("submit", "reports.write", "已提交，等待规划管理部门审定。"),
                                ("return", "approvals.write", "已退回，并附意见。"),
                                ("approve", "approvals.write", "已审定，数值已锁定并计入监测评估。"),
                                ("reopen", "approvals.write", "已重新开放，填报单位可以修改。")):
    router.add_api_route(f"/reporting/items/{{assignment_id}}/{{period}}/{_action}", _move(_action, _done),
                         methods=["POST"], include_in_schema=False, dependencies=[allow(_policy)])


@router.get("/reporting/evidence/{evidence_id}", include_in_schema=False, dependencies=[allow("reports.read")])
def evidence_file(request: Request, evidence_id: int):
    actor = actor_of(request)
    with request.app.state.session_factory() as session:
        ev = session.get(ReportEvidence, evidence_id)
        item = session.get(ReportItem, ev.item_id) if ev else None
        if ev is None or item is None:
            return render(request, "error.html", {"error": {"code": "not_found", "message": "找不到该证明材料。"}},
                          title="未找到", status=404)
        if not may_read_item(session, actor, item.assignment):  # the lead's readers and its supporting units
            raise _refused(actor, f"您的帐号（{actor.name}）无权下载该证明材料。")
        name, content_type, sha = ev.file_name, ev.content_type, ev.sha256
    return _evidence_response(request, name, content_type, sha)


@router.get("/reporting/contribution-evidence/{evidence_id}", include_in_schema=False,
            dependencies=[allow("reports.read")])
def contribution_file(request: Request, evidence_id: int):
    actor = actor_of(request)
    with request.app.state.session_factory() as session:
        try:
            ev = contribution_evidence(session, actor, evidence_id)
        except ReportingRefused as exc:
            raise _refused(actor, str(exc)) from None
        if ev is None:
            return render(request, "error.html", {"error": {"code": "not_found", "message": "找不到该证明材料。"}},
                          title="未找到", status=404)
        name, content_type, sha = ev.file_name, ev.content_type, ev.sha256
    return _evidence_response(request, name, content_type, sha)


def _evidence_response(request: Request, name: str, content_type: str, sha: str) -> Response:
    try:
        data = read_evidence(sha)
    except (OSError, EvidenceRefused):
        return render(request, "error.html", {"error": {"code": "evidence_missing",
                                                         "message": "证明材料文件缺失或已损坏，请联系系统管理员。"}},
                      title="文件缺失", status=410)
    return Response(data, media_type=content_type, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
        "X-Content-Type-Options": "nosniff"})


@router.post("/reporting/frequency", include_in_schema=False, dependencies=[allow("approvals.write")])
async def frequency(request: Request):
    form = await request.form()
    text = lambda k: v.strip() if isinstance(v := form.get(k), str) else ""  # noqa: E731
    actor = request_actor(request)
    assignment = text("assignment_id")
    try:
        with request.app.state.session_factory.begin() as session:
            result = set_frequency(session, actor, text("plan"), text("frequency"),
                                   int(assignment) if assignment.isdigit() else None)
    except ReportingRefused as exc:
        raise _refused(actor, str(exc)) from None
    except (ReportingError, PeriodError) as exc:
        status = getattr(exc, "status", 422)
        return render(request, "error.html", {"error": {"code": "invalid", "message": str(exc)}}, title="请求有误",
                      status=status)
    if wants_json(request):
        return JSONResponse(result)
    return RedirectResponse("/reporting?done=frequency", status_code=303)


__all__ = ["router", "overdue_block", "period_label"]
