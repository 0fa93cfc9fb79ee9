"""Account events for the audit trail: sign-in attempts and changes of users.

The audit trail (plantrack.audit) records them with record_login and record_user_change, in the
caller's transaction: every sign-in, failed sign-in and user change. Never a password or hash.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..domain.actor import Actor
from ..store.models import User

from .. import audit as _audit


def user_fields(user: User) -> dict:
    """What a user change records: who they are and what they may do, never the password."""
    return {"login": user.login, "display_name": user.display_name, "role": user.role, "region_code": user.region_code,
            "unit": user.unit_name, "disabled": user.disabled}


def login_attempted(session: Session, login: str, user: User | None, address: str | None, reason: str | None = None) -> None:
    """A sign-in: user is who signed in, or None when it was refused (reason says why)."""
    _audit.record_login(session, login, user is not None, address=address,
                        user_id=user.id if user else None, role=user.role if user else None, reason=reason)


def user_changed(session: Session, actor: Actor, user: User, before: dict | None, note: str | None = None) -> None:
    """A user created (before None) or changed; after is the user as it is now."""
    _audit.record_user_change(session, actor, user.login, before, user_fields(user), note)
