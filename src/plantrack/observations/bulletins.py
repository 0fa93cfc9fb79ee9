"""Statistics bulletins (统计公报) as a data source: the values of catalogue concepts they state.

A bulletin says its figures in sentences: 初步核算，全年全省地区生产总值25642.59亿元，按不变价格
计算，比上年增长4.4%. The reader cuts the text (read with the plan reading engine, ingest/read.py,
and normalised as plans are) into sentences and clauses, finds each number with its unit, and
names what it measures from the words before it. Those words go through a small ordered table of
named wording rules (WORDING_RULES: the ways bulletins word what plans call otherwise, 国内生产总值
for 地区生产总值) and then through the concept catalogue, the one the indicators are matched with
(align/catalogue.py). A clause without its own name (比上年增长4.4%) measures the change of the
sentence's subject, so it is the subject's growth concept, when the catalogue has one. Only
values whose unit converts to the concept's unit are proposed.

Nothing is stored here: `propose` returns proposals for a person to accept, correct or reject;
observations/bulletin_import.py stores the accepted ones through the same checks as any file.
Each proposal keeps its line and the sentence it stands in, so the stored value cites them.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path

from ..align import units as U
from ..align.catalogue import Catalogue, default_catalogue
from ..domain.regions import Region, load_regions, resolve_region
from ..ingest.normalize import normalize_line
from ..ingest.read import read_plan_bytes
from ..ingest.script import to_simplified


class BulletinError(ValueError):
    """The bulletin cannot be read, or its region or year is unknown; Chinese message."""


@dataclass
class Proposal:
    id: str
    indicator: str  # the name as the bulletin words it
    concept: str
    concept_name: str
    region: str
    region_code: str
    year: int
    value: float  # in the concept's unit
    unit: str | None
    source_value: float  # as the bulletin writes it
    source_unit: str
    line: int
    quote: str  # the sentence

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Bulletin:
    file: str
    title: str | None
    region: str
    region_code: str
    year: int
    sha256: str
    proposals: list[Proposal]

    def to_dict(self) -> dict:
        return {"file": self.file, "title": self.title, "region": self.region, "region_code": self.region_code,
                "year": self.year, "sha256": self.sha256, "proposals": [p.to_dict() for p in self.proposals]}


# ------------------------------------------------------------------------------------ the text

_UNITS = ("万亿元", "亿元", "万元", "元/人", "美元", "元", "万人", "人", "万吨", "吨", "亿斤", "万户", "户",
          "微克/立方米", "个百分点", "百分点", "%", "‰", "万千瓦", "万公里", "公里", "公顷", "万亩", "亿立方米",
          "立方米", "倍", "岁")
_MENTION = re.compile(r"(?<![\d.])(?P<num>-?\d+(?:\.\d+)?)\s*(?P<unit>" + "|".join(re.escape(u) for u in _UNITS) + ")")
_SENTENCE_END = re.compile(r"[。；;！!？?]")
_CLAUSE_END = re.compile(r"[，,：:]")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
# Web pages that annotate characters with their pinyin: 地區(qū)生產(chǎn)總值 (damage, not text).
_PINYIN_NOTES = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zü\u00e0-\u01dc]{1,7}[)）]")
# 每立方米29微克: a concentration with its unit written around the number.
_UNIT_AROUND = re.compile(r"每立方米\s*(\d+(?:\.\d+)?)\s*微克")
# 三次产业结构为6.8:42.7:50.5 — the third figure is the tertiary (services) share of the product.
_THREE_SECTORS = re.compile(r"三次产业(?:结构|比重|构成|结构比例|比例)(?:比)?(?:为|是)?\s*(?P<a>\d+(?:\.\d+)?)\s*[:：∶]\s*"
                            r"(?P<b>\d+(?:\.\d+)?)\s*[:：∶]\s*(?P<c>\d+(?:\.\d+)?)")

# Words before a name that say when or where, not what: 初步核算，全年全省…, 年末全市…, 去年全国…
_LEAD_FILLER = re.compile(
    r"^(?:其中|初步核算|经初步核算|据初步测算|初步测算|据\d{4}年人口抽样调查|“?十[一二三四五六]五”?时期|(?:19|20)\d{2}年|"
    r"按常住人口计算|全年|年末|年底|去年|今年|全国|全省|全市|全县|全区|全州|全盟|我国|我省|我市|我县|本市|共|累计|实现|完成|[:：])+")
_LEAD_VERB = re.compile(r"(?:为|达到|达|实现|完成|是|降到|降至|升至|提高到|增加到|增至|约|总计|共计|合计)+$")
_CHANGE = re.compile(r"^(?P<name>.*?)(?P<basis>按(?:可比|不变)价格?计算)?(?P<ref>比上年末?|比(?P<year>(?:19|20)\d{2})年|同比|较上年|较(?P<year2>(?:19|20)\d{2})年)?"
                     r"(?P<cum>累计)?(?P<verb>增长|提高|上升|下降|降低|减少)$")
_SUBSET = re.compile(r"\d+个[^，,。]*?城市")
_NATIONAL_CITIES = re.compile(r"^.*?全国\d+个地级及以上城市")


# ------------------------------------------------------------------------------ wording rules
# (name, pattern, replacement): how bulletins word a concept that the catalogue names otherwise.
# Applied in order to the words before a number; the result goes to the catalogue.
WORDING_RULES: tuple[tuple[str, re.Pattern, str], ...] = (
    ("abbreviation_in_brackets", re.compile(r"[（(](?:GDP|R&D)[)）]"), ""),
    ("fine_particles", re.compile(r"细颗粒物[（(]?(PM2\.5)[)）]?"), r"\1"),
    ("national_product", re.compile(r"国内生产总值"), "地区生产总值"),
    ("plain_product", re.compile(r"^(常住人均|人均)?生产总值"), lambda m: ("人均" if m.group(1) else "") + "地区生产总值"),
    ("product_share", re.compile(r"占生产总值"), "占地区生产总值"),
    ("possessive_share", re.compile(r"的比重"), "比重"),
    ("resident_per_capita", re.compile(r"^常住人均地区生产总值$"), "人均地区生产总值"),
    ("year_end_population", re.compile(r"^(?:常住)?人口$"), "常住人口"),
    ("urban_share", re.compile(r"^城镇(?:常住)?人口占(?:年末)?(?:常住|总)?人口(?:的)?比重$"), "常住人口城镇化率"),
    ("average_of_cities", re.compile(r"^平均(?=.*(?:天数比例|浓度))"), ""),
    ("water_sections", re.compile(r"^地表水(?:优良水质|水质优良)断面比例$"), "水质优良断面比例"),
    ("worst_water_sections", re.compile(r"^(?:地表水)?劣[ⅤV]类断面比例$"), "地表水劣Ⅴ类断面比例"),
    ("unemployment_average", re.compile(r"^城镇调查失业率平均值$"), "城镇调查失业率"),
)


def canonical_wording(name: str) -> str:
    for _, rx, repl in WORDING_RULES:
        name = rx.sub(repl, name)
    return name.strip()


def _clean_lead(lead: str) -> str:
    # A page flattened to one line keeps its table captions and notes before the sentence,
    # separated by spaces (表1 … 单位:人 全年全县城镇新增就业): the name is the last segment.
    lead = re.split(r"\s+", lead.strip())[-1] if lead.strip() else ""
    lead = lead.strip().strip("“”\"' ")
    lead = _NATIONAL_CITIES.sub("", lead)
    lead = _LEAD_FILLER.sub("", lead)
    return _LEAD_VERB.sub("", lead).strip()


# ---------------------------------------------------------------------------- region and year

_TITLE = re.compile(r"《?(?P<region>[\u4e00-\u9fff]{2,20}?)(?P<year>(?:19|20)\d{2})年?(?:国民经济和社会发展)?统计公报")
_TITLE_YEAR_FIRST = re.compile(r"《(?P<year>(?:19|20)\d{2})年?(?P<region>[\u4e00-\u9fff]{2,12}?)(?:环境状况|生态环境状况)公报")


def title_of(text: str) -> tuple[str | None, int | None, str | None]:
    """(region name, year, title line) as the bulletin names itself, where it does."""
    for line in text.splitlines()[:15]:
        line = to_simplified(normalize_line(line))
        for rx in (_TITLE, _TITLE_YEAR_FIRST):
            m = rx.search(line)
            if m:
                region = m.group("region")
                region = {"中华人民共和国": "全国", "中国": "全国"}.get(region, region)
                return region, int(m.group("year")), line.strip()
    return None, None, None


# ------------------------------------------------------------------------------------ reading

@dataclass
class _Mention:
    name: str  # canonical wording
    written: str  # the name as written
    value: float
    unit: str
    line: int
    quote: str


def _sentences(text: str):
    """(line number, sentence as read, sentence as written) for every sentence, in order; a
    sentence never crosses a line. The written form is the quote a person sees; where reading
    changed the line's length (pinyin notes dropped, 1,234 joined) the read form stands in for it."""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _THOUSANDS.sub("", to_simplified(_PINYIN_NOTES.sub("", normalize_line(raw))))
        line = _UNIT_AROUND.sub(r"\1微克/立方米", line)
        same_length = len(line) == len(raw)
        start = 0
        for m in list(_SENTENCE_END.finditer(line)) + [None]:
            end = m.end() if m else len(line)
            s = line[start:end].strip()
            if s:
                yield number, s, (raw[start:end].strip() if same_length else s)
            start = end


