"""Commands for the reporting workflow (issue 11 item 6): reporting frequency, the overdue list and
e-mail reminders. Registered on the main app by cli.py; they act as LOCAL_OPERATOR.

`plantrack reminders send [--dry-run]` mails each lead unit its overdue items through the SMTP
server of PLANTRACK_SMTP_HOST/PORT/FROM (duties/reminders.py); without it nothing is sent and the
command says so (the reminders still show on the reporting page).
"""

from __future__ import annotations

from datetime import date

import typer
from rich.console import Console

from .cli_duties import FORMAT, Fmt

reporting_app = typer.Typer(help="填报与审定：填报周期、逾期未报清单。", no_args_is_help=True)
reminders_app = typer.Typer(help="填报提醒：向逾期未报的牵头单位发送邮件。", no_args_is_help=True)

TODAY = typer.Option(None, "--today", help="以哪一天为准计算逾期（默认今天，YYYY-MM-DD）")


def _cli():
    from . import cli

    return cli


def _day(text: str | None) -> date:
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        _cli().err.print(f"[red]错误：[/red]日期“{text}”无效（应为 2026-12-03 形式）", highlight=False)
        raise typer.Exit(2) from None


@reporting_app.command("frequency")
def frequency(plan: str = typer.Argument(..., help="规划的键"),
              value: str = typer.Argument(..., metavar="year|half|quarter", help="填报周期：year 按年，half 按半年，quarter 按季度"),
              assignment: int = typer.Option(None, "--assignment", help="只设置这一项任务分工（编号见 assignments list）"),
              format: Fmt = FORMAT) -> None:
    """设置规划（或一项任务分工）的填报周期。"""
    from .domain.actor import LOCAL_OPERATOR
    from .duties.reporting import ReportingError, set_frequency

    cli = _cli()
    try:
        with cli._factory().begin() as session:
            result = set_frequency(session, LOCAL_OPERATOR, plan, value, assignment)
    except ReportingError as exc:
        cli.err.print(f"[red]错误：[/red]{exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    if format is Fmt.json:
        cli._print_json(result)
    else:
        Console().print(f"已设置 {plan}{f' 第 {assignment} 项分工' if assignment else ''} 的填报周期：{result['frequency_label']}",
                        highlight=False)


@reporting_app.command("overdue")
def overdue(today: str = TODAY, format: Fmt = FORMAT) -> None:
    """逾期未报清单：按单位、按地区。"""
    from .domain.actor import LOCAL_OPERATOR
    from .duties.reminders import overdue_summary

    with _cli()._factory()() as session:
        result = overdue_summary(session, LOCAL_OPERATOR, _day(today), limit=10_000)
    if format is Fmt.json:
        _cli()._print_json(result)
        return
    out = Console()
    for r in result["items"]:
        out.print(f"{r['unit']}\t{r['plan']}\t{r['item']}\t{r['period_label']}\t应于 {r['due']}\t逾期 {r['days_overdue']} 天",
                  highlight=False)
    out.print(f"逾期未报共 {result['total']} 项；按单位：" +
              ("；".join(f"{u['unit']} {u['count']}" for u in result["by_unit"]) or "无"), highlight=False)


@reminders_app.command("send")
def send(dry_run: bool = typer.Option(False, "--dry-run", help="只列出将发送的提醒，不发送"),
         today: str = TODAY, format: Fmt = FORMAT) -> None:
    """向有逾期未报事项的牵头单位发送提醒邮件（单位模板 email 列为收件地址）。"""
    from .domain.actor import LOCAL_OPERATOR
    from .duties.reminders import send_reminders, smtp_settings

    cli = _cli()
    settings = smtp_settings()
    try:
        with cli._factory()() as session:
            result = send_reminders(session, LOCAL_OPERATOR, _day(today), settings, dry_run=dry_run)
    except (OSError, ValueError) as exc:  # smtplib errors are OSErrors
        cli.err.print(f"[red]错误：[/red]邮件发送失败（{exc}）；请检查 PLANTRACK_SMTP_HOST/PORT 设置。", highlight=False,
                      soft_wrap=True)
        raise typer.Exit(1) from None
    if format is Fmt.json:
        cli._print_json(result)
        return
    out = Console()
    if settings is None:
        out.print("未配置邮件服务器（PLANTRACK_SMTP_HOST），未发送；逾期提醒仍在“填报任务”页面显示。", highlight=False)
    rows = result.get("sent", result.get("would_send", []))
    verb = "已发送" if "sent" in result else "将发送"
    for r in rows:
        out.print(f"{verb}：{r['unit']} → {', '.join(r['to'])}（{r['items']} 项逾期）", highlight=False)
    for unit in result["no_address"]:
        out.print(f"[yellow]无邮箱[/yellow]：{unit}（请在单位模板中填写 email 列）", highlight=False)
    out.print(f"有逾期事项的单位 {result['units']} 个，{verb} {len(rows)} 封", highlight=False)


def register(app: typer.Typer) -> None:
    app.add_typer(reporting_app, name="reporting")
    app.add_typer(reminders_app, name="reminders")
