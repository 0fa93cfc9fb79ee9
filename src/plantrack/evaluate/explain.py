"""The Chinese sentence behind each status: the numbers of the assessment, in words.

One function per method, each given the numbers already computed; none computes anything new,
so the sentence and the fields of the Assessment cannot disagree.
"""

from __future__ import annotations

import re

from plantrack.domain.targets import normalize_text
from plantrack.evaluate.assessment import delta_unit, fmt, pct
from plantrack.evaluate.config import COMPOUND, COMPOUND_SHARE, LINEAR, PRO_RATA
from plantrack.evaluate.observations import Obs

_METHOD_CN = {LINEAR: "线性", COMPOUND: "等比（复利）", PRO_RATA: "按年平均分摊", COMPOUND_SHARE: "按复利分摊"}
_ASSIGNERS = {"national": "国家", "provincial": "省", "municipal": "市", "higher": "上级"}


def v(x: float | None, unit: str | None) -> str:
    return f"{fmt(x)}{unit or ''}"


def quote(text: str | None) -> str:
    return f"“{text}”" if text else "（未写明）"


_FIGURE = r"[-+]?\d+(?:\.\d+)?"
_SIGN_WORDS = (("≥", "不低于"), (">", "高于"), ("≤", "不高于"), ("<", "低于"))


def target_words(text: str | None, unit: str | None) -> str:
    """A figure target as a sentence says it (高于6.5亿吨, 不高于5.5%, 累计13.5%, 65%, 6.5%左右),
    not the table's notation quoted ("＞6.5"); a target in words (明显提高, 完成国家下达指标) is quoted."""
    t = normalize_text(text)
    u = unit or ""
    if m := re.fullmatch(rf"([<>≤≥]?)({_FIGURE})(左右|以上|以下|以内)?", t):
        sign, num, tail = m.groups()
        word = dict(_SIGN_WORDS).get(sign, "")
        return f"{word}{num}{u}{tail or ''}"
    if m := re.fullmatch(rf"\[([<>≤≥]?)({_FIGURE})\](左右)?", t):
        sign, num, tail = m.groups()
        return f"累计{dict(_SIGN_WORDS).get(sign, '')}{num}{u}{tail or ''}"
    return quote(text)


def path(name, unit, base, target_year, text, observed: Obs, expected, r, status, method) -> str:
    return (f"{name}以{base['year']}年{v(base['value'], unit)}为基期，{target_year}年目标为{target_words(text, unit)}；"
            f"按{_METHOD_CN.get(method, method)}序时进度，{observed.year}年应达到{v(expected, unit)}，"
            f"实际为{v(observed.value, unit)}，完成序时进度的{pct(r)}，{status}。")


def growth_path(name, unit, base, rate, text, observed: Obs, expected, implied, r, status) -> str:
    implied_text = f"（折合年均增长{fmt(implied)}%）" if implied is not None else ""
    return (f"{name}以{base['year']}年{v(base['value'], unit)}为基期，目标年均增长{fmt(rate)}%；"
            f"按复利计算{observed.year}年应达到{v(expected, unit)}，实际为{v(observed.value, unit)}{implied_text}，"
            f"完成序时进度的{pct(r)}，{status}。")


def met_early(name, unit, target_year, text, observed: Obs, status) -> str:
    return f"{name}{observed.year}年为{v(observed.value, unit)}，已达到{target_year}年目标（{target_words(text, unit)}），{status}。"


def hold(name, unit, base, text, observed: Obs, met, status) -> str:
    state = "仍保持在目标范围内" if met else "已偏离目标"
    return (f"{name}基期（{base['year']}年{v(base['value'], unit)}）已达到目标（{target_words(text, unit)}），"
            f"{observed.year}年为{v(observed.value, unit)}，{state}，{status}。")


def every_year(name, unit, better, threshold, text, checked: list[Obs], breaches: list[Obs], status) -> str:
    cmp = "不低于" if better == "higher" else "不高于"
    values = "，".join(f"{o.year}年{v(o.value, unit)}" for o in checked)
    latest = checked[-1]
    if not breaches:
        verdict = "各年均达到"
    elif latest in breaches:
        verdict = "其中" + "、".join(str(o.year) for o in breaches) + "年未达到"
    else:
        verdict = ("其中" + "、".join(str(o.year) for o in breaches) + f"年未达到，{latest.year}年已回到目标范围内")
    return f"{name}目标为每年{cmp}{v(threshold, unit)}；{values}，{verdict}，{status}。"


def rate(name, kind, target, text, used: list[Obs], average, from_period_average, r, status) -> str:
    cmp = {"at_least": "不低于", "at_most": "不高于"}.get(kind, "")
    about = "左右" if kind == "about" else ""
    if from_period_average:
        o = used[-1]
        seen = f"观测的期间年均值为{fmt(o.value)}%（截至{o.year}年）"
    else:
        values = "、".join(f"{o.year}年{fmt(o.value)}%" for o in used)
        span = f"{used[0].year}—{used[-1].year}年" if len(used) > 1 else f"{used[0].year}年"
        seen = f"实际{values}，{span}年均{fmt(average)}%"
    return f"{name}目标为年均{cmp}{fmt(target)}%{about}；{seen}，为目标的{pct(r)}，{status}。"


