"""Publication to the public: the gate lists open high-severity findings and data gaps, which block
publishing until acknowledged with a reason; publishing and withdrawing are recorded (on the
publication and as audit events) and never delete; the public sees only what is in force."""

from __future__ import annotations


import pytest
from sqlalchemy import select

from plantrack.domain.actor import PUBLIC, Actor
from plantrack.ingest.read import decode_plan_bytes
from plantrack.load import load_source
from plantrack.observations.importer import import_file
from plantrack.publication import (
    PublicationRefused, gate, in_force, may_download_report, may_see, publications, publish, require_visible,
    unpublish, visible_plan_ids,
)
from plantrack.store.models import AuditEvent, Plan, Publication
from plantrack.store.repository import CatalogueError, require_plan

PLANNER = Actor(name="张三", role="planning", user_id=7)

# A binding indicator whose table target (30) contradicts the text (32), and one whose target (75)
# is below its base (80) though higher is better: two high-severity findings.
FLAWED = """江河县国民经济和社会发展第十四个五年规划纲要

第一章 发展目标

到2025年，全县森林覆盖率达到32%。

表1 江河县“十四五”时期主要指标

类别\t指标\t单位\t2020年\t2025年\t属性
生态环境\t森林覆盖率\t%\t28\t30\t约束性
生态环境\t空气质量优良天数比率\t%\t80\t75\t约束性

第二章 重点任务

坚持把发展经济的着力点放在实体经济上，推动产业转型升级。
"""
# The same plan with both flaws fixed.
SOUND = FLAWED.replace("达到32%", "达到30%").replace("\t80\t75\t", "\t80\t85\t")
OBSERVED = ("region,indicator,unit,year,value,source_url,source_title,quote\n"
            "运城市,森林覆盖率,%,2022,29.1,https://e.org/a,公报,29.1%\n")


def load(factory, text: str, key: str = "jianghe"):
    source = decode_plan_bytes(text.encode("utf-8"), f"{key}.txt")
    outcome = load_source(factory, source, key, overrides={"region": "运城市"})
    assert outcome.ok, outcome.message
    return outcome


@pytest.fixture
def flawed(session_factory):
    load(session_factory, FLAWED)
    return session_factory


def events(factory, action):
    with factory() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


def test_the_gate_lists_high_findings_and_indicators_without_data(flawed):
    with flawed() as s:
        g = gate(s, "jianghe", 2022)
    assert sorted(f["kind"] for f in g.findings) == ["table_prose_conflict", "target_below_base"]
    assert all(f["severity"] == "high" and f["lines"] for f in g.findings)
    assert sorted(x["indicator"] for x in g.gaps) == ["森林覆盖率", "空气质量优良天数比率"]
    assert not g.clear


def test_a_resolved_gate_is_clear(session_factory, tmp_path):
    load(session_factory, SOUND)
    data = tmp_path / "obs.csv"
    data.write_text(OBSERVED + "运城市,空气质量优良天数比率,%,2022,82,https://e.org/b,公报,82%\n", encoding="utf-8")
    import_file(session_factory, data)
    with session_factory() as s:
        g = gate(s, "jianghe", 2022)
    assert (g.findings, g.gaps, g.clear) == ([], [], True)
    with session_factory.begin() as s:
        row = publish(s, "jianghe", PLANNER)
        assert (row.acknowledgement, row.open_items) == (None, [])


def test_publishing_with_open_items_and_no_reason_is_refused_and_changes_nothing(flawed):
    with flawed.begin() as s, pytest.raises(PublicationRefused, match="2 个高严重度自查问题、2 项指标无数据"):
        publish(s, "jianghe", PLANNER, acknowledgement="  ")
    with flawed() as s:
        assert s.scalars(select(Publication)).all() == []
    assert events(flawed, "plan.publish") == []


