"""The audit trail: every write appends one AuditEvent saying who, when, from where, what, and the
object's state before and after.

Explicit events rather than SQLAlchemy-Continuum's shadow tables: the trail must name the *actor*
(domain.actor.Actor, passed down from the request or the CLI, never a global) and the *action* in
the user's terms (入库, 衔接, 导入观测值, 发布 …), one event per thing a person did, whereas a
versioning library records rows changed per table and knows neither. Each service calls record()
inside the transaction of its write, so the event and the write commit or roll back together.

Append-only: the application offers no update or delete of events, and the listeners below refuse
one made by mistake (an ORM update or delete of an AuditEvent, or a bulk UPDATE/DELETE statement on
the table), so even a defect elsewhere cannot rewrite history through the application.

The accounts work calls record_login() for every login attempt and record_user_change() for user
and role changes; anything else calls record().
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import event, func, or_, select
from sqlalchemy.orm import Session

from .domain.actor import PUBLIC, Actor
from .store.models import AuditEvent

ACTIONS = {
    "plan.create": "规划入库",
    "plan.new_version": "规划新版本",
    "plan.link": "规划衔接",
    "plan.publish": "对社会公布",
    "plan.unpublish": "撤回公布",
    "observations.import": "导入观测值",
    "observations.import_bulletin": "导入统计公报数据",
    "indicator.override": "修正指标解读",
    "indicator.correct": "人工修正指标",  # for the corrections work (IndicatorCorrection): add/edit/split/merge/delete
    "indicator.correction_withdraw": "撤回人工修正",
    "match.decide": "指标名称匹配决定",
    "login.success": "登录成功",
    "login.failure": "登录失败",
    "user.create": "新建用户",
    "user.update": "修改用户",
    "units.import": "导入单位",
    "assignments.import": "导入任务分工",
    "annual_targets.import": "导入年度目标",
    "decomposition.import": "导入分解下达",
    "report.save": "保存填报草稿",
    "report.submit": "提交填报",
    "report.return": "退回填报",
    "report.approve": "审定填报",
    "report.reopen": "重新开放填报",
    "report.contribute": "填报配合材料",
    "observation.withdraw": "撤回观测值",  # an approved report reopened: its value leaves evaluation
    "decomposition.set": "设置分解下达",
    "reporting.frequency": "设置填报周期",
    "analysis.refresh": "重新计算分析结果",  # a stored alignment or self-check replaced on request (POST …/refresh)
    "unit.create": "新增单位",
    "unit.email": "修改单位邮箱",
    "assignment.set": "设置任务分工",
    "assignments.confirm": "确认分工建议",
    "annual_targets.set": "填写年度目标",
    "annual_targets.confirm": "确认年度目标建议",
}
"""Every action the trail knows, with its Chinese name; record() refuses others, so a typo in a
service cannot file events nobody will find."""

OBJECT_TYPES = {
    "plan": "规划",
    "indicator": "指标",
    "observation_import": "观测值文件",
    "bulletin": "统计公报",
    "match_decision": "名称匹配",
    "user": "用户",
    "duty_import": "分工与分解文件",
    "report_item": "填报事项",
    "reporting_frequency": "填报周期",
    "unit": "单位",
    "observation": "观测值",
}


ROLES = {"admin": "系统管理员", "planning": "规划管理", "unit": "牵头单位", "evaluator": "评估人员", "public": "公众"}

FIELDS = {
    "title": "标题", "level": "层级", "kind": "类别", "region": "地区", "parent": "上位规划", "version": "版本",
    "sha256": "文件摘要", "file": "来源文件", "indicators": "指标数", "links": "衔接",
    "direction": "方向", "held": "门槛口径", "assigned": "上级下达值", "note": "备注", "accepted": "确认匹配",
    "import_id": "导入批次", "added": "新增", "superseded": "更正", "unchanged": "未变化",
    "published": "已公布", "in_force": "有效", "id": "编号", "report": "评估报告", "acknowledgement": "确认理由",
    "open_items": "待处理问题", "published_by": "公布人", "published_at": "公布时间", "withdrawn_by": "撤回人",
    "withdrawn_at": "撤回时间", "withdrawal_reason": "撤回理由", "role": "角色", "disabled": "停用",
    "unit": "单位", "region_code": "地区代码", "email": "电子邮箱",
    "proposed": "建议值数", "corrected": "人工更正", "year": "年份",
    "on_behalf_of": "代填单位", "withdrawn_observation": "撤回的观测值", "restored": "恢复的观测值",
}
"""Chinese names of the before/after fields the pages show; a field not named here shows as stored."""


def _shown(value, field: str | None = None) -> str:
    from .labels import KINDS, LEVELS

    named = {"kind": KINDS, "level": LEVELS}.get(field or "")
    if named and value in named:
        return named[value]
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


class AuditError(RuntimeError):
    """An attempt to change or remove an audit event: the trail is append-only."""


def _plain(value):
    """The value as JSON would store it (dates as ISO text, tuples as lists), so what is read back
    equals what was written on both engines."""
    if value is None:
        return None
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def record(
    session: Session,
    actor: Actor,
    action: str,
    object_type: str,
    object_key: str,
    before: dict | list | None = None,
    after: dict | list | None = None,
    note: str | None = None,
) -> AuditEvent:
    """Append one event in the caller's transaction and return it."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    if object_type not in OBJECT_TYPES:
        raise ValueError(f"unknown audit object type {object_type!r}")
    row = AuditEvent(
        at=datetime.now(timezone.utc),
        actor_name=actor.name,
        actor_user_id=actor.user_id,
        role=actor.role,
        address=actor.address,
        action=action,
        object_type=object_type,
        object_key=str(object_key)[:300],
        before=_plain(before),
        after=_plain(after),
        note=note,
    )
    session.add(row)
    session.flush()
    return row


