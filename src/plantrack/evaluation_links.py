"""What evaluating one indicator needs beyond its own observations, gathered from the store.

Two links, each by catalogue concept (never by one plan's wording):

* a table row and the plan's prose target about the same indicator: the prose verb (保持在 … 以上
  or 达到 … 以上) says whether the row's bare threshold (＞6.5) is a floor to hold or a level to
  reach (domain.targets.held_in_prose);
* a relative target and its reference series: 与GDP目标增速保持一致 against the plan's own GDP
  growth target (a constant series over the period); 高于GDP增长 / 与经济增长基本同步 is measured
  against the GDP growth of the plan's region, 快于全国平均 / 全省平均 against the same concept
  nationally or in the plan's province.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .align.catalogue import Catalogue
from .domain.targets import TargetSpec, clean_name, held_in_prose, interpret
from .store.models import Observation
from .store.regions import NATIONAL_CODE

# The concept an economic-growth reference reads (地区生产总值增长 in the catalogue).
ECONOMIC_GROWTH_NAME = "地区生产总值增长"


def _target_rate_series(document: dict, period: tuple[int, int], catalogue: Catalogue,
                        decisions: dict | None) -> list[dict]:
    """与GDP目标增速保持一致: the plan's own GDP growth target, as a constant series over the period
    (source: the table row), or nothing when the plan states no such figure."""
    match = catalogue.concept_of(ECONOMIC_GROWTH_NAME, "%", decisions)
    if match is None:
        return []
    for indicator in document.get("indicators", []) or []:
        found = catalogue.concept_of(indicator.get("name"), indicator.get("unit"), decisions)
        if found is None or found.concept.id != match.concept.id:
            continue
        spec = interpret(indicator, period)
        rate = spec.value if spec.value is not None else spec.low
        if spec.rate and rate is not None:
            source = {"title": f"规划目标：{indicator.get('name')}“{spec.text}”", "line": indicator.get("line")}
            return [{"year": y, "value": rate, "unit": "%", "source": source}
                    for y in range(period[0], period[1] + 1)]
    return []


def prose_target_for(document: dict, indicator: dict, concept: str | None, catalogue: Catalogue,
                     decisions: dict | None = None) -> str | None:
    """The text of the plan's prose target about the same indicator that states how its threshold
    holds, or None. Same concept (or, without one, the same cleaned name); the first in the text
    whose verb says hold or reach."""
    name = clean_name(indicator.get("name"))
    for target in document.get("targets", []) or []:
        subject = target.get("subject")
        if not subject:
            continue
        same = clean_name(subject) == name
        if not same and concept:
            match = catalogue.concept_of(subject, target.get("unit"), decisions)
            same = match is not None and match.concept.id == concept
        if same and held_in_prose(target.get("text")) is not None:
            return target.get("text")
    return None


def reference_observations(session: Session, spec: TargetSpec, region_code: str | None, concept: str | None,
                           catalogue: Catalogue, decisions: dict | None, to_dict,
                           document: dict | None = None, period: tuple[int, int] | None = None) -> list[dict]:
    """The observations a relative target is measured against (empty when none are stored)."""
    if spec.kind != "relative":
        return []
    if spec.reference == "economic_growth_target":
        return _target_rate_series(document or {}, period or spec.period, catalogue, decisions)
    if spec.reference == "national_average":
        ref_region, ref_concept = NATIONAL_CODE, concept
    elif spec.reference == "provincial_average":
        # GB/T 2260: a province's code is the first two digits of any of its regions' codes + 0000.
        province = f"{region_code[:2]}0000" if region_code else None
        ref_region, ref_concept = (province if province != region_code else None), concept
    else:
        match = catalogue.concept_of(ECONOMIC_GROWTH_NAME, "%", decisions)
        ref_region, ref_concept = region_code, (match.concept.id if match else None)
    if not ref_region or not ref_concept:
        return []
    rows = session.scalars(select(Observation).where(
        Observation.region_code == ref_region, Observation.concept == ref_concept,
        Observation.superseded_by_id.is_(None)).order_by(Observation.year, Observation.id))
    return [to_dict(o) for o in rows]