def cumulative(name, unit, start, target_year, total, reduction, expected, achieved, observed: Obs, r, status, method,
               met=False) -> str:
    reached = "已达到规划期目标，" if met else ""
    def verb(x):
        if reduction:
            return "下降" if x >= 0 else "上升"
        return "增加" if x >= 0 else "减少"
    return (f"{name}目标为{start + 1}—{target_year}年累计{verb(total)}{v(abs(total), unit)}；"
            f"{_METHOD_CN.get(method, method)}，{observed.year}年应累计{verb(expected)}{v(abs(expected), unit)}，"
            f"实际累计{verb(achieved)}{v(abs(achieved), unit)}，{reached}完成序时进度的{pct(r)}，{status}。")


def directional(name, unit, base, text, observed: Obs, good, status) -> str:
    delta = observed.value - base["value"]
    move = "升高" if delta > 0 else ("降低" if delta < 0 else "持平")
    verdict = "方向符合目标" if good else "未向目标方向变化"
    return (f"{name}目标为{quote(text)}；{observed.year}年为{v(observed.value, unit)}，较{base['year']}年基期"
            f"{v(base['value'], unit)}{move}{fmt(abs(delta)) + delta_unit(unit) if delta else ''}，{verdict}，{status}。")


def manual(name, kind, text, assigned_by, parts_count, status) -> str:
    if kind == "assigned":
        why = f"由{_ASSIGNERS.get(assigned_by, '上级')}下达，尚未录入下达的具体目标值"
    elif kind == "compound":
        why = f"为复合指标（{parts_count}项），需分项评估"
    elif kind == "none":
        why = "规划未给出目标值"
    else:
        why = "为定性目标"
    return f"{name}的目标为{quote(text)}，{why}，{status}。"


def latest_seen(observed: Obs | None, unit) -> str:
    return f"最新观测值为{v(observed.value, unit)}（{observed.year}年）。" if observed else ""


def no_data(name, first, year, status, earlier: Obs | None, unit) -> str:
    span = f"{first}—{year}年" if first < year else f"{year}年"
    tail = f"（最近一次观测为{earlier.year}年{v(earlier.value, unit)}）" if earlier else ""
    return f"{name}在{span}暂无观测值{tail}，{status}。"


def missing_base(name, unit, observed: Obs, status) -> str:
    return (f"{name}缺少基期值，无法计算序时进度；{observed.year}年观测值为{v(observed.value, unit)}，"
            f"可选择某一年的观测值作为基期，{status}。")


def incomparable(name, why, candidate: Obs | None, unit, status) -> str:
    hint = f"；可选择{candidate.year}年（{v(candidate.value, unit)}）等同口径数据作为基期" if candidate else ""
    return f"{name}{why}，不能直接计算进度，{status}{hint}。"


def missing_years(name, years, status) -> str:
    return f"{name}缺少{'、'.join(str(y) for y in years)}年的年度变化值，无法累计计算，{status}。"


def caveats(observed: Obs | None, provisional: Obs | None, year: int, unit, missing: list[int],
            unconvertible: int, base_ignored: bool) -> str:
    parts = []
    if observed is not None and observed.partial:
        note = f"，{observed.note}" if observed.note else ""
        parts.append(f"{observed.year}年数据为非全年数据{note}，判断仅供参考")
    if observed is not None and observed.year < year:
        parts.append(f"最新观测为{observed.year}年，早于评估年{year}年")
    if missing:
        parts.append(f"缺{'、'.join(str(y) for y in missing)}年数据")
    if provisional is not None:
        note = f"，{provisional.note}" if provisional.note else ""
        parts.append(f"另有{provisional.year}年非全年数据{v(provisional.value, unit)}{note}，未用于判断")
    if unconvertible:
        parts.append(f"{unconvertible}条观测值单位无法换算，未使用")
    if base_ignored:
        parts.append("该方法不使用基期，所选基期未使用")
    return ("（注：" + "；".join(parts) + "。）") if parts else ""


_RELATION_CN = {"above": "高于", "in_step": "基本同步于", "not_below": "不低于"}


def relative(name, unit, text, ref_label, years, mine, theirs, rates, relation, tolerance, status) -> str:
    span = f"{years[0]}—{years[-1]}年" if len(years) > 1 else f"{years[0]}年"
    what = "年均" if rates else ""
    unit_text = "%" if rates else (unit or "")
    gap = mine - theirs
    band = f"（差距在±{fmt(tolerance)}{delta_unit(unit_text)}以内为同步）" if relation == "in_step" else ""
    return (f"{name}的目标为{quote(text)}，即{_RELATION_CN.get(relation, '')}{ref_label}{band}；"
            f"{span}{name}{what}为{v(mine, unit_text)}，{ref_label}{what}为{v(theirs, unit_text)}，"
            f"相差{fmt(gap)}{delta_unit(unit_text)}，{status}。")


def base_from_observation(base: dict, unit) -> str:
    return f"（注：规划未列基期值，以{base['year']}年观测值{v(base['value'], unit)}为基期。）"
