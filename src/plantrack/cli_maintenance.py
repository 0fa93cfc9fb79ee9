"""The maintenance commands of the CLI: backup, restore, doctor (plantrack.maintenance does the work)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from .cli import app, err


@app.command()
def backup(
    file: Path = typer.Argument(..., help="备份文件（SQLite 为数据库副本；PostgreSQL 为 pg_dump 自定义格式）"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的备份文件"),
) -> None:
    """备份数据库（服务运行中也可备份）。"""
    from .maintenance import MaintenanceError
    from .maintenance import backup as run_backup

    try:
        err.print(run_backup(file, overwrite=force), highlight=False, soft_wrap=True)
    except MaintenanceError as exc:
        err.print(f"[red]错误：[/red]{exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


@app.command()
def restore(
    file: Path = typer.Argument(..., help="plantrack backup 生成的备份文件"),
) -> None:
    """从备份恢复数据库：现有内容被备份内容替换（SQLite 会先把现有数据库另存一份）。"""
    from .maintenance import MaintenanceError
    from .maintenance import restore as run_restore

    try:
        err.print(run_restore(file), highlight=False, soft_wrap=True)
    except MaintenanceError as exc:
        err.print(f"[red]错误：[/red]{exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


@app.command()
def doctor() -> None:
    """检查数据库：能否打开、结构是否为最新版本、磁盘空间。全部通过时退出码为 0，否则为 1。"""
    from .maintenance import doctor as run_doctor

    checks = run_doctor()
    out = Console(highlight=False, soft_wrap=True)
    for check in checks:
        out.print(f"{'[green]通过[/green]' if check.ok else '[red]问题[/red]'}  {check.message}")
    failed = [c for c in checks if not c.ok]
    out.print("检查完毕：一切正常。" if not failed else f"检查完毕：发现 {len(failed)} 个问题。")
    if failed:
        raise typer.Exit(1)
