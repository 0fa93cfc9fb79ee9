"""Supporting units (配合) in reporting: the 配合 list, contributions with evidence, who sees them,
and what a supporting unit may not do. In the fixture 市林业局 supports 市生态环境局's project."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select

from plantrack.duties.reporting import Entry, ReportingError, ReportingRefused, find_owed, item_detail, save, transition
from plantrack.duties.reporting_files import evidence_path
from plantrack.duties.reporting_support import (Contribution, contribute, contribution_evidence, may_read_item,
                                                supported_owed, supported_rows)
from plantrack.store.models import AuditEvent, ReportContribution, ReportItem, ReportStatus

from .reporting_fixtures import (ECOLOGY, EVALUATOR, FORESTRY, OFFICE, PDF, PNG, TAIYUAN_OFFICE, TODAY,
                                 reporting_store)  # noqa: F401
from .test_reporting import _do

NOTE = Contribution(note="配合完成燃煤锅炉排查 35 台", value="35", source_title="市林业局排查台账")


def _project(s):
    from plantrack.duties.reporting import owed

    o = next(o for o in owed(s, OFFICE, TODAY) if o.assignment.item_kind == "project")
    return find_owed(s, o.assignment.id, o.period)


def test_a_supporting_unit_sees_the_item_marked_support_and_no_other(reporting_store):
    with reporting_store() as s:
        rows = supported_rows(s, FORESTRY, TODAY)
        assert [(r["item"], r["role_label"], r["lead_unit"], r["unit"], r["contributed"]) for r in rows] == [
            ("燃煤锅炉淘汰工程", "配合", "市生态环境局", "市林业局", False)]
        assert supported_owed(s, ECOLOGY, TODAY) == []  # it leads; it supports nothing
        assert supported_owed(s, OFFICE, TODAY) == []
        o = _project(s)
        assert may_read_item(s, FORESTRY, o.assignment) and not may_read_item(s, TAIYUAN_OFFICE, o.assignment)


def test_the_contribution_with_evidence_is_seen_by_the_lead_and_the_office(reporting_store):
    with reporting_store.begin() as s:
        result = contribute(s, FORESTRY, _project(s), NOTE, [("排查台账.pdf", PDF)])
        assert not result["unchanged"]
    with reporting_store() as s:
        o = _project(s)
        for actor in (ECOLOGY, OFFICE, FORESTRY):
            got = item_detail(s, actor, o, TODAY)["contributions"]
            assert [(c["unit"], c["note"], c["value"], c["source_title"]) for c in got] == [
                ("市林业局", "配合完成燃煤锅炉排查 35 台", 35.0, "市林业局排查台账")]
            assert [(e["file_name"], e["sha256"]) for e in got[0]["evidence"]] == [
                ("排查台账.pdf", hashlib.sha256(PDF).hexdigest())]
        assert evidence_path(hashlib.sha256(PDF).hexdigest()).read_bytes() == PDF
        ev_id = item_detail(s, OFFICE, o, TODAY)["contributions"][0]["evidence"][0]["id"]
        assert contribution_evidence(s, ECOLOGY, ev_id).file_name == "排查台账.pdf"
        with pytest.raises(ReportingRefused):
            contribution_evidence(s, TAIYUAN_OFFICE, ev_id)
        assert s.scalar(select(func.count()).select_from(ReportItem)) == 0  # the lead's item is untouched
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "report.contribute"))
        assert event.after["unit"] == "市林业局" and event.after["evidence"][0]["file_name"] == "排查台账.pdf"
        assert [r["contributed"] for r in supported_rows(s, FORESTRY, TODAY)] == [True]


def test_a_new_contribution_supersedes_the_old_and_the_same_one_changes_nothing(reporting_store):
    with reporting_store.begin() as s:
        contribute(s, FORESTRY, _project(s), NOTE, [("a.png", PNG)])
    with reporting_store.begin() as s:
        assert contribute(s, FORESTRY, _project(s), NOTE)["unchanged"]
    with reporting_store.begin() as s:
        contribute(s, FORESTRY, _project(s), Contribution(note="排查 36 台（更正）"))
    with reporting_store() as s:
        states = [r.state for r in s.scalars(select(ReportContribution).order_by(ReportContribution.id))]
        assert states == ["superseded", "active"]
        got = item_detail(s, ECOLOGY, _project(s), TODAY)["contributions"]
        assert [(c["note"], c["value"], c["versions"], len(c["evidence"])) for c in got] == [
            ("排查 36 台（更正）", None, 2, 1)]
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "report.contribute")) == 2


def test_contributions_are_checked_and_refused_whole(reporting_store):
    cases = [(Contribution(note=""), "配合情况说明"), (Contribution(note="x", value="三十五"), "不是数字"),
             (Contribution(note="x", value="35"), "数据来源"), (Contribution(note="x", source_url="ftp://a"), "http")]
    for c, message in cases:
        with pytest.raises(ReportingError, match=message):
            with reporting_store.begin() as s:
                contribute(s, FORESTRY, _project(s), c)
    with pytest.raises(ReportingError, match="PDF 或图片"):
        with reporting_store.begin() as s:
            contribute(s, FORESTRY, _project(s), NOTE, [("a.exe", b"MZ")])
    with reporting_store() as s:
        assert s.scalar(select(func.count()).select_from(ReportContribution)) == 0


def test_a_supporting_unit_cannot_change_or_submit_the_leads_entry_nor_others_contribute(reporting_store):
    with pytest.raises(ReportingRefused):
        _do(reporting_store, FORESTRY, "project", save, Entry(percent="50", narrative="x"))
    _do(reporting_store, ECOLOGY, "project", save, Entry(percent="60", narrative="已淘汰 120 台"))
    with pytest.raises(ReportingRefused):
        _do(reporting_store, FORESTRY, "project", transition, "submit")
    for actor in (ECOLOGY, OFFICE, EVALUATOR):  # the lead, the office: not supporting units
        with pytest.raises(ReportingRefused):
            with reporting_store.begin() as s:
                contribute(s, actor, _project(s), NOTE)
    with reporting_store() as s:
        o = _project(s)
        detail = item_detail(s, FORESTRY, o, TODAY)
        assert detail["as_supporter"] and detail["can_contribute"]
        assert detail["actions"] == [] and not detail["editable"] and not detail["proxy"]
        assert s.scalar(select(func.count()).select_from(ReportStatus)) == 1


def test_no_contribution_once_the_item_is_approved(reporting_store):
    _do(reporting_store, ECOLOGY, "project", save, Entry(percent="60", narrative="已淘汰 120 台"), submit=True)
    _do(reporting_store, OFFICE, "project", transition, "approve")
    with pytest.raises(ReportingError, match="锁定"):
        with reporting_store.begin() as s:
            contribute(s, FORESTRY, _project(s), NOTE)
    with reporting_store() as s:
        assert not item_detail(s, FORESTRY, _project(s), TODAY)["can_contribute"]
