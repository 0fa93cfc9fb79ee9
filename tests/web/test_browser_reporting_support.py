"""Supporting units, 代填 and reopening in a real browser (test_browser_reporting.py's store).

In that store 市生态环境局 supports 市林业局's 燃煤锅炉淘汰工程. Its user finds the item under 本单位配合事项
(marked 配合), adds a note, a figure with its source and an evidence PDF; 市林业局's user sees the
contribution on the item page while filling in. The planning office enters 森林覆盖率 on 市林业局's
behalf (代填) and the page says by whom; it approves, then reopens with a reason, and the approved
value leaves evaluation. Finally the office passes 森林覆盖率 down to 盐湖区 on the 分解下达 page.
Screenshots go to test-artifacts/web/support-*.png.
"""

from __future__ import annotations

from sqlalchemy import select

from ..userfixtures import add_user
from .conftest import JIANGZHOU
from .test_browser import browser, page, running_server, shot  # noqa: F401  (fixtures)
from .test_browser_reporting import PDF, forest_status, open_item, server, sign_in, sign_out, store  # noqa: F401


def test_supporting_unit_proxy_entry_reopen_and_decomposition(page, store):
    from plantrack.store.models import Allocation, AuditEvent, Observation, ReportStatus

    _, factory, base = store
    add_user(factory, "st-unit", "unit", region="140800", unit="运城市生态环境局")

    sign_in(page, "st-unit")
    page.goto("/reporting")
    support = page.locator(".reporting-support-list")
    assert "配合" in support.inner_text() and "燃煤锅炉淘汰工程" in support.inner_text()
    support.locator("tr", has_text="燃煤锅炉淘汰工程").locator("a.button").click()
    page.locator("h1", has_text="燃煤锅炉淘汰工程").wait_for()
    assert page.locator("#r-percent").count() == 0  # not the lead's form
    page.fill("#k-note", "配合排查燃煤锅炉 35 台，已建立台账。")
    page.fill("#k-value", "35")
    page.fill("#k-source-title", "市生态环境局锅炉排查台账")
    page.set_input_files("#k-evidence", str(base / "evidence.pdf"))
    page.get_by_role("button", name="提交配合材料").click()
    page.locator(".contribution", has_text="配合排查燃煤锅炉 35 台").wait_for()
    shot(page, "support-01-contribution")
    sign_out(page)

    sign_in(page, "ly-unit")
    open_item(page, "燃煤锅炉淘汰工程")
    contribution = page.locator(".contribution")
    assert "市生态环境局" in contribution.inner_text() and "35" in contribution.inner_text()
    link = contribution.get_by_role("link", name="evidence.pdf")
    assert page.request.get(link.get_attribute("href")).body() == PDF
    sign_out(page)

    sign_in(page, "yc-office")
    before = forest_status(page)
    open_item(page, "森林覆盖率")
    assert "代填" in page.locator(".reporting-proxy-note").inner_text()
    page.fill("#r-value", "44.2")
    page.fill("#r-source-title", "市林业局纸质报表")
    page.get_by_role("button", name="代填并提交").click()
    page.locator(".reporting-state", has_text="待审").wait_for()
    assert "由 yc-office 代市林业局填报" in page.locator(".reporting-behalf").inner_text()
    shot(page, "support-02-proxy")
    page.get_by_role("button", name="审定").click()
    page.locator(".reporting-state", has_text="已审定").wait_for()
    approved = forest_status(page)
    page.fill("#c-reopen", "林业局报表有误，重新核实")
    page.get_by_role("button", name="重新开放").click()
    page.locator(".reporting-state", has_text="已退回").wait_for()
    assert forest_status(page) == before and approved != before

    page.goto(f"/plans/{JIANGZHOU}/decomposition")
    page.select_option("#dc-indicator", "森林覆盖率")
    page.select_option("#dc-region", "盐湖区")
    page.fill("#dc-assigned", "46")
    page.select_option("#dc-rule", "at_least")
    page.get_by_role("button", name="保存下达目标").click()
    page.locator(".matrix.decomposition", has_text="盐湖区").wait_for()
    shot(page, "support-03-decomposition")

    with factory() as s:
        behalf = [r.on_behalf_of for r in s.scalars(select(ReportStatus).where(ReportStatus.actor_name == "yc-office")
                                                    .order_by(ReportStatus.id))]
        assert behalf[:2] == ["市林业局", "市林业局"] and behalf[2:] == [None, None]  # save, submit | approve, reopen
        withdrawn = s.scalar(select(Observation).where(Observation.source_title == "市林业局纸质报表"))
        assert withdrawn.withdrawn_at is not None and "重新核实" in withdrawn.withdrawn_reason
        actions = set(s.scalars(select(AuditEvent.action)))
        assert {"report.contribute", "observation.withdraw", "decomposition.set"} <= actions
        assert s.scalar(select(Allocation.assigned_text).where(Allocation.state == "active")) == "46"
