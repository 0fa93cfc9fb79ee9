"""The web platform: server-rendered Chinese pages over the same store as the API.

`router` carries every page and the static files; api/app.py includes it, so one application
serves the API (/api, /docs) and the pages. Every page answers ?format=json with the data it
shows (render.py).
"""

from __future__ import annotations

from fastapi import APIRouter

from . import static_files
from .views import (account, alignment, audit, bulletins, catalogue, compare, corrections, dashboard, entry, indicator,
                    indicators, plan, plan_upload, publication, report, reporting, search)
from .views import duties_annual, duties_assignments, duties_decomposition, duties_scorecards, duties_units

router = APIRouter()
# plan_upload before plan: /plans/new is a page, not the plan with key "new".
for _module in (account, dashboard, catalogue, search, entry, bulletins, plan_upload, alignment, indicator, indicators,
                compare, report, publication, audit, corrections, reporting, duties_units, duties_assignments,
                duties_annual, duties_decomposition, duties_scorecards, plan, static_files):
    router.include_router(_module.router)

__all__ = ["router"]
