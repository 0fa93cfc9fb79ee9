"""检索 (/search?q=): sentences of every plan containing all the words, grouped by plan.

store/search.py ranks and pages the hits; this page groups one page of them by plan (in rank
order of each plan's best hit) and links each sentence to its line in the source view. The
snippet is the one place pre-built HTML reaches a page: search.highlight_html escapes the
sentence and adds only <mark>.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from markupsafe import Markup
from sqlalchemy import select

from ...publication import visible_plan_ids
from ...store.models import Plan
from ...store.search import SearchError, search
from ..actors import request_actor
from ..render import render, wants_json
from ..auth import allow

router = APIRouter()

PER_PAGE = 30


@router.get("/search", include_in_schema=False, dependencies=[allow("plans.read")])
def search_page(
    request: Request,
    q: Annotated[str | None, Query(max_length=200)] = None,
    plan: Annotated[str | None, Query(max_length=200)] = None,
    page: Annotated[int, Query(ge=1, le=1000)] = 1,
):
    query = (q or "").strip()
    data: dict = {"query": query, "plan": plan or None, "page": page, "per_page": PER_PAGE, "total": 0,
                  "ranked": True, "exact": True, "pages": 0, "groups": [], "error": None, "plans": []}
    with request.app.state.session_factory() as session:
        shown = visible_plan_ids(session, request_actor(request))  # None: everything
        data["plans"] = [{"key": k, "title": t or k} for i, k, t in session.execute(select(Plan.id, Plan.key, Plan.title).order_by(Plan.key))
                         if shown is None or i in shown]
        keys = [plan] if plan else None
        if shown is not None:  # the public searches published plans only
            published = [p["key"] for p in data["plans"]]
            keys = [k for k in (keys or published) if k in published]
        if query and (keys is None or keys):
            try:
                result = search(session, query, plan_keys=keys, limit=PER_PAGE,
                                offset=(page - 1) * PER_PAGE)
            except SearchError as exc:
                data["error"] = str(exc)
            else:
                groups: dict[str, dict] = {}
                for h in result.hits:
                    group = groups.setdefault(h.plan_key, {"key": h.plan_key, "title": h.plan_title or h.plan_key, "hits": []})
                    group["hits"].append({
                        "line": h.line, "version": h.version, "section_path": h.section_path,
                        "section_line": h.section_line, "text": h.text, "snippet_html": h.snippet_html,
                    })
                data.update(total=result.total, exact=result.exact, ranked=result.ranked, words=result.words, groups=list(groups.values()),
                            pages=(result.total + PER_PAGE - 1) // PER_PAGE)
    title = f"检索：{query}" if query else "检索"
    if not wants_json(request):
        # Escaped by search.highlight_html, which adds only <mark>; escaping again would show the tags.
        for group in data["groups"]:
            for hit in group["hits"]:
                hit["snippet"] = Markup(hit["snippet_html"])
    return render(request, "search.html", data, title=title, crumbs=[("/", "首页"), (None, "检索")])
