"""The reporting loop in a real browser (Debian chromium + playwright, test_browser.py's fixtures).

The planning office of 运城市 has assigned (by the assignments template, as `plantrack assignments
import` does) an indicator (森林覆盖率) and a project (燃煤锅炉淘汰工程) to 市林业局, and a project
to 市生态环境局, all due a month ago. The office sees them overdue on the dashboard; the unit's user
sees both in its to-do list with a reminder, enters the value with its source, submits, enters the
project's progress with an evidence PDF, submits; the office returns the value with a comment; the
unit corrects and resubmits; the office approves both; the indicator's status moves from 无数据,
the status log and the audit trail hold every move, and 市生态环境局's item is still overdue on the
dashboard. Screenshots go to test-artifacts/web/reporting-*.png.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from ..userfixtures import PASSWORD, add_user
from .conftest import FIXTURES, JIANGZHOU, ingest
from .test_browser import browser, page, running_server, shot  # noqa: F401  (fixtures)

DUE = (date.today() - timedelta(days=30)).isoformat()
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from plantrack.domain.actor import LOCAL_OPERATOR
    from plantrack.duties.assignments import import_assignments
    from plantrack.duties.units import import_units
    from plantrack.store.db import open_store

    base = tmp_path_factory.mktemp("reporting-browser")
    url = f"sqlite:///{base / 'plantrack.db'}"
    factory = open_store(url)
    with factory() as s:
        ingest(s, FIXTURES / "jiangzhou-ecology-14th-plan.txt", JIANGZHOU, {"region": "运城市"})
        s.commit()
    (base / "units.csv").write_text("region,name,short_name\n运城市,运城市林业局,市林业局\n"
                                    "运城市,运城市生态环境局,市生态环境局\n", encoding="utf-8")
    (base / "assignments.csv").write_text(
        "plan,item_kind,item,lead_unit,supporting_units,due\n"
        f"{JIANGZHOU},indicator,森林覆盖率,市林业局,,{DUE}\n"
        f"{JIANGZHOU},project,燃煤锅炉淘汰工程,市林业局,市生态环境局,{DUE}\n"
        f"{JIANGZHOU},project,钢铁行业超低排放改造工程,市生态环境局,,{DUE}\n", encoding="utf-8")
    with factory.begin() as s:
        import_units(s, base / "units.csv", LOCAL_OPERATOR)
        import_assignments(s, base / "assignments.csv", LOCAL_OPERATOR)
    add_user(factory, "yc-office", "planning", region="140800")
    add_user(factory, "ly-unit", "unit", region="140800", unit="运城市林业局")
    (base / "evidence.pdf").write_bytes(PDF)
    return url, factory, base


@pytest.fixture(scope="module")
def server(store):
    url, _, base = store
    with running_server({"PLANTRACK_DATABASE_URL": url, "PLANTRACK_EVIDENCE_DIR": str(base / "evidence")}) as address:
        yield address


def sign_in(pg, login: str) -> None:
    pg.goto("/login")
    pg.fill("#login", login)
    pg.fill("#password", PASSWORD)
    pg.get_by_role("button", name="登录").click()
    pg.get_by_role("banner").get_by_role("button", name="退出").wait_for()


def sign_out(pg) -> None:
    pg.get_by_role("banner").get_by_role("button", name="退出").click()
    pg.get_by_role("banner").get_by_role("link", name="登录").wait_for()


def open_item(pg, name: str) -> None:
    pg.goto("/reporting")
    pg.locator("tr", has_text=name).locator("a.button").click()
    pg.locator("h1", has_text=name).wait_for()


def forest_status(pg) -> str | None:
    plan = pg.request.get(f"/plans/{JIANGZHOU}?format=json").json()
    forest = next(i["id"] for i in plan["indicators"] if i["name"] == "森林覆盖率")
    body = pg.request.get(f"/plans/{JIANGZHOU}/indicators/{forest}?year={date.today().year}&format=json").json()
    return (body.get("assessment") or {}).get("status")


def forestry_card(pg) -> dict:
    """市林业局's row of the 考核 scorecard, as its JSON twin gives it."""
    card = pg.request.get("/scorecards?format=json").json()
    return next(u for u in card["units"] if u["unit"] == "市林业局")


