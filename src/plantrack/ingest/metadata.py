"""Plan metadata from the text: title, issuer, document number, date, level, kind, region, period.

Everything here is read from what the plan says about itself: the 通知 cover that publishes it
(文件 header, 发文字号, subject, signature, date), its own title line, or the sentence of its
preface that names it. A field the text does not state stays None: a wrong issuer or year is worse
than a missing one, because consumers file and compare plans by these fields.

Each kind of evidence is a small named rule; the rules of one field are tried in order and the
first that answers wins. Nothing here knows a particular plan or place name: administrative level
comes from the suffix of the region's name (省, 市, 县 ...), not from a list of places, except the
four municipalities directly under the central government, which look like cities but rank as
provinces. The one place the gazetteer (``domain.regions``, every GB/T 2260 unit) is consulted is a
unit nested in another (山西省运城市盐湖区): a suffix alone is too common a word to trust there
(中心城区, 开发区, 建设海洋强市), so the inner name counts only when the gazetteer lists it under the
outer one; the suffix rule still decides for places the gazetteer does not know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..domain.numerals import cn_to_int
from ..domain.regions import AmbiguousRegionError, ancestors, load_regions, lookup_region
from .clean import Line
from .script import to_simplified

# The cover and the title sit in the first lines; the goals that state a horizon sit in the first
# chapters. These bound how far each rule looks, so a document cited deep in the body cannot
# masquerade as the plan's own metadata.
_FRONT_MAX_LINES = 80
_OPENING_TOP_HEADINGS = 2  # the opening is everything before the third top-level heading
_OPENING_FALLBACK_SHARE = 0.25

_CJK = "\u4e00-\u9fff"
_CN_DIGITS = "〇零一二三四五六七八九"
_YEAR = rf"(?:\d{{4}}|[{_CN_DIGITS}]{{4}})"
_SPACE_IN_CJK = re.compile(rf"(?<=[^A-Za-z0-9\s])\s+|\s+(?=[^A-Za-z0-9\s])")

# Municipalities directly under the central government end in 市 but are provinces.
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")

# Administrative suffix -> level. Longer suffixes first so 自治州 is not read as 州.
_SUFFIX_LEVEL: tuple[tuple[str, str], ...] = (
    ("特别行政区", "province"),
    ("自治区", "province"),
    ("省", "province"),
    ("自治州", "city"),
    ("自治县", "county"),
    ("自治旗", "county"),
    ("地区", "city"),
    ("林区", "county"),
    ("特区", "county"),
    ("新区", "county"),
    ("市", "city"),
    ("州", "city"),
    ("盟", "city"),
    ("县", "county"),
    ("旗", "county"),
    ("区", "county"),
)
_LEVEL_RANK = {"national": 0, "province": 1, "city": 2, "county": 3}
# A suffix followed by one of these is a word, not a place: 城市群, 区域, 市场, 市民, 县域 ...
_NOT_AFTER_SUFFIX = "群域场民政容级内外辖直属属"
_NATIONAL_PREFIX = re.compile(r"^(?:中华人民共和国|全国|国家)")
_NATIONAL_ISSUER = re.compile(r"^(?:国务院|中共中央|国家|全国|中华人民共和国)")

_ORG_SUFFIX = r"(?:人民政府|政府|委员会|办公厅|办公室|管委会|管理委员会|[委厅局部院署办])"
_ORG_LINE = re.compile(rf"^[{_CJK}（）()]{{2,30}}{_ORG_SUFFIX}(?:\s+[{_CJK}（）()]{{2,30}}{_ORG_SUFFIX})*$")
_DATE_LINE = re.compile(
    rf"^\s*(?P<y>\d{{4}}|[{_CN_DIGITS}]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{_CN_DIGITS}十]{{1,3}})\s*月"
    rf"\s*(?P<d>\d{{1,2}}|[{_CN_DIGITS}十]{{1,3}})\s*日\s*$"
)
_DOC_NUMBER = re.compile(
    rf"[{_CJK}]{{1,12}}\s*[〔\[［（(【]\s*(?:19|20)\d{{2}}\s*[〕\]］）)】]\s*\d{{1,4}}\s*号"
)
_NOTICE_SUBJECT = re.compile(r"关于(?:印发|发布|颁布)(?P<subject>.+?)的通知")
_BOOK_TITLE = re.compile(r"《(?P<t>[^《》]{4,120})》")
_TITLE_END = re.compile(r"(?:规划|纲要|计划|方案)(?:\s*[（(]\s*\d{4}\s*[-—–~至到]+\s*\d{4}\s*年?\s*[)）])?$")
_TITLE_NOT_PLAN = re.compile(r"(?:通知|意见|建议|决定|办法|条例|报告)$")
_SELF_REFERENCE = re.compile(r"(?:编制|编制了|特编制|制定|特制定|研究制定)\s*《(?P<t>[^《》]{4,120})》")
_TOC_LINE = re.compile(r"^目\s*录$")
_PUBLIC_NOTE = re.compile(r"^[（(]此件.{0,8}[)）]$")


@dataclass(frozen=True)
class _Front:
    """The lines before the body starts (cover, title, preface) and the text of the opening chapters."""

    lines: list[Line]
    opening: str  # opening chapters joined, cited titles 《…》 blanked out


def extract_metadata(lines: list[Line], heading_at: dict) -> dict:
    """The plan's metadata as the contract names it; None wherever the text is silent."""
    front = _front(lines, heading_at)
    title = _first(_TITLE_RULES, front)
    issuer = _first(_ISSUER_RULES, front)
    region, level = _region_and_level(title, issuer)
    period = _period(title, front.opening)
    return {
        "title": title,
        "issuer": issuer,
        "doc_number": _first(_DOC_NUMBER_RULES, front),
        "issued_on": _first(_DATE_RULES, front),
        "level": level,
        "kind": plan_kind(title),
        "region": region,
        "period": {"start": period[0], "end": period[1]},
        "horizon": _horizon(title, front.opening, period[1]),
    }


