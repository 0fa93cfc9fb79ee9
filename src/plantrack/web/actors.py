"""Who is asking: the Actor the accounts layer put on the request (request.state.actor), with the
client's address for the audit trail; the anonymous public when nobody is logged in.

Views and API routes read the actor here and pass it down to services explicitly.
"""

from __future__ import annotations

from fastapi import Request

from ..domain.actor import PUBLIC, Actor


def request_actor(request: Request) -> Actor:
    actor: Actor = getattr(request.state, "actor", None) or PUBLIC
    if actor.address is None and request.client is not None:
        actor = actor.at(request.client.host)
    return actor
