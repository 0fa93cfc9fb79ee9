"""Prose targets on the real corpus: the Yellow River plan (no indicator table) has its targets
evaluated with the shared observations, and a table row and a prose target about the same concept
stay one tracked item."""

from __future__ import annotations

from collections import Counter

import pytest

from plantrack.load import load_files
from plantrack.observations.importer import import_file
from plantrack.tracking import evaluate_plan

from .conftest import CORPUS, SHARED

YELLOW_RIVER = "shanxi-yellow-river-plan"


@pytest.fixture
def loaded(session_factory):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not next to the repository")
    load_files(session_factory, sorted(CORPUS.glob("*.txt")))
    import_file(session_factory, SHARED / "data" / "observations.csv")
    return session_factory


def observed_after(s, region_code, concept, first, last):
    from sqlalchemy import select

    from plantrack.store.models import Observation

    years = s.scalars(select(Observation.year).where(Observation.region_code == region_code,
                                                     Observation.concept == concept,
                                                     Observation.superseded_by_id.is_(None)))
    return [y for y in years if first <= y <= last]


def test_the_yellow_river_plan_has_its_prose_targets_evaluated(loaded):
    with loaded.begin() as s:
        result = evaluate_plan(s, YELLOW_RIVER, 2023, store=False)
        assert result.assessments, "a plan without an indicator table still has tracked targets"
        assert all(a["origin"] == "prose" for a in result.assessments)
        judged = 0
        for a in result.assessments:
            assert a["concept"] and a["indicator"]["line"] and a["indicator"]["quote"]
            assert {"method", "base", "expected", "observed", "ratio"} <= set(a)
            # a prose item whose concept has an observation in the evaluation window is judged from it
            if observed_after(s, result.region_code, a["concept"], (a["base"] or {}).get("year", 2020) + 1, 2023):
                assert a["status"] != "无数据", a["explanation"]
                judged += 1
        assert judged >= 1
    water = next(a for a in result.assessments if a["concept"] == "surface_water_iii")
    assert water["status"] == "基本符合预期" and water["method"] == "direction_only"
    assert water["observed"]["year"] == 2023 and water["base"]["source"] == "observation"


def test_a_table_row_and_a_prose_target_of_one_concept_are_one_item(loaded):
    with loaded.begin() as s:
        for key in ("shanxi-14th-fyp-outline", "xinzhou-ecology-14th-plan", "yuncheng-14th-fyp-outline"):
            result = evaluate_plan(s, key, 2023, store=False)
            concepts = Counter(a["concept"] for a in result.assessments if a["concept"])
            prose = [a for a in result.assessments if a["origin"] == "prose"]
            assert not {a["concept"] for a in prose} & {a["concept"] for a in result.assessments if a["origin"] == "table"}
            assert all(n == 1 for c, n in concepts.items() if c in {a["concept"] for a in prose})
    # 森林覆盖率 提高到26% in the xinzhou text rides on the table row, not a second item
    with loaded.begin() as s:
        xinzhou = evaluate_plan(s, "xinzhou-ecology-14th-plan", 2023, store=False)
    forest = [a for a in xinzhou.assessments if a["concept"] == "forest_coverage"]
    assert len(forest) == 1 and forest[0]["origin"] == "table"
    assert any("26%" in p["text"] for p in forest[0]["prose_targets"])


def test_a_table_cell_that_takes_a_figure_from_above_uses_the_figure_the_text_states(loaded):
    with loaded.begin() as s:
        xinzhou = evaluate_plan(s, "xinzhou-ecology-14th-plan", 2023, store=False)
    air = next(a for a in xinzhou.assessments if a["concept"] == "good_air_days")
    assert air["indicator"]["target_text"] == "完成省下达目标任务"
    assert air["kind"] != "assigned" and air["target"]["value"] == 75
    assert "目标值取自规划正文第" in air["explanation"] and air["assigned_from_text"]["line"]
