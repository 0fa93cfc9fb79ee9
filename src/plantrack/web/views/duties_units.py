"""单位 (/units): the catalogue of units per region, one unit added by form, a CSV/XLSX imported.

Every unit is shown with the accounts of role 牵头单位 that belong to it (User.unit_name naming
the unit's full or short name in the same region), and the unit accounts that name no known unit
are listed apart, so a planning office sees who cannot yet be given a to-do list.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

import csv
import io

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response
from sqlalchemy import select

from ...duties import DutyInputError
from ...duties.units import TEMPLATE_COLUMNS, UNIT_COLUMNS, apply_unit_rows, list_units, region_resolver, set_unit_email
from ...store.models import Region, Unit, User
from ..actors import request_actor
from ..auth import AccessRefused, actor_of, allow
from ..render import render
from .duties_common import can_write, run_write, upload_rows
from ...policy import permission_allowed

router = APIRouter()
CRUMBS = [("/", "首页"), (None, "单位")]


def _accounts(session, units: list[dict]) -> list[dict]:
    """Unit-role accounts that belong to no listed unit (their unit_name matches none in their region)."""
    users = list(session.scalars(select(User).where(User.role == "unit", User.disabled.is_(False)).order_by(User.login)))
    by_unit: dict[tuple[str | None, str], dict] = {}
    for u in units:
        u["accounts"] = []
        for name in (u["name"], u["short_name"]):
            if name:
                by_unit[(u["region_code"], name)] = u
    orphans = []
    for user in users:
        unit = by_unit.get((user.region_code, user.unit_name or ""))
        entry = {"login": user.login, "name": user.display_name, "unit_name": user.unit_name,
                 "region_code": user.region_code}
        if unit is not None:
            unit["accounts"].append(entry)
        else:
            orphans.append(entry)
    return orphans


def _region_choices(session, request: Request) -> list[dict]:
    """What the region field offers: the actor's region, the regions of plans and units, and the
    regions directly under them (not the whole gazetteer)."""
    from ...store.models import Plan, Unit

    codes = {c for c in session.scalars(select(Plan.region_code)) if c} | set(session.scalars(select(Unit.region_code)))
    if actor_of(request).region_code:
        codes.add(actor_of(request).region_code)
    query = select(Region.code, Region.name).where(Region.code.in_(codes) | Region.parent_code.in_(codes))
    return [{"code": c, "name": n} for c, n in session.execute(query.order_by(Region.code))]


def _page(request: Request, region: str | None, status: int = 200, **extra):
    with request.app.state.session_factory() as session:
        problems = list(extra.pop("problems", []))
        try:
            units = list_units(session, region or None)
        except DutyInputError as exc:
            units, problems = [], problems + exc.problems
            status = 404 if status == 200 else status
        orphans = _accounts(session, units)
        regions = _region_choices(session, request)
        data = {"region": region or "", "units": units, "unmatched_accounts": orphans, "regions": regions,
                "columns": list(TEMPLATE_COLUMNS), "can_write": can_write(request),
                "template_href": {"xlsx": "/units/template.xlsx" + (f"?region={quote(region)}" if region else ""),
                                  "csv": "/units/template.csv" + (f"?region={quote(region)}" if region else "")},
                "problems": problems, **extra}
    return render(request, "duties_units.html", data, title="单位", crumbs=CRUMBS, status=status)


@router.get("/units", include_in_schema=False, dependencies=[allow("plans.read")])
def units_page(request: Request, region: str | None = None):
    return _page(request, region)


def _refuse_outside(request: Request, session, rows, fname: str) -> None:
    """Every row's region in the actor's scope (a planning office: its region and below), else 403."""
    resolve = region_resolver(session)
    actor = actor_of(request)
    outside = [(n, row["region"]) for n, row in rows
               if (code := resolve(row.get("region", ""))) and not permission_allowed(actor, "duties.write", code)]
    if outside:
        named = "；".join(f"第{n}行（{r}）" for n, r in outside[:10])
        raise AccessRefused(403, "forbidden", f"您的帐号（{actor.name}）无权维护这些地区的单位：{fname} {named}。未保存任何数据。")


@router.post("/units", include_in_schema=False, dependencies=[allow("duties.write")])
def add_unit(request: Request, region: Annotated[str, Form()] = "", name: Annotated[str, Form()] = "",
             short_name: Annotated[str, Form()] = "", kind: Annotated[str, Form()] = "",
             email: Annotated[str, Form()] = ""):
    rows = [(1, {"region": region.strip(), "name": name.strip(), "short_name": short_name.strip(), "kind": kind.strip(),
                 "email": email.strip()})]
    with request.app.state.session_factory() as session:
        _refuse_outside(request, session, rows, "新增单位")
    summary, problems = run_write(request, lambda s: apply_unit_rows(s, rows, "新增单位", request_actor(request),
                                                                      action="unit.create"))
    return _page(request, region.strip(), status=422 if problems else 200, problems=problems, saved=summary,
                 form={"region": region, "name": name, "short_name": short_name, "kind": kind, "email": email})


@router.post("/units/{unit_id}/email", include_in_schema=False, dependencies=[allow("duties.write")])
def edit_unit_email(request: Request, unit_id: int, email: Annotated[str, Form()] = ""):
    """A unit's reminder addresses, set or cleared; checked, audited (unit.email), in the actor's region."""
    actor = actor_of(request)
    with request.app.state.session_factory() as session:
        unit = session.get(Unit, unit_id)
        if unit is None:
            return _page(request, None, status=404, problems=[f"没有编号为 {unit_id} 的单位"])
        if not permission_allowed(actor, "duties.write", unit.region_code):
            raise AccessRefused(403, "forbidden", f"您的帐号（{actor.name}）无权维护该地区的单位。")
    summary, problems = run_write(request, lambda s: set_unit_email(s, request_actor(request), s.get(Unit, unit_id),
                                                                     email))
    return _page(request, None, status=422 if problems else 200, problems=problems, email_saved=summary,
                 email_form={"unit_id": unit_id, "email": email} if problems else None)


def _template_rows(request: Request, region: str | None) -> list[list[str]]:
    """The template's header, then every listed unit as a row (a filled template to correct and upload again)."""
    with request.app.state.session_factory() as session:
        try:
            units = list_units(session, region or None)
        except DutyInputError:
            units = []
    return [list(TEMPLATE_COLUMNS)] + [[u["region"] or u["region_code"], u["name"], u["short_name"] or "",
                                        u["kind"] or "", u["email"] or ""] for u in units]


