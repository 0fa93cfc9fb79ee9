"""Issue 10's walk in a real browser, end to end through the sign-in form and the pages themselves
(no bearer tokens, no test middleware): the province's planning office imports observations on
数据填报 and publishes the provincial outline on its 对社会公布 page (acknowledging the gate's open
items); signed out, the public finds that plan in the catalogue and opens it, while an unpublished
plan is neither listed nor reachable (404); a lead unit of 太原市 is refused when it enters data for
山西省 or 运城市 and nothing is stored; the planning office's 操作记录 then lists its import and its
publication.

The server, store and browser are test_browser.py's fixtures (this module gets its own store, so the
publication here does not leak into the other walks). Screenshots go to test-artifacts/web/.
"""

from __future__ import annotations

import httpx

from ..userfixtures import PASSWORD
from .test_browser import (  # noqa: F401 - fixtures used by name
    PROVINCE,
    PROVINCE_TITLE,
    browser,
    counts,
    page,
    server,
    shot,
    sign_in,
    store,
)

UNPUBLISHED = "yuncheng-14th-fyp-outline"
HEADER = "region,indicator,unit,year,value,source_url,source_title,quote\n"


def _title(factory, key: str) -> str:
    from plantrack.store.models import Plan
    from sqlalchemy import select

    with factory() as s:
        return s.scalar(select(Plan.title).where(Plan.key == key))


def _sign_out(pg) -> None:
    pg.get_by_role("banner").get_by_role("button", name="退出").click()
    pg.get_by_role("banner").get_by_role("link", name="登录").wait_for()


