"""The data behind an indicator's chart: observations, base, target and the expected path.

The expected path is drawn with the same arithmetic the assessment used (evaluate/progress.py),
from the assessment's own method, base and target, so the line on the chart is the line the
status was measured against. The browser only draws (static/js/indicator-chart.js); what is
drawn is plain data here and in the page's JSON twin.
"""

from __future__ import annotations

from ..evaluate import progress
from ..evaluate.config import AVERAGE_RATE, COMPOUND, COMPOUND_SHARE, EVERY_YEAR, HOLD, LINEAR, PRO_RATA
from . import labels

LEVEL_KINDS = ("level", "at_least", "at_most", "about", "range")


def _num(x) -> float | None:
    return float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else None


def _base(a: dict, indicator: dict) -> tuple[int | None, float | None]:
    if a.get("reason") == "missing_base":
        # The status says there is no base: a base drawn on the chart would contradict it.
        return None, None
    base = a.get("base") or {}
    if _num(base.get("value")) is not None and base.get("year"):
        return int(base["year"]), float(base["value"])
    if _num(indicator.get("base_value")) is not None and indicator.get("base_year"):
        return int(indicator["base_year"]), float(indicator["base_value"])
    return None, None


def expected_path(a: dict, indicator: dict, period: tuple[int | None, int | None]) -> dict | None:
    """{"label", "points": [[year, value], ...]} of the plan path, or None where there is none."""
    method = a.get("method")
    target = a.get("target") or {}
    details = a.get("details") or {}
    kind = target.get("kind") or a.get("kind")
    by, bv = _base(a, indicator)
    end_year = target.get("year") or indicator.get("target_year") or period[1]
    start = period[0] or by
    tv = _num(target.get("value"))
    if method in (LINEAR, COMPOUND) and by is not None and end_year:
        if kind == "average_growth" and tv is not None:
            points = [[y, progress.compound_growth(bv, tv, by, y)] for y in range(by, end_year + 1)]
            return {"label": f"目标路径（年均增长{tv:g}%）", "points": points}
        end_value = _num(details.get("end_value")) if details.get("end_value") is not None else tv
        if end_value is None:
            return None
        s, e = details.get("path_start") or by, details.get("path_end") or end_year
        points = [[y, progress.level_path(method, bv, end_value, s, e, y)] for y in range(s, e + 1)]
        return {"label": "序时进度（" + ("线性" if method == LINEAR else "等比") + "）", "points": points}
    if method in (AVERAGE_RATE, EVERY_YEAR, HOLD):
        level = _num(details.get("target_rate")) if details.get("target_rate") is not None else _num(a.get("expected"))
        if level is None:
            level = tv
        if level is None or not start or not end_year:
            return None
        word = {AVERAGE_RATE: "目标年均增速", EVERY_YEAR: "逐年约束阈值", HOLD: "须保持的目标值"}[method]
        return {"label": word, "points": [[y, level] for y in range(start, end_year + 1)]}
    if method in (PRO_RATA, COMPOUND_SHARE):
        total = _num(details.get("total"))
        s, e = details.get("period_start") or start, details.get("period_end") or end_year
        if total is None or not s or not e:
            return None
        percent = (indicator.get("unit") or "").strip() == "%"
        combined = details.get("combined")
        if combined in ("from_base", "from_base_percent") and by is not None:
            # Observed as levels: draw the level path from the base, so the line meets the points.
            sign = -1 if a.get("direction") == "lower" else 1
            def level(y):
                change = sign * progress.cumulative_expected(method, total, s, e, y, percent=True,
                                                             reduction=sign < 0)
                return bv * (1 + change / 100) if combined == "from_base_percent" else bv + change
            return {"label": "累计目标序时进度", "points": [[y, level(y)] for y in range(s, e + 1)]}
        points = [[y, progress.cumulative_expected(method, total, s, e, y, percent=percent)] for y in range(s, e + 1)]
        return {"label": "累计目标序时进度", "points": points}
    return None


def chart_data(a: dict, indicator: dict, current: list[dict], reviews: list[dict],
               period: tuple[int | None, int | None]) -> dict:
    """Everything the chart draws; series are lists of [year, value] plus the notes a point carries."""
    series: dict[str, list[dict]] = {}
    for o in current:
        name = o.get("series") or "观测值"
        series.setdefault(name, []).append({
            "year": o["year"], "value": o["value"],
            "partial": "partial_year" in (o.get("flags") or []),
            "note": "；".join(labels.label(labels.FLAGS, f) for f in (o.get("flags") or [])) or None,
            "source": o.get("source_title") or o.get("source_url"),
        })
    for points in series.values():
        points.sort(key=lambda p: p["year"])
    by, bv = _base(a, indicator)
    target = a.get("target") or {}
    tv = _num(target.get("value")) if target.get("kind") in LEVEL_KINDS else None
    return {
        "unit": indicator.get("unit"),
        "name": indicator.get("name"),
        "observations": [{"name": k, "points": v} for k, v in series.items()],
        "reviews": [{"year": r["year"], "value": r["value"]} for r in reviews if _num(r.get("value")) is not None],
        "base": {"year": by, "value": bv} if by is not None else None,
        "target": {"year": target.get("year") or indicator.get("target_year"), "value": tv,
                   "text": target.get("text") or indicator.get("target_text")} if tv is not None else None,
        "expected_path": expected_path(a, indicator, period),
        "has_partial": any(p["partial"] for points in series.values() for p in points),
        "year": a.get("year"),
    }