def _first(rules: tuple[Callable[[_Front], str | None], ...], front: _Front) -> str | None:
    for rule in rules:
        value = rule(front)
        if value:
            return value
    return None


# --- where to look ---------------------------------------------------------------------------


def _front(lines: list[Line], heading_at: dict) -> _Front:
    """Front matter ends at the first body heading or table of contents; the opening at chapter three."""
    structural = sorted(i for i, h in heading_at.items() if getattr(h, "kind", "") != "box")
    end = min(len(lines), _FRONT_MAX_LINES)
    if structural:
        end = min(end, structural[0])
    for i in range(end):
        if _TOC_LINE.match(lines[i].text.strip()):
            end = i
            break
    top = [i for i in structural if getattr(heading_at[i], "depth", 0) == 0]
    if len(top) > _OPENING_TOP_HEADINGS:
        opening_end = top[_OPENING_TOP_HEADINGS]
    else:
        opening_end = max(end, int(len(lines) * _OPENING_FALLBACK_SHARE))
    opening = to_simplified("".join(ln.text.strip() for ln in lines[:opening_end]))
    opening = _BOOK_TITLE_ANY.sub(lambda m: "《" + " " * (len(m.group(0)) - 2) + "》", opening)
    # A repost in traditional script (發展規劃綱要, 規劃期至2025年) reads as the rules are written.
    front = [Line(ln.no, to_simplified(ln.text), ln.page_start) for ln in lines[:end]]
    return _Front(front, opening)


_BOOK_TITLE_ANY = re.compile(r"《[^《》]*》")


def _squeeze(text: str) -> str:
    """Spaces an extractor put between Chinese characters are not part of a name."""
    return _SPACE_IN_CJK.sub("", text).strip()


# --- title -----------------------------------------------------------------------------------


