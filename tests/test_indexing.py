"""The composite index of stored plans and regions, and `plantrack index`, on the real corpus."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from plantrack.cli import app
from plantrack.indexing import plan_index, region_index
from plantrack.load import load_files
from plantrack.observations.importer import import_file

from .conftest import CORPUS, SHARED

PLAN = "shanxi-14th-fyp-outline"


@pytest.fixture
def loaded(session_factory):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not next to the repository")
    load_files(session_factory, sorted(CORPUS.glob("*.txt")))
    import_file(session_factory, SHARED / "data" / "observations.csv")
    return session_factory


def test_a_plan_index_is_made_of_its_parts(loaded):
    with loaded.begin() as s:
        result = plan_index(s, PLAN, 2023)
    assert result["plan"] == PLAN and result["year"] == 2023
    assert result["coverage"]["total"] == result["coverage"]["counted"] + len(result["excluded"])
    assert result["coverage"]["counted"] >= 3
    # the index is the weighted mean of the areas, each the mean of its indicators' attainment
    for area in result["areas"]:
        items = area["indicators"]
        assert area["attainment"] == pytest.approx(sum(i["attainment"] for i in items) / len(items))
    assert sum(a["weight"] for a in result["areas"]) == pytest.approx(1.0)
    assert result["index"] == pytest.approx(100 * sum(a["attainment"] * a["weight"] for a in result["areas"]))
    assert {x["status"] for x in result["excluded"]} <= {"无数据", "需人工评估"}


def test_a_region_index_pools_its_plans(loaded):
    with loaded.begin() as s:
        region = region_index(s, "山西省", 2023)
        own = plan_index(s, PLAN, 2023)
    assert region["region_code"] == "140000"
    assert {p["plan"] for p in region["plans"]} >= {PLAN, "shanxi-ecology-14th-plan"}
    assert "yuncheng-14th-fyp-outline" not in {p["plan"] for p in region["plans"]}
    assert region["coverage"]["total"] == sum(p["coverage"]["total"] for p in region["plans"])
    assert next(p for p in region["plans"] if p["plan"] == PLAN)["index"] == pytest.approx(own["index"])


def test_index_command_prints_the_index_with_parts_and_weights(loaded, store_url, monkeypatch):
    runner = CliRunner()
    result = runner.invoke(app, ["index", PLAN, "--year", "2023", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"index", "areas", "coverage", "excluded", "config", "method"} <= set(data)
    assert all({"area", "weight", "index", "indicators"} <= set(a) for a in data["areas"])
    text = runner.invoke(app, ["index", PLAN, "--year", "2023"])
    assert text.exit_code == 0 and "规划目标实现综合指数" in text.stdout and "权重" in text.stdout
    neither = runner.invoke(app, ["index", "--year", "2023"])
    assert neither.exit_code == 2 and "规划的键或 --region" in neither.output
    unknown = runner.invoke(app, ["index", "没有这个规划", "--year", "2023"])
    assert unknown.exit_code == 2
