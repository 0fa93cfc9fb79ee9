"""Chart data for one indicator: its observations, base, target and the plan path by year.

The expected path is recomputed with the same functions (evaluate/progress.py) and the same
numbers the assessment stored (method, base, details), so the line a reader sees passes through
the expected value the status was judged against. Where an assessment has no path (qualitative,
assigned, no data), the chart shows what there is and no line is invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..evaluate import progress
from ..evaluate.observations import one_per_year, prepare
from .labels import flag_text

# How far before the plan's base a chart reaches back (previous-plan results give context).
HISTORY_YEARS = 5


@dataclass(frozen=True, slots=True)
class Point:
    year: int
    value: float
    note: str | None = None  # data caveats (非全年数据, 统计口径变化), shown beside the point


@dataclass(frozen=True, slots=True)
class ChartData:
    """One indicator's chart, as pure data every writer draws in its own way."""

    title: str
    unit: str
    measure: str              # what the values are: 数值 | 年度增速 | 累计变化 | 年度变化
    observations: tuple[Point, ...]
    expected: tuple[Point, ...]
    expected_label: str       # 序时进度 | 目标年均增速 | 约束阈值 | 目标值
    base: Point | None
    target: Point | None
    status: str

    @property
    def notes(self) -> list[str]:
        """Caveats of single points, as footnotes under the chart: '2023年：统计口径变化（…）'."""
        return [f"{p.year}年：{p.note}" for p in self.observations if p.note]

    @property
    def years(self) -> list[int]:
        ys = {p.year for p in (*self.observations, *self.expected)}
        ys.update(p.year for p in (self.base, self.target) if p is not None)
        return sorted(ys)

    def value_at(self, series: str, year: int) -> float | None:
        """The value of a series ('observations' or 'expected') in a year, for tables of chart data."""
        for p in getattr(self, series):
            if p.year == year:
                return p.value
        return None


def _num(x) -> float | None:
    return float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else None


def _note(o) -> str | None:
    text = flag_text(sorted(o.flags))
    if o.breaks_series and o.series:
        text += f"（{o.series}）"
    if o.note:
        text = f"{text}；{o.note}" if text else o.note
    return text or None


def observation_points(observations: list[dict], unit: str | None, first_year: int | None,
                       last_year: int | None = None) -> tuple[Point, ...]:
    """Observations in the indicator's unit, one per year (full-year values preferred), from
    first_year up to the evaluation year: a later value would contradict the statuses beside it."""
    usable, _ = prepare(observations, unit)
    by_year = one_per_year(usable)
    points = []
    for year in sorted(by_year):
        if (first_year is not None and year < first_year) or (last_year is not None and year > last_year):
            continue
        o = by_year[year]
        points.append(Point(year, o.value, _note(o)))
    return tuple(points)


def _years(start: int, end: int) -> range:
    return range(start, end + 1) if end >= start else range(start, start + 1)


def expected_path(a: dict, period: tuple[int, int] | None) -> tuple[str, tuple[Point, ...], Point | None]:
    """(label, expected points by year, target point) for an assessment dict."""
    method, target, details, base = a.get("method"), a.get("target") or {}, a.get("details") or {}, a.get("base")
    unit = ((a.get("indicator") or {}).get("unit") or "").strip()
    start, end = period if period else (None, target.get("year"))
    t_year = target.get("year") or end
    if method in ("linear", "compound") and base and details.get("path_end") is not None and details.get("end_value") is not None:
        b, y0, y1, goal = base["value"], base["year"], details["path_end"], details["end_value"]
        if target.get("kind") == "average_growth":
            rate = target.get("value")
            values = [(y, progress.compound_growth(b, rate, y0, y)) for y in _years(y0, y1)]
        else:
            values = [(y, progress.level_path(method, b, goal, y0, y1, y)) for y in _years(y0, y1)]
        return "序时进度", tuple(Point(y, v) for y, v in values), Point(y1, goal)
    if method == "compound" and base and target.get("kind") == "average_growth" and _num(target.get("value")) is not None:
        y1 = t_year or base["year"]
        values = [(y, progress.compound_growth(base["value"], target["value"], base["year"], y)) for y in _years(base["year"], y1)]
        return "序时进度", tuple(Point(y, v) for y, v in values), Point(values[-1][0], values[-1][1])
    if method in ("average_rate", "threshold_every_year") and _num(a.get("expected")) is not None and start and t_year:
        label = "目标年均增速" if method == "average_rate" else "约束阈值"
        value = a["expected"]
        return label, tuple(Point(y, value) for y in _years(start, t_year)), Point(t_year, value)
    if method == "threshold_hold" and _num(a.get("expected")) is not None and t_year:
        first = base["year"] if base else (start or t_year)
        return "目标值", tuple(Point(y, a["expected"]) for y in _years(first, t_year)), Point(t_year, a["expected"])
    if method in ("pro_rata", "compound_share") and "yearly_changes" not in details \
            and details.get("period_start") is not None and _num(details.get("total")) is not None:
        y0, y1, total = details["period_start"], details["period_end"], details["total"]
        # The assessment compares (observed - base) with the same expected change, so base + change
        # is the path in the observations' own terms.
        offset = base["value"] if base else 0.0
        values = [(y, offset + progress.cumulative_expected(method, total, y0, y1, y, percent=unit in ("%", "％")))
                  for y in _years(y0, y1)]
        return "序时进度", tuple(Point(y, v) for y, v in values), Point(y1, values[-1][1])
    goal = _num((a.get("indicator") or {}).get("target_value"))
    return "", (), Point(t_year, goal) if goal is not None and t_year else None


def measure_label(a: dict) -> str:
    method, details = a.get("method"), a.get("details") or {}
    if method == "average_rate":
        return "年度增速"
    if method in ("pro_rata", "compound_share"):
        return "年度变化" if "yearly_changes" in details else ("数值" if a.get("base") else "累计变化")
    return "数值"


def chart_for(a: dict, observations: list[dict], period: tuple[int, int] | None) -> ChartData | None:
    """The chart of one assessed indicator, or None when there is too little to draw."""
    indicator = a.get("indicator") or {}
    unit = indicator.get("unit") or ""
    base_year = (a.get("base") or {}).get("year") or indicator.get("base_year") or (period[0] - 1 if period else None)
    first = base_year - HISTORY_YEARS if base_year else None
    points = observation_points(observations, indicator.get("unit"), first, a.get("year"))
    label, expected, target = expected_path(a, period)
    if not points or (len(points) < 2 and not expected):
        return None  # a lone dot with no path to compare it with says nothing the table does not
    base = None
    if a.get("base"):
        base = Point(a["base"]["year"], a["base"]["value"])
    elif _num(indicator.get("base_value")) is not None and indicator.get("base_year") and a.get("method") != "manual":
        base = Point(indicator["base_year"], float(indicator["base_value"]))
    return ChartData(indicator.get("name") or "", unit, measure_label(a), points, expected, label, base, target,
                     a.get("status") or "")