def _notice_text(front: _Front) -> tuple[str, int] | None:
    """The 通知's subject line(s) joined, and the index of the line after them."""
    for i, ln in enumerate(front.lines):
        if not re.search(r"关于(?:印发|发布|颁布)", ln.text):
            continue
        joined = ""
        for j in range(i, min(i + 4, len(front.lines))):
            joined += front.lines[j].text.strip()
            if "通知" in joined:
                return joined, j + 1
        return None
    return None


def _title_from_notice_citation(front: _Front) -> str | None:
    """A 通知 cites the plan it publishes as 《…》, e.g. 《某省…规划纲要》已经…审查批准."""
    notice = _notice_text(front)
    if not notice:
        return None
    _, after = notice
    body = "".join(ln.text.strip() for ln in front.lines[after : after + 8])
    for m in _BOOK_TITLE.finditer(body):
        t = _squeeze(m.group("t"))
        if _TITLE_END.search(t) and not _TITLE_NOT_PLAN.search(t):
            return t
    return None


def _title_from_notice_subject(front: _Front) -> str | None:
    """关于印发…的通知: what is printed is the plan."""
    notice = _notice_text(front)
    if not notice:
        return None
    m = _NOTICE_SUBJECT.search(notice[0])
    if not m:
        return None
    t = _squeeze(m.group("subject")).strip("《》")
    return t if _TITLE_END.search(t) else None


def _is_title_piece(text: str) -> bool:
    t = text.strip()
    return (
        0 < len(t) <= 60
        and not re.search(r"[。，,；;：:]", t)
        and not _DATE_LINE.match(t)
        and not _DOC_NUMBER.search(t)
        and not _PUBLIC_NOTE.match(t)
        and not t.endswith("文件")
    )


def _title_from_title_line(front: _Front) -> str | None:
    """A bare title line, possibly wrapped over two or three lines, ending in 规划/纲要/…"""
    start = _notice_text(front)[1] if _notice_text(front) else 0
    for i in range(start, len(front.lines)):
        text = front.lines[i].text.strip()
        if not _is_title_piece(text) or not _TITLE_END.search(_squeeze(text)):
            continue
        parts = [text]
        k = i - 1
        while k >= start and len(parts) < 3 and _is_title_piece(front.lines[k].text) and not _TITLE_END.search(
            _squeeze(front.lines[k].text)
        ) and not _ORG_LINE.match(front.lines[k].text.strip()):
            parts.insert(0, front.lines[k].text.strip())
            k -= 1
        title = _squeeze("".join(parts))
        if not _TITLE_NOT_PLAN.search(title):
            return title
    return None


def _title_from_preface(front: _Front) -> str | None:
    """A preface that says it drew up 《…规划》 names the plan itself (cover pages lost)."""
    text = "".join(ln.text.strip() for ln in front.lines)
    for m in _SELF_REFERENCE.finditer(text):
        t = _squeeze(m.group("t"))
        if re.search(r"(?:规划|纲要)$", t):
            return t
    return None


_TITLE_RULES = (_title_from_notice_citation, _title_from_notice_subject, _title_from_title_line, _title_from_preface)


# --- issuer, document number, date ------------------------------------------------------------


def _date_index(front: _Front) -> int | None:
    for i, ln in enumerate(front.lines):
        if _DATE_LINE.match(ln.text):
            return i
    return None


def _issuer_above_date(front: _Front) -> str | None:
    """The signature: the body named on the line right above the date of issue."""
    i = _date_index(front)
    if i is None or i == 0:
        return None
    above = front.lines[i - 1].text.strip()
    return re.sub(r"\s+", " ", above) if _ORG_LINE.match(above) else None


def _issuer_from_letterhead(front: _Front) -> str | None:
    """The letterhead 某某人民政府文件 names the issuing body."""
    for ln in front.lines[:10]:
        m = re.fullmatch(rf"\s*(?P<org>[{_CJK}]{{2,30}}{_ORG_SUFFIX})\s*文件\s*", ln.text)
        if m:
            return m.group("org")
    return None


def _issuer_from_subject(front: _Front) -> str | None:
    """某某人民政府关于印发…的通知: the sender heads the subject."""
    notice = _notice_text(front)
    if not notice:
        return None
    m = re.match(rf"\s*(?P<org>[{_CJK}]{{2,30}}{_ORG_SUFFIX})\s*关于", notice[0])
    return m.group("org") if m else None


