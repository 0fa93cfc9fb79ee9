"""Plan metadata from the text: title, issuer, document number, date, level, kind, region, period."""

from __future__ import annotations


def extract_metadata(lines, heading_at) -> dict:
    return {"title": None, "issuer": None, "doc_number": None, "issued_on": None, "level": None,
            "kind": None, "region": None, "period": {"start": None, "end": None}, "horizon": None}
