"""The JSON twins are written by orjson (web/json_response.py) and say exactly what the old
encoder (jsonable_encoder, then json.dumps) said."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal
from enum import Enum
from pathlib import PurePosixPath

from fastapi.encoders import jsonable_encoder
from fastapi.testclient import TestClient
from starlette.responses import JSONResponse

from plantrack.api import create_app
from plantrack.web.json_response import dumps

from .conftest import JIANGZHOU, QINGHE, web_store  # noqa: F401
from ..userfixtures import admin_headers


def old_encoding(data) -> bytes:
    return JSONResponse(jsonable_encoder(data)).body


class Colour(Enum):
    RED = "红"


@dataclass
class Point:
    x: int
    when: date


def test_the_awkward_values_come_out_as_the_old_encoder_wrote_them():
    data = {
        "aware": datetime(2026, 12, 3, 15, 4, 5, 123456, tzinfo=timezone.utc),
        "whole_second": datetime(2026, 12, 3, 15, 4, 5, tzinfo=timezone.utc),
        "naive": datetime(2026, 12, 3, 15, 4, 5),
        "day": date(2026, 1, 2),
        "set": {3},
        "decimal": Decimal("1.5"),
        "path": PurePosixPath("a/b.txt"),
        "enum": Colour.RED,
        "dataclass": Point(1, date(2025, 5, 6)),
        "tuple": (1, "二"),
        "int keys": {2021: 42.8, 2022: None},
        "text": "森林覆盖率 <b>“引号”</b>",
        "float": 0.1 + 0.2,
        "nested": [{"a": [1, 2.5, True, None]}],
    }
    assert json.loads(dumps(data)) == json.loads(old_encoding(data))
    assert "森林覆盖率".encode() in dumps(data)  # characters as themselves, not \\u escapes


def test_an_integer_beyond_64_bits_falls_back_to_the_old_encoder():
    data = {"big": 2**70}
    assert json.loads(dumps(data)) == {"big": 2**70}


def test_every_twin_says_what_the_old_encoder_said(web_store, monkeypatch):  # noqa: F811
    import plantrack.web.render as render

    pages = ["/", "/plans", f"/plans/{QINGHE}", f"/plans/{JIANGZHOU}", "/search?q=森林覆盖率", "/indicators",
             f"/plans/{QINGHE}/source"]
    with TestClient(create_app(web_store), headers=admin_headers(web_store)) as client:
        new = {p: client.get(p, params={"format": "json"}) for p in pages}
        monkeypatch.setattr(render, "JSONTwin", lambda data, status_code=200: JSONResponse(jsonable_encoder(data),
                                                                                       status_code=status_code))
        monkeypatch.setenv("PLANTRACK_PAGE_CACHE_MB", "0")
        for page in pages:
            old = client.get(page, params={"format": "json"})
            assert new[page].status_code == old.status_code == 200, page
            assert new[page].headers["content-type"] == old.headers["content-type"]
            assert new[page].json() == old.json(), page
