"""What the accountability pages (单位, 分工, 年度目标, 分解下达, 考核) share: reading an upload into
template rows, running a write all-or-nothing, and refusing rows outside the actor's region.

Unlike 数据填报 these pages save in one step: the services (duties/) already check every row before
writing anything, so a bad file is refused whole with every bad row named, and a good one is saved
and shown. A write commits only when the service returned; any DutyInputError rolls it back.
Derived results (evaluations) are memoised on the observations' state, which an annual target or
an assignment does not move, so a successful write clears the memo.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request, UploadFile
from starlette.datastructures import UploadFile as StarletteUpload

from ...duties import DutyInputError
from ...duties.rows import read_rows
from ...policy import permission_allowed
from ..auth import AccessRefused, actor_of
from ..queries import MEMO, find_plan
from ..upload import UploadRefused, megabytes, safe_name

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
NO_FILE = "请选择要上传的 CSV 或 XLSX 文件。"


async def upload_rows(file: UploadFile | None, columns: tuple[str, ...]) -> tuple[str, list[tuple[int, dict[str, str]]]]:
    """(file name, numbered rows) of an uploaded template; DutyInputError for no file, an empty or
    oversized one, an unreadable one or one missing a required column."""
    if not isinstance(file, StarletteUpload):  # FastAPI hands over Starlette's class
        raise DutyInputError([NO_FILE])
    try:
        name = safe_name(file.filename, NO_FILE)
    except UploadRefused as exc:
        raise DutyInputError([str(exc)]) from None
    data = await file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise DutyInputError([f"{name}：文件过大（{megabytes(len(data))}），单个文件不超过 {MAX_UPLOAD_BYTES // 1024 // 1024} MB。"])
    if not data:
        raise DutyInputError([f"{name}：文件为空。"])
    return name, read_rows(data, name, columns)


def run_write(request: Request, write: Callable) -> tuple[dict | None, list[str]]:
    """(the service's summary, []) after a committed write, or (None, problems) with nothing saved."""
    with request.app.state.session_factory() as session:
        try:
            summary = write(session)
        except DutyInputError as exc:
            session.rollback()
            return None, list(exc.problems)
        session.commit()
    MEMO.clear()
    return summary, []


def require_plan_scope(request: Request, session, key: str):
    """The plan of a page that writes, after the policy agreed the actor may write for its region."""
    plan = find_plan(session, key)
    if plan is None:
        return None
    actor = actor_of(request)
    if not permission_allowed(actor, "duties.write", plan.region_code):
        raise AccessRefused(403, "forbidden",
                            f"您的帐号（{actor.name}）无权维护规划“{plan.title or plan.key}”（{plan.region_name or plan.region_code}）的分工与目标。")
    return plan


def rows_of_plan(rows: list[tuple[int, dict[str, str]]], fname: str, key: str) -> list[str]:
    """A template uploaded on one plan's page may only name that plan: the others' rows are named."""
    return [f"{fname} 第{n}行：plan（规划）应为“{key}”，而不是“{row.get('plan', '')}”" for n, row in rows
            if row.get("plan", "") != key]


async def import_plan_template(request: Request, key: str, file: UploadFile | None, columns: tuple[str, ...],
                               apply: Callable, page: Callable):
    """A template uploaded on one plan's page (分工, 年度目标): the plan in the actor's scope, the rows
    read, every row naming this plan, then `apply(session, rows, file name, actor)` all or nothing;
    `page(request, key, status=, problems=, saved=)` answers, with every bad row named."""
    from ..actors import request_actor
    from .plan import not_found

    with request.app.state.session_factory() as session:
        if require_plan_scope(request, session, key) is None:
            return not_found(request, key)
    try:
        fname, rows = await upload_rows(file, columns)
    except DutyInputError as exc:
        return page(request, key, status=422, problems=exc.problems)
    wrong = rows_of_plan(rows, fname, key)
    if wrong:
        return page(request, key, status=422, problems=wrong)
    summary, problems = run_write(request, lambda s: apply(s, rows, fname, request_actor(request)))
    return page(request, key, status=422 if problems else 200, problems=problems, saved=summary)


def can_write(request: Request, region_code: str | None = None) -> bool:
    return permission_allowed(actor_of(request), "duties.write", region_code)
