"""The report as pure data: what an evaluation report says, before any format draws it.

`build_model` takes an evaluation (tracking.evaluate_plan(...).to_json()), the plan's catalogue
facts, its self-check findings and each indicator's observations, and returns a `ReportModel`
whose every text is final Chinese and every number is both a value (for XLSX cells and charts) and
a display string (for documents). Writers only lay it out, so HTML, DOCX, PDF and XLSX cannot
disagree, and the model can be tested without any file format.

The structure follows the 中期评估报告 an evaluation office writes: 一、总体情况 (counts by status,
binding indicators and warnings first), 二、主要指标完成情况 (a table of every indicator, a chart
for each with data), 三、约束性指标与预警, 四、数据缺口, 五、规划文本自身问题, 六、说明.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..evaluate.assessment import fmt, pct
from ..evaluate.config import DEFAULT, EvalConfig
from ..evaluate.index import composite
from .labels import (
    BINDING_LABELS, FINDING_KIND_LABELS, GAP_STATUSES, KIND_LABELS, METHOD_LABELS, METHOD_SHORT, REASON_LABELS,
    REASON_NEEDS, SECTION_TITLES, SEVERITY_LABELS, SEVERITY_ORDER, STATUS_ORDER, flag_text, label,
)
from .paths import ChartData, chart_for


@dataclass(frozen=True)
class PlanInfo:
    """The catalogue facts a report cites (store.models.Plan, detached from the session)."""

    key: str
    title: str | None
    issuer: str | None = None
    region: str | None = None
    period_start: int | None = None
    period_end: int | None = None


@dataclass(frozen=True)
class IndicatorRow:
    number: int
    category: str
    name: str
    unit: str
    binding: bool
    attribute: str              # 约束性 | 预期性
    base_year: int | None
    base_value: float | None
    base_text: str              # "59.55（2019年）"
    target_year: int | None
    target_value: float | None
    target_text: str            # "68（2025年）", "年均>8（2025年）"
    latest_year: int | None
    latest_value: float | None
    latest_text: str
    expected_year: int | None
    expected_value: float | None
    expected_text: str
    ratio: float | None
    ratio_text: str
    status: str
    method: str                 # short method name
    explanation: str
    flags: str
    source_title: str
    source_url: str | None
    reason: str | None
    chart: ChartData | None = None


@dataclass(frozen=True)
class WarningRow:
    name: str
    binding: bool
    attribute: str
    label: str
    status: str
    message: str


@dataclass(frozen=True)
class GapRow:
    number: int
    category: str
    name: str
    attribute: str
    status: str
    reason: str
    need: str
    explanation: str


@dataclass(frozen=True)
class FindingRow:
    severity: str
    kind: str
    message: str
    lines: str


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class ReportModel:
    key: str
    kind: str                   # midterm | final | annual
    kind_label: str             # 中期评估 | 总结评估 | 年度监测
    year: int
    title: str
    subtitle: str
    plan_title: str
    region: str | None
    issuer: str | None
    period_text: str
    generated_on: str
    sections: tuple[str, ...]
    overview: tuple[str, ...]
    counts: tuple[tuple[str, int], ...]
    total: int
    highlights: tuple[str, ...]
    indicators: tuple[IndicatorRow, ...]
    binding: tuple[IndicatorRow, ...]
    warnings: tuple[WarningRow, ...]
    gaps: tuple[GapRow, ...]
    findings: tuple[FindingRow, ...]
    findings_checked: bool
    methods: tuple[str, ...]
    sources: tuple[Source, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)
    index: dict | None = None   # 规划目标实现综合指数 (evaluate/index.py), with its parts and weights

    @property
    def charts(self) -> list[IndicatorRow]:
        """Indicators that have a chart, in table order."""
        return [r for r in self.indicators if r.chart is not None]

    def count(self, status: str) -> int:
        return dict(self.counts).get(status, 0)


# --- titles ----------------------------------------------------------------------------------


def report_title(plan_title: str, kind: str, year: int) -> str:
    if kind == "annual":
        return f"《{plan_title}》{year}年度实施情况监测报告"
    return f"《{plan_title}》实施{KIND_LABELS[kind]}报告（{year}年）"


def _period_text(info: PlanInfo) -> str:
    if info.period_start and info.period_end:
        return f"{info.period_start}—{info.period_end}年"
    if info.period_end:
        return f"至{info.period_end}年"
    return "未识别"


# --- one indicator -----------------------------------------------------------------------------


def _with_year(text: str | None, year: int | None) -> str:
    if not text:
        return "—"
    return f"{text}（{year}年）" if year else text


def _is_binding(indicator: dict) -> bool:
    return indicator.get("binding") in ("binding", "约束性")


def _base(a: dict, ind: dict) -> tuple[int | None, float | None, str]:
    base = a.get("base")
    if base:
        return base["year"], base["value"], _with_year(fmt(base["value"]), base["year"])
    value = ind.get("base_value")
    text = ind.get("base_text") or (fmt(value) if value is not None else None)
    return ind.get("base_year"), value, _with_year(text, ind.get("base_year") if text else None)


def _target(a: dict, ind: dict) -> tuple[int | None, float | None, str]:
    target = a.get("target") or {}
    year = target.get("year") or ind.get("target_year")
    value = target.get("value") if target.get("value") is not None else ind.get("target_value")
    if ind.get("target_text"):
        text = ind["target_text"]
    elif ind.get("annual_growth"):
        growth = ind["annual_growth"]
        text = f"年均{growth}" if target.get("held") == "average" and not growth.startswith("年均") else growth
    else:
        text = target.get("text")
    return year, value, _with_year(text, year)


def _latest(a: dict) -> tuple[int | None, float | None, str]:
    obs = a.get("observed") or {}
    if obs.get("value") is None:
        return None, None, "—"
    text = _with_year(fmt(obs["value"]), obs.get("year"))
    if obs.get("average") is not None and len(obs.get("years") or ()) > 1:
        years = obs["years"]
        text += f"；{years[0]}—{years[-1]}年年均{fmt(obs['average'])}"
    elif obs.get("achieved") is not None and obs.get("achieved") != obs.get("value"):
        text += f"；累计{fmt(obs['achieved'])}"
    return obs.get("year"), obs["value"], text


def _expected(a: dict) -> tuple[int | None, float | None, str]:
    value = a.get("expected")
    if value is None:
        return None, None, "—"
    year = a.get("expected_year")
    if a.get("method") == "average_rate":
        return year, value, f"年均{fmt(value)}"
    if a.get("method") in ("threshold_every_year", "threshold_hold"):
        return year, value, f"{fmt(value)}（阈值）"
    return year, value, _with_year(fmt(value), year)


def _source(a: dict) -> tuple[str, str | None]:
    source = (a.get("observed") or {}).get("source") or {}
    if isinstance(source, str):
        return source, None
    title = source.get("title") or source.get("name") or ""
    if source.get("line"):
        title = f"{title}（第{source['line']}行）"
    return title or ("—" if not source.get("url") else source["url"]), source.get("url")


def indicator_row(number: int, a: dict, observations: list[dict], period: tuple[int, int] | None) -> IndicatorRow:
    ind = a.get("indicator") or {}
    binding = _is_binding(ind)
    base_year, base_value, base_text = _base(a, ind)
    target_year, target_value, target_text = _target(a, ind)
    latest_year, latest_value, latest_text = _latest(a)
    expected_year, expected_value, expected_text = _expected(a)
    source_title, source_url = _source(a)
    return IndicatorRow(
        number=number, category=ind.get("category") or "", name=ind.get("name") or "", unit=ind.get("unit") or "",
        binding=binding, attribute=BINDING_LABELS[binding],
        base_year=base_year, base_value=base_value, base_text=base_text,
        target_year=target_year, target_value=target_value, target_text=target_text,
        latest_year=latest_year, latest_value=latest_value, latest_text=latest_text,
        expected_year=expected_year, expected_value=expected_value, expected_text=expected_text,
        ratio=a.get("ratio"), ratio_text=pct(a.get("ratio")), status=a.get("status") or "",
        method=label(METHOD_SHORT, a.get("method")), explanation=a.get("explanation") or "",
        flags=flag_text(a.get("flags")), source_title=source_title if latest_value is not None else "—",
        source_url=source_url if latest_value is not None else None, reason=a.get("reason"),
        chart=chart_for(a, observations, period),
    )


def gap_row(row: IndicatorRow, number: int) -> GapRow:
    reason = row.reason or ("no_observation" if row.status == "无数据" else None)
    return GapRow(number, row.category, row.name, row.attribute, row.status, label(REASON_LABELS, reason),
                  label(REASON_NEEDS, reason), row.explanation)


# --- the whole report ------------------------------------------------------------------------


def _counts(rows: list[IndicatorRow]) -> tuple[tuple[str, int], ...]:
    counts = {s: 0 for s in STATUS_ORDER}
    for r in rows:
        counts[r.status] = counts.get(r.status, 0) + 1
    return tuple(counts.items())


def _elapsed(info: PlanInfo, year: int) -> str | None:
    if not (info.period_start and info.period_end) or info.period_end < info.period_start:
        return None
    total = info.period_end - info.period_start + 1
    done = min(max(year - info.period_start + 1, 0), total)
    return f"评估年份为{year}年，是规划期第{done}年，时间进度{done * 100 / total:.0f}%"


def _overview(info: PlanInfo, kind: str, year: int, rows: list[IndicatorRow], counts, warnings: list[WarningRow],
              sources: int) -> tuple[str, ...]:
    total = len(rows)
    binding = [r for r in rows if r.binding]
    n = dict(counts)
    judged = total - n.get("无数据", 0) - n.get("需人工评估", 0)
    good = n.get("提前实现", 0) + n.get("快于预期", 0) + n.get("基本符合预期", 0)
    plan = info.title or info.key
    from ..evaluate.prose_targets import PROSE_CATEGORY

    prose = sum(1 for r in rows if r.category == PROSE_CATEGORY)
    table = total - prose
    if table:
        first = (f"《{plan}》规划期为{_period_text(info)}，主要指标表共列指标{table}项，其中约束性指标{len(binding)}项、"
                 f"预期性指标{table - len(binding)}项")
    else:
        first = f"《{plan}》规划期为{_period_text(info)}，未列主要指标表"
    if prose:
        # Targets stated in the text, tracked like rows (evaluate/prose_targets.py): say they are counted.
        first += f"{'；另' if table else '，'}将正文中{prose}项有年份、有数值或方向的量化目标纳入跟踪评估"
    first += f"。本报告为规划实施{KIND_LABELS[kind]}，"
    elapsed = _elapsed(info, year)
    first += (elapsed + "。") if elapsed else f"评估年份为{year}年。"
    result = "、".join(f"{s}{n.get(s, 0)}项" for s in STATUS_ORDER[:4])
    second = f"按截至{year}年的数据评估：{result}；另有无数据{n.get('无数据', 0)}项，需人工评估{n.get('需人工评估', 0)}项。"
    if judged:
        second += f"在可评估的{judged}项指标中，达到或快于序时进度的{good}项，占{good * 100 / judged:.1f}%。"
    else:
        second += "目前没有可按数据评估的指标。"
    b_counts = {s: sum(1 for r in binding if r.status == s) for s in STATUS_ORDER}
    b_text = "、".join(f"{s}{c}项" for s, c in b_counts.items() if c) or "无"
    lagging_binding = sum(1 for w in warnings if w.binding)
    third = (f"约束性指标{len(binding)}项的评估结果为：{b_text}。共发出预警{len(warnings)}条"
             + (f"，其中涉及约束性指标{lagging_binding}条" if lagging_binding else "") + "。")
    fourth = f"观测数据来自{sources}个来源（见第六部分“数据来源”），每项指标的基期、目标、最新值、序时进度和判断依据见第二部分。"
    paragraphs = [first, second, third, fourth]
    if kind == "final" and info.period_end and year < info.period_end:
        paragraphs.append(f"规划期至{info.period_end}年结束，本总结评估依据截至{year}年的数据，期末结果待数据发布后更新。")
    return tuple(paragraphs)


def _highlights(rows: list[IndicatorRow], warnings: list[WarningRow]) -> tuple[str, ...]:
    """What needs attention first: binding indicators not on track, then every warning."""
    out = []
    for r in rows:
        if r.binding and r.status not in ("提前实现", "快于预期", "基本符合预期"):
            out.append(f"约束性指标“{r.name}”：{r.status}。{r.explanation}")
    out.extend(f"预警（{w.label}）：{w.message}" for w in warnings)
    return tuple(out)


def _methods(config: EvalConfig, kind: str, year: int, rows: list[IndicatorRow]) -> tuple[str, ...]:
    used = []
    for r in rows:
        if r.method not in used and r.method != "—":
            used.append(r.method)
    code_of = {v: k for k, v in METHOD_SHORT.items()}
    methods = "；".join(f"{m}——{METHOD_LABELS.get(code_of.get(m, ''), m)}" for m in used)
    return (
        "状态用语采用规划评估的通行表述：提前实现（已达到期末目标）、快于预期、基本符合预期、滞后；"
        "无数据（评估期内没有观测值）和需人工评估（定性目标、上级下达而未录入具体目标值、复合指标或口径不可比）不计入前四类。",
        f"序时进度：按规划路径计算评估年份（或最新数据年份）应达到的数值。实际进展与应有进展之比不低于"
        f"{config.ahead_ratio * 100:.0f}%为快于预期，不低于{config.on_track_ratio * 100:.0f}%为基本符合预期，"
        f"低于{config.on_track_ratio * 100:.0f}%为滞后；增速类指标以期内年均增速与目标增速之比判断，不对增速再求增速。",
        f"本报告用到的评估方法：{methods or '无'}。",
        f"最新值取{year}年及以前的最新一年数据，括号内为数据所属年份；非当年、非全年或口径变化的数据在表中注明。"
        "同一年份有更正值的，采用更正后的数值，原值保留在数据库的历史记录中。",
        "预警包括两类：约束性指标评估为滞后；按最近几年的趋势推算到规划期末难以达到目标。",
        "“规划文本自身问题”来自对规划文本的自动自查（表内目标与正文是否一致、指标数量是否相符、目标是否劣于基期、"
        "单位与数值或名称是否相符），供编制和评估部门核对，不影响指标状态。",
        "本报告由 plantrack 根据已入库的规划文本和观测数据自动生成，数值均可由表中所列基期、目标和最新值复核；"
        "正式报送前请由评估部门审核、补充定性评价。",
    )


def _sources(rows: list[IndicatorRow]) -> tuple[Source, ...]:
    found: dict[tuple[str, str | None], list[str]] = {}
    for r in rows:
        if r.latest_value is not None and r.source_title != "—":
            found.setdefault((r.source_title, r.source_url), []).append(r.name)
    return tuple(Source(t, u, tuple(names)) for (t, u), names in found.items())


def _finding_rows(findings: list[dict]) -> tuple[FindingRow, ...]:
    ordered = sorted(findings, key=lambda f: SEVERITY_ORDER.get(f.get("severity"), 9))
    rows = []
    for f in ordered:
        lines = sorted({n for n in f.get("lines") or () if n})
        rows.append(FindingRow(label(SEVERITY_LABELS, f.get("severity")), label(FINDING_KIND_LABELS, f.get("kind")),
                               f.get("message") or "", "、".join(f"第{n}行" for n in lines) or "—"))
    return tuple(rows)


def _warning_rows(warnings: list[dict]) -> list[WarningRow]:
    out = []
    for w in warnings:
        ind = w.get("indicator") or {}
        binding = bool(w.get("binding"))
        out.append(WarningRow(ind.get("name") or "", binding, BINDING_LABELS[binding], w.get("label") or "",
                              w.get("status") or "", w.get("message") or ""))
    return out


def build_model(evaluation: dict, info: PlanInfo, findings: list[dict] | None,
                observations: dict | None = None, kind: str = "midterm", generated_on: date | None = None,
                config: EvalConfig = DEFAULT) -> ReportModel:
    """The report of one evaluation.

    observations maps an assessment's indicator_id to the observation dicts of its concept and
    region, for the charts; findings is None when the
    self-check could not be run (the report says so rather than claiming there are none).
    """
    if kind not in KIND_LABELS:
        raise ValueError(f"未知的报告类型“{kind}”；可用：{'、'.join(KIND_LABELS)}")
    observations = observations or {}
    year = evaluation["year"]
    period = (info.period_start, info.period_end) if info.period_start and info.period_end else None
    rows = [
        indicator_row(i, a, observations.get(a.get("indicator_id") or a.get("row_ref"), []), period)
        for i, a in enumerate(evaluation.get("assessments") or [], start=1)
    ]
    warnings = _warning_rows(evaluation.get("warnings") or [])
    gaps = [r for r in rows if r.status in GAP_STATUSES]
    gaps.sort(key=lambda r: (not r.binding, r.status != "需人工评估", r.number))
    counts = _counts(rows)
    sources = _sources(rows)
    plan_title = info.title or info.key
    generated = (generated_on or date.today())
    notes = []
    if not rows:
        notes.append("该规划没有识别出主要指标表，无法逐项评估。")
    index = composite(evaluation.get("assessments") or [])
    return ReportModel(
        key=info.key, kind=kind, kind_label=KIND_LABELS[kind], year=year,
        title=report_title(plan_title, kind, year),
        subtitle=f"评估年份：{year}年　规划期：{_period_text(info)}　编制日期：{generated.year}年{generated.month}月{generated.day}日",
        plan_title=plan_title, region=info.region, issuer=info.issuer, period_text=_period_text(info),
        generated_on=generated.isoformat(), sections=SECTION_TITLES,
        overview=_overview(info, kind, year, rows, counts, warnings, len(sources)) + _index_sentence(index),
        counts=counts, total=len(rows), highlights=_highlights(rows, warnings),
        indicators=tuple(rows),
        binding=tuple(r for r in rows if r.binding),
        warnings=tuple(warnings),
        gaps=tuple(gap_row(r, i) for i, r in enumerate(gaps, start=1)),
        findings=_finding_rows(findings or []), findings_checked=findings is not None,
        methods=_methods(config, kind, year, rows) + (f"规划目标实现综合指数：{index['method']}",),
        sources=sources, notes=tuple(notes), index=index,
    )


def _index_sentence(index: dict) -> tuple[str, ...]:
    """One overview sentence: the composite index, its coverage and its areas."""
    if index["index"] is None:
        return ()
    cov = index["coverage"]
    areas = "，".join(f"{a['area']}{a['index']:.1f}" for a in index["areas"])
    return (f"规划目标实现综合指数为{index['index']:.1f}（按序时进度为100计；计入{cov['counted']}/{cov['total']}项指标，"
            f"未计入的为无数据或需人工评估的指标；分领域：{areas}）。",)
