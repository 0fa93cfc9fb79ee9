"""plantrack backup / restore / doctor: a round trip brings back exactly what was stored, on both
engines; a bad backup file or a missing tool is a Chinese error; doctor says what is wrong."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import func, select
from typer.testing import CliRunner

from plantrack.cli import app
from plantrack.load import load_file
from plantrack.maintenance import MaintenanceError, backup, doctor, restore
from plantrack.observations.importer import import_file
from plantrack.store.db import make_engine, open_store
from plantrack.store.models import Observation, Plan
from plantrack.store.search import search

from .conftest import FIXTURES
from .store.test_migrations import _config

runner = CliRunner()
OBSERVATIONS = "region,indicator,unit,year,value,source_url,source_title,quote\n山西省,森林覆盖率,%,2021,23.6,,公报,\n"


def _state(factory) -> tuple:
    with factory() as s:
        plans = sorted(s.scalars(select(Plan.key)))
        observations = s.scalar(select(func.count()).select_from(Observation))
        hits = search(s, "森林覆盖率").total
    return plans, observations, hits


def test_a_backup_restored_brings_back_what_was_stored(session_factory, store_url, tmp_path):
    assert load_file(session_factory, FIXTURES / "qinghe-county-14th-fyp.txt", key="qinghe").ok
    (tmp_path / "o.csv").write_text(OBSERVATIONS, encoding="utf-8")
    import_file(session_factory, tmp_path / "o.csv")
    before = _state(session_factory)
    assert before[0] == ["qinghe"] and before[1] == 1 and before[2] > 0

    result = runner.invoke(app, ["backup", str(tmp_path / "store.backup")])
    assert result.exit_code == 0, result.output
    assert "已" in result.output and "备份" in result.output

    assert load_file(session_factory, FIXTURES / "jiangzhou-ecology-14th-plan.txt", key="jiangzhou").ok
    with session_factory.begin() as s:
        s.query(Observation).delete()
    assert _state(session_factory) != before

    result = runner.invoke(app, ["restore", str(tmp_path / "store.backup")])
    assert result.exit_code == 0, result.output
    session_factory.kw["bind"].dispose()  # connections opened before the restore
    assert _state(session_factory) == before
    if store_url.startswith("sqlite"):
        kept = list(tmp_path.glob("plantrack.db.before-restore-*"))
        assert len(kept) == 1  # the store as it was before the restore is kept


def test_backup_does_not_overwrite_without_force(store_url, tmp_path):
    target = tmp_path / "exists.backup"
    target.write_text("keep me")
    result = runner.invoke(app, ["backup", str(target)])
    assert result.exit_code == 1 and "已存在" in result.output and "--force" in result.output
    assert target.read_text() == "keep me"
    assert runner.invoke(app, ["backup", str(target), "--force"]).exit_code == 0


def test_restoring_something_that_is_no_backup_changes_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'plantrack.db'}"
    factory = open_store(url)
    assert load_file(factory, FIXTURES / "qinghe-county-14th-fyp.txt", key="qinghe").ok
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(MaintenanceError) as caught:
        restore(junk, url=url)
    assert str(junk) in str(caught.value) and "不是可用的 plantrack 数据库备份" in str(caught.value)
    assert _state(factory)[0] == ["qinghe"]


def test_postgresql_without_pg_dump_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(MaintenanceError) as caught:
        backup(tmp_path / "x.dump", url="postgresql://plantrack@127.0.0.1:1/none")
    assert "找不到 pg_dump" in str(caught.value) and "postgresql-client" in str(caught.value)


def test_doctor_passes_a_healthy_store(store_url):
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 0, result.output
    assert "数据库可以打开" in result.output and "最新版本" in result.output and "一切正常" in result.output


def test_doctor_reports_a_store_behind_the_code_and_changes_nothing(store_url):
    engine = make_engine(store_url)
    with engine.begin() as conn:
        command.downgrade(_config(conn), "-1")
    engine.dispose()
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 1
    assert "落后于程序" in result.output and "plantrack backup" in result.output
    assert runner.invoke(app, ["doctor"]).exit_code == 1  # doctor did not migrate it


def test_doctor_reports_too_little_disk_space(tmp_path):
    url = f"sqlite:///{tmp_path / 'plantrack.db'}"
    open_store(url)
    checks = doctor(url, min_free=2**62)
    assert [c.ok for c in checks][:2] == [True, True]
    assert not checks[-1].ok and "所在磁盘只剩" in checks[-1].message


def test_doctor_on_a_missing_sqlite_file_says_it_is_created_on_first_use(tmp_path):
    checks = doctor(f"sqlite:///{tmp_path / 'none.db'}")
    assert not checks[0].ok and "不存在" in checks[0].message and "首次运行" in checks[0].message
