"""Check first, save on confirm, keep nothing in between: the round trip both upload pages share.

数据填报 (views/entry.py) and 规划入库 (views/plan_upload.py) show what a file would do before
anything is written. Rather than keep the checked file on the server (a temp directory to clean,
a worker that may not be the one taking the confirm), the check page sends the file back inside
the confirm form: base64 in a hidden field, with its sha256 so a damaged or altered round trip is
caught. This module is that round trip: the name made safe, the bytes packed for the form, and
the form read and unpacked again.

A hidden field is a form part, and Starlette refuses parts over 1 MB by default, which would
reject an ordinary plan or a large CSV on confirm after it passed the check; confirm_form reads
the form with a limit sized to the page's own upload limit instead.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable
from pathlib import PurePath

from fastapi import Request
from starlette.datastructures import FormData


class UploadRefused(ValueError):
    """The upload cannot be checked at all (no file, too big, damaged round trip); Chinese message."""


def safe_name(name: str | None, missing: str) -> str:
    """The file's own name, without any directory a browser or a client put in front of it;
    missing is the message when there is no name (no file chosen)."""
    name = PurePath((name or "").replace("\\", "/")).name.strip()
    if not name:
        raise UploadRefused(missing)
    return name


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def packed(data: bytes) -> dict:
    """The fields the confirm form carries the checked file in."""
    return {"sha256": hashlib.sha256(data).hexdigest(), "content": base64.b64encode(data).decode("ascii")}


def confirm_form(max_bytes: Callable[[], int]):
    """A dependency reading a confirm form whose hidden content field may hold a file of up to
    max_bytes() (base64 makes it a third larger, and url-encoding of + / = can triple those)."""

    async def read(request: Request) -> FormData:
        # max_fields: the confirm form also carries the indicator table to correct (13 fields a row)
        return await request.form(max_part_size=4 * max_bytes() + 64 * 1024, max_fields=20_000)

    return read


def unpacked(form: FormData, max_bytes: int, missing: str) -> tuple[str, bytes]:
    """(file name, bytes) from a confirm form, verified against the sha256 the check computed."""
    name = safe_name(_text(form, "file_name"), missing)
    try:
        data = base64.b64decode(_text(form, "content").encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise UploadRefused("提交的文件内容已损坏，请重新上传。") from None
    sha256 = _text(form, "sha256")
    if sha256 and hashlib.sha256(data).hexdigest() != sha256:
        raise UploadRefused("提交的文件内容与核对时不一致，请重新上传。")
    if len(data) > max_bytes:
        raise UploadRefused("文件过大，请重新上传。")
    return name, data


def _text(form: FormData, field: str) -> str:
    """A text field of the form; a file sent where text belongs counts as missing."""
    value = form.get(field)
    return value if isinstance(value, str) else ""
