"""Overdue reports and reminders: per unit and per region, by e-mail when SMTP is configured.

An item is overdue when its period's due date (reporting_periods.period_due) has passed and it is
neither submitted nor approved. The overdue list is what the dashboard and the reporting page show;
`plantrack reminders send` mails each lead unit its own list, through the SMTP server named by
PLANTRACK_SMTP_HOST / PLANTRACK_SMTP_PORT / PLANTRACK_SMTP_FROM (PLANTRACK_SMTP_USER and
PLANTRACK_SMTP_PASSWORD when the server wants a login, PLANTRACK_SMTP_STARTTLS=1 for STARTTLS).
Without SMTP the reminders are shown in the page only. A unit's address is the `email` column of
the units template (Unit.extra), since units, not people, owe the reports.
"""

from __future__ import annotations

import os
import smtplib
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.actor import Actor
from ..store.models import Region, Unit
from .reporting import Owed, is_overdue, owed, owed_dict
from .units import parse_addresses, unit_email



@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    user: str | None = None
    password: str | None = None
    starttls: bool = False


def smtp_settings(env: dict | None = None) -> SmtpSettings | None:
    """The SMTP server from the environment, or None when none is configured."""
    env = os.environ if env is None else env
    host = (env.get("PLANTRACK_SMTP_HOST") or "").strip()
    if not host:
        return None
    return SmtpSettings(host=host, port=int(env.get("PLANTRACK_SMTP_PORT") or 25),
                        sender=env.get("PLANTRACK_SMTP_FROM") or "plantrack@localhost",
                        user=env.get("PLANTRACK_SMTP_USER") or None, password=env.get("PLANTRACK_SMTP_PASSWORD") or None,
                        starttls=(env.get("PLANTRACK_SMTP_STARTTLS") or "") in ("1", "true", "yes"))


def overdue_items(session: Session, actor: Actor, today: date) -> list[Owed]:
    return [o for o in owed(session, actor, today) if is_overdue(o, today)]


def overdue_summary(session: Session, actor: Actor, today: date, limit: int = 20) -> dict:
    """The overdue list and its counts per unit and per region (what the dashboard block shows).
    Each unit says whether a reminder could reach it by e-mail (the units template's email column)."""
    from .todo import row_dict, todo_rows

    rows = [row_dict(o, today) for o in todo_rows(session, actor, today, overdue_only=True)]
    rows.sort(key=lambda r: (-r["days_overdue"], r["plan"], r["assignment_id"]))
    names = dict(session.execute(select(Region.code, Region.name)).all()) if rows else {}
    by_unit: dict[int, dict] = {}
    by_region: dict[str, dict] = {}
    for r in rows:
        u = by_unit.setdefault(r["unit_id"], {"unit_id": r["unit_id"], "unit": r["unit"], "region_code": r["region_code"],
                                               "region": names.get(r["region_code"]), "count": 0})
        u["count"] += 1
        g = by_region.setdefault(r["region_code"], {"region_code": r["region_code"], "region": names.get(r["region_code"]),
                                                     "count": 0})
        g["count"] += 1
    if by_unit:
        for unit_id, extra in session.execute(select(Unit.id, Unit.extra).where(Unit.id.in_(by_unit))):
            addresses = parse_addresses(unit_email(extra))[0]
            by_unit[unit_id].update(email=addresses, no_address=not addresses)
    return {"today": today.isoformat(), "total": len(rows), "items": rows[:limit],
            "by_unit": sorted(by_unit.values(), key=lambda u: (-u["count"], u["unit"])),
            "by_region": sorted(by_region.values(), key=lambda g: (-g["count"], g["region_code"])),
            "no_address": sum(1 for u in by_unit.values() if u.get("no_address"))}


@dataclass
class Reminder:
    unit: Unit
    recipients: list[str]
    subject: str
    body: str
    items: list[dict]


def unit_addresses(unit: Unit) -> list[str]:
    """The unit's reminder addresses: the units template's email column (duties/units.py)."""
    return parse_addresses(unit_email(unit.extra))[0]


def reminders(session: Session, actor: Actor, today: date) -> list[Reminder]:
    """One reminder per lead unit with overdue items, listing them."""
    per_unit: dict[int, list[Owed]] = {}
    for o in overdue_items(session, actor, today):
        per_unit.setdefault(o.assignment.lead_unit_id, []).append(o)
    out = []
    for unit_id, items in sorted(per_unit.items()):
        unit = session.get(Unit, unit_id)
        rows = [owed_dict(o, today) for o in items]
        lines = [f"{unit.name}：", "", f"截至 {today.isoformat()}，贵单位有 {len(rows)} 项规划实施情况填报已逾期：", ""]
        for r in rows:
            lines.append(f"  · {r['plan']} {r['item']}（{r['period_label']}，应于 {r['due']} 前报送，已逾期 {r['days_overdue']} 天）")
        lines += ["", "请登录规划综合管理信息平台“填报任务”页面填报并提交。", "", "（本邮件由平台自动发送）"]
        out.append(Reminder(unit=unit, recipients=unit_addresses(unit),
                            subject=f"【填报提醒】{unit.short_name or unit.name}有 {len(rows)} 项填报已逾期",
                            body="\n".join(lines), items=rows))
    return out


def send_reminders(session: Session, actor: Actor, today: date, settings: SmtpSettings | None,
                   dry_run: bool = False) -> dict:
    """Mail each unit with an address its reminder; with dry_run or without SMTP, send nothing and
    say what would be sent."""
    made = reminders(session, actor, today)
    sent, unaddressed = [], []
    live = settings is not None and not dry_run
    smtp = None
    try:
        for r in made:
            if not r.recipients:
                unaddressed.append(r.unit.short_name or r.unit.name)
                continue
            if live:
                if smtp is None:
                    smtp = smtplib.SMTP(settings.host, settings.port, timeout=30)
                    if settings.starttls:
                        smtp.starttls()
                    if settings.user:
                        smtp.login(settings.user, settings.password or "")
                msg = EmailMessage()
                msg["From"], msg["To"], msg["Subject"] = settings.sender, ", ".join(r.recipients), r.subject
                msg.set_content(r.body)
                smtp.send_message(msg)
            sent.append({"unit": r.unit.short_name or r.unit.name, "to": r.recipients, "items": len(r.items),
                         "subject": r.subject})
    finally:
        if smtp is not None:
            smtp.quit()
    return {"today": today.isoformat(), "smtp": bool(settings), "dry_run": dry_run or settings is None,
            "units": len(made), "sent" if live else "would_send": sent, "no_address": unaddressed}