# A government portal's 信息公开 block (索引号 / 发文机关 / 发文字号 / 成文日期 …) labels the
# fields it states, one label per line or several on one line; a repost keeps them.
_FIELD_LABELS = {
    "issuer": r"发文机关|发布机关|发布机构|发文单位|制发机关|印发机关|发文机构|发布单位",
    "doc_number": r"发文字号|文号|发文编号",
    "date": r"成文日期|印发日期|发文日期|成文时间|签发日期|发布日期",
}
_FIELD_END = "|".join(v for v in _FIELD_LABELS.values()) + r"|索引号|主题分类|主题词|公开方式|信息来源|标题|名称|有效性|生效日期|废止日期|体裁分类"


def _labelled(front: _Front, field: str) -> list[str]:
    """Values after `label：`, cut at the next label; all labels of the field, in document order
    (成文日期 before 发布日期 where both are given: the order of _FIELD_LABELS' alternatives)."""
    values: list[tuple[int, str]] = []
    order = _FIELD_LABELS[field].split("|")
    for ln in front.lines:
        text = ln.text.replace("\u3000", " ")
        for m in re.finditer(rf"(?P<label>{_FIELD_LABELS[field]})\s*[:：]\s*(?P<v>.*?)\s*(?=(?:{_FIELD_END})\s*[:：]|$)", text):
            if m.group("v"):
                values.append((order.index(m.group("label")), m.group("v")))
    return [v for _, v in sorted(values, key=lambda kv: kv[0])]


def _issuer_from_label(front: _Front) -> str | None:
    """发文机关：某某人民政府 (a portal's metadata block)."""
    for v in _labelled(front, "issuer"):
        v = _squeeze(v)
        if re.fullmatch(rf"[{_CJK}（）()]{{2,30}}{_ORG_SUFFIX}", v):
            return v
    return None


_ISSUER_RULES = (_issuer_above_date, _issuer_from_letterhead, _issuer_from_subject, _issuer_from_label)


def _doc_number_line(front: _Front) -> str | None:
    """The 发文字号 stands on a line of its own (or after the letterhead); cited numbers sit in prose."""
    for ln in front.lines:
        text = ln.text.strip()
        m = _DOC_NUMBER.search(text)
        if not m:
            continue
        rest = (text[: m.start()] + text[m.end() :]).strip(" \t（）()【】[]")
        if not rest or rest.endswith("文件"):
            return re.sub(r"\s+", "", m.group(0))
    return None


def _doc_number_from_label(front: _Front) -> str | None:
    """发文字号：某政发〔2021〕7号 (a portal's metadata block)."""
    for v in _labelled(front, "doc_number"):
        if m := _DOC_NUMBER.search(v):
            return re.sub(r"\s+", "", m.group(0))
    return None


def _doc_number_after_title(front: _Front) -> str | None:
    """A repost prints the number in brackets under or after the title: 某某规划（某政发〔2021〕7号）."""
    for ln in front.lines:
        if m := re.search(rf"[（(【\[]\s*(?P<n>{_DOC_NUMBER.pattern})\s*[）)】\]]\s*$", ln.text.strip()):
            if _TITLE_END.search(_squeeze(ln.text[: m.start()])) or not ln.text[: m.start()].strip():
                return re.sub(r"\s+", "", m.group("n"))
    return None


_DOC_NUMBER_RULES = (_doc_number_line, _doc_number_from_label, _doc_number_after_title)


_CN_DIGIT_VALUE = {c: (0 if c in "〇零" else "一二三四五六七八九".index(c) + 1) for c in _CN_DIGITS}


def _cn_year(text: str) -> int | None:
    """A year written in digits or digit by digit in Chinese (二〇三五)."""
    if text.isdigit():
        return int(text)
    if not all(c in _CN_DIGIT_VALUE for c in text):
        return None
    return int("".join(str(_CN_DIGIT_VALUE[c]) for c in text))


