"""Quantitative and directional targets stated in prose (到2025年，森林覆盖率达到26%).

A plan states many of its targets in running text rather than in its indicator table, and a
regional plan may state all of them there. A target is a clause whose subject (a noun phrase) is
followed by a predicate the plan commits to: a level (达到26%), a bound (不低于85%), a change
(下降13.5%), a count of things to build (建设30个实训基地), a direction (明显提高) or a
qualitative end state (全覆盖, 达到国家平均水平).

How a paragraph is read:

0. Paragraphs are read normalised (Paragraph.normalized: full-width forms, stray spaces inside
   numbers and between Chinese characters, pinyin readings, traditional script), and every offset
   maps back, so a target's text and line are the plan's own and its subject is in the plan's script.
1. Background sections (发展基础, "十三五"成就, 问题挑战 …) report the past; they are skipped.
2. Each sentence is cut into clauses at ，；： and, where both sides state a target of their own,
   at 、 (so 幸福感、获得感显著增强 stays one subject, 城镇不低于20年一遇、乡镇10年一遇 does not).
3. The clause's time comes from the clause itself (到2025年, 2025年前, "十四五"末), or is inherited:
   a clause that is nothing but a time (到2025年，) sets it for the rest of its sentence (through
   the items a ；separates), or the rest of the paragraph when it opens a sentence; a heading or a
   lead-in paragraph that states a time (（一）2025年目标, 到2025年，主要目标是：) sets it for its
   section (before any heading: until one comes), and a goals section without one (发展目标) means
   the plan's last year. A year a clause states inside itself (近期2010年城镇化水平达到53%) holds
   for the clauses after it in its sentence (，城镇人口控制在160万人以内), and a span (2011年到2015年)
   means its last year. An aside in brackets that runs over clauses explains and is left out.
4. A clause describing the past is not a target: one whose own year lies before the plan period,
   one that says 截至/已/以来/"十三五"期间, or one in a background section. Years after 比/较/由 are
   comparison bases, not the clause's time (较2020年下降5% is a target for the period).
5. The ordered TARGET_RULES table below is tried on the clause; the first rule that fits wins.
   Directional and qualitative rules state no number, so they count only where the clause has a
   time (its own or inherited): without one, 显著提升 is a wish, not a target. Nor is a direction
   or a level of a subject no statistic measures (治理水平显著提高): those rules need a measurable
   head noun (率, 比重, 总量, 位次 …; _MEASURABLE_HEAD).
6. A subject is named so that it is measurable: the action an end state or a deadline completes
   joins it (荒山绿化, 泉水复流), a length or area built is measured (道路建成里程), and a scope
   follows it in full-width brackets (医院（每个县）, 防洪标准（乡镇）). The SCOPE_RULES run on the
   targets of each sentence, for enumerations that state one measure for several places. A clause
   with no subject of its own, or only a measure (，年均增速达到25%; 占全省比重…), measures the
   thing the clause before named (_NEEDS_OWNER).

Nothing here names a plan, an indicator or a place: the rules are phrasings (verbs, relation
words, units, year expressions), so the same table reads plans it has never seen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from .rules import all_cues, any_cue, cue, earliest_match, passes_cues
from ..domain.numerals import cn_to_int
from ..domain.values import as_number
from ..domain.values import normalize_digits as _normalize_digits
from .normalize import normalize_line
from .script import to_simplified
from .paragraphs import Paragraph, sentences

_FULL_WIDTH_SIGN = re.compile("[０-９．％＜＞［］，＋－]")


def normalize_digits(text: str) -> str:
    """Full-width digits and signs to ASCII, one for one; most text (paragraphs are read
    normalised already) has none, and the translation is the costly part of a scan."""
    return _normalize_digits(text) if _FULL_WIDTH_SIGN.search(text) else text


# --- vocabulary -----------------------------------------------------------------------------------

_CN_DIGITS = "〇零一二三四五六七八九"
_CN_DIGIT_VALUE = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0}
_YEAR = rf"(?:(?:19|20)\d{{2}}|二[〇零][{_CN_DIGITS}]{{2}})"

# A unit is a magnitude prefix, a measure word and an optional "per" part, by shape.
_MEASURE = (
    "个百分点|百分点|年一遇|年|微克/立方米|毫克/立方米|毫克/升|标准立方米|立方米|立方|方|平方公里|平方千米|平方米|公里|千米|"
    "公顷|公斤|斤|千瓦时|千瓦|兆瓦|吉瓦|吨标准煤|吨标煤|蒸吨|吨|亩|米|美元|元|人次|人|名|户|家|所|座|项|个|条|处|只|"
    "台|套|辆|张|床|件|篇|部|批|次|天|小时|岁|倍|分贝|度|级|株|头|棵|标箱|口|眼|宗|片|万人|GW|MW|kW|km"
)
_PER = r"(?:/(?:日|天|年|小时|人|户|万人|千人|平方公里|亿元|万元|公顷|亩))?"
# A bare magnitude is a unit too where the plan leaves the measure to the subject (人口控制在800万以内).
UNIT = rf"(?:%|‰|/\d{{0,3}}万(?![\u4e00-\u9fff])|∶1(?![\d.])|[万亿千百]*(?:{_MEASURE}){_PER}|[万亿](?=以内|以上|以下|左右|[，；。,;]|$))"
# A number is not part of a code such as 5G, P3 or PM2.5: no letter or digit right before it.
# A year (2025年) is a time, never a quantity of years: 年 counts only after other numbers (12.3年).
# A small count in Chinese numerals is a figure before 个百分点 or 倍 (提高两个百分点); a range may
# repeat its unit (6%—7%).
_NUM = (
    r"(?<![A-Za-z\d.])(?!(?:19|20)\d{2}\s*年(?!一遇))"
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|[两二三四五六七八九十]{1,3}(?=\s*(?:个百分点|百分点|倍))"
    r"|[一两二三四五六七八九十]{1,2}[百千万][一两二三四五六七八九十百千零]{0,4})"
    r"(?:\s*[%‰]?\s*[—\-–~～至到]\s*(?P<num2>\d+(?:\.\d+)?))?"
)
# A sign may stand between a verb and its figure (达到≥85%); a private-use one is a sign of unknown direction.
QTY = rf"(?P<pre>约|近|超过|不少于|[≥≤\ue000-\uf8ff])?\s*{_NUM}\s*(?P<unit>{UNIT})(?:\s*(?P<post>及以上|以上|以下|以内|左右))?"

# Degree adverbs that turn a change verb into a directional target (明显提高, 稳步前移).
_DEGREE = (
    r"(?:得到)?(?:明显|显著|大幅度?|较大幅度|大大|稳步|稳定|持续|进一步|逐步|有效|全面|基本|不断|较快|快速|"
    r"有所|适度|切实)"
)
# Change verbs that say which way a measurable quantity moves.
# (消除 is not among them: a phenomenon to be eliminated is an end state, see _END_STATE.)
_DIRECTION = r"(?:提高|提升|增加|增长|上升|下降|降低|减少|减缓|减轻|前移|增强|扩大|缩小|加快)"
# Direction phrases complete without an adverb.
_DIRECTION_WHOLE = r"(?:稳中有降|稳中有升|不减少|不降低|只增不减|不下降|(?<!双)翻[一两二三]?番|双翻番)"
# End states that are targets without a number.
_END_STATE = r"(?:全覆盖|全面覆盖[^，；]{0,24}|基本绿化|全部绿化|应绿尽绿|全部达标|稳定达标|全面达标|总体达标|(?:全部|全面)脱贫|动态清零|(?:基本|全面|全部|彻底)消除)"
# The action an end state completes on its subject (荒山基本绿化, 水质全部达标): it joins the subject,
# because the action is what a statistic counts (绿化 of the hills, 达标 of the water), while in
# 监测全覆盖 or 重污染天气基本消除 the subject alone is what is measured.
_STATE_ACTION = re.compile(r"(?:基本|全部|全面|稳定)(?P<act>绿化|达标)$")

# The head noun of a subject a statistic can measure (a rate, a share, a total, a rank …). A
# direction or a level without a number is a checkable target only for such a subject:
# 森林覆盖率明显提高 is, 治理水平显著提高 or 民生事业走在全国前列 is a wish. 度 counts except in words
# naming effort or extent (力度, 程度), 量 except in 质量/力量/能量.
_MEASURABLE_HEAD = re.compile(
    r"(?:率|比例|比重|占比|份额|(?<![力制程深广进态角])度|位次|排名|名次|排位|总量|(?<![质力能])量|人数|指数|次数|"
    r"排放|面积|收入|产值|增加值|总值|总额|规模|差距|寿命|年限|增速|速度|价格|成本|天数|里程|产量|能耗|"
    r"消耗|强度|浓度|密度|支出|投资|水位|人口|标准|(?:上升|下降|增长|减少)趋势)$"
)
# A condition after the subject that belongs to the predicate (碳排放达峰后稳中有降: the subject is 碳排放).
_CONDITION_TAIL = re.compile(r"(?:达峰|达标|建成|完成|稳定|实现)后$")
# A ranking phrase after coordinated subjects ranks each of them (经济总量和竞争力全国位次).
_SHARED_RANK_TAIL = re.compile(r"(?:在)?(?:全国|全省|全市|全区|全县|全球|全世界|中部地区|西部地区|同类城市)?(?:的)?"
                               r"(?:位次|排名|名次|排位)$")
# The level a 达到 qualitative target names (达到国家平均水平, 达到绿色矿山要求).
_LEVEL = r"(?:平均水平|先进水平|领先水平|发达国家水平|前列|要求|标准)"
# Verbs that build or deliver a counted thing (建设30个实训基地, 建成旅游公路2066公里).
_BUILD = (
    r"(?:布局建设|新改建|新建|建设|建成|打造|培育|创建|组建|建立|新增|改造|改建|完成|实施|认定|引进|培训|"
    r"淘汰|关闭|退出|治理|修复|营造|造林|突破|攻克|至少有|拥有)"
)

# Words that open a clause but belong to no subject: modal and framing words, prepositions.
_LEADING_FUNCTION = re.compile(
    r"^(?:为了?(?:保证|确保|保障|实现)|(?:规划)?提出|(?:中国|我国)的(?=[\u4e00-\u9fff]{2})|力争|确保|争取|努力|务必|预计|计划|要|将|使|让|推动|促进|带动(?!就业)|(?:基本|全面)?实现|保持|其中|同时|并且|并|且|而|"
    r"和|以及|按照|对|在|于|到|至|届时|展望|此外|进而|从而|逐步|再|最终|(?:规划)?(?:近期|中期|远期))"
)
# A subject that opens with one of these is a measure (加强…, 推进…), not a noun phrase.
_MEASURE_VERB = re.compile(
    r"^(?:加强|推进|推动|实施|开展|建立|健全|完善|加快|强化|深化|支持|鼓励|引导|坚持|落实|构建|打造|培育|发展|"
    r"优化|统筹|围绕|依托|以|把|将|对|提升|提高|扩大|增强|加大|深入|积极|大力|着力|全力|持续|不断|严格|"
    r"探索|谋划|争创|创建|建设(?!用地)|开发(?!强度|区|边界)|提供|组织|通过|利用|结合|聚焦|立足|面向|瞄准|抓好|做好|办好|形成|"
    r"推行|推广|实行|完成|关闭|淘汰)"
)
_COMPARISON_TAIL = re.compile(rf"(?:比|较|相比|同比|与)\s*(?:{_YEAR}\s*年(?:底|末)?|基期|上年|去年|[“\"]?十[一二三四五六]五[”\"]?(?:期末|末))(?:水平)?(?:相比)?$"
                              rf"|在\s*{_YEAR}\s*年(?:的)?基础上$")
_ADVERB_TAIL = re.compile(r"(?:将要|将|有望|再|进一步|分别|平均|均|累计|年均|每年|力争|争取|努力|逐年|得到|得以|稳定|保持|基本实现|全面实现|实现)$")
_PAST_MARKER = re.compile(
    r"截至|截止|已经|已(?=达|建成|完成|实现|累计|形成|超过|有)|以来|[“\"]?十[一二三]五[”\"]?(?:期间|时期|以来)|"
    r"过去五年|五年来|目前|现阶段|当前"
)
_PERIOD_MARK = re.compile(r"[“\"]?十(?P<n>[一二三])五[”\"]?(?:期间|时期|以来)")
_PERIOD_END = {"一": 2010, "二": 2015, "三": 2020}
_PAST_CUE = any_cue([_PAST_MARKER])  # its words without the optional quotes: a quicker first look
# Section titles that report the past or the situation, not the plan's own goals.
_BACKGROUND_TITLE = re.compile(
    r"(?:基础|现状|背景|成就|成效|回顾|形势|挑战|机遇|问题|不足|短板|发展环境|面临环境)$"
)
_BACKGROUND_TITLE_NOT = re.compile(r"^(?:夯实|筑牢|巩固|打牢|奠定|厚植|应对|破解|解决|补齐|补强|化解|抓住|把握)")

_ANNOUNCES_GOALS = re.compile(r"(?:以下|如下|下列)[^，。；]{0,8}(?:目标|任务|指标)|(?:目标|任务)(?:是|为|如下)[：:]?$")

# --- time expressions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TimeRule:
    name: str
    pattern: re.Pattern
    kind: str  # deadline | past | base | ignore


def _time(name: str, regex: str, kind: str) -> TimeRule:
    return TimeRule(name, re.compile(regex), kind)


# Ordered: at each place the first that matches wins. Group "y" holds the year, "fyp" a five-year
# plan ordinal; "plan_end" means the plan period's last year, "mid_century" 2050.
TIME_RULES: tuple[TimeRule, ...] = (
    # 2011年到2015年, 2021—2025年: a span's time is its last year.
    _time("span", rf"(?:从|自)?\s*{_YEAR}\s*年?\s*(?:到|至|—|－|-|–|～|~)\s*(?P<y>{_YEAR})\s*年(?:底|末)?(?!以来)", "deadline"),
    _time("comparison_base", rf"(?:比|较|相比|同比|与|由|从|基于)\s*(?P<y>{_YEAR})\s*年(?:底|末)?", "base"),
    _time("base_of_growth", rf"在\s*(?P<y>{_YEAR})\s*年(?:的)?基础上", "base"),
    _time("as_of", rf"(?:截至|截止)(?:到)?\s*(?P<y>{_YEAR})\s*年(?:底|末)?", "past"),
    _time("since", rf"(?P<y>{_YEAR})\s*年(?:以来)", "past"),
    _time("from_year_on", rf"(?P<y>{_YEAR})\s*年(?:起|后|以后|之后)", "ignore"),
    _time("by_year", rf"(?:到|至|于|在|展望)?\s*(?P<y>{_YEAR})\s*年(?:年底|底前|底|末|前|以前|之前)?", "deadline"),
    _time("five_year_plan", r"[“\"]?十(?P<fyp>[一二三四五六七八九])五[”\"]?(?:规划)?(?:末期|期末|末|时期|期间)?", "deadline"),
    _time("plan_end", r"(?P<plan_end>规划期末|规划末期|规划期内)", "deadline"),
    _time("mid_century", r"(?P<mid_century>本世纪中叶)", "deadline"),
)
# What some TIME_RULE needs (a year's digits, a five-year plan's ordinal …): most clauses have none.
TIME_CUE = any_cue(rule.pattern for rule in TIME_RULES)


@dataclass(frozen=True)
class TimeMark:
    kind: str
    year: int | None
    start: int
    end: int


def _year_value(text: str) -> int | None:
    """2025 or 二〇二五 -> 2025."""
    if text.isdigit():
        return int(text)
    digits = "".join(str(_CN_DIGIT_VALUE[ch]) for ch in text if ch in _CN_DIGIT_VALUE)
    return int(digits) if len(digits) == 4 else None


def _fyp_end(ordinal: str) -> int | None:
    """Last year of the n-th five-year plan (十四五 -> 2025); from the third on they run 1966+5(n-3)."""
    n = cn_to_int("十" + ordinal)
    return 1955 + 5 * n if n and n >= 3 else None


def time_marks(text: str, plan_end: int | None) -> list[TimeMark]:
    """The time expressions of a clause, left to right, each with what it means."""
    text = normalize_digits(text)  # one character for one: offsets stay valid
    marks: list[TimeMark] = []
    if not TIME_CUE.search(text):
        return marks
    pos = 0
    while pos < len(text):
        best = earliest_match(TIME_RULES, text, pos)
        if best is None:
            break
        rule, m = best
        groups = m.groupdict()
        if groups.get("y"):
            year = _year_value(groups["y"])
        elif groups.get("fyp"):
            year = _fyp_end(groups["fyp"])
        elif groups.get("plan_end"):
            year = plan_end
        elif groups.get("mid_century"):
            year = 2050
        else:
            year = None
        marks.append(TimeMark(rule.kind, year, m.start(), m.end()))
        pos = max(m.end(), pos + 1)
    return marks


# --- the target rules -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetRule:
    name: str
    pattern: re.Pattern
    build: Callable[[re.Match], dict | None]
    needs_time: bool = False  # counts only where the clause has a time (its own or inherited)
    continuation: bool = False  # counts only right after a quantified target of the same sentence
    measurable: bool = False  # counts only where the subject's head is a measurable quantity (_MEASURABLE_HEAD)
    requires: re.Pattern | None = None  # a cheap test the clause must pass first (a figure, a glyph)
    # The words the pattern itself requires (rules.cue), searched before it: most clauses lack them.
    cue: re.Pattern | None = None
    # What a clause must pass before the pattern is tried, the shared test first (set on creation).
    tests: tuple[re.Pattern, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "tests", tuple(t for t in (self.requires, self.cue) if t is not None))


def _figure(num: str):
    """1,350 -> 1350; a count in Chinese numerals (提高两个百分点 -> 2, 一千公里 -> 1000)."""
    if num[0].isdigit():
        return as_number(float(num.replace(",", "")))
    return _cn_figure(num)


def _cn_figure(num: str) -> int | None:
    """A Chinese numeral up to the tens of thousands (一百, 一千, 三千五百, 两万): plans and the web
    copies of them write round figures so (新建改建污水收集管线 一千 公里)."""
    if "万" in num:
        high, _, low = num.partition("万")
        h = _cn_figure(high) if high else 1
        lo = _cn_figure(low) if low else 0
        return None if h is None or lo is None else h * 10000 + lo
    if "千" in num:
        high, _, low = num.partition("千")
        h = cn_to_int(high.replace("两", "二")) if high else 1
        lo = cn_to_int(low.lstrip("零").replace("两", "二")) if low.lstrip("零") else 0
        return None if h is None or lo is None else h * 1000 + lo
    return cn_to_int(num.replace("两", "二"))


def _qty(m: re.Match) -> dict:
    """The number, unit and bound a QTY group states (2—3个 is a range: no single value)."""
    num, num2 = m.group("num"), m.group("num2")
    end = m.end("post") if m.group("post") else m.end("unit")
    out = {
        "value": None if num2 else _figure(num),
        "unit": m.group("unit"),
        "value_text": m.string[m.start("num"):end].strip(),
    }
    if num2:
        out["low"] = _figure(num)
        out["high"] = as_number(float(num2))
    return out


def _bound(m: re.Match) -> str | None:
    """The bound the words around a number add: 以上/不少于 at least, 以下/以内 at most, 约/左右 about."""
    post, pre = m.group("post"), m.group("pre")
    if post in ("以上", "及以上") or pre in ("超过", "不少于", "≥"):
        return "at_least"
    if post in ("以下", "以内") or pre == "≤":
        return "at_most"
    if pre and "\ue000" <= pre <= "\uf8ff":
        return "bound"
    if post == "左右" or pre in ("约", "近"):
        return "about"
    return None


def _level(relation: str):
    """A stated level: the bound words, where present, say more than the verb (达到50%以上 is at least).

    A subject opening with a verb that builds or fosters (培育…企业超过60家) counts its object."""

    def build(m: re.Match) -> dict:
        subject = m.group("subject").strip()
        if _MEASURE_VERB.match(subject) and _COUNT_UNIT.match(m.group("unit") or ""):
            subject = _LEADING_BUILD.sub("", subject)
        return {"subject": subject, "relation": _bound(m) or relation, **_qty(m)}

    return build


def _change(relation: str):
    """A change by an amount keeps its relation; a bound on the amount goes in "bound".

    The subject is the quantity that changes (单位地区生产总值能耗, relation decrease), as
    tests/fixtures expect; where the greedy subject took 年均 from 年均增长 it is dropped with it.
    """

    def build(m: re.Match) -> dict:
        out = {"subject": m.group("subject"), "relation": relation, **_qty(m)}
        if b := _bound(m):
            out["bound"] = b
        change = re.sub(r"(?:为|达到?|保持在)$", "", m.group("change"))
        out["_change"] = ("年均" if m.group("subject").rstrip().endswith("年均") else "") + change
        return out

    return build


def _count(m: re.Match) -> dict:
    """建设30个实训基地: the thing counted is the subject; 城镇新增就业25万人 keeps 新增 in its name."""
    verb = m.group("verb")
    subject = _object(m.group("object"))
    if verb.endswith("新增"):
        # 新增 names a change: its bound (以上) is kept apart, as for 增长 5%以上.
        owner = clean_subject(_strip_times(m.string[: m.start("verb")]))
        out = {"subject": owner + "新增" + _measured_subject(subject, "", m.group("unit")), "relation": "increase",
               "verb": verb, **_qty(m)}
        if b := _bound(m):
            out["bound"] = b
        return out
    relation = "at_least" if verb == "至少有" else "reach"
    subject = _measured_subject(subject, verb, m.group("unit"))
    owner = clean_subject(_strip_times(m.string[: m.start("verb")]))
    per_head = verb == "拥有" and bool(_PER_CAPITA_END.search(owner))
    if per_head:
        # 每千人拥有社会体育指导员3.6名: a count per head of population is a rate, named in full.
        subject = owner + verb + subject
    out = {"subject": subject, "relation": _bound(m) or relation, "verb": verb, **_qty(m)}
    if not per_head and (scope := _distributive_scope(m.string[: m.start("verb")])):
        out["scope"] = scope
    return out


# The words that make a count a rate per head: 每千人, 每万人口, 每百户, 每千名老年人.
_PER_CAPITA_END = re.compile(r"每[十百千万]*(?:人口?|户|名[\u4e00-\u9fff]{0,4})$")
_COUNT_UNIT = re.compile(r"^[万亿千百]*(?:个|家|所|座|项|处|条|只|台|套|辆|张|件|批|部|名|户|株|头|棵|口|眼|宗|片)$")
_LEADING_BUILD = re.compile(rf"^(?:{_BUILD})+(?=[\u4e00-\u9fff]{{2}})")


# A thing built and measured by a length or an area is not counted: its length or area is
# (建成旅游公路2066公里 -> 旅游公路建成里程; 新建高标准农田50万亩 -> 高标准农田新建面积).
_MEASURED_BY = (
    (re.compile(r"^[万亿千百]*(?:公里|千米|米|km)$"), "里程"),
    (re.compile(r"^[万亿千百]*(?:亩|公顷|平方公里|平方米)$"), "面积"),
)


# Light verbs say that work is done, not which: 完成退化林修复75万亩 measures 退化林修复面积.
_LIGHT_VERB = re.compile(r"^(?:完成|实施|开展|推进|突破|攻克|至少有|拥有)+$")


def _measured_subject(thing: str, verb: str, unit: str) -> str:
    """The object of a count, or the length/area of it that was built when the unit says so.

    With no object the verb names the work itself (新增造林200万亩 -> 新增造林面积); a one-character
    object is a word the verb group cut in two (营造林 read as 营造 + 林), left as is to be rejected.
    """
    if _MEASURABLE_HEAD.search(thing) or len(thing) == 1:
        return thing
    for unit_rule, measure in _MEASURED_BY:
        if unit_rule.match(unit or ""):
            return thing + ("" if thing and _LIGHT_VERB.match(verb) else verb) + measure
    return thing


def _distributive_scope(before_verb: str) -> str | None:
    """每个县至少有1家医院: the count holds for each 县, a scope of the target, not its subject."""
    scope = clean_subject(_strip_times(before_verb))
    return scope if re.fullmatch(r"(?:每|各)[^，；\d]{1,8}", scope) else None


def _strip_times(text: str) -> str:
    """Text without its time expressions and totals words (全流域“十四五”合计 -> 全流域)."""
    for mark in reversed(time_marks(text, None)):
        text = text[: mark.start] + text[mark.end:]
    return re.sub(r"合计|总计|累计|每年|年均", "", text)


def _object(text: str | None) -> str:
    """An object without its trailing note: 造林200万亩（包括人工造林…） counts 造林."""
    return re.sub(r"\s*[（(][^（）()]*[）)]\s*$", "", text or "").strip()


def _cumulative(m: re.Match) -> dict:
    """五年累计新增城镇就业7000人 / 累计完成448个以上建制镇污水处理设施建设任务."""
    thing = _object(m.group("object")) or _object(m.group("object2"))
    if thing and (m.group("verb") or "").endswith("新增"):
        thing = "新增" + thing
    if re.fullmatch(_DIRECTION, thing or ""):  # 万元GDP能耗累计下降20%: the cumulative change of its subject
        thing = clean_subject(m.group("subject")) + "累计" + thing
    out = {"subject": thing or m.group("subject"), "relation": "cumulative", **_qty(m)}
    if b := _bound(m):
        out["bound"] = b
    return out


def _bare(m: re.Match) -> dict:
    """乡镇10年一遇的防洪标准: a level in a continued list; the standard named after 的 (X标准, not a
    bare 标准, which names nothing) is kept for _standard_scopes."""
    out = _level("reach")(m)
    standard = re.match(r"[^，；]{1,10}?标准", (m.group("of") or "").strip())
    if standard and len(standard.group()) > 2:
        out["_standard"] = standard.group()
    return out


def _zero(m: re.Match) -> dict:
    """实现生活垃圾"零填埋": the quantity named after 零 is to be zero."""
    pre = clean_subject(re.sub(r"(?:基本|全面|逐步|率先|力争)+$", "", m.group("pre")))
    return {"subject": pre + m.group("subject") + m.group("thing"), "relation": "reach", "value": 0, "unit": None,
            "value_text": "零" + m.group("thing")}


def _work_amount(m: re.Match) -> dict | None:
    subject = _measured_subject("", m.group("verb"), m.group("unit"))
    if not subject:
        return None
    return {"subject": subject, "relation": _bound(m) or "reach", "verb": m.group("verb"), **_qty(m)}


def _change_verb_first(m: re.Match) -> dict:
    relation = "decrease" if m.group("change") in ("降低", "下降", "减少") else "increase"
    out = {"subject": m.group("subject"), "relation": relation, **_qty(m)}
    if b := _bound(m):
        out["bound"] = b
    out["_change"] = (m.group("avg") or "") + m.group("change")
    return out


def _achieve(m: re.Match) -> dict:
    if not is_measurable(m.group("object")):
        return None  # 实现市区与各县之间1小时快速联系 is a link, not a measure
    owner = clean_subject(m.group("owner"))
    subject = (owner if owner and not _MEASURE_VERB.match(owner) else "") + m.group("object")
    return {"subject": subject, "relation": _bound(m) or "reach", **_qty(m)}


def _directional(m: re.Match) -> dict:
    return {"subject": m.group("subject"), "relation": "directional", "value": None, "unit": None,
            "direction": m.group("direction")}


def _qualitative(m: re.Match) -> dict:
    return {"subject": m.group("subject"), "relation": "qualitative", "value": None, "unit": None,
            "state": m.group("state")}


def _end_state(m: re.Match) -> dict:
    """荒山基本绿化 -> 荒山绿化: the action an end state completes joins its subject (_STATE_ACTION)."""
    out = _qualitative(m)
    if act := _STATE_ACTION.search(m.group("state")):
        out["subject"] = clean_subject(out["subject"]) + act.group("act")
    return out


def _deadline_event(m: re.Match) -> dict:
    """泉水2025年前复流 -> 泉水复流: the event due by the deadline is what is checked, so it names the target."""
    out = _qualitative(m)
    out["subject"] = clean_subject(out["subject"]) + m.group("state")
    return out


_FROM_YEAR_ON = re.compile(rf"{_YEAR}\s*年(?:起|后|以后|之后)")


def _all_meet(m: re.Match) -> dict:
    """2022年起新建园区全部达到…标准: what is measured is the share meeting the level, so the level joins
    the subject; a from-year qualifier (2022年起新建园区) says which ones, kept as the scope."""
    out = _qualitative(m)
    raw = normalize_digits(m.group("subject"))
    level = re.sub(r"^(?:全部|均|100%)", "", m.group("state"))
    out["subject"] = clean_subject(raw) + level
    if _FROM_YEAR_ON.search(raw):
        out["scope"] = re.sub(r"\s+", "", _LEADING_FUNCTION.sub("", raw.strip(" ，,、")))
    return out


def _rule(name, regex, build, **kw) -> TargetRule:
    if "(?P<num>" in regex and "requires" not in kw:
        kw["requires"] = _HAS_FIGURE  # a rule stating a quantity needs a figure in the clause
    pattern = re.compile(regex)
    words = cue(pattern)  # None for a pattern that requires nothing definite: no test then
    return TargetRule(name, pattern, build, cue=re.compile(words) if words else None, **kw)


_HAS_FIGURE = re.compile(r"\d|[两二三四五六七八九十](?:个百分点|百分点|倍)|[一两二三四五六七八九十][百千万]")


_S = r"^(?P<subject>.*)"  # greedy: the subject runs to the LAST verb of the clause (empty: the owner before)
# What may follow the figure: a note such as （占比47.6%）, never 的 (超过300吨的城市 is a qualifier).
_REST = r"(?P<rest>(?!的)[^，；]{0,16})$"

# Ordered: the first rule that fits a clause wins.
TARGET_RULES: tuple[TargetRule, ...] = (
    _rule("zero", r"^(?P<pre>.*?)(?:实现|做到|保持|达到)(?P<subject>[^“”\"零]*?)[“\"]?零(?P<thing>[\u4e00-\u9fff]{1,3})[”\"]?$", _zero),
    # (累计保有量达到200万辆 is a level of a cumulative stock: a level verb in the object rules it out.)
    _rule("cumulative", rf"^(?P<subject>.*?)累计(?P<verb>{_BUILD})?(?P<object>(?:(?!达到|力争|超过|提高到|增加到)[^，；\d]){{0,24}}?)\s*{QTY}(?:的)?"
          rf"(?P<object2>[^，；]{{0,24}})$", _cumulative),
    _rule("reach", rf"{_S}(?:达到|达|提高到|提升到|增加到|增长到|扩大到|增至|提高至|提升至|上升到|上升至|恢复到|恢复至|降至|降到|"
          rf"下降到|下降至|降低到|降低至|减少到|减少至|减至|缩小到|缩短到|稳定在|保持在|保持|(?<![以作成因认称视])为)"
          rf"(?:(?<=[到至在])[^，；\d]{{1,16}}?的)?\s*{QTY}{_REST}", _level("reach")),
    _rule("count_bound", rf"(?P<verb>(?:{_BUILD})+)\s*(?=约|近|超过|不少于){QTY}(?:的)?(?P<object>[^，；\d]{{2,36}})$", _count),
    _rule("at_least", rf"{_S}(?<!不)(?:不低于|不少于|不小于|超过|突破|高于|大于|≥)\s*{QTY}{_REST}", _level("at_least")),
    _rule("at_most", rf"{_S}(?:控制在(?:[^，；]{{0,24}}?的)?|不超过|不高于|不大于|低于|少于|小于|≤)\s*{QTY}{_REST}", _level("at_most")),
    # 2015年在315万人以内: a bound stated with 在 and 以内/以下 alone.
    _rule("within", rf"{_S}(?<![存现实所])在\s*(?=[\d约近])(?P<pre>约|近)?\s*{_NUM}\s*(?P<unit>{UNIT})\s*(?P<post>以内|以下){_REST}",
          _level("at_most")),
    # A private-use glyph before a figure is a comparison sign one embedded font drew (glyphs.py
    # repairs the ones with evidence): a bound whose direction the text no longer shows.
    _rule("unread_bound", rf"{_S}[\ue000-\uf8ff]\s*{QTY}{_REST}", _level("bound"),
          requires=re.compile(r"[\ue000-\uf8ff]\s*\d")),
    _rule("decrease", rf"{_S}(?P<change>下降|降低|减少|削减|压减|压降|降幅为|降幅达到?|缩短)\s*{QTY}{_REST}",
          _change("decrease")),
    _rule("increase", rf"{_S}(?P<change>年均增长|增长|提高|提升|增加|增幅为|增幅达到?|上升|(?:年均)?增速(?:保持在|为|达到?)?)"
                      rf"\s*{QTY}{_REST}", _change("increase")),
    _rule("count_object", rf"(?P<verb>(?:{_BUILD})+)\s*{QTY}(?:的)?(?!以上|以下|以内|左右)(?P<object>[^，；\d]{{2,36}})$", _count),
    _rule("object_count", rf"(?P<verb>(?:{_BUILD})+)(?P<object>[^，；、等\d]{{2,24}}?)\s*{QTY}$", _count),
    # 实现林业总产值161.22亿元: what is achieved names the measure, after whose it is.
    _rule("achieve", rf"^(?P<owner>[^，；\d]{{0,16}}?)实现\s*(?P<object>[^，；\d]{{2,16}}?)\s*{QTY}{_REST}", _achieve),
    _rule("bare", rf"^(?P<subject>[^，；\d]{{2,20}}?)\s*{QTY}(?:\s*[（(][^（）()，；]{{1,3}}[）)])?(?:的(?P<of>[^，；\d]{{0,12}}))?$",
          _bare, continuation=True),
    # 建立100处示范区、500处保育小区: a count after 、 that shares the verb of the count before it.
    _rule("count_continued", rf"^\s*{QTY}(?:的)?(?!以上|以下|以内|左右)(?P<object>[^，；\d]{{2,36}})$",
          lambda m: {"subject": _object(m.group("object")), "relation": _bound(m) or "reach", **_qty(m)},
          continuation=True),
    # 每年造林6万亩以上: the work itself, measured by its unit (造林面积); a count unit names nothing.
    _rule("work_amount", rf"(?P<verb>(?:{_BUILD})+)\s*{QTY}$", _work_amount),
    # 农田灌溉水有效利用系数达到0.56, 城乡居民收入比缩小到2.3以内: a dimensionless measure has no unit.
    _rule("dimensionless", rf"^(?P<subject>[^，；]*?(?:收入比|性别比|比值|系数|指数|弹性))\s*(?:达到|达|提高到|提升到|提高至|缩小到|缩小至|"
          rf"降至|降到|下降到|下降至|稳定在|保持在|控制在|为)?\s*(?P<pre>约|近|超过|不少于|不低于|不超过|[≥≤])?\s*{_NUM}(?P<unit>)"
          rf"(?:\s*(?P<post>及以上|以上|以下|以内|左右))?(?![\d.%‰\u4e00-\u9fff])$", _level("reach")),
    # 年均降低单位地区生产总值能耗3%左右: the change verb before its subject.
    _rule("verb_first", rf"^(?P<avg>年均|累计)?(?P<change>降低|下降|减少|提高|提升|增长)(?P<subject>[^，；\d]{{4,24}}?)\s*{QTY}$",
          _change_verb_first, measurable=True),
    _rule("directional", rf"{_S}(?P<direction>{_DEGREE}{_DIRECTION}|{_DIRECTION_WHOLE}|(?<=[率度量])(?:增加|提高|提升|下降|降低|减少))$",
          _directional, needs_time=True, measurable=True),
    _rule("end_state", rf"{_S}(?P<state>{_END_STATE})$", _end_state, needs_time=True),
    _rule("meets_level", rf"{_S}(?P<state>(?:全部|均|全面|基本)?(?:达到|居于|处于|进入|走在|快于|高于|优于|好于)(?:或(?:超过|高于|优于|好于))?[^，；\d]{{0,12}}{_LEVEL})$",
          _qualitative, needs_time=True, measurable=True),
    _rule("all_meet", rf"{_S}(?P<state>(?:全部|均|100%)达到[^，；]{{0,12}}{_LEVEL})$", _all_meet),
    # 居民人均可支配收入增长与经济增长基本同步; 全员劳动生产率增长高于地区生产总值增长.
    _rule("in_step", rf"^(?P<subject>[^，；]{{2,24}}?)(?P<state>(?:与|和|同)[^，；\d]{{2,14}}?(?:基本|保持|实现)?同步(?:增长)?)$",
          _qualitative, needs_time=True),
    _rule("outpaces", rf"^(?P<subject>[^，；]{{2,24}}?(?:增长|增速|增幅))(?P<state>(?:高于|快于|不低于|略高于)[^，；\d]{{2,16}}(?:增长|增速|增幅|水平))$",
          _qualitative, needs_time=True),
    _rule("quota", rf"{_S}(?P<state>(?:全面|如期|按期)?完成[^，；]{{0,20}}(?:指标|目标|下达(?:的)?任务)(?:任务)?)$", _qualitative, needs_time=True),
    _rule("by_deadline", rf"^(?P<subject>[^，；\d]{{2,20}}?)(?P<when>{_YEAR}\s*年(?:底前|前))(?P<state>[\u4e00-\u9fff]{{2,4}})$",
          _deadline_event, needs_time=True),
)

# A clause no rule can fit has none of their cues (the words their patterns require): one search
# turns most clauses away before any rule is tried.
_ANY_CUE = any_cue(rule.pattern for rule in TARGET_RULES)

# --- subjects -------------------------------------------------------------------------------------


# A list label the outline did not take as a heading: （2）, 3., ④.
_LIST_LABEL = re.compile(r"^(?:[（(]\s*[\d一二三四五六七八九十]{1,3}\s*[）)]|\d{1,2}[.．、](?!\d)|[①-⑳])\s*")


# A plan in articles (第15条 市域总人口规划 …) numbers each one; the subject is what follows the number.
_ARTICLE = re.compile(r"^.*第\s*\d{1,3}\s*条\s*")


# A clause opened by who commits and a modal verb (江苏要实现…, 全市将达到…): the owner and the
# verb frame the target; the noun phrase after them is its subject.
_OWNER_MODAL = re.compile(r"^[\u4e00-\u9fff]{1,6}?(?:要|将|须|需)(?:实现|达到|确保|力争)(?=[\u4e00-\u9fff]{2})")


def clean_subject(subject: str) -> str:
    """The noun phrase of a subject: time words, modal words and comparison bases stripped."""
    s = subject.strip(" \t，,；;：:、").lstrip("•·●○■□◆◇▪▶►★☆※→-—*")
    s = _OWNER_MODAL.sub("", s)
    s = _LIST_LABEL.sub("", s)
    if (article := _ARTICLE.match(s)) is not None:
        s = s[article.end():]
        # The article's own title (市域总人口规划) runs into its first sentence: the subject follows it.
        title_end = s.find("规划", 2)
        if title_end > 0 and len(s) - title_end - 2 >= 4:
            s = s[title_end + 2:]
    for _ in range(6):
        before = s
        for mark in time_marks(s, None):
            if mark.start == 0:
                s = s[mark.end:]
                break
        s = _LEADING_FUNCTION.sub("", s).lstrip(" ，,、")
        if s == before:
            break
    for _ in range(3):
        before = s
        s = _COMPARISON_TAIL.sub("", s).rstrip()
        s = re.sub(rf"(?:到|至|在)?\s*{_YEAR}\s*年(?:底前|底|末|前)?$", "", s).rstrip()
        s = _ADVERB_TAIL.sub("", s)
        s = _CONDITION_TAIL.sub("", s)
        if s == before:
            break
    s = s.strip(" ，,、的").lstrip("”\"").rstrip("“")
    return s


def is_measurable(subject: str) -> bool:
    """Whether a subject names a quantity a statistic can measure (its head noun, _MEASURABLE_HEAD)."""
    return bool(_MEASURABLE_HEAD.search(_head_part(subject)))


def _head_part(subject: str) -> str:
    """The subject without a trailing scope in brackets (防洪标准（乡镇） -> 防洪标准)."""
    return re.sub(r"[（(][^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*[）)]$", "", subject)


def _good_subject(s: str) -> bool:
    """A subject is a short noun phrase: not empty, not a measure (加强…), not a bare number."""
    if len(s) < 2 or len(s) > 40:
        return False
    if _MEASURE_VERB.match(s) or re.search(r"[。！？]", s):
        return False
    if s.count("（") + s.count("(") != s.count("）") + s.count(")"):
        return False
    return bool(re.search(r"[\u4e00-\u9fff]|[A-Z]{2,}", s))  # GDP alone names a quantity


def _split_coordinated(subject: str) -> list[str]:
    """经济总量和竞争力全国位次稳步前移: two subjects, each moving the same way.

    Only where both sides are whole phrases (4+ characters): in 生态系统质量和稳定性 the short
    稳定性 shares its head with the left side, so the subject stays one.
    """
    if re.search(r"(?:差距|差值|差异|之比|之差)$", subject):
        return [subject]  # 户籍与常住人口城镇化率差距: one measure between the two, not two measures
    parts = re.split(r"[和与及]", subject)
    if len(parts) == 2 and all(len(p) >= 4 for p in parts):
        rank = _SHARED_RANK_TAIL.search(parts[1])
        if rank and not _SHARED_RANK_TAIL.search(parts[0]):
            parts[0] += rank.group()  # 经济总量和竞争力全国位次: both are ranked
        return parts
    return [subject]


# --- clauses --------------------------------------------------------------------------------------


@dataclass
class Clause:
    text: str  # as written
    offset: int  # in the paragraph


_ASIDE = re.compile(r"[（(](其中[^（）()]*)[）)]")
_LONG_ASIDE = re.compile(r"[（(](?!其中)[^（）()]*[，,；;][^（）()]*[）)]")


_RUN_ON_TARGET = re.compile(rf"((?:以上|以下|以内|左右))(?={_BUILD}[^，,；;。\d]{{1,30}}\d)")


def _clauses(sentence_text: str, offset: int) -> list[Clause]:
    """Pieces between ，；： (and the final stop), each with its offset in the paragraph."""
    out = []
    if "（" in sentence_text or "(" in sentence_text:  # asides open with a bracket (most sentences have none)
        # A bracketed 其中 states a target of its own: 财政收入突破1000亿元（其中地方财政收入达到400亿元）.
        sentence_text = _ASIDE.sub(lambda a: "，" + a.group(1) + "，", sentence_text)
        # Any other bracketed aside that runs over clauses explains (（2010年87.5亿，每年13%递增）): it
        # is left out, so its past year does not mark the clauses after it as the past.
        sentence_text = _LONG_ASIDE.sub(lambda a: "，" * len(a.group()), sentence_text)
    # A bounded figure run into the next target with no comma (达到60%以上新建保护区80个): two
    # clauses, cut after the bound word (no character is added, so offsets hold).
    cuts = [c.end(1) for c in _RUN_ON_TARGET.finditer(sentence_text)]
    for m in re.finditer(r"[^，,；;：:。！？!?]+", sentence_text):
        bounds = [m.start()] + [c for c in cuts if m.start() < c < m.end()] + [m.end()]
        for a, b in zip(bounds, bounds[1:]):
            text = sentence_text[a:b]
            lead = len(text) - len(text.lstrip())
            if text.strip():
                out.append(Clause(text.strip(), offset + a + lead))
    return out


def _split_enumeration(clause: Clause) -> list[Clause]:
    """Cut at 、 only where both sides state a target (城镇不低于20年一遇、乡镇10年一遇)."""
    if "、" not in clause.text:
        return [clause]
    pieces: list[Clause] = []
    start = 0
    for part in clause.text.split("、"):
        pieces.append(Clause(part, clause.offset + start))
        start += len(part) + 1
    merged = [pieces[0]]
    for piece in pieces[1:]:
        prev = merged[-1]
        if _match(prev.text) and _match(piece.text):
            merged.append(piece)
        else:
            merged[-1] = Clause(prev.text + "、" + piece.text, prev.offset)
    return merged


def _match(text: str, has_time: bool = True, after_quantity: bool = True) -> tuple[TargetRule, re.Match] | None:
    """The first rule that fits the clause and whose conditions (a time, a quantity before) hold."""
    norm = normalize_digits(text)
    if not _ANY_CUE.search(norm):
        return None  # most clauses: no figure and no predicate any rule reads
    passed: dict[re.Pattern, bool] = {}  # rules share tests (a figure, a verb group): each is searched once
    for rule in TARGET_RULES:
        if (rule.needs_time and not has_time) or (rule.continuation and not after_quantity):
            continue
        for test in rule.tests:
            ok = passed.get(test)
            if ok is None:
                ok = passed[test] = test.search(norm) is not None
            if not ok:
                break
        else:
            m = rule.pattern.search(norm)
            if m:
                return rule, m
    return None


# --- scopes ---------------------------------------------------------------------------------------
# A plan often states one measure for several scopes: 污水处理率城市达到95%、建制镇达到70%, or
# 按照城镇不低于20年一遇、乡村10年一遇的防洪标准. Each item is a target of its own, named
# "measure（scope）" so the scope stays visible and the items stay apart. The rules below run on
# the targets of one sentence, in order, after the clause rules.

# Kinds of place a measure is stated for (its scope), as plans write them.
_SETTLEMENT = (
    r"(?:地级及以上城市|县级及以上城市|县城以上城镇|设区(?:的)?城?市|中心城区|主城区|城市建成区|建成区|城市|城区|市区|县城|"
    r"城镇|建制镇|重点镇|乡镇|农村|村庄|行政村|开发区|园区)"
)
# A scope item of an enumeration names a place (乡镇, 其他县（市）, 农村地区), not a thing to build.
_PLACE = re.compile(
    rf"{_SETTLEMENT}|[^，；\d]{{0,6}}(?:省|市|县|区|镇|乡|村|城|地区)(?:[（(][^（）()]{{1,8}}[）)])?"
)
# A clause that only qualifies the places the next target is for: a threshold on a quantity
# followed by 的 and a noun (日处理量超过500吨的城市（县城）).
_THRESHOLD_SCOPE = re.compile(
    rf"^[^，；]{{2,24}}?(?:超过|不足|低于|高于|大于|小于|达到|在)?\s*{QTY}的[\u4e00-\u9fff]{{1,8}}"
    r"(?:[（(][\u4e00-\u9fff、]{1,8}[）)])?$"
)


_THRESHOLD_CUES = all_cues(_THRESHOLD_SCOPE)  # a figure, a unit and 的: most clauses lack one


def _threshold_scope(clause: str) -> str | None:
    """The scope a qualifying clause (one that stated no target) sets for the next target, or None."""
    text = normalize_digits(clause)
    if not passes_cues(_THRESHOLD_CUES, text) or not _THRESHOLD_SCOPE.match(text):
        return None
    return re.sub(r"\s+", "", _LEADING_FUNCTION.sub("", text))


def _set_scope(target: dict, head: str, scope: str) -> None:
    """Name a target "measure（scope）" and remember the measure for the items that follow."""
    target["subject"] = f"{head}（{scope}）"
    target["scope"] = scope
    target["_head"] = head


def _standard_owner(standard: str, sentence: str) -> str:
    """按照…的防洪标准，对…的骨干河道河段开展治理: the standard is the one of what the work applies to
    (骨干河道防洪标准); a section word (河段, 路段) names where the work is done, not whose standard it is."""
    m = re.search(rf"{re.escape(standard)}[，,]\s*对(?:[^，；。]*的)?(?P<owner>[\u4e00-\u9fff]{{2,12}}?)"
                  r"(?:河段|路段|区段|岸段)?(?:开展|进行|实施|推进)", sentence)
    return m.group("owner") + standard if m else standard


def _standard_scopes(targets: list[dict], sentence: str) -> None:
    """城镇不低于20年一遇、乡村10年一遇的防洪标准: the standard named after the last item is the
    measure of every item before it that names only a place."""
    for i, t in enumerate(targets):
        standard = t.get("_standard")
        if not standard:
            continue
        standard = _standard_owner(standard, normalize_digits(sentence))
        j = i
        while j > 0 and targets[j - 1].get("unit") == t.get("unit") and not is_measurable(targets[j - 1]["subject"]):
            j -= 1
        for item in targets[j: i + 1]:
            if not is_measurable(item["subject"]) and "scope" not in item:
                _set_scope(item, standard, item["subject"])


def _measure_of(target: dict) -> str | None:
    """The measure an enumeration's first item states, its own scope split off (and marked) where it
    leads the name: 县城污水处理率 -> 污水处理率（县城）, 防洪标准县城 -> 防洪标准（县城）."""
    if target.get("_head"):
        return target["_head"]
    subject = target["subject"]
    if not is_measurable(subject) and not re.search(r"标准.", subject):
        return None
    if target.get("scope"):
        return _head_part(subject)
    m = re.fullmatch(r"(?P<head>.{2,}?标准)(?P<scope>[^（(]{2,})", subject)
    if m and _PLACE.fullmatch(m.group("scope")):
        _set_scope(target, m.group("head"), m.group("scope"))
        return m.group("head")
    if m := re.match(_SETTLEMENT, subject):
        head = subject[m.end():]
        if re.match(r"[及和与、或的]", head) or not is_measurable(head):
            return None  # 建成区及周边…覆盖率: where the scope ends is not known; name nothing
        _set_scope(target, head, m.group())
        return head
    return subject


def _enumerated_scopes(targets: list[dict], sentence: str) -> None:
    """污水处理率城市达到95%、建制镇达到70%: an item that names only a place, with the same unit as
    the item before it, is that item's measure for another scope."""
    for prev, t in zip(targets, targets[1:]):
        if t.get("scope") or t.get("unit") is None or t.get("unit") != prev.get("unit"):
            continue
        if is_measurable(t["subject"]) or not _PLACE.fullmatch(t["subject"]):
            continue
        if head := _measure_of(prev):
            _set_scope(t, head, t["subject"])


