"""The composite index in the report model: one overview sentence, the method, and its parts."""

from __future__ import annotations

import pytest

from plantrack.report import build_model
from plantrack.report.model import PlanInfo


def _a(n, name, category, status, ratio):
    return {"indicator_id": n, "concept": None, "year": 2023, "status": status, "kind": "level", "method": "linear",
            "direction": "higher", "base": None, "target": {"year": 2025, "kind": "level", "value": 1, "text": "1"},
            "expected": None, "expected_year": 2023, "observed": None, "ratio": ratio, "met": None,
            "explanation": "", "reason": None, "flags": [], "details": {}, "provisional": None,
            "indicator": {"name": name, "category": category, "unit": "%", "binding": "expected", "line": n,
                          "base_year": 2020, "base_value": 1, "target_year": 2025, "target_text": "1"}}


def test_the_report_states_the_composite_index_with_its_method():
    # 经济发展: (0.8 + 1.0) / 2 = 0.9; 绿色生态: 1.2 (capped 1.5); index (0.9 + 1.2) / 2 = 1.05 -> 105.0
    evaluation = {"plan": "own", "year": 2023, "warnings": [], "assessments": [
        _a(1, "地区生产总值", "经济发展", "滞后", 0.8), _a(2, "城镇化率", "经济发展", "基本符合预期", 1.0),
        _a(3, "森林覆盖率", "绿色生态", "提前实现", 1.5), _a(4, "其他", "绿色生态", "无数据", None)]}
    m = build_model(evaluation, PlanInfo("own", "测试规划", None, "测试县", 2021, 2025), [], {}, "midterm")
    assert m.index["index"] == pytest.approx(105.0)
    assert any("规划目标实现综合指数为105.0" in p and "计入3/4项指标" in p and "经济发展90.0" in p for p in m.overview)
    assert any(p.startswith("规划目标实现综合指数：") and "上限1.2" in p for p in m.methods)
