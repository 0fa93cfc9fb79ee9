"""From a plan file to the structured plan (contract plantrack.plan/1). Pure functions; only read.py touches files."""