# Ordered: scopes a standard names first, then the enumerations that inherit a measure.
SCOPE_RULES: tuple[Callable[[list[dict], str], None], ...] = (_standard_scopes, _enumerated_scopes)


_SHARED_MEASURE = re.compile(r"(?P<items>[^、，；（()）\d]{2,12}(?:、[^、，；（()）\d]{2,12}?)+)(?P<measure>所占比重|占比|比重)")


def _split_shared_measure(targets: list[dict]) -> list[dict]:
    """服务业从业人员、城镇就业人员所占比重不断提高: a measure without a figure shared by an
    enumeration of subjects is one target per subject (a figure would say whose it is)."""
    out = []
    for t in targets:
        m = _SHARED_MEASURE.fullmatch(t.get("subject") or "")
        if m is None or t.get("value") is not None:
            out.append(t)
            continue
        out.extend({**t, "subject": item + m.group("measure")} for item in m.group("items").split("、"))
    return out


def apply_scope_rules(targets: list[dict], sentence: str) -> None:
    """Run SCOPE_RULES on the targets of one sentence, then drop the keys only they use."""
    for rule in SCOPE_RULES:
        rule(targets, sentence)
    for t in targets:
        for key in [k for k in t if k.startswith("_")]:
            del t[key]


# --- sections -------------------------------------------------------------------------------------


