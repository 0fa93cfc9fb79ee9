"""`plantrack corrections`: a plan's corrections listed, its indicator table out to Excel and back.

Kept out of cli.py (which holds one command per function) because it is a small group of its
own: list, export, import, withdraw. Messages are Chinese; data goes to stdout, notes to stderr.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console

from .corrections import ACTION_LABELS, CorrectionError, corrections_view, effective_indicators
from .store.repository import CatalogueError, require_plan

err = Console(stderr=True)
USAGE = ("用法：plantrack corrections PLAN | export PLAN [-o 文件.xlsx] | import PLAN 文件.xlsx --by 姓名 [--why 原因]"
         " | withdraw PLAN 编号 --by 姓名")


def _fail(message: str, code: int = 2):
    err.print(f"[red]错误：[/red]{message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def run_corrections(factory_of, words: list[str], format: str, output: Path | None, by: str | None,
                    why: str | None) -> None:
    action, args = (words[0], words[1:]) if words[0] in ("export", "import", "withdraw") else ("list", words)
    wanted = {"list": 1, "export": 1, "import": 2, "withdraw": 2}[action]
    if len(args) != wanted:
        _fail(USAGE)
    factory = factory_of()
    try:
        if action == "list":
            with factory() as session:
                _print_list(corrections_view(session, args[0]), format)
        elif action == "export":
            _export(factory, args[0], output)
        elif action == "import":
            _import(factory, args[0], Path(args[1]), by, why, format)
        else:
            _withdraw(factory, args[0], args[1], by, why)
    except CatalogueError as exc:
        _fail(str(exc))
    except CorrectionError as exc:
        err.print("[red]错误：[/red]未保存任何修正：", highlight=False)
        for p in exc.problems:
            err.print(f"  {p}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


def _print_list(view: dict, format: str) -> None:
    if format == "json":
        sys.stdout.write(json.dumps(view, ensure_ascii=False, indent=1, default=str) + "\n")
        return
    out = Console()
    items = view["corrections"]
    out.print(f"{view['plan']}：人工修正 {len(items)} 条（当前第 {view['version']} 版）", highlight=False)
    for c in items:
        before = "、".join(o["name"] for o in c["originals"]) or "—"
        after = "、".join(r["name"] for r in c["rows"]) or "（删除）"
        out.print(f"#{c['id']} [{c['status_label']}] {c['action_label']}：{before} → {after}"
                  f"（{c['who']}，{(c['created_at'] or '')[:16]}，第 {c['version']} 版"
                  + (f"，原因：{c['why']}" if c["why"] else "") + "）", highlight=False, soft_wrap=True)


def _export(factory, key: str, output: Path | None) -> None:
    from .export.corrections_xlsx import table_workbook

    with factory() as session:
        plan = require_plan(session, key)
        data = table_workbook(effective_indicators(session, plan.current))
    output = output or Path(f"{key}-指标表.xlsx")
    try:
        output.write_bytes(data)
    except OSError as exc:
        _fail(f"无法写入 {output}（{exc.strerror or exc}）", 1)
    err.print(f"已导出 {output}（{len(data) / 1024:.1f} KB）；修改后用 plantrack corrections import 导入", highlight=False)


def _import(factory, key: str, path: Path, by: str | None, why: str | None, format: str) -> None:
    from .corrections import submit_table
    from .export.corrections_xlsx import read_table_workbook

    try:
        data = path.read_bytes()
    except OSError as exc:
        _fail(f"无法读取 {path}（{exc.strerror or exc}）")
    rows = read_table_workbook(data, str(path))
    with factory.begin() as session:
        made = submit_table(session, key, rows, name=by or "", why=why, first_row=2)
        summary = [{"id": c.id, "action": c.action, "names": [r["name"] for r in c.rows or c.originals]} for c in made]
    if format == "json":
        sys.stdout.write(json.dumps({"plan": key, "saved": summary}, ensure_ascii=False, indent=1) + "\n")
        return
    if not made:
        err.print(f"{path} 与当前指标表一致，没有需要保存的修正", highlight=False)
        return
    err.print(f"已保存 {len(made)} 条修正：" + "；".join(f"{ACTION_LABELS[s['action']]} {'、'.join(s['names'])}"
                                                   for s in summary), highlight=False, soft_wrap=True)


def _withdraw(factory, key: str, ident: str, by: str | None, why: str | None) -> None:
    from .corrections import withdraw

    if not ident.isdigit():
        _fail(f"修正编号“{ident}”应为数字")
    with factory.begin() as session:
        withdraw(session, key, int(ident), name=by or "", why=why)
    err.print(f"已撤回修正 #{ident}；该行恢复为解析结果", highlight=False)

