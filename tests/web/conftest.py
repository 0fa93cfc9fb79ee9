"""A small store for the page tests: two fixture plans and a few observations, on each engine.

清河县's county outline and 江州市's ecology plan (filed under 运城市, 140800, so observations of
运城市 reach it), with 清河县 linked to 江州市 as its parent, the way tests/api does it. Three
observations of 运城市 give the 森林覆盖率 indicator a history: 2021 and 2022 values, and a 2022
correction that supersedes the first 2022 value.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from plantrack.api import create_app
from plantrack.ingest.pipeline import analyse, plan_document, text_units
from plantrack.ingest.read import read_plan_file
from plantrack.observations.importer import import_file
from plantrack.store.repository import link_plans, store_plan
from plantrack.web.queries import MEMO

from ..userfixtures import admin_headers

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
QINGHE = "qinghe-14th-fyp"
JIANGZHOU = "jiangzhou-ecology-14th"

HEADER = "region,indicator,unit,year,value,source_url,source_title,quote\n"
OBSERVATIONS = HEADER + (
    "运城市,森林覆盖率,%,2021,42.8,https://example.org/a,2021年江州统计公报,森林覆盖率42.8%\n"
    "运城市,森林覆盖率,%,2022,43.1,https://example.org/b,2022年江州统计公报,森林覆盖率43.1%\n"
)
CORRECTION = HEADER + "运城市,森林覆盖率,%,2022,43.4,https://example.org/c,2022年江州林业年报（更正）,森林覆盖率43.4%\n"

# A small plan to upload (tests/web/test_plan_upload.py, test_browser.py): a title, 第一章 with a
# prose target, the main-indicator table, 第二章.
UPLOAD_KEY = "jianghe-14th-fyp"
UPLOAD_TITLE = "江河县国民经济和社会发展第十四个五年规划纲要"
UPLOAD_PLAN = f"""{UPLOAD_TITLE}

第一章 发展目标

到2025年，全县森林覆盖率达到30%。

表1 江河县“十四五”时期主要指标

类别\t指标\t单位\t2020年\t2025年\t属性
经济发展\t地区生产总值增长率\t%\t3.6\t6左右\t预期性
生态环境\t森林覆盖率\t%\t28\t30\t约束性
生态环境\t空气质量优良天数比率\t%\t80\t85\t约束性

第二章 重点任务

一、推进产业转型

坚持把发展经济的着力点放在实体经济上，推动产业转型升级。
"""


def ingest(session, path: Path, key: str, overrides: dict | None = None):
    source = read_plan_file(path)
    doc = analyse(source)
    return store_plan(session, plan_document(doc), source.text, text_units(doc), key, overrides)


@pytest.fixture
def web_store(session_factory, tmp_path):
    with session_factory() as s:
        ingest(s, FIXTURES / "qinghe-county-14th-fyp.txt", QINGHE)
        ingest(s, FIXTURES / "jiangzhou-ecology-14th-plan.txt", JIANGZHOU, {"region": "运城市"})
        link_plans(s, QINGHE, JIANGZHOU)
        s.commit()
    for name, text in (("first.csv", OBSERVATIONS), ("correction.csv", CORRECTION)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        import_file(session_factory, path)
    MEMO.clear()
    return session_factory


@pytest.fixture
def client(web_store):
    """An administrator's client (a bearer token): the page tests are about pages, not access,
    which tests/web/test_access.py covers."""
    with TestClient(create_app(web_store), headers=admin_headers(web_store)) as c:
        yield c


def forest_id(client) -> int:
    body = client.get(f"/plans/{JIANGZHOU}?format=json").json()
    return next(i["id"] for i in body["indicators"] if i["name"] == "森林覆盖率")
