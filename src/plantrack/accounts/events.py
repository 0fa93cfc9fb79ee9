"""Account events for the audit trail: sign-in attempts and changes of users.

The audit trail (plantrack.audit, built at the same time on the `audit` branch) records them with
record_login and record_user_change. Until that module is present these calls do nothing, so
accounts work on their own; once the branches are merged the import resolves and every sign-in,
failed sign-in and user change is recorded in the caller's transaction. Never a password or hash.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..domain.actor import Actor
from ..store.models import User

try:  # the audit branch's module; absent until merge
    from .. import audit as _audit
except ImportError:  # pragma: no cover - depends on what is merged
    _audit = None


def user_fields(user: User) -> dict:
    """What a user change records: who they are and what they may do, never the password."""
    return {"login": user.login, "display_name": user.display_name, "role": user.role, "region_code": user.region_code,
            "unit": user.unit_name, "disabled": user.disabled}


def login_attempted(session: Session, login: str, user: User | None, address: str | None, reason: str | None = None) -> None:
    """A sign-in: user is who signed in, or None when it was refused (reason says why)."""
    if _audit is None:
        return
    _audit.record_login(session, login, user is not None, address=address,
                        user_id=user.id if user else None, role=user.role if user else None, reason=reason)


def user_changed(session: Session, actor: Actor, user: User, before: dict | None, note: str | None = None) -> None:
    """A user created (before None) or changed; after is the user as it is now."""
    if _audit is None:
        return
    _audit.record_user_change(session, actor, user.login, before, user_fields(user), note)