@dataclass
class _Section:
    heading: object
    depth: int
    year: int | None
    background: bool


def _is_background(title: str) -> bool:
    t = re.sub(r"^[“\"]?十[一二三四五]五[”\"]?(?:时期|期间)?", "", title.strip())
    return bool(_BACKGROUND_TITLE.search(t)) and not _BACKGROUND_TITLE_NOT.match(t) and len(t) <= 16


def _lead_year(text: str, plan_end: int | None) -> int | None:
    """The year a lead-in states when the text is nothing but a time (到2025年， / （一）2025年目标)."""
    marks = [mk for mk in time_marks(text, plan_end) if mk.kind == "deadline" and mk.year]
    if not marks:
        return None
    rest = text
    for mk in reversed(marks):
        rest = rest[: mk.start] + rest[mk.end:]
    rest = re.sub(r"[，,：:。\s“”\"]|我[国省市县区]|本[省市县区]|到|至|力争|确保|争取|预计|届时|主要|具体|发展|规划|目标|任务|是|为|如下|时期|期间|"
                  r"远景|展望|愿景|阶段|近期|中期|远期|第[一二三四]|的|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]", "", rest)
    return marks[0].year if not rest else None


# --- the extractor --------------------------------------------------------------------------------


class _Reader:
    """Walks paragraphs in order, tracking the enclosing sections and the inherited time."""

    def __init__(self, heading_at: dict, meta: dict):
        period = (meta or {}).get("period") or {}
        self.plan_end = period.get("end")
        start = period.get("start")
        self.first_year = start or (self.plan_end - 4 if self.plan_end else None)
        self.heading_at = heading_at
        self.region = (meta or {}).get("region")
        self.opening_year: int | None = None
        self.stack: list[_Section] = []
        self.targets: list[dict] = []
        self.seen: set[tuple] = set()
        self._sentence = ""  # the sentence being read, for _past_marked
        self._year_in_force: int | None = None  # the year inherited at its start, likewise

    # sections
    def enter(self, heading) -> None:
        depth = getattr(heading, "depth", 0)
        if getattr(heading, "kind", "") == "box":
            depth += 0.5  # a box sits inside its heading and ends at the next heading of any kind
        while self.stack and self.stack[-1].depth >= depth:
            self.stack.pop()
        title = to_simplified(getattr(heading, "title", ""))
        self.stack.append(_Section(heading, depth, _lead_year(title, self.plan_end) or self._title_year(title),
                                   _is_background(title)))

    def _title_year(self, title: str) -> int | None:
        marks = [mk for mk in time_marks(title, self.plan_end) if mk.kind == "deadline" and mk.year]
        if marks and re.search(r"目标|展望|愿景", title):
            return marks[0].year
        if not marks and re.search(r"目标(?:[与和及][^，。]{0,4}(?:指标|任务))?$", title) and not re.search(r"远景|长远|愿景|展望", title):
            return self.plan_end  # 发展目标 without a year: the plan's own goals, due at its end
        return None

    @property
    def section_year(self) -> int | None:
        for s in reversed(self.stack):
            if s.year:
                return s.year
        return self.opening_year

    @property
    def in_background(self) -> bool:
        return any(s.background for s in self.stack)

    @property
    def section_line(self) -> int | None:
        return getattr(self.stack[-1].heading, "line", None) if self.stack else None

    # paragraphs
    def read(self, p: Paragraph) -> None:
        p = p.normalized()  # recognisers read plain digits and spaces; the text stays as written
        body_from = 0
        if p.index in self.heading_at:
            h = self.heading_at[p.index]
            if self.stack and self.stack[-1].heading is h:
                return  # a wrapped title's second line
            self.enter(h)
            body_from = _body_offset(p.text, h)
            if body_from is None:
                return
        if self.in_background:
            return
        year = self.section_year
        carried = None  # a time stated before a ；holds for the items after it, up to the 。
        for sent in sentences(p):
            if sent.offset + len(sent.text) <= body_from:
                continue
            year, at_end = self.read_sentence(p, sent, year, body_from, carried)
            carried = at_end if sent.text.rstrip().endswith(("；", ";")) else None
        lead = self._lead_in_year(p.text[body_from:])
        if lead and self.stack:
            self.stack[-1].year = lead
        elif lead:
            self.opening_year = lead  # a lead-in before any heading holds until one comes

    def _lead_in_year(self, text: str) -> int | None:
        """The year a lead-in paragraph sets for the rest of its section.

        A lead-in announces the goals that follow: it ends with a colon (到2025年，主要目标是：) or
        its last sentence says 以下/如下 … 目标 ("十四五"时期，要努力实现以下主要目标。).
        """
        last = [s for s in re.split(r"(?<=[。！？；;])", text.strip()) if s.strip()]
        if not last:
            return None
        sentence = last[-1]
        if not (text.rstrip().endswith(("：", ":")) or _ANNOUNCES_GOALS.search(sentence)):
            return None
        if text.rstrip().endswith(("：", ":")) and not _ANNOUNCES_GOALS.search(sentence):
            return _lead_year(_last_clause(sentence), self.plan_end)
        marks = [mk for mk in time_marks(sentence, self.plan_end) if mk.kind == "deadline" and mk.year]
        # 锚定二〇三五年远景目标，……“十四五”时期……实现以下主要目标: the time next to the announced
        # goals is theirs; a horizon the sentence anchors on comes first and is not.
        return marks[-1].year if marks else None

    def read_sentence(self, p: Paragraph, sent, paragraph_year, body_from: int,
                      start_year: int | None = None) -> tuple[int | None, int | None]:
        """Targets of one sentence; returns the year the rest of the paragraph inherits and the
        year in force at the sentence's end."""
        year = start_year or paragraph_year
        owner: tuple[str, bool] | None = None  # the clause before (its target's subject, or its text)
        self._sentence = sent.text
        self._year_in_force = year
        past = self._past_marked(sent.text[:12])
        quantified_before = False
        scope = None  # a qualifying clause (超过300吨的城市) scopes the target right after it
        first = len(self.targets)
        stated = None  # a year a clause stated inside itself holds for the clauses after it in the sentence
        for n, clause in enumerate(_clauses(sent.text, sent.offset)):
            if clause.offset < body_from:
                if clause.offset + len(clause.text) <= body_from:
                    continue
                cut = body_from - clause.offset  # the clause holding the label: its words after it
                clause = Clause(clause.text[cut:].strip(), body_from)
            marks = time_marks(clause.text, self.plan_end)
            own = next((mk for mk in marks if mk.kind == "deadline" and mk.year), None)
            lead = _lead_year(clause.text, self.plan_end)
            if lead:
                year = lead
                stated = None
                if n == 0:
                    paragraph_year = lead
                past = self._is_past(lead)
                continue
            if any(mk.kind == "past" for mk in marks) or self._past_marked(clause.text):
                past = True
                continue
            clause_year = own.year if own else (stated or year)
            if own and self._is_past(own.year):
                continue
            if past and not own:
                continue
            before = len(self.targets)
            piece_owner = owner
            for k, piece in enumerate(_split_enumeration(clause)):
                # A later item may state its own year and leave its subject to the item before it
                # (人均口粮不低于389公斤、到2020年不低于395公斤).
                piece_year = clause_year
                if k and (later := next((mk for mk in time_marks(piece.text, self.plan_end)
                                         if mk.kind == "deadline" and mk.year), None)):
                    piece_year = later.year
                got_before = len(self.targets)
                got = self.emit(p, piece, piece_year, quantified_before, scope, piece_owner)
                quantified_before = got
                if len(self.targets) > got_before:
                    piece_owner = (self.targets[-1]["subject"], True)
            if own and len(self.targets) > before:
                stated = own.year  # 2010年城镇化水平达到53%，城镇人口控制在160万人以内
            scope = _threshold_scope(clause.text) if len(self.targets) == before else None
            owner = (self.targets[-1]["subject"], True) if len(self.targets) > before else (clause.text, False)
        self.targets[first:] = _split_shared_measure(self.targets[first:])
        apply_scope_rules(self.targets[first:], sent.text)
        if first < len(self.targets) and (script := p.written_script(sent.offset, sent.offset + len(sent.text))):
            for t in self.targets[first:]:  # names in the script the plan is written in
                for key in ("subject", "scope"):
                    if isinstance(t.get(key), str):
                        t[key] = t[key].translate(script)
        return paragraph_year, year

    def _past_marked(self, text: str) -> bool:
        """Whether the text speaks of the past: 截至, 已经, 目前 … or an earlier plan period (“十三五”
        时期 is the past in a 十四五 plan, but the plan's own period in a 十三五 plan: a period is
        past when it ends before the plan's first year; with that year unknown, past unless the
        sentence sets a target in one of the period's years)."""
        if not _PAST_CUE.search(text):  # a quick first look: most clauses name no past at all
            return False
        for m in _PAST_MARKER.finditer(text):
            period = _PERIOD_MARK.fullmatch(m.group())
            if period is None:
                return True
            end = _PERIOD_END[period.group("n")]
            if self.first_year:
                if end < self.first_year:
                    return True
            elif not any(end - 4 <= int(y) <= end
                         for y in re.findall(r"(?<![\d年比较])(\d{4})\s*年", self._sentence)) \
                    and not (self._year_in_force and end - 4 <= self._year_in_force <= end):
                # With the plan's years unknown, a period is its own when the sentence sets a
                # target in one of its years (“十二五”时期…，2015年增加值翻一番), or when the year
                # in force is one of them (到2020年，要实现以下目标：…“十三五”时期城镇新增就业…).
                return True
        return False

    def _is_past(self, year: int | None) -> bool:
        return bool(year and self.first_year and year < self.first_year)

    def emit(self, p: Paragraph, clause: Clause, year: int | None, after_quantity: bool,
             inherited_scope: str | None = None, owner: tuple[str, bool] | None = None) -> bool:
        """Targets of one clause; True when it stated a number (so a bare 乡镇10年一遇 may follow).

        A scope the clause states itself (每个县) wins over one a qualifying clause before it set.
        """
        found = _match(clause.text, has_time=bool(year), after_quantity=after_quantity)
        if not found:
            return False
        rule, m = found
        target = rule.build(m)
        if target is None:
            return False
        subject = clean_subject(target.pop("subject"))
        if owner and (_NEEDS_OWNER.match(subject) or not subject):
            # The thing the clause before was about (地区生产总值), for 年均增速 after it; a bare
            # change (，年均增长14%) names its change word, so it is not taken for the level before.
            text, is_subject = owner
            named = (_owner(text) if is_subject else _leading_noun(text)) or ""
            subject = named + (subject or (target.get("_change", "") if named else ""))
        if (self.region and subject.startswith(self.region) and len(subject) - len(self.region) >= 2
                and subject[len(self.region)] != "域"):  # 湘潭市域总人口: 市域 is one word
            subject = subject[len(self.region):]  # the plan's own region goes without saying
        if not _good_subject(subject):
            return False
        subjects = _split_coordinated(subject) if rule.name == "directional" else [subject]
        if rule.measurable:
            subjects = [s for s in subjects if is_measurable(s)]
        each = {s: target for s in subjects}
        if len(subjects) == 1 and (pairs := _respective(subject, clause.text, m, target)):
            each = pairs
            subjects = list(pairs)
        if scope := target.pop("scope", None) or inherited_scope:
            target["scope"] = scope
            each = {f"{s}（{scope}）": t for s, t in each.items()}
            subjects = list(each)
        for s in subjects:
            target = each[s]
            key = (s, target.get("value"), target.get("unit"), target["relation"], year)
            if key in self.seen:
                continue
            self.seen.add(key)
            self.targets.append({
                "subject": s,
                **{k: target[k] for k in ("value", "unit")},
                "year": year,
                "relation": target["relation"],
                "text": p.as_written(clause.offset, clause.offset + len(clause.text)),
                "line": p.line_at(clause.offset),
                **{k: v for k, v in target.items() if k not in ("value", "unit", "relation")},
                "rule": rule.name,
                "section_line": self.section_line,
            })
        return target.get("value") is not None or "value_text" in target


