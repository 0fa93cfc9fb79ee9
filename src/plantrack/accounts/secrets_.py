"""Passwords and random tokens, through libraries only.

Passwords are hashed with argon2 through pwdlib (its recommended parameters); tokens (session
cookies, API tokens, CSRF tokens) come from the standard library's secrets module and are stored as
their sha256: a token is already 256 random bits, so a fast hash is enough to make a stolen copy of
the database useless for signing in, while a password needs argon2's slowness.
"""

from __future__ import annotations

import hashlib
import secrets

from pwdlib import PasswordHash

_HASHER = PasswordHash.recommended()

MIN_PASSWORD_LENGTH = 8


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(password: str, password_hash: str) -> bool:
    try:
        return _HASHER.verify(password, password_hash)
    except Exception:  # a damaged or foreign hash never signs anyone in
        return False


def new_token() -> str:
    """A random URL-safe token of 256 bits."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_password() -> str:
    """A one-time password to print once (16 URL-safe characters, ~96 bits)."""
    return secrets.token_urlsafe(12)
