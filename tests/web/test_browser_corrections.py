"""人工修正 in a real browser (tests/web/test_browser.py's chromium, server and page fixtures, over a
store of its own): a plan whose table the parser reads in part is uploaded, the check page warns
that rows are missing, a person corrects two rows and adds the missing one beside the source
lines, confirms; the plan page shows them as 人工修正 with the parser's original; a changed
version of the plan uploaded again keeps them. Screenshots go to test-artifacts/web/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_browser import browser, page, server, shot, sign_in  # noqa: F401  (fixtures shared with the other walks)

PARTIAL = Path(__file__).resolve().parents[1] / "fixtures" / "partial" / "tongchuan-county-14th-fyp.txt"
KEY = "tongchuan-browser"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """An empty store: this walk loads its own plan through the page."""
    from plantrack.store.db import open_store

    from ..userfixtures import add_user

    url = f"sqlite:///{tmp_path_factory.mktemp('browser-corrections') / 'plantrack.db'}"
    factory = open_store(url)
    add_user(factory, "admin", "admin")
    return url, factory


def _row(pg, name_value: str):
    """The table row whose name input holds name_value (as the page rendered it)."""
    return pg.locator("table.correction-table tr", has=pg.locator(f'input[name$="-name"][value="{name_value}"]'))


def _upload(pg, path: Path) -> None:
    pg.goto("/plans/new")
    pg.set_input_files("#plan-file", str(path))
    pg.get_by_role("button", name="解析并核对").click()
    pg.locator(".result-check").wait_for()


def test_a_person_corrects_a_partly_read_table_and_the_corrections_survive_a_new_version(page, tmp_path):  # noqa: F811
    path = tmp_path / f"{KEY}.txt"
    path.write_text(PARTIAL.read_text(encoding="utf-8"), encoding="utf-8")

    page.goto("/")
    sign_in(page, "admin")
    _upload(page, path)
    warning = page.locator(".parse-checks")
    assert "序号不连续" in warning.inner_text() and "缺少序号14" in warning.inner_text()
    assert "少1项" in warning.inner_text()
    assert page.locator("table.correction-table tbody tr").count() == 14
    # each row stands beside its source line
    assert "城镇新增就业人数" in _row(page, "人").locator(".source-text").inner_text()
    shot(page, "16-correction-check-warning")

    budget = _row(page, "一般公共预算收入 亿元 3.9 5.5 7 预期性")
    budget.locator('input[name$="-name"]').fill("一般公共预算收入")
    budget.locator('input[name$="-unit"]').fill("亿元")
    budget.locator('input[name$="-base_text"]').fill("3.9")
    budget.locator('input[name$="-target_text"]').fill("5.5")
    budget.locator('input[name$="-annual_growth"]').fill("7")
    budget.locator('select[name$="-binding"]').select_option("expected")
    jobs = _row(page, "人")
    jobs.locator('input[name$="-name"]').fill("城镇新增就业人数")
    jobs.locator('input[name$="-base_text"]').fill("1850")
    added = page.locator("table.correction-table tfoot tr.is-blank").first
    for field, value in (("category", "民生福祉"), ("name", "每千人口拥有执业（助理）医师数"), ("unit", "人"),
                         ("base_year", "2020"), ("base_text", "1.9"), ("target_year", "2025"), ("target_text", "2.6"),
                         ("line", "72")):
        added.locator(f'input[name$="-{field}"]').fill(value)
    added.locator('select[name$="-binding"]').select_option("expected")
    page.get_by_label("修正人").first.fill("王敏")
    page.get_by_label("修正原因").first.fill("对照印发稿补录")
    shot(page, "17-correction-check-filled")

    page.get_by_role("button", name="确认入库").click()
    saved = page.locator(".result-ok")
    saved.wait_for()
    assert "已保存 3 处人工修正" in saved.inner_text()
    page.get_by_role("link", name="查看规划").click()
    page.wait_for_url(f"**/plans/{KEY}")
    table = page.locator("table.indicators")
    assert table.locator(".tag-corrected").count() == 3
    assert table.locator("tbody tr:not(.group-row)").count() == 15
    jobs_row = table.locator("tr.is-corrected", has_text="城镇新增就业人数")
    assert "原解析：人" in jobs_row.inner_text() and "admin" in jobs_row.inner_text()  # the account, not the typed name
    assert "原解析：无（新增）" in table.locator("tr.is-corrected", has_text="每千人口拥有执业").inner_text()
    shot(page, "18-plan-with-corrections", full=False)

    # a revised plan under the same key: a new version, the corrections kept
    path.write_text(PARTIAL.read_text(encoding="utf-8").replace("2020年，全县", "2020年，全县（修订稿）"), encoding="utf-8")
    _upload(page, path)
    assert "第 2 版" in page.locator(".result-check").inner_text()
    assert page.locator("table.correction-table .tag-corrected").count() == 3
    page.get_by_role("button", name="确认入库").click()
    page.locator(".result-ok").wait_for()
    page.get_by_role("link", name="查看规划").click()
    page.wait_for_url(f"**/plans/{KEY}")
    assert "第 2 版" in page.locator("#facts").inner_text()
    assert page.locator("table.indicators .tag-corrected").count() == 3
    shot(page, "19-plan-v2-keeps-corrections", full=False)

    page.get_by_role("link", name="修正指标表").click()
    page.wait_for_url(f"**/plans/{KEY}/corrections#table")
    assert page.locator("table.correction-history tbody tr").count() == 3
    shot(page, "20-corrections-page")
