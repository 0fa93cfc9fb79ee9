"""The plantrack command line. Messages to the user are in Chinese; data goes to stdout."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console

from .ingest.errors import PlanInputError

app = typer.Typer(
    help="plantrack 规划综合管理信息平台：把规划文本变成结构化、可跟踪的数据。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)


class ParseFormat(str, Enum):
    json = "json"
    summary = "summary"


@app.callback()
def main() -> None:
    """plantrack 命令行。"""


@app.command()
def parse(
    file: Path = typer.Argument(..., help="规划文本文件（.txt，UTF-8 或 GB18030/GBK）"),
    format: ParseFormat = typer.Option(ParseFormat.json, "--format", "-f", help="输出格式：json（契约 JSON）或 summary（终端摘要）"),
) -> None:
    """解析一份规划文本，输出结构化规划（不保存）。"""
    from .ingest.pipeline import parse_file

    try:
        plan = parse_file(file)
    except PlanInputError as exc:
        err.print(f"[red]错误：[/red]{exc.message()}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    if format is ParseFormat.json:
        sys.stdout.write(json.dumps(plan, ensure_ascii=False, indent=1))
        sys.stdout.write("\n")
    else:
        from .summary import print_summary

        print_summary(plan, Console())


if __name__ == "__main__":
    app()
