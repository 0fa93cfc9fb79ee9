"""The states of a report item and the moves between them, as one table.

draft → submitted → returned (with a comment) → submitted → approved (审定); an approved item is
locked, and only the planning office can reopen it (back to returned, with a comment). Saving is a
move too (into draft, or staying draft/returned), so every write passes the same table.

A small explicit table rather than the `transitions` library: each move must check the actor's
right (policy action) and write the item, its status log row and its audit event in one database
transaction. With the table those steps are plain code in duties/reporting.py and the table can be
read (and tested) at a glance; `transitions` would bind callbacks onto the ORM object and add a
dependency for five rows.
"""

from __future__ import annotations

from dataclasses import dataclass

STATES = {"new": "未填报", "draft": "草稿", "submitted": "待审", "returned": "已退回", "approved": "已审定"}
ACTIONS = {"save": "保存", "submit": "提交", "return": "退回", "approve": "审定", "reopen": "重新开放"}


@dataclass(frozen=True)
class Move:
    to: str
    policy_action: str
    needs_comment: bool = False


# (action, from state) -> the move. "new" is an item nobody has saved yet.
TRANSITIONS: dict[tuple[str, str], Move] = {
    ("save", "new"): Move("draft", "reports.write"),
    ("save", "draft"): Move("draft", "reports.write"),
    ("save", "returned"): Move("returned", "reports.write"),
    ("submit", "new"): Move("submitted", "reports.write"),
    ("submit", "draft"): Move("submitted", "reports.write"),
    ("submit", "returned"): Move("submitted", "reports.write"),
    ("return", "submitted"): Move("returned", "approvals.write", needs_comment=True),
    ("approve", "submitted"): Move("approved", "approvals.write"),
    ("reopen", "approved"): Move("returned", "approvals.write", needs_comment=True),
}

EDITABLE = frozenset({"new", "draft", "returned"})


class TransitionRefused(ValueError):
    """A move the table does not allow from this state; Chinese message."""


def move_for(action: str, state: str) -> Move:
    if action not in ACTIONS:
        raise TransitionRefused(f"未知操作“{action}”")
    move = TRANSITIONS.get((action, state))
    if move is None:
        if state == "approved":
            raise TransitionRefused(f"该事项已审定并锁定，不能{ACTIONS[action]}；如需修改，请规划管理部门重新开放。")
        raise TransitionRefused(f"该事项当前为“{STATES.get(state, state)}”，不能{ACTIONS[action]}。")
    return move


def actions_from(state: str) -> list[str]:
    """The actions possible from a state, in table order (what a page may offer)."""
    return [a for (a, s) in TRANSITIONS if s == state]
