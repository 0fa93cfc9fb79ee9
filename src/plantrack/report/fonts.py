"""Finding a CJK font file that both the PDF writer can embed and matplotlib can draw with.

Reports are read and printed on machines we do not control, so the PDF must carry its font
(reportlab's built-in CID fonts such as STSong-Light are only referenced, never embedded, and
show as blanks where the reader lacks them). reportlab embeds TrueType outlines only (glyf
tables; .ttf, or one face of a .ttc) — the OpenType/CFF Noto CJK files will not do. We look the
font up by file path, never through a font cache, so a fresh machine and CI behave the same.

scripts/setup.sh installs Debian's fonts-wqy-microhei, the first candidate below.
PLANTRACK_CJK_FONT (a file path, optionally "path#index" for a .ttc face) overrides the search.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# Known TrueType CJK fonts from Debian packages, best first.
CANDIDATES = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),      # fonts-wqy-microhei
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),        # fonts-wqy-zenhei
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),  # fonts-droid-fallback
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),          # fonts-arphic-uming
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),           # fonts-arphic-ukai
)

INSTALL_HINT = "未找到可嵌入的中文 TrueType 字体；请运行 scripts/setup.sh（安装 fonts-wqy-microhei），或用环境变量 PLANTRACK_CJK_FONT 指定 .ttf/.ttc 字体文件。"


@dataclass(frozen=True)
class CjkFont:
    path: str
    index: int = 0  # the face within a .ttc collection


def _has_truetype_outlines(path: str, index: int) -> bool:
    """True when the face has glyf outlines and CJK glyphs (so reportlab can embed it)."""
    try:
        from fontTools.ttLib import TTFont
    except ImportError:  # fontTools comes with matplotlib; without it, trust the file name
        return path.lower().endswith((".ttf", ".ttc"))
    try:
        font = TTFont(path, fontNumber=index, lazy=True)
        try:
            return "glyf" in font and ord("中") in font.getBestCmap()
        finally:
            font.close()
    except Exception:
        return False


def _parse_override(value: str) -> CjkFont:
    path, _, index = value.partition("#")
    return CjkFont(path, int(index) if index.isdigit() else 0)


def _fontconfig_files() -> list[str]:
    """Chinese-capable font files fontconfig knows of, as a last resort."""
    if not shutil.which("fc-list"):
        return []
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    files = sorted({line.split(":")[0].strip() for line in out.splitlines() if line.strip()})
    return [f for f in files if f.lower().endswith((".ttf", ".ttc"))]


@lru_cache(maxsize=1)
def find_cjk_font() -> CjkFont | None:
    """The CJK TrueType font to use, or None when the machine has none."""
    override = os.environ.get("PLANTRACK_CJK_FONT")
    if override:
        font = _parse_override(override)
        return font if Path(font.path).is_file() else None
    for path, index in CANDIDATES:
        if Path(path).is_file() and _has_truetype_outlines(path, index):
            return CjkFont(path, index)
    for path in _fontconfig_files():
        if _has_truetype_outlines(path, 0):
            return CjkFont(path, 0)
    return None
