"""Status of one indicator in one year: `assess(indicator, spec, observations, year, base=None)`.

The method follows the target kind (domain.targets.TargetSpec):

    level, about, range, at_least/at_most held at the end   -> linear path from the base (序时进度)
    average_growth                                          -> compound path from the base
    cumulative_change                                       -> pro-rata share of the period's change
    growth-rate indicators (spec.rate)                      -> average rate over the period vs target rate
    thresholds held every year                              -> every year's value against the threshold
    directional (明显提高)                                   -> has it moved the right way since the base
    relative (高于GDP增长, 快于全国平均, 与经济增长基本同步)     -> the indicator's average over the years
                                                               observed against the reference series'
                                                               average over the same years
    annual (保持在合理区间、各年度视情提出)                     -> 需人工评估 with every observed value shown
                                                               (hook: each year's own target, issue
                                                               "annual targets", replaces it)
    assigned without figure, qualitative, compound, none    -> 需人工评估

A cumulative target (〔13.5〕, 累计下降) is measured whichever way its observations come: yearly
rates (比上年下降2.7%) are chained from the base year to the observed year; levels are turned into
the change from the base (a % change where the target is in % and the indicator is not); a
cumulative change is used as it is. Each is compared with the pro-rata (or compound) share of the
period's change.

A range (5-8) is walked to the bound that must be crossed (5 when higher is better) and met
anywhere past it; an about (5个左右) is met inside its band or beyond it in the better direction.
A target the base already satisfies (粮食综合生产能力 282 -> 270) is a level to keep: 基本符合预期
while kept, 滞后 once lost — never 提前实现, which is for a level to be reached that was reached
before the target year; floors and ceilings to hold (保持在6.5亿吨以上) are judged year by year. 提前实现 needs the target met before the target year; at or after
it, the ratio decides. Growth-rate indicators are never 提前实现: a period average is not met
until the period ends.

Progress needs a base on the same statistical series as the observation it is compared with: a
series break between them gives 需人工评估 with the reason and a candidate base on the new series,
never a silently wrong ratio.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from plantrack.domain.targets import ABOUT_TOLERANCE, TargetSpec
from plantrack.evaluate import explain, progress
from plantrack.evaluate.assessment import Assessment
from plantrack.evaluate.config import (
    ANNUAL, AVERAGE_RATE, COMPOUND, DEFAULT, DIRECTION_ONLY, EVERY_YEAR, HOLD, MANUAL, RELATIVE, EvalConfig,
)
from plantrack.evaluate.observations import (
    UNKNOWN, Obs, comparability, first_on_series, in_window, latest, prepare, series_at,
)
from plantrack.evaluate.vocabulary import Reason, Status

MANUAL_KINDS = frozenset({"assigned", "qualitative", "compound", "none"})


@dataclass(frozen=True, slots=True)
class _Ctx:
    """What every method needs: the inputs, normalised once."""

    indicator: dict
    spec: TargetSpec
    obs: list[Obs]
    unconvertible: int
    year: int
    config: EvalConfig
    name: str
    unit: str | None

    @property
    def prefer_full(self) -> bool:
        return self.config.partial_year == "prefer_full_year"


def classify(r: float | None, config: EvalConfig) -> Status:
    """快于预期 / 基本符合预期 / 滞后 from the ratio of achieved to expected progress."""
    if r is None:
        return Status.ON_TRACK
    if r >= config.ahead_ratio:
        return Status.AHEAD
    if r >= config.on_track_ratio:
        return Status.ON_TRACK
    return Status.LAGGING


def assess(indicator: dict, spec: TargetSpec, observations: Iterable, year: int,
           base: dict | object | None = None, config: EvalConfig = DEFAULT,
           reference: Iterable | None = None, annual_target: str | None = None) -> Assessment:
    """The status of `indicator` in `year`, with the method and the numbers behind it.

    observations  this indicator's observations (dicts or objects: year, value, unit, series,
                  flags, note, source, measure), in any order
    base          a chosen base {year, value, series} (e.g. an observation of another year);
                  by default the indicator's own base_year / base_value
    reference     for a relative target (spec.reference): the observations of what it is measured
                  against — the region's GDP growth, or the same concept at national level
    annual_target the target set for `year` itself (年度目标, as written: 6.5, ≥95); an annual-kind
                  target is judged against it
    """
    obs, unconvertible = prepare(observations, indicator.get("unit"))
    ctx = _Ctx(indicator, spec, obs, len(unconvertible), year, config,
               indicator.get("name") or "", indicator.get("unit"))
    if spec.kind in MANUAL_KINDS:
        return _manual(ctx)
    if not obs and unconvertible:
        return _unit_mismatch(ctx, unconvertible)
    if spec.kind == "annual":
        return _assess_annual(ctx, annual_target)
    if spec.kind == "relative":
        return _assess_relative(ctx, reference)
    if spec.kind == "directional":
        return _assess_directional(ctx, base)
    if spec.kind == "cumulative_change":
        return _assess_cumulative(ctx, base)
    if spec.rate or spec.observed_as == "rate":
        return _assess_rate(ctx, base_ignored=base is not None)
    if spec.held == "every_year":
        return _assess_every_year(ctx)
    return _assess_path(ctx, base)


# --- building blocks -------------------------------------------------------------------------

def _target(spec: TargetSpec) -> dict:
    return {"year": spec.target_year, "kind": spec.kind, "value": spec.value, "low": spec.low, "high": spec.high,
            "held": spec.held, "qualifier": spec.qualifier, "text": spec.text}


def _observed(o: Obs | None, **extra) -> dict | None:
    if o is None:
        return None
    d = o.to_dict()
    d.update(extra)
    return d


def _flags(observed: Obs | None, year: int, *extra: str, provisional: Obs | None = None, unconvertible: int = 0) -> tuple[str, ...]:
    flags = list(extra)
    if observed is not None:
        if observed.partial:
            flags.append("partial_year")
        if observed.breaks_series:
            flags.append("series_break")
        if observed.year < year:
            flags.append("stale")
    if provisional is not None:
        flags.append("provisional_partial_year")
    if unconvertible:
        flags.append("unit_mismatch")
    return tuple(dict.fromkeys(flags))


def _public(base: dict | None) -> dict | None:
    """The base as shown: an unknown series is shown as None."""
    if base is None or base["series"] is not UNKNOWN:
        return base
    return {**base, "series": None}


def _make(ctx: _Ctx, status: Status, method: str | None, explanation: str, *, base=None, expected=None,
          expected_year=None, observed: Obs | None = None, observed_extra: dict | None = None, ratio=None,
          met=None, reason: Reason | None = None, extra_flags: tuple[str, ...] = (), details=None,
          provisional: Obs | None = None, missing: list[int] | None = None, base_ignored: bool = False) -> Assessment:
    caveats = explain.caveats(observed, provisional, ctx.year, ctx.unit, missing or [], ctx.unconvertible, base_ignored)
    if base is not None and base.get("source") == "observation" and not base_ignored:
        caveats += explain.base_from_observation(base, ctx.unit)
        extra_flags = (*extra_flags, "base_from_observation")
    return Assessment(
        indicator=ctx.indicator, year=ctx.year, status=status, kind=ctx.spec.kind, method=method,
        direction=ctx.spec.direction, base=_public(base), target=_target(ctx.spec), expected=expected,
        expected_year=expected_year, observed=_observed(observed, **(observed_extra or {})), ratio=ratio,
        met=met, explanation=explanation + caveats, reason=reason,
        flags=_flags(observed, ctx.year, *extra_flags, provisional=provisional, unconvertible=ctx.unconvertible),
        details=details or {}, provisional=_observed(provisional),
    )


def _resolve_base(ctx: _Ctx, chosen) -> dict | None:
    """The chosen base, or the indicator's own; with its series (given, or that of the
    observation of its year that has its value)."""
    if chosen is not None:
        get = chosen.get if isinstance(chosen, dict) else (lambda k, d=None: getattr(chosen, k, d))
        year, value = get("year"), get("value")
        if year is None or value is None:
            raise ValueError("a chosen base needs a year and a value")
        series = get("series", UNKNOWN)
        if series is UNKNOWN:
            series = series_at(ctx.obs, int(year), float(value))
        return {"year": int(year), "value": float(value), "series": series, "source": "chosen"}
    spec = ctx.spec
    if spec.base_year is None or spec.base_value is None:
        return _base_from_observation(ctx)
    return {"year": spec.base_year, "value": spec.base_value,
            "series": series_at(ctx.obs, spec.base_year, spec.base_value), "source": "plan"}


def _base_from_observation(ctx: _Ctx) -> dict | None:
    """Without a base in the plan: the latest full-year observation of the base year or up to
    config.base_from_observation_years before it (source "observation", said in the explanation)."""
    last = ctx.spec.start_year
    first = last - ctx.config.base_from_observation_years
    found = [o for o in in_window(ctx.obs, first, last) if not o.partial]
    if not found:
        return None
    o = found[-1]
    return {"year": o.year, "value": o.value, "series": o.series, "source": "observation"}


def _incomparable(ctx: _Ctx, base: dict, observed: Obs, provisional: Obs | None) -> Assessment | None:
    why = comparability(base["year"], base["series"], ctx.obs, observed)
    if why is None:
        return None
    candidate = first_on_series(ctx.obs, observed)
    details = {"candidate_base": candidate.to_dict() if candidate else None}
    return _make(ctx, Status.MANUAL, None, explain.incomparable(ctx.name, why, candidate, ctx.unit, Status.MANUAL),
                 base=base, observed=observed, reason=Reason.SERIES_BREAK, extra_flags=("series_break",),
                 details=details, provisional=provisional)


def _no_data(ctx: _Ctx, first: int, method: str | None, base=None) -> Assessment:
    earlier = next((o for o in reversed(ctx.obs) if o.year <= ctx.year), None)
    text = explain.no_data(ctx.name, first, ctx.year, Status.NO_DATA, earlier, ctx.unit)
    return _make(ctx, Status.NO_DATA, method, text, base=base, reason=Reason.NO_OBSERVATION,
                 details={"latest_before": earlier.to_dict() if earlier else None})


def _unit_mismatch(ctx: _Ctx, unconvertible: list[Obs]) -> Assessment:
    units = sorted({o.unit or "" for o in unconvertible})
    text = f"{ctx.name}的观测值单位（{'、'.join(units)}）无法换算为指标单位（{ctx.unit}），{Status.MANUAL}。"
    return Assessment(indicator=ctx.indicator, year=ctx.year, status=Status.MANUAL, kind=ctx.spec.kind,
                      method=None, direction=ctx.spec.direction, base=None, target=_target(ctx.spec),
                      expected=None, expected_year=None, observed=None, ratio=None, met=None,
                      explanation=text, reason=Reason.UNIT_MISMATCH, flags=("unit_mismatch",),
                      details={"units": units})


# --- methods ---------------------------------------------------------------------------------

def _manual(ctx: _Ctx) -> Assessment:
    spec = ctx.spec
    reason = {"assigned": Reason.ASSIGNED, "qualitative": Reason.QUALITATIVE,
              "compound": Reason.COMPOUND, "none": Reason.NO_TARGET}[spec.kind]
    observed, provisional = latest(ctx.obs, ctx.year, prefer_full_year=ctx.prefer_full)
    text = explain.manual(ctx.name, spec.kind, spec.text, spec.assigned_by, len(spec.values), Status.MANUAL)
    text += explain.latest_seen(observed, ctx.unit)
    details = {"values": list(spec.values), "parts": list(spec.parts)} if spec.kind == "compound" else {}
    if spec.assigned_by:
        details["assigned_by"] = spec.assigned_by
    return _make(ctx, Status.MANUAL, MANUAL, text, observed=observed, reason=reason, details=details,
                 provisional=provisional)


def end_target(spec: TargetSpec, base: dict | None) -> tuple[float | None, float | None]:
    """(the end value the path runs to, the value that counts as meeting the target)."""
    better = spec.better
    if spec.kind == "average_growth":
        if base is None:
            return None, None
        end = progress.compound_growth(base["value"], spec.value, base["year"], spec.target_year)
        return end, end
    if spec.kind == "range":
        bound = spec.low if better == "higher" else spec.high
        return bound, bound
    if spec.kind == "about":
        return spec.value, (spec.low if better == "higher" else spec.high)
    return spec.value, spec.value


def _assess_path(ctx: _Ctx, chosen_base) -> Assessment:
    spec, cfg = ctx.spec, ctx.config
    base = _resolve_base(ctx, chosen_base)
    start = base["year"] if base else spec.start_year
    observed, provisional = latest(ctx.obs, ctx.year, after=start, prefer_full_year=ctx.prefer_full)
    if observed is None:
        return _no_data(ctx, start + 1, COMPOUND if spec.kind == "average_growth" else cfg.level_path, base)
    if base is not None:
        blocked = _incomparable(ctx, base, observed, provisional)
        if blocked:
            return blocked
    end_value, meet_value = end_target(spec, base)
    if end_value is None:  # average growth without a base
        return _make(ctx, Status.MANUAL, COMPOUND, explain.missing_base(ctx.name, ctx.unit, observed, Status.MANUAL),
                     observed=observed, reason=Reason.MISSING_BASE, extra_flags=("missing_base",), provisional=provisional)
    met = progress.satisfies(observed.value, meet_value, spec.better, cfg.epsilon)
    early = met and observed.year < spec.target_year
    if base is None:
        if early:
            return _make(ctx, Status.MET_EARLY, HOLD, explain.met_early(ctx.name, ctx.unit, spec.target_year, spec.text,
                         observed, Status.MET_EARLY), expected=end_value, expected_year=spec.target_year,
                         observed=observed, met=True, provisional=provisional)
        return _make(ctx, Status.MANUAL, None, explain.missing_base(ctx.name, ctx.unit, observed, Status.MANUAL),
                     observed=observed, met=met, reason=Reason.MISSING_BASE, extra_flags=("missing_base",),
                     provisional=provisional)

    b = base["value"]
    if progress.satisfies(b, meet_value, spec.better, cfg.epsilon):
        # The plan's target was already met at the base: a level to keep, not a path to walk.
        status = Status.ON_TRACK if met else Status.LAGGING
        return _make(ctx, status, HOLD, explain.hold(ctx.name, ctx.unit, base, spec.text, observed, met, status),
                     base=base, expected=meet_value, expected_year=observed.year, observed=observed, met=met,
                     provisional=provisional)

    if spec.kind == "average_growth":
        method = COMPOUND
        expected = progress.compound_growth(b, spec.value, base["year"], observed.year)
    else:
        method = cfg.level_path
        expected = progress.level_path(method, b, end_value, base["year"], spec.target_year, observed.year)
    r = progress.ratio(observed.value - b, expected - b)
    status = Status.MET_EARLY if early else classify(r, cfg)
    if met and status == Status.LAGGING:
        status = Status.ON_TRACK
    details = {"end_value": end_value, "meet_value": meet_value, "path_start": base["year"],
               "path_end": spec.target_year, "achieved_change": observed.value - b, "expected_change": expected - b}
    if spec.kind == "average_growth":
        implied = progress.implied_rate(b, observed.value, observed.year - base["year"])
        details["implied_annual_growth"] = implied
        text = explain.growth_path(ctx.name, ctx.unit, base, spec.value, spec.text, observed, expected, implied, r, status)
    elif early:
        text = explain.met_early(ctx.name, ctx.unit, spec.target_year, spec.text, observed, status)
    else:
        text = explain.path(ctx.name, ctx.unit, base, spec.target_year, spec.text, observed, expected, r, status, method)
    return _make(ctx, status, method, text, base=base, expected=expected, expected_year=observed.year,
                 observed=observed, ratio=r, met=met, details=details, provisional=provisional)


def _assess_every_year(ctx: _Ctx) -> Assessment:
    spec, cfg = ctx.spec, ctx.config
    first = spec.period[0]
    checked = in_window(ctx.obs, first, ctx.year, prefer_full_year=ctx.prefer_full)
    if not checked:
        return _no_data(ctx, first, EVERY_YEAR)
    threshold = spec.value
    breaches = [o for o in checked if not progress.satisfies(o.value, threshold, spec.better, cfg.epsilon)]
    observed = checked[-1]
    status = _hold_status(breaches, observed, cfg)
    details = {"checked": [{"year": o.year, "value": o.value, "ok": o not in breaches} for o in checked],
               "breaches": [o.year for o in breaches], "judged_on": cfg.hold_judged_on}
    missing = [y for y in range(first, observed.year + 1) if y not in {o.year for o in checked}]
    if missing:
        details["missing_years"] = missing
    extra = ("series_break",) if any(o.breaks_series for o in checked) else ()
    text = explain.every_year(ctx.name, ctx.unit, spec.better, threshold, spec.text, checked, breaches, status)
    return _make(ctx, status, EVERY_YEAR, text, expected=threshold, expected_year=observed.year, observed=observed,
                 met=observed not in breaches, extra_flags=extra + (("missing_years",) if missing else ()), details=details,
                 missing=missing)


def _hold_status(breaches: list[Obs], latest_obs: Obs, cfg: EvalConfig) -> Status:
    """A threshold to hold: 滞后 when crossed in the latest year observed (or, judged every year,
    in any year), else 基本符合预期 — never 提前实现 (config.hold_judged_on says why)."""
    if cfg.hold_judged_on == "every_year":
        return Status.LAGGING if breaches else Status.ON_TRACK
    return Status.LAGGING if latest_obs in breaches else Status.ON_TRACK


def _rate_target(spec: TargetSpec) -> float:
    if spec.kind == "range":
        return spec.low if spec.better == "higher" else spec.high
    return spec.value


def _assess_rate(ctx: _Ctx, base_ignored: bool = False) -> Assessment:
    """A growth-rate indicator: its observations are rates; compare their average with the target
    rate. No growth rate is taken of them."""
    spec, cfg = ctx.spec, ctx.config
    first = spec.period[0]
    window = in_window(ctx.obs, first, ctx.year, prefer_full_year=ctx.prefer_full)
    if not window:
        return _no_data(ctx, first, AVERAGE_RATE)
    target = _rate_target(spec)
    if spec.held == "every_year":
        breaches = [o for o in window if not progress.satisfies(o.value, target, spec.better, cfg.epsilon)]
        status = _hold_status(breaches, window[-1], cfg)
        text = explain.every_year(ctx.name, "%", spec.better, target, spec.text, window, breaches, status)
        return _make(ctx, status, EVERY_YEAR, text, expected=target, expected_year=window[-1].year,
                     observed=window[-1], met=window[-1] not in breaches,
                     details={"checked": [{"year": o.year, "value": o.value} for o in window],
                              "breaches": [o.year for o in breaches], "judged_on": cfg.hold_judged_on})

    period_avgs = [o for o in window if o.measure == "period_average"]
    annual = [o for o in window if o.measure != "period_average"]
    from_period_average = bool(period_avgs) and (not annual or period_avgs[-1].year >= annual[-1].year)
    if from_period_average:
        used = [period_avgs[-1]]
        average = used[0].value
        missing: list[int] = []
    else:
        used = annual
        average = progress.average_rate([o.value for o in used], cfg.rate_average, reduction=spec.reduction)
        missing = [y for y in range(first, used[-1].year + 1) if y not in {o.year for o in used}]
    observed = used[-1]
    if spec.better == "higher":
        r = average / target if target > 0 else None
    else:
        r = target / average if average > 0 else None
    meets = progress.satisfies(average, target, spec.better, cfg.epsilon)
    if spec.kind == "range":
        status = Status.ON_TRACK if spec.low <= average <= spec.high else classify(r, cfg)
    elif r is None:
        status = Status.ON_TRACK if meets else Status.LAGGING
    else:
        status = classify(r, cfg)
        if status == Status.LAGGING and meets:
            status = Status.ON_TRACK
    text = explain.rate(ctx.name, spec.kind, target, spec.text, used, average, from_period_average, r, status)
    details = {"average": average, "average_method": "period_average" if from_period_average else cfg.rate_average,
               "rates": [{"year": o.year, "value": o.value} for o in used], "target_rate": target}
    if missing:
        details["missing_years"] = missing
    extra = {"average": average, "years": [o.year for o in used]}
    flags = (("missing_years",) if missing else ()) + (("base_ignored",) if base_ignored else ())
    return _make(ctx, status, AVERAGE_RATE, text, expected=target, expected_year=observed.year, observed=observed,
                 observed_extra=extra, ratio=r, met=None, details=details, extra_flags=flags, missing=missing,
                 base_ignored=base_ignored)


def _assess_cumulative(ctx: _Ctx, chosen_base) -> Assessment:
    spec, cfg = ctx.spec, ctx.config
    total = spec.value
    base = None
    base_ignored = False
    if spec.observed_as == "level":
        base = _resolve_base(ctx, chosen_base)
        if base is None:
            observed, provisional = latest(ctx.obs, ctx.year, after=spec.start_year, prefer_full_year=ctx.prefer_full)
            if observed is None:
                return _no_data(ctx, spec.start_year + 1, None)
            return _make(ctx, Status.MANUAL, None, explain.missing_base(ctx.name, ctx.unit, observed, Status.MANUAL),
                         observed=observed, reason=Reason.MISSING_BASE, extra_flags=("missing_base",),
                         provisional=provisional)
        start = base["year"]
    else:
        start = spec.start_year
        base_ignored = chosen_base is not None
    observed, provisional = latest(ctx.obs, ctx.year, after=start, prefer_full_year=ctx.prefer_full)
    if observed is None:
        return _no_data(ctx, start + 1, cfg.cumulative_path, base)
    if base is None and (observed.measure == "level"
                         or observed.measure is None and _percent_of_level(spec, ctx.unit)):
        # A change target whose observations are levels (能耗 1.40 吨标准煤/万元): count from the base.
        base = _resolve_base(ctx, chosen_base)
        base_ignored = False
        if base is None:
            return _make(ctx, Status.MANUAL, None, explain.missing_base(ctx.name, ctx.unit, observed, Status.MANUAL),
                         observed=observed, reason=Reason.MISSING_BASE, extra_flags=("missing_base",),
                         provisional=provisional)
    details: dict = {"period_start": start, "period_end": spec.target_year, "total": total}
    percent = _is_percent(ctx.unit) or _is_percent(spec.target_unit)
    if base is not None:
        blocked = _incomparable(ctx, base, observed, provisional)
        if blocked:
            return blocked
        achieved = change_from_base(spec, ctx.unit, base["value"], observed.value)
        details["combined"] = "from_base_percent" if _percent_of_level(spec, ctx.unit) else "from_base"
    elif observed.measure == "annual_change" or (spec.rate and observed.measure != "cumulative"):
        # Yearly changes (and a growth-rate indicator's yearly rates) chain into the cumulative change.
        yearly = [o for o in in_window(ctx.obs, start + 1, observed.year, prefer_full_year=ctx.prefer_full)
                  if o.measure in (("annual_change", None, "level") if spec.rate else ("annual_change",))]
        missing = [y for y in range(start + 1, observed.year + 1) if y not in {o.year for o in yearly}]
        if missing:
            return _make(ctx, Status.MANUAL, cfg.cumulative_path,
                         explain.missing_years(ctx.name, missing, Status.MANUAL), observed=observed,
                         reason=Reason.MISSING_YEARS, extra_flags=("missing_years",),
                         details={"missing_years": missing}, provisional=provisional)
        values = [o.value for o in yearly]
        achieved = progress.chain_percent_changes(values, spec.reduction) if percent else sum(values)
        details["yearly_changes"] = [{"year": o.year, "value": o.value} for o in yearly]
        details["combined"] = "chained" if percent else "summed"
    else:
        achieved = observed.value
    expected = progress.cumulative_expected(cfg.cumulative_path, total, start, spec.target_year, observed.year,
                                            percent=percent, reduction=spec.reduction)
    r = progress.ratio(achieved, expected)
    meet_value = total
    if spec.qualifier == "about":
        tol = spec.tolerance or ABOUT_TOLERANCE
        meet_value = total - abs(total) * tol if spec.better == "higher" else total + abs(total) * tol
    met = progress.satisfies(achieved, meet_value, spec.better, cfg.epsilon)
    early = met and observed.year < spec.target_year
    status = Status.MET_EARLY if early else classify(r, cfg)
    if met and status == Status.LAGGING:
        status = Status.ON_TRACK
    details.update({"achieved": achieved, "expected": expected})
    text = explain.cumulative(ctx.name, ctx.unit, start, spec.target_year, total, spec.reduction, expected,
                              achieved, observed, r, status, cfg.cumulative_path, met=met)
    return _make(ctx, status, cfg.cumulative_path, text, base=base, expected=expected, expected_year=observed.year,
                 observed=observed, observed_extra={"achieved": achieved}, ratio=r, met=met, details=details,
                 provisional=provisional, base_ignored=base_ignored,
                 extra_flags=("base_ignored",) if base_ignored else ())


def _assess_directional(ctx: _Ctx, chosen_base) -> Assessment:
    spec = ctx.spec
    base = _resolve_base(ctx, chosen_base)
    start = base["year"] if base else spec.start_year
    observed, provisional = latest(ctx.obs, ctx.year, after=start, prefer_full_year=ctx.prefer_full)
    if observed is None:
        return _no_data(ctx, start + 1, DIRECTION_ONLY, base)
    if base is None:
        return _make(ctx, Status.MANUAL, DIRECTION_ONLY, explain.missing_base(ctx.name, ctx.unit, observed, Status.MANUAL),
                     observed=observed, reason=Reason.MISSING_BASE, extra_flags=("missing_base",), provisional=provisional)
    blocked = _incomparable(ctx, base, observed, provisional)
    if blocked:
        return blocked
    delta = observed.value - base["value"]
    good = delta > 0 if spec.better == "higher" else delta < 0
    status = Status.ON_TRACK if good else Status.LAGGING
    text = explain.directional(ctx.name, ctx.unit, base, spec.text, observed, good, status)
    return _make(ctx, status, DIRECTION_ONLY, text, base=base, observed=observed, met=None,
                 details={"change": delta}, provisional=provisional)



def _is_percent(unit: str | None) -> bool:
    return (unit or "").strip() in ("%", "％")


def _percent_of_level(spec: TargetSpec, unit: str | None) -> bool:
    """累计下降13.5% on a level in 吨标准煤/万元: the target is a % change of the level."""
    return _is_percent(spec.target_unit) and bool(unit) and not _is_percent(unit)


def change_from_base(spec: TargetSpec, unit: str | None, base_value: float, value: float) -> float:
    """The change of a level since the base, as the target counts it: in the indicator's unit, or
    in % of the base where the target is a % change of a level; a fall counted positive for a
    reduction (降低 [15])."""
    diff = value - base_value
    if _percent_of_level(spec, unit) and base_value:
        diff = diff / base_value * 100
    return -diff if spec.reduction else diff


def _assess_annual(ctx: _Ctx, annual_target: str | None = None) -> Assessment:
    """各年度视情提出: the plan sets no figure for the period. With that year's own target entered
    (年度目标), the year's value is judged against it (evaluate/annual.py): 完成年度目标 is
    基本符合预期, 未完成年度目标 滞后. Without it a person judges, with every value observed in the
    period in front of them."""
    from plantrack.evaluate.annual import annual_view

    spec = ctx.spec
    window = in_window(ctx.obs, spec.period[0], ctx.year, prefer_full_year=ctx.prefer_full)
    observed = window[-1] if window else None
    values = "，".join(f"{o.year}年{explain.v(o.value, ctx.unit)}" for o in window)
    seen = f"观测值：{values}。" if window else "规划期内暂无观测值。"
    if annual_target is not None:
        this_year = next((o for o in reversed(window) if o.year == ctx.year), None)
        view = annual_view(ctx.indicator, ctx.year, annual_target,
                           None if this_year is None else this_year.value)
        details = {"observed_series": [{"year": o.year, "value": o.value} for o in window], "annual_target": view}
        if this_year is None:
            text = f"{ctx.name}{ctx.year}年年度目标为{explain.quote(annual_target)}，该年暂无观测值，{Status.NO_DATA}。{seen}"
            return _make(ctx, Status.NO_DATA, ANNUAL, text, reason=Reason.NO_OBSERVATION, details=details)
        status = Status.ON_TRACK if view["met"] else Status.LAGGING
        text = (f"{ctx.name}{ctx.year}年年度目标为{explain.quote(annual_target)}，实际{explain.v(this_year.value, ctx.unit)}，"
                f"{view['status']}，{status}。{seen}")
        return _make(ctx, status, ANNUAL, text, observed=this_year, met=view["met"], details=details)
    text = (f"{ctx.name}的目标为{explain.quote(spec.text)}，按年度目标评估；{ctx.year}年年度目标尚未录入，"
            f"{Status.MANUAL}。{seen}")
    details = {"observed_series": [{"year": o.year, "value": o.value} for o in window], "annual_target": None}
    return _make(ctx, Status.MANUAL, ANNUAL, text, observed=observed, reason=Reason.ANNUAL_TARGET, details=details)


def _assess_relative(ctx: _Ctx, reference: Iterable | None) -> Assessment:
    """高于GDP增长 / 与经济增长基本同步 / 快于全国平均: the indicator against its reference over the
    same years. Rates (growth-rate indicators) are averaged geometrically over the years both
    series have; levels compare the latest year both have. 基本同步 is within
    config.in_step_tolerance percentage points (or units) either side."""
    spec, cfg = ctx.spec, ctx.config
    first = spec.period[0]
    own = in_window(ctx.obs, first, ctx.year, prefer_full_year=ctx.prefer_full)
    if not own:
        return _no_data(ctx, first, RELATIVE)
    ref_obs, _ = prepare(reference or (), ctx.unit)
    ref = {o.year: o for o in in_window(ref_obs, first, ctx.year, prefer_full_year=ctx.prefer_full)}
    rates = spec.observed_as == "rate"
    common = [o for o in own if o.year in ref]
    if not rates and common:
        common = common[-1:]
    ref_label = {"national_average": "全国平均水平", "provincial_average": "全省平均水平",
                 "economic_growth_target": "地区生产总值目标增速"}.get(spec.reference, "地区生产总值增长")
    if not common:
        text = (f"{ctx.name}的目标为{explain.quote(spec.text)}，需与{ref_label}同年数据比较；"
                f"{first}—{ctx.year}年缺少同年的{ref_label}数据，{Status.MANUAL}。" + explain.latest_seen(own[-1], ctx.unit))
        return _make(ctx, Status.MANUAL, RELATIVE, text, observed=own[-1], reason=Reason.NO_REFERENCE,
                     details={"reference": spec.reference, "relation": spec.relation})
    years = [o.year for o in common]
    if rates:
        mine = progress.average_rate([o.value for o in common], cfg.rate_average)
        theirs = progress.average_rate([ref[y].value for y in years], cfg.rate_average)
    else:
        mine, theirs = common[-1].value, ref[years[-1]].value
    gap = mine - theirs if spec.better != "lower" else theirs - mine  # > 0: better than the reference
    eps = cfg.epsilon * max(1.0, abs(theirs))
    if spec.relation == "in_step":
        status = (Status.ON_TRACK if abs(gap) <= cfg.in_step_tolerance + eps
                  else Status.AHEAD if gap > 0 else Status.LAGGING)
        met = abs(gap) <= cfg.in_step_tolerance + eps or gap > 0
    elif spec.relation == "not_below":
        met = gap >= -eps
        status = Status.ON_TRACK if met else Status.LAGGING
    else:  # above
        met = gap > eps
        status = Status.ON_TRACK if met else Status.LAGGING
    r = mine / theirs if abs(theirs) > 1e-12 else None
    text = explain.relative(ctx.name, ctx.unit, spec.text, ref_label, years, mine, theirs, rates, spec.relation,
                            cfg.in_step_tolerance, status)
    details = {"reference": spec.reference, "relation": spec.relation, "years": years,
               "own": [{"year": o.year, "value": o.value} for o in common],
               "reference_values": [{"year": y, "value": ref[y].value, "source": ref[y].source} for y in years],
               "own_average" if rates else "own_value": mine, "reference_average" if rates else "reference_value": theirs,
               "gap": mine - theirs}
    if spec.relation == "in_step":
        details["tolerance"] = cfg.in_step_tolerance
    extra = {"average": mine, "years": years} if rates else {}
    return _make(ctx, status, RELATIVE, text, expected=theirs, expected_year=years[-1], observed=common[-1],
                 observed_extra=extra, ratio=r, met=met, details=details)


def cumulative_meet_level(spec: TargetSpec, unit: str | None, base_value: float) -> float:
    """The level that meets a cumulative target counted from a base level (77.3 + 1 岁; 1.5 吨标准煤/万元
    less 13.5%): the inverse of change_from_base."""
    change = -spec.value if spec.reduction else spec.value
    if _percent_of_level(spec, unit):
        return base_value * (1 + change / 100)
    return base_value + change


def observed_as_levels(spec: TargetSpec, unit: str | None, obs) -> bool:
    """Whether a cumulative target's observations are levels to count from a base."""
    if spec.observed_as == "level":
        return True
    latest_measures = {o.measure for o in obs}
    return "level" in latest_measures or (latest_measures <= {None} and bool(obs) and _percent_of_level(spec, unit))
