"""What the routers share: a database session per request, and page/per_page paging.

The session factory lives on app.state so one app serves one store, and tests can hand their own
store to create_app without touching globals.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request
from sqlalchemy.orm import Session

MAX_PER_PAGE = 200
# Pages beyond this are refused with a 422: an offset of 2**63 or more made the database driver
# fail (a 500). Every listing's per_page times MAX_PAGE stays far inside 64 bits.
MAX_PAGE = 100_000


def get_session(request: Request) -> Iterator[Session]:
    """A session for one request; the API only reads, so it is closed without committing."""
    with request.app.state.session_factory() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


@dataclass
class Paging:
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def paging(
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, title="页码", description=f"从 1 开始的页码，不超过 {MAX_PAGE}")] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE, title="每页条数", description=f"每页条数，1–{MAX_PER_PAGE}")] = 20,
) -> Paging:
    return Paging(page, per_page)


PagingDep = Annotated[Paging, Depends(paging)]


def reject_nul(request: Request) -> None:
    """Refuse a NUL character in any path or query parameter before it reaches the database:
    PostgreSQL cannot hold one in text and would fail the query, which is the client's mistake."""
    from .errors import ApiError

    params = [*request.path_params.items(), *request.query_params.multi_items()]
    for name, value in params:
        if isinstance(value, str) and "\x00" in value:
            raise ApiError(422, "invalid_parameter", f"参数“{name}”含有不允许的空字符（NUL）。")
