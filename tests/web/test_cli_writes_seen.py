"""A duties write made by another process (the CLI) against the store a running server uses is seen
on that server's next request: the evaluation memo keys on the duty tables, not on a flag only the
server's own page writes set (issue 11)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from plantrack.api import create_app
from plantrack.cli import app as cli_app

from ..duties.conftest import write_csv
from ..userfixtures import admin_headers
from .conftest import JIANGZHOU, forest_id


def _annual(client, indicator_id: int) -> dict | None:
    body = client.get(f"/plans/{JIANGZHOU}/indicators/{indicator_id}?year=2022&format=json").json()
    return (body["assessment"] or {}).get("annual")


def test_annual_targets_imported_by_the_cli_show_on_the_next_request(web_store, store_url, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_HOME", str(tmp_path / "home"))
    with TestClient(create_app(web_store), headers=admin_headers(web_store)) as server:
        forest = forest_id(server)
        assert _annual(server, forest) is None  # evaluated (and memoised) before the write
        f = write_csv(tmp_path / "annual.csv", "plan,indicator,year,target",
                      [[JIANGZHOU, "森林覆盖率", "2022", "≥43"]])
        done = CliRunner().invoke(cli_app, ["annual-targets", "import", str(f), "--format", "json"])
        assert done.exit_code == 0, done.output
        annual = _annual(server, forest)
        assert annual is not None and "43" in str(annual), annual
        f2 = write_csv(tmp_path / "annual2.csv", "plan,indicator,year,target",
                       [[JIANGZHOU, "森林覆盖率", "2022", "≥44"]])
        assert CliRunner().invoke(cli_app, ["annual-targets", "import", str(f2)]).exit_code == 0
        assert "44" in str(_annual(server, forest))  # a superseding row is seen too


def test_an_allocation_imported_by_the_cli_moves_the_state_the_memo_keys_on(web_store, store_url, tmp_path, monkeypatch):
    from plantrack.web.queries import data_state

    monkeypatch.setenv("PLANTRACK_HOME", str(tmp_path / "home"))
    with web_store() as s:
        before = data_state(s)
    f = write_csv(tmp_path / "alloc.csv", "parent_plan,indicator,region,assigned,unit,rule,weight",
                  [[JIANGZHOU, "森林覆盖率", "盐湖区", "44", "%", "at_least", ""]])
    done = CliRunner().invoke(cli_app, ["decomposition", "import", str(f), "--format", "json"])
    assert done.exit_code == 0, done.output
    with web_store() as s:
        after = data_state(s)
    assert after != before and after[:3] == before[:3]  # only the duty tables moved
