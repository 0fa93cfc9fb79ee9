"""What a plan's source file is called wherever someone other than the server reads it.

A plan ingested from the command line carries the path it was read from; shown by the API or in
an export, an absolute path tells a stranger how the server's disks are laid out. The contract's
`source.path` of a stored plan is therefore the file's name as the user gave it, and documents
stored before this rule are reduced the same way on the way out.
"""

from __future__ import annotations

import re


def source_file_name(path: str | None) -> str:
    """The last part of a path, whichever separator it was written with (a Windows path too)."""
    if not path:
        return ""
    return re.split(r"[\\/]", path.rstrip("\\/"))[-1] or path


def without_server_paths(document: dict) -> dict:
    """The contract document with source.path reduced to the file name (a copy; the input is kept)."""
    source = document.get("source")
    if not isinstance(source, dict) or "path" not in source:
        return document
    return {**document, "source": {**source, "path": source_file_name(source["path"])}}