def _concept(catalogue: Catalogue, name: str, unit: str | None):
    """The concept a name stands for whose unit the value's converts to (any unit when None)."""
    if not name:
        return None
    m = catalogue.concept_of(name, None)
    if m is None:
        return None
    c = m.concept
    if unit is not None and c.unit and U.factor(unit, c.unit) is None:
        return None
    return c


def _sentence_mentions(catalogue: Catalogue, number: int, sentence: str, year: int):
    """Proposal-ready (concept, mention) pairs of one sentence."""
    subject: str | None = None  # the last thing the sentence gave a value for
    subject_concept = None
    subject_written = ""
    sectors = _THREE_SECTORS.search(sentence)
    if sectors and 99 <= sum(float(sectors.group(k)) for k in "abc") <= 101:
        c = _concept(catalogue, "第三产业增加值比重", "%")
        if c is not None:
            yield c, _Mention(c.name, sectors.group(0), float(sectors.group("c")), "%", number, sentence)
    for clause in _CLAUSE_END.split(sentence):
        prev_end = 0
        for m in _MENTION.finditer(clause):
            lead_raw, prev_end = clause[prev_end: m.start()], m.end()
            lead_raw = lead_raw[lead_raw.rfind("、") + 1:] if "、" in lead_raw else lead_raw
            value, unit = float(m.group("num")), m.group("unit")
            if unit in ("个百分点", "百分点", "倍"):
                continue
            if _SUBSET.search(lead_raw) and not _NATIONAL_CITIES.search(lead_raw):
                continue  # a subset of cities (74个城市) is not the region's figure
            lead = _clean_lead(lead_raw)
            change = _CHANGE.match(lead) if unit == "%" else None
            if change:
                own = _clean_lead(change.group("name") or "")
                base = canonical_wording(own) if own else subject
                if not base:
                    continue
                level = _concept(catalogue, base, None) if own else subject_concept
                stem = level.name if level is not None else base
                verb = change.group("verb")
                ref_year = change.group("year") or change.group("year2")
                yoy = "同比" if (change.group("ref") == "同比" or (ref_year and int(ref_year) == year - 1)) else ""
                down = verb in ("下降", "降低", "减少")
                candidates = ([f"{stem}{yoy}下降", f"{stem}下降"] if down and (yoy or change.group("cum") or ref_year) else []) \
                    + [f"{stem}增长"]
                for cand in candidates:
                    c = _concept(catalogue, cand, unit)
                    if c is not None:
                        v = -value if down and cand.endswith("增长") else value
                        yield c, _Mention(cand, f"{own or subject}{change.group(0)[len(change.group('name') or ''):]}", v,
                                          unit, number, sentence)
                        break
                continue
            written = subject_written + lead if lead.startswith("占") and subject else lead
            name = canonical_wording(written)
            c = _concept(catalogue, name, unit)
            if lead and not lead.startswith("占"):
                subject, subject_concept, subject_written = name, c, lead
            if c is not None:
                yield c, _Mention(name, written or name, value, unit, number, sentence)


