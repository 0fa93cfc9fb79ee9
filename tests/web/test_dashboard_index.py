"""The composite index on the dashboard: per plan, with its coverage and method, in the page and its twin."""

from __future__ import annotations

from .conftest import JIANGZHOU


def test_dashboard_shows_each_plans_composite_index_with_its_method(client):
    data = client.get("/?year=2022&format=json").json()
    jiangzhou = next(p for p in data["by_plan"] if p["key"] == JIANGZHOU)
    assert jiangzhou["index_coverage"]["counted"] > 0 and isinstance(jiangzhou["index"], float)
    assert jiangzhou["index_coverage"]["total"] == jiangzhou["indicators"]
    assert "领域" in data["index_method"]
    html = client.get("/?year=2022").text
    assert "综合指数" in html and data["index_method"] in html
