"""规划入库 (/plans/new): a plan file loaded through the browser, checked before it is stored.

The planning office sees what the parser found before anything is written: title, level, kind,
region and period, how many sections, indicators, targets, projects and tasks, the first
indicator rows, and what storing would do under the chosen key (a new plan, version N, or nothing
because that very file is already stored). Confirming reads and parses the same bytes again and
stores them with load.parse_source and load.store_parsed (the two steps of load_source, the path
`plantrack ingest` takes), so a plan loaded here is
the plan the CLI would have loaded, with parents inferred the same way. The file travels back in
the confirm form (web/upload.py), so the server keeps nothing between the two steps; a confirm
sent twice changes nothing the second time, because storing is idempotent by content.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from sqlalchemy import select
from starlette.datastructures import FormData

from ...duplicates import stored_elsewhere
from ...corrections import CorrectionError, check_table, submit_table
from ...corrections import preview as preview_corrections
from ...ingest.read import max_plan_bytes
from ...load import LoadRefused, ParsedPlan, parse_source, plan_key_for, read_source, store_parsed
from ..actors import request_actor
from ...store.models import Plan, PlanVersion
from ...store.repository import _region_code, get_plan
from .. import labels
from ..queries import MEMO, current_versions, period_text
from ..render import plan_url, render
from ..upload import UploadRefused, confirm_form, megabytes, packed, safe_name, unpacked
from .corrections import form_rows, rows_from_form, sent_rows
from ..auth import allow, require

router = APIRouter()

CRUMBS = [("/", "首页"), ("/plans", "规划目录"), (None, "规划入库")]
NO_FILE = "请选择要上传的规划文件（.txt、.docx、.pdf 或 .html）。"
PREVIEW_ROWS = 10
INDICATOR_FIELDS = ("category", "name", "unit", "base_year", "base_text", "target_year", "target_text",
                    "annual_growth", "binding", "line")
MAX_KEY_LENGTH = 200  # store.models.Plan.key
RESERVED_KEYS = {"new"}  # /plans/new is this page, so a plan with that key could not be opened
CHOICE_FIELDS = ("key", "parent", "level", "kind", "region")
STATUS_TEXT = {"created": "新建规划", "new_version": "新版本", "unchanged": "未变化"}


def max_upload_bytes() -> int:
    """The reader's own limit (PLANTRACK_MAX_PLAN_MB), so the page refuses exactly what ingest would."""
    return max_plan_bytes()


@dataclass
class Choices:
    """What the person chose besides the file: the catalogue key, the parent, and overrides of
    what the parser detects (the CLI's --key, --parent, --level, --kind, --region)."""

    key: str
    parent: str | None
    level: str | None
    kind: str | None
    region: str | None

    @property
    def overrides(self) -> dict:
        return {"level": self.level, "kind": self.kind, "region": self.region}

    def form(self) -> dict:
        """As the confirm form carries them: the key resolved, so confirm stores what check showed."""
        return {"key": self.key, "parent": self.parent or "", "level": self.level or "", "kind": self.kind or "",
                "region": self.region or ""}


def _choices(session, file_name: str, fields: dict) -> Choices:
    """The form's choices, checked; UploadRefused naming what is wrong."""
    key = (fields.get("key") or "").strip() or plan_key_for(file_name)
    if "/" in key or "\\" in key or any(ord(ch) < 32 for ch in key):
        raise UploadRefused(f"规划键“{key}”不能含有斜杠或控制字符。")
    if len(key) > MAX_KEY_LENGTH:
        raise UploadRefused(f"规划键过长（{len(key)} 个字符），不超过 {MAX_KEY_LENGTH} 个字符。")
    if key in RESERVED_KEYS:
        raise UploadRefused(f"“{key}”是保留名称，不能用作规划键，请另取一个。")
    level = (fields.get("level") or "").strip() or None
    if level and level not in labels.LEVELS:
        raise UploadRefused(f"未知层级“{level}”。")
    kind = (fields.get("kind") or "").strip() or None
    if kind and kind not in labels.KINDS:
        raise UploadRefused(f"未知规划类型“{kind}”。")
    region = (fields.get("region") or "").strip() or None
    if region and len(region) > 100:
        raise UploadRefused("地区名称过长，不超过 100 个字符。")
    parent = (fields.get("parent") or "").strip() or None
    if parent == key:
        raise UploadRefused("上位规划不能是本规划自身。")
    if parent and get_plan(session, parent) is None:
        raise UploadRefused(f"没有键为“{parent}”的上位规划，请从目录中选择。")
    return Choices(key, parent, level, kind, region)


