"""数据采集 (/bulletins): a statistics bulletin uploaded, its proposed values reviewed, then imported.

The same round trip as 数据填报 (views/entry.py, web/upload.py): the upload is read and its
proposals shown, nothing stored; the file travels back with the review form, and the import reads
it again, applies the person's choice per proposal (采纳 accept, 更正 correct with a value, 不采纳
reject) and stores the chosen values through observations/bulletin_import.py, all or nothing,
with the bulletin and its line as their source. The actor must be allowed to enter data for the
bulletin's region (policy: observations.write on that region). Every stage answers ?format=json.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from starlette.datastructures import FormData

from ...ingest.read import max_plan_bytes
from ...observations.bulletin_import import SelectionError, import_bulletin, rejection_lines
from ...observations.bulletins import BulletinError, read_bulletin
from ...observations.importer import ImportRejected
from ...policy import permission_allowed
from ...store.observations import current_observation
from ..actors import request_actor
from ..auth import AccessRefused, actor_of, allow
from ..render import render
from ..upload import UploadRefused, confirm_form, packed, safe_name, unpacked
from .entry import _affected

router = APIRouter()

CRUMBS = [("/", "首页"), ("/observations/new", "数据填报"), (None, "数据采集")]
NO_FILE = "请选择要上传的统计公报（txt、html、docx 或 pdf）。"
CHOICES = {"accept": "采纳", "correct": "更正后采纳", "reject": "不采纳"}
TITLES = {"new": "数据采集", "review": "核对建议值", "rejected": "未导入", "refused": "无法读取", "imported": "已导入"}


def _max_bytes() -> int:
    return max_plan_bytes()


def _respond(request: Request, data: dict, status: int = 200):
    page = {"stage": "new", "choices": CHOICES, **data}
    return render(request, "bulletins.html", page, title=TITLES.get(page["stage"], "数据采集"), status=status, crumbs=CRUMBS)


def _year(text: str) -> int | None:
    text = (text or "").strip()
    if not text:
        return None
    if not text.isdigit() or len(text) != 4:
        raise BulletinError(f"年份“{text}”不是四位数字")
    return int(text)


def _require_region(request: Request, region_code: str, region: str) -> None:
    actor = actor_of(request)
    if not permission_allowed(actor, "observations.write", region_code):
        raise AccessRefused(403, "forbidden", f"您的帐号（{actor.name}）无权填报{region}的数据。未保存任何数据。")


def _review(request: Request, bulletin, data: bytes, region: str, year: str) -> dict:
    """The proposals with what is stored now for each (so a person sees what importing changes)."""
    rows = []
    with request.app.state.session_factory() as session:
        for p in bulletin.proposals:
            old = current_observation(session, p.region_code, p.concept, p.concept_name, p.year, None)
            rows.append({**p.to_dict(), "stored": None if old is None else {
                "value": old.value, "unit": old.unit, "source_title": old.source_title, "official": "bulletin" in (old.flags or [])}})
    return {"stage": "review", "file": bulletin.file, "title": bulletin.title, "region": bulletin.region,
            "region_code": bulletin.region_code, "year": bulletin.year, "proposals": rows,
            "given": {"region": region, "year": year}, **packed(data)}


@router.get("/bulletins", include_in_schema=False, dependencies=[allow("observations.write")])
def bulletins_page(request: Request):
    return _respond(request, {})


@router.post("/bulletins/check", include_in_schema=False, dependencies=[allow("observations.write")])
async def check_bulletin(request: Request, file: Annotated[UploadFile, File(description="统计公报")],
                         region: Annotated[str, Form()] = "", year: Annotated[str, Form()] = ""):
    data = await file.read(_max_bytes() + 1)
    try:
        name = safe_name(file.filename, NO_FILE)
        if len(data) > _max_bytes():
            raise UploadRefused("文件过大。")
        bulletin = read_bulletin(data, name, region.strip() or None, _year(year))
    except (UploadRefused, BulletinError) as exc:
        return _respond(request, {"stage": "refused", "errors": [str(exc)], "given": {"region": region, "year": year}}, 400)
    _require_region(request, bulletin.region_code, bulletin.region)
    return _respond(request, _review(request, bulletin, data, region, year))


def _choice(form: FormData, proposals) -> tuple[list[str], dict[str, float], list[str]]:
    """(accepted ids, corrected values, errors) from the review form's per-proposal fields."""
    accepted, corrected, errors = [], {}, []
    for p in proposals:
        choice = form.get(f"choice-{p.id}") or "reject"
        if choice == "accept":
            accepted.append(p.id)
        elif choice == "correct":
            text = str(form.get(f"value-{p.id}") or "").strip().replace(",", "")
            try:
                corrected[p.id] = float(text)
                accepted.append(p.id)
            except ValueError:
                errors.append(f"建议值 {p.id}（{p.concept_name}）：更正值“{text}”不是数字")
    return accepted, corrected, errors


@router.post("/bulletins/import", include_in_schema=False, dependencies=[allow("observations.write")])
def import_bulletin_form(request: Request, form: Annotated[FormData, Depends(confirm_form(_max_bytes))]):
    region, year = str(form.get("region") or ""), str(form.get("year") or "")
    try:
        name, data = unpacked(form, _max_bytes(), NO_FILE)
        bulletin = read_bulletin(data, name, region.strip() or None, _year(year))
    except (UploadRefused, BulletinError) as exc:
        return _respond(request, {"stage": "refused", "errors": [str(exc)]}, 400)
    _require_region(request, bulletin.region_code, bulletin.region)
    accepted, corrected, errors = _choice(form, bulletin.proposals)
    if not errors and not accepted:
        errors = ["未采纳任何建议值，未保存任何数据。"]
    if errors:
        return _respond(request, {**_review(request, bulletin, data, region, year), "stage": "review", "errors": errors}, 422)
    factory = request.app.state.session_factory
    try:
        result = import_bulletin(factory, bulletin, accepted, corrected, actor=request_actor(request))
    except ImportRejected as exc:
        return _respond(request, {**_review(request, bulletin, data, region, year), "stage": "rejected",
                                  "errors": rejection_lines(exc)}, 422)
    except SelectionError as exc:
        return _respond(request, {"stage": "refused", "errors": [str(exc)]}, 400)
    s = result.summary
    with factory() as session:
        affected = _affected(session, [{"region_code": p.region_code, "concept": p.concept, "year": p.year}
                                       for p in result.accepted])
    return _respond(request, {
        "stage": "imported", "file": bulletin.file, "title": bulletin.title, "region": bulletin.region,
        "year": bulletin.year, "accepted": [p.to_dict() for p in result.accepted],
        "rejected": [p.id for p in bulletin.proposals if p.id not in accepted],
        "corrected": corrected, "summary": {"added": s.added, "superseded": s.superseded, "unchanged": s.unchanged},
        "affected": affected,
    })
