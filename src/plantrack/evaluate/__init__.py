"""Evaluation: is each indicator on its way to its target, and which ones need action?

    spec = interpret(indicator, plan_period)                 # domain.targets
    a = assess(indicator, spec, observations, 2023)          # status with the numbers behind it
    ws = warnings_for(indicator, spec, a, observations)      # 预警
    composite([a.to_dict(), ...])                            # 规划目标实现综合指数 (index.py)
    evaluation_year(full_year_counts(rows), fallback)        # the year pages open on (years.py)

Pure logic: no database, no files. Thresholds and method names: evaluate.config.
"""

from plantrack.evaluate.assessment import Assessment
from plantrack.evaluate.config import DEFAULT, EvalConfig
from plantrack.evaluate.status import assess, classify
from plantrack.evaluate.vocabulary import Reason, Status
from plantrack.evaluate.warnings import EarlyWarning, collect, project, warnings_for

__all__ = [
    "Assessment", "DEFAULT", "EarlyWarning", "EvalConfig", "Reason", "Status",
    "assess", "classify", "collect", "project", "warnings_for",
]
