"""数据采集 in a real browser: the province's planning office uploads a real statistics bulletin,
accepts two proposals, corrects one, rejects the rest, imports them, and follows the link to the
indicator page, where the accepted value stands with the bulletin line as its source, beside the
different value a unit had reported (填报值与统计公报不一致).

The province's outline (../shared/corpus) is served by `plantrack serve` like test_browser.py's
store, with one unit-reported value of 常住人口城镇化率 for 2022. Skipped like test_browser.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from .test_browser import ARTIFACTS, CORPUS, PROVINCE, browser, page, server, sign_in  # noqa: F401  (shared fixtures)

BULLETINS = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"
BULLETIN = BULLETINS / "shanxi-2022.txt"
REPORTED = ("region,indicator,unit,year,value,source_url,source_title,quote\n"
            "山西省,常住人口城镇化率,%,2022,63.5,,省住建厅报送,\n")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    plan = CORPUS / f"{PROVINCE}.txt"
    if not plan.is_file():
        pytest.skip("../shared/corpus is not next to the repository")
    from plantrack.load import load_file
    from plantrack.observations.importer import import_file
    from plantrack.store.db import open_store

    from ..userfixtures import add_user

    tmp = tmp_path_factory.mktemp("bulletins")
    url = f"sqlite:///{tmp / 'plantrack.db'}"
    factory = open_store(url)
    assert load_file(factory, plan, key=PROVINCE).ok
    (tmp / "reported.csv").write_text(REPORTED, encoding="utf-8")
    import_file(factory, tmp / "reported.csv")
    add_user(factory, "sx-office", "planning", region="140000")
    return url, factory


def test_accept_two_correct_one_reject_one_and_see_them_on_the_indicator_page(page, store):
    from plantrack.observations.bulletins import read_bulletin
    from plantrack.store.models import Observation

    _, factory = store
    proposals = {p.concept: p for p in read_bulletin(BULLETIN.read_bytes(), BULLETIN.name, "山西省", 2022).proposals}
    accepted, corrected, rejected = ("gdp_growth", "urbanization"), "gdp", "population"
    with factory() as s:
        before = s.scalar(select(func.count()).select_from(Observation))

    page.goto("/")
    sign_in(page, "sx-office")
    page.goto("/bulletins")
    page.set_input_files("#b-file", str(BULLETIN))
    page.fill("#b-region", "山西省")
    page.fill("#b-year", "2022")
    page.get_by_role("button", name="提取建议值").click()
    page.get_by_role("heading", name="尚未保存").wait_for()
    for concept, p in proposals.items():
        row = page.locator(f"#proposal-{p.id}")
        if concept == corrected:
            row.get_by_label("更正后采纳").check()
            row.get_by_label(f"建议值 {p.id} 的更正值").fill("25642.6")
        elif concept not in accepted:  # the rejected one, and the others the office does not want now
            row.get_by_label("不采纳").check()
    page.screenshot(path=str(ARTIFACTS / "bulletins-review.png"), full_page=True)
    page.get_by_role("button", name="导入所选数值").click()
    page.get_by_role("heading", name="已导入").wait_for()
    page.screenshot(path=str(ARTIFACTS / "bulletins-imported.png"), full_page=True)

    with factory() as s:
        stored = {o.concept: o for o in s.scalars(select(Observation).where(Observation.id > 0))
                  if "bulletin" in (o.flags or [])}
        assert s.scalar(select(func.count()).select_from(Observation)) == before + 3
    assert set(stored) == {*accepted, corrected} and rejected not in stored
    assert stored[corrected].value == 25642.6

    page.get_by_role("link", name="常住人口城镇化率").first.click()
    urb = proposals["urbanization"]
    page.get_by_role("heading", name="填报值与统计公报不一致").wait_for()
    text = page.locator("main").inner_text()
    assert f"{BULLETIN.name}（第 {urb.line} 行）" in text
    assert "63.96" in text and "63.5" in text and "省住建厅报送" in text
    page.screenshot(path=str(ARTIFACTS / "bulletins-indicator.png"), full_page=True)
