"""The JSON twin of a page, serialised by orjson (issue 12, many users at once).

A plan page's twin is some 6,000 values; fastapi.encoders.jsonable_encoder walked them one Python
call at a time and then json.dumps wrote them again: about 15 ms of a 35 ms page. orjson writes the
same dict in C, in one pass. The answer is the same JSON (tests/web/test_json_response.py compares
the two on real pages): datetimes and dates as ISO 8601 strings, dataclasses and enums by value,
non-string keys as strings, non-ASCII characters as themselves. Whatever orjson does not know (a
set, a Decimal, a Path) goes through jsonable_encoder as before, and a value orjson refuses as a
whole (an integer beyond 64 bits) falls back to the old encoder, so no page can fail here that did
not fail before. A NaN, which json.dumps refused with a 500, is written as null.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

OPTIONS = orjson.OPT_NON_STR_KEYS


def _fallback(value: Any) -> Any:
    encoded = jsonable_encoder(value)
    if encoded is value:
        raise TypeError(f"不能写成 JSON 的值：{type(value).__name__}")
    return encoded


def dumps(data: Any) -> bytes:
    """data as UTF-8 JSON bytes, the same JSON jsonable_encoder and json.dumps would write."""
    try:
        return orjson.dumps(data, default=_fallback, option=OPTIONS)
    except orjson.JSONEncodeError:
        return JSONResponse(jsonable_encoder(data)).body


class JSONTwin(JSONResponse):
    """A JSONResponse whose body orjson writes (render.render's ?format=json answers)."""

    def render(self, content: Any) -> bytes:
        return dumps(content)
