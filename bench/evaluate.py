"""Evaluation speed: 10,000 indicators x 10 years of observations, best of N runs. Target: under 1 s.

    .venv/bin/python bench/evaluate.py [-n RUNS] [--indicators N] [--years Y] [--seed S]

The indicators are generated from the target forms plans use (levels, thresholds held every year
or by the end, 左右, ranges, average growth, growth-rate indicators, cumulative reductions,
assigned and qualitative targets, in corpus-like proportions), each with `years` observations
(2016 onwards) and a series break or a partial-year value on some. Generation happens once,
before timing. Timed: `interpret` + `assess` for every indicator (the full evaluation a CLI run
does), and separately `warnings_for` on the results. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

from plantrack.domain.targets import interpret
from plantrack.evaluate import assess, warnings_for

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import best_of  # noqa: E402

TEMPLATES = [
    # (weight, name, unit, base_value, target_text, annual_growth)
    (20, "常住人口城镇化率", "%", 60.0, "68", None),
    (8, "规上工业企业数量", "户", 5400, ">10000", None),
    (5, "国家A类学科", "个", 1, "5个左右", None),
    (3, "非化石能源占一次能源消费比重", "%", 4.0, "6-9", None),
    (8, "地区生产总值", "亿元", 17000.0, None, "6.5左右"),
    (15, "地区生产总值增长", "%", 3.6, None, ">8"),
    (8, "单位地区生产总值能源消耗降低", "%", None, None, "[15]"),
    (6, "城镇调查失业率", "%", 6.0, "<5.5", None),
    (4, "生态保护红线占国土面积比例", "%", 21.95, "不减少", None),
    (4, "设区城市细颗粒物浓度", "微克/立方米", 44, "38", None),
    (12, "地表水达到或好于Ⅲ类水体比例", "%", 70.7, "完成国家考核目标", None),
    (3, "重点建设用地安全利用", "%", None, "有效保障", None),
    (2, "国家实验室/国家级重点实验室", "个", None, "1/10", None),
    (2, "水土流失治理率", "%", 69, "明显提高", None),
]


def generate(n: int, years: int, seed: int) -> list[tuple[dict, list[dict]]]:
    """n indicators, each with `years` yearly observations from 2016."""
    rng = random.Random(seed)
    weights = [t[0] for t in TEMPLATES]
    out = []
    for i in range(n):
        _, name, unit, base, target_text, growth = rng.choices(TEMPLATES, weights)[0]
        indicator = {
            "category": "bench", "name": name, "unit": unit, "base_year": 2020 if base is not None else None,
            "base_value": base, "base_text": None, "target_year": 2025, "target_value": None,
            "target_text": target_text, "annual_growth": growth,
            "binding": "binding" if i % 3 == 0 else "expected", "line": i + 1,
        }
        level = base if base is not None else 10.0
        step = rng.uniform(-0.02, 0.06) * level
        obs = []
        for k in range(years):
            year = 2016 + k
            flags = []
            if k == years - 1 and i % 7 == 0:
                flags.append("partial_year")
            if year == 2022 and i % 11 == 0:
                flags.append("series_break")
            value = rng.uniform(4, 9) if name.endswith("增长") else level + step * (year - 2020)
            obs.append({"year": year, "value": round(value, 2), "unit": unit, "flags": flags,
                        "series": None, "source": "bench"})
        out.append((indicator, obs))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--runs", type=int, default=3, help="timed runs; the best is reported (default 3)")
    ap.add_argument("--indicators", type=int, default=10_000)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--year", type=int, default=2023, help="evaluation year (default 2023)")
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args(argv)
    if args.runs < 1:
        ap.error("--runs must be at least 1")

    data = generate(args.indicators, args.years, args.seed)
    year = args.year

    def evaluate_all():
        return [assess(ind, interpret(ind), obs, year) for ind, obs in data]

    results = evaluate_all()  # warm-up, and the status counts shown below
    specs = [interpret(ind) for ind, _ in data]

    def warn_all():
        return sum(len(warnings_for(ind, spec, a, obs)) for (ind, obs), spec, a in zip(data, specs, results))

    seconds = best_of(args.runs, evaluate_all)
    warn_seconds = best_of(args.runs, warn_all)
    n_obs = sum(len(obs) for _, obs in data)
    counts = Counter(str(a.status) for a in results)

    print(f"evaluate: {args.indicators} indicators x {args.years} years ({n_obs} observations), year {year}, "
          f"best of {args.runs}, Python {sys.version.split()[0]}")
    print(f"  interpret + assess : {seconds:8.3f} s  ({seconds / args.indicators * 1e6:.1f} µs per indicator)"
          f"  {'under' if seconds < 1 else 'OVER'} the 1 s target")
    print(f"  warnings_for       : {warn_seconds:8.3f} s  ({warn_all()} warnings)")
    print("  statuses: " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
