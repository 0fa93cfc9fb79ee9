"""Target semantics: what an indicator's target text and growth column commit the plan to.

A plan writes its targets as 68, >10000, ≤5.5, 5个左右, 5-8, [15], [≥17.6], 6.5左右 (年均),
完成国家下达指标, 不减少, 明显提高 or 1/10/1/2. Evaluation needs a machine form of each: what
kind of commitment it is, the figures, which way is better and whether it must hold every year.
`interpret` gives that form as a `TargetSpec`; the evaluate package measures progress against it.

Decisions (each one a reading of how Chinese plans use these words):

* The target column wins over the growth column when both state something: the 2025 level is
  the commitment, the 年均增长 figure beside it is its arithmetic (5G普及率 76 beside 12.8).
* A growth-rate indicator (…增长, …增速, …增长率, % per year) is a rate already. Its figure is a
  level of the rate, held on average over the period (`held="average"`, the 年均 reading); a
  growth rate is never taken of it.
* A level indicator with a figure only in the growth column (地区生产总值 6.5左右) grows at that
  rate per year, compounded (`average_growth`).
* A reduction indicator (…降低, …下降, …减少) measures a fall. A plain figure in its target
  column, or [15] in either column, is the fall over the whole period (`cumulative_change`);
  a plain figure in the growth column is a fall per year (a rate, held on average).
* `direction` is the direction in which the indicator's underlying quantity should move: lower
  for 单位GDP能耗降低 (energy intensity should fall). `better` is the direction in which the
  indicator's own figure improves: higher for 单位GDP能耗降低 (a bigger fall is better).
* ≤ / ≥ thresholds (`at_most` / `at_least`) hold every year (`held="every_year"`) where the
  indicator is a rate kept under control (失业率, 死亡率, 受害率, 劣Ⅴ类 …), where the plan says
  控制在 / 保持, or where the base already satisfies the threshold (a floor already cleared is a
  floor to keep); otherwise they are reached by the target year (`held="end"`).
* 不减少 / 不降低 with a base value is a floor at the base value held every year; without a
  base value it stays qualitative.
* 完成国家/省下达指标 is `assigned`: qualitative until the assigned figure is supplied, then that
  figure is read like any other target text. So are the other ways of taking on the level above's
  figure: 落实省分解任务, 达到国家考核要求, 完成上级下达的任务, 完成下达任务 (no level named: the
  level above).
* A figure keeps its meaning when the plan adds words after it (12，力争达到全国平均水平;
  ≥60，力争65): the figure is the target, the rest is kept as an aside. 力争 / 确保 / 达到 before a
  figure, thousands separators (1,350) and ≦ / ≧ change nothing; 控制在5.5 is a ceiling.
* `wording` keeps what the text said before the indicator's traits made it a kind: 不减少 is an
  at_least whose figure is the plan's own base, not one it wrote (alignment compares written
  figures of two plans; evaluation only needs the kind).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import NamedTuple

from plantrack.domain.units import is_unit
from plantrack.domain.values import is_compound, is_empty_cell

KINDS = (
    "level", "at_least", "at_most", "about", "range", "average_growth", "cumulative_change",
    "relative", "annual", "assigned", "qualitative", "directional", "compound", "none",
)
QUANTITATIVE = frozenset({"level", "at_least", "at_most", "about", "range", "average_growth", "cumulative_change"})
# What a relative target (高于GDP增长, 快于全国平均) is measured against.
REFERENCES = ("economic_growth", "economic_growth_target", "national_average", "provincial_average")
RELATIONS = ("above", "in_step", "not_below")
DIRECTIONS = ("higher", "lower")
HELD = ("end", "every_year", "average")

# 左右 means "within a few percent of": 5% of the figure either side (6.5左右 -> 6.175..6.825).
ABOUT_TOLERANCE = 0.05


@dataclass(frozen=True, slots=True)
class TargetSpec:
    """The machine form of one indicator's target.

    value      the figure as the plan writes it, in the indicator's own measure (a level, a
               threshold, a rate in % per year, or a change over the period)
    low, high  bounds of a range, or the band of an `about`
    tolerance  relative half-width of an `about` band
    qualifier  how the figure binds for rates, growth and cumulative targets:
               exact | at_least | at_most | about
    held       end (reached by target_year) | every_year | average (a rate, on average)
    observed_as what an observation of this indicator holds: level | change (cumulative change
               since the start year) | rate (% change over the year before)
    wording    the form of the text as read (Reading.form), before the indicator's traits
    reference  for a relative target: what it is measured against (economic_growth: the region's
               GDP growth in the same years; economic_growth_target: the GDP growth rate the same
               plan targets, 与GDP目标增速保持一致; national_average / provincial_average: the same
               concept, at national level or in the region's province)
    relation   for a relative target: above (高于, 快于) | in_step (同步, 保持一致) | not_below (不低于)
    target_unit the unit written with the figure (% in 累计下降13.5% on a level in 吨标准煤/万元)
    """

    kind: str
    direction: str | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    tolerance: float | None = None
    qualifier: str | None = None
    held: str | None = None
    reduction: bool = False
    rate: bool = False
    observed_as: str = "level"
    values: tuple[float | None, ...] = ()
    parts: tuple[str, ...] = ()
    base_year: int | None = None
    base_value: float | None = None
    start_year: int | None = None
    target_year: int | None = None
    period: tuple[int, int] | None = None
    column: str | None = None
    text: str | None = None
    wording: str | None = None
    assigned_by: str | None = None
    reference: str | None = None
    relation: str | None = None
    target_unit: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def better(self) -> str | None:
        """The direction in which the indicator's own figure improves."""
        if self.direction is None:
            return None
        return _flip(self.direction) if self.reduction else self.direction

    @property
    def change(self) -> float | None:
        """For a cumulative target: the signed change of the underlying quantity (-15 for 降低[15])."""
        if self.kind != "cumulative_change" or self.value is None:
            return None
        return -self.value if self.reduction else self.value

    @property
    def quantitative(self) -> bool:
        return self.kind in QUANTITATIVE

    def to_dict(self) -> dict:
        d = asdict(self)
        d["better"] = self.better
        d["change"] = self.change
        d["values"] = list(self.values)
        d["parts"] = list(self.parts)
        d["notes"] = list(self.notes)
        d["period"] = list(self.period) if self.period else None
        return d


# --- reading a target text -------------------------------------------------------------------

class Reading(NamedTuple):
    """What a target text states, before the indicator's traits give it a kind."""

    form: str  # assigned compound cumulative range at_most at_least about level keep_floor keep_ceiling directional qualitative empty
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    unit: str | None = None
    verb: str | None = None  # the direction a directional / cumulative wording states: higher | lower
    values: tuple[float | None, ...] = ()
    by: str | None = None
    aside: str | None = None
    control: bool = False  # 控制在 / 保持: a state to keep
    per_year: bool = False  # 年均增长7%左右: the figure is a rate per year
    reference: str | None = None  # relative: economic_growth | national_average
    relation: str | None = None   # relative: above | in_step | not_below


_NUM = r"[-+]?\d+(?:\.\d+)?"
_UNIT = r"(?P<unit>[^\d\[\]<>≤≥≦≧,;、()]*?)"
_CONTROL = r"(?P<control>控制在|保持在|保持|稳定在)?"
_AIM = r"(?:力争|确保)?"  # 力争达到65: an aim stated as firmly as any other figure
_REACH = r"(?:达到|提高到|提高至|提升到|提升至|增加到|增至|降到|降至|降低到|降低至)?"
_AT_MOST_SIGN = r"(?:<|≤|≦|不超过|不高于|低于|小于)"
_AT_LEAST_SIGN = r"(?:>|≥|≧|不低于|不少于|至少有?|超过|高于|大于)"
# Who sets an assigned figure: the level named, or else the level above.
_BY = r"(?P<by>国家|中央|省级|省|市|上级政府|上级)"
_LEVEL_OF = {"国家": "national", "中央": "national", "省级": "provincial", "省": "provincial", "市": "municipal",
             "上级政府": "higher", "上级": "higher"}

_UP_VERBS = ("提高", "提升", "增加", "增长", "上升", "扩大", "新增")
_DOWN_VERBS = ("降低", "下降", "减少", "缩小", "前移")  # 前移 of a rank: a smaller number
# An increase stated as a difference without 累计 (提高1岁, 提高5个百分点, 下降3个百分点): the change
# over the period. 增长8% is not one: a growth figure without 累计 is a rate per year.
_DIFF_VERBS = ("提高", "提升", "增加", "降低", "下降", "减少")


def _num(s: str | None) -> float | None:
    if s is None:
        return None
    v = float(s)
    return int(v) if v.is_integer() and "." not in s else v


def _unit_ok(unit: str | None) -> bool:
    return not unit or unit == "%" or is_unit(unit)


def _verb_direction(verb: str) -> str:
    return "lower" if verb in _DOWN_VERBS else "higher"


def _assigned(m: re.Match) -> Reading:
    return Reading("assigned", by=_LEVEL_OF[m.group("by")] if m.group("by") else "higher")


def _bracket(m: re.Match) -> Reading | None:
    if not _unit_ok(m.group("unit")):
        return None
    q = {"≥": "at_least", ">": "at_least", "≤": "at_most", "<": "at_most"}.get(m.group("cmp") or "", "exact")
    if m.group("about"):
        q = "about"
    return Reading("cumulative", value=_num(m.group("num")), qualifier=q, unit=m.group("unit") or None)


def _cumulative_words(m: re.Match) -> Reading | None:
    if not _unit_ok(m.group("unit")):
        return None
    q = "about" if m.group("about") else ("at_least" if m.group("above") else "exact")
    return Reading("cumulative", value=_num(m.group("num")), qualifier=q, unit=m.group("unit") or None,
                   verb=_verb_direction(m.group("verb") or m.group("diff")))


def _range(m: re.Match) -> Reading | None:
    unit = m.group("unit") or m.group("u1")
    if not _unit_ok(unit) or not _unit_ok(m.group("u1")):
        return None
    low, high = _num(m.group("low")), _num(m.group("high"))
    if low > high:
        low, high = high, low
    return Reading("range", low=low, high=high, unit=unit or None)


def _threshold(form: str) -> Callable[[re.Match], Reading | None]:
    def build(m: re.Match) -> Reading | None:
        if not _unit_ok(m.group("unit")):
            return None
        control = bool(m.groupdict().get("control"))
        return Reading(form, value=_num(m.group("num")), unit=m.group("unit") or None, control=control)
    return build


def _about(m: re.Match) -> Reading | None:
    if not _unit_ok(m.group("unit")):
        return None
    return Reading("about", value=_num(m.group("num")), unit=m.group("unit") or None)


def _level(m: re.Match) -> Reading | None:
    if not _unit_ok(m.group("unit")):
        return None
    return Reading("level", value=_num(m.group("num")), unit=m.group("unit") or None)


def _directional(m: re.Match) -> Reading:
    return Reading("directional", verb=_verb_direction(m.group("verb")))


def _relative(m: re.Match) -> Reading:
    word = m.group("rel")
    relation = "in_step" if ("同步" in word or "一致" in word) else (
        "not_below" if word in ("不低于", "不慢于") else "above")
    ref = m.group("ref")
    reference = ("national_average" if "全国" in ref else "provincial_average" if "全省" in ref
                 else "economic_growth_target" if "目标" in ref else "economic_growth")
    return Reading("relative", reference=reference, relation=relation)


# What a relative target can be measured against: the economy's growth, or the national average.
_REF = r"(?P<ref>全国平均水?平?|全国|全省平均水?平?|全省|(?:地区生产总值|经济|GDP|gdp)(?:目标)?(?:增长|增速)?)"
_REL_BEFORE = r"(?P<rel>高于|快于|不低于|不慢于|略高于|稍快于)"
_REL_WITH = r"(?P<rel>基本同步|同步|保持一致|基本一致|保持同步)"


# The target phrasings, in priority order: (name, pattern, builder). A builder may return None to
# let the next rule try (a number followed by words that are not a unit is not a level). A text no
# rule accepts whole is tried once more without what follows its first comma (the aside).
RULES: tuple[tuple[str, re.Pattern, Callable[[re.Match], Reading | None]], ...] = (
    # 保持在合理区间、各年度视情提出: a figure set year by year, not in the plan.
    ("annual", re.compile(r"(?:各年度|每年|年度).{0,4}(?:视情|根据情况|另行)(?:提出|确定|下达)|^保持在?合理区间"),
     lambda m: Reading("annual")),
    # 高于GDP增长, 快于全国平均, 与经济增长基本同步, 与GDP目标增速保持一致.
    ("relative_before", re.compile(rf"^(?:保持)?{_REL_BEFORE}{_REF}$"), _relative),
    ("relative_with", re.compile(rf"^与{_REF}{_REL_WITH}$"), _relative),
    ("assigned", re.compile(rf"^{_AIM}完成.*?{_BY}.*?(?:下达|考核|下任务|分解|任务|目标|指标)"), _assigned),
    # 落实省分解任务, 达到国家考核要求, 完成下达任务: a duty to meet the figure the level above sets.
    ("assigned_duty", re.compile(
        rf"^{_AIM}(?:完成|达到|落实|执行){_BY}?[^,。;]{{0,8}}?(?:下达|下|分解|考核|确定|要求)[^,。;]{{0,6}}?"
        r"(?:目标|任务|指标|要求)"), _assigned),
    ("cumulative_bracket", re.compile(
        rf"^\[(?P<cmp>[<>≤≥]?)(?P<num>{_NUM}){_UNIT}\](?P<about>左右)?(?:以上)?$"), _bracket),
    ("cumulative_words", re.compile(
        rf"^(?:较\d{{4}}年)?(?:累计(?P<verb>{'|'.join(_UP_VERBS + _DOWN_VERBS)})|(?P<diff>{'|'.join(_DIFF_VERBS)}))(?P<num>{_NUM}){_UNIT}(?P<about>左右)?(?P<above>以上)?$"),
     _cumulative_words),
    ("keep_floor", re.compile(r"^(?:保持)?(?:不减少|不降低|不下降|不减|只增不减)$"), lambda m: Reading("keep_floor")),
    ("keep_ceiling", re.compile(r"^(?:保持)?(?:不增加|不上升|不提高|只减不增)$"), lambda m: Reading("keep_ceiling")),
    ("range", re.compile(
        rf"^(?P<low>{_NUM})(?P<u1>[^\d\-—–~至]*?)(?:-|—|–|~|至)+(?P<high>{_NUM}){_UNIT}$"), _range),
    ("at_most_sign", re.compile(rf"^{_AIM}{_CONTROL}{_AT_MOST_SIGN}(?P<num>{_NUM}){_UNIT}(?:以下|以内)?$"),
     _threshold("at_most")),
    ("at_most_suffix", re.compile(rf"^{_AIM}{_REACH}{_CONTROL}(?P<num>{_NUM}){_UNIT}(?:以下|以内)$"), _threshold("at_most")),
    ("at_least_sign", re.compile(rf"^{_AIM}{_CONTROL}{_AT_LEAST_SIGN}(?P<num>{_NUM}){_UNIT}(?:以上)?$"),
     _threshold("at_least")),
    ("at_least_suffix", re.compile(rf"^{_AIM}{_REACH}{_CONTROL}(?P<num>{_NUM}){_UNIT}以上$"), _threshold("at_least")),
    ("about", re.compile(rf"^{_AIM}{_REACH}{_CONTROL}约?(?P<num>{_NUM}){_UNIT}左右$"), _about),
    ("about_prefix", re.compile(rf"^{_AIM}{_REACH}约(?P<num>{_NUM}){_UNIT}$"), _about),
    # 控制在5.5 with no sign: the figure is a ceiling kept (控制在6左右 is an about, read above).
    ("at_most_control", re.compile(rf"^{_AIM}(?P<control>控制在)(?P<num>{_NUM}){_UNIT}$"), _threshold("at_most")),
    ("level", re.compile(rf"^{_AIM}{_REACH}(?P<num>{_NUM}){_UNIT}$"), _level),
    ("directional", re.compile(
        rf"^(?:明显|大幅|显著|稳步|持续|进一步|逐步|有所|不断)?(?P<verb>{'|'.join(_UP_VERBS + _DOWN_VERBS)})$"), _directional),
)


_PER_YEAR = re.compile(r"^(?:年均|平均每年|每年)(?:增长|增速|提高)?(?P<rest>.*)$")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
# An aside follows a comma, a semicolon or an enumeration comma before words (>7、力争…), never
# an enumeration comma between figures.
_ASIDE = re.compile(r"^(?P<head>[^,;、]+)(?:[,;]|、(?=\D))(?P<aside>.*)$")
# Brackets NFKC leaves alone that plans use for period totals: 〔13.5〕, 【15】.
_BRACKETS = str.maketrans({"〔": "[", "〕": "]", "【": "[", "】": "]"})


def normalize_text(text: str | None) -> str:
    """NFKC (full-width digits and brackets to ASCII, Ⅴ to V), no spaces, no footnote stars, no
    thousands separators (1,350 is one figure; 12,力争… is a figure and an aside)."""
    if text is None:
        return ""
    t = unicodedata.normalize("NFKC", str(text))
    t = re.sub(r"\s+", "", t).replace("，", ",").replace("；", ";").translate(_BRACKETS)
    return _THOUSANDS.sub("", t.strip("*"))


@lru_cache(maxsize=4096)
def read_target_text(text: str | None) -> Reading:
    """The form and figures a target text states, by the first rule in RULES that accepts it.
    Cached: plans repeat the same few texts (完成国家下达指标, 不减少 …) many times."""
    if text is None or is_empty_cell(str(text)):
        return Reading("empty")
    t = normalize_text(text)
    if not t:
        return Reading("empty")
    if is_compound(t):
        return Reading("compound", values=_compound_values(t))
    if (m := _PER_YEAR.match(t)) and m.group("rest"):
        # 年均增长7%左右, 年均7%以上: the rest is read as usual, and its figure is a rate per year.
        inner = read_target_text(m.group("rest"))
        if inner.form in ("level", "at_least", "at_most", "about", "range"):
            return inner._replace(per_year=True)
    reading = _by_rules(t)
    if reading is None and (m := _ASIDE.match(t)):
        head = _by_rules(m.group("head"))
        if head is not None:
            reading = head._replace(aside=m.group("aside") or None)
    return reading or Reading("qualitative")


def _by_rules(t: str) -> Reading | None:
    for _name, pattern, build in RULES:
        m = pattern.match(t)
        if m:
            reading = build(m)
            if reading is not None:
                return reading
    return None


def _compound_values(t: str) -> tuple[float | None, ...]:
    return tuple(None if piece in ("-", "—") else _num(piece) for piece in re.findall(rf"{_NUM}|-|—", t))


# --- indicator traits ------------------------------------------------------------------------

# Indicators that are a rate of change per year themselves (…增长, …增速, …增长率).
_RATE_NAME = re.compile(r"(?:增长|增速|增长率|增幅|增长速度)$")
# Indicators whose figure is a fall (…降低, …下降, …减少, …降幅).
_REDUCTION_NAME = re.compile(r"(?:降低|下降|减少|降幅|降低率|下降率|减排量|减排)$")
# Quantities that should fall. Checked on the name after the target wording.
_LOWER_NAME = re.compile(
    r"降低|下降|减少|降幅|减排|死亡率|失业率|浓度|能耗|能源消耗|排放|用水量|用水总量|劣V类|V类水|黑臭|受害|成灾|"
    r"事故|发生率|贫困发生率|赤字|负债率|PM2\.5|PM10|位次|排名|化学需氧量|氨氮|二氧化硫|氮氧化物|烟粉尘|烟尘|粉尘|"
    r"挥发性有机物"
)
# Quantities that should rise.
_HIGHER_NAME = re.compile(
    r"增长|增速|增幅|提高|提升|新增|覆盖率|普及率|参保率|能力|保有量|产量|收入|寿命|优良|好于|优于|安全利用|治理率|"
    r"保持率|持证率|受教育|拥有量|数量|城镇化率|森林|蓄积|绿化|人口占比|入学率|入园率|脱贫"
)
# Rates kept under a ceiling (or above a floor) year by year rather than reached once.
_CONTROL_NAME = re.compile(r"失业率|死亡率|受害|成灾|发生率|事故|劣V类|黑臭|参保率|安全利用率")


@lru_cache(maxsize=4096)
def clean_name(name: str | None) -> str:
    """The indicator name without parenthesised asides or units: 地区生产总值（GDP）增长率 -> 地区生产总值增长率."""
    t = unicodedata.normalize("NFKC", name or "")
    t = re.sub(r"\([^()]*\)", "", t)
    return re.sub(r"\s+", "", t)


def is_growth_rate(indicator: dict) -> bool:
    """True for an indicator that is a rate of growth per year (地区生产总值增长, 研发经费投入增长).

    Such an indicator's values are already rates: evaluation compares them with the target rate
    and never takes a growth rate of them.
    """
    unit = (indicator.get("unit") or "%").strip()
    return bool(_RATE_NAME.search(clean_name(indicator.get("name")))) and unit in ("%", "％")


def is_reduction(indicator: dict) -> bool:
    """True for an indicator whose figure measures a fall (单位地区生产总值能源消耗降低)."""
    return bool(_REDUCTION_NAME.search(clean_name(indicator.get("name"))))


def _flip(direction: str) -> str:
    return "lower" if direction == "higher" else "higher"


def derive_direction(indicator: dict, reading: Reading, reduction: bool) -> tuple[str, str | None]:
    """Direction of the underlying quantity, and a note where it is an assumption.

    Order: a reduction name (the quantity falls), the target wording (≤ 控制在 / ≥ 以上,
    不减少, 明显提高), the name (死亡率, 浓度 … / 覆盖率, 收入 …), the plan's own numbers (target
    below base), and finally higher, noted as assumed.
    """
    name = clean_name(indicator.get("name"))
    if reduction:
        return "lower", None
    if reading.form in ("at_most", "keep_ceiling"):
        return "lower", None
    if reading.form in ("at_least", "keep_floor"):
        return "higher", None
    if reading.form in ("directional", "cumulative") and reading.verb:
        return reading.verb, None
    if reading.form == "cumulative" and reading.value is not None and reading.value < 0:
        return "lower", None
    if _LOWER_NAME.search(name):
        return "lower", None
    if _HIGHER_NAME.search(name):
        return "higher", None
    base, target = indicator.get("base_value"), indicator.get("target_value")
    if isinstance(base, (int, float)) and isinstance(target, (int, float)) and target != base:
        return ("higher" if target > base else "lower"), "direction from the plan's own figures (target vs base)"
    return "higher", "direction assumed higher: neither wording nor name says"


def _held_for(kind: str, reading: Reading, indicator: dict, better: str, base_value) -> tuple[str, str | None]:
    if kind not in ("at_least", "at_most"):
        return "end", None
    if reading.control:
        return "every_year", "控制在/保持: a state kept every year"
    if _CONTROL_NAME.search(clean_name(indicator.get("name"))):
        return "every_year", "a controlled rate: the threshold holds every year"
    if isinstance(base_value, (int, float)) and reading.value is not None:
        met = base_value >= reading.value if better == "higher" else base_value <= reading.value
        if met:
            return "every_year", "the base already satisfies the threshold: a floor or ceiling to keep"
    return "end", None


# --- interpret -------------------------------------------------------------------------------

_READING_KIND = {
    "level": "level", "at_least": "at_least", "at_most": "at_most", "about": "about", "range": "range",
    "directional": "directional", "qualitative": "qualitative", "assigned": "assigned", "compound": "compound",
    "empty": "none",
}


def interpret(
    indicator: dict,
    plan_period: tuple[int, int] = (2021, 2025),
    *,
    direction: str | None = None,
    held: str | None = None,
    assigned: str | float | None = None,
    prose: str | None = None,
    about_tolerance: float = ABOUT_TOLERANCE,
) -> TargetSpec:
    """The machine form of an indicator's target (a contract indicator object, or a review row).

    direction  overrides the derived direction of the underlying quantity (higher | lower)
    held       overrides when a threshold or rate must hold (end | every_year | average)
    assigned   the figure a higher level assigned for a 完成…下达指标 target ("[13.5]", "≤4.5", 13.5);
               read like a target text, and the spec keeps assigned_by
    prose      the plan's prose target about the same indicator (到2025年粮食综合生产能力保持在6.5亿吨
               以上): where the table gives only a threshold (＞6.5), its verb says whether that is a
               floor to hold every year or a level to reach (`held_in_prose`)
    """
    if direction is not None and direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, not {direction!r}")
    if held is not None and held not in HELD:
        raise ValueError(f"held must be one of {HELD}, not {held!r}")

    target_text = indicator.get("target_text")
    growth_text = indicator.get("annual_growth", indicator.get("planned_growth"))
    column, text = "target_text", target_text
    reading = read_target_text(target_text)
    if reading.form == "empty" and target_text is None and indicator.get("target_value") is not None:
        # A number with no text (hand-made indicators): read the number as written.
        text = str(indicator["target_value"])
        reading = read_target_text(text)
    if reading.form == "empty":
        column, text = "annual_growth", growth_text
        reading = read_target_text(growth_text)
    assigned_by = None
    notes: list[str] = []
    if reading.form == "assigned":
        assigned_by = reading.by
        if assigned is not None:
            column, text = "assigned", str(assigned)
            reading = read_target_text(text)
            notes.append(f"assigned figure supplied by the {assigned_by} level")
    if reading.form == "empty" and column == "annual_growth" and indicator.get("target_value") is not None:
        reading = Reading("level", value=indicator["target_value"])

    start, end = plan_period
    base_year = indicator.get("base_year")
    base_value = indicator.get("base_value")
    target_year = indicator.get("target_year") or end
    rate = is_growth_rate(indicator)
    reduction = is_reduction(indicator)
    quantity_dir, dir_note = derive_direction(indicator, reading, reduction)
    if dir_note:
        notes.append(dir_note)
    if direction is not None:
        quantity_dir = direction
        notes.append("direction set by the user")
    better = _flip(quantity_dir) if reduction else quantity_dir

    spec = dict(
        kind="none", direction=quantity_dir, reduction=reduction, rate=rate,
        base_year=base_year, base_value=base_value,
        start_year=base_year if base_year is not None else start - 1,
        target_year=target_year, period=(start, end), column=column,
        text=None if text is None else str(text), assigned_by=assigned_by, wording=reading.form,
        target_unit=reading.unit,
    )
    # Fields are gathered in a dict and the spec built once: dataclasses.replace is slow enough
    # to matter at 10,000 indicators.
    spec.update(_shape(spec, reading, indicator, column, better, about_tolerance, notes))
    if held is None and prose and spec["kind"] in ("at_least", "at_most") and not reading.control:
        from_prose = held_in_prose(prose)
        if from_prose is not None and not spec.get("rate"):
            spec["held"] = from_prose
            notes.append(f"held read from the plan's prose target: {prose}")
    if held is not None and spec["kind"] in QUANTITATIVE:
        spec["held"] = held
        notes.append("held set by the user")
    if reading.aside:
        notes.append(f"aside kept as text: {reading.aside}")
    return TargetSpec(**spec, notes=tuple(notes))


# 保持在 … 以上, 稳定在, 守住, 不低于: a state kept every year; 达到 … 以上, 提高到: a level to reach.
_PROSE_HOLD = re.compile(r"保持在|保持|稳定在|稳定|守住|守牢|不低于|不少于|不高于|不超过|控制在|以内")
_PROSE_REACH = re.compile(r"达到|提高到|提高至|提升到|提升至|增加到|增至|突破|超过")


def held_in_prose(text: str | None) -> str | None:
    """How a prose target holds its threshold: every_year (保持在6.5亿吨以上), end (达到70%以上), or
    None when its wording says neither. A hold verb wins when both occur (保持…达到 is rare and the
    keeping is the commitment)."""
    t = normalize_text(text)
    if _PROSE_HOLD.search(t):
        return "every_year"
    if _PROSE_REACH.search(t):
        return "end"
    return None


def _shape(spec: dict, r: Reading, indicator: dict, column: str, better: str,
           about_tolerance: float, notes: list[str]) -> dict:
    """Give the reading its kind, given what the indicator is (a rate, a reduction, a level)."""
    form = r.form
    if form == "compound":
        parts = tuple(p for p in re.split(r"/(?![^()（）]*[)）])", indicator.get("name") or "") if p)
        return dict(kind="compound", values=r.values, parts=parts if len(parts) == len(r.values) else ())
    if form in ("keep_floor", "keep_ceiling"):
        if spec["base_value"] is None:
            notes.append("不减少/不增加 without a base value: nothing to hold")
            return dict(kind="qualitative")
        kind = "at_least" if form == "keep_floor" else "at_most"
        return dict(kind=kind, value=spec["base_value"], held="every_year")
    if form == "cumulative":
        if r.verb == "lower" and not spec["reduction"]:
            # 累计下降15 on a level's name: the figure is the fall, observed as the fall.
            return dict(kind="cumulative_change", value=r.value, qualifier=r.qualifier,
                        reduction=True, observed_as="change")
        if spec["direction"] == "lower" and not spec["reduction"] and r.value is not None and r.value > 0:
            # 化学需氧量 [≥17.6]: an unsigned change of a quantity that should fall is a fall.
            return dict(kind="cumulative_change", value=r.value, qualifier=r.qualifier,
                        reduction=True, observed_as="change")
        return dict(kind="cumulative_change", value=r.value, qualifier=r.qualifier,
                    observed_as=_cumulative_observed_as(indicator, spec))
    if form == "relative":
        return dict(kind="relative", reference=r.reference, relation=r.relation,
                    held="average", observed_as="rate" if spec["rate"] else "level")
    if form == "annual":
        notes.append("a target set year by year: judged against that year's annual target")
        return dict(kind="annual", observed_as="rate" if spec["rate"] else "level")
    if form not in ("level", "at_least", "at_most", "about", "range"):
        return dict(kind=_READING_KIND[form])

    # A figure: what it means depends on the indicator.
    if spec["rate"] or (spec["reduction"] and column == "annual_growth"):
        return _rate_target(spec, r, about_tolerance, notes)
    if spec["reduction"] and form in ("level", "about", "at_least"):
        # 二氧化硫排放总量减少 10: the fall over the whole period.
        q = {"level": "exact", "about": "about", "at_least": "at_least"}[form]
        return dict(kind="cumulative_change", value=r.value, qualifier=q, observed_as="change")
    if (column == "annual_growth" or r.per_year) and form in ("level", "at_least", "about") and not r.control:
        # 控制在0.2以下 in the growth column is still a ceiling, not a growth rate.
        q = {"level": "exact", "at_least": "at_least", "about": "about"}[form]
        return dict(kind="average_growth", value=r.value, qualifier=q, held="end",
                    tolerance=about_tolerance if q == "about" else None)
    return _level_target(spec, r, indicator, better, about_tolerance, notes)


def _rate_target(spec: dict, r: Reading, about_tolerance: float, notes: list[str]) -> dict:
    notes.append("a rate per year: its figure is a level of the rate, held on average over the period")
    kind = r.form
    if kind == "range":
        return dict(kind="range", low=r.low, high=r.high, held="average", observed_as="rate")
    tolerance = about_tolerance if kind == "about" else None
    low = high = None
    if kind == "about":
        low, high = r.value * (1 - about_tolerance), r.value * (1 + about_tolerance)
    return dict(kind=kind, value=r.value, low=low, high=high, tolerance=tolerance,
                held="average", observed_as="rate")


def _level_target(spec: dict, r: Reading, indicator: dict, better: str,
                  about_tolerance: float, notes: list[str]) -> dict:
    kind = r.form
    if kind == "range":
        return dict(kind="range", low=r.low, high=r.high, held="end")
    if kind == "about":
        half = abs(r.value) * about_tolerance
        return dict(kind="about", value=r.value, low=r.value - half, high=r.value + half,
                    tolerance=about_tolerance, held="end")
    held, why = _held_for(kind, r, indicator, better, spec["base_value"])
    if why:
        notes.append(why)
    return dict(kind=kind, value=r.value, held=held)


def _cumulative_observed_as(indicator: dict, spec: dict) -> str:
    """A bracketed change on a stock indicator with a base (普及率 52 -> [23]) is observed as levels;
    on a change or flow indicator (能耗降低 [15], 新增就业 [200]) as the change itself."""
    name = clean_name(indicator.get("name"))
    stock = re.search(r"率|比例|比重|拥有量|覆盖|蓄积量|保有量", name) and not spec["reduction"] and not spec["rate"]
    if stock and spec["base_value"] is not None:
        return "level"
    if spec["base_value"] is not None and not spec["reduction"] and not spec["rate"] and not _FLOW_NAME.search(name):
        # 人均预期寿命 77.9 -> [1]: a quantity with a base level that is not itself a flow or a
        # change is observed as levels; the change is counted from the base.
        return "level"
    return "change"


# Indicators whose yearly figure is itself an amount added or done (新增就业, 造林面积, 减排量):
# a cumulative target on them sums their observations rather than differencing levels.
_FLOW_NAME = re.compile(r"新增|累计|增加|减少|降低|下降|增长|完成|建设|改造|造林|营造|治理面积|减排|投资|转移|培训|"
                        r"就业|人次|户数")