def _page_data(session, **extra) -> dict:
    """The form and what it offers: loaded plans to align to, the levels and kinds to override with."""
    current = current_versions(session)
    plans = [p for p in session.scalars(select(Plan).order_by(Plan.key)) if p.id in current]
    return {
        "stage": "new",
        "plans": [{"key": p.key, "title": p.title or p.key} for p in plans],
        "levels": [{"code": c, "label": labels.LEVELS[c]} for c in labels.LEVEL_ORDER],
        "kinds": [{"code": c, "label": labels.KINDS[c]} for c in labels.KIND_ORDER],
        "max_size": megabytes(max_upload_bytes()),
        "form": {},
        **extra,
    }


def _count_sections(nodes: list[dict]) -> int:
    return sum(1 + _count_sections(n.get("children") or []) for n in nodes)


def _effect(session, key: str, sha256: str, choices: Choices | None = None) -> dict:
    """What storing under key would do: a new plan, its next version, or nothing at all (an
    unchanged file is not stored again, so overrides are not applied; a chosen parent still is)."""
    plan = get_plan(session, key)
    if plan is None:
        return {"status": "created", "version": 1, "text": f"将新建规划“{key}”（第 1 版）"}
    versions = dict(session.execute(select(PlanVersion.sha256, PlanVersion.number).where(PlanVersion.plan_id == plan.id)).all())
    title = plan.title or key
    if sha256 in versions:
        text = f"与已入库版本（“{title}”第 {versions[sha256]} 版）相同，不会重新入库"
        parent = plan.parent.key if plan.parent else None
        if choices and choices.parent and choices.parent != parent:
            text += f"；只将上位规划改为“{choices.parent}”"
        if choices and any(choices.overrides.values()):
            text += "；所选层级、类型、地区不会生效（文件未变化，不重新入库）"
        elif not (choices and choices.parent and choices.parent != parent):
            text += "，不会改变任何数据"
        return {"status": "unchanged", "version": versions[sha256], "existing": title, "text": text}
    number = max(versions.values(), default=0) + 1
    return {"status": "new_version", "version": number, "existing": title,
            "text": f"规划键“{key}”已有入库规划“{title}”，将作为第 {number} 版（此前各版保留可查）"}


def _duplicate(session, parsed: ParsedPlan, choices: Choices) -> dict | None:
    """The same bytes stored under another key (duplicates.py): said, with the key to add it to."""
    copy = stored_elsewhere(session, parsed.source.sha256, choices.key)
    if copy is None:
        return None
    return {"key": copy.key, "title": copy.title, "version": copy.version, "current": copy.current,
            "url": plan_url(copy.key), "message": copy.message(PurePath(parsed.source.path).name),
            "add_choices": {**choices.form(), "key": copy.key, "level": "", "kind": "", "region": ""}}


def _table(session, parsed: ParsedPlan, choices: Choices, sent: list[dict] | None = None) -> dict:
    """The indicator table to correct before storing (web/views/corrections.py), each row beside its
    source line, with the plan's existing corrections applied; and the parser's completeness checks."""
    lines = parsed.source.text.split("\n")
    if sent is not None:
        rows = sent_rows(sent, lines)
    else:
        rows = form_rows(preview_corrections(session, choices.key, parsed.document)[1].rows, lines)
    checks = [{**c, "severity_label": labels.label(labels.SEVERITIES, c.get("severity")),
               "kind_label": c.get("label") or labels.label(labels.FINDING_KINDS, c.get("kind"))}
              for c in parsed.document.get("checks") or []]
    return {"rows": rows, "checks": checks}


