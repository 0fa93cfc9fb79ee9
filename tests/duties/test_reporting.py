"""The reporting workflow on a store: who may do what to which item, the loop to approval, what
approval does to the indicator, the lock, the log and the audit trail."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select

from plantrack.duties.reporting import (Entry, ReportingError, ReportingRefused, find_owed, item_detail, owed, save,
                                        set_frequency, transition)
from plantrack.duties.reporting_files import evidence_path
from plantrack.duties.reporting_states import TransitionRefused
from plantrack.store.models import AuditEvent, Observation, Plan, ReportItem, ReportStatus
from plantrack.web.queries import MEMO, evaluation

from .conftest import write_csv  # noqa: F401  (the fixture module imports it)
from .reporting_fixtures import (ECOLOGY, EVALUATOR, FORESTRY, OFFICE, PDF, PLAN, PNG, PROVINCE, TAIYUAN_OFFICE, TODAY,
                                 reporting_store)  # noqa: F401

VALUE = Entry(value="43.6", source_title="2026年运城市林业统计年报", source_url="https://example.org/forest")


def _owed(factory, actor, kind):
    with factory() as s:
        return next(o for o in owed(s, actor, TODAY) if o.assignment.item_kind == kind)


def _do(factory, actor, kind, fn, *args, **kw):
    with factory.begin() as s:
        o = next(o for o in owed(s, OFFICE, TODAY) if o.assignment.item_kind == kind)
        return fn(s, actor, o, *args, **kw).id


def _forest_status(factory, year=2026):
    MEMO.clear()
    with factory() as s:
        plan = s.scalar(select(Plan).where(Plan.key == PLAN))
        ev = evaluation(s, plan, year)
        return next(a for a in ev["assessments"] if a["indicator"]["name"] == "森林覆盖率")["status"]


def test_a_lead_unit_sees_only_its_own_items(reporting_store):
    with reporting_store() as s:
        assert [(o.assignment.item_name, o.period, o.state) for o in owed(s, FORESTRY, TODAY)] == [("森林覆盖率", "2026", "new")]
        assert [o.assignment.item_name for o in owed(s, ECOLOGY, TODAY)] == ["燃煤锅炉淘汰工程"]
        assert len(owed(s, OFFICE, TODAY)) == 2 and len(owed(s, PROVINCE, TODAY)) == 2 and len(owed(s, EVALUATOR, TODAY)) == 2
        assert owed(s, TAIYUAN_OFFICE, TODAY) == []


def test_the_whole_loop_and_what_approval_does(reporting_store):
    before = _forest_status(reporting_store)
    def observations():
        with reporting_store() as s:
            return s.scalar(select(func.count()).select_from(Observation))

    n0 = observations()
    _do(reporting_store, FORESTRY, "indicator", save, VALUE, [("统计年报.pdf", PDF)])
    _do(reporting_store, FORESTRY, "indicator", transition, "submit")
    assert observations() == n0 and _forest_status(reporting_store) == before  # 待审: not used
    _do(reporting_store, OFFICE, "indicator", transition, "return", "来源请附统计年报页码")
    _do(reporting_store, FORESTRY, "indicator", save,
        Entry(value="43.5", source_title="2026年运城市林业统计年报第12页", source_url="https://example.org/forest"))
    _do(reporting_store, FORESTRY, "indicator", transition, "submit")
    _do(reporting_store, OFFICE, "indicator", transition, "approve")
    with reporting_store() as s:
        o = find_owed(s, _owed(reporting_store, OFFICE, "indicator").assignment.id, "2026")
        assert o.item.state == "approved" and o.item.value == 43.5
        obs = s.get(Observation, o.item.observation_id)
        assert (obs.region_code, obs.year, obs.value, obs.superseded_by_id) == ("140800", 2026, 43.5, None)
        assert obs.concept and obs.source_title == "2026年运城市林业统计年报第12页"
        log = [(r.action, r.from_state, r.to_state, r.actor_name) for r in
               s.scalars(select(ReportStatus).where(ReportStatus.item_id == o.item.id).order_by(ReportStatus.id))]
        assert log == [("save", None, "draft", "林业局填报员"), ("submit", "draft", "submitted", "林业局填报员"),
                       ("return", "submitted", "returned", "运城市发改委"), ("save", "returned", "returned", "林业局填报员"),
                       ("submit", "returned", "submitted", "林业局填报员"), ("approve", "submitted", "approved", "运城市发改委")]
        trail = [e.action for e in s.scalars(select(AuditEvent).where(AuditEvent.object_type == "report_item")
                                              .order_by(AuditEvent.id))]
        assert trail == ["report.save", "report.submit", "report.return", "report.save", "report.submit", "report.approve"]
        returned = s.scalar(select(AuditEvent).where(AuditEvent.action == "report.return"))
        assert returned.after["comment"] == "来源请附统计年报页码" and returned.before["state"] == "submitted"
        detail = item_detail(s, OFFICE, o, TODAY)
        assert detail["locked"] and detail["actions"] == [{"action": "reopen", "label": "重新开放", "needs_comment": True}]
        assert [e["file_name"] for e in detail["evidence"]] == ["统计年报.pdf"]
        assert evidence_path(hashlib.sha256(PDF).hexdigest()).read_bytes() == PDF
    assert observations() == n0 + 1
    assert _forest_status(reporting_store) != before


def test_approved_values_lock_and_reopening_is_the_offices_audited_move(reporting_store):
    _do(reporting_store, FORESTRY, "indicator", save, VALUE, submit=True)
    _do(reporting_store, OFFICE, "indicator", transition, "approve")
    with pytest.raises(TransitionRefused, match="锁定"):
        _do(reporting_store, FORESTRY, "indicator", save, Entry(value="50", source_title="x"))
    with pytest.raises(ReportingRefused):
        _do(reporting_store, FORESTRY, "indicator", transition, "reopen", "我想改")
    with pytest.raises(ReportingError, match="意见"):
        _do(reporting_store, OFFICE, "indicator", transition, "reopen", "")
    _do(reporting_store, OFFICE, "indicator", transition, "reopen", "统计局修订了年报")
    _do(reporting_store, FORESTRY, "indicator", save, Entry(value="43.9", source_title="修订后的年报"), submit=True)
    _do(reporting_store, OFFICE, "indicator", transition, "approve")
    with reporting_store() as s:
        current = s.scalars(select(Observation).where(Observation.year == 2026, Observation.superseded_by_id.is_(None),
                                                      Observation.source_title.like("%年报%"))).all()
        assert [o.value for o in current] == [43.9]  # the re-approved value supersedes the first
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "report.reopen")) == 1


def test_permissions(reporting_store):
    with pytest.raises(ReportingRefused):  # another unit's item
        _do(reporting_store, ECOLOGY, "indicator", save, VALUE)
    with pytest.raises(ReportingRefused):  # an office does not fill in for a unit
        _do(reporting_store, OFFICE, "indicator", save, VALUE)
    with pytest.raises(ReportingRefused):
        _do(reporting_store, EVALUATOR, "indicator", save, VALUE)
    _do(reporting_store, FORESTRY, "indicator", save, VALUE, submit=True)
    for actor in (FORESTRY, ECOLOGY, EVALUATOR, TAIYUAN_OFFICE):  # only the region's office (or above) reviews
        with pytest.raises(ReportingRefused):
            _do(reporting_store, actor, "indicator", transition, "approve")
    _do(reporting_store, PROVINCE, "indicator", transition, "return", "省里要求补充来源")
    with reporting_store() as s:
        assert s.scalar(select(ReportItem.state)) == "returned"
        assert s.scalar(select(func.count()).select_from(ReportStatus)) == 3


def test_a_submission_must_be_complete_and_entries_are_checked(reporting_store):
    with pytest.raises(ReportingError, match="数据来源"):
        _do(reporting_store, FORESTRY, "indicator", save, Entry(value="43"), submit=True)
    with pytest.raises(ReportingError, match="不是数字"):
        _do(reporting_store, FORESTRY, "indicator", save, Entry(value="四十三"))
    with pytest.raises(ReportingError, match="完成进度"):
        _do(reporting_store, ECOLOGY, "project", save, Entry(percent="120", narrative="超额"))
    with pytest.raises(ReportingError, match="PDF 或图片"):
        _do(reporting_store, ECOLOGY, "project", save, Entry(percent="60"), [("run.exe", b"MZ")])
    with pytest.raises(ReportingError, match="不符"):
        _do(reporting_store, ECOLOGY, "project", save, Entry(percent="60"), [("photo.png", b"MZ\x90\x00")])
    with reporting_store() as s:
        assert s.scalar(select(func.count()).select_from(ReportStatus)) == 0  # nothing half-written
    _do(reporting_store, ECOLOGY, "project", save, Entry(percent="60", narrative="已淘汰燃煤锅炉 120 台"),
        [("现场.png", PNG)], submit=True)
    with reporting_store() as s:
        item = s.scalar(select(ReportItem))
        assert (item.state, item.percent, item.observation_id) == ("submitted", 60.0, None)


def test_the_office_sets_quarterly_reporting(reporting_store):
    with reporting_store.begin() as s:
        with pytest.raises(ReportingRefused):
            set_frequency(s, FORESTRY, PLAN, "quarter")
        assert set_frequency(s, OFFICE, PLAN, "quarter")["before"] is None
    with reporting_store() as s:
        periods = [o.period for o in owed(s, FORESTRY, TODAY)]
        assert periods == ["2026Q1", "2026Q2", "2026Q3", "2026Q4"]
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "reporting.frequency"))
        assert (event.object_key, event.after, event.actor_name) == (PLAN, {"frequency": "quarter"}, "运城市发改委")


def test_a_quarter_before_the_last_is_stored_as_a_partial_year(reporting_store):
    with reporting_store.begin() as s:
        set_frequency(s, OFFICE, PLAN, "quarter")
    with reporting_store.begin() as s:
        o = next(o for o in owed(s, FORESTRY, TODAY) if o.period == "2026Q2")
        save(s, FORESTRY, o, VALUE, submit=True)
        item = transition(s, OFFICE, o, "approve")
        obs = s.get(Observation, item.observation_id)
        assert (obs.year, obs.value) == (2026, 43.6) and "partial_year" in obs.flags
        assert "2026年第二季度" in obs.note
