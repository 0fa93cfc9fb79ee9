"""The regions gazetteer: GB/T 2260 administrative divisions, as pure functions over a list.

The list is the packaged ``plantrack/data/regions.csv`` (see ``data/README.md``: the nation, every
provincial-level unit, and 山西省's cities and counties; ``scripts/build_regions.py`` adds other
provinces) plus any ``*.csv`` files of the same format in the directory named by the environment
variable ``PLANTRACK_REGIONS_DIR``. No database is involved.

``resolve_region`` finds a region from a name as plans write it: the full name (运城市, 山西省,
广西壮族自治区), the short name (运城, 山西, 广西, 恩施 for 恩施土家族苗族自治州), or a former
name whose short form survives (太谷县 → 太谷区). A parent hint (name or code of any ancestor)
picks among duplicates such as the several 城区 or 朝阳区 / 朝阳市.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

ENV_DIR = "PLANTRACK_REGIONS_DIR"
HEADER = ("code", "name", "level", "parent_code")
LEVELS = ("national", "province", "city", "county")
NATIONAL_CODE = "000000"
_RANK = {lv: i for i, lv in enumerate(LEVELS)}
_CODE = re.compile(r"\d{6}")

# Longest first. 自治* suffixes also let ethnic names be stripped (恩施土家族苗族自治州 → 恩施).
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "联合旗", "地区", "林区", "新区", "矿区",
             "省", "市", "县", "区", "旗", "盟")
_AUTONOMOUS = ("自治区", "自治州", "自治县", "自治旗")
_ETHNIC = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 "
    "纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 "
    "德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
# "X族" always; a bare multi-character name too (博尔塔拉蒙古自治州, 新疆维吾尔自治区).
_ETHNIC_FORMS = sorted({e + "族" for e in _ETHNIC} | {e for e in _ETHNIC if len(e) > 1} | {"各族"},
                       key=len, reverse=True)
_NATION_ALIASES = ("全国", "中国", "中华人民共和国")


@dataclass(frozen=True, slots=True)
class Region:
    code: str          # GB/T 2260 six-digit code
    name: str          # full official name: 山西省, 运城市, 太谷区
    level: str         # national | province | city | county
    parent_code: str   # "" for the nation only (None is tolerated, as from a database null)


# ---------------------------------------------------------------------------------------- loading

def load_regions(path: str | os.PathLike[str] | None = None, *,
                 extra_dir: str | os.PathLike[str] | None = None) -> list[Region]:
    """All regions, sorted by code.

    ``path`` replaces the packaged CSV; ``extra_dir`` (default: ``$PLANTRACK_REGIONS_DIR``) adds
    every ``*.csv`` in it, in name order. A row repeating one already loaded is skipped when
    identical and an error when not. Any bad row raises ValueError naming the file and row.
    """
    loaded: dict[str, Region] = {}
    where: dict[str, tuple[str, int]] = {}
    if path is None:
        res = resources.files("plantrack").joinpath("data").joinpath("regions.csv")
        _read_into(res.read_text(encoding="utf-8-sig"), "plantrack/data/regions.csv", loaded, where)
    else:
        _read_into(Path(path).read_text(encoding="utf-8-sig"), str(path), loaded, where)

    if extra_dir is None:
        extra_dir = os.environ.get(ENV_DIR) or None
    if extra_dir is not None:
        d = Path(extra_dir)
        if not d.is_dir():
            raise ValueError(f"{ENV_DIR} 指向的目录不存在：{d}")
        for f in sorted(d.glob("*.csv")):
            _read_into(f.read_text(encoding="utf-8-sig"), str(f), loaded, where)

    for code, r in loaded.items():
        if r.level == "national":
            continue
        src, line = where[code]
        parent = loaded.get(r.parent_code)
        if parent is None:
            raise ValueError(f"{src} 第 {line} 行：上级代码 {r.parent_code} 不在区划表中（{code} {r.name}）")
        if _RANK[parent.level] >= _RANK[r.level]:
            raise ValueError(f"{src} 第 {line} 行：上级 {parent.code} {parent.name} 的级别（{parent.level}）"
                             f"应高于本行的级别（{r.level}）")
    return sorted(loaded.values(), key=lambda r: r.code)


def _read_into(text: str, src: str, loaded: dict[str, Region], where: dict[str, tuple[str, int]]) -> None:
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header) != HEADER:
        raise ValueError(f"{src} 第 1 行：表头应为 {','.join(HEADER)}，实为 {','.join(header or [])!r}")
    for row in reader:
        line = reader.line_num
        if not row or all(not c.strip() for c in row):
            continue
        r = _parse_row(row, src, line)
        old = loaded.get(r.code)
        if old is not None:
            if old == r:
                continue
            osrc, oline = where[r.code]
            raise ValueError(f"{src} 第 {line} 行：代码 {r.code} 与 {osrc} 第 {oline} 行重复且内容不同"
                             f"（{old.name}/{old.level}/{old.parent_code} 与 {r.name}/{r.level}/{r.parent_code}）")
        loaded[r.code] = r
        where[r.code] = (src, line)


def _parse_row(row: list[str], src: str, line: int) -> Region:
    def bad(msg: str) -> ValueError:
        return ValueError(f"{src} 第 {line} 行：{msg}")

    if len(row) != len(HEADER):
        raise bad(f"应有 {len(HEADER)} 列（{','.join(HEADER)}），实有 {len(row)} 列")
    code, name, level, parent = (c.strip() for c in row)
    if not _CODE.fullmatch(code):
        raise bad(f"代码“{code}”应为 6 位数字")
    if not name:
        raise bad("名称为空")
    if level not in _RANK:
        raise bad(f"级别“{level}”应为 {'、'.join(LEVELS)} 之一")
    if level == "national":
        if code != NATIONAL_CODE or parent:
            raise bad(f"national 行应为代码 {NATIONAL_CODE}、上级代码为空")
    else:
        if code == NATIONAL_CODE:
            raise bad(f"代码 {NATIONAL_CODE} 只能用于 national 行")
        if not _CODE.fullmatch(parent):
            raise bad(f"上级代码“{parent}”应为 6 位数字")
        if parent == code:
            raise bad("上级代码不能等于本行代码")
    return Region(code, name, level, parent)


# ---------------------------------------------------------------------------------------- names

@lru_cache(maxsize=8192)
def short_name(name: str) -> str | None:
    """The name with its type suffix (and, for autonomous units, ethnic names) removed, if at least
    two characters remain: 运城市 → 运城, 山西省 → 山西, 广西壮族自治区 → 广西, 太谷区 → 太谷,
    恩施土家族苗族自治州 → 恩施, 神农架林区 → 神农架, 北林区 → 北林; 城区, 盂县 → None."""
    for suffix in _SUFFIXES:
        if not name.endswith(suffix):
            continue
        stem = name[: -len(suffix)]
        if suffix in _AUTONOMOUS or stem.endswith("族"):
            stem = _strip_ethnic(stem)
        if len(stem) >= 2:
            return stem
    return None


def _strip_ethnic(stem: str) -> str:
    while True:
        for eth in _ETHNIC_FORMS:
            if stem.endswith(eth) and len(stem) - len(eth) >= 2:
                stem = stem[: -len(eth)]
                break
        else:
            break
    if stem.endswith("族") and len(stem) >= 3:  # 鄂温克族自治旗 → 鄂温克, 东乡族自治县 → 东乡
        stem = stem[:-1]
    return stem


def _clean(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _names(r: Region) -> tuple[str, ...]:
    if r.level == "national":
        return _NATION_ALIASES
    return (r.name,)


def find_regions(name: str, regions: Iterable[Region], parent_hint: str | None = None) -> list[Region]:
    """Every region ``name`` may mean, best matches only (see ``resolve_region``), sorted by code."""
    regions = list(regions)
    q = _clean(name)
    if not q:
        return []
    if _CODE.fullmatch(q):
        return [r for r in regions if r.code == q]
    cands = [r for r in regions if q in _names(r)]
    if not cands:
        keys = {q, short_name(q)} - {None}
        cands = [r for r in regions if short_name(r.name) in keys]
    if parent_hint and len(cands) > 1:
        hints = {h.code for h in find_regions(parent_hint, regions)}
        if hints:
            by_code = {r.code: r for r in regions}
            under = [r for r in cands if hints & set(_ancestor_codes(r.code, by_code))]
            if under:
                cands = under
    return sorted(cands, key=lambda r: r.code)


def resolve_region(name: str, regions: Iterable[Region], parent_hint: str | None = None) -> Region | None:
    """The region a plan means by ``name``, or None when there is none or no single best one.

    Matching, in order: a six-digit code; the full name (全国/中国 for the nation); else the short
    name of the query (or the query itself) against regions' short names, so 运城 → 运城市 and the
    old 太谷县 → 太谷区. ``parent_hint`` (name or code of any ancestor: 阳泉, 晋城市, 140500)
    narrows several matches to those under it; a hint that fits none of them is ignored, so one
    hint can serve a whole plan. Among what is left, a single match at the highest level wins
    (吉林 → 吉林省 over 吉林市); a tie (城区 with no hint) gives None.
    """
    cands = find_regions(name, regions, parent_hint)
    if len(cands) <= 1:
        return cands[0] if cands else None
    top = min(_RANK[r.level] for r in cands)
    best = [r for r in cands if _RANK[r.level] == top]
    return best[0] if len(best) == 1 else None


# ---------------------------------------------------------------------------------------- tree

def _ancestor_codes(code: str, by_code: dict[str, Region]) -> list[str]:
    out: list[str] = []
    seen = {code}
    r = by_code.get(code)
    while r is not None and r.parent_code and r.parent_code not in seen:
        out.append(r.parent_code)
        seen.add(r.parent_code)
        r = by_code.get(r.parent_code)
    return out


def ancestors(code: str, regions: Iterable[Region]) -> list[Region]:
    """The region's parent, grandparent, … up to the nation (nearest first, itself excluded).
    KeyError for a code not in ``regions``."""
    by_code = {r.code: r for r in regions}
    if code not in by_code:
        raise KeyError(code)
    return [by_code[c] for c in _ancestor_codes(code, by_code) if c in by_code]


def children(code: str, regions: Iterable[Region]) -> list[Region]:
    """The regions whose parent is ``code``, sorted by code. KeyError for a code not in ``regions``."""
    regions = list(regions)
    if not any(r.code == code for r in regions):
        raise KeyError(code)
    return sorted((r for r in regions if r.parent_code == code), key=lambda r: r.code)
