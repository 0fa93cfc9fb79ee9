"""The platform in a real browser: Debian's chromium driven by playwright, against a uvicorn server
this module starts on a free port over a SQLite store holding the five corpus plans and
../shared/data/observations.csv.

The walks are the ones a planning office makes: dashboard → catalogue → the provincial outline →
an indicator with its chart → the source line it came from; a search to a source line; signed in
as the province's planning office, an upload with a bad row (shown, nothing saved) and a good one
(saved, the status moves); signed in as an administrator, a plan file loaded from the catalogue's
上传规划 (parsed and shown, stored on confirm, then opened); a lead unit of another city refused on
the province's data entry, then signing out. Every page must satisfy its Content-Security-Policy
(a violation is reported on the console and fails the test). Every page is
saved as a screenshot under test-artifacts/web/ for people to look at.

Skipped only when the corpus is missing, or when /usr/bin/chromium is missing and cannot be
installed (scripts/setup.sh installs it; CI runs these).
"""

from __future__ import annotations

from contextlib import contextmanager

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
OBSERVATIONS = SHARED / "data" / "observations.csv"
ARTIFACTS = REPO / "test-artifacts" / "web"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
PROVINCE = "shanxi-14th-fyp-outline"
PROVINCE_TITLE = "山西省国民经济和社会发展第十四个五年规划和2035年远景目标纲要"



def _ensure_chromium() -> None:
    """Chromium is installed by scripts/setup.sh; where it is missing, try the same apt-get once."""
    if Path(CHROMIUM).exists():
        return
    apt = shutil.which("apt-get")
    if apt and os.geteuid() == 0:
        subprocess.run([apt, "install", "-y", "-qq", "chromium"], check=False, capture_output=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}, timeout=900)
    if not Path(CHROMIUM).exists():
        pytest.skip("/usr/bin/chromium is missing and could not be installed (scripts/setup.sh installs it)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    if not CORPUS.is_dir() or not OBSERVATIONS.is_file():
        pytest.skip("../shared/corpus or ../shared/data/observations.csv is not next to the repository")
    from plantrack.load import load_files
    from plantrack.observations.importer import import_file
    from plantrack.store.db import open_store

    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'plantrack.db'}"
    factory = open_store(url)
    outcomes = load_files(factory, sorted(CORPUS.glob("*.txt")))
    assert all(o.ok for o in outcomes), [o.message for o in outcomes if not o.ok]
    import_file(factory, OBSERVATIONS)
    from ..userfixtures import add_user

    add_user(factory, "admin", "admin")
    add_user(factory, "sx-office", "planning", region="140000")
    add_user(factory, "ty-unit", "unit", region="140100", unit="太原市林业局")
    return url, factory


@pytest.fixture(scope="module")
def server(store):
    url, _ = store
    with running_server({"PLANTRACK_DATABASE_URL": url}) as base:
        yield base


