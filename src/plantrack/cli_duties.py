"""Commands for units, assignments, annual targets and decomposition (issue 11).

Registered on the main app by cli.py. Imports are all-or-nothing: any bad row prints every bad row
(Chinese, naming file and row) and exits with code 1, nothing saved. Commands act as LOCAL_OPERATOR.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer
from rich.console import Console


class Fmt(str, Enum):
    table = "table"
    json = "json"


units_app = typer.Typer(help="单位目录：各地区政府部门（牵头/配合单位）。", no_args_is_help=True)
assignments_app = typer.Typer(help="任务分工：指标、目标、任务、项目的牵头单位和配合单位。", no_args_is_help=True)
annual_app = typer.Typer(help="年度目标：指标在规划期各年的目标。", no_args_is_help=True)
decomposition_app = typer.Typer(help="分解下达：上级指标目标分解到下级地区，并检查是否到位。", no_args_is_help=True)

FORMAT = typer.Option(Fmt.table, "--format", "-f", help="输出格式：table 或 json")


def _cli():
    from . import cli

    return cli


def _run_import(file: Path, format: Fmt, importer, noun: str) -> None:
    """Run one all-or-nothing import in a transaction; print its summary or every bad row."""
    from .domain.actor import LOCAL_OPERATOR
    from .duties import DutyInputError

    cli = _cli()
    factory = cli._factory()
    try:
        with factory.begin() as session:
            result = importer(session, file, LOCAL_OPERATOR)
    except DutyInputError as exc:
        if format is Fmt.json:
            cli._print_json({"path": str(file), "ok": False, "errors": exc.problems})
        else:
            cli.err.print(f"[red]未导入[/red] {file}：共 {len(exc.problems)} 处错误，未保存任何数据。", highlight=False, soft_wrap=True)
            for problem in exc.problems:
                cli.err.print(f"  {problem}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    if format is Fmt.json:
        cli._print_json({"path": str(file), "ok": True, **result})
    else:
        extra = "，".join(f"{label} {result[k]}" for k, label in (("updated", "更新"), ("unchanged", "未变化"), ("withdrawn", "撤回旧分工"),
                                                                  ("superseded", "替换旧值")) if result.get(k))
        Console().print(f"已导入 {file}：{noun} {result['rows']} 行" + (f"，{extra}" if extra else ""), highlight=False)


def _read(fn, *args):
    from .duties import DutyInputError

    cli = _cli()
    factory = cli._factory()
    with cli._user_errors(DutyInputError):
        with factory() as session:
            return fn(session, *args)


@units_app.command("import")
def units_import(file: Path = typer.Argument(..., help="单位模板（CSV 或 XLSX；列：region, name, short_name，可有 kind、email（逾期提醒邮箱）等其他列）"),
                 format: Fmt = FORMAT) -> None:
    """导入单位目录（整体导入，任何一行有误则不导入）。"""
    from .duties.units import import_units

    _run_import(file, format, import_units, "单位")


@units_app.command("list")
def units_list(region: str = typer.Option(None, "--region", help="只列出该地区的单位"), format: Fmt = FORMAT) -> None:
    """列出单位目录。"""
    from .duties.units import list_units

    rows = _read(list_units, region)
    if format is Fmt.json:
        _cli()._print_json(rows)
        return
    for u in rows:
        Console().print(f"{u['region'] or u['region_code']}\t{u['name']}\t{u['short_name'] or ''}\t{u['email'] or ''}",
                        highlight=False)
    Console().print(f"共 {len(rows)} 个单位", highlight=False)


@assignments_app.command("import")
def assignments_import(file: Path = typer.Argument(..., help="分工模板（列：plan, item_kind, item, lead_unit, supporting_units, due）"),
                       format: Fmt = FORMAT) -> None:
    """导入任务分工（整体导入，任何一行有误则不导入）。"""
    from .duties.assignments import import_assignments

    _run_import(file, format, import_assignments, "分工")


@assignments_app.command("list")
def assignments_list(plan: str = typer.Argument(None, help="规划键（省略则列出全部）"),
                     all_states: bool = typer.Option(False, "--all", help="包括已撤回的分工"), format: Fmt = FORMAT) -> None:
    """列出任务分工。"""
    from .duties.assignments import KIND_LABELS, list_assignments

    rows = _read(list_assignments, plan, all_states)
    if format is Fmt.json:
        _cli()._print_json(rows)
        return
    for a in rows:
        Console().print(f"{a['plan']}\t{KIND_LABELS[a['item_kind']]}\tL{a['line']}\t{a['item'][:30]}\t牵头：{a['lead_unit']}"
                        f"\t配合：{'、'.join(a['supporting_units']) or '—'}\t期限：{a['due'] or '—'}\t{a['state']}", highlight=False)
    Console().print(f"共 {len(rows)} 条分工", highlight=False)


@assignments_app.command("propose")
def assignments_propose(plan: str = typer.Argument(..., help="规划键"), format: Fmt = FORMAT) -> None:
    """从规划文本中找出牵头单位、配合单位，列出分工建议（不保存）。"""
    from .duties.proposals import propose_assignments

    rows = _read(propose_assignments, plan)
    if format is Fmt.json:
        _cli()._print_json(rows)
        return
    for p in rows:
        Console().print(f"L{p['line']}\t{p['item'][:40]}\t牵头：{'、'.join(p['lead_units'])}"
                        f"\t配合：{'、'.join(p['supporting_units']) or '—'}\t({p['source']})", highlight=False)
    Console().print(f"共 {len(rows)} 条分工建议（未保存）", highlight=False)


@annual_app.command("import")
def annual_import(file: Path = typer.Argument(..., help="年度目标模板（列：plan, indicator, year, target）"),
                  format: Fmt = FORMAT) -> None:
    """导入年度目标（整体导入，任何一行有误则不导入）。"""
    from .duties.annual import import_annual_targets

    _run_import(file, format, import_annual_targets, "年度目标")


@annual_app.command("list")
def annual_list(plan: str = typer.Argument(None, help="规划键（省略则列出全部）"), format: Fmt = FORMAT) -> None:
    """列出年度目标。"""
    from .duties.annual import list_annual_targets

    rows = _read(list_annual_targets, plan)
    if format is Fmt.json:
        _cli()._print_json(rows)
        return
    for r in rows:
        Console().print(f"{r['plan']}\t{r['indicator']}\t{r['year']}\t{r['target']}", highlight=False)
    Console().print(f"共 {len(rows)} 条年度目标", highlight=False)


@annual_app.command("propose")
def annual_propose(plan: str = typer.Argument(..., help="规划键"), format: Fmt = FORMAT) -> None:
    """按基期到目标的线性/复合路径拟出各年年度目标（不保存）；表格输出即导入模板，修改确认后用 import 导入。"""
    import csv
    import sys

    from .duties.annual import propose_annual_targets

    rows = _read(propose_annual_targets, plan)
    if format is Fmt.json:
        _cli()._print_json(rows)
        return
    w = csv.writer(sys.stdout)
    w.writerow(["plan", "indicator", "year", "target", "method"])
    for r in rows:
        w.writerow([r["plan"], r["indicator"], r["year"], r["target"], r["method"]])


@decomposition_app.command("import")
def decomposition_import(file: Path = typer.Argument(..., help="分解模板（列：parent_plan, indicator, region, assigned, unit, rule, weight）"),
                         format: Fmt = FORMAT) -> None:
    """导入分解下达的目标（整体导入，任何一行有误则不导入）。"""
    from .duties.decomposition import import_allocations

    _run_import(file, format, import_allocations, "分解")


@decomposition_app.command("list")
def decomposition_list(parent_plan: str = typer.Argument(..., help="上级规划键"), format: Fmt = FORMAT) -> None:
    """列出一个规划分解下达到各地区的目标。"""
    from .duties.decomposition import list_allocations

    rows = _read(list_allocations, parent_plan)
    if format is Fmt.json:
        _cli()._print_json(rows)
        return
    for r in rows:
        Console().print(f"{r['indicator']}\t{r['region']}\t{r['assigned']}{r['unit'] or ''}\t{r['rule']}"
                        + (f"\t权重 {r['weight']:g}" if r["weight"] else ""), highlight=False)
    Console().print(f"共 {len(rows)} 条", highlight=False)


@decomposition_app.command("check")
def decomposition_check(parent_plan: str = typer.Argument(..., help="上级规划键"), format: Fmt = FORMAT) -> None:
    """检查分解下达是否到位：合计、加权平均是否达到上级目标，各地区是否不弱于上级下限/上限。"""
    from .duties.decomposition import check_decomposition

    result = _read(check_decomposition, parent_plan)
    if format is Fmt.json:
        _cli()._print_json(result)
        return
    for r in result["indicators"]:
        mark = {True: "[green]到位[/green]", False: "[red]不到位[/red]", None: "[yellow]无法检查[/yellow]"}[r.get("ok")]
        Console().print(f"{mark} {r['message']}", highlight=False)
    Console().print(f"检查 {result['checked']} 个指标，不到位 {result['flagged']} 个", highlight=False)


@decomposition_app.command("matrix")
def decomposition_matrix(parent_plan: str = typer.Argument(..., help="上级规划键"), format: Fmt = FORMAT) -> None:
    """指标×地区矩阵：各地区下达目标、最新观测值及是否达到。"""
    from .duties.decomposition import decomposition_matrix as matrix

    result = _read(matrix, parent_plan)
    if format is Fmt.json:
        _cli()._print_json(result)
        return
    for row in result["indicators"]:
        for r in row["regions"]:
            seen = f"{r['observed']['year']}年 {r['observed']['value']:g}" if r["observed"] else "—"
            Console().print(f"{row['indicator']}\t{r['region']}\t下达 {r['assigned']}\t最新 {seen}\t{r['status']}", highlight=False)


def register(app: typer.Typer) -> None:
    app.add_typer(units_app, name="units")
    app.add_typer(assignments_app, name="assignments")
    app.add_typer(annual_app, name="annual-targets")
    app.add_typer(decomposition_app, name="decomposition")
