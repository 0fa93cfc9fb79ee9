"""The accountability commands: JSON with --format json; a bad file exits 1 naming every bad row."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from plantrack.cli import app

from .conftest import FIXTURES
from .duties.conftest import write_csv

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_units_import_and_list_as_json(store_url, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_HOME", str(tmp_path / "home"))
    f = write_csv(tmp_path / "u.csv", "region,name,short_name", [["山西省", "山西省财政厅", "省财政厅"]])
    result = run("units", "import", f, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] == 1
    listed = json.loads(run("units", "list", "--region", "山西省", "--format", "json").stdout)
    assert [u["short_name"] for u in listed] == ["省财政厅"]


def test_a_bad_assignments_file_exits_1_and_names_every_bad_row(store_url, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_HOME", str(tmp_path / "home"))
    assert run("ingest", FIXTURES / "qinghe-county-14th-fyp.txt", "--key", "qinghe").exit_code == 0
    f = write_csv(tmp_path / "a.csv", "plan,item_kind,item,lead_unit,supporting_units,due", [
        ["qinghe", "indicator", "常住人口城镇化率", "县水利局", "", "2025-12-31"],
        ["qinghe", "indicator", "没有的指标", "县水利局", "", "下个月"]])
    result = run("assignments", "import", f, "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["errors"] == [
        "a.csv 第2行：未知牵头单位“县水利局”（请先用 plantrack units import 导入单位）",
        "a.csv 第3行：规划“qinghe”中没有指标“没有的指标”",
        "a.csv 第3行：未知牵头单位“县水利局”（请先用 plantrack units import 导入单位）",
        "a.csv 第3行：due（报送期限）“下个月”不是有效日期（应为 2025-12-31 形式）",
    ]
    table = run("assignments", "import", f)
    assert table.exit_code == 1 and "未保存任何数据" in table.stderr
    assert json.loads(run("assignments", "list", "qinghe", "--format", "json").stdout) == []


def test_decomposition_check_of_an_unknown_plan_is_a_chinese_error(store_url, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_HOME", str(tmp_path / "home"))
    result = run("decomposition", "check", "nowhere", "--format", "json")
    assert result.exit_code == 2 and "nowhere" in result.stderr


def test_units_import_checks_the_email_column_and_lists_it(store_url, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_HOME", str(tmp_path / "home"))
    bad = write_csv(tmp_path / "u.csv", "region,name,short_name,email", [["山西省", "山西省财政厅", "省财政厅", "czt-at-example"]])
    result = run("units", "import", bad, "--format", "json")
    assert result.exit_code == 1 and "不是有效的邮箱地址" in json.loads(result.stdout)["errors"][0]
    good = write_csv(tmp_path / "u2.csv", "region,name,short_name,email", [["山西省", "山西省财政厅", "省财政厅", "czt@example.gov.cn"]])
    assert run("units", "import", good).exit_code == 0
    assert json.loads(run("units", "list", "--format", "json").stdout)[0]["email"] == "czt@example.gov.cn"
    assert "czt@example.gov.cn" in run("units", "list").stdout