def test_the_reporting_loop(page, store):
    from plantrack.store.models import AuditEvent, Observation, ReportItem, ReportStatus

    _, factory, base = store
    sign_in(page, "yc-office")
    page.goto("/")
    block = page.locator(".overdue-block")
    assert "共 3 项" in block.inner_text() and "市林业局 2 项" in block.inner_text()
    shot(page, "reporting-01-dashboard-overdue")
    status_before = forest_status(page)
    card_before = forestry_card(page)
    assert (card_before["items"], card_before["reported"], card_before["approved"]) == (2, 0, 0)
    sign_out(page)

    sign_in(page, "ly-unit")
    page.get_by_role("banner").get_by_role("link", name="填报任务").click()
    page.wait_for_url("**/reporting")
    text = page.locator("main").inner_text()
    assert "森林覆盖率" in text and "燃煤锅炉淘汰工程" in text and "钢铁行业超低排放改造工程" not in text
    assert "有 2 项填报已逾期" in page.locator(".reporting-reminder").inner_text()
    shot(page, "reporting-02-unit-todo")

    open_item(page, "森林覆盖率")
    page.fill("#r-value", "43.6")
    page.fill("#r-source-title", "2026年运城市林业统计年报")
    page.fill("#r-source-url", "https://example.org/forest-2026")
    page.get_by_role("button", name="保存并提交").click()
    page.locator(".reporting-state", has_text="待审").wait_for()
    assert "待审" in page.locator(".reporting-value").inner_text()

    open_item(page, "燃煤锅炉淘汰工程")
    page.fill("#r-percent", "60")
    page.fill("#r-narrative", "已淘汰燃煤锅炉 120 台，完成年度计划的 60%。")
    page.set_input_files("#r-evidence", str(base / "evidence.pdf"))
    page.get_by_role("button", name="保存并提交").click()
    page.locator(".reporting-state", has_text="待审").wait_for()
    link = page.get_by_role("link", name="evidence.pdf")
    assert page.request.get(link.get_attribute("href")).body() == PDF
    shot(page, "reporting-03-unit-submitted-progress")
    with factory() as s:
        assert s.scalar(select(Observation).where(Observation.source_title == "2026年运城市林业统计年报")) is None
    sign_out(page)

    sign_in(page, "yc-office")
    open_item(page, "森林覆盖率")
    page.fill("#c-return", "请注明年报页码")
    page.get_by_role("button", name="退回").click()
    page.locator(".reporting-state", has_text="已退回").wait_for()
    shot(page, "reporting-04-office-returned")
    sign_out(page)

    sign_in(page, "ly-unit")
    open_item(page, "森林覆盖率")
    assert "请注明年报页码" in page.locator(".reporting-comment").inner_text()
    page.fill("#r-value", "43.5")
    page.fill("#r-source-title", "2026年运城市林业统计年报第12页")
    page.get_by_role("button", name="保存并提交").click()
    page.locator(".reporting-state", has_text="待审").wait_for()
    sign_out(page)

    sign_in(page, "yc-office")
    for name in ("森林覆盖率", "燃煤锅炉淘汰工程"):
        open_item(page, name)
        page.get_by_role("button", name="审定").click()
        page.locator(".reporting-state", has_text="已审定").wait_for()
    project_log = [r.split("\t")[1] for r in page.locator(".reporting-log tbody").inner_text().splitlines()]
    assert project_log == ["保存", "提交", "审定"]
    open_item(page, "森林覆盖率")
    rows = [r.split("\t") for r in page.locator(".reporting-log tbody").inner_text().splitlines()]
    assert [r[1] for r in rows] == ["保存", "提交", "退回", "保存", "提交", "审定"]
    shot(page, "reporting-05-office-approved-log")
    status_after = forest_status(page)
    assert status_before == "无数据" and status_after not in (None, "无数据")
    card_after = forestry_card(page)
    assert (card_after["reported"], card_after["approved"], card_after["overdue"]) == (2, 2, 0)
    page.goto("/scorecards")
    shot(page, "reporting-07-scorecard")
    page.goto("/")
    block = page.locator(".overdue-block").inner_text()
    assert "共 1 项" in block and "市生态环境局" in block and "钢铁行业超低排放改造工程" in block
    shot(page, "reporting-06-dashboard-after")
    page.goto("/audit")
    assert "审定填报" in page.locator("main").inner_text()

    with factory() as s:
        items = {i.assignment.item_name: i for i in s.scalars(select(ReportItem))}
        assert {n: i.state for n, i in items.items()} == {"森林覆盖率": "approved", "燃煤锅炉淘汰工程": "approved"}
        obs = s.get(Observation, items["森林覆盖率"].observation_id)
        assert (obs.value, obs.source_title) == (43.5, "2026年运城市林业统计年报第12页")
        moves = s.scalars(select(ReportStatus.action).order_by(ReportStatus.id)).all()
        events = s.scalars(select(AuditEvent.action).where(AuditEvent.object_type == "report_item")
                           .order_by(AuditEvent.id)).all()
        assert [f"report.{m}" for m in moves] == list(events) and len(events) == 9
