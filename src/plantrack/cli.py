"""The plantrack command line. Messages to the user are in Chinese; data goes to stdout."""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console

from .domain.actor import LOCAL_OPERATOR
from .domain.periods import period_text
from .priority import lower_priority
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
    _log_to_file()


def _log_to_file() -> None:
    """Diagnostics (tracebacks of unexpected failures) go to plantrack.log in PLANTRACK_HOME, not the terminal."""
    import logging

    from .store.db import default_home

    try:
        home = default_home()
        home.mkdir(parents=True, exist_ok=True)
        logging.basicConfig(filename=home / "plantrack.log", level=logging.WARNING,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    except OSError:
        logging.basicConfig(level=logging.CRITICAL)


@app.command()
def parse(
    file: Path = typer.Argument(..., help="规划文件：文本（.txt/.md，UTF-8 或 GB18030/GBK）、Word（.docx）、PDF（有文字层）或网页（.html/.htm）"),
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


class DataFormat(str, Enum):
    table = "table"
    json = "json"


def _factory():
    from .store.db import StoreUnusable, open_store

    try:
        return open_store()
    except StoreUnusable as exc:  # says itself what to do
        err.print(f"[red]错误：[/red]{exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    except Exception as exc:  # an unreachable server or a locked file is the user's to fix
        err.print(f"[red]错误：[/red]无法打开数据库（{type(exc).__name__}: {exc}）", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


@contextmanager
def _user_errors(*kinds: type[Exception]):
    """Errors the user can act on (unknown plan, bad query …): one Chinese line on stderr, exit 2."""
    from .store.repository import CatalogueError

    try:
        yield
    except (CatalogueError, *kinds) as exc:
        err.print(f"[red]错误：[/red]{exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1, default=str))
    sys.stdout.write("\n")


def _duplicate_files(factory, files: list[Path], key: str | None) -> list[tuple[Path, object]]:
    """Files whose bytes are already stored under another plan's key (duplicates.py), each with a
    failed outcome saying so and how to add it to that plan instead; unreadable files are left to
    the loader, which names what is wrong with them."""
    import hashlib

    from .duplicates import stored_elsewhere
    from .load import LoadOutcome, plan_key_for

    found = []
    with factory() as session:
        for path in files:
            try:
                sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            except OSError:
                continue
            wanted = key or plan_key_for(path)
            copy = stored_elsewhere(session, sha, wanted)
            if copy is not None:
                message = (f"{copy.message(Path(path).name)}，未入库。要加入该规划，请用 --key {copy.key}"
                           f"（不会改变数据）；确属另一部规划，请加 --duplicate 重新入库")
                found.append((path, LoadOutcome(str(path), wanted, "failed", message=message)))
    return found


@app.command()
def ingest(
    files: list[Path] = typer.Argument(..., help="一个或多个规划文件（.txt、.docx、.pdf 或 .html）"),
    key: str = typer.Option(None, "--key", help="规划键（默认取文件名，不含扩展名；只能用于单个文件）"),
    parent: str = typer.Option(None, "--parent", help="上位规划的键（本规划与之衔接）"),
    level: str = typer.Option(None, "--level", help="层级：national|province|city|county（覆盖文本识别结果）"),
    kind: str = typer.Option(None, "--kind", help="类别：general|special|regional|spatial（覆盖文本识别结果）"),
    region: str = typer.Option(None, "--region", help="地区名称（覆盖文本识别结果）"),
    format: DataFormat = typer.Option(DataFormat.table, "--format", "-f", help="输出格式：table 或 json"),
    duplicate: bool = typer.Option(False, "--duplicate",
                                   help="内容与另一规划已入库的文件相同时，仍作为新规划入库（默认不入库并提示）"),
    jobs: int = typer.Option(None, "--jobs", "-j", min=1,
                             help="多个文件时同时解析的进程数（默认每个 CPU 核一个，最多 4 个）；入库仍按文件顺序逐个进行"),
) -> None:
    """解析并入库规划文件。同一文件再次入库不产生变化；内容变化的文件成为该规划的新版本。
    内容与另一规划已入库文件相同的文件默认不入库，并提示可用 --key 加入该规划。"""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from .load import STATUS_TEXT, load_files

    if key and len(files) > 1:
        err.print("[red]错误：[/red]--key 只能用于单个文件")
        raise typer.Exit(2)
    if level and level not in ("national", "province", "city", "county"):
        err.print(f"[red]错误：[/red]未知层级“{level}”，应为 national|province|city|county")
        raise typer.Exit(2)
    if kind and kind not in ("general", "special", "regional", "spatial"):
        err.print(f"[red]错误：[/red]未知类别“{kind}”，应为 general|special|regional|spatial")
        raise typer.Exit(2)
    factory = _factory()
    lower_priority()  # a batch job: pages served from this machine go first (priority.py)
    overrides = {"level": level, "kind": kind, "region": region}
    duplicates = [] if duplicate else _duplicate_files(factory, files, key)
    files = [f for f in files if f not in {d[0] for d in duplicates}]
    show_bar = len(files) > 1 and format is DataFormat.table and err.is_terminal
    with Progress(TextColumn("入库"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                  console=err, disable=not show_bar) as bar:
        task = bar.add_task("", total=len(files))
        outcomes = load_files(
            factory, files, key=key, parent=parent, overrides=overrides,
            progress=lambda o: bar.update(task, advance=1, description=o.key), actor=LOCAL_OPERATOR,
            jobs=jobs or min(os.cpu_count() or 1, 4),
        )
    failed = [o for o in outcomes if not o.ok] + [o for _, o in duplicates]
    outcomes += [o for _, o in duplicates]
    if format is DataFormat.json:
        _print_json([o.__dict__ for o in outcomes])
    else:
        out = Console()
        for o in outcomes:
            if o.ok:
                links = "；".join(f"衔接 {c} → {p}" for c, p in (o.links or []))
                out.print(f"{STATUS_TEXT[o.status]}  {o.key}  版本 {o.version}  {links}".rstrip(), highlight=False)
            else:
                err.print(f"[red]失败[/red]  {o.key}：{o.message}", highlight=False, soft_wrap=True)
        out.print(f"共 {len(outcomes)} 个文件：成功 {len(outcomes) - len(failed)} 个，失败 {len(failed)} 个。")
    if failed:
        raise typer.Exit(1)




def plan_summary(plan) -> dict:
    return {
        "key": plan.key,
        "title": plan.title,
        "level": plan.level,
        "kind": plan.kind,
        "region": plan.region_name,
        "region_code": plan.region_code,
        "period": {"start": plan.period_start, "end": plan.period_end},
        "horizon": plan.horizon,
        "parent": plan.parent.key if plan.parent else None,
        "children": [c.key for c in plan.children],
        "versions": len(plan.versions),
    }


@app.command()
def plans(
    level: str = typer.Option(None, "--level", help="按层级筛选"),
    kind: str = typer.Option(None, "--kind", help="按类别筛选"),
    region: str = typer.Option(None, "--region", help="按地区（名称或代码）筛选"),
    format: DataFormat = typer.Option(DataFormat.table, "--format", "-f", help="输出格式：table 或 json"),
) -> None:
    """列出规划目录（三级四类）。"""
    from rich.table import Table as RichTable

    from .labels import KINDS, LEVELS
    from .store.repository import list_plans

    factory = _factory()
    with factory() as session:
        items, total = list_plans(session, level=level, kind=kind, region=region)
        rows = [plan_summary(p) for p in items]
    if format is DataFormat.json:
        _print_json(rows)
        return
    table = RichTable(title=f"规划目录（{total} 部）", title_justify="left")
    table.add_column("键", overflow="fold")
    table.add_column("标题", ratio=1, min_width=16, overflow="fold")
    for col in ("层级", "类别", "地区", "规划期"):
        table.add_column(col, no_wrap=True)
    table.add_column("上位规划", overflow="fold")
    table.add_column("版本", no_wrap=True)
    for r in rows:
        period = period_text(r["period"]["start"], r["period"]["end"])
        table.add_row(r["key"], r["title"] or "—", LEVELS.get(r["level"], r["level"] or "—"),
                      KINDS.get(r["kind"], r["kind"] or "—"), r["region"] or "—", period, r["parent"] or "—",
                      str(r["versions"]))
    out = Console()
    if not out.is_terminal:  # a log or a pipe has no width to fit: 80 columns would squeeze the titles away
        out = Console(width=160)
    out.print(table)


@app.command()
def link(
    child: str = typer.Argument(..., help="下位规划的键"),
    parent: str = typer.Argument(None, help="上位规划的键；省略并加 --clear 则解除衔接"),
    clear: bool = typer.Option(False, "--clear", help="解除该规划的上位衔接"),
) -> None:
    """设置规划的上位规划（衔接关系）。"""
    from .links import link_plan

    if parent is None and not clear:
        err.print("[red]错误：[/red]请给出上位规划的键，或用 --clear 解除衔接")
        raise typer.Exit(2)
    factory = _factory()
    with _user_errors():
        with factory.begin() as session:
            link_plan(session, child, None if clear else parent, actor=LOCAL_OPERATOR)
    Console().print(f"已解除 {child} 的上位衔接" if clear else f"已衔接：{child} → {parent}")


@app.command()
def search(
    query: str = typer.Argument(..., help="检索词；多个词用空格分开，须全部出现"),
    plan: list[str] = typer.Option(None, "--plan", "-p", help="只在这些规划（键）中检索，可重复"),
    limit: int = typer.Option(20, "--limit", "-n", help="最多显示条数"),
    format: DataFormat = typer.Option(DataFormat.table, "--format", "-f", help="输出格式：table 或 json"),
) -> None:
    """在所有规划的正文句子中全文检索。"""
    from .store.search import SearchError
    from .store.search import search as run_search

    factory = _factory()
    with _user_errors(SearchError), factory() as session:
        page = run_search(session, query, plan_keys=plan or None, limit=limit)
    if format is DataFormat.json:
        _print_json(page.to_json())
        return
    out = Console()
    out.print(f"“{query}”共找到 {'' if page.exact else '约 '}{page.total} 个句子" + (f"，显示前 {len(page.hits)} 个" if page.total > len(page.hits) else ""))
    if not page.ranked:
        out.print("命中句子较多，未按相关度排序，按规划入库顺序和原文顺序列出；增加检索词或用 --plan 限定规划可按相关度排序。")
    for hit in page.hits:
        out.print(f"[bold]{hit.plan_key}[/bold] 第{hit.line}行  [dim]{hit.section_path or ''}[/dim]", highlight=False)
        out.print("  " + hit.snippet.replace("【", "[reverse]").replace("】", "[/reverse]"), highlight=False)


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


@app.command()
def export(
    plan: str = typer.Argument(..., help="规划的键"),
    format: ExportFormat = typer.Option(ExportFormat.json, "--format", "-f", help="导出格式：json | csv | xlsx"),
    output: Path = typer.Option(None, "--output", "-o", help="输出文件；省略时 json/csv 写到标准输出，xlsx 写到 <键>.xlsx"),
    version: int = typer.Option(None, "--version", help="导出指定版本（默认最新版本）"),
) -> None:
    """导出规划：契约 JSON，或主要指标的 CSV / Excel。"""
    from .corrections import effective_document
    from .export import exporter_for
    from .store.repository import CatalogueError, require_plan

    factory = _factory()
    with _user_errors():
        with factory() as session:
            record = require_plan(session, plan)
            chosen = next((v for v in record.versions if v.number == version), None) if version else record.current
            if chosen is None:
                raise CatalogueError(f"规划“{plan}”没有第 {version} 版。")
            document = effective_document(session, chosen)  # people's corrections applied, listed
    exporter = exporter_for(format.value)
    data = exporter.to_bytes(document)
    if output is None and format is ExportFormat.xlsx:
        output = Path(f"{plan}{exporter.suffix}")
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        output.write_bytes(data)
        err.print(f"已导出 {output}（{len(data) / 1024:.1f} KB）")


class SummaryFormat(str, Enum):
    summary = "summary"
    json = "json"


_SEVERITY_TEXT = {"high": "[red]高[/red]", "medium": "[yellow]中[/yellow]", "low": "低", "info": "[dim]提示[/dim]"}


def _write_workbook(output: Path, data: bytes) -> None:
    """The -o/--output of align and check: the Excel file written, and said on stderr (stdout stays data)."""
    output.write_bytes(data)
    err.print(f"已导出 {output}（{len(data) / 1024:.1f} KB）")


@app.command()
def align(
    child: str = typer.Argument(..., help="下位规划的键"),
    parent: str = typer.Argument(None, help="上位规划的键（默认取已衔接的上位规划）"),
    format: SummaryFormat = typer.Option(SummaryFormat.summary, "--format", "-f", help="输出格式：summary 或 json"),
    output: Path = typer.Option(None, "--output", "-o", help="同时导出为 Excel 文件（.xlsx）"),
) -> None:
    """规划衔接检查：逐项比对下位规划与上位规划的指标（约束性优先）、目标和重大项目。"""
    from rich.table import Table as RichTable

    from .analysis import align_stored

    factory = _factory()
    with _user_errors():
        with factory.begin() as session:
            result = align_stored(session, child, parent)
    if output is not None:
        from .export.analysis_xlsx import alignment_workbook

        _write_workbook(output, alignment_workbook(result))
    if format is SummaryFormat.json:
        _print_json(result)
        return
    out = Console()
    table = RichTable(title=f"{result['child']} 与上位规划 {result['parent']} 的指标衔接", title_justify="left")
    for col in ("上位规划指标", "本规划指标", "问题"):
        table.add_column(col)
    for row in result["rows"]:
        p, c = row.get("parent"), row.get("child")
        issues = [f for f in row.get("findings", []) if f.get("severity") != "info"]
        notes = "\n".join(f"{_SEVERITY_TEXT.get(f['severity'], f['severity'])} {f['message']}" for f in issues) or "[green]一致[/green]"
        table.add_row((p or {}).get("name", "—"), (c or {}).get("name", "—"), notes)
    out.print(table)
    summary = result.get("summary") or {}
    if summary:
        from .labels import ALIGN_SUMMARY

        parts = (f"{ALIGN_SUMMARY.get(k, k)} {v}" for k, v in summary.items() if not isinstance(v, dict))
        out.print("汇总：" + "，".join(parts), highlight=False)


@app.command()
def check(
    plan: str = typer.Argument(..., help="规划的键"),
    format: SummaryFormat = typer.Option(SummaryFormat.summary, "--format", "-f", help="输出格式：summary 或 json"),
    output: Path = typer.Option(None, "--output", "-o", help="同时导出为 Excel 文件（.xlsx）"),
) -> None:
    """规划自查：表内目标与正文不一致、指标数量不符、目标低于基期、单位与数值或名称不符。"""
    from .analysis import check_stored

    factory = _factory()
    with _user_errors():
        with factory.begin() as session:
            findings = check_stored(session, plan)
    if output is not None:
        from .export.analysis_xlsx import findings_workbook

        _write_workbook(output, findings_workbook(plan, findings))
    if format is SummaryFormat.json:
        _print_json({"plan": plan, "findings": findings})
        return
    out = Console()
    out.print(f"{plan}：发现 {len(findings)} 个问题")
    for f in findings:
        out.print(f"{_SEVERITY_TEXT.get(f['severity'], f['severity'])} {f['message']}", highlight=False)


@app.command()
def evaluate(
    plan: str = typer.Argument(..., help="规划的键"),
    year: int = typer.Option(..., "--year", "-y", help="评估年份"),
    format: SummaryFormat = typer.Option(SummaryFormat.summary, "--format", "-f", help="输出格式：summary 或 json"),
) -> None:
    """评估规划各项指标在某年的进展：状态及其背后的数值（方法、基期、序时进度、观测值、比率）。"""
    from rich.table import Table as RichTable

    from .tracking import evaluate_plan

    factory = _factory()
    with _user_errors():
        with factory.begin() as session:
            result = evaluate_plan(session, plan, year).to_json()
    if format is SummaryFormat.json:
        _print_json(result)
        return
    out = Console()
    table = RichTable(title=f"{plan} {year} 年指标进展评估", title_justify="left")
    for col in ("指标", "属性", "状态", "基期", "目标", "序时进度", "最新值"):
        table.add_column(col)
    for a in result["assessments"]:
        ind = a["indicator"]
        base = a.get("base") or {}
        obs = a.get("observed") or {}
        table.add_row(
            ind["name"] + ("（人工修正）" if a.get("correction") else ""),
            "约束性" if ind.get("binding") == "binding" else "预期性", a["status"],
            f"{base.get('value')}（{base.get('year')}）" if base.get("value") is not None else "—",
            ind.get("target_text") or ind.get("annual_growth") or "—",
            f"{a['expected']:.4g}" if isinstance(a.get("expected"), (int, float)) else "—",
            f"{obs.get('value')}（{obs.get('year')}）" if obs.get("value") is not None else "—",
        )
    out.print(table)
    out.print("状态分布：" + "，".join(f"{k} {v}" for k, v in result["counts"].items()))
    for w in result["warnings"]:
        out.print(f"[red]预警[/red] {w.get('message')}", highlight=False)


@app.command("index")
def index_command(
    plan: str = typer.Argument(None, help="规划的键（与 --region 二选一）"),
    year: int = typer.Option(..., "--year", "-y", help="评估年份"),
    region: str = typer.Option(None, "--region", "-r", help="地区名称或代码：汇总该地区全部规划"),
    format: SummaryFormat = typer.Option(SummaryFormat.summary, "--format", "-f", help="输出格式：summary 或 json"),
) -> None:
    """规划目标实现综合指数：按领域加权，列出各领域、各指标的达成度与权重及计算方法。"""
    from .indexing import plan_index, region_index

    if bool(plan) == bool(region):
        err.print("[red]错误：[/red]请给出规划的键或 --region 之一")
        raise typer.Exit(2)
    factory = _factory()
    with _user_errors(), factory.begin() as session:
        result = plan_index(session, plan, year) if plan else region_index(session, region, year)
    if format is SummaryFormat.json:
        _print_json(result)
        return
    out = Console()
    num = lambda x: "—" if x is None else f"{x:.1f}"  # noqa: E731
    cov = result["coverage"]
    out.print(f"{result.get('plan') or result.get('region')} {year} 年规划目标实现综合指数：{num(result['index'])}"
              f"（计入 {cov['counted']}/{cov['total']} 项指标）", highlight=False)
    for p in result.get("plans", []):
        out.print(f"  规划 {p['plan']}：{num(p['index'])}（计入 {p['coverage']['counted']}/{p['coverage']['total']}）",
                  highlight=False)
    for area in result["areas"]:
        out.print(f"  {area['area']}：{num(area['index'])}（权重 {area['weight']:.3f}）", highlight=False)
        for i in area["indicators"]:
            out.print(f"    {i['name']}  {i['status']}  达成度 {i['attainment']:.3f}  权重 {i['weight']:g}", highlight=False)
    if result["excluded"]:
        by_status: dict[str, int] = {}
        for x in result["excluded"]:
            by_status[x["status"]] = by_status.get(x["status"], 0) + 1
        out.print(f"  未计入 {len(result['excluded'])} 项（" + "，".join(f"{k} {v}" for k, v in by_status.items())
                  + "；--format json 列出明细）", highlight=False)
    out.print(f"方法：{result['method']}", highlight=False)


@app.command()
def override(
    plan: str = typer.Argument(..., help="规划的键"),
    indicator: str = typer.Argument(..., help="指标名称（与指标表一致）"),
    direction: str = typer.Option(None, "--direction", help="指标向好的方向：higher（越高越好）或 lower（越低越好）"),
    held: str = typer.Option(None, "--held", help="门槛何时须满足：end（期末）、every_year（每年）、average（年均）"),
    assigned: str = typer.Option(None, "--assigned", help="上级下达的目标值（用于“完成国家/省下达任务”类指标）"),
) -> None:
    """人工修正指标目标的解读（方向、门槛口径、上级下达值），此后评估以此为准。"""
    from .tracking import set_override

    if direction and direction not in ("higher", "lower"):
        err.print("[red]错误：[/red]--direction 应为 higher 或 lower")
        raise typer.Exit(2)
    if held and held not in ("end", "every_year", "average"):
        err.print("[red]错误：[/red]--held 应为 end、every_year 或 average")
        raise typer.Exit(2)
    factory = _factory()
    with _user_errors(), factory.begin() as session:
        set_override(session, plan, indicator, actor=LOCAL_OPERATOR, direction=direction, held=held, assigned=assigned)
    Console().print(f"已保存：{plan} 的“{indicator}”按人工设定解读", highlight=False)


@app.command()
def warnings(
    region: str = typer.Option(..., "--region", "-r", help="地区名称或代码（含其下级地区的规划）"),
    year: int = typer.Option(..., "--year", "-y", help="评估年份"),
    format: SummaryFormat = typer.Option(SummaryFormat.summary, "--format", "-f", help="输出格式：summary 或 json"),
) -> None:
    """列出某地区（及下级地区）各规划的指标预警，约束性指标在前。"""
    from .tracking import region_warnings

    factory = _factory()
    with _user_errors(), factory.begin() as session:
        found = region_warnings(session, region, year)
    if format is SummaryFormat.json:
        _print_json({"region": region, "year": year, "warnings": found})
        return
    out = Console()
    out.print(f"{region} {year} 年预警 {len(found)} 条")
    for w in found:
        tag = "[red]约束性[/red]" if w.get("binding") else "预期性"
        out.print(f"{tag} {w['plan']}：{w['message']}", highlight=False)


@app.command()
def match(
    name: str = typer.Argument(..., help="指标名称（规划或数据来源的写法）"),
    unit: str = typer.Option(None, "--unit", help="单位，用于判断候选是否相容"),
    confirm: str = typer.Option(None, "--confirm", help="确认该名称对应此概念（概念 id）"),
    reject: str = typer.Option(None, "--reject", help="否定该名称对应此概念（概念 id）"),
    format: SummaryFormat = typer.Option(SummaryFormat.summary, "--format", "-f", help="输出格式：summary 或 json"),
) -> None:
    """查看指标名称对应的规范概念及候选；确认或否定的结果会保存，并优先于机器匹配。"""
    from .align.catalogue import default_catalogue
    from .align.normalize import normalize
    from .analysis import decisions, record_decision

    catalogue = default_catalogue()
    for concept in (confirm, reject):
        if concept and concept not in catalogue:
            err.print(f"[red]错误：[/red]概念目录中没有“{concept}”")
            raise typer.Exit(2)
    factory = _factory()
    with factory.begin() as session:
        if confirm:
            record_decision(session, normalize(name), confirm, True, actor=LOCAL_OPERATOR)
        if reject:
            record_decision(session, normalize(name), reject, False, actor=LOCAL_OPERATOR)
        known = decisions(session)
    found = catalogue.concept_of(name, unit, known)
    candidates = catalogue.candidates(name, unit, 5, known) if found is None else []
    data = {
        "name": name,
        "match": {"concept": found.concept.id, "concept_name": found.concept.name, "method": found.method} if found else None,
        "candidates": [{"concept": c.concept.id, "concept_name": c.concept.name, "score": round(c.score, 3)} for c in candidates],
    }
    if format is SummaryFormat.json:
        _print_json(data)
        return
    out = Console()
    if found:
        out.print(f"“{name}” → {found.concept.name}（{found.concept.id}，{found.method}）", highlight=False)
    else:
        out.print(f"“{name}”未能确定对应的概念。候选：", highlight=False)
        for c in data["candidates"]:
            out.print(f"  {c['concept_name']}（{c['concept']}）相似度 {c['score']}", highlight=False)


@app.command("import-observations")
def import_observations(
    files: list[Path] = typer.Argument(..., help="观测值文件（CSV 或 XLSX；列：region, indicator, unit, year, value, source_url, source_title, quote；确无来源时 source_title 填“暂无来源”；异常变化的确认理由填 confirm_reason）"),
    format: DataFormat = typer.Option(DataFormat.table, "--format", "-f", help="输出格式：table 或 json"),
) -> None:
    """导入观测值。每个文件整体导入：任何一行有误则整个文件不导入，并列出所有错误行。"""
    from .observations.importer import ImportRejected, import_file
    from .observations.readers import ReaderError
    from .store.db import conflict_message
    from sqlalchemy.exc import DBAPIError

    factory = _factory()
    failed = 0
    results = []
    for path in files:
        try:
            result = import_file(factory, path, actor=LOCAL_OPERATOR)
        except (ImportRejected, ReaderError) as exc:
            failed += 1
            results.append({"path": str(path), "ok": False, "errors": [e.message() for e in getattr(exc, "errors", [])] or [str(exc)]})
            if format is DataFormat.table:
                err.print(f"[red]未导入[/red] {exc}", highlight=False, soft_wrap=True)
            continue
        except DBAPIError as exc:  # lost to concurrent writers after the repeats: nothing of the file stored
            if conflict_message(exc) is None:
                raise
            failed += 1
            results.append({"path": str(path), "ok": False, "errors": [f"{path}：{conflict_message(exc)}"]})
            if format is DataFormat.table:
                err.print(f"[red]未导入[/red] {path}：{conflict_message(exc)}", highlight=False, soft_wrap=True)
            continue
        s = result.summary
        results.append({"path": str(path), "ok": True, "rows": result.rows, "added": s.added, "superseded": s.superseded,
                        "unchanged": s.unchanged, "matched": [{"row": r, "name": n, "concept": c} for r, n, c in result.matched],
                        "unmatched": [{"row": r, "name": n} for r, n in result.unmatched]})
        if format is DataFormat.table:
            Console().print(f"已导入 {path}：{result.rows} 行，新增 {s.added}，更正 {s.superseded}，未变化 {s.unchanged}；"
                            f"对应到指标概念 {len(result.matched)} 行，未对应 {len(result.unmatched)} 行（作为地区背景序列保存）", highlight=False)
            for row, name in result.unmatched:
                Console().print(f"  未对应：第 {row} 行 {name}", highlight=False)
    if format is DataFormat.json:
        _print_json(results)
    if failed:
        raise typer.Exit(1)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址"),
    port: int = typer.Option(8000, "--port", help="监听端口"),
    workers: int = typer.Option(1, "--workers", "-w", min=1, max=64,
                                help="服务进程数（多用户时设为 CPU 核数左右；每个进程各自连接数据库）"),
    access_log: bool = typer.Option(False, "--access-log/--no-access-log",
                                    help="逐条记录请求（默认关闭：多用户时每条日志都占 CPU；审计记录另有保存）"),
) -> None:
    """启动平台服务（接口文档在 /docs）。"""
    import uvicorn

    from .api.app import create_app

    application = create_app(_factory())  # also migrates the store once, before any worker starts
    Console().print(f"plantrack 服务已启动：http://{host}:{port}/  （{workers} 个进程；接口文档：http://{host}:{port}/docs，按 Ctrl+C 停止）")
    # uvicorn's "auto" picks uvloop and httptools when installed (pyproject dependencies), else asyncio and h11.
    options = {"host": host, "port": port, "log_level": "info" if access_log else "warning", "access_log": access_log}
    if workers == 1:
        uvicorn.run(application, **options)
        return
    # Several processes need the app by import path: each worker builds its own (own engine and pool)
    # from the same environment (PLANTRACK_DATABASE_URL or PLANTRACK_HOME).
    uvicorn.run("plantrack.api.app:create_app", factory=True, workers=workers, **options)


class ReportKind(str, Enum):
    midterm = "midterm"
    final = "final"
    annual = "annual"


class ReportFormat(str, Enum):
    html = "html"
    docx = "docx"
    pdf = "pdf"
    xlsx = "xlsx"


@app.command()
def report(
    plan: str = typer.Argument(..., help="规划的键"),
    year: int = typer.Option(..., "--year", "-y", help="评估年份"),
    kind: ReportKind = typer.Option(ReportKind.midterm, "--kind", "-k", help="报告类型：midterm（中期评估）| final（总结评估）| annual（年度监测）"),
    format: ReportFormat = typer.Option(ReportFormat.html, "--format", "-f", help="报告格式：html | docx | pdf | xlsx"),
    output: Path = typer.Option(None, "--output", "-o", help="输出文件（默认 <键>-<类型>-<年份>.<扩展名>）"),
) -> None:
    """生成规划实施评估报告：总体情况、主要指标完成情况（含图表）、约束性指标与预警、数据缺口、规划文本自身问题。"""
    from .report import ReportError, build_report, writer_for
    from .store import repository

    factory = _factory()
    writer = writer_for(format.value)
    try:
        with factory.begin() as session:
            model = build_report(session, plan, year, kind.value)
        data = writer.to_bytes(model)
    except (repository.CatalogueError, ReportError) as exc:
        err.print(f"[red]错误：[/red]{exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    output = output or Path(f"{plan}-{kind.value}-{year}{writer.suffix}")
    try:
        output.write_bytes(data)
    except OSError as exc:
        err.print(f"[red]错误：[/red]无法写入 {output}（{exc.strerror or exc}）", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    err.print(f"已生成{model.kind_label}报告 {output}（{writer.label}，{len(data) / 1024:.1f} KB）：指标 {model.total} 项，"
              + "，".join(f"{s} {n}" for s, n in model.counts if n) + f"，预警 {len(model.warnings)} 条", highlight=False)



@app.command(context_settings={"help_option_names": ["-h", "--help"]})
def corrections(
    words: list[str] = typer.Argument(..., metavar="[export|import|withdraw] PLAN [FILE|ID]",
                                      help="PLAN：列出该规划的人工修正；export PLAN：下载指标表（Excel）；"
                                           "import PLAN FILE.xlsx：导入修正后的指标表；withdraw PLAN ID：撤回一条修正"),
    format: SummaryFormat = typer.Option(SummaryFormat.summary, "--format", "-f", help="输出格式：summary 或 json"),
    output: Path = typer.Option(None, "--output", "-o", help="export 写入的 Excel 文件（默认 <键>-指标表.xlsx）"),
    by: str = typer.Option(None, "--by", help="修正人姓名（import、withdraw 必填）"),
    why: str = typer.Option(None, "--why", help="修正原因"),
) -> None:
    """人工修正指标表：列出修正、下载指标表（Excel）、导入改好的指标表、撤回修正。解析结果本身不会被改动。"""
    from .cli_corrections import run_corrections

    run_corrections(_factory, words, format.value, output, by, why)


from . import cli_audit  # noqa: E402,F401  (plantrack audit / publish / unpublish, registered on app)
from . import cli_maintenance  # noqa: E402,F401  (registers backup, restore, doctor)

from .cli_accounts import register as _register_accounts  # noqa: E402  (users, token: cli_accounts.py)

_register_accounts(app)

from .cli_duties import register as register_duty_commands  # noqa: E402  (units, assignments, annual targets, decomposition)

register_duty_commands(app)

from .cli_reporting import register as register_reporting_commands  # noqa: E402  (reporting, reminders)

register_reporting_commands(app)

from .cli_bulletins import register as register_bulletin_commands  # noqa: E402  (import-bulletin)

register_bulletin_commands(app)

if __name__ == "__main__":
    app()
