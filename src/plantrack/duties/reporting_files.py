"""Evidence files of reports (PDF or images): checked, stored on disk by sha256, read back.

Stored under the data directory (PLANTRACK_HOME/evidence/ab/abcdef…), named by content, so the
same file sent twice is stored once and a file cannot be swapped behind its row. The type is
checked by the file's first bytes as well as its name: a renamed executable is refused.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path, PurePath

from ..store.db import default_home

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
# extension -> (content type, the magic bytes such a file starts with)
EVIDENCE_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    ".webp": ("image/webp", (b"RIFF",)),
}


class EvidenceRefused(ValueError):
    """A file that cannot be kept as evidence; Chinese message naming the file."""


def evidence_root() -> Path:
    return Path(os.environ.get("PLANTRACK_EVIDENCE_DIR") or default_home() / "evidence")


def clean_name(name: str | None) -> str:
    name = PurePath((name or "").replace("\\", "/")).name.strip()
    if not name:
        raise EvidenceRefused("证明材料缺少文件名。")
    return name[:200]


def check_evidence(name: str, data: bytes) -> str:
    """The content type of an acceptable evidence file, or EvidenceRefused saying why not."""
    ext = PurePath(name).suffix.lower()
    if ext not in EVIDENCE_TYPES:
        raise EvidenceRefused(f"{name}：证明材料只接受 PDF 或图片（PNG、JPG、GIF、WEBP）。")
    if not data:
        raise EvidenceRefused(f"{name}：文件为空。")
    if len(data) > MAX_EVIDENCE_BYTES:
        raise EvidenceRefused(f"{name}：文件过大（{len(data) / 1024 / 1024:.1f} MB），单个文件不超过 "
                              f"{MAX_EVIDENCE_BYTES // 1024 // 1024} MB。")
    content_type, magics = EVIDENCE_TYPES[ext]
    if not any(data.startswith(m) for m in magics) or (ext == ".webp" and data[8:12] != b"WEBP"):
        raise EvidenceRefused(f"{name}：文件内容与扩展名 {ext} 不符，不是有效的 PDF 或图片。")
    return content_type


def evidence_path(sha256: str, root: Path | None = None) -> Path:
    root = root or evidence_root()
    return root / sha256[:2] / sha256


def store_evidence(data: bytes, root: Path | None = None) -> str:
    """Write data under its sha256 (once) and return the sha256. Written to a temporary file and
    renamed, so a reader never sees half a file."""
    sha = hashlib.sha256(data).hexdigest()
    path = evidence_path(sha, root)
    if path.exists():
        return sha
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return sha


def read_evidence(sha256: str, root: Path | None = None) -> bytes:
    """The stored bytes, verified against their name (a damaged file is not served as evidence)."""
    data = evidence_path(sha256, root).read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise EvidenceRefused("证明材料文件已损坏（摘要不符）。")
    return data
