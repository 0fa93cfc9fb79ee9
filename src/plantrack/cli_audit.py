"""The command-line side of the audit trail and of publication: `plantrack audit`, `publish`,
`unpublish`. Registered on cli.app; commands on this machine act as the local operator."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer
from rich.console import Console

from .cli import _factory, _print_json, _user_errors, _write_workbook, app, err
from .domain.actor import LOCAL_OPERATOR


class AuditFormat(str, Enum):
    table = "table"
    json = "json"


@app.command()
def audit(
    user: str = typer.Option(None, "--user", help="只看此操作人（名称）"),
    object: str = typer.Option(None, "--object", help="只看此对象：规划键（含其指标）、对象键或对象类型（plan、indicator …）"),
    action: str = typer.Option(None, "--action", help="只看此操作（如 plan.publish，或 plan 表示规划的全部操作）"),
    since: str = typer.Option(None, "--since", help="起始时间（UTC）：2026-12-01 或 2026-12-01T08:00:00"),
    limit: int = typer.Option(100, "--limit", "-n", help="最多列出条数（0 为全部）"),
    format: AuditFormat = typer.Option(AuditFormat.table, "--format", "-f", help="输出格式：table 或 json"),
    output: Path = typer.Option(None, "--output", "-o", help="同时导出为 Excel 文件（.xlsx）"),
) -> None:
    """操作记录：谁在何时、从何处、对什么做了什么修改（修改前后），最新的在前。"""
    from . import audit as trail

    factory = _factory()
    with _user_errors(trail.SinceError), factory() as session:
        page = trail.events(session, user=user, object=object, action=action, since=trail.parse_since(since),
                            limit=limit or None)
        rows = [trail.event_json(e) for e in page.events]
    if output is not None:
        from .export.audit_xlsx import audit_workbook

        _write_workbook(output, audit_workbook(rows))
    if format is AuditFormat.json:
        _print_json({"total": page.total, "events": rows})
        return
    out = Console()
    out.print(f"操作记录 {page.total} 条" + (f"，显示最新 {len(rows)} 条" if page.total > len(rows) else ""))
    for e in rows:
        out.print(f"{e['at'][:19].replace('T', ' ')}  {e['actor']['name']}（{e['actor']['role']}）  "
                  f"{e['action_label']}  {e['object_key']}" + (f"  {e['note']}" if e["note"] else ""), highlight=False)


@app.command()
def publish(
    plan: str = typer.Argument(..., help="规划的键"),
    report: str = typer.Option(None, "--report", help="同时公布的评估报告类型：midterm | final | annual"),
    year: int = typer.Option(None, "--year", "-y", help="评估报告的年份"),
    acknowledge: str = typer.Option(None, "--acknowledge", help="对尚未处理的高严重度问题和数据缺口，说明仍予公布的理由"),
    format: AuditFormat = typer.Option(AuditFormat.table, "--format", "-f", help="输出格式：table 或 json"),
) -> None:
    """对社会公布规划（及其指标、可选的评估报告）。公布前检查高严重度自查问题和数据缺口，须处理或说明理由。"""
    from .publication import PublicationRefused, gate, publication_json
    from .publication import publish as do_publish

    factory = _factory()
    with _user_errors(PublicationRefused):
        with factory() as session:
            checked = gate(session, plan, year)
        if not checked.clear and not (acknowledge or "").strip():
            for item in checked.open_items:
                err.print(f"[red]待处理[/red] {item['message']}", highlight=False, soft_wrap=True)
        with factory.begin() as session:
            row = publication_json(do_publish(session, plan, LOCAL_OPERATOR, report, year, acknowledge))
    if format is AuditFormat.json:
        _print_json({"plan": plan, "publication": row, "gate": checked.to_json()})
        return
    what = f"及其{row['report']['year']}年{row['report']['kind_label']}报告" if row["report"] else ""
    Console().print(f"已对社会公布：{plan}{what}" + (f"（确认理由：{row['acknowledgement']}）" if row["acknowledgement"] else ""),
                    highlight=False)


@app.command()
def unpublish(
    plan: str = typer.Argument(..., help="规划的键"),
    reason: str = typer.Option(..., "--reason", help="撤回的理由"),
) -> None:
    """撤回规划的公布（记录撤回人、时间和理由；公布记录保留）。"""
    from .publication import PublicationRefused
    from .publication import unpublish as do_unpublish

    factory = _factory()
    with _user_errors(PublicationRefused), factory.begin() as session:
        do_unpublish(session, plan, reason, LOCAL_OPERATOR)
    Console().print(f"已撤回公布：{plan}（理由：{reason}）", highlight=False)