@router.get("/units/template.xlsx", include_in_schema=False, dependencies=[allow("plans.export")])
def units_template_xlsx(request: Request, region: str | None = None):
    from openpyxl import Workbook

    from ...export.formulas import neutralise_workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "单位"
    for row in _template_rows(request, region):
        ws.append(row)
    guide = wb.create_sheet("说明")
    for line in (["列", "说明"], ["region", "所属地区（必填），如 山西省、运城市"], ["name", "单位全称（必填）"],
                 ["short_name", "简称，如 省发展改革委"], ["kind", "类别（可空），如 政府组成部门"],
                 ["email", "电子邮箱（可空）：逾期提醒发往此地址，多个地址用逗号或分号分隔"]):
        guide.append(line)
    neutralise_workbook(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return Response(buf.getvalue(), media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": "attachment; filename*=UTF-8''" + quote("单位模板.xlsx")})


@router.get("/units/template.csv", include_in_schema=False, dependencies=[allow("plans.export")])
def units_template_csv(request: Request, region: str | None = None):
    from ...export.formulas import csv_row

    buf = io.StringIO()
    w = csv.writer(buf)
    for row in _template_rows(request, region):
        w.writerow(csv_row(row))
    return Response("\ufeff" + buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": "attachment; filename*=UTF-8''" + quote("单位模板.csv")})


@router.post("/units/import", include_in_schema=False, dependencies=[allow("duties.write")])
async def import_units_page(request: Request, file: Annotated[UploadFile | None, File()] = None):
    try:
        fname, rows = await upload_rows(file, UNIT_COLUMNS)
    except DutyInputError as exc:
        return _page(request, None, status=422, problems=exc.problems)
    with request.app.state.session_factory() as session:
        _refuse_outside(request, session, rows, fname)
    summary, problems = run_write(request, lambda s: apply_unit_rows(s, rows, fname, request_actor(request)))
    return _page(request, None, status=422 if problems else 200, problems=problems, saved=summary)
