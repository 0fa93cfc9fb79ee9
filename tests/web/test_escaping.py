"""Plan text is data, never markup: a plan whose heading and indicator name carry a script renders
it as text on every page that shows them.

The text carries the script twice: as raw tags (the cleaner strips tags from what it extracts,
but the source view shows the raw line) and as entities (&lt;script&gt;, which the cleaner
unescapes, so the heading title and the indicator name hold a literal <script> tag). The test
first checks that the stored plan really holds the tag, so it cannot pass by accident.
"""

from __future__ import annotations

from plantrack.ingest.pipeline import analyse, plan_document, text_units
from plantrack.ingest.read import decode_plan_bytes
from plantrack.store.repository import store_plan

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
PLAN_TEXT = """测试县国民经济和社会发展第十四个五年规划纲要

第一章 总体要求&lt;script&gt;alert(1)&lt;/script&gt;

第一节 主要目标<script>alert(1)</script>

到2025年，森林覆盖率达到30%。

表1 测试县“十四五”主要指标

类别\t指标\t单位\t2020年\t2025年\t属性
生态环境\t森林覆盖率&lt;script&gt;alert(1)&lt;/script&gt;\t%\t25\t30\t约束性
生态环境\t空气质量优良天数比率\t%\t80\t85\t约束性

第二章 重点任务

一、加强生态保护

加强生态保护，&lt;img src=x onerror=alert(3)&gt;提高森林覆盖率。
"""
KEY = "xss-county"


def test_script_in_a_plan_is_rendered_as_text(client, web_store):
    source = decode_plan_bytes(PLAN_TEXT.encode("utf-8"), "xss.txt")
    doc = analyse(source)
    document = plan_document(doc)
    with web_store() as s:
        store_plan(s, document, source.text, text_units(doc), KEY)
        s.commit()
    heading = document["outline"][0]["title"]
    indicator = next(i for i in document["indicators"] if i["name"].startswith("森林覆盖率"))
    assert SCRIPT in heading and SCRIPT in indicator["name"]  # the danger is real

    plan = client.get(f"/plans/{KEY}?format=json").json()
    ind_id = next(i["id"] for i in plan["indicators"] if i["name"].startswith("森林覆盖率"))
    pages = [
        f"/plans/{KEY}",
        f"/plans/{KEY}/source?line=3",
        f"/plans/{KEY}/indicators/{ind_id}",
        "/search?q=alert",
        "/search?q=onerror",
        "/plans",
        "/",
        "/observations/new",
        "/plans/new",
    ]
    for url in pages:
        resp = client.get(url)
        assert resp.status_code == 200, url
        html = resp.text
        assert SCRIPT not in html, url
        assert "<img src=x" not in html, url
    assert ESCAPED in client.get(f"/plans/{KEY}").text  # heading (outline) and indicator table
    assert ESCAPED in client.get(f"/plans/{KEY}/indicators/{ind_id}").text
    assert ESCAPED in client.get(f"/plans/{KEY}/source?line=3").text
    assert "&lt;img src=x <mark>onerror</mark>=alert(3)&gt;" in client.get("/search?q=onerror").text
    # the chart's data island is JSON inside <script>: Jinja's tojson escapes < and >
    chart_page = client.get(f"/plans/{KEY}/indicators/{ind_id}").text
    assert "\\u003cscript\\u003e" in chart_page


def test_a_tag_in_the_query_is_shown_as_text(client):
    html = client.get("/search", params={"q": '"><script>alert(1)</script>'}).text
    assert SCRIPT not in html
    assert "&lt;script&gt;" in html
