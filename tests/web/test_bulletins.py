"""数据采集: a bulletin's proposals shown without storing, the chosen ones imported with their line as
source, a refused choice storing nothing, the region checked against the actor's scope, and the
indicator page showing a unit's value and the bulletin's side by side when they differ."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from plantrack.api import create_app
from plantrack.store.models import Observation

from ..userfixtures import add_user, bearer
from .conftest import JIANGZHOU, forest_id

BULLETIN = ("运城市2022年国民经济和社会发展统计公报\n"
            "一、综合\n"
            "初步核算，全年全市地区生产总值3236.5亿元，比上年增长5.3%。年末全市森林覆盖率达到43.0%。\n")


def count(factory) -> int:
    with factory() as s:
        return s.scalar(select(func.count()).select_from(Observation))


def check(client, text: str = BULLETIN, **form):
    return client.post("/bulletins/check?format=json", data=form,
                       files={"file": ("yuncheng-2022.txt", text.encode("utf-8"), "text/plain")})


def test_the_page_and_its_json_twin(client, web_store):
    assert client.get("/bulletins").status_code == 200
    assert client.get("/bulletins?format=json").json()["stage"] == "new"


def test_proposals_are_shown_and_nothing_is_stored(client, web_store):
    before = count(web_store)
    body = check(client).json()
    assert (body["stage"], body["region"], body["year"]) == ("review", "运城市", 2022)
    got = {p["concept"]: (p["value"], p["line"]) for p in body["proposals"]}
    assert got == {"gdp": (3236.5, 3), "gdp_growth": (5.3, 3), "forest_coverage": (43.0, 3)}
    forest = next(p for p in body["proposals"] if p["concept"] == "forest_coverage")
    assert forest["stored"]["value"] == 43.4  # the unit's corrected 2022 value, shown for comparison
    assert count(web_store) == before


def test_chosen_values_are_imported_and_the_indicator_shows_both_sides(client, web_store):
    body = check(client).json()
    ids = {p["concept"]: p["id"] for p in body["proposals"]}
    form = {"file_name": body["file"], "sha256": body["sha256"], "content": body["content"], "region": "", "year": "",
            f"choice-{ids['forest_coverage']}": "accept", f"choice-{ids['gdp']}": "correct",
            f"value-{ids['gdp']}": "3236.6", f"choice-{ids['gdp_growth']}": "reject"}
    done = client.post("/bulletins/import?format=json", data=form).json()
    assert done["stage"] == "imported" and sorted(p["concept"] for p in done["accepted"]) == ["forest_coverage", "gdp"]
    assert done["rejected"] == [ids["gdp_growth"]] and done["corrected"] == {ids["gdp"]: 3236.6}
    page = client.get(f"/plans/{JIANGZHOU}/indicators/{forest_id(client)}?year=2022&format=json").json()
    current = next(o for o in page["observations"] if o["year"] == 2022)
    assert current["value"] == 43.0 and current["source_title"] == "运城市2022年国民经济和社会发展统计公报（第 3 行）"
    assert "43.0%" in current["quote"]
    [warning] = page["official_check"]
    assert (warning["year"], warning["official"]["value"], warning["reported"]["value"]) == (2022, 43.0, 43.4)
    html = client.get(f"/plans/{JIANGZHOU}/indicators/{forest_id(client)}?year=2022").text
    assert "填报值与统计公报不一致" in html


def test_an_implausible_correction_stores_nothing(client, web_store):
    before = count(web_store)
    body = check(client).json()
    fid = next(p["id"] for p in body["proposals"] if p["concept"] == "forest_coverage")
    form = {"file_name": body["file"], "sha256": body["sha256"], "content": body["content"],
            **{f"choice-{p['id']}": "accept" for p in body["proposals"]}, f"choice-{fid}": "correct", f"value-{fid}": "430"}
    refused = client.post("/bulletins/import?format=json", data=form)
    assert refused.status_code == 422 and any(f"建议值 {fid}" in e and "0—100" in e for e in refused.json()["errors"])
    assert count(web_store) == before


def test_a_bulletin_without_region_or_year_asks_for_them(client, web_store):
    refused = check(client, "全年全市地区生产总值3236.5亿元。\n")
    assert refused.status_code == 400 and "地区" in refused.json()["errors"][0]
    assert check(client, "全年全市地区生产总值3236.5亿元。\n", region="运城市", year="2022").json()["stage"] == "review"


def test_a_unit_of_another_region_is_refused(web_store):
    add_user(web_store, "taiyuan-unit", "unit", region="140100", unit="太原市统计局")
    unit = TestClient(create_app(web_store), headers=bearer(web_store, "taiyuan-unit"))
    assert check(unit).status_code == 403


def test_a_signed_in_post_without_the_csrf_token_is_refused_and_stores_nothing(web_store):
    from .test_account import form_token, sign_in
    from plantrack.web.upload import packed

    add_user(web_store, "yc", "planning", region="140800")
    browser = TestClient(create_app(web_store))
    sign_in(browser)
    before = count(web_store)
    form = {"file_name": "yuncheng-2022.txt", **packed(BULLETIN.encode("utf-8")), "choice-1": "accept"}
    assert browser.post("/bulletins/import", data=form).status_code == 403
    assert count(web_store) == before
    ok = browser.post("/bulletins/import", data={**form, "csrf_token": form_token(browser, "/bulletins")})
    assert ok.status_code == 200 and count(web_store) == before + 1
