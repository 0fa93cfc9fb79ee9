"""The contract JSON itself: the lossless export, readable by any tool that reads the contract."""

from __future__ import annotations

import json
from typing import BinaryIO

from .base import Exporter


class JsonExporter(Exporter):
    format = "json"
    media_type = "application/json"
    suffix = ".json"
    label = "JSON（规划文档契约格式）"

    def write(self, plan_json: dict, out: BinaryIO) -> None:
        # ensure_ascii=False: Chinese stays readable in the file instead of \uXXXX escapes.
        out.write(json.dumps(plan_json, ensure_ascii=False, indent=2).encode("utf-8"))
        out.write(b"\n")
