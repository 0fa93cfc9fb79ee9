"""Bytes to text, with the encoding detected and nothing guessed silently.

Plan texts come as UTF-8 (with or without a BOM) or in the legacy GB18030/GBK family. A strict
UTF-8 decode almost never succeeds on GBK bytes that contain Chinese, so the order UTF-8 first,
then GB18030 strictly, is decisive; a statistical detector would add guesses, not certainty.
Anything that decodes under neither, contains NUL bytes, or holds no text is refused.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import PlanInputError

_BOMS = (("utf-8-sig", b"\xef\xbb\xbf"), ("utf-16", b"\xff\xfe"), ("utf-16", b"\xfe\xff"))


@dataclass(frozen=True)
class SourceText:
    path: str
    text: str
    encoding: str
    sha256: str
    size: int


def decode_plan_bytes(data: bytes, path: str = "<bytes>") -> SourceText:
    """Decode a plan file's bytes; raise PlanInputError with a Chinese reason when it is not text."""
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise PlanInputError(path, "文件为空")
    text = encoding = None
    for name, bom in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data.decode(name), name.replace("-sig", "")
            except UnicodeDecodeError:
                raise PlanInputError(path, f"文件以 {name} 字节序标记开头，但内容无法按该编码解码") from None
            break
    if text is None:
        if b"\x00" in data:
            raise PlanInputError(path, "文件含有二进制内容（NUL 字节），不是纯文本规划文件")
        for name in ("utf-8", "gb18030"):
            try:
                text, encoding = data.decode(name), name
                break
            except UnicodeDecodeError:
                continue
    if text is None:
        raise PlanInputError(path, "无法识别文件编码（既不是 UTF-8，也不是 GB18030/GBK）")
    if _looks_binary(text):
        raise PlanInputError(path, "文件含有大量控制字符，不是纯文本规划文件")
    if not any(ch.isalnum() for ch in text):
        raise PlanInputError(path, "文件中没有可识别的文字")
    return SourceText(path=path, text=text, encoding=encoding, sha256=digest, size=len(data))


def max_plan_bytes() -> int:
    """The largest file taken as a plan text. Real plans are under 2 MB; 20 MB leaves room, and
    keeps a mistaken upload (a dump, a video) from tying up the parser. PLANTRACK_MAX_PLAN_MB overrides."""
    return int(float(os.environ.get("PLANTRACK_MAX_PLAN_MB", "20")) * 1024 * 1024)


def read_plan_file(path: str | Path) -> SourceText:
    """Read and decode one plan file (only .txt for now)."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_plan_bytes():
            raise PlanInputError(
                str(path), f"文件过大（{size / 1024 / 1024:.1f} MB），超过规划文本上限 {max_plan_bytes() // 1024 // 1024} MB"
            )
        data = p.read_bytes()
    except FileNotFoundError:
        raise PlanInputError(str(path), "文件不存在") from None
    except IsADirectoryError:
        raise PlanInputError(str(path), "这是一个目录，不是文件") from None
    except OSError as exc:
        raise PlanInputError(str(path), f"读取失败（{exc.strerror or exc}）") from None
    return decode_plan_bytes(data, str(path))


def _looks_binary(text: str) -> bool:
    """More than 1% control characters (other than tab, CR, LF, FF) means this is not a text file."""
    sample = text[:200_000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    return controls > max(2, len(sample) // 100)
