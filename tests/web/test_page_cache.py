"""Whole GET responses are kept by credential, actor and data version (web/page_cache.py): a
repeated read is answered without running the page again, and any write makes the next read
fresh; one person's page is never another's."""

from __future__ import annotations

from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from plantrack import audit
from plantrack.api import create_app
from plantrack.domain.actor import LOCAL_OPERATOR
from plantrack.web.page_cache import PageCacheMiddleware

from .conftest import FIXTURES, ingest, web_store  # noqa: F401
from ..userfixtures import admin_headers


def counting_app(factory, calls: list[str], cookie: bool = False, status: int = 200):
    def page(request):
        calls.append(request.url.path)
        response = PlainTextResponse(f"第 {len(calls)} 次", status_code=status)
        if cookie:
            response.set_cookie("c", "v")
        return response

    app = Starlette(routes=[Route("/page", page)], middleware=[Middleware(PageCacheMiddleware)])
    app.state.session_factory = factory
    return app


def test_a_repeated_read_is_answered_from_the_cache_until_a_write(web_store):  # noqa: F811
    calls: list[str] = []
    client = TestClient(counting_app(web_store, calls))
    first = client.get("/page").text
    assert client.get("/page").text == first and len(calls) == 1
    with web_store.begin() as session:
        audit.record(session, LOCAL_OPERATOR, "plan.link", "plan", "x")
    assert client.get("/page").text != first and len(calls) == 2


def test_each_credential_has_its_own_pages(web_store):  # noqa: F811
    calls: list[str] = []
    client = TestClient(counting_app(web_store, calls))
    client.get("/page", headers={"Authorization": "Bearer a"})
    client.get("/page", headers={"Authorization": "Bearer b"})
    client.get("/page", headers={"Cookie": "plantrack_session=s"})
    assert len(calls) == 3


def test_answers_that_set_cookies_or_fail_are_not_kept(web_store, monkeypatch):  # noqa: F811
    for kwargs in ({"cookie": True}, {"status": 404}):
        calls: list[str] = []
        client = TestClient(counting_app(web_store, calls, **kwargs))
        client.get("/page")
        client.get("/page")
        assert len(calls) == 2
    monkeypatch.setenv("PLANTRACK_PAGE_CACHE_MB", "0")
    calls = []
    client = TestClient(counting_app(web_store, calls))
    client.get("/page")
    client.get("/page")
    assert len(calls) == 2


def test_a_plan_stored_behind_the_servers_back_is_listed_at_once(web_store):  # noqa: F811
    with TestClient(create_app(web_store), headers=admin_headers(web_store)) as client:
        before = client.get("/api/plans").json()["total"]
        assert client.get("/api/plans").json()["total"] == before
        with web_store() as session:
            ingest(session, FIXTURES / "qinghe-county-14th-fyp.txt", "another-plan")
            session.commit()
        assert client.get("/api/plans").json()["total"] == before + 1
        assert "another-plan" in client.get("/plans").text


def test_simultaneous_readers_of_one_page_wait_for_one_computation(web_store):  # noqa: F811
    import asyncio

    import httpx

    calls: list[str] = []

    async def slow_page(request):
        calls.append(request.url.path)
        for _ in range(20):  # let the other requests reach the cache while this one computes
            await asyncio.sleep(0)
        return PlainTextResponse("页")

    app = Starlette(routes=[Route("/page", slow_page)], middleware=[Middleware(PageCacheMiddleware)])
    app.state.session_factory = web_store

    async def five_at_once():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            return await asyncio.gather(*(client.get("/page") for _ in range(5)))

    answers = asyncio.run(five_at_once())
    assert [a.text for a in answers] == ["页"] * 5 and len(calls) == 1


def test_a_write_from_the_cli_in_another_process_is_seen_by_the_next_request(web_store):  # noqa: F811
    """The version is read from the store on every request, not kept by time: a `plantrack ingest`
    run in another process shows in the very next page and API answer of a running server."""
    import os
    import subprocess
    import sys

    with TestClient(create_app(web_store), headers=admin_headers(web_store)) as client:
        before = client.get("/api/plans").json()["total"]
        assert "cli-plan" not in client.get("/plans").text
        done = subprocess.run([sys.executable, "-m", "plantrack.cli", "ingest", str(FIXTURES / "qinghe-county-14th-fyp.txt"),
                               "--key", "cli-plan", "--duplicate"], env=os.environ.copy(), capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert client.get("/api/plans").json()["total"] == before + 1
        assert "cli-plan" in client.get("/plans").text


def test_a_revoked_token_is_refused_on_the_next_request_though_its_page_was_kept(web_store):  # noqa: F811
    from plantrack.accounts.service import revoke_token
    from plantrack.store.models import ApiToken

    headers = admin_headers(web_store)
    with TestClient(create_app(web_store), headers=headers) as client:
        assert client.get("/plans").status_code == 200
        assert client.get("/plans").status_code == 200  # kept: the page and who the token is
        with web_store.begin() as s:
            revoke_token(s, s.query(ApiToken).one().id)
        assert client.get("/plans").status_code == 401


def test_a_sign_in_keeps_the_cached_pages(web_store):  # noqa: F811
    """Sign-ins are audited but change no page: with many users signing in, counting them would
    empty every worker's cache at each one (store/version.SILENT_PREFIX). Any other event still
    makes the next read fresh."""
    calls: list[str] = []
    client = TestClient(counting_app(web_store, calls))
    first = client.get("/page").text
    with web_store.begin() as session:
        audit.record_login(session, "someone", success=True, user_id=None)
        audit.record_login(session, "someone", success=False)
    assert client.get("/page").text == first and len(calls) == 1
    with web_store.begin() as session:
        audit.record(session, LOCAL_OPERATOR, "plan.link", "plan", "x")
    assert client.get("/page").text != first and len(calls) == 2


def test_the_audit_trail_is_never_kept(web_store):  # noqa: F811
    """The trail lists the sign-ins the data version leaves out, so it is computed on every read."""
    headers = admin_headers(web_store)
    with TestClient(create_app(web_store), headers=headers) as client:
        assert "失败登录" not in client.get("/audit").text
        with web_store.begin() as session:
            audit.record_login(session, "失败登录", success=False)
        assert "失败登录" in client.get("/audit").text
