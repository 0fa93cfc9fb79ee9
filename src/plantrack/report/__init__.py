"""Evaluation reports (中期评估 / 总结评估 / 年度监测) of a stored plan, in HTML, DOCX, PDF and XLSX.

gather.build_report reads the store and returns a pure ReportModel (model.py); one writer per
format (writers/) lays it out. Charts are drawn on the server (charts/), with a CJK font found by
file path (fonts.py).
"""

from __future__ import annotations

from .errors import ReportError
from .gather import build_report
from .labels import KIND_LABELS, KINDS
from .model import PlanInfo, ReportModel, build_model
from .writers import FORMATS, WRITERS, ReportWriter, writer_for

__all__ = ["FORMATS", "KINDS", "KIND_LABELS", "WRITERS", "PlanInfo", "ReportError", "ReportModel", "ReportWriter",
           "build_model", "build_report", "writer_for"]
