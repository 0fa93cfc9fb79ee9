"""Accounts for tests: users made the way `plantrack users add` makes them, and their credentials.

Tests need no set-up beyond this: each store gets the users a test asks for, with a known password
for sign-in tests and a bearer token for clients that only need to act as someone.
"""

from __future__ import annotations

from plantrack.accounts.service import create_token, create_user

PASSWORD = "correct-horse-1"


def add_user(factory, login: str, role: str, region: str | None = None, unit: str | None = None,
             password: str = PASSWORD) -> int:
    with factory.begin() as session:
        user, _ = create_user(session, login, role, password, region=region, unit=unit)
        return user.id


def bearer(factory, login: str, days: int | None = 30) -> dict[str, str]:
    """Headers acting as login through a fresh API token."""
    with factory.begin() as session:
        token, _ = create_token(session, login, "tests", days)
    return {"Authorization": f"Bearer {token}"}


def admin_headers(factory, login: str = "admin") -> dict[str, str]:
    add_user(factory, login, "admin")
    return bearer(factory, login)