def _small_number(text: str) -> int | None:
    return int(text) if text.isdigit() else cn_to_int(text.replace("〇", "零"))


def _date_under_signature(front: _Front) -> str | None:
    """The date line of the cover (under the signature), as an ISO date."""
    i = _date_index(front)
    if i is None:
        return None
    m = _DATE_LINE.match(front.lines[i].text)
    y, mo, d = _cn_year(m.group("y")), _small_number(m.group("m")), _small_number(m.group("d"))
    if not (y and mo and d) or not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


_LOOSE_DATE = re.compile(
    rf"(?P<y>\d{{4}}|[{_CN_DIGITS}]{{4}})\s*(?:年\s*(?P<m>\d{{1,2}}|[{_CN_DIGITS}十]{{1,3}})\s*月\s*"
    rf"(?P<d>\d{{1,2}}|[{_CN_DIGITS}十]{{1,3}})\s*日|[-./](?P<m2>\d{{1,2}})[-./](?P<d2>\d{{1,2}})(?!\d))"
)


def _iso(y: str, mo: str, d: str) -> str | None:
    year, month, day = _cn_year(y), _small_number(mo), _small_number(d)
    if not (year and month and day) or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _date_from_label(front: _Front) -> str | None:
    """成文日期：2021年04月09日 or 2021-04-09 (a portal's metadata block; 成文 before 发布)."""
    for v in _labelled(front, "date"):
        if m := _LOOSE_DATE.match(v.strip()):
            if iso := _iso(m.group("y"), m.group("m") or m.group("m2"), m.group("d") or m.group("d2")):
                return iso
    return None


_DATE_RULES = (_date_under_signature, _date_from_label)


# --- region, level, kind -----------------------------------------------------------------------


_SUFFIX_ALT = "|".join(re.escape(s) for s, _ in _SUFFIX_LEVEL)
_REGION_AT_START = re.compile(rf"^(?P<name>[{_CJK}]{{2,9}}?)(?P<suffix>{_SUFFIX_ALT})(?![{_NOT_AFTER_SUFFIX}])")
# A unit nested in a province or city (山西省晋中市…): bare 区 is too common a word to trust by its
# suffix alone, so a nested 区 must be a district the gazetteer knows under the outer unit.
_DISTRICT_SUFFIXES = ("区", "林区", "特区", "新区")
_NESTED_SUFFIXES = "|".join(re.escape(s) for s, _ in _SUFFIX_LEVEL if s not in _DISTRICT_SUFFIXES)
_NESTED_REGION = re.compile(rf"^(?P<name>[{_CJK}]{{2,8}}?)(?P<suffix>{_NESTED_SUFFIXES})(?![{_NOT_AFTER_SUFFIX}])")
_NESTED_DISTRICT = re.compile(
    rf"^(?P<name>[{_CJK}]{{1,8}}?)(?P<suffix>{'|'.join(_DISTRICT_SUFFIXES)})(?![{_NOT_AFTER_SUFFIX}])"
)


def _unit_level(name: str, suffix: str) -> str:
    if name + suffix in _MUNICIPALITIES:
        return "province"
    return dict(_SUFFIX_LEVEL)[suffix]


def region_of(text: str | None) -> tuple[str | None, str | None]:
    """The administrative unit a title (or issuer) starts with, and its level.

    A chain such as 河南省洛阳市… gives the innermost unit, which is the one the plan governs.
    """
    if not text:
        return None, None
    t = _squeeze(text).lstrip("“\"《")
    if m := _NATIONAL_PREFIX.match(t):
        return (None if m.group(0) == "国家" else m.group(0)), "national"  # 国家… names no territory
    m = _REGION_AT_START.match(t)
    if not m:
        return None, None
    region, level = m.group(0), _unit_level(m.group("name"), m.group("suffix"))
    rest = t[m.end() :]
    outer = None
    while n := _nested_unit(rest, region):
        inner_level = _unit_level(n.group("name"), n.group("suffix"))
        if _LEVEL_RANK[inner_level] <= _LEVEL_RANK[level]:
            break
        outer, region, level, rest = region, n.group(0), inner_level, rest[n.end() :]
    return _qualified(region, outer), level


