"""CSRF: a form post without the session's token, or from another site, is refused and saves
nothing; with the token it goes through; a bearer-token client needs none."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from plantrack.api import create_app
from plantrack.store.models import Observation
from plantrack.web.upload import packed

from ..userfixtures import add_user, bearer
from .conftest import HEADER
from .test_account import form_token, sign_in

ROW = HEADER + "运城市,森林覆盖率,%,2021,99.9,https://evil.example/x,伪造,99.9%\n"


@pytest.fixture
def browser(web_store):
    add_user(web_store, "yc", "planning", region="140800")
    client = TestClient(create_app(web_store))
    sign_in(client)
    return client


def observations(factory) -> int:
    with factory() as s:
        return s.scalar(select(func.count()).select_from(Observation))


def save_form(token: str | None = None) -> dict:
    data = {"file_name": "x.csv", **packed(ROW.encode())}
    if token is not None:
        data["csrf_token"] = token
    return data


def test_every_post_form_carries_the_token(browser):
    for path in ("/observations/new", "/plans/new", "/account/password", "/login"):
        html = browser.get(path).text
        assert html.count('method="post"') == html.count('name="csrf_token"'), path


def test_every_post_form_in_every_template_carries_the_token():
    from plantrack.web.render import TEMPLATES

    for path in TEMPLATES.glob("*.html"):
        for form in re.findall(r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", path.read_text(encoding="utf-8"), re.S | re.I):
            assert "csrf_field(request)" in form, path.name


def test_a_form_post_without_the_token_is_refused_and_saves_nothing(browser, web_store):
    before = observations(web_store)
    resp = browser.post("/observations/save", data=save_form())
    assert resp.status_code == 403 and "缺少安全令牌" in resp.text
    resp = browser.post("/observations/save", data=save_form("forged-token"))
    assert resp.status_code == 403
    assert observations(web_store) == before
    resp = browser.post("/observations/save", data=save_form(form_token(browser, "/observations/new")))
    assert resp.status_code == 200 and observations(web_store) == before + 1


def test_a_post_from_another_site_is_refused_even_with_a_token(browser, web_store):
    token = form_token(browser, "/observations/new")
    before = observations(web_store)
    resp = browser.post("/observations/save", data=save_form(token), headers={"Origin": "https://evil.example"})
    assert resp.status_code == 403 and "来自其他网站" in resp.text
    resp = browser.post("/observations/save", data=save_form(token), headers={"Referer": "https://evil.example/page"})
    assert resp.status_code == 403
    assert observations(web_store) == before
    resp = browser.post("/observations/save", data=save_form(token), headers={"Origin": "http://testserver"})
    assert resp.status_code == 200


def test_the_token_may_come_as_a_header(browser):
    token = form_token(browser, "/observations/new")
    resp = browser.post("/observations/form", data={"region": "运城市"}, headers={"X-CSRF-Token": token})
    assert resp.status_code == 422  # checked (and incomplete), not refused


def test_the_token_belongs_to_the_session(browser, web_store):
    old = form_token(browser, "/observations/new")
    browser.post("/logout", data={"csrf_token": old})
    sign_in(browser)
    assert browser.post("/observations/save", data=save_form(old)).status_code == 403


def test_the_sign_in_form_itself_needs_its_token(web_store):
    add_user(web_store, "yc", "planning", region="140800")
    client = TestClient(create_app(web_store))
    resp = client.post("/login", data={"login": "yc", "password": "correct-horse-1"}, follow_redirects=False)
    assert resp.status_code == 403
    cookie = client.get("/login").headers["set-cookie"]
    assert "plantrack_csrf=" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_bearer_clients_need_no_token(web_store):
    add_user(web_store, "yc", "planning", region="140800")
    client = TestClient(create_app(web_store), headers=bearer(web_store, "yc"))
    assert client.post("/observations/save", data=save_form()).status_code == 200