_RESPECTIVE_ITEM = re.compile(rf"\s*(?:和|与|及|、)\s*{QTY}")


def _respective(subject: str, clause: str, m: re.Match, target: dict) -> dict[str, dict] | None:
    """能源消耗和二氧化碳排放分别降低13.5%和18%: several subjects, each with its own figure, in
    order (用水量、能耗、碳排放分别下降23%、15%、18%: as many figures as subjects, or none)."""
    if "分别" not in clause or "rest" not in m.groupdict():
        return None
    rest = (m.group("rest") or "").rstrip()
    items, pos = [], 0
    while pos < len(rest):
        r = _RESPECTIVE_ITEM.match(rest, pos)
        if not r:
            return None
        items.append(r)
        pos = r.end()
    if not items:
        return None
    parts = [p for p in re.split(r"[和与及、]", subject) if p]
    if len(parts) != len(items) + 1 or any(len(p) < 2 for p in parts):
        return None
    out = {parts[0]: target}
    for part, r in zip(parts[1:], items):
        out[part] = {**target, **_qty(r), "relation": _bound(r) or target["relation"]}
    return out


# A subject that is only a measure of something unnamed (年均增速, 占全省比重) measures the thing
# the clause before it was about.
_NEEDS_OWNER = re.compile(r"^(?:年均增速|年均增长率?|增长率?|增速|增幅|增加值|总产值|产值|营业收入|占[^，；]{1,12}(?:比重|比例))$")
_MEASURE_TAIL = re.compile(r"(?:[（(][A-Za-z]+[）)])?(?:年均增速|年均增长率?|增速|增幅|增长|下降|降低|减少|提高)?$")
_OWNER_HEAD = re.compile(r"^(?P<noun>[^，；\d（(]{2,20}?)(?:[（(][A-Za-z]+[）)])?"
                         r"(?=在|较|比|年均|增速|快于|慢于|保持|实现|翻|达到|突破|控制在|不?(?:超过|高于|低于))")