def propose_text(text: str, region: Region, year: int, catalogue: Catalogue | None = None) -> list[Proposal]:
    """Every value of a catalogue concept the text states, first statement of each concept only:
    bulletins give the headline figure first (the annual average before the year-end one)."""
    catalogue = catalogue or default_catalogue()
    seen: set[str] = set()
    out: list[Proposal] = []
    for number, sentence, written in _sentences(text):
        for c, m in _sentence_mentions(catalogue, number, sentence, year):
            if c.id in seen:
                continue
            seen.add(c.id)
            f = U.factor(m.unit, c.unit) if c.unit else 1.0
            out.append(Proposal(
                id=str(len(out) + 1), indicator=m.written, concept=c.id, concept_name=c.name,
                region=region.name, region_code=region.code, year=year,
                value=round(m.value * (f or 1.0), 10), unit=c.unit or m.unit, source_value=m.value,
                source_unit=m.unit, line=m.line, quote=written,
            ))
    return out


def read_bulletin(data: bytes, file_name: str, region: str | None = None, year: int | None = None,
                  regions: list[Region] | None = None, catalogue: Catalogue | None = None) -> Bulletin:
    """A bulletin file (txt, html, docx, pdf) to its proposals. The region and year are the ones
    given, else the ones the bulletin's title names; without either it is refused."""
    try:
        source = read_plan_bytes(data, file_name)
    except ValueError as exc:
        raise BulletinError(str(exc)) from None
    t_region, t_year, title = title_of(source.text)
    region_name, year = region or t_region, year or t_year
    if not region_name:
        raise BulletinError(f"{file_name}：无法从公报标题识别地区，请指定地区（--region）")
    if not year:
        raise BulletinError(f"{file_name}：无法从公报标题识别年份，请指定年份（--year）")
    regions = regions if regions is not None else load_regions()
    found = resolve_region(region_name, regions)
    if found is None:
        raise BulletinError(f"{file_name}：地区“{region_name}”不在行政区划表中")
    return Bulletin(file=Path(file_name).name, title=title, region=found.name, region_code=found.code, year=int(year),
                    sha256=source.sha256, proposals=propose_text(source.text, found, int(year), catalogue))
