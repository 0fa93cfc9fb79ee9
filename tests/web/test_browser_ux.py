"""The rough edges a planning officer met (issue 13), in a real browser over the corpus store of
test_browser.py: the dashboard's 滞后 card opens the lagging indicators and one more click the
chart; the comparison page for 森林覆盖率 lists the Shanxi regions and draws their map; and at a
phone's 390 px no page is wider than the screen. Screenshots go to test-artifacts/web/ (ux-*).
"""

from __future__ import annotations

import re

import pytest

from .test_browser import PROVINCE, browser, page, server, shot, sign_in, store, wait_for_chart  # noqa: F401

PHONE = {"width": 390, "height": 844}


def test_lagging_card_leads_to_the_lagging_indicators_and_on_to_a_chart_in_two_clicks(page):
    page.goto("/")
    sign_in(page, "admin")
    page.goto("/")
    card = page.locator("a.stat-lagging")
    shown = int(card.locator(".stat-num").inner_text())
    assert shown > 0, "the corpus store has lagging indicators"
    card.click()  # click 1
    page.wait_for_url(re.compile(r"/indicators\?.*status=%E6%BB%9E%E5%90%8E"))
    rows = page.locator("table.indicators tbody tr")
    assert rows.count() == shown
    assert all(b == "滞后" for b in rows.locator(".badge").all_inner_texts())
    shot(page, "ux-01-lagging-list")
    name = rows.first.locator("th a").inner_text()
    rows.first.locator("th a").click()  # click 2
    page.wait_for_url("**/indicators/**")
    wait_for_chart(page)
    assert page.locator("h1").inner_text().startswith(name)
    assert page.locator(".big-status .badge").inner_text() == "滞后"
    shot(page, "ux-02-lagging-chart")


def test_a_warning_links_to_its_indicator_page(page):
    page.goto("/")
    sign_in(page, "admin")
    page.goto("/")
    link = page.locator(".warning-list .warning-head strong a").first
    name = link.inner_text()
    link.click()
    page.wait_for_url("**/indicators/**")
    assert page.locator("h1").inner_text().startswith(name)


def test_comparison_of_forest_cover_shows_the_shanxi_regions_and_draws_the_map(page):
    page.goto("/")
    sign_in(page, "admin")
    page.goto("/compare?concept=森林覆盖率")
    regions = page.locator("table.data tbody th").all_inner_texts()
    assert {"山西省", "运城市", "忻州市"} <= set(regions)
    targets = page.locator("table.data tbody tr td:nth-child(4)").all_inner_texts()
    assert all(t.strip() and t.strip() != "—" for t in targets), targets
    page.locator("#compare-bars svg").wait_for(state="attached")
    page.locator("#compare-map[data-drawn]").wait_for(state="attached")
    # the two cities are areas of the Shanxi map; the province is the map itself
    assert page.locator("#compare-map").get_attribute("data-drawn") == "2"
    assert page.locator("#compare-map svg path").count() >= 11  # one area per city of Shanxi
    shot(page, "ux-03-compare-forest")


def _pages(page) -> list[str]:
    """Every kind of page an officer opens, with real addresses from the store."""
    page.goto(f"/plans/{PROVINCE}?format=json")
    indicator = page.evaluate("() => JSON.parse(document.body.innerText).indicators.find(i => i.id).id")
    return ["/", "/plans", "/search?q=森林覆盖率", f"/plans/{PROVINCE}", f"/plans/{PROVINCE}/indicators/{indicator}",
            f"/plans/{PROVINCE}/source?line=916", "/plans/yuncheng-14th-fyp-outline/alignment", "/plans/new",
            "/observations/new", "/indicators?status=滞后", "/indicators", "/compare?concept=森林覆盖率", "/compare",
            f"/plans/{PROVINCE}/corrections", "/audit", "/account/password", "/plans?region=运城", "/?year=1800"]


@pytest.mark.parametrize("signed_in", [True, False], ids=["admin", "public"])
def test_no_page_is_wider_than_a_phone(browser, server, signed_in):
    context = browser.new_context(base_url=server, locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True)
    pg = context.new_page()
    try:
        pg.goto("/login")
        wide = {}
        if signed_in:
            sign_in(pg, "admin")
        paths = _pages(pg) if signed_in else ["/", "/plans", "/search?q=森林覆盖率", "/login", "/compare", "/indicators"]
        for n, path in enumerate(paths):
            pg.goto(path)
            pg.wait_for_load_state("load")
            width = pg.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                wide[path] = width
            # the first screen, as a phone shows it (a full 5,000-line source view is no picture to look at)
            shot(pg, f"ux-phone-{'admin' if signed_in else 'public'}-{n:02d}", full=False)
        assert wide == {}, f"pages wider than {PHONE['width']} px: {wide}"
    finally:
        context.close()


def test_a_stored_plan_uploaded_again_under_another_name_is_reported_as_a_duplicate(page, store):
    from plantrack.store.repository import counts

    from .test_browser import CORPUS

    _, factory = store
    with factory() as s:
        before = counts(s)
    page.goto("/")
    sign_in(page, "admin")
    page.goto("/plans/new")
    page.set_input_files("#plan-file", files=[{"name": "运城纲要-另存.txt", "mimeType": "text/plain",
                                               "buffer": (CORPUS / "yuncheng-14th-fyp-outline.txt").read_bytes()}])
    page.get_by_role("button", name="解析并核对").click()
    notice = page.locator(".duplicate")
    notice.wait_for()
    assert "重复文件" in notice.inner_text() and "yuncheng-14th-fyp-outline" in notice.inner_text()
    shot(page, "ux-04-duplicate-upload", full=False)
    notice.get_by_role("button", name=re.compile("加入已有规划")).click()
    page.wait_for_url("**/plans/new/confirm")
    assert "未作改动" in page.locator("#ok-h").inner_text()
    with factory() as s:
        assert counts(s) == before
