"""Prose targets as tracked items: which are measurable, how they read, and one item per concept."""

import pytest

from plantrack.domain.targets import interpret
from plantrack.evaluate import Status, assess
from plantrack.evaluate.prose_targets import PROSE_CATEGORY, prose_indicator, stated_figure, target_text, tracked_prose

PERIOD = (2021, 2025)


def t(subject, relation, value=None, year=2025, unit="%", line=10, **kw):
    return {"subject": subject, "relation": relation, "value": value, "unit": unit, "year": year, "line": line,
            "text": kw.pop("text", f"{subject}…"), **kw}


@pytest.mark.parametrize("target, text", [
    (t("森林覆盖率", "reach", 26), "26"),
    (t("持证率", "at_least", 50), "≥50"),
    (t("负荷率", "at_most", 80), "≤80"),
    (t("装机规模", "about", 3200, unit="万千瓦"), "3200左右"),
    (t("品牌", "reach", None, unit="个", low=1, high=2), "1-2"),
    (t("铁路货运量", "increase", 2000, unit="万吨", text="全市铁路货运量较2020年增加2000万吨"), "累计增加2000"),
    (t("城镇新增就业", "increase", 25, unit="万人", text="城镇新增就业25万人以上", value_text="25万人以上"),
     "累计增加25以上"),
    (t("地区生产总值年均增速", "increase", 10, text="年均增速 10%"), "年均增长10"),
    (t("水质优良断面比例", "directional", direction="大幅提高"), "大幅提高"),
    (t("重污染天气", "qualitative", state="基本消除"), None),
])
def test_a_prose_target_is_written_as_a_table_cell(target, text):
    assert target_text(target) == text


def test_a_target_without_a_year_is_not_tracked():
    assert prose_indicator(t("战略性新兴产业集群", "reach", 14, year=None, unit="个"), 0) is None
    item = prose_indicator(t("森林覆盖率", "reach", 26, line=140), 3)
    assert item["category"] == PROSE_CATEGORY and item["target_year"] == 2025 and item["line"] == 140
    assert item["target_text"] == "26" and item["origin"] == "prose"


CONCEPTS = {"森林覆盖率": "forest", "水质优良断面比例": "water", "优良天数比例": "air", "从业人员持证率": "cert",
            "人均地区生产总值": "gdp_pc"}


def concept_of(subject, unit):
    return CONCEPTS.get(subject)


def test_one_item_per_concept_and_none_for_a_table_rows_concept():
    targets = [
        t("森林覆盖率", "reach", 26, line=5),
        t("水质优良断面比例", "directional", direction="大幅提高", line=6),
        t("水质优良断面比例", "directional", direction="明显提高", year=2030, line=7),
        t("优良天数比例", "at_least", 75, line=8, text="优良天数比例达到75%以上"),
        t("重污染天气", "qualitative", line=9),                      # no concept, no figure
        t("从业人员持证率", "qualitative", line=11, state="明显提高"),  # a concept, no figure
        t("人均地区生产总值", "reach", 2, year=2035, unit="万美元", line=12),  # beyond the period
    ]
    items, attached = tracked_prose(targets, PERIOD, concept_of, table_concepts={"air"}, table_names=set())
    assert [(i["name"], c) for i, c in items] == [("森林覆盖率", "forest"), ("水质优良断面比例", "water")]
    assert [a["line"] for a in attached["water"]] == [7]        # the 2030 one rides on the 2025 one
    assert attached["air"][0]["figure"] == "≥75"              # the table row's concept: attached, not an item
    assert "gdp_pc" in attached and "cert" not in {c for _, c in items}


def test_the_figure_the_text_states_for_the_rows_year():
    links = [{"text": "到2030年达到80%", "year": 2030, "line": 3, "figure": "80"},
             {"text": "达到75%以上", "year": 2025, "line": 9, "figure": "≥75"}]
    assert stated_figure(links, 2025)["line"] == 9
    assert stated_figure(links, 2024) is None
    assert stated_figure([{"text": "大幅提高", "year": 2025, "line": 1, "figure": None}], 2025) is None


def test_a_directional_prose_target_is_judged_from_an_observation_of_the_base_year():
    # 水质优良断面比例大幅提高 (2025): no base in the text; 2020 observed 70.7 is the base, 2023 93.6 is up -> 基本符合预期
    item = prose_indicator(t("水质优良断面比例", "directional", direction="大幅提高"), 0)
    a = assess(item, interpret(item, PERIOD), [{"year": 2020, "value": 70.7}, {"year": 2023, "value": 93.6}], 2023)
    assert (a.method, a.status) == ("direction_only", Status.ON_TRACK)
    assert a.base["year"] == 2020 and a.details["change"] == pytest.approx(22.9)


def test_a_floor_the_text_says_to_hold_is_held():
    # 保持在8000万吨左右 is an about; 粮食产量稳定在1400万吨以上 a floor held every year
    item = prose_indicator(t("粮食产量", "at_least", 1400, unit="万吨", text="粮食产量稳定在1400万吨以上"), 0)
    spec = interpret(item, PERIOD, prose=item["quote"])
    assert (spec.kind, spec.held) == ("at_least", "every_year")
    a = assess(item, spec, [{"year": 2022, "value": 1464.3}, {"year": 2023, "value": 1478.1}], 2023)
    assert a.status == Status.ON_TRACK
