"""Hand-written plans in layouts the real corpus does not use, each checked against a hand-written expectation.

Each tests/fixtures/NAME.txt has a NAME.expected.json written by hand from the contract
(../shared/contract/plan-json.md); tests/fixtures/README.md says what each fixture exercises.
The expectations are the specification: when a test here fails, the parser is wrong, not the
fixture (unless the fixture contradicts the contract -- then fix the fixture and say why).

How values are compared:
- text fields (names, labels, titles, *_text, annual_growth, units): exactly, except that
  whitespace is insignificant (a wrapped cell or the thousands space in "1 350" may come back
  with or without it). Full-width digits are NOT normalised here: "６８．５" must come back as "68.5".
- numbers: equal within 1e-9 relative; years and lines: exactly.
- indicators and review rows: matched by name, order-insensitive; missing and unexpected rows
  both fail.
- prose targets: each expected (subject, value, year, relation) must be among the predicted
  ones; extra predicted targets are allowed. Subjects are compared NFKC-normalised, without
  whitespace and without a leading 全县/全市/全省 (the region is the plan's, not the subject's).
  Relations: reach (达到/提高到 X), at_least (X以上, 不低于 X), at_most (控制在 X 以内, 不超过 X),
  decrease (下降/降低 X), increase (增长/提高 X).
- projects: the set of (box, name) pairs, exactly.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
import unicodedata
from pathlib import Path

import pytest

from plantrack.ingest.pipeline import parse_file

FIXTURES = Path(__file__).parent / "fixtures"
NAMES = sorted(p.name.removesuffix(".expected.json") for p in FIXTURES.glob("*.expected.json"))

INDICATOR_FIELDS = (
    "category", "name", "unit", "tag", "base_year", "base_value", "base_text", "target_year",
    "target_value", "target_text", "annual_growth", "binding", "line",
)
NUMBER_FIELDS = {"base_value", "target_value", "actual_value", "value"}
METADATA_FIELDS = ("title", "issuer", "doc_number", "issued_on", "level", "kind", "region", "period", "horizon")


@functools.cache
def parsed(name: str) -> dict:
    return parse_file(FIXTURES / f"{name}.txt")


@functools.cache
def expected(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))


def _squeeze(value):
    """Text without whitespace; other values unchanged."""
    return re.sub(r"\s+", "", value) if isinstance(value, str) else value


def _same(field: str, want, got) -> bool:
    if field in NUMBER_FIELDS:
        if want is None or got is None:
            return want is None and got is None
        if isinstance(got, bool) or not isinstance(got, (int, float)):
            return False
        return abs(float(want) - float(got)) <= 1e-9 * max(1.0, abs(float(want)))
    return _squeeze(want) == _squeeze(got)


def _fail(name: str, what: str, problems: list[str]) -> None:
    if problems:
        pytest.fail(f"{name}: {what}: {len(problems)} problem(s)\n" + "\n".join(problems), pytrace=False)


def _pair_by_name(want_rows: list[dict], got_rows: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Pairs expected rows with predicted ones: exact names first, then the closest remaining name."""
    key = lambda r: _squeeze(r.get("name") or "")
    pairs, left_want, left_got = [], [], list(got_rows)
    for w in want_rows:
        hit = next((g for g in left_got if key(g) == key(w)), None)
        if hit is None:
            left_want.append(w)
        else:
            left_got.remove(hit)
            pairs.append((w, hit))
    scored = sorted(
        ((difflib.SequenceMatcher(None, key(w), key(g)).ratio(), i, j)
         for i, w in enumerate(left_want) for j, g in enumerate(left_got)),
        reverse=True,
    )
    used_w, used_g = set(), set()
    for ratio, i, j in scored:
        if ratio < 0.6 or i in used_w or j in used_g:
            continue
        used_w.add(i)
        used_g.add(j)
        pairs.append((left_want[i], left_got[j]))
    missing = [w for i, w in enumerate(left_want) if i not in used_w]
    unexpected = [g for j, g in enumerate(left_got) if j not in used_g]
    return pairs, missing, unexpected


def _compare_rows(want_rows: list[dict], got_rows: list[dict], fields) -> list[str]:
    pairs, missing, unexpected = _pair_by_name(want_rows, got_rows)
    problems = []
    for w, g in sorted(pairs, key=lambda p: p[0]["line"]):
        for f in fields:
            if f in w and not _same(f, w[f], g.get(f)):
                problems.append(f"  line {w['line']} {w['name']}: {f} expected {w[f]!r}, got {g.get(f)!r}")
    for w in missing:
        problems.append(f"  line {w['line']} {w['name']}: missing (no predicted row with a similar name)")
    for g in unexpected:
        problems.append(f"  line {g.get('line')} {g.get('name')!r}: unexpected row")
    return problems


