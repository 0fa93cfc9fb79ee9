"""The web platform: server-rendered Chinese pages over the same store as the API.

`router` carries every page and the static files; api/app.py includes it, so one application
serves the API (/api, /docs) and the pages. Every page answers ?format=json with the data it
shows (render.py).
"""

from __future__ import annotations

from fastapi import APIRouter

from . import static_files
from .views import alignment, catalogue, dashboard, entry, indicator, plan, report, search

router = APIRouter()
for _module in (dashboard, catalogue, search, entry, alignment, indicator, report, plan, static_files):
    router.include_router(_module.router)

__all__ = ["router"]