def test_publishing_with_a_reason_stores_it_with_the_open_items_and_is_one_event(flawed):
    with flawed.begin() as s:
        publish(s, "jianghe", PLANNER, report_kind="midterm", report_year=2022, acknowledgement="数据年底补齐")
    with flawed() as s:
        row = in_force(s, require_plan(s, "jianghe"))
        assert (row.report_kind, row.report_year, row.acknowledgement, row.published_by) == ("midterm", 2022, "数据年底补齐", "张三")
        assert len(row.open_items) == 4
    [event] = events(flawed, "plan.publish")
    assert (event.object_key, event.actor_name, event.note) == ("jianghe", "张三", "数据年底补齐")
    assert event.before == {"published": False} and event.after["published"] is True
    assert event.after["report"]["kind"] == "midterm"


def test_publishing_twice_is_refused(flawed):
    with flawed.begin() as s:
        publish(s, "jianghe", PLANNER, acknowledgement="先公布")
    with flawed.begin() as s, pytest.raises(PublicationRefused, match="已对社会公布"):
        publish(s, "jianghe", PLANNER, acknowledgement="再公布")


@pytest.mark.parametrize("kind,year,message", [("weekly", 2022, "未知的报告类型"), ("final", None, "须同时给出报告年份"),
                                               (None, 2022, "没有给出报告类型")])
def test_a_report_choice_must_be_a_kind_with_a_year(flawed, kind, year, message):
    with flawed.begin() as s, pytest.raises(PublicationRefused, match=message):
        publish(s, "jianghe", PLANNER, report_kind=kind, report_year=year, acknowledgement="理由")


def test_the_public_cannot_publish_or_withdraw(flawed):
    with flawed.begin() as s, pytest.raises(PublicationRefused):
        publish(s, "jianghe", PUBLIC, acknowledgement="理由")
    with flawed.begin() as s, pytest.raises(PublicationRefused):
        unpublish(s, "jianghe", "理由", PUBLIC)


def test_withdrawing_needs_a_reason_keeps_the_publication_and_is_one_event(flawed):
    with flawed.begin() as s:
        publish(s, "jianghe", PLANNER, acknowledgement="先公布")
    with flawed.begin() as s, pytest.raises(PublicationRefused, match="须说明理由"):
        unpublish(s, "jianghe", " ", PLANNER)
    with flawed.begin() as s:
        unpublish(s, "jianghe", "数据有误", PLANNER)
    with flawed() as s:
        plan = require_plan(s, "jianghe")
        assert in_force(s, plan) is None
        [row] = publications(s, plan)
        assert (row.withdrawn_by, row.withdrawal_reason) == ("张三", "数据有误") and row.withdrawn_at is not None
    [event] = events(flawed, "plan.unpublish")
    assert (event.before["published"], event.after["published"], event.note) == (True, False, "数据有误")
    with flawed.begin() as s, pytest.raises(PublicationRefused, match="未对社会公布"):
        unpublish(s, "jianghe", "再撤", PLANNER)


def test_the_public_sees_only_plans_in_force_everyone_else_sees_all(flawed):
    load(flawed, SOUND.replace("江河县", "河口县"), key="hekou")
    with flawed.begin() as s:
        publish(s, "jianghe", PLANNER, report_kind="final", report_year=2022, acknowledgement="理由")
    with flawed() as s:
        jianghe, hekou = require_plan(s, "jianghe"), require_plan(s, "hekou")
        assert visible_plan_ids(s, PUBLIC) == {jianghe.id}
        assert visible_plan_ids(s, PLANNER) is None
        assert may_see(s, PUBLIC, jianghe) and not may_see(s, PUBLIC, hekou) and may_see(s, PLANNER, hekou)
        with pytest.raises(CatalogueError):
            require_visible(s, PUBLIC, "hekou")
        assert may_download_report(s, PUBLIC, jianghe, "final", 2022)
        assert not may_download_report(s, PUBLIC, jianghe, "midterm", 2022)
        assert not may_download_report(s, PUBLIC, jianghe, "final", 2021)
        assert not may_download_report(s, PUBLIC, hekou, "final", 2022)
        assert may_download_report(s, PLANNER, hekou, "midterm", 2021)
    with flawed.begin() as s:
        unpublish(s, "jianghe", "撤回", PLANNER)
    with flawed() as s:
        assert visible_plan_ids(s, PUBLIC) == set()
        assert s.scalar(select(Plan).where(Plan.key == "jianghe")) is not None
