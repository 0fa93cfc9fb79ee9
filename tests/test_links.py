"""What evaluating an indicator needs beyond its own observations: the plan's prose target about
it, and the reference series of a relative target — linked by concept, on the real corpus."""

from __future__ import annotations

import pytest

from plantrack.align.catalogue import default_catalogue
from plantrack.links import prose_target_for
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


def test_a_relative_target_is_measured_against_the_regions_gdp_growth(yuncheng):
    # 与GDP目标增速保持一致: income 9.0 (2021), 6.0 (2023) vs 运城 GDP growth 9.1, 5.6 in the same years
    # income sqrt(1.09 x 1.06) - 1 = 7.4895%; GDP sqrt(1.091 x 1.056) - 1 = 7.3357%; gap 0.15 <= 1 -> 基本符合预期
    with yuncheng.begin() as s:
        result = evaluate_plan(s, YUNCHENG, 2023, store=False)
    a = next(x for x in result.assessments if x["indicator"]["name"] == "城镇居民人均可支配收入增长率")
    assert (a["kind"], a["method"], a["status"]) == ("relative", "relative", "基本符合预期")
    assert a["details"]["years"] == [2021, 2023]
    assert [r["value"] for r in a["details"]["reference_values"]] == [9.1, 5.6]
    assert a["observed"]["average"] == pytest.approx(7.4895, abs=1e-3)
    assert a["expected"] == pytest.approx(7.3357, abs=1e-3)