def _qualified(region: str, outer: str | None) -> str:
    """The region's own name, or — when several units share it (鼓楼区, 城区) — the name with the
    unit the title put before it (福州市鼓楼区), so the plan can still be filed to one place."""
    if outer is None:
        return region
    try:
        lookup_region(region, _gazetteer())
    except AmbiguousRegionError:
        return outer + region
    return region


def _nested_unit(text: str, outer: str) -> re.Match | None:
    """The unit named at the start of ``text`` inside ``outer`` (山西省 → 晋中市, 运城市 → 盐湖区).

    When the gazetteer knows ``outer``, the inner name must be a unit it lists below it, so a
    slogan ending in a suffix (天津市建设海洋强市…, 运城市中心城区…) is not read as a place. When it
    does not know ``outer`` (a name it lacks, or one it cannot single out), the suffix rule alone
    decides, and a nested bare 区 is not trusted.
    """
    by_suffix = _NESTED_REGION.match(text)
    gazetteer = _gazetteer()
    try:
        outer_found = lookup_region(outer, gazetteer)
    except AmbiguousRegionError:
        outer_found = None
    if outer_found is None or outer_found.name != outer:  # 江州市 is not 江州区: only the exact name counts
        return by_suffix
    for n in (by_suffix, _NESTED_DISTRICT.match(text)):
        if n is None:
            continue
        try:
            found = lookup_region(n.group(0), gazetteer, outer_found.code)
        except AmbiguousRegionError:  # even the outer unit does not single it out: not ours to guess
            continue
        if found is not None and outer_found.code in {a.code for a in ancestors(found.code, gazetteer)}:
            return n
    return None


_GAZETTEER: list = []


def _gazetteer() -> list:
    if not _GAZETTEER:
        _GAZETTEER.extend(load_regions())
    return _GAZETTEER


def _region_and_level(title: str | None, issuer: str | None) -> tuple[str | None, str | None]:
    region, level = region_of(title)
    if level is None and issuer:
        if _NATIONAL_ISSUER.match(issuer):
            return None, "national"
        region, level = region_of(issuer)
    return region, level


_QUOTED = re.compile(r"[“\"「『][^”\"」』]{1,30}[”\"」』]")
# Ordered: the first rule whose pattern matches the title (slogans in quotes removed) decides.
_KIND_RULES: tuple[tuple[str, re.Pattern], ...] = (
    ("spatial", re.compile(r"国土空间")),
    ("general", re.compile(r"国民经济和社会发展")),
    ("regional", re.compile(r"流域|区域|城市群|都市圈|经济区|经济带|经济圈|一体化|协同发展")),
    ("special", re.compile(r"(?:规划|纲要|计划|方案)")),
)


def plan_kind(title: str | None) -> str | None:
    """general / spatial / regional / special, from the title's words (quoted slogans ignored).

    A slogan such as “两山七河一流域” names a programme, not the territory the plan covers, so
    it must not make an ecology plan regional.
    """
    if not title:
        return None
    bare = _QUOTED.sub("", title)
    for kind, pattern in _KIND_RULES:
        if pattern.search(bare):
            return kind
    return None


# --- period and horizon --------------------------------------------------------------------------


def five_year_plan_years(n: int) -> tuple[int, int] | None:
    """Years of the n-th five-year plan (the 1st ran 1953-57; 1963-65 were an adjustment gap)."""
    if n < 1:
        return None
    start = 1953 + 5 * (n - 1) if n <= 2 else 1966 + 5 * (n - 3)
    return start, start + 4


