"""A readable terminal summary of a parsed plan (rich tables), in Chinese."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.tree import Tree

from .labels import BINDING as _BINDING
from .labels import KINDS as _KIND
from .labels import LEVELS as _LEVEL


def _v(x) -> str:
    return "—" if x is None or x == "" else str(x)


def print_summary(plan: dict, console: Console) -> None:
    meta = Table(title="规划基本信息", show_header=False, title_justify="left")
    meta.add_column("项", style="bold")
    meta.add_column("值")
    period = plan.get("period") or {}
    rows = [
        ("标题", plan.get("title")),
        ("发文机关", plan.get("issuer")),
        ("文号", plan.get("doc_number")),
        ("印发日期", plan.get("issued_on")),
        ("层级", _LEVEL.get(plan.get("level"), plan.get("level"))),
        ("类别", _KIND.get(plan.get("kind"), plan.get("kind"))),
        ("地区", plan.get("region")),
        ("规划期", f"{_v(period.get('start'))}—{_v(period.get('end'))}"),
        ("远景年", plan.get("horizon")),
        ("来源文件", f"{plan['source']['path']}（{plan['source']['encoding']}，{plan['source']['lines']} 行）"),
    ]
    for k, v in rows:
        meta.add_row(k, _v(v))
    console.print(meta)

    tree = Tree("[bold]目录结构[/bold]")

    def add(node, branch, depth):
        if depth > 1:
            return
        for child in node:
            sub = branch.add(f"{child['label']} {child['title']}  [dim]第{child['line']}行[/dim]")
            add(child.get("children", []), sub, depth + 1)

    add(plan.get("outline", []), tree, 0)
    console.print(tree)
    if counts := plan.get("outline_counts"):
        console.print("目录统计：" + "，".join(f"{kind} {n} 个" for kind, n in counts.items()))

    ind = Table(title=f"主要指标（{len(plan.get('indicators', []))} 项）", title_justify="left")
    for col in ("类别", "指标", "单位", "基期值", "目标值", "年均增长/累计", "属性", "行"):
        ind.add_column(col)
    for r in plan.get("indicators", []):
        base = r.get("base_text")
        if base and r.get("base_year"):
            base = f"{base}（{r['base_year']}）"
        ind.add_row(_v(r.get("category")), r["name"], _v(r.get("unit")), _v(base), _v(r.get("target_text")),
                    _v(r.get("annual_growth")), _v(_BINDING.get(r.get("binding"))), str(r["line"]))
    console.print(ind)
    counts = (
        f"回顾表 {len(plan.get('reviews', []))} 张，文中目标 {len(plan.get('targets', []))} 条，"
        f"专栏项目 {len(plan.get('projects', []))} 个，任务 {len(plan.get('tasks', []))} 条"
    )
    console.print(counts)