def _owner(subject: str) -> str | None:
    """The thing a target's subject is about: 地区生产总值年均增速 -> 地区生产总值."""
    head = _MEASURE_TAIL.sub("", subject)
    return head if len(head) >= 2 and not _NEEDS_OWNER.match(head) else None


def _leading_noun(clause: str) -> str | None:
    """The noun a clause that stated no target opens with (地区生产总值(GDP)在2018年基础上翻两番)."""
    m = _OWNER_HEAD.match(clause)
    if not m:
        whole = clean_subject(clause)  # 森林覆盖率：达到26% - a measure named before a colon
        return whole if len(whole) <= 20 and not re.search(r"\d", whole) and is_measurable(whole) else None
    noun = clean_subject(m.group("noun"))
    return noun if len(noun) >= 2 and not _MEASURE_VERB.match(noun) else None


def _last_clause(text: str) -> str:
    """The clause before a paragraph's final colon (……，我省到2035年的远景目标是：)."""
    parts = [c for c in re.split(r"[，,；;。]", text) if c.strip()]
    return parts[-1] if parts else ""


def _body_offset(text: str, heading) -> int | None:
    """Where the body of an inline heading (1．综合实力稳步提升。全县……) starts; None if it has none."""
    title = to_simplified(normalize_line(getattr(heading, "title", "") or ""))
    at = text.find(title) if title else -1
    if at < 0:
        return None
    end = at + len(title)
    if getattr(heading, "glued", False) and text[end:].strip():
        return end  # 第一节 发展目标 到2025年，… : the heading's line goes on with its first sentence
    m = re.match(r"\s*[。．.：:]", text[end:])
    if m and text[end + m.end():].strip():
        return end + m.end()
    # An item that is nothing but a target (1.人均预期寿命达到79岁；) is read whole.
    return at if _ITEM_TARGET.search(title) else None


_ITEM_TARGET = re.compile(r"\d.*(?:达到?|提高到|提升到|增长|下降|降低|不低于|不少于|不超过|控制在|超过|突破)|"
                          r"(?:达到?|提高到|提升到|增长|下降|降低|不低于|不少于|不超过|控制在|超过|突破).*\d")


def extract_targets(paragraphs: list[Paragraph], heading_at: dict, meta: dict) -> list[dict]:
    """Every prose target of the plan, in document order."""
    reader = _Reader(heading_at, meta)
    for p in paragraphs:
        reader.read(p)
    return reader.targets