@contextmanager
def running_server(settings: dict[str, str]):
    """`plantrack serve` in its own process on a free loopback port, with only the given PLANTRACK_*
    settings; the address once /api/plans answers, and the process stopped afterwards."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANTRACK_")}
    env.update(settings)
    proc = subprocess.Popen(
        [sys.executable, "-m", "plantrack.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail("the server stopped: " + proc.stdout.read().decode("utf-8", "replace"))
        try:
            if httpx.get(base + "/api/plans", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        proc.terminate()
        pytest.fail("the server did not answer within 60 s")
    try:
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser():
    _ensure_chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server, locale="zh-CN", viewport={"width": 1366, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    pg.plantrack_errors = errors
    yield pg
    context.close()
    assert errors == [], f"script errors on the page: {errors}"


def sign_in(pg, login: str) -> None:
    from ..userfixtures import PASSWORD

    pg.get_by_role("banner").get_by_role("link", name="登录").click()
    pg.fill("#login", login)
    pg.fill("#password", PASSWORD)
    pg.get_by_role("button", name="登录").click()
    pg.get_by_role("banner").get_by_role("button", name="退出").wait_for()


def shot(pg, name: str, full: bool = True) -> None:
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)


def counts(factory) -> tuple[int, int]:
    from plantrack.store.models import Observation, ObservationImport

    with factory() as s:
        return (s.scalar(select(func.count()).select_from(Observation)),
                s.scalar(select(func.count()).select_from(ObservationImport)))


def wait_for_chart(pg) -> None:
    """ECharts drew the chart: an SVG with the series' paths and the legend's words."""
    # A locator, not wait_for_function: playwright polls a function with eval, which the pages'
    # Content-Security-Policy (no 'unsafe-eval') refuses.
    pg.locator("#indicator-chart svg path").nth(10).wait_for(state="attached")
    assert "目标" in pg.locator("#indicator-chart").inner_text()


def in_viewport(pg, selector: str) -> bool:
    return pg.eval_on_selector(selector, """el => { const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight; }""")


def test_dashboard_to_catalogue_to_outline_to_indicator_chart_to_source_line(page):
    page.goto("/")
    sign_in(page, "admin")  # the public sees only published plans
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    assert page.locator("h1").inner_text() == "规划实施监测概览"
    assert page.locator(".stat-total .stat-num").inner_text() != "0"
    shot(page, "01-dashboard")

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="规划目录").click()
    page.wait_for_url("**/plans")
    assert page.locator(".region-name").first.inner_text() == "山西省"
    shot(page, "02-catalogue")

    page.locator(".plan-card").get_by_role("link", name=PROVINCE_TITLE).first.click()
    page.wait_for_url(f"**/plans/{PROVINCE}")
    assert page.locator("h1").inner_text() == PROVINCE_TITLE
    assert page.locator(".outline-list a").count() > 20
    assert page.locator("table.indicators tbody tr").count() > 30
    shot(page, "03-plan-outline", full=False)
    page.emulate_media(media="print")
    shot(page, "03b-plan-print")
    page.emulate_media(media="screen")

    page.locator("table.indicators").get_by_role("link", name="常住人口城镇化率", exact=True).click()
    page.wait_for_url(f"**/plans/{PROVINCE}/indicators/**")
    wait_for_chart(page)
    assert page.locator(".big-status .badge").inner_text() in ("基本符合预期", "快于预期", "滞后", "提前实现")
    assert page.locator("#obs-h").is_visible()
    shot(page, "04-indicator-chart")

    page.locator(".page-head").get_by_role("link", name="原文第 916 行").click()
    page.wait_for_url("**/source?line=916#L916")
    target = page.locator(".src-line.is-target")
    assert target.get_attribute("id") == "L916"
    assert "常住人口城镇化率" in target.inner_text()
    assert in_viewport(page, "#L916")
    shot(page, "05-source-line", full=False)


def test_search_to_a_hit_to_its_source_line(page):
    page.goto("/")
    sign_in(page, "admin")  # the public sees only published plans
    page.goto("/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="检索").click()
    page.get_by_label("检索词").fill("森林覆盖率")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=*")
    assert page.locator(".search-group").count() == 5  # every corpus plan speaks of it
    assert page.locator("mark").first.inner_text() == "森林覆盖率"
    shot(page, "06-search")

    hit = page.locator(".hit-link").first
    line = hit.get_attribute("href").split("line=")[1].split("#")[0]
    hit.click()
    page.wait_for_url(f"**/source?line={line}#L{line}")
    assert "森林覆盖率" in page.locator(".src-line.is-target").inner_text()
    assert in_viewport(page, f"#L{line}")
    shot(page, "07-search-source", full=False)


def test_alignment_page(page):
    page.goto("/")
    sign_in(page, "admin")  # the public sees only published plans
    page.goto(f"/plans/{PROVINCE}")
    page.locator(".plan-cards, .facts").first.wait_for()
    page.goto("/plans/yuncheng-14th-fyp-outline/alignment")
    assert page.locator("table.align-table tbody tr").count() > 30
    assert page.locator(".diff").count() > 0
    shot(page, "08-alignment", full=False)


def test_upload_with_a_bad_row_shows_it_and_saves_nothing_then_a_good_one_moves_the_status(page, store, server, tmp_path):
    _, factory = store
    from ..userfixtures import bearer

    staff = bearer(factory, "admin")  # the public sees only published plans
    forest = next(i for i in httpx.get(f"{server}/plans/{PROVINCE}?format=json&year=2024", headers=staff).json()["indicators"]
                  if i["name"] == "森林覆盖率")
    assert forest["status"] == "无数据"
    header = "region,indicator,unit,year,value,source_url,source_title,quote\n"
    good = header + "山西省,森林覆盖率,%,2024,25.2,https://example.org/forest-2024,山西省林业和草原局年报（测试）,森林覆盖率达到25.2%\n"
    bad = good + "山西省,森林覆盖率,%,2023,约25,https://example.org/forest-2023,山西省林业和草原局年报（测试）,约25%\n"
    (tmp_path / "bad.csv").write_text(bad, encoding="utf-8")
    (tmp_path / "good.csv").write_text(good, encoding="utf-8")
    before = counts(factory)

    page.goto("/")
    sign_in(page, "sx-office")
    assert "sx-office（规划管理）" in page.get_by_role("banner").inner_text()
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="数据填报").click()
    page.set_input_files("#file", str(tmp_path / "bad.csv"))
    page.get_by_role("button", name="检查文件").click()
    error = page.locator(".result-error")
    error.wait_for()
    assert "有 1 行数据有误" in error.inner_text()
    assert page.locator("table.errors tbody tr").count() == 1
    assert page.locator("table.errors tbody td").first.inner_text() == "3"
    assert "数值“约25”不是数字" in error.inner_text()
    assert page.get_by_role("button", name="确认保存").count() == 0
    shot(page, "09-upload-bad-row")
    assert counts(factory) == before

    page.set_input_files("#file", str(tmp_path / "good.csv"))
    page.get_by_role("button", name="检查文件").click()
    page.locator(".result-check").wait_for()
    assert page.locator("table.preview tbody tr").count() == 1
    shot(page, "10-upload-checked")
    assert counts(factory) == before

    page.get_by_role("button", name="确认保存").click()
    page.locator(".result-ok").wait_for()
    assert counts(factory) == (before[0] + 1, before[1] + 1)
    affected = page.locator(".result-ok table tbody tr").filter(has_text="森林覆盖率").first
    new_status = affected.locator(".badge").inner_text()
    assert new_status not in ("无数据", "")
    shot(page, "11-upload-saved")

    affected.get_by_role("link", name="森林覆盖率").click()
    wait_for_chart(page)
    assert page.locator(".big-status .badge").inner_text() == new_status
    assert "山西省林业和草原局年报（测试）" in page.locator("#obs-h ~ .table-scroll").inner_text()
    shot(page, "12-indicator-after-upload")
    after = httpx.get(f"{server}/plans/{PROVINCE}?format=json&year=2024", headers=staff).json()["indicators"]
    assert next(i for i in after if i["id"] == forest["id"])["status"] == new_status


def plan_counts(factory) -> dict:
    from plantrack.store.repository import counts as store_counts

    with factory() as s:
        return store_counts(s)


def test_a_plan_uploaded_from_the_catalogue_is_checked_then_stored_and_opened(page, store, tmp_path):
    from .conftest import UPLOAD_PLAN, UPLOAD_TITLE

    _, factory = store
    path = tmp_path / "jianghe-browser.txt"
    path.write_text(UPLOAD_PLAN, encoding="utf-8")
    before = plan_counts(factory)

    page.goto("/plans")
    sign_in(page, "admin")
    page.get_by_role("link", name="上传规划").click()
    page.wait_for_url("**/plans/new")
    assert page.locator("h1").inner_text().startswith("规划入库")
    page.set_input_files("#plan-file", str(path))
    page.get_by_role("button", name="解析并核对").click()
    checked = page.locator(".result-check")
    checked.wait_for()
    assert "将新建规划“jianghe-browser”" in checked.inner_text()
    assert page.locator(".parse-counts li").nth(1).inner_text() == "3 项指标"
    assert page.locator("table.preview tbody tr").count() == 3
    shot(page, "13-plan-upload-checked")
    assert plan_counts(factory) == before

    page.get_by_role("button", name="确认入库").click()
    page.locator(".result-ok").wait_for()
    assert plan_counts(factory)["plan"] == before["plan"] + 1
    shot(page, "14-plan-upload-saved")
    page.get_by_role("link", name="查看规划").click()
    page.wait_for_url("**/plans/jianghe-browser")
    assert page.locator("h1").inner_text() == UPLOAD_TITLE
    assert page.locator("table.indicators tbody tr:not(.group-row)").count() == 3
    shot(page, "15-plan-uploaded", full=False)


def test_a_lead_unit_is_refused_on_another_regions_data_entry_then_signs_out(page, store, tmp_path):
    _, factory = store
    header = "region,indicator,unit,year,value,source_url,source_title,quote\n"
    (tmp_path / "province.csv").write_text(
        header + "山西省,森林覆盖率,%,2024,99.9,https://example.org/x,伪造,99.9%\n", encoding="utf-8")
    before = counts(factory)

    page.goto("/observations/new")
    assert "请先登录" in page.locator("main").inner_text()
    page.get_by_role("main").get_by_role("link", name="登录").click()
    page.fill("#login", "ty-unit")
    from ..userfixtures import PASSWORD

    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/observations/new")
    page.set_input_files("#file", str(tmp_path / "province.csv"))
    page.get_by_role("button", name="检查文件").click()
    page.wait_for_url("**/observations/check")
    text = page.locator("main").inner_text()
    assert "无权填报这些地区的数据" in text and "第 2 行（山西省）" in text
    shot(page, "16-unit-refused-other-region")
    assert counts(factory) == before

    page.get_by_role("banner").get_by_role("button", name="退出").click()
    page.get_by_role("banner").get_by_role("link", name="登录").wait_for()
    page.goto("/observations/new")
    assert "请先登录" in page.locator("main").inner_text()
    shot(page, "17-signed-out")


def test_the_api_docs_render_offline(page):
    page.goto("/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "规划综合管理信息平台 API" in page.locator(".swagger-ui .info .title").inner_text()
    page.locator(".swagger-ui .authorize").wait_for()  # the bearer scheme
    shot(page, "18-api-docs", full=False)
    page.goto("/redoc")
    page.locator("h1").first.wait_for()
    assert "规划综合管理信息平台 API" in page.locator("h1").first.inner_text()
    # ReDoc's "powered by" logo is fetched from its CDN; the policy blocks it, which is the point
    # (nothing leaves the intranet) and costs the page nothing. Any other violation still fails.
    page.plantrack_errors[:] = [e for e in page.plantrack_errors if "cdn.redoc.ly/redoc/logo-mini.svg" not in e]
    shot(page, "19-api-redoc", full=False)
