"""What evaluating an indicator needs beyond its own observations: the plan's prose target about
it, and the reference series of a relative target — linked by concept, on the real corpus."""

from __future__ import annotations

import pytest

from plantrack.align.catalogue import default_catalogue
from plantrack.evaluation_links import prose_target_for
from plantrack.load import load_files
from plantrack.observations.importer import import_file
from plantrack.tracking import evaluate_plan

from .conftest import CORPUS, SHARED

YUNCHENG = "yuncheng-14th-fyp-outline"


def test_a_table_row_is_linked_to_the_prose_target_about_the_same_concept():
    catalogue = default_catalogue()
    document = {"targets": [
        {"subject": "森林覆盖率", "text": "森林覆盖率达到26%", "line": 3},
        {"subject": "粮食总产量", "text": "粮食综合生产能力稳步提升", "line": 4},
        {"subject": "粮食综合生产能力", "text": "粮食综合生产能力保持在6.5亿吨以上", "line": 5},
    ]}
    indicator = {"name": "粮食综合生产能力", "unit": "亿吨", "target_text": "＞6.5"}
    concept = catalogue.concept_of("粮食综合生产能力", "亿吨").concept.id
    assert prose_target_for(document, indicator, concept, catalogue) == "粮食综合生产能力保持在6.5亿吨以上"
    assert prose_target_for(document, {"name": "森林蓄积量", "unit": "亿立方米"}, None, catalogue) is None


@pytest.fixture
def yuncheng(session_factory, tmp_path):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not next to the repository")
    load_files(session_factory, [CORPUS / f"{YUNCHENG}.txt"])
    import_file(session_factory, SHARED / "data" / "observations.csv")
    extra = tmp_path / "income.csv"
    extra.write_text(
        "region,indicator,unit,year,value,source_url,source_title,quote\n"
        "运城市,城镇居民人均可支配收入增长,%,2021,9.0,https://example.org/2021,运城市2021年统计公报,城镇居民人均可支配收入增长9.0%\n"
        "运城市,城镇居民人均可支配收入增长,%,2023,6.0,https://example.org/2023,运城市2023年统计公报,城镇居民人均可支配收入增长6.0%\n",
        encoding="utf-8")
    import_file(session_factory, extra)
    return session_factory


def test_in_step_with_the_gdp_target_is_measured_against_the_plans_own_gdp_target(yuncheng):
    # 与GDP目标增速保持一致: the plan's GDP growth target is 10 (年均); income 9.0 (2021), 6.0 (2023)
    # income sqrt(1.09 x 1.06) - 1 = 7.4895%; target 10%; gap -2.51 beyond 1 point -> 滞后
    with yuncheng.begin() as s:
        result = evaluate_plan(s, YUNCHENG, 2023, store=False)
    a = next(x for x in result.assessments if x["indicator"]["name"] == "城镇居民人均可支配收入增长率")
    assert (a["kind"], a["method"], a["status"]) == ("relative", "relative", "滞后")
    assert a["details"]["reference"] == "economic_growth_target"
    assert a["details"]["years"] == [2021, 2023]
    assert [r["value"] for r in a["details"]["reference_values"]] == [10, 10]
    assert a["details"]["reference_values"][0]["source"]["title"].startswith("规划目标：地区生产总值")
    assert a["observed"]["average"] == pytest.approx(7.4895, abs=1e-3)
    assert a["expected"] == pytest.approx(10)
    assert "地区生产总值目标增速" in a["explanation"]


def test_above_gdp_growth_is_measured_against_the_regions_observed_gdp_growth(yuncheng):
    # the same income against 运城 GDP growth 9.1 (2021), 5.6 (2023), as 高于GDP增长 would read it:
    # GDP sqrt(1.091 x 1.056) - 1 = 7.3357% < income 7.4895% -> 基本符合预期
    from plantrack.align.catalogue import default_catalogue
    from plantrack.domain.targets import interpret
    from plantrack.evaluation_links import reference_observations
    from plantrack.tracking import _obs_dict

    indicator = {"name": "城镇居民人均可支配收入增长率", "unit": "%", "annual_growth": "高于GDP增长"}
    spec = interpret(indicator, (2021, 2025))
    with yuncheng.begin() as s:
        ref = reference_observations(s, spec, "140800", None, default_catalogue(), None, _obs_dict)
    assert [(r["year"], r["value"]) for r in ref] == [(2020, 5.2), (2021, 9.1), (2023, 5.6)]
