"""The range of stored row ids, so a number from a URL is checked before it reaches the database.

Ids are INTEGER columns: 32 bits on PostgreSQL, 64 on SQLite. A larger number in a URL made the
driver fail (an overflow, answered with a 500); outside this range there is no such row.
"""

from __future__ import annotations

MAX_ROW_ID = 2**31 - 1


def possible_row_id(n: int) -> bool:
    """True when n can be the id of a stored row on both engines."""
    return 0 < n <= MAX_ROW_ID
