"""Who may do what: one table of role × action, and the scope a role's right reaches.

Shaped like datasette's permission_allowed(actor, action, resource): every route, page or API,
declares the action it performs (web/auth.py's allow(action)), and this module alone answers.
Views never decide access themselves; when a write touches data of a particular region (an
observation row, a plan filed under a region), they ask again with that region as the resource.

Scopes: ALL (anywhere), BELOW (the actor's region and every region under it, by the gazetteer's
tree in store/regions.py), OWN (the actor's region only), NO. A scoped role asked without a
resource is asked "may you do this anywhere at all", which is what a route needs to know before it
has read the request.

Public reading is ALL for now: which plans are published, and so what the public may read, is the
publication work's part; it narrows plans.read for the public without changing this table's shape.
"""

from __future__ import annotations

from functools import lru_cache

from .domain.actor import PUBLIC_ROLE, Actor

ALL, BELOW, OWN, NO = "all", "below", "own", "no"

ROLES = (PUBLIC_ROLE, "unit", "evaluator", "planning", "admin")

# action:               public  unit   evaluator planning admin    what it is
POLICY: dict[str, tuple[str, str, str, str, str]] = {
    "site.read":          (ALL,   ALL,   ALL,      ALL,     ALL),   # static files, API docs, the sign-in page
    "plans.read":         (ALL,   ALL,   ALL,      ALL,     ALL),   # catalogue, plan pages, indicators, search, analysis
    "plans.export":       (ALL,   ALL,   ALL,      ALL,     ALL),   # exports and reports of what one may read
    "plans.write":        (NO,    NO,    NO,       BELOW,   ALL),   # 规划入库: a new plan or a new version
    "catalogue.write":    (NO,    NO,    NO,       BELOW,   ALL),   # links between plans
    "observations.write": (NO,    OWN,   NO,       BELOW,   ALL),   # 数据填报: observed values
    "overrides.write":    (NO,    NO,    NO,       BELOW,   ALL),   # how a target is read
    "matches.write":      (NO,    NO,    NO,       BELOW,   ALL),   # indicator-to-concept decisions
    "corrections.write":  (NO,    NO,    NO,       BELOW,   ALL),   # 人工修正 of extracted indicator rows
    "publication.write":  (NO,    NO,    NO,       BELOW,   ALL),   # 对社会公布
    "analysis.write":     (NO,    NO,    ALL,      BELOW,   ALL),   # store a recomputed alignment or self-check
    "duties.write":       (NO,    NO,    NO,       BELOW,   ALL),   # 单位、任务分工、年度目标
    "audit.read":         (NO,    NO,    NO,       BELOW,   ALL),   # 操作记录
    "reports.read":       (NO,    OWN,   ALL,      BELOW,   ALL),   # 填报任务: to-do lists, reports, evidence files
    "reports.write":      (NO,    OWN,   NO,       NO,      ALL),   # 填报: a lead unit saves and submits its own items
    "approvals.write":    (NO,    NO,    NO,       BELOW,   ALL),   # 审定: return, approve, reopen; reporting frequency
    "reports.support":    (NO,    OWN,   NO,       NO,      ALL),   # 配合: a supporting unit adds its contribution
    "reports.proxy":      (NO,    NO,    NO,       BELOW,   ALL),   # 代填: the office enters a unit's report for it
    "account.self":       (NO,    ALL,   ALL,      ALL,     ALL),   # one's own password, signing out
    "users.manage":       (NO,    NO,    NO,       NO,      ALL),   # accounts and tokens of others
}

WRITE_ACTIONS = frozenset(a for a in POLICY if a.endswith(".write") or a == "users.manage")

ACTION_LABELS = {
    "site.read": "访问", "plans.read": "查阅规划", "plans.export": "导出", "plans.write": "规划入库",
    "catalogue.write": "维护规划目录", "observations.write": "数据填报", "overrides.write": "修改目标解读",
    "matches.write": "确认指标匹配", "corrections.write": "修正指标", "publication.write": "对社会公布",
    "analysis.write": "重新计算分析结果", "duties.write": "维护单位、分工与年度目标", "audit.read": "查看操作记录",
    "reports.read": "查看填报任务", "reports.write": "填报进展", "approvals.write": "审定填报",
    "reports.support": "填报配合材料", "reports.proxy": "代单位填报",
    "account.self": "管理本人帐号", "users.manage": "管理帐号",
}


class UnknownAction(KeyError):
    """An action the table does not name: a route declared something this module never decided."""


def scope_of(actor: Actor, action: str) -> str:
    """The scope actor's role has for action (ALL, BELOW, OWN or NO)."""
    try:
        row = POLICY[action]
    except KeyError:
        raise UnknownAction(action) from None
    if actor.role not in ROLES:
        return NO
    return row[ROLES.index(actor.role)]


def permission_allowed(actor: Actor, action: str, resource: str | None = None) -> bool:
    """May actor perform action, on the data of region resource (a GB/T 2260 code) when given?"""
    scope = scope_of(actor, action)
    if scope == NO:
        return False
    if scope == ALL:
        return True
    if not actor.region_code:  # a scoped role without a region reaches nothing
        return False
    if resource is None:
        return True
    if scope == OWN:
        return resource == actor.region_code
    return actor.region_code in region_chain(resource)


def region_chain(code: str) -> tuple[str, ...]:
    """code and the codes of every region above it, from the gazetteer (store/regions.py)."""
    return _chains().get(code, (code,))


@lru_cache(maxsize=1)
def _chains() -> dict[str, tuple[str, ...]]:
    from .store.regions import load_regions

    by_code = {r.code: r for r in load_regions()}
    chains: dict[str, tuple[str, ...]] = {}
    for code in by_code:
        chain, seen, cur = [], set(), code
        while cur and cur in by_code and cur not in seen:
            seen.add(cur)
            chain.append(cur)
            cur = by_code[cur].parent_code or ""
        chains[code] = tuple(chain)
    return chains