@pytest.mark.parametrize("name", NAMES)
def test_metadata_comes_from_the_cover_and_the_title(name):
    plan, want = parsed(name), expected(name)["metadata"]
    problems = [
        f"  {f}: expected {want[f]!r}, got {plan.get(f)!r}"
        for f in METADATA_FIELDS
        if f in want and _squeeze(plan.get(f)) != _squeeze(want[f])
    ]
    if plan["source"]["encoding"] != want["encoding"]:
        problems.append(f"  source.encoding: expected {want['encoding']!r}, got {plan['source']['encoding']!r}")
    _fail(name, "metadata", problems)


def _outline_lines(nodes: list[dict], depth: int = 0) -> list[str]:
    out = []
    for n in nodes:
        out.append(f"{'    ' * depth}{_squeeze(n['label'])} {_squeeze(n['title'])} @{n['line']}")
        out.extend(_outline_lines(n.get("children", []), depth + 1))
    return out


@pytest.mark.parametrize("name", NAMES)
def test_outline_has_every_heading_with_its_label_title_line_and_parent(name):
    want = _outline_lines(expected(name)["outline"])
    got = _outline_lines(parsed(name)["outline"])
    if want != got:
        diff = difflib.unified_diff(want, got, "expected", "parsed", n=1, lineterm="")
        _fail(name, "outline (indent = nesting, @ = source line)", ["  " + d for d in diff])


@pytest.mark.parametrize("name", NAMES)
def test_indicator_rows_carry_every_contract_field(name):
    problems = _compare_rows(expected(name)["indicators"], parsed(name)["indicators"], INDICATOR_FIELDS)
    _fail(name, "indicators", problems)


@pytest.mark.parametrize("name", NAMES)
def test_review_tables_report_the_previous_plan(name):
    want_reviews, got_reviews = expected(name)["reviews"], parsed(name)["reviews"]
    problems = []
    left = list(got_reviews)
    for w in want_reviews:
        g = next((r for r in left if _squeeze(r["title"]) == _squeeze(w["title"])), None)
        if g is None:
            titles = [r["title"] for r in left]
            problems.append(f"  review {w['title']!r} (line {w['line']}): missing; predicted titles {titles}")
            continue
        left.remove(g)
        if g["line"] != w["line"]:
            problems.append(f"  review {w['title']!r}: line expected {w['line']}, got {g['line']}")
        fields = [f for f in w["rows"][0]] if w["rows"] else []
        problems += _compare_rows(w["rows"], g["rows"], fields)
    for g in left:
        problems.append(f"  review {g['title']!r} (line {g['line']}): unexpected")
    _fail(name, "reviews", problems)


_REGION_PREFIX = re.compile(r"^(?:全县|全市|全省|全区|全州|全盟|我县|我市|我省|我区)")


def _subject(s: str | None) -> str:
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))
    return _REGION_PREFIX.sub("", s)


@pytest.mark.parametrize("name", NAMES)
def test_prose_targets_include_every_stated_target(name):
    got = parsed(name)["targets"]
    problems = []
    for w in expected(name)["targets"]:
        def agrees(t, fields=("subject", "value", "year", "relation")):
            checks = {
                "subject": lambda: _subject(t.get("subject")) == _subject(w["subject"]),
                "value": lambda: _same("value", w["value"], t.get("value")),
                "year": lambda: t.get("year") == w["year"],
                "relation": lambda: t.get("relation") == w["relation"],
            }
            return all(checks[f]() for f in fields)

        if any(agrees(t) for t in got):
            continue
        near = [t for t in got if agrees(t, ("subject",))] or [t for t in got if agrees(t, ("value",))]
        shown = "; ".join(
            f"{t.get('subject')!r} value={t.get('value')!r} year={t.get('year')!r} relation={t.get('relation')!r}"
            for t in near[:3]
        ) or "nothing with that subject or value"
        problems.append(
            f"  line {w['line']} {w['subject']} {w['relation']} {w['value']} ({w['year']}): missing; closest: {shown}"
        )
    _fail(name, "prose targets", problems)


@pytest.mark.parametrize("name", NAMES)
def test_projects_are_the_entries_of_each_box(name):
    key = lambda p: (_squeeze(p.get("box")), _squeeze(p.get("name")))
    want = {key(p): p for p in expected(name)["projects"]}
    got = {key(p): p for p in parsed(name)["projects"]}
    problems = [f"  line {p['line']} {p['box']} / {p['name']}: missing" for k, p in want.items() if k not in got]
    problems += [f"  line {p.get('line')} {p.get('box')} / {p.get('name')}: unexpected" for k, p in got.items() if k not in want]
    _fail(name, "projects", problems)
