"""Times in API answers always carry their zone.

The store writes every timestamp in UTC, but SQLite hands it back without a zone, so an answer
would show "2026-12-03T11:19:12" — not an RFC 3339 date-time as the OpenAPI document promises, and
ambiguous to a client in UTC+8. UtcDatetime reads a naive stored time as the UTC it was written in.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Annotated

from pydantic import AfterValidator


def _as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value


UtcDatetime = Annotated[datetime, AfterValidator(_as_utc)]
