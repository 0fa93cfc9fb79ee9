"""登录、退出、修改密码 in the browser's way: a form, a session cookie, and the pages it opens."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from plantrack.api import create_app

from ..userfixtures import PASSWORD, add_user, bearer


@pytest.fixture
def app(web_store):
    add_user(web_store, "yc", "planning", region="140800")
    return create_app(web_store)


def form_token(client, path: str = "/login") -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text).group(1)


def sign_in(client, login: str = "yc", password: str = PASSWORD, next_url: str = "/"):
    return client.post("/login", data={"login": login, "password": password, "next": next_url,
                                       "csrf_token": form_token(client)}, follow_redirects=False)


def test_the_login_page_is_chinese_and_signing_in_sets_a_safe_cookie(app):
    client = TestClient(app)
    page = client.get("/login?next=/observations/new")
    assert page.status_code == 200 and "<h1 id=\"login-h\">登录</h1>" in page.text
    assert 'name="next" value="/observations/new"' in page.text
    resp = sign_in(client, next_url="/observations/new")
    assert resp.status_code == 303 and resp.headers["location"] == "/observations/new"
    cookie = resp.headers["set-cookie"]
    assert "plantrack_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain http here; https gets Secure (next test)
    page = client.get("/observations/new")
    assert page.status_code == 200 and "yc（规划管理）" in page.text and 'action="/logout"' in page.text


def test_the_cookie_is_secure_over_https(app):
    client = TestClient(app, base_url="https://testserver")
    resp = sign_in(client)
    assert "Secure" in resp.headers["set-cookie"]


def test_a_wrong_password_shows_the_form_again_and_an_offsite_next_is_ignored(app):
    client = TestClient(app)
    resp = sign_in(client, password="wrong-password")
    assert resp.status_code == 401 and "帐号或密码不正确" in resp.text and 'value="yc"' in resp.text
    assert "plantrack_session" not in client.cookies
    resp = sign_in(client, next_url="//evil.example/x")
    assert resp.headers["location"] == "/"


def test_logout_ends_the_session_on_the_server(app):
    client = TestClient(app)
    sign_in(client)
    cookie = client.cookies["plantrack_session"]
    token = form_token(client, "/observations/new")
    resp = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert resp.status_code == 303
    replay = TestClient(app, cookies={"plantrack_session": cookie})  # a copy of the old cookie
    assert replay.get("/observations/new").status_code == 401


def test_a_disabled_users_session_stops_at_once(app, web_store):
    from plantrack.accounts.service import disable_user

    client = TestClient(app)
    sign_in(client)
    assert client.get("/observations/new").status_code == 200
    with web_store.begin() as s:
        disable_user(s, "yc")
    assert client.get("/observations/new").status_code == 401
    assert sign_in(client).status_code == 401


def test_a_bearer_token_acts_as_its_user_on_pages_and_a_dead_one_is_refused(app, web_store):
    from plantrack.accounts.service import revoke_token
    from plantrack.store.models import ApiToken

    headers = bearer(web_store, "yc")
    assert TestClient(app, headers=headers).get("/observations/new").status_code == 200
    with web_store.begin() as s:
        revoke_token(s, s.query(ApiToken).one().id)
    resp = TestClient(app, headers=headers).get("/plans")
    assert resp.status_code == 401 and resp.json()["error"]["code"] == "invalid_token"
    assert resp.headers["www-authenticate"] == "Bearer"
    assert TestClient(app, headers={"Authorization": "Bearer nonsense"}).get("/api/plans").status_code == 401


def test_an_expired_token_is_refused(app, web_store):
    from datetime import timedelta

    from plantrack.accounts.service import utcnow
    from plantrack.store.models import ApiToken

    headers = bearer(web_store, "yc", days=1)
    with web_store.begin() as s:
        s.query(ApiToken).one().expires_at = utcnow() - timedelta(minutes=1)
    assert TestClient(app, headers=headers).get("/observations/new").status_code == 401


def test_changing_the_password(app):
    client = TestClient(app)
    sign_in(client)
    token = form_token(client, "/account/password")
    resp = client.post("/account/password", data={"old": PASSWORD, "new": "new-pass-22", "again": "new-pass-2",
                                                   "csrf_token": token})
    assert resp.status_code == 422 and "两次输入的新密码不一致" in resp.text
    resp = client.post("/account/password", data={"old": PASSWORD, "new": "new-pass-22", "again": "new-pass-22",
                                                   "csrf_token": token})
    assert resp.status_code == 200 and "密码已修改" in resp.text
    assert client.get("/observations/new").status_code == 200  # this session stays
    other = TestClient(app)
    assert sign_in(other, password=PASSWORD).status_code == 401
    assert sign_in(other, password="new-pass-22").status_code == 303


def test_the_json_twin_names_who_is_signed_in_but_never_a_password(app):
    client = TestClient(app)
    sign_in(client)
    body = client.get("/account/password?format=json").json()
    assert body["account"] == {"login": "yc", "role": "planning", "role_label": "规划管理", "region_code": "140800", "unit": None}
    assert "password" not in str(body).lower().replace("password.html", "")


def test_an_address_that_keeps_failing_is_slowed_down_across_accounts(app):
    from plantrack.accounts.throttle import FailureWindow

    app.state.login_throttle = FailureWindow(limit=3)
    client = TestClient(app)
    for login in ("a", "b", "c"):
        assert sign_in(client, login=login, password="guess-1234").status_code == 401
    resp = sign_in(client)  # even the right password, for now
    assert resp.status_code == 429 and "登录失败次数过多" in resp.text
    assert "plantrack_session" not in client.cookies
