"""Units of measure as plans write them, to tell a unit from a name or a value.

A unit is recognised by its shape, not by a list of whole units: it is built only from measure
characters (counts 个/户/项/所/人/岁, magnitudes 万/亿/千, quantities 吨/元/米/亩/标准煤 …),
percent signs and the separators / 、 ·. That admits 亿吨标准煤, 人/亿元, 1/10万 and 微克/立方米
without naming them, and rejects names such as 地区生产总值 or GDP.
"""

from __future__ import annotations

import re

_MEASURE_CHARS = (
    "%‰‱℃°"
    "个户件项所人岁年月日天次家座台辆套张床位株头只匹条篇部本册"
    "万亿千百十"
    "吨元美欧港币亩顷公里米尺平方立升斤克微毫纳秒分钟小时度瓦焦卡标准煤油当量"
    "千瓦时伏安赫兆吉太帕"
    "倍点分值级类遇一"
    "kKmMgGtTLlWwhHVvAaμ³²"
    "0123456789./／、·*() （）-"
)
_UNIT = re.compile("^[" + re.escape(_MEASURE_CHARS) + "]{1,12}$")
_HAS_MEASURE = re.compile(r"[%‰‱℃个户件项所人岁年天次家座台辆套张吨元米里亩顷克瓦倍位株条遇点级万升]")


# Units of information, whose letters and characters the measure shapes do not hold (Mbps, 太字节).
_INFORMATION_UNIT = re.compile(r"^(?:[kKMGTP]?bps|[KMGTP]?B|[千兆吉太拍]?字节|[千兆吉]?比特)(?:/s)?$")


# SI units written in Latin letters, as water and energy tables give them after the number (75L/d,
# 120m3/s, 5kg): a symbol with an optional prefix, optionally per a time or a person. A lone
# letter (A, L, t) is left out: alone it is more often a grade or a label than a unit.
_LATIN_UNIT = re.compile(
    r"^(?:[kMGμm]?(?:g|t|L|l|m|m2|m²|m3|m³|W|Wh|V|A|Pa|J|Hz))(?:/(?:d|h|s|a|min|人|人·d|人·日|km2|km²|m2|m²|hm2|hm²))?$"
)


def is_unit(text: str | None) -> bool:
    """True when text has the shape of a unit of measure (%, 万吨, 亿吨标准煤, 人/亿元, 微克/立方米)."""
    if not text:
        return False
    t = text.strip()
    if _INFORMATION_UNIT.match(t) or (len(t) > 1 and _LATIN_UNIT.match(t)):
        return True
    if t in ("-", "—", "–", "－"):
        return False
    if not _UNIT.match(t) or not _HAS_MEASURE.search(t):
        return False
    # A bare number (or 10万) is a value, not a unit; a rate such as 1/10万 is a unit.
    if t[0].isdigit() and "/" not in t:
        return False
    return not re.fullmatch(r"[\d./()（）\-]+", t)


def is_unit_fragment(text: str | None) -> bool:
    """A piece of a unit cut by a line wrap (微克/立方 … 米)."""
    if not text:
        return False
    t = text.strip()
    return bool(_UNIT.match(t)) and not re.fullmatch(r"[\d./()（）\-*]+", t)
