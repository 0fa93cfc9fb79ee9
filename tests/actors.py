"""Requests made as someone, until the accounts work puts the logged-in user on each request.

acting_as(app, actor) gives every request to app `request.state.actor = actor`, the seam the
accounts middleware fills (domain/actor.py). The page and API tests that existed before
publication read everything, as a logged-in user does: they act as STAFF. Tests of what the public
sees use the app as it is, where nobody is logged in.
"""

from __future__ import annotations

from plantrack.domain.actor import Actor

STAFF = Actor(name="测试管理员", role="admin", user_id=1)
PLANNER = Actor(name="规划处张三", role="planning", user_id=7, region_code="140000")


def acting_as(app, actor: Actor):
    @app.middleware("http")
    async def _as_actor(request, call_next):
        request.state.actor = actor
        return await call_next(request)

    return app
