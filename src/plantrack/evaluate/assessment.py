"""An assessment: the status of one indicator in one year, with every number behind it.

A user must be able to redo the arithmetic from the assessment alone: the method, the base (year,
value, series), the target, the expected value on the plan path for the observed year, the
observed value with its own year, source and flags, and the ratio. `to_dict` is the JSON form the
CLI and reports print (`{"indicator": …, "status": …, "method": …, "base": …, …}`).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Assessment:
    """Fields:

    indicator     the contract indicator object, as given
    year          the evaluation year
    status        a vocabulary.Status value (Chinese)
    kind          the target kind (domain.targets.KINDS)
    method        a config method name (linear, compound, pro_rata, average_rate, …) or None
    direction     higher | lower: where the underlying quantity should go
    base          {"year", "value", "series", "source": plan|chosen} or None
    target        {"year", "kind", "value", "low", "high", "held", "qualifier", "text"}
    expected      the value the plan path expects for expected_year (the observed year), or the
                  threshold / target rate where there is no path
    expected_year the year `expected` is for
    observed      {"year", "value", "unit", "series", "flags", "note", "source", "measure"} of the
                  observation used, plus "average"/"years"/"values" for rates and "achieved" for
                  cumulative targets; None without data
    ratio         achieved change / expected change (or average rate / target rate); None where
                  no ratio applies
    met           whether the observed value already satisfies the end target (None: unknown)
    explanation   one or two Chinese sentences stating the above
    reason        a vocabulary.Reason for 无数据 / 需人工评估, else None
    flags         data caveats carried into the status: partial_year, series_break, stale,
                  missing_years, unit_mismatch, base_ignored
    details       method-specific numbers (years checked, breaches, implied growth, candidates …)
    provisional   a newer partial-year observation shown beside the status but not used, or None
    """

    indicator: dict
    year: int
    status: str
    kind: str
    method: str | None
    direction: str | None
    base: dict | None
    target: dict
    expected: float | None
    expected_year: int | None
    observed: dict | None
    ratio: float | None
    met: bool | None
    explanation: str
    reason: str | None = None
    flags: tuple[str, ...] = ()
    details: dict = field(default_factory=dict)
    provisional: dict | None = None

    def to_dict(self) -> dict:
        return {
            "indicator": self.indicator,
            "year": self.year,
            "status": str(self.status),
            "kind": self.kind,
            "method": self.method,
            "direction": self.direction,
            "base": self.base,
            "target": self.target,
            "expected": self.expected,
            "expected_year": self.expected_year,
            "observed": self.observed,
            "ratio": self.ratio,
            "met": self.met,
            "explanation": self.explanation,
            "reason": None if self.reason is None else str(self.reason),
            "flags": list(self.flags),
            "details": self.details,
            "provisional": self.provisional,
        }


def fmt(x: float | None) -> str:
    """A number as a report prints it: 68, 64.97, 0.021, 25698.18 (no float noise)."""
    if x is None:
        return "—"
    if abs(x - round(x)) < 1e-9:
        return str(int(round(x)))
    digits = 2 if abs(x) >= 1 else 4
    return f"{x:.{digits}f}".rstrip("0").rstrip(".")


def pct(r: float | None) -> str:
    """A ratio as a percentage of the expected progress: 0.962 -> 96.2%."""
    if r is None:
        return "—"
    return f"{r * 100:.1f}".rstrip("0").rstrip(".") + "%"


def delta_unit(unit: str | None) -> str:
    """The unit of a difference: a change of a % level is in 个百分点 (percentage points)."""
    return "个百分点" if (unit or "").strip() in ("%", "％") else (unit or "")
