"""Indicator names to a normal form, by an ordered table of small named rules.

Plans name the same indicator in regular ways that differ: 地区生产总值 / GDP / 国内生产总值,
比率 / 比例 / 比重, 好于 / 优于, Latin V / Ⅴ, 降低 / 下降, 增速 / 增长率 / 增长, a scope word in front
(全省, 设区城市, 地级及以上城市), a unit in the name (森林覆盖率(%)). Each such regularity is one
rule here, applied in the order of RULES; reading the table tells everything the matcher treats
as "the same name". Irregular equivalences (单位GDP能耗 ↔ 单位地区生产总值能源消耗) are not rules:
they are synonyms in the catalogue data, where users can edit them.

A rule must never merge names that measure different things: scope words of *level* (国家级,
省级) and of *population* (城镇, 农村, 全体居民) are kept; only words that say where the plan's
own region is measured (全省, 全市, 设区城市 …) are dropped.

Text a rule drops that may change a figure's meaning (a trailing qualifier such as
(扣除沙尘异常超标天)) is reported by `normalize_with_qualifiers`, so callers can show it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..domain.units import is_unit


@dataclass(frozen=True)
class Rule:
    name: str
    apply: Callable[[str], str]
    why: str


# --- rule helpers ------------------------------------------------------------------------------

_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20


def _width(s: str) -> str:
    return s.translate(_FULLWIDTH)


_MARKUP = re.compile(r"<\s*/?\s*su[bp]\s*>|[_^]\{|\}", re.I)


def _markup(s: str) -> str:
    return _MARKUP.sub("", s)


def _whitespace(s: str) -> str:
    return re.sub(r"\s+", "", s)


QUOTE_MARKS = "“”‘’\"'「」『』《》〈〉"
_QUOTES = str.maketrans("", "", QUOTE_MARKS)


def _quotes(s: str) -> str:
    return s.translate(_QUOTES)


# Ⅰ..Ⅻ and ⅰ..ⅻ (U+2160..U+217B) to Latin letters; Latin is what plans type when the font lacks Ⅴ.
_ROMAN = "I II III IV V VI VII VIII IX X XI XII".split()
_ROMAN_MAP = {0x2160 + i: r for i, r in enumerate(_ROMAN)} | {0x2170 + i: r for i, r in enumerate(_ROMAN)}


def _roman_numerals(s: str) -> str:
    return s.translate(_ROMAN_MAP)


def _case(s: str) -> str:
    return s.upper()


def _brackets(s: str) -> str:
    return s.replace("[", "(").replace("]", ")").replace("【", "(").replace("】", ")")


_TRAILING_GROUP = re.compile(r"\(([^()]*)\)$")


def _unit_suffix(s: str) -> str:
    """森林覆盖率(%) -> 森林覆盖率; several trailing units are all dropped."""
    while True:
        m = _TRAILING_GROUP.search(s)
        if not m or not (is_unit(m.group(1)) or m.group(1) in ("%", "‰")):
            return s
        s = s[: m.start()]


def trailing_qualifier(s: str) -> str | None:
    """The parenthesised qualifier the qualifier rule would drop, or None."""
    if "/" in s:  # compound rows (省实验室/省级重点实验室/…) keep their groups
        return None
    m = _TRAILING_GROUP.search(s)
    if not m or m.start() == 0:
        return None
    return m.group(1)


def _qualifier(s: str) -> str:
    """设区城市空气质量优良天数比例(扣除沙尘异常超标天) -> …比例: a qualifier of the figure, not of
    the indicator; reported by normalize_with_qualifiers."""
    q = trailing_qualifier(s)
    return s if q is None else s[: -(len(q) + 2)]


# General statistical abbreviations: (canonical, variants). A gloss "full(ABBR)" is replaced first.
ABBREVIATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("GDP", ("地区生产总值", "国内生产总值")),
    ("PM2.5", ("细颗粒物",)),
    ("PM10", ("可吸入颗粒物",)),
    ("研发", ("研究与试验发展", "研究与实验发展", "R&D", "R＆D")),
    ("化学需氧量", ("COD",)),
    ("二氧化硫", ("SO2",)),
    ("氮氧化物", ("NOX",)),
    ("挥发性有机物", ("VOCS",)),
    ("二氧化碳", ("CO2",)),
    ("规上", ("规模以上",)),
)


def _gloss_forms() -> list[tuple[str, str]]:
    forms = []
    for canon, variants in ABBREVIATIONS:
        names = (canon, *variants)
        for full in names:
            for short in names:
                if full != short:
                    forms.append((f"{full}({short})", canon))
    return sorted(forms, key=lambda f: -len(f[0]))


_GLOSSES = _gloss_forms()
_PLAIN = sorted(((v, c) for c, vs in ABBREVIATIONS for v in vs), key=lambda f: -len(f[0]))


def _abbreviations(s: str) -> str:
    for form, canon in _GLOSSES:
        s = s.replace(form, canon)
    for form, canon in _PLAIN:
        s = s.replace(form, canon)
    return s


def _per_capita(s: str) -> str:
    """每万人口 / 每千人口 / 每十万人口 -> 每万人 …: the 口 adds nothing."""
    return re.sub(r"(每[十百千万]+人)口", r"\1", s)


# Words that say the plan's own region is measured; longest first. 城市 only at the start.
SCOPE_PREFIXES = ("地级及以上城市", "地级以上城市", "设区城市", "设区的市", "设区市", "全省", "全市", "全县",
                  "全区", "全国", "城市")


def _scope(s: str) -> str:
    changed = True
    while changed:
        changed = False
        for p in SCOPE_PREFIXES:
            if s.startswith(p) and len(s) > len(p) + 1:
                s, changed = s[len(p):], True
                break
    return s


def _better(s: str) -> str:
    return s.replace("好于", "优于")


def _ratio(s: str) -> str:
    s = s.replace("比率", "比例").replace("比重", "比例").replace("占比", "比例")
    return s


def _particle(s: str) -> str:
    """服务业增加值占GDP的比重: the 的 carries no meaning in a name."""
    return s.replace("的", "")


def _base_year(s: str) -> str:
    """PM2.5浓度较2020年下降, 用水量较2020年累计下降 -> …下降: the base year is the plan's base, a
    property of the figure. 同比 (on the previous year) is a different measure and stays."""
    return re.sub(r"(?:较|比)(?:19|20)\d{2}年(?:累计)?(?=下降|降低|增长|提高|减少)", "", s)


def _decline(s: str) -> str:
    return re.sub(r"降低|降幅|下降率", "下降", s)


def _growth(s: str) -> str:
    s = re.sub(r"增长率|增长速度|增速|增幅", "增长", s)
    return s.replace("年均增长", "增长")


RULES: tuple[Rule, ...] = (
    Rule("width", _width, "full-width Latin letters, digits and brackets are the ASCII ones"),
    Rule("markup", _markup, "PM_{2.5} and PM<sub>2.5</sub> are PM2.5"),
    Rule("whitespace", _whitespace, "spaces inside a Chinese name are layout, not words"),
    Rule("quotes", _quotes, "“双一流” and 双一流 name the same thing"),
    Rule("roman_numerals", _roman_numerals, "Ⅲ类 / III类, Ⅴ类 / V类: the Latin letters stand in for the numerals"),
    Rule("case", _case, "pm2.5 / PM2.5, VOCs / VOCS"),
    Rule("brackets", _brackets, "[ ] and 【 】 around a unit are parentheses"),
    Rule("unit_suffix", _unit_suffix, "a unit in the name (森林覆盖率(%)) belongs in the unit column"),
    Rule("qualifier", _qualifier, "a trailing qualifier of the figure ((监测井), (1-10月累计)) is not the indicator"),
    Rule("abbreviations", _abbreviations, "GDP = 地区生产总值 = 国内生产总值, PM2.5 = 细颗粒物, R&D = 研发, 规上 = 规模以上"),
    Rule("per_capita", _per_capita, "每万人口 = 每万人"),
    Rule("scope", _scope, "全省/全市/设区城市/地级及以上城市/城市 say where, not what, is measured"),
    Rule("better", _better, "达到或好于 = 达到或优于"),
    Rule("ratio", _ratio, "比率 = 比例 = 比重 = 占比"),
    Rule("particle", _particle, "占GDP的比重 = 占GDP比重"),
    Rule("base_year", _base_year, "较2020年(累计)下降 is the plan's own 下降 over its base year"),
    Rule("decline", _decline, "降低 = 下降 = 降幅"),
    Rule("growth", _growth, "增长率 = 增速 = 增幅 = 年均增长 = 增长"),
)


def plain(text: str | None) -> str:
    """Text compared as written, only its form unified: widths, spaces and quotation marks (for
    names that are not indicator names, such as projects)."""
    return _quotes(_whitespace(_width(text or "")))


def half_width(text: str) -> str:
    """Full-width Latin letters, digits and signs to ASCII."""
    return _width(text)


def normalize(name: str | None) -> str:
    """The normal form of an indicator name: every rule of RULES, in order."""
    if not name:
        return ""
    for rule in RULES:
        name = rule.apply(name)
    return name


def normalize_with_qualifiers(name: str) -> tuple[str, tuple[str, ...]]:
    """The normal form and the qualifiers dropped on the way, e.g. ('…比例', ('扣除沙尘异常超标天',))."""
    qualifiers: list[str] = []
    for rule in RULES:
        if rule.name == "qualifier":
            q = trailing_qualifier(name)
            if q:
                qualifiers.append(q)
        name = rule.apply(name)
    return name, tuple(qualifiers)


def trace(name: str) -> list[tuple[str, str]]:
    """(rule, result) for each rule that changed the name: to see why two names met or did not."""
    steps = []
    for rule in RULES:
        new = rule.apply(name)
        if new != name:
            steps.append((rule.name, new))
        name = new
    return steps


def rule(name: str) -> Rule:
    """One rule by name (for tests and for callers that want a single step)."""
    for r in RULES:
        if r.name == name:
            return r
    raise KeyError(name)
