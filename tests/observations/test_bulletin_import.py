"""Accepting a bulletin's proposals: all or nothing through the plausibility checks, the bulletin
and its line as the source, one audit event; the command line proposes without storing."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from plantrack.cli import app
from plantrack.observations.bulletin_import import SelectionError, import_bulletin
from plantrack.observations.bulletins import read_bulletin
from plantrack.observations.importer import ImportRejected
from plantrack.store.models import AuditEvent, Observation

from .bulletin_scoring import BULLETINS

runner = CliRunner()


def shanxi_2022():
    return read_bulletin((BULLETINS / "shanxi-2022.txt").read_bytes(), "shanxi-2022.txt", "山西省", 2022)


def count(factory) -> int:
    with factory() as s:
        return s.scalar(select(func.count()).select_from(Observation))


def test_accepted_proposals_are_stored_with_the_bulletin_line_as_source(session_factory):
    b = shanxi_2022()
    gdp = next(p for p in b.proposals if p.concept == "gdp")
    pop = next(p for p in b.proposals if p.concept == "population")
    result = import_bulletin(session_factory, b, f"{gdp.id},{pop.id}", {pop.id: 3481.4})
    assert result.summary.added == 2
    with session_factory() as s:
        rows = {o.concept: o for o in s.scalars(select(Observation))}
        assert rows["gdp"].value == 25642.59 and rows["gdp"].region_code == "140000" and rows["gdp"].year == 2022
        assert rows["gdp"].source_title == f"shanxi-2022.txt（第 {gdp.line} 行）"
        assert "25642.59亿元" in rows["gdp"].quote
        assert rows["gdp"].extra["bulletin"]["line"] == gdp.line and "bulletin" in rows["gdp"].flags
        assert rows["population"].value == 3481.4  # the person's correction, the reading kept beside it
        assert rows["population"].extra["bulletin"]["read_value"] == 3481.35
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "observations.import_bulletin")).one()
        assert event.after["accepted"] == [gdp.id, pop.id] and event.after["corrected"] == {pop.id: 3481.4}


def test_one_implausible_choice_stores_nothing_and_names_the_proposal(session_factory):
    b = shanxi_2022()
    urb = next(p for p in b.proposals if p.concept == "urbanization")
    with pytest.raises(ImportRejected) as exc:
        import_bulletin(session_factory, b, "all", {urb.id: 163.96})
    assert [e.row for e in exc.value.errors] == [int(urb.id)] and "0—100" in exc.value.errors[0].reason
    assert count(session_factory) == 0


def test_unknown_proposal_ids_are_refused(session_factory):
    with pytest.raises(SelectionError, match="99"):
        import_bulletin(session_factory, shanxi_2022(), "1,99")


def test_the_command_proposes_without_storing_then_imports_the_chosen(store_url, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_HOME", str(tmp_path / "home"))
    path = BULLETINS / "shanxi-2022.txt"
    shown = runner.invoke(app, ["import-bulletin", str(path), "--region", "山西省", "--year", "2022", "--format", "json"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.stdout)
    assert (data["file"], data["region"], data["year"]) == ("shanxi-2022.txt", "山西省", 2022)
    first = data["proposals"][0]
    assert {"id", "indicator", "concept", "region", "year", "value", "unit", "line", "quote"} <= set(first)
    listed = json.loads(runner.invoke(app, ["audit", "--format", "json"]).stdout)
    assert not any(e["action"] == "observations.import_bulletin" for e in listed["events"])
    done = runner.invoke(app, ["import-bulletin", str(path), "--region", "山西省", "--year", "2022",
                               "--accept", "all", "--format", "json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["added"] == len(data["proposals"])
    bad = runner.invoke(app, ["import-bulletin", str(path), "--region", "山西省", "--year", "2022",
                              "--accept", first["id"], "--correct", f"{first['id']}=-5", "--format", "json"])
    assert bad.exit_code == 1 and "负数" in json.loads(bad.stdout)["errors"][0]
