"""Publication in a real browser: a planning-office user enters an observation on 数据填报, opens
the plan, goes through the 发布 gate (refused without a reason, then published with one); the
public site — the same store served with nobody logged in — then lists and shows that plan and
not the other; the 操作记录 page lists the import and the publication with the user's name.

Two uvicorn servers over one SQLite store: one acting as the planning user (tests/actors.py, until
the accounts work's login replaces it), one as the anonymous public. Screenshots go to
test-artifacts/web/ like test_browser.py's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from .test_browser import ARTIFACTS, _free_port, browser  # noqa: F401  (the shared chromium fixture)

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
PLAN, OTHER = "jiangzhou", "qinghe"
TITLE = "江州市“十四五”生态环境保护规划"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from plantrack.load import load_file
    from plantrack.store.db import open_store

    url = f"sqlite:///{tmp_path_factory.mktemp('publication') / 'plantrack.db'}"
    factory = open_store(url)
    assert load_file(factory, FIXTURES / "jiangzhou-ecology-14th-plan.txt", key=PLAN, overrides={"region": "运城市"}).ok
    assert load_file(factory, FIXTURES / "qinghe-county-14th-fyp.txt", key=OTHER).ok
    return url


def _serve(url: str, actor: str | None):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANTRACK_")}
    env["PLANTRACK_DATABASE_URL"] = url
    app = f"acting_as(create_app(), {actor})" if actor else "create_app()"
    code = ("import uvicorn; from plantrack.api import create_app; from tests.actors import PLANNER, acting_as; "
            f"uvicorn.run({app}, host='127.0.0.1', port={port}, log_level='warning')")
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail("the server stopped: " + proc.stdout.read().decode("utf-8", "replace"))
        try:
            if httpx.get(base + "/api/plans", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    pytest.fail("the server did not answer within 60 s")


@pytest.fixture(scope="module")
def servers(store):
    staff_proc, staff = _serve(store, "PLANNER")
    public_proc, public = _serve(store, None)
    yield staff, public
    for proc in (staff_proc, public_proc):
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def new_page(browser, base: str):
    context = browser.new_context(base_url=base, locale="zh-CN", viewport={"width": 1366, "height": 900})
    return context.new_page()


def test_enter_data_publish_then_the_public_sees_the_plan_and_the_trail_lists_both(browser, servers, tmp_path):
    staff, public = servers
    data = tmp_path / "forest.csv"
    data.write_text("region,indicator,unit,year,value,source_url,source_title,quote\n"
                    "运城市,森林覆盖率,%,2022,43.1,https://example.org/b,2022年江州统计公报,森林覆盖率43.1%\n",
                    encoding="utf-8")
    pg = new_page(browser, staff)
    pg.goto("/observations/new")
    pg.set_input_files("#file", str(data))
    pg.get_by_role("button", name="检查文件").click()
    pg.locator(".result-check").wait_for()
    pg.get_by_role("button", name="确认保存").click()
    pg.locator(".result-ok").wait_for()

    pg.goto(f"/plans/{PLAN}")
    assert "本规划尚未对社会公布" in pg.locator("#publication").inner_text()
    pg.locator("#publication").get_by_role("link", name="发布").click()
    pg.get_by_role("heading", name="公布前检查").wait_for()
    assert "数据缺口" in pg.content()
    pg.get_by_role("button", name="发布").click()  # no reason given
    assert "请先处理，或说明理由" in pg.locator(".alert-error").inner_text()
    pg.fill("#acknowledge", "其余指标数据年底前补齐")
    pg.get_by_role("button", name="发布").click()
    pg.wait_for_url(f"**/plans/{PLAN}#publication")
    assert "本规划已对社会公布" in pg.locator("#publication").inner_text()
    assert "对社会公布" in pg.locator("#history").inner_text()
    pg.screenshot(path=str(ARTIFACTS / "20-published.png"), full_page=True)

    pub = new_page(browser, public)
    pub.goto("/plans")
    assert pub.get_by_role("link", name=TITLE).count() >= 1
    assert pub.locator(f'a[href="/plans/{OTHER}"]').count() == 0
    pub.get_by_role("link", name=TITLE).first.click()
    pub.wait_for_url(f"**/plans/{PLAN}")
    assert "本规划已对社会公布" in pub.locator("#publication").inner_text()
    assert pub.locator("#history").count() == 0 and pub.get_by_role("link", name="操作记录").count() == 0
    pub.screenshot(path=str(ARTIFACTS / "21-public-plan.png"), full_page=True)
    pub.goto(f"/plans/{OTHER}")
    assert "没有键为" in pub.content()

    pg.get_by_role("navigation", name="主导航").get_by_role("link", name="操作记录").click()
    rows = pg.locator("table.audit tbody tr")
    texts = [rows.nth(i).inner_text() for i in range(rows.count())]
    assert any("对社会公布" in t and "规划处张三" in t for t in texts)
    assert any("导入观测值" in t and "forest.csv" in t and "规划处张三" in t for t in texts)
    pg.screenshot(path=str(ARTIFACTS / "22-audit.png"), full_page=True)
