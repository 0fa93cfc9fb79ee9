"""The audit trail: every write the application makes leaves exactly one event naming who did it,
with the object's state before and after; a write that changes nothing leaves none; events can be
appended but never changed or removed through the application."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, update

from plantrack import audit
from plantrack.analysis import record_decision
from plantrack.domain.actor import LOCAL_OPERATOR, Actor
from plantrack.ingest.read import decode_plan_bytes
from plantrack.links import link_plan
from plantrack.load import load_file, load_source
from plantrack.observations.importer import ImportRejected, import_file
from plantrack.store.models import AuditEvent
from plantrack.tracking import set_override

FIXTURES = Path(__file__).resolve().parent / "fixtures"
QINGHE = FIXTURES / "qinghe-county-14th-fyp.txt"
JIANGZHOU = FIXTURES / "jiangzhou-ecology-14th-plan.txt"
PLANNER = Actor(name="张三", role="planning", user_id=7, region_code="140000", address="10.0.0.8")
HEADER = "region,indicator,unit,year,value,source_url,source_title,quote\n"


def all_events(factory) -> list[AuditEvent]:
    with factory() as s:
        return list(s.scalars(select(AuditEvent).order_by(AuditEvent.id)))


def new_events(factory, before: int) -> list[AuditEvent]:
    return [e for e in all_events(factory) if e.id > before]


def last_id(factory) -> int:
    with factory() as s:
        return s.scalar(select(func.max(AuditEvent.id))) or 0


@pytest.fixture
def plans(session_factory):
    load_file(session_factory, QINGHE, key="qinghe")
    load_file(session_factory, JIANGZHOU, key="jiangzhou", overrides={"region": "运城市"})
    return session_factory


def test_ingesting_a_plan_is_one_event_by_the_actor_with_the_plan_after(session_factory):
    outcome = load_file(session_factory, JIANGZHOU, key="jiangzhou", overrides={"region": "运城市"}, actor=PLANNER)
    assert outcome.status == "created"
    [event] = all_events(session_factory)
    assert (event.action, event.object_type, event.object_key) == ("plan.create", "plan", "jiangzhou")
    assert (event.actor_name, event.actor_user_id, event.role, event.address) == ("张三", 7, "planning", "10.0.0.8")
    assert event.before is None
    assert event.after["version"] == 1 and event.after["region"] == "运城市"
    assert event.after["file"] == "jiangzhou-ecology-14th-plan.txt" and event.after["indicators"] > 0
    assert audit.as_utc(event.at).tzinfo is not None


def test_the_same_file_again_changes_nothing_and_records_nothing(plans):
    before = last_id(plans)
    assert load_file(plans, JIANGZHOU, key="jiangzhou").status == "unchanged"
    assert new_events(plans, before) == []


def test_the_same_file_with_a_new_parent_records_the_link_only(plans):
    before = last_id(plans)
    assert load_file(plans, QINGHE, key="qinghe", parent="jiangzhou", actor=PLANNER).status == "unchanged"
    [event] = new_events(plans, before)
    assert (event.action, event.before, event.after) == ("plan.link", {"parent": None}, {"parent": "jiangzhou"})
    assert load_file(plans, QINGHE, key="qinghe", parent="jiangzhou", actor=PLANNER).status == "unchanged"
    assert new_events(plans, event.id) == []


def test_a_new_version_records_the_version_before_and_after(plans):
    before = last_id(plans)
    changed = JIANGZHOU.read_text(encoding="utf-8").replace("曑33", "曑32") + "\n附：修订。\n"
    outcome = load_source(plans, decode_plan_bytes(changed.encode("utf-8"), str(JIANGZHOU)), key="jiangzhou", actor=PLANNER)
    assert outcome.status == "new_version"
    [event] = new_events(plans, before)
    assert event.action == "plan.new_version"
    assert (event.before["version"], event.after["version"]) == (1, 2)
    assert event.before["sha256"] != event.after["sha256"]


def test_a_failed_ingest_records_nothing(session_factory, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert not load_file(session_factory, empty).ok
    assert all_events(session_factory) == []


def test_linking_records_the_parent_before_and_after_and_a_repeat_records_nothing(plans):
    before = last_id(plans)
    with plans.begin() as s:
        assert link_plan(s, "qinghe", "jiangzhou", PLANNER)
    with plans.begin() as s:
        assert not link_plan(s, "qinghe", "jiangzhou", PLANNER)
    [event] = new_events(plans, before)
    assert (event.action, event.object_key, event.before, event.after) == (
        "plan.link", "qinghe", {"parent": None}, {"parent": "jiangzhou"})
    with plans.begin() as s:
        link_plan(s, "qinghe", None, PLANNER)
    assert new_events(plans, event.id)[0].after == {"parent": None}


def test_an_observation_import_is_one_event_with_replaced_and_new_values(plans, tmp_path):
    first = tmp_path / "first.csv"
    first.write_text(HEADER + "运城市,森林覆盖率,%,2021,42.8,https://e.org/a,公报,42.8%\n"
                              "运城市,森林覆盖率,%,2022,43.1,https://e.org/b,公报,43.1%\n", encoding="utf-8")
    correction = tmp_path / "correction.csv"
    correction.write_text(HEADER + "运城市,森林覆盖率,%,2022,43.4,https://e.org/c,年报,43.4%\n", encoding="utf-8")
    before = last_id(plans)
    import_file(plans, first, actor=PLANNER)
    [added] = new_events(plans, before)
    assert (added.action, added.object_type, added.object_key) == ("observations.import", "observation_import", "first.csv")
    assert added.before == {"values": []}
    assert [(v["year"], v["value"]) for v in added.after["values"]] == [(2021, 42.8), (2022, 43.1)]
    assert added.after["added"] == 2
    import_file(plans, correction, actor=LOCAL_OPERATOR)
    [corrected] = new_events(plans, added.id)
    assert corrected.actor_name == "本机管理员"
    assert [(v["year"], v["value"]) for v in corrected.before["values"]] == [(2022, 43.1)]
    assert [(v["year"], v["value"]) for v in corrected.after["values"]] == [(2022, 43.4)]
    assert corrected.after["superseded"] == 1


def test_a_rejected_import_records_nothing(plans, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "运城市,森林覆盖率,%,二〇二一,abc,,,\n", encoding="utf-8")
    before = last_id(plans)
    with pytest.raises(ImportRejected):
        import_file(plans, bad, actor=PLANNER)
    assert new_events(plans, before) == []


def test_an_override_records_the_reading_before_and_after(plans):
    before = last_id(plans)
    with plans.begin() as s:
        set_override(s, "jiangzhou", "森林覆盖率", actor=PLANNER, direction="higher")
    with plans.begin() as s:
        set_override(s, "jiangzhou", "森林覆盖率", actor=PLANNER, held="end")
    with plans.begin() as s:
        set_override(s, "jiangzhou", "森林覆盖率", actor=PLANNER, held="end")  # no change: no event
    first, second = new_events(plans, before)
    assert (first.action, first.object_type, first.object_key) == ("indicator.override", "indicator", "jiangzhou/森林覆盖率")
    assert first.before is None and first.after["direction"] == "higher"
    assert second.before == {"direction": "higher", "held": None, "assigned": None, "note": None}
    assert second.after["held"] == "end"


def test_a_match_decision_records_the_verdict_and_a_changed_verdict_keeps_the_old_one(plans):
    before = last_id(plans)
    with plans.begin() as s:
        record_decision(s, "森林覆盖率", "forest_coverage", True, actor=PLANNER)
    with plans.begin() as s:
        record_decision(s, "森林覆盖率", "forest_coverage", False, actor=PLANNER)
    first, second = new_events(plans, before)
    assert first.action == "match.decide" and first.object_key == "森林覆盖率 → forest_coverage"
    assert (first.before, first.after) == (None, {"accepted": True, "note": None})
    assert (second.before, second.after) == ({"accepted": True, "note": None}, {"accepted": False, "note": None})


def test_login_and_user_changes_are_recorded_for_the_accounts_work(session_factory):
    with session_factory.begin() as s:
        audit.record_login(s, "lisi", False, address="10.0.0.9", reason="密码错误")
        audit.record_login(s, "lisi", True, address="10.0.0.9", user_id=3, role="unit")
        audit.record_user_change(s, LOCAL_OPERATOR, "lisi", None, {"role": "unit", "region": "140900"})
        audit.record_user_change(s, LOCAL_OPERATOR, "lisi", {"disabled": False}, {"disabled": True})
    events = all_events(session_factory)
    assert [(e.action, e.actor_name, e.object_key) for e in events] == [
        ("login.failure", "lisi", "lisi"), ("login.success", "lisi", "lisi"),
        ("user.create", "本机管理员", "lisi"), ("user.update", "本机管理员", "lisi")]
    assert events[0].note == "密码错误" and events[0].role == "public"
    assert events[1].actor_user_id == 3 and events[1].role == "unit"


def test_record_refuses_an_unknown_action(session_factory):
    with session_factory() as s, pytest.raises(ValueError):
        audit.record(s, LOCAL_OPERATOR, "plan.rename", "plan", "x")


# --- append-only ---------------------------------------------------------------------------------


def test_events_cannot_be_changed_or_deleted_through_the_application(plans):
    with plans() as s:
        event = s.scalars(select(AuditEvent)).first()
        event.note = "改过"
        with pytest.raises(audit.AuditError):
            s.flush()
        s.rollback()
        with pytest.raises(audit.AuditError):
            s.delete(s.scalars(select(AuditEvent)).first())
            s.flush()
        s.rollback()
        with pytest.raises(audit.AuditError):
            s.execute(delete(AuditEvent))
        with pytest.raises(audit.AuditError):
            s.execute(update(AuditEvent).values(note="x"))
        with pytest.raises(audit.AuditError):
            s.execute(AuditEvent.__table__.delete())
    assert len(all_events(plans)) == 2


def test_the_application_deletes_only_derived_results():
    """Nothing a person entered is hard-deleted: the only deletions in the code are of derived
    caches (alignment, findings, assessments), each replaced by its recomputation."""
    src = Path(__file__).resolve().parent.parent / "src" / "plantrack"
    deletions = {}
    for path in src.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if "session.delete(" in line or "delete(" in line and "session.execute" in line:
                deletions.setdefault(path.name, []).append(line.strip())
    assert set(deletions) <= {"analysis.py", "tracking.py", "corrections.py"}
    assert all(any(t in line for t in ("delete(Alignment)", "delete(Finding)", "delete(AssessmentRecord)"))
               for lines in deletions.values() for line in lines)


# --- reading -------------------------------------------------------------------------------------


def test_events_filter_by_user_object_action_and_since_newest_first(plans):
    with plans.begin() as s:
        set_override(s, "jiangzhou", "森林覆盖率", actor=PLANNER, direction="higher")
        link_plan(s, "qinghe", "jiangzhou", PLANNER)
    with plans() as s:
        assert [e.action for e in audit.events(s).events] == ["plan.link", "indicator.override", "plan.create", "plan.create"]
        assert audit.events(s, user="张三").total == 2
        assert [e.object_key for e in audit.events(s, object="jiangzhou").events] == ["jiangzhou/森林覆盖率", "jiangzhou"]
        assert audit.events(s, object="indicator").total == 1
        assert audit.events(s, action="plan").total == 3
        assert audit.events(s, action="plan.link").total == 1
        assert audit.events(s, since=datetime.now(timezone.utc) + timedelta(minutes=1)).total == 0
        assert audit.events(s, since=audit.parse_since("2000-01-01")).total == 4
        page = audit.events(s, offset=1, limit=2)
        assert (page.total, [e.action for e in page.events]) == (4, ["indicator.override", "plan.create"])
        assert [e.object_key for e in audit.history(s, "indicator", "jiangzhou/森林覆盖率")] == ["jiangzhou/森林覆盖率"]


def test_a_since_that_is_no_date_is_a_chinese_error():
    with pytest.raises(audit.SinceError, match="无法识别"):
        audit.parse_since("上周")
