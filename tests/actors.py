"""Requests made as someone: a real account (tests/userfixtures.py) whose bearer token a test
middleware puts on every request that carries none, so the accounts layer (web/auth.py) resolves
it as it resolves any client's token.

The page and API tests that read everything act as STAFF; tests of what the public sees use the app
as it is, where nobody is signed in. Tests of signing in, sessions and CSRF use the real pages
(tests/web/test_account.py, test_csrf.py): a bearer request is exempt from CSRF by design.
"""

from __future__ import annotations

from plantrack.domain.actor import Actor

from .userfixtures import add_user, bearer

STAFF = Actor(name="测试管理员", role="admin")
PLANNER = Actor(name="规划处张三", role="planning", region_code="140000")


def acting_as(app, actor: Actor):
    """app, with every request that names no one made as actor's account (created on first use)."""
    factory = app.state.session_factory
    from plantrack.accounts.service import find_user

    with factory() as session:
        exists = find_user(session, actor.name) is not None
    if not exists:
        add_user(factory, actor.name, actor.role, region=actor.region_code, unit=actor.unit)
    header = bearer(factory, actor.name)["Authorization"].encode()

    @app.middleware("http")
    async def _as_actor(request, call_next):
        if not any(name == b"authorization" for name, _ in request.scope["headers"]):
            request.scope["headers"] = [*request.scope["headers"], (b"authorization", header)]
        return await call_next(request)

    return app