def record_login(
    session: Session,
    login: str,
    success: bool,
    address: str | None = None,
    user_id: int | None = None,
    role: str | None = None,
    reason: str | None = None,
) -> AuditEvent:
    """A login attempt: success names the user who logged in; a failure names the login name tried
    (who may not exist) and why it failed (错误的密码, 帐号已停用, 已锁定 …)."""
    actor = Actor(name=login, role=role or PUBLIC.role, user_id=user_id, address=address)
    return record(session, actor, "login.success" if success else "login.failure", "user", login, note=reason)


def record_user_change(
    session: Session, actor: Actor, login: str, before: dict | None, after: dict, note: str | None = None
) -> AuditEvent:
    """A user created (before None) or changed (role, region, unit, disabled, password reset — the
    fields that changed, never a password or its hash)."""
    return record(session, actor, "user.create" if before is None else "user.update", "user", login, before, after, note)


# --- reading -----------------------------------------------------------------------------------


def as_utc(at: datetime | None) -> datetime | None:
    """SQLite hands timezone-aware columns back naive; every stored time is UTC."""
    if at is None:
        return None
    return at if at.tzinfo else at.replace(tzinfo=timezone.utc)


def event_json(e: AuditEvent) -> dict:
    return {
        "id": e.id,
        "at": as_utc(e.at).isoformat(),
        "actor": {"name": e.actor_name, "user_id": e.actor_user_id, "role": e.role, "address": e.address,
                  "role_label": ROLES.get(e.role, e.role)},
        "action": e.action,
        "action_label": ACTIONS.get(e.action, e.action),
        "object_type": e.object_type,
        "object_type_label": OBJECT_TYPES.get(e.object_type, e.object_type),
        "object_key": e.object_key,
        "before": e.before,
        "after": e.after,
        "note": e.note,
    }


class SinceError(ValueError):
    """A --since / since= value that is not a date or time; Chinese message."""


def parse_since(text: str | None) -> datetime | None:
    """A date (2026-12-01) or an ISO time, as a UTC instant; None for empty."""
    if text is None or not str(text).strip():
        return None
    text = str(text).strip()
    try:
        if len(text) == 10:
            d = date.fromisoformat(text)
            return datetime(d.year, d.month, d.day, tzinfo=timezone.utc)
        at = datetime.fromisoformat(text)
    except ValueError:
        raise SinceError(f"起始时间“{text}”无法识别；请写成 2026-12-01 或 2026-12-01T08:00:00。") from None
    return at if at.tzinfo else at.replace(tzinfo=timezone.utc)


