"""`plantrack import-bulletin FILE`: the values a statistics bulletin states, proposed; stored only
when accepted (`--accept all|1,3`), all or nothing, through the same checks as any observation.

Without --accept nothing is stored: the proposals are printed (JSON: {"file", "region", "year",
"proposals": [{"id", "indicator", "concept", "region", "year", "value", "unit", "line", "quote"}]}),
for a person or a script to choose from. `--correct 3=25642.6` stores proposal 3 with another value.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

err = Console(stderr=True)


def _fail(message: str, code: int) -> None:
    err.print(f"[red]错误：[/red]{message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _corrections(values: list[str]) -> dict[str, float]:
    out = {}
    for v in values or []:
        pid, _, number = v.partition("=")
        try:
            out[pid.strip()] = float(number)
        except ValueError:
            _fail(f"--correct 应写作“编号=数值”，如 3=25642.6，而不是“{v}”", 2)
    return out


def import_bulletin_command(
    file: Path = typer.Argument(..., help="统计公报文件（txt、html、docx 或 pdf）"),
    region: str = typer.Option(None, "--region", help="地区（公报标题未写明时必填）"),
    year: int = typer.Option(None, "--year", help="年份（公报标题未写明时必填）"),
    accept: str = typer.Option(None, "--accept", help="导入的建议值：all 或编号，如 1,3,4；不写则只列出、不保存"),
    correct: list[str] = typer.Option(None, "--correct", help="更正后导入：编号=数值，可重复"),
    format: str = typer.Option("table", "--format", "-f", help="输出格式：table 或 json"),
) -> None:
    """从统计公报中找出指标数值（建议值）；加 --accept 才导入，整体导入、记入操作记录。"""
    from . import cli
    from .domain.actor import LOCAL_OPERATOR
    from .observations.bulletin_import import SelectionError, import_bulletin, rejection_lines
    from .observations.bulletins import BulletinError, read_bulletin
    from .observations.importer import ImportRejected

    if format not in ("table", "json"):
        _fail("--format 只能是 table 或 json", 2)
    try:
        data = file.read_bytes()
    except OSError as exc:
        _fail(f"{file}：无法读取（{exc.strerror or exc}）", 2)
    try:
        bulletin = read_bulletin(data, str(file), region, year)
    except BulletinError as exc:
        _fail(str(exc), 2)
    if not accept:
        if format == "json":
            d = bulletin.to_dict()
            cli._print_json({"file": d["file"], "title": d["title"], "region": d["region"], "year": d["year"],
                             "proposals": d["proposals"]})
        else:
            out = Console()
            out.print(f"{bulletin.title or bulletin.file}：{bulletin.region} {bulletin.year} 年，建议值 {len(bulletin.proposals)} 条"
                      "（未保存；用 --accept 导入）", highlight=False)
            for p in bulletin.proposals:
                out.print(f"  {p.id}\t{p.concept_name}\t{p.value:g}{p.unit or ''}\t第 {p.line} 行", highlight=False)
        return
    try:
        result = import_bulletin(cli._factory(), bulletin, accept, _corrections(correct), actor=LOCAL_OPERATOR)
    except SelectionError as exc:
        _fail(str(exc), 2)
    except ImportRejected as exc:
        lines = rejection_lines(exc)
        if format == "json":
            cli._print_json({"file": bulletin.file, "ok": False, "errors": lines})
        else:
            err.print(f"[red]未导入[/red] {bulletin.file}：以下建议值有误，全部未保存", highlight=False)
            for line in lines:
                err.print(f"  {line}", highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    s = result.summary
    if format == "json":
        cli._print_json({"file": bulletin.file, "ok": True, "region": bulletin.region, "year": bulletin.year,
                         "accepted": [p.id for p in result.accepted], "added": s.added, "superseded": s.superseded,
                         "unchanged": s.unchanged})
    else:
        Console().print(f"已导入 {bulletin.file}：{len(result.accepted)} 条，新增 {s.added}，更正 {s.superseded}，"
                        f"未变化 {s.unchanged}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("import-bulletin")(import_bulletin_command)
