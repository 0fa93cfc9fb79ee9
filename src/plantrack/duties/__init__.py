"""Accountability (issue 11): who answers for what in a plan, and what each year and region owes.

units          the catalogue of government departments per region (单位)
assignments    an item of a plan given to a lead unit and supporting units (牵头/配合), and
               proposals drafted from the plan's own text
annual         an indicator's target for one year (年度目标)
decomposition  a parent indicator's target passed down to child regions (分解下达) and its check
rows           reading the CSV/XLSX templates all of them are imported from

Every import is all-or-nothing: all rows are checked first, every bad row is named in Chinese, and
nothing is written unless all are good. Writes take the Actor who makes them (audit is wired at merge).
"""

from __future__ import annotations


class DutyInputError(ValueError):
    """A file or request that cannot be accepted; `problems` are the Chinese messages, one per bad row."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems
