"""Observed values: reading them from files, checking every row, and storing them as one transaction."""