def test_office_imports_and_publishes_public_sees_only_that_unit_is_refused_audit_lists_it(
        page, store, server, tmp_path):
    _, factory = store
    unpublished_title = _title(factory, UNPUBLISHED)
    assert unpublished_title
    (tmp_path / "office.csv").write_text(
        HEADER + "山西省,森林覆盖率,%,2024,25.3,https://example.org/forest-2024,山西省林业和草原局年报（走查）,"
                 "森林覆盖率达到25.3%\n", encoding="utf-8")
    before = counts(factory)

    # 1. the planning office of 山西省 signs in through the form
    page.goto("/")
    sign_in(page, "sx-office")
    assert "sx-office（规划管理）" in page.get_by_role("banner").inner_text()

    # 2. imports observations on 数据填报: check, then confirm
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="数据填报").click()
    page.set_input_files("#file", str(tmp_path / "office.csv"))
    page.get_by_role("button", name="检查文件").click()
    page.locator(".result-check").wait_for()
    assert counts(factory) == before  # checking stores nothing
    page.get_by_role("button", name="确认保存").click()
    page.locator(".result-ok").wait_for()
    assert counts(factory) == (before[0] + 1, before[1] + 1)
    shot(page, "walk-01-office-import-saved")

    # 3. publishes the provincial outline on its 对社会公布 page, acknowledging the open items
    page.goto(f"/plans/{PROVINCE}")
    page.locator(".page-head, h1").first.wait_for()
    page.get_by_role("link", name="发布", exact=True).click()
    page.wait_for_url(f"**/plans/{PROVINCE}/publish")
    assert page.locator("h1").inner_text() == f"对社会公布 · {PROVINCE_TITLE}"
    shot(page, "walk-02-publish-gate")
    reason = "走查：数据缺口已列入下年度填报计划，先行公布。"
    gate_open = page.locator("#acknowledge").count() == 1
    if gate_open:  # the gate lists open items: a reason is required
        page.get_by_role("button", name="发布", exact=True).click()
        assert page.locator(".alert-error").count() == 1  # without a reason the gate holds
        assert "本规划已于" not in page.locator("main").inner_text()
        page.fill("#acknowledge", reason)
    page.get_by_role("button", name="发布", exact=True).click()
    page.wait_for_url(f"**/plans/{PROVINCE}#publication")  # back on the plan page, marked published
    marked = page.locator("main").get_by_text("本规划已对社会公布")
    marked.wait_for()
    assert "sx-office" in marked.inner_text()
    if gate_open:
        assert reason in marked.inner_text()
    assert page.get_by_role("link", name="撤回公布").count() == 1
    shot(page, "walk-03-plan-marked-published")
    page.goto(f"/plans/{PROVINCE}/publish")
    assert "由 sx-office 对社会公布" in page.locator("main").inner_text()
    assert page.get_by_role("button", name="发布", exact=True).count() == 0  # cannot publish twice
    shot(page, "walk-04-publish-page-after")

    # 4. signed out, the public sees the published plan and only it
    _sign_out(page)
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="规划目录").click()
    page.wait_for_url("**/plans")
    cards = page.locator(".plan-card")
    listed = cards.all_inner_texts()
    assert any(PROVINCE_TITLE in t for t in listed)
    assert not any(unpublished_title in t for t in listed)
    assert page.get_by_role("link", name=unpublished_title).count() == 0
    shot(page, "walk-05-public-catalogue")
    cards.get_by_role("link", name=PROVINCE_TITLE).first.click()
    page.wait_for_url(f"**/plans/{PROVINCE}")
    assert page.locator("h1").inner_text() == PROVINCE_TITLE
    assert page.locator("table.indicators tbody tr").count() > 30
    assert page.get_by_role("link", name="发布", exact=True).count() == 0  # read-only for the public
    shot(page, "walk-06-public-plan", full=False)
    response = page.goto(f"/plans/{UNPUBLISHED}")
    assert response.status == 404
    assert unpublished_title not in page.locator("main").inner_text()
    shot(page, "walk-07-public-unpublished-404", full=False)
    assert httpx.get(f"{server}/plans/{UNPUBLISHED}?format=json").status_code == 404

    # 5. a lead unit of 太原市 is refused on 山西省's and 运城市's data entry; nothing is stored
    page.goto("/")
    sign_in(page, "ty-unit")
    stored = counts(factory)
    (tmp_path / "others.csv").write_text(
        HEADER + "山西省,森林覆盖率,%,2024,99.9,https://example.org/x,伪造,99.9%\n"
                 "运城市,森林覆盖率,%,2024,99.9,https://example.org/y,伪造,99.9%\n", encoding="utf-8")
    page.goto("/observations/new")
    page.set_input_files("#file", str(tmp_path / "others.csv"))
    page.get_by_role("button", name="检查文件").click()
    page.wait_for_url("**/observations/check")
    text = page.locator("main").inner_text()
    assert "无权填报这些地区的数据" in text
    assert "第 2 行（山西省）" in text and "第 3 行（运城市）" in text
    assert page.get_by_role("button", name="确认保存").count() == 0
    shot(page, "walk-08-unit-refused-file")
    page.goto("/observations/new")
    page.fill("#o-region", "运城市")
    page.fill("#o-indicator", "森林覆盖率")
    page.fill("#o-year", "2024")
    page.fill("#o-value", "99.9")
    page.fill("#o-unit", "%")
    page.get_by_role("button", name="检查", exact=True).click()
    page.wait_for_url("**/observations/form")
    text = page.locator("main").inner_text()
    assert "无权填报这些地区的数据：运城市。" in text and "第 2 行" not in text  # a form has no rows
    assert page.get_by_role("button", name="确认保存").count() == 0
    shot(page, "walk-09-unit-refused-form")
    assert counts(factory) == stored
    # the trail is not the unit's to read, and the navigation does not lead it there
    assert page.get_by_role("navigation", name="主导航").get_by_role("link", name="操作记录").count() == 0
    assert page.goto("/audit").status == 403
    _sign_out(page)

    # 6. the planning office's 操作记录 lists its import and its publication
    sign_in(page, "sx-office")
    page.goto("/audit")
    page.select_option("#f-user", "sx-office")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**/audit?*user=sx-office*")
    rows = page.locator("table.audit tbody tr")
    texts = rows.all_inner_texts()
    assert texts and all("sx-office" in t for t in texts)
    imports = [t for t in texts if "导入观测值" in t]
    publications = [t for t in texts if "对社会公布" in t and PROVINCE in t]
    assert len(imports) == 1 and "存入 1 个值" in imports[0]
    assert len(publications) == 1
    if gate_open:
        assert reason in publications[0]  # the acknowledgement is kept with the publication
    shot(page, "walk-10-audit")
    assert PASSWORD not in page.content()
