"""Who is acting: the one value every write, every audit event and every access decision names.

Accounts (User, ApiToken) live in the store; what the rest of the code needs of them is this small
value, so services, audit and the policy module never import the web layer or the store to know
who did something. The web and API layers put one on every request as ``request.state.actor``
(the anonymous public when nobody is logged in); commands run on the server's own machine act as
LOCAL_OPERATOR, the operator who installed the platform.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

ROLES = ("admin", "planning", "unit", "evaluator")
"""系统管理员, 规划管理 (a planning office), 牵头单位 (a lead unit), 评估人员 (an evaluator)."""

PUBLIC_ROLE = "public"


@dataclass(frozen=True)
class Actor:
    name: str
    role: str
    user_id: int | None = None
    region_code: str | None = None  # a planning office's or lead unit's region (GB/T 2260)
    unit: str | None = None  # a lead unit's unit name
    address: str | None = None  # the client's address, for the audit trail

    @property
    def is_public(self) -> bool:
        return self.role == PUBLIC_ROLE

    def at(self, address: str | None) -> "Actor":
        """The same actor, acting from address."""
        return replace(self, address=address)


PUBLIC = Actor(name="公众", role=PUBLIC_ROLE)
LOCAL_OPERATOR = Actor(name="本机管理员", role="admin", address="local")
