"""Alignment of plans (规划衔接) and checks of a plan against itself, over contract JSON.

catalogue.py  canonical indicator concepts and how names map to them
normalize.py  the ordered normalization rules for indicator names
units.py      units as dimensions and sizes
targets.py    how two targets compare (read by domain.targets, the one reading of target text)
align.py      a child plan against its parent: indicators and projects
checks.py     a plan against itself
source.py     the plan's source lines, for checks that read the text
"""