@dataclass
class EventPage:
    events: list[AuditEvent]
    total: int


def events(
    session: Session,
    user: str | None = None,
    object: str | None = None,  # noqa: A002 - the CLI's and the page's word for it
    action: str | None = None,
    since: datetime | None = None,
    offset: int = 0,
    limit: int | None = 50,
) -> EventPage:
    """Events newest first, filtered: user by actor name; object by key (a plan's key also finds its
    indicators', "key/…") or by type; action by name or by its prefix before the dot (plan → plan.*)."""
    q = select(AuditEvent)
    if user:
        q = q.where(AuditEvent.actor_name == user)
    if object:
        q = q.where(or_(AuditEvent.object_key == object, AuditEvent.object_type == object,
                        AuditEvent.object_key.startswith(object + "/", autoescape=True)))
    if action:
        q = q.where(AuditEvent.action == action if "." in action else AuditEvent.action.startswith(action + ".", autoescape=True))
    if since is not None:
        q = q.where(AuditEvent.at >= since)
    total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    q = q.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).offset(offset)
    if limit:
        q = q.limit(limit)
    return EventPage(list(session.scalars(q)), total)


def history(session: Session, object_type: str, object_key: str, limit: int = 20) -> list[AuditEvent]:
    """One object's own events, newest first (a plan page's, an indicator page's 修改记录)."""
    q = (select(AuditEvent).where(AuditEvent.object_type == object_type, AuditEvent.object_key == object_key)
         .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit))
    return list(session.scalars(q))


# --- append-only -------------------------------------------------------------------------------


@event.listens_for(AuditEvent, "before_update")
def _refuse_update(_mapper, _connection, target) -> None:
    raise AuditError(f"操作记录只能追加，不能修改（记录 {target.id}）")


@event.listens_for(AuditEvent, "before_delete")
def _refuse_delete(_mapper, _connection, target) -> None:
    raise AuditError(f"操作记录只能追加，不能删除（记录 {target.id}）")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk(state) -> None:
    table = getattr(state.statement, "table", None)
    if (state.is_update or state.is_delete) and getattr(table, "name", None) == AuditEvent.__tablename__:
        raise AuditError("操作记录只能追加，不能修改或删除")


def observation_history(session: Session, region_code: str, concept: str, limit: int = 20, scan: int = 500) -> list[AuditEvent]:
    """The imports that stored or replaced a value of concept in region, newest first (an indicator
    page's 修改记录). Imports are one event each with their values in JSON, which neither engine
    indexes the same way, so the newest `scan` import events are read and matched here."""
    q = (select(AuditEvent).where(AuditEvent.action == "observations.import")
         .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(scan))
    out = []
    for e in session.scalars(q):
        values = [*(e.before or {}).get("values", []), *(e.after or {}).get("values", [])]
        if any(v.get("region") == region_code and v.get("concept") == concept for v in values):
            out.append(e)
            if len(out) >= limit:
                break
    return out


def brief(e: AuditEvent) -> dict:
    """An event as an object's 修改记录 lists it: when, who, what, and the fields that changed."""
    data = event_json(e)
    before, after = e.before or {}, e.after or {}
    if isinstance(before, dict) and isinstance(after, dict):
        data["changes"] = [{"field": k, "label": FIELDS.get(k, k), "before": before.get(k), "after": after.get(k),
                            "text": f"{FIELDS.get(k, k)}：{_shown(before.get(k), k)} → {_shown(after.get(k), k)}"}
                           for k in sorted(set(before) | set(after))
                           if k not in ("values", "id", "in_force") and not isinstance(after.get(k, before.get(k)), (list, dict))
                           and before.get(k) != after.get(k)]
    else:
        data["changes"] = []
    data["values"] = len(after.get("values", [])) if isinstance(after, dict) and "values" in after else None
    data["replaced"] = len(before.get("values", [])) if isinstance(before, dict) else 0
    return data
