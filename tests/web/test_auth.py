"""Who may do what, checked on the running application: every route × every role.

The walk enumerates the application's routes (web/auth.endpoints), so a route added without a
declared action fails here, and so does one whose action the policy table does not know. Each
role asks each route with a request a real client would send (for the writes: a valid file, so a
refusal cannot hide behind a bad request); the answer must be the policy's (allowed, 401 for the
public, 403 for a signed-in role without the right), and a refused write must change nothing.
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from plantrack.api import create_app
from plantrack.domain.actor import PUBLIC, Actor
from plantrack.policy import POLICY, WRITE_ACTIONS, permission_allowed
from plantrack.store.models import Observation, ObservationImport, Plan, PlanVersion
from plantrack.web.auth import endpoints
from plantrack.web.upload import packed

from ..userfixtures import PASSWORD, add_user, bearer
from .conftest import HEADER, JIANGZHOU, UPLOAD_PLAN

YUNCHENG, TAIYUAN, SHANXI = "140800", "140100", "140000"
ROLES = {
    "public": None,
    "unit": ("unit", YUNCHENG),  # the walk writes 运城市 data; other regions: the tests below
    "evaluator": ("evaluator", None),
    "planning": ("planning", SHANXI),
    "admin": ("admin", None),
}
OBSERVATION = (HEADER + "运城市,森林覆盖率,%,2024,43.9,https://example.org/d,2024年江州统计公报,森林覆盖率43.9%\n").encode()
PLAN_FILE = UPLOAD_PLAN.encode("utf-8")
BULLETIN = "运城市2024年国民经济和社会发展统计公报\n年末全市森林覆盖率达到43.9%。\n".encode("utf-8")


def counts(factory) -> dict[str, int]:
    with factory() as s:
        return {m.__name__: s.scalar(select(func.count()).select_from(m)) for m in (Plan, PlanVersion, Observation, ObservationImport)}


def actor_of_role(role: str) -> Actor:
    spec = ROLES[role]
    return PUBLIC if spec is None else Actor(role, spec[0], region_code=spec[1])


@pytest.fixture
def app(web_store):
    return create_app(web_store)


@pytest.fixture
def clients(app, web_store):
    made = {}
    for role, spec in ROLES.items():
        headers = {}
        if spec is not None:
            add_user(web_store, role, spec[0], region=spec[1])
            headers = bearer(web_store, role)
        made[role] = TestClient(app, headers=headers)
    yield made
    for c in made.values():
        c.close()


def csrf_token(client) -> str:
    """The token the sign-in form carries (and sets the cookie it is checked against)."""
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)


def concrete(path: str, forest: int) -> str:
    return (path.replace("{key}", JIANGZHOU).replace("{indicator_id}", str(forest)).replace("{code}", YUNCHENG)
            .replace("{path:path}", "css/site.css").replace("{name}", "swagger-ui.css")
            .replace("{assignment_id}", "1").replace("{unit_id}", "1").replace("{period}", "2026").replace("{evidence_id}", "1"))


# A request each write route would accept: the file a planning office would send.
WRITES = {
    "/observations/check": {"files": {"file": ("obs.csv", OBSERVATION, "text/csv")}},
    "/observations/form": {"data": {"region": "运城市", "indicator": "森林覆盖率", "unit": "%", "year": "2024", "value": "43.9",
                                    "source_title": "2024年江州统计公报"}},
    "/observations/save": {"data": {"file_name": "obs.csv", **packed(OBSERVATION)}},
    "/bulletins/check": {"files": {"file": ("yc.txt", BULLETIN, "text/plain")}},
    "/bulletins/import": {"data": {"file_name": "yc.txt", "choice-1": "accept", **packed(BULLETIN)}},
    "/plans/new/check": {"files": {"file": ("jianghe.txt", PLAN_FILE, "text/plain")}, "data": {"region": "运城市"}},
    "/plans/new/confirm": {"data": {"file_name": "jianghe.txt", "key": "jianghe", "region": "运城市", **packed(PLAN_FILE)}},
    "/login": {"data": {"login": "admin", "password": PASSWORD}, "follow_redirects": False},
    "/logout": {},
    "/account/password": {"data": {"old": "x", "new": "y", "again": "y"}},
    "/reporting/frequency": {"data": {"plan": JIANGZHOU, "frequency": "half"}},
}
QUERY = {"/plans/{key}/report": "?year=2023&kind=midterm&format=html"}


def test_every_route_declares_an_action_the_policy_knows(app):
    seen = list(endpoints(app))
    assert len(seen) > 30
    undeclared = [f"{sorted(m)} {p}" for m, p, actions in seen if not actions]
    assert undeclared == []
    unknown = [(p, a) for _, p, actions in seen for a in actions if a not in POLICY]
    assert unknown == []


def test_every_route_answers_every_role_as_the_policy_says(app, clients, web_store):
    forest = next(i["id"] for i in clients["admin"].get(f"/plans/{JIANGZHOU}?format=json").json()["indicators"]
                  if i["name"] == "森林覆盖率")
    checked = 0
    for methods, path, actions in endpoints(app):
        for method in sorted(methods - {"HEAD"}):
            for role, client in clients.items():
                actor = actor_of_role(role)
                allowed = all(permission_allowed(actor, a) for a in actions)
                before = counts(web_store)
                url = concrete(path, forest) + QUERY.get(path, "")
                request = dict(WRITES.get(path, {})) if method != "GET" else {}
                if role == "public" and method == "POST":  # a browser's form carries its CSRF token
                    request["data"] = {**request.get("data", {}), "csrf_token": csrf_token(client)}
                resp = client.request(method, url, **request)
                client.cookies.clear()  # a sign-in in the walk must not change who asks next
                where = f"{role} {method} {url}: {resp.status_code} {resp.text[:200]}"
                if allowed:
                    assert resp.status_code not in (401, 403), where
                    assert resp.status_code < 500, where
                else:
                    # An unpublished plan does not exist for the public (web/public.py): 404 before 401.
                    hidden = actor.is_public and "{key}" in path
                    assert resp.status_code in ((401, 404) if hidden else (401 if actor.is_public else 403,)), where
                    assert counts(web_store) == before, where
                checked += 1
    assert checked > 150


def test_anonymous_writes_are_refused_and_change_nothing(app, web_store):
    anonymous = TestClient(app)
    writes = [(m, p) for m, p, actions in endpoints(app) if any(a in WRITE_ACTIONS or a == "account.self" for a in actions)
              for m in m if m not in ("GET", "HEAD")]
    assert {p for _, p in writes} >= {"/observations/save", "/plans/new/confirm", "/observations/check", "/plans/new/check"}
    before = counts(web_store)
    for method, path in writes:
        for fmt in ("", "?format=json"):
            resp = anonymous.request(method, path + fmt, **WRITES.get(path, {}))
            assert resp.status_code == 401, (method, path, resp.text)
            assert "请先登录" in resp.text
    for method in ("PUT", "PATCH", "DELETE"):
        for path in ("/observations/save", "/plans/new/confirm", "/api/plans", f"/api/plans/{JIANGZHOU}"):
            assert anonymous.request(method, path).status_code in (401, 404, 405)
    assert counts(web_store) == before


def test_a_refused_page_for_the_public_offers_the_login(app):
    resp = TestClient(app).get("/observations/new")
    assert resp.status_code == 401
    assert 'href="/login?next=/observations/new"' in resp.text
    refused_post = TestClient(app).post("/observations/save")
    assert refused_post.status_code == 401 and 'href="/login?next=/"' in refused_post.text  # not back to a POST-only address
    assert TestClient(app).get("/observations/new?format=json").json()["error"]["code"] == "login_required"


def test_a_lead_unit_cannot_enter_another_regions_data(app, web_store):
    add_user(web_store, "taiyuan-unit", "unit", region=TAIYUAN, unit="太原市统计局")
    unit = TestClient(app, headers=bearer(web_store, "taiyuan-unit"))
    before = counts(web_store)
    for path in ("/observations/check", "/observations/save", "/observations/form"):
        resp = unit.request("POST", path, **WRITES[path])
        assert resp.status_code == 403, (path, resp.text)
        assert "无权填报这些地区的数据" in resp.text and "运城市" in resp.text
    assert counts(web_store) == before
    own = (HEADER + "太原市,森林覆盖率,%,2024,21.5,https://example.org/t,2024年太原统计公报,森林覆盖率21.5%\n").encode()
    assert unit.post("/observations/check", files={"file": ("own.csv", own, "text/csv")}).status_code == 200
    saved = unit.post("/observations/save?format=json", data={"file_name": "own.csv", **packed(own)})
    assert saved.status_code == 200 and saved.json()["stage"] == "saved"
    assert counts(web_store)["Observation"] == before["Observation"] + 1


def test_a_mixed_file_is_refused_whole(app, web_store):
    add_user(web_store, "yc-office", "planning", region=YUNCHENG)
    office = TestClient(app, headers=bearer(web_store, "yc-office"))
    mixed = OBSERVATION + "太原市,森林覆盖率,%,2024,21.5,https://example.org/t,2024年太原统计公报,森林覆盖率21.5%\n".encode()
    before = counts(web_store)
    resp = office.post("/observations/save", data={"file_name": "mixed.csv", **packed(mixed)})
    assert resp.status_code == 403 and "第 3 行（太原市）" in resp.text
    assert counts(web_store) == before
    # the county below its city is in a planning office's scope
    county = (HEADER + "盐湖区,森林覆盖率,%,2024,30.1,https://example.org/y,2024年盐湖统计公报,森林覆盖率30.1%\n").encode()
    assert office.post("/observations/check", files={"file": ("c.csv", county, "text/csv")}).status_code == 200


def test_a_planning_office_stores_plans_of_its_region_and_below_only(app, web_store):
    add_user(web_store, "yc-office", "planning", region=YUNCHENG)
    office = TestClient(app, headers=bearer(web_store, "yc-office"))
    before = counts(web_store)
    form = WRITES["/plans/new/confirm"]["data"]
    resp = office.post("/plans/new/confirm", data={**form, "region": "太原市"})
    assert resp.status_code == 403 and "太原市" in resp.text
    check = WRITES["/plans/new/check"]
    assert office.post("/plans/new/check", files=check["files"], data={"region": "太原市"}).status_code == 403
    assert office.post("/plans/new/check", **check).status_code == 200
    # a new version of a plan filed under another region is refused too
    with web_store.begin() as s:
        s.scalar(select(Plan).where(Plan.key == JIANGZHOU)).region_code = TAIYUAN
    resp = office.post("/plans/new/confirm", data={**form, "key": JIANGZHOU})
    assert resp.status_code == 403
    assert counts(web_store) == before
    resp = office.post("/plans/new/confirm?format=json", data=form)
    assert resp.status_code == 200, resp.text
    assert counts(web_store)["Plan"] == before["Plan"] + 1


def test_an_evaluator_reads_and_exports_but_writes_nothing(app, web_store):
    add_user(web_store, "eval", "evaluator")
    evaluator = TestClient(app, headers=bearer(web_store, "eval"))
    assert evaluator.get(f"/plans/{JIANGZHOU}").status_code == 200
    export = evaluator.get(f"/api/plans/{JIANGZHOU}/export?format=xlsx")
    assert export.status_code == 200 and export.content[:2] == b"PK"
    assert evaluator.get(f"/plans/{JIANGZHOU}/report?year=2023&kind=midterm&format=xlsx").status_code == 200
    before = counts(web_store)
    for path in ("/observations/save", "/plans/new/confirm", "/observations/check"):
        assert evaluator.post(path, **WRITES[path]).status_code == 403
    assert evaluator.get("/observations/new").status_code == 403
    assert counts(web_store) == before