def _preview(session, parsed: ParsedPlan, choices: Choices, sent: list[dict] | None = None) -> dict:
    """What the parser found, as the page shows it, and what storing it would do."""
    doc = parsed.document
    period = doc.get("period") or {}
    indicators = doc.get("indicators") or []
    return {
        "title": doc.get("title"),
        "issuer": doc.get("issuer"),
        "doc_number": doc.get("doc_number"),
        "detected": {
            "level": doc.get("level"), "level_label": labels.label(labels.LEVELS, doc.get("level"), "未识别"),
            "kind": doc.get("kind"), "kind_label": labels.label(labels.KINDS, doc.get("kind"), "未识别"),
            "region": doc.get("region"),
            "period": {"start": period.get("start"), "end": period.get("end")},
            "period_text": period_text(period.get("start"), period.get("end")),
            "horizon": doc.get("horizon"),
        },
        "overrides": {
            "level_label": labels.label(labels.LEVELS, choices.level) if choices.level else None,
            "kind_label": labels.label(labels.KINDS, choices.kind) if choices.kind else None,
            "region": choices.region,
        },
        "encoding": parsed.source.encoding,
        "size": parsed.source.size,
        "lines": doc["source"]["lines"],
        "counts": {
            "sections": _count_sections(doc.get("outline") or []),
            "indicators": len(indicators),
            "targets": len(doc.get("targets") or []),
            "projects": len(doc.get("projects") or []),
            "tasks": len(doc.get("tasks") or []),
        },
        "indicators": [{f: i.get(f) for f in INDICATOR_FIELDS} for i in indicators[:PREVIEW_ROWS]],
        "effect": _effect(session, choices.key, parsed.source.sha256, choices),
        "duplicate": _duplicate(session, parsed, choices),
        **_table(session, parsed, choices, sent),
    }


def _respond(request: Request, data: dict, status: int = 200):
    titles = {"new": "规划入库", "rejected": "未能入库", "checked": "核对后入库", "saved": "已入库"}
    return render(request, "plan_upload.html", data, title=titles.get(data["stage"], "规划入库"), status=status,
                  crumbs=CRUMBS)


def _rejected(request: Request, message: str, form: dict, status: int, file: str | None = None):
    """The form again, with the reason; nothing was stored."""
    with request.app.state.session_factory() as session:
        data = _page_data(session, stage="rejected", file=file, errors=[message], form=form)
    return _respond(request, data, status=status)


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _store_corrections(factory, outcome, parsed: ParsedPlan, changes: list, sent: list[dict] | None, who: dict,
                       why: str) -> tuple[int, str | None]:
    """Store the check page's corrections on the version just stored (or found unchanged): the
    same rows the person saw, so the same changes. A file equal to an older version, not the
    current one, is not the table they corrected: say so rather than guess."""
    if not changes:
        return 0, None
    with factory.begin() as session:
        plan = get_plan(session, outcome.key)
        if plan.current.sha256 != parsed.source.sha256:
            return 0, f"该文件与已入库的较早版本相同，不是当前版本，修正未保存；请在规划页“修正指标表”中修改。"
        made = submit_table(session, outcome.key, sent, why=why, **who)
    MEMO.clear()
    return len(made), None


def _require_scope(request: Request, session, choices: Choices, parsed: ParsedPlan) -> None:
    """A planning office stores plans of its region and the regions below it (plantrack.policy):
    both the region the plan will be filed under and that of the plan a new version replaces."""
    existing = get_plan(session, choices.key)
    if existing is not None:
        require(request, "plans.write", existing.region_code or "", existing.region_name or f"规划“{choices.key}”")
    region = choices.region or parsed.document.get("region")
    code = _region_code(session, region) if region else None
    require(request, "plans.write", code or "", region or "未识别所属地区的规划")


@router.get("/plans/new", include_in_schema=False, dependencies=[allow("plans.write")])
def upload_page(request: Request):
    with request.app.state.session_factory() as session:
        data = _page_data(session)
    return _respond(request, data)


