"""A plan whose targets are in its text: the report counts them as tracked items, not as a table."""

from plantrack.domain.targets import interpret
from plantrack.evaluate import assess
from plantrack.evaluate.prose_targets import prose_indicator
from plantrack.report.model import PlanInfo, build_model

TARGETS = [
    {"subject": "水质优良断面比例", "relation": "directional", "direction": "大幅提高", "value": None, "unit": None,
     "year": 2025, "line": 238, "text": "水质优良断面比例大幅提高"},
    {"subject": "从业人员持证率", "relation": "at_least", "value": 50, "unit": "%", "year": 2025, "line": 664,
     "text": "力争“十四五”末全省从业人员持证率达到50%以上", "value_text": "50%以上"},
]
OBS = {0: [{"year": 2020, "value": 70.7}, {"year": 2023, "value": 93.6}], 1: []}


def model():
    assessments = []
    for i, t in enumerate(TARGETS):
        item = prose_indicator(t, i)
        a = assess(item, interpret(item, (2021, 2025), prose=t["text"]), OBS[i], 2023)
        assessments.append({**a.to_dict(), "indicator_id": None, "row_ref": f"prose-{i}", "concept": None,
                            "origin": "prose"})
    evaluation = {"plan": "yr", "year": 2023, "assessments": assessments, "warnings": []}
    return build_model(evaluation, PlanInfo("yr", "黄河流域规划", period_end=2025), [], {}, "annual")


def test_a_plan_without_a_table_reports_its_tracked_prose_targets():
    m = model()
    assert m.total == 2 and dict(m.counts)["基本符合预期"] == 1 and dict(m.counts)["无数据"] == 1
    first = m.overview[0]
    assert "未列主要指标表" in first and "将正文中2项" in first and "纳入跟踪评估" in first
    assert "规划期为至2025年" in first and "主要指标表共列" not in first
    water = m.indicators[0]
    assert water.category == "文中量化目标" and water.base_text == "70.7（2020年）" and water.status == "基本符合预期"
    assert not m.notes  # no "没有识别出主要指标表，无法逐项评估"
