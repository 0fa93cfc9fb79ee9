"""Alignment of plans (规划衔接) and checks of a plan against itself, over contract JSON.

catalogue.py  canonical indicator concepts and how names map to them
normalize.py  the ordered normalization rules for indicator names
units.py      units as dimensions and sizes
targets.py    what an indicator's target says (a number, a bound, inheriting the level above)
align.py      a child plan against its parent: indicators and projects
checks.py     a plan against itself
source.py     the plan's source lines, for checks that read the text
"""