@router.post("/plans/new/check", include_in_schema=False, dependencies=[allow("plans.write")])
def check_plan(
    request: Request,
    file: Annotated[UploadFile | None, File(description="规划文件（.txt、.docx、.pdf 或 .html）")] = None,
    key: Annotated[str, Form()] = "",
    parent: Annotated[str, Form()] = "",
    level: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "",
    region: Annotated[str, Form()] = "",
):
    """Read and parse the upload without touching the store, and show what storing would do."""
    form = {"key": key, "parent": parent, "level": level, "kind": kind, "region": region}
    limit = max_upload_bytes()
    factory = request.app.state.session_factory
    try:
        name = safe_name(file.filename if file else None, NO_FILE)
        data = file.file.read(limit + 1)  # never more than the limit, whatever was sent
        if len(data) > limit:
            raise UploadRefused(f"无法读取规划文件 {name}：文件过大（超过 {megabytes(limit)}），未入库。")
        with factory() as session:
            choices = _choices(session, name, form)
    except UploadRefused as exc:
        return _rejected(request, str(exc), form, 400)
    try:
        parsed = parse_source(read_source(name, data))
    except LoadRefused as exc:
        return _rejected(request, exc.message, form, 422, file=name)
    with factory() as session:
        _require_scope(request, session, choices, parsed)  # said at check already, not only on confirm
        page = _page_data(session, stage="checked", file=name, preview=_preview(session, parsed, choices),
                          form=form, choices=choices.form(), **packed(data))
    return _respond(request, page)


@router.post("/plans/new/confirm", include_in_schema=False, dependencies=[allow("plans.write")])
def confirm_plan(request: Request, form: Annotated[FormData, Depends(confirm_form(max_upload_bytes))]):
    """Store the checked file: read and parsed again (the form is only as trusted as its sha256),
    then stored in one transaction by store_parsed; the indicator table corrected on the check
    page is checked first and stored as corrections on the version just stored (corrections.py)."""
    fields = {f: form.get(f) if isinstance(form.get(f), str) else "" for f in CHOICE_FIELDS}
    factory = request.app.state.session_factory
    try:
        name, data = unpacked(form, max_upload_bytes(), NO_FILE)
        with factory() as session:
            choices = _choices(session, name, fields)
    except UploadRefused as exc:
        return _rejected(request, str(exc), fields, 400)
    try:
        source = read_source(name, data)
        parsed = parse_source(source)
    except LoadRefused as exc:
        return _rejected(request, exc.message, fields, 422, file=name)
    # The table as the person corrected it on the check page: checked before anything is stored,
    # so a bad row stores neither the plan nor the corrections.
    sent = rows_from_form(form) if any(k.startswith("r-") for k in form.keys()) else None
    who = {"actor": request_actor(request), "name": _field(form, "name")}
    changes = []
    if sent is not None:
        try:
            with factory() as session:
                changes = check_table(session, choices.key, parsed.document, sent, **who)
        except CorrectionError as exc:
            with factory() as session:
                page = _page_data(session, stage="checked", file=name, preview=_preview(session, parsed, choices, sent),
                                  form=fields, choices=choices.form(), errors=exc.problems, **packed(data))
            return _respond(request, page, status=400)
    with factory() as session:
        _require_scope(request, session, choices, parsed)
    outcome = store_parsed(factory, parsed, choices.key, choices.parent, choices.overrides, request_actor(request))
    if not outcome.ok:
        return _rejected(request, outcome.message, fields, 422, file=name)
    corrected, note = _store_corrections(factory, outcome, parsed, changes, sent, who, _field(form, "why"))
    with factory() as session:
        titles = {p.key: p.title or p.key for p in session.scalars(select(Plan))}
        result = {
            "key": outcome.key, "title": titles.get(outcome.key, outcome.key), "url": plan_url(outcome.key),
            "status": outcome.status, "status_label": STATUS_TEXT[outcome.status], "version": outcome.version,
            "corrections": corrected, "corrections_note": note,
            "links": [{"child": c, "child_title": titles.get(c, c), "parent": p, "parent_title": titles.get(p, p)}
                      for c, p in outcome.links or []],
        }
        page = _page_data(session, stage="saved", file=name, result=result)
    return _respond(request, page)
