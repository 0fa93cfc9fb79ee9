"""The store commands of the CLI: ingest, plans, link, search, export, align, check, evaluate,
import-observations — JSON on stdout with --format json, Chinese errors and exit codes otherwise."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from plantrack.cli import app

from .conftest import CORPUS, FIXTURES, SHARED

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def corpus_store(store_url, tmp_path, monkeypatch):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not next to the repository")
    monkeypatch.setenv("PLANTRACK_HOME", str(tmp_path / "home"))
    result = run("ingest", *sorted(CORPUS.glob("*.txt")), "--format", "json")
    assert result.exit_code == 0, result.output
    return store_url


def test_ingest_reports_each_file_as_json(corpus_store):
    again = run("ingest", CORPUS / "yuncheng-14th-fyp-outline.txt", "--format", "json")
    outcome = json.loads(again.stdout)
    assert [o["status"] for o in outcome] == ["unchanged"]


def test_plans_lists_the_catalogue_with_links(corpus_store):
    plans = {p["key"]: p for p in json.loads(run("plans", "--format", "json").stdout)}
    assert len(plans) == 5
    assert plans["yuncheng-14th-fyp-outline"]["parent"] == "shanxi-14th-fyp-outline"
    assert json.loads(run("plans", "--level", "city", "--format", "json").stdout)[0]["level"] == "city"


def test_plans_table_shows_whole_titles_when_piped(corpus_store):
    out = run("plans").stdout  # CliRunner's output is not a terminal, as in a log or a pipe
    assert "山西省黄河流域生态保护和高质量发展规划" in out
    assert "yuncheng-14th-fyp-outline" in out


def test_plans_table_says_the_period_as_the_web_does(corpus_store):
    from plantrack.domain.periods import period_text

    plans = json.loads(run("plans", "--format", "json").stdout)
    out = run("plans").stdout
    assert "?" not in out
    for p in plans:
        assert period_text(p["period"]["start"], p["period"]["end"]) in out
    assert any(p["period"]["start"] is None and p["period"]["end"] for p in plans)  # one reads 至YYYY年


def test_link_sets_and_refuses_loops(corpus_store):
    assert run("link", "shanxi-yellow-river-plan", "shanxi-14th-fyp-outline").exit_code == 0
    loop = run("link", "shanxi-14th-fyp-outline", "yuncheng-14th-fyp-outline")
    assert loop.exit_code == 2 and "循环" in loop.output


def test_search_prints_json_hits(corpus_store):
    page = json.loads(run("search", "森林覆盖率", "--format", "json", "--limit", "5").stdout)
    assert page["total"] >= 5 and all("森林覆盖率" in h["text"] for h in page["hits"])
    assert run("search", " ").exit_code == 2


def test_search_table_says_when_hits_are_not_ranked(corpus_store, monkeypatch):
    from plantrack.store import search as search_module

    assert "未按相关度排序" not in run("search", "森林覆盖率").stdout
    monkeypatch.setattr(search_module, "RANK_LIMIT", 1)
    assert "未按相关度排序" in run("search", "森林覆盖率").stdout
    assert json.loads(run("search", "森林覆盖率", "--format", "json").stdout)["ranked"] is False


def test_export_csv_has_the_contract_header(corpus_store):
    out = run("export", "yuncheng-14th-fyp-outline", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert len(rows) == 37 and rows[0]["name"] == "地区生产总值（GDP）增长率"
    assert run("export", "nope").exit_code == 2


def test_align_and_check_print_json(corpus_store):
    aligned = json.loads(run("align", "xinzhou-ecology-14th-plan", "--format", "json").stdout)
    assert aligned["parent"] == "shanxi-ecology-14th-plan"
    found = json.loads(run("check", "yuncheng-14th-fyp-outline", "--format", "json").stdout)
    assert any("粮食综合生产能力" in f["message"] for f in found["findings"])


def test_align_and_check_write_workbooks(corpus_store, tmp_path):
    from openpyxl import load_workbook

    for args, name in ((("align", "xinzhou-ecology-14th-plan"), "align.xlsx"), (("check", "yuncheng-14th-fyp-outline"), "check.xlsx")):
        target = tmp_path / name
        result = run(*args, "--format", "json", "-o", target)
        assert result.exit_code == 0 and json.loads(result.stdout)  # stdout stays JSON
        assert "已导出" in result.stderr
        assert load_workbook(target).sheetnames


def test_observations_then_evaluate(corpus_store, tmp_path):
    imported = run("import-observations", SHARED / "data" / "observations.csv", "--format", "json")
    assert imported.exit_code == 0, imported.output
    assert json.loads(imported.stdout)[0]["rows"] == 95
    result = json.loads(run("evaluate", "shanxi-14th-fyp-outline", "--year", "2023", "--format", "json").stdout)
    assert result["plan"] == "shanxi-14th-fyp-outline"
    assert len([a for a in result["assessments"] if a["origin"] == "table"]) == 38  # and the tracked prose targets
    bad = tmp_path / "bad.csv"
    bad.write_text("region,indicator,unit,year,value\n山西省,森林覆盖率,%,2023,x\n", encoding="utf-8")
    rejected = run("import-observations", bad)
    assert rejected.exit_code == 1 and "第 2 行" in rejected.output


def test_a_failed_file_sets_the_exit_code(store_url, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_HOME", str(tmp_path / "home"))
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run("ingest", FIXTURES / "qinghe-county-14th-fyp.txt", empty)
    assert result.exit_code == 1 and "文件为空" in result.output and "成功 1 个，失败 1 个" in result.output
