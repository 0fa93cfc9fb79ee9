"""Tracking on the real corpus: observations reach the indicators they measure, and evaluation
prints every indicator with the numbers behind its status."""

from __future__ import annotations

import pytest

from plantrack.load import load_files
from plantrack.observations.importer import import_file
from plantrack.tracking import evaluate_plan, observation_matches

from .conftest import CORPUS, SHARED

STATUSES = {"提前实现", "快于预期", "基本符合预期", "滞后", "无数据", "需人工评估"}

# (row of observations.csv, plan key, plan indicator): hand-checked. Rows of concepts that no plan
# measures (population, GDP level, 粮食产量, R&D spending and intensity, incomes, 5G users …) have
# no pair; 粮食产量 is not 粮食综合生产能力.
P, E, Y = "shanxi-14th-fyp-outline", "shanxi-ecology-14th-plan", "yuncheng-14th-fyp-outline"
EXPECTED = {
    (11, E, "万元地区生产总值用水量下降"),
    (16, E, "受污染耕地安全利用率"),
    (17, E, "地下水质量Ⅴ类水比例"), (18, E, "地下水质量Ⅴ类水比例"),
    (23, P, "地区生产总值增长"), (24, P, "地区生产总值增长"), (25, P, "地区生产总值增长"),
    (26, E, "地表水劣Ⅴ类水体比例"),
    *((r, k, "地表水达到或好于Ⅲ类水体比例") for r in (27, 28, 29, 30) for k in (P, E)),
    *((r, P, "常住人口城镇化率") for r in (44, 45, 46, 47, 48)),
    *((r, k, "森林覆盖率") for r in (50, 51) for k in (P, E)),
    (52, P, "研发经费投入增长"), (53, P, "研发经费投入增长"), (54, P, "研发经费投入增长"),
    *((r, P, "地级及以上城市空气质量优良天数比率") for r in (58, 59, 60, 61)),
    *((r, E, "设区城市空气质量优良天数比例") for r in (58, 59, 60, 61)),
    *((r, E, "设区城市细颗粒物浓度") for r in (62, 63, 64, 65)),
    (73, Y, "地区生产总值（GDP）增长率"), (74, Y, "地区生产总值（GDP）增长率"), (75, Y, "地区生产总值（GDP）增长率"),
    (77, Y, "地表水达到或好于Ⅲ类水体比例"),
    (83, Y, "常住人口城镇化率"),
}


@pytest.fixture
def loaded(session_factory):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not next to the repository")
    load_files(session_factory, sorted(CORPUS.glob("*.txt")))
    import_file(session_factory, SHARED / "data" / "observations.csv")
    return session_factory


def test_observations_reach_the_indicators_of_their_region(loaded):
    with loaded() as s:
        pairs = {(row, key, name) for row, _, _, key, name in observation_matches(s)}
    assert pairs == EXPECTED
    assert len({row for row, _, _ in EXPECTED}) >= 30


@pytest.mark.parametrize("key", ["shanxi-14th-fyp-outline", "yuncheng-14th-fyp-outline"])
def test_evaluation_covers_every_indicator_with_its_numbers(loaded, key):
    with loaded.begin() as s:
        result = evaluate_plan(s, key, 2023).to_json()
    assert result["plan"] == key and result["year"] == 2023
    with loaded() as s:
        from plantrack.store.repository import require_plan

        expected_names = [i["name"] for i in require_plan(s, key).current.document["indicators"]]
    table = [a for a in result["assessments"] if a["origin"] == "table"]
    assert [a["indicator"]["name"] for a in table] == expected_names
    # the text's targets follow the table, each on a concept no table row has (one item, not two)
    prose = result["assessments"][len(table):]
    assert all(a["origin"] == "prose" for a in prose)
    assert not {a["concept"] for a in prose} & {a["concept"] for a in table}
    for a in result["assessments"]:
        assert a["status"] in STATUSES
        assert {"method", "base", "expected", "observed", "ratio"} <= set(a)
    by_name = {a["indicator"]["name"]: a for a in result["assessments"]}
    if key == "shanxi-14th-fyp-outline":
        urban = by_name["常住人口城镇化率"]
        assert urban["observed"]["year"] == 2023 and urban["base"]["year"] == 2019
        assert urban["status"] in {"基本符合预期", "滞后", "快于预期"}
        assert by_name["地区生产总值增长"]["observed"]["value"] is not None


def test_warnings_are_listed_per_region_binding_first(loaded):
    from plantrack.tracking import region_warnings

    with loaded.begin() as s:
        found = region_warnings(s, "山西省", 2023)
    plans = {w["plan"] for w in found}
    assert "shanxi-14th-fyp-outline" in plans
    assert [w["binding"] for w in found] == sorted((w["binding"] for w in found), reverse=True)
    with loaded.begin() as s:
        city_only = region_warnings(s, "运城市", 2023)
    assert {w["plan"] for w in city_only} <= {"yuncheng-14th-fyp-outline"}


def test_a_persons_override_changes_how_a_target_is_read(loaded):
    from plantrack.tracking import set_override

    with loaded.begin() as s:
        before = {a["indicator"]["name"]: a for a in evaluate_plan(s, "shanxi-14th-fyp-outline", 2023).assessments}
        set_override(s, "shanxi-14th-fyp-outline", "常住人口城镇化率", direction="lower")
    with loaded.begin() as s:
        after = {a["indicator"]["name"]: a for a in evaluate_plan(s, "shanxi-14th-fyp-outline", 2023).assessments}
    assert before["常住人口城镇化率"]["direction"] == "higher"
    assert after["常住人口城镇化率"]["direction"] == "lower"


def test_an_override_of_an_unknown_indicator_is_refused(loaded):
    from plantrack.store.repository import CatalogueError
    from plantrack.tracking import set_override

    with pytest.raises(CatalogueError, match="没有"), loaded.begin() as s:
        set_override(s, "shanxi-14th-fyp-outline", "不存在的指标", direction="lower")
