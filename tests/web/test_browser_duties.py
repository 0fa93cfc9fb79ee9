"""The accountability pages in a real browser: a provincial planning office adds a unit on 单位,
assigns 森林覆盖率 of 江州's plan to it on 任务分工 (choosing the item, typing the unit), enters an
annual target in the 年度目标 grid, and finds the unit on 考核 with the item it owns.

One uvicorn server acting as the planning user (tests/actors.py), as test_browser_publication.py
does; a screenshot of each page goes to test-artifacts/web/.
"""

from __future__ import annotations

import pytest

from .test_browser import ARTIFACTS, browser  # noqa: F401  (the shared chromium fixture)
from .test_browser_publication import FIXTURES, PLAN, _serve, new_page


@pytest.fixture(scope="module")
def staff(tmp_path_factory):
    from plantrack.load import load_file
    from plantrack.store.db import open_store

    url = f"sqlite:///{tmp_path_factory.mktemp('duties') / 'plantrack.db'}"
    factory = open_store(url)
    assert load_file(factory, FIXTURES / "jiangzhou-ecology-14th-plan.txt", key=PLAN, overrides={"region": "运城市"}).ok
    proc, base = _serve(url, "PLANNER")
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def test_a_planning_office_adds_a_unit_assigns_an_indicator_and_sets_an_annual_target(browser, staff):  # noqa: F811
    page = new_page(browser, staff)
    page.goto("/units")
    page.fill("#u-region", "运城市")
    page.fill("#u-name", "运城市林业局")
    page.fill("#u-short", "市林业局")
    page.click("button:has-text('新增')")
    page.wait_for_selector("text=已保存")
    assert "运城市林业局" in page.inner_text("table.units")
    page.screenshot(path=str(ARTIFACTS / "duties-units.png"), full_page=True)

    page.goto(f"/plans/{PLAN}")
    page.click("a:has-text('任务分工')")
    page.wait_for_selector("#asg-h")
    option = page.locator("#a-item option", has_text="森林覆盖率").first.get_attribute("value")
    page.select_option("#a-item", option)
    page.fill("#a-lead", "市林业局")
    page.fill("#a-due", "2025-12-31")
    page.click("button:has-text('保存分工')")
    page.wait_for_selector("text=已保存")
    row = page.locator(f"#item-{option.replace(':', '-')}")
    assert "市林业局" in row.inner_text() and "2025-12-31" in row.inner_text()
    page.screenshot(path=str(ARTIFACTS / "duties-assignments.png"), full_page=True)

    page.goto(f"/plans/{PLAN}/annual-targets")
    cell = page.locator("input[aria-label='森林覆盖率 2023年目标']")
    cell.fill("≥43")
    page.click("button:has-text('保存年度目标')")
    page.wait_for_selector("text=已保存")
    assert page.locator("input[aria-label='森林覆盖率 2023年目标']").input_value() == "≥43"

    page.click("nav.site-nav >> text=考核")
    page.wait_for_selector("#by-unit")
    assert "市林业局" in page.inner_text("#by-unit")
    assert "森林覆盖率" in page.inner_text("main")
    page.screenshot(path=str(ARTIFACTS / "duties-scorecards.png"), full_page=True)
