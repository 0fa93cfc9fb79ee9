"""数据填报 (/observations/new): one observation by form, or a CSV/XLSX file, checked before saving.

Nothing is written until the person has seen every row: the upload is checked with
observations.importer.check_rows in a transaction that is rolled back, and every bad row is
listed with its number and reason. Only a clean file gets a confirm button; confirming checks it
again and imports it with importer.import_file, all or nothing. The file travels back with the
confirm form (base64 in a hidden field, web/upload.py) rather than being kept on the server, so
a check leaves no state behind and any worker can take the confirm. A single-observation form is
turned into a one-row CSV and goes the same way, so both paths share one set of checks.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from sqlalchemy import select
from starlette.datastructures import FormData

from ...align.catalogue import default_catalogue
from ...observations.importer import ImportRejected, check_rows, import_file
from ...observations.plausibility import NO_SOURCE_MARK
from ..actors import request_actor
from ...observations.readers import KNOWN_COLUMNS, REQUIRED_COLUMNS, ReaderError
from ...store.models import Indicator, ObservationImport, Plan, Region
from ...store.observations import current_observation
from .. import labels
from ..queries import MEMO, current_versions, memo_key, data_state, evaluation, indicators_by_concept
from ..render import render
from ..upload import UploadRefused, confirm_form, megabytes, packed, safe_name, unpacked
from ...policy import permission_allowed
from ..auth import AccessRefused, actor_of, allow

router = APIRouter()

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
FORM_FILE_NAME = "单条填报.csv"
CRUMBS = [("/", "首页"), (None, "数据填报")]
COLUMN_LABELS = {
    "region": "地区", "indicator": "指标名称", "unit": "单位", "year": "年份", "value": "数值",
    "source_url": "来源网址", "source_title": "来源名称", "quote": "原文摘录", "series": "统计口径",
    "flags": "标记", "note": "备注", "confirm_reason": "确认理由",
}
NO_FILE = "请选择要上传的 CSV 或 XLSX 文件。"


def _suggestions(session) -> dict:
    """What the form offers to pick from: the regions of loaded plans and their indicator names."""
    key = memo_key(session, "entry-suggestions", tuple(sorted(current_versions(session).values())))
    hit = MEMO.get(key)
    if hit is None:
        versions = [vid for vid, _ in current_versions(session).values()]
        names = sorted(set(session.scalars(select(Indicator.name).where(Indicator.version_id.in_(versions)))))
        regions = sorted({r for r in session.scalars(select(Plan.region_name)) if r})
        hit = {"regions": regions, "indicators": names}
        MEMO.put(key, hit)
    return hit


def _page_data(session, **extra) -> dict:
    recent = session.scalars(select(ObservationImport).order_by(ObservationImport.id.desc()).limit(5))
    return {
        "columns": [{"name": c, "label": COLUMN_LABELS.get(c, c), "required": c in REQUIRED_COLUMNS} for c in KNOWN_COLUMNS],
        "suggestions": _suggestions(session),
        "recent_imports": [{"file": i.file_name, "rows": i.rows, "at": i.created_at} for i in recent],
        "stage": "new",
        "form": {},
        **extra,
    }


def _region_names(session, codes: set[str]) -> dict[str, str]:
    if not codes:
        return {}
    return dict(session.execute(select(Region.code, Region.name).where(Region.code.in_(codes))).all())


def _preview(session, records) -> list[dict]:
    """Each checked row as it will be stored, and what it will do to the value already there."""
    catalogue = default_catalogue()
    names = _region_names(session, {r.region_code for r in records})
    rows = []
    for r in records:
        old = current_observation(session, r.region_code, r.concept, r.name, r.year, r.series)
        if old is None:
            effect, effect_label = "add", "新增"
        elif old.value == r.value and (old.source_url or None) == (r.source_url or None):
            effect, effect_label = "unchanged", "与现有值相同"
        else:
            effect, effect_label = "supersede", f"更正现有值 {old.value:g}"
        concept = catalogue.get(r.concept) if r.concept else None
        rows.append({
            "row": r.row, "region": names.get(r.region_code, r.region_code), "region_code": r.region_code,
            "name": r.name, "concept": r.concept, "concept_name": concept.name if concept else None,
            "year": r.year, "value": r.value, "unit": r.unit, "source_value": r.source_value,
            "source_unit": r.source_unit, "series": r.series, "flags": r.flags,
            "flag_labels": [labels.label(labels.FLAGS, f) for f in r.flags], "note": r.note,
            "source_title": r.source_title, "source_url": r.source_url, "effect": effect, "effect_label": effect_label,
        })
    return rows


def _check(request: Request, name: str, data: bytes, single: bool = False) -> dict:
    """Check a whole file without writing; the data the result page shows."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRefused(f"文件过大（{megabytes(len(data))}），单个文件不超过 {MAX_UPLOAD_BYTES // 1024 // 1024} MB。")
    if not data:
        raise UploadRefused(f"{name}：文件为空。")
    with request.app.state.session_factory() as session:
        try:
            try:
                records = check_rows(session, name, data, default_catalogue())
            except ImportRejected as exc:
                _require_scope(request, exc.records, single)  # not one's region: say that first
                errors = [{"row": e.row, "reason": e.reason, "message": e.message()} for e in exc.errors]
                return _page_data(session, stage="rejected", file=name, errors=errors,
                                  error_rows=len({e["row"] for e in errors}))
            except ReaderError as exc:
                return _page_data(session, stage="rejected", file=name, errors=[{"row": None, "reason": str(exc),
                                                                                   "message": str(exc)}], error_rows=0)
            _require_scope(request, records, single)
            preview = _preview(session, records)
            return _page_data(
                session, stage="checked", file=name, rows=preview, **packed(data),
                unmatched=sum(1 for r in preview if not r["concept"]),
            )
        finally:
            session.rollback()  # checking never writes; make that explicit


def _require_scope(request: Request, records, single: bool = False) -> None:
    """Every row's region must be one the actor may enter data for (plantrack.policy: a lead unit
    its own region, a planning office its region and those below); else the whole file is refused
    (403), naming the rows, and nothing is saved. A single entry (the form, not a file) names only
    the region: the user typed no rows."""
    actor = actor_of(request)
    outside = [r for r in records if not permission_allowed(actor, "observations.write", r.region_code)]
    if outside:
        with request.app.state.session_factory() as session:
            names = _region_names(session, {r.region_code for r in outside})
        if single:
            rows = "、".join(sorted({names.get(r.region_code, r.region_code) for r in outside}))
        else:
            rows = "；".join(f"第 {r.row} 行（{names.get(r.region_code, r.region_code)}）" for r in outside[:10])
        more = f"等 {len(outside)} 行" if len(outside) > 10 and not single else ""
        raise AccessRefused(403, "forbidden", f"您的帐号（{actor.name}）无权填报这些地区的数据：{rows}{more}。未保存任何数据。")


def _check_scope(request: Request, name: str, data: bytes) -> None:
    """Before saving: the rows of the file, as check_rows reads them, all in the actor's scope."""
    with request.app.state.session_factory() as session:
        try:
            records = check_rows(session, name, data, default_catalogue())
        except ImportRejected as exc:
            records = exc.records  # import_file refuses the file itself, with its rows; the scope first
        except ReaderError:
            return  # import_file refuses the file itself
        finally:
            session.rollback()
    _require_scope(request, records)


def _respond(request: Request, data: dict, status: int = 200):
    titles = {"new": "数据填报", "rejected": "数据有误，未保存", "checked": "核对后保存", "saved": "已保存",
              "refused": "无法读取文件"}
    return render(request, "entry.html", data, title=titles.get(data.get("stage"), "数据填报"), status=status,
                  crumbs=CRUMBS)


def _refused(request: Request, message: str, form: dict | None = None):
    with request.app.state.session_factory() as session:
        data = _page_data(session, stage="refused", errors=[{"row": None, "reason": message, "message": message}],
                          form=form or {})
    return _respond(request, data, status=400)


@router.get("/observations/new", include_in_schema=False, dependencies=[allow("observations.write")])
def entry_page(request: Request):
    with request.app.state.session_factory() as session:
        data = _page_data(session)
    return _respond(request, data)


@router.post("/observations/check", include_in_schema=False, dependencies=[allow("observations.write")])
async def check_upload(request: Request, file: Annotated[UploadFile, File(description="CSV 或 XLSX 文件")]):
    data = await file.read(MAX_UPLOAD_BYTES + 1)
    try:
        name = safe_name(file.filename, NO_FILE)
        result = _check(request, name, data)
    except UploadRefused as exc:
        return _refused(request, str(exc))
    return _respond(request, result, status=422 if result["stage"] == "rejected" else 200)


@router.post("/observations/form", include_in_schema=False, dependencies=[allow("observations.write")])
def check_form(
    request: Request,
    region: Annotated[str, Form()] = "",
    indicator: Annotated[str, Form()] = "",
    unit: Annotated[str, Form()] = "",
    year: Annotated[str, Form()] = "",
    value: Annotated[str, Form()] = "",
    source_url: Annotated[str, Form()] = "",
    source_title: Annotated[str, Form()] = "",
    quote: Annotated[str, Form()] = "",
    series: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    no_source: Annotated[str, Form()] = "",
    confirm_reason: Annotated[str, Form()] = "",
):
    if no_source and not (source_url.strip() or source_title.strip() or quote.strip()):
        source_title = NO_SOURCE_MARK  # the box says what the column would: 暂无来源 (observations/plausibility.py)
    form = {"region": region, "indicator": indicator, "unit": unit, "year": year, "value": value,
            "source_url": source_url, "source_title": source_title, "quote": quote, "series": series, "note": note,
            "confirm_reason": confirm_reason}
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(list(form))
    writer.writerow([v.strip() for v in form.values()])
    result = _check(request, FORM_FILE_NAME, buf.getvalue().encode("utf-8"), single=True)
    result["form"] = form
    result["single"] = True
    return _respond(request, result, status=422 if result["stage"] == "rejected" else 200)


def _affected(session, records_rows: list[dict]) -> list[dict]:
    """The plan indicators the saved rows measure, with their status in the year of the newest row."""
    wanted: dict[tuple[str, str], int] = {}
    for r in records_rows:
        if r["concept"]:
            k = (r["region_code"], r["concept"])
            wanted[k] = max(wanted.get(k, 0), r["year"])
    if not wanted:
        return []
    state = data_state(session)
    regions = {code for code, _ in wanted}
    out = []
    versions = current_versions(session)
    for plan in session.scalars(select(Plan).where(Plan.region_code.in_(regions)).order_by(Plan.key)):
        if plan.id not in versions:
            continue
        by_concept = indicators_by_concept(session, plan, state)
        for (code, concept), year in wanted.items():
            if code != plan.region_code:
                continue
            for ind in by_concept.get(concept, []):
                ev = evaluation(session, plan, year, state)
                a = next((x for x in ev["assessments"] if x.get("row_ref", x["indicator_id"]) == ind.get("ref", ind["id"])), {})
                out.append({"plan": plan.key, "plan_title": plan.title or plan.key, "indicator_id": ind["id"],
                            "indicator": ind["name"], "year": year, "status": a.get("status"),
                            "explanation": a.get("explanation")})
    return out


@router.post("/observations/save", include_in_schema=False, dependencies=[allow("observations.write")])
def save_upload(request: Request, form: Annotated[FormData, Depends(confirm_form(lambda: MAX_UPLOAD_BYTES))]):
    try:
        name, data = unpacked(form, MAX_UPLOAD_BYTES, NO_FILE)
    except UploadRefused as exc:
        return _refused(request, str(exc))
    _check_scope(request, name, data)
    factory = request.app.state.session_factory
    with tempfile.TemporaryDirectory(prefix="plantrack-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            result = import_file(factory, path, actor=request_actor(request))
        except ImportRejected as exc:  # the data changed between check and confirm (a region renamed ...)
            with factory() as session:
                errors = [{"row": e.row, "reason": e.reason, "message": e.message()} for e in exc.errors]
                page = _page_data(session, stage="rejected", file=name, errors=errors,
                                  error_rows=len({e["row"] for e in errors}))
            return _respond(request, page, status=422)
        except ReaderError as exc:
            return _refused(request, str(exc))
    with factory() as session:
        # The import result names rows, not regions and years; the file, checked again, has them.
        records = check_rows(session, name, data, default_catalogue())
        measured = [{"region_code": r.region_code, "concept": r.concept, "year": r.year} for r in records]
        s = result.summary
        page = _page_data(
            session, stage="saved", file=name,
            summary={"rows": result.rows, "added": s.added, "superseded": s.superseded, "unchanged": s.unchanged,
                     "matched": len(result.matched), "unmatched": [{"row": r, "name": n} for r, n in result.unmatched]},
            affected=_affected(session, measured),
        )
    return _respond(request, page)