_FYP_ORDINAL = re.compile(r"第\s*(?P<n>[一二三四五六七八九十]{1,3})\s*个\s*五\s*年")
_FYP_SHORT = re.compile(r"十(?P<d>[一二三四五六七八九])五")
_RANGE = re.compile(r"(?P<a>(?:19|20)\d{2})\s*(?:年)?\s*[-—–~～至到]+\s*(?P<b>(?:19|20)\d{2})\s*年")
_PLAN_PERIOD_RANGE = re.compile(
    r"(?:规划期(?:限|为)?|规划年限|规划时限|规划期间|实施期|本规划(?:期)?)[^。；]{0,12}?"
    r"(?P<a>(?:19|20)\d{2})\s*(?:年)?\s*[-—–~～至到]+\s*(?P<b>(?:19|20)\d{2})\s*年"
)
_PLAN_PERIOD_END = re.compile(r"规划期[^。；]{0,30}?(?:至|到)\s*(?P<b>(?:19|20)\d{2})\s*年")
# A title's bracketed span may leave out 年: 某某规划（2021-2025）.
_TITLE_RANGE = re.compile(r"[（(]\s*(?P<a>(?:19|20)\d{2})\s*年?\s*[-—–~～至到]+\s*(?P<b>(?:19|20)\d{2})\s*年?\s*[)）]")
# 规划期为“十四五”时期: the five-year plan the period names.
_PLAN_PERIOD_FYP = re.compile(r"(?:规划期(?:限|为)?|规划年限|规划时限|实施期)[^。；]{0,8}?[“\"]?十(?P<d>[一二三四五六七八九])五")
# 规划基期为2020年: the period starts the year after its base year.
_BASE_YEAR = re.compile(r"(?:规划)?基期(?:年)?(?:为|是)?\s*(?P<y>(?:19|20)\d{2})\s*年")


def _period(title: str | None, opening: str) -> tuple[int | None, int | None]:
    """Plan period: a five-year-plan ordinal or an explicit range in the title, else the preface's own words."""
    if title:
        if m := _FYP_ORDINAL.search(title):
            n = cn_to_int(m.group("n"))
            if n and (years := five_year_plan_years(n)):
                return years
        if m := _FYP_SHORT.search(title):
            if years := five_year_plan_years(10 + "一二三四五六七八九".index(m.group("d")) + 1):
                return years
        if m := _RANGE.search(title) or _TITLE_RANGE.search(title):
            return int(m.group("a")), int(m.group("b"))
    if m := _PLAN_PERIOD_RANGE.search(opening):
        return int(m.group("a")), int(m.group("b"))
    if m := _PLAN_PERIOD_FYP.search(opening):
        if years := five_year_plan_years(10 + "一二三四五六七八九".index(m.group("d")) + 1):
            return years
    if m := _PLAN_PERIOD_END.search(opening):
        base = _BASE_YEAR.search(opening)
        end = int(m.group("b"))
        start = int(base.group("y")) + 1 if base and int(base.group("y")) < end else None
        return start, end
    return None, None


_HORIZON_IN_TITLE = re.compile(rf"(?P<y>{_YEAR})\s*年\s*远景目标")
# Ordered: explicit outlook wording first; a bare 到YYYY年 only if it lies beyond the plan period.
_HORIZON_RULES: tuple[tuple[str, re.Pattern, bool], ...] = (
    ("outlook_to", re.compile(rf"展望(?:至|到)?\s*(?P<y>{_YEAR})\s*年"), False),
    ("long_range_goal", re.compile(rf"(?P<y>{_YEAR})\s*年\s*(?:远景目标|远景展望|展望)"), False),
    ("by_year_beyond_period", re.compile(rf"到\s*(?P<y>{_YEAR})\s*年"), True),
)


def _horizon(title: str | None, opening: str, period_end: int | None) -> int | None:
    """The long-range year the plan looks out to (远景目标/展望), never a year inside the period."""
    if title and (m := _HORIZON_IN_TITLE.search(title)):
        return _cn_year(m.group("y"))
    for _name, pattern, needs_period in _HORIZON_RULES:
        if needs_period and period_end is None:
            continue
        for m in pattern.finditer(opening):
            y = _cn_year(m.group("y"))
            if y and (period_end is None or period_end < y <= period_end + 30):
                return y
    return None
