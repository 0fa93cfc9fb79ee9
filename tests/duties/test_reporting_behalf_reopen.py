"""The office entering a report on a unit's behalf (代填), and reopening an approved item, which
withdraws its observation from evaluation until it is approved again."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from plantrack.duties.reporting import (Entry, ReportingError, ReportingRefused, find_owed, item_detail, owed, save,
                                        transition)
from plantrack.store.models import AuditEvent, Observation, ReportItem, ReportStatus

from .reporting_fixtures import (ECOLOGY, EVALUATOR, FORESTRY, OFFICE, PROVINCE, TAIYUAN_OFFICE, TODAY,
                                 reporting_store)  # noqa: F401
from .test_reporting import VALUE, _do, _forest_status, _owed


def test_the_office_saves_and_submits_for_the_lead_unit_and_the_log_says_so(reporting_store):
    _do(reporting_store, OFFICE, "indicator", save, VALUE, submit=True, on_behalf=True)
    with reporting_store() as s:
        item = s.scalar(select(ReportItem))
        assert (item.state, item.value, item.updated_by) == ("submitted", 43.6, "运城市发改委")
        log = [(r.action, r.actor_name, r.on_behalf_of) for r in s.scalars(select(ReportStatus).order_by(ReportStatus.id))]
        assert log == [("save", "运城市发改委", "市林业局"), ("submit", "运城市发改委", "市林业局")]
        events = s.scalars(select(AuditEvent).where(AuditEvent.object_type == "report_item").order_by(AuditEvent.id)).all()
        assert [(e.action, e.after.get("on_behalf_of"), e.note) for e in events] == [
            ("report.save", "市林业局", "运城市发改委代市林业局填报"),
            ("report.submit", "市林业局", "运城市发改委代市林业局填报")]
        o = find_owed(s, item.assignment_id, "2026")
        detail = item_detail(s, FORESTRY, o, TODAY)
        assert detail["entered_on_behalf"]["by"] == "运城市发改委" and detail["entered_on_behalf"]["unit"] == "市林业局"
        assert [r["on_behalf_of"] for r in detail["log"]] == ["市林业局", "市林业局"]


def test_only_the_regions_office_enters_on_behalf_and_only_saves_or_submits(reporting_store):
    for actor in (TAIYUAN_OFFICE, EVALUATOR, ECOLOGY):
        with pytest.raises(ReportingRefused):
            _do(reporting_store, actor, "indicator", save, VALUE, on_behalf=True)
    with reporting_store() as s:
        assert s.scalar(select(func.count()).select_from(ReportStatus)) == 0
    _do(reporting_store, PROVINCE, "indicator", save, VALUE, on_behalf=True)  # the province is above the city
    _do(reporting_store, OFFICE, "indicator", transition, "submit", on_behalf=True)
    with pytest.raises(ReportingError, match="代填只能保存或提交"):
        _do(reporting_store, OFFICE, "indicator", transition, "approve", on_behalf=True)


def test_the_item_page_offers_the_office_the_proxy_form_and_the_unit_its_own(reporting_store):
    with reporting_store() as s:
        o = _owed(reporting_store, OFFICE, "indicator")
        o = find_owed(s, o.assignment.id, o.period)
        office, unit = item_detail(s, OFFICE, o, TODAY), item_detail(s, FORESTRY, o, TODAY)
        assert office["proxy"] and not office["editable"]
        assert unit["editable"] and not unit["proxy"]
        assert not item_detail(s, EVALUATOR, o, TODAY)["proxy"]


def _current_forest(factory):
    with factory() as s:
        return [(o.value, o.source_title) for o in s.scalars(select(Observation).where(
            Observation.year == 2026, Observation.superseded_by_id.is_(None)))]


def test_reopening_withdraws_the_approved_observation_and_reapproval_restores_a_current_value(reporting_store):
    before = _forest_status(reporting_store)
    _do(reporting_store, FORESTRY, "indicator", save, VALUE, submit=True)
    _do(reporting_store, OFFICE, "indicator", transition, "approve")
    assert _current_forest(reporting_store) == [(43.6, VALUE.source_title)]
    approved_status = _forest_status(reporting_store)
    assert approved_status != before
    _do(reporting_store, OFFICE, "indicator", transition, "reopen", "统计局修订了年报")
    assert _current_forest(reporting_store) == []  # evaluation no longer uses it
    assert _forest_status(reporting_store) == before
    with reporting_store() as s:
        withdrawn = s.scalar(select(Observation).where(Observation.withdrawn_at.is_not(None)))
        assert withdrawn.value == 43.6 and withdrawn.superseded_by_id == withdrawn.id  # kept, not deleted
        assert withdrawn.withdrawn_by == "运城市发改委" and "统计局修订了年报" in withdrawn.withdrawn_reason
        assert s.scalar(select(ReportItem.observation_id)) is None
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "observation.withdraw"))
        assert (event.object_key, event.before["value"], event.after["state"]) == (str(withdrawn.id), 43.6, "withdrawn")
        reopen = s.scalar(select(AuditEvent).where(AuditEvent.action == "report.reopen"))
        assert reopen.after["withdrawn_observation"] == withdrawn.id
    # the same value approved again is current again (a new row; the withdrawn one stays as history)
    _do(reporting_store, FORESTRY, "indicator", save, VALUE, submit=True)
    _do(reporting_store, OFFICE, "indicator", transition, "approve")
    assert _current_forest(reporting_store) == [(43.6, VALUE.source_title)]
    assert _forest_status(reporting_store) == approved_status
    with reporting_store() as s:
        item = s.scalar(select(ReportItem))
        assert item.observation_id is not None and s.get(Observation, item.observation_id).withdrawn_at is None
        assert s.scalar(select(func.count()).select_from(Observation).where(Observation.year == 2026)) == 2


def test_reopening_brings_back_the_value_the_approval_had_replaced(reporting_store):
    from plantrack.align.catalogue import default_catalogue
    from plantrack.observations.importer import check_rows
    from plantrack.store.observations import save_observations

    data = ("region,indicator,unit,year,value,source_url,source_title,flags,note\n"
            "运城市,森林覆盖率,%,2026,41.0,https://example.org/bulletin,2026年统计公报,,\n").encode()
    with reporting_store.begin() as s:
        save_observations(s, check_rows(s, "bulletin.csv", data, default_catalogue()), "bulletin.csv", "x")
    assert _current_forest(reporting_store) == [(41.0, "2026年统计公报")]
    _do(reporting_store, FORESTRY, "indicator", save, VALUE, submit=True)
    _do(reporting_store, OFFICE, "indicator", transition, "approve")
    assert _current_forest(reporting_store) == [(43.6, VALUE.source_title)]
    _do(reporting_store, OFFICE, "indicator", transition, "reopen", "数值有误")
    assert _current_forest(reporting_store) == [(41.0, "2026年统计公报")]
    with reporting_store() as s:
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "observation.withdraw"))
        assert event.after["restored"] is not None


def test_reopening_a_progress_item_withdraws_nothing(reporting_store):
    from .reporting_fixtures import PNG

    _do(reporting_store, ECOLOGY, "project", save, Entry(percent="60", narrative="已淘汰 120 台"), [("a.png", PNG)],
        submit=True)
    _do(reporting_store, OFFICE, "project", transition, "approve")
    _do(reporting_store, OFFICE, "project", transition, "reopen", "补充照片")
    with reporting_store() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "observation.withdraw")) == 0
        assert [o.state for o in owed(s, ECOLOGY, TODAY)] == ["returned"]
