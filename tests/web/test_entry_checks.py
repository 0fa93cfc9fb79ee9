"""数据填报's single-entry form under the plausibility checks: a value without a source is refused
unless the 暂无来源 box is ticked; a jump from the stored value waits for a reason, then is kept
with it."""

from __future__ import annotations

from sqlalchemy import select

from plantrack.store.models import Observation


def form(**kw) -> dict:
    return {"region": "运城市", "indicator": "森林覆盖率", "unit": "%", "year": "2023", "value": "43.6", **kw}


def save(client, checked: dict):
    return client.post("/observations/save?format=json",
                       data={"file_name": checked["file"], "content": checked["content"], "sha256": checked["sha256"]})


def test_no_source_is_refused_unless_the_box_says_so(client, web_store):
    refused = client.post("/observations/form?format=json", data=form())
    assert refused.status_code == 422 and "暂无来源" in refused.json()["errors"][0]["reason"]
    checked = client.post("/observations/form?format=json", data=form(no_source="1")).json()
    assert checked["stage"] == "checked" and "no_source" in checked["rows"][0]["flags"]
    assert save(client, checked).json()["stage"] == "saved"
    with web_store() as s:
        o = s.scalars(select(Observation).where(Observation.year == 2023)).one()
        assert o.source_title == "暂无来源" and "no_source" in o.flags


def test_a_jump_needs_a_reason_in_the_form(client, web_store):
    jump = form(value="4.36", source_title="2023年运城市统计公报")  # 43.4 stored for 2022: a slipped decimal point
    refused = client.post("/observations/form?format=json", data=jump)
    assert refused.status_code == 422 and "需确认" in refused.json()["errors"][0]["reason"]
    checked = client.post("/observations/form?format=json", data={**jump, "confirm_reason": "林地口径调整，经核实"}).json()
    assert checked["stage"] == "checked"
    assert save(client, checked).json()["stage"] == "saved"
    with web_store() as s:
        o = s.scalars(select(Observation).where(Observation.year == 2023)).one()
        assert o.extra["confirmation"]["reason"] == "林地口径调整，经核实" and "confirmed" in o.flags
