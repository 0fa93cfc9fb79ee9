"""Render plan outlines (篇/章/节/专栏) in the layouts published plans use and check the counts.

    PYTHONPATH=src .venv/bin/python bench/relayout_outline.py [--show NAME]

The outline twin of bench/relayout.py: a few outline skeletons (a national-style plan with 篇 and
章 numbered straight through them, a provincial plan of 章 and 节, a sectoral plan of 章 with 一、/
（一） items and many boxes) are rendered in each heading style: 专栏1 / 专栏 1-1 / 专栏一 boxes, 一、
and （一） items under 章, page furniture between sections, a table of contents (目录) at the start
whose entries must not be counted twice (with …… leaders and page numbers, with bare page
numbers, with entries wrapped over two lines, with a list of boxes), long headings wrapped over
two lines, ideographic spaces after the number, a box's title repeated after a page break. The
expected counts come from the skeleton and the style, never from the parser. Prints found/expected
per skeleton x style and how many are exact. Asserts nothing; exit 0.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field

from plantrack.ingest.pipeline import parse_bytes

CN = "零一二三四五六七八九十"


def cn(n: int) -> str:
    if n <= 10:
        return CN[n] if n < 10 else "十"
    if n < 20:
        return "十" + CN[n - 10]
    return CN[n // 10] + "十" + (CN[n % 10] if n % 10 else "")


# --- skeletons --------------------------------------------------------------------------------

# Titles in our own words; short ones and a few long ones (that wrap).
CHAPTER_TITLES = ["发展环境", "总体要求", "建设创新平台", "壮大创新主体", "做强先进制造业", "加快发展现代服务业和数字经济融合发展",
                  "推进乡村全面振兴", "优化区域发展格局", "建设美丽家园", "增进民生福祉", "统筹发展和安全", "保障规划实施"]
SECTION_TITLES = ["发展基础", "面临形势", "指导思想", "主要目标", "完善科技创新体系和人才发展体制机制", "提升产业链供应链现代化水平",
                  "强化企业主体地位", "建设高标准农田", "改善人居环境", "健全社会保障体系"]
BOX_TITLES = ["重大创新平台", "先进制造业重点工程", "乡村建设行动", "生态保护修复重大工程", "民生保障重点项目"]


@dataclass
class Chapter:
    title: str
    sections: list[str] = field(default_factory=list)
    boxes: list[str] = field(default_factory=list)  # boxes under the chapter's last section (or the chapter)


@dataclass
class Skeleton:
    name: str
    title: str
    parts: list[tuple[str, list[Chapter]]]  # 篇 title ('' for a plan without 篇) and its chapters


def _skeletons() -> list[Skeleton]:
    def chapters(spec, k0=0):
        out = []
        for k, (n_sec, n_box) in enumerate(spec):
            i = k0 + k
            out.append(Chapter(CHAPTER_TITLES[i % len(CHAPTER_TITLES)],
                               [SECTION_TITLES[(i + s) % len(SECTION_TITLES)] for s in range(n_sec)],
                               [BOX_TITLES[(i + b) % len(BOX_TITLES)] for b in range(n_box)]))
        return out

    national = Skeleton("national", "青川市国民经济和社会发展第十五个五年规划和二〇三五年远景目标纲要", [
        ("开启全面建设新征程", chapters([(2, 0), (3, 0)], 0)),
        ("坚持创新驱动发展", chapters([(2, 1), (2, 1)], 2)),
        ("建设现代化产业体系", chapters([(3, 2), (0, 1), (2, 0)], 4)),
        ("推动城乡区域协调发展", chapters([(2, 1), (2, 0)], 7)),
    ])
    provincial = Skeleton("provincial", "某省生态环境保护“十五五”规划", [
        ("", chapters([(3, 0), (2, 1), (3, 2), (2, 1), (0, 0), (2, 1)], 0)),
    ])
    sectoral = Skeleton("sectoral", "某市教育事业发展“十五五”规划", [
        ("", chapters([(0, 1), (0, 2), (0, 2), (0, 0), (0, 1)], 3)),
    ])
    return [national, provincial, sectoral]


# --- styles -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutlineStyle:
    sections: str = "jie"  # jie (第一节) | comma (一、) | paren (（一）)
    boxes: str = "arabic"  # arabic (专栏1) | dashed (专栏 1-1, per chapter) | cn (专栏一)
    toc: str = "none"  # none | leaders (……12) | numbers (bare page number) | wrapped | with_boxes
    furniture: bool = False
    wrap: bool = False  # long headings wrapped over two lines
    ideographic: bool = False  # U+3000 between number and title
    box_repeat: bool = False  # a box's title repeated after a page break (（续）)
    glued: bool = False  # no space between number and title (第三章建设创新平台)
    citations: bool = False  # sentences hard-wrapped so a line starts with 专栏2所列 / 第三章提出


O = OutlineStyle
STYLES: dict[str, OutlineStyle] = {
    "plain": O(),
    "items_comma": O(sections="comma"),
    "items_paren": O(sections="paren"),
    "boxes_dashed": O(boxes="dashed"),
    "boxes_cn": O(boxes="cn"),
    "furniture": O(furniture=True),
    "toc_leaders": O(toc="leaders"),
    "toc_numbers": O(toc="numbers"),
    "toc_wrapped": O(toc="wrapped"),
    "toc_with_boxes": O(toc="with_boxes"),
    "wrapped_headings": O(wrap=True),
    "ideographic": O(ideographic=True),
    "box_repeat": O(box_repeat=True),
    "glued": O(glued=True),
    "citations": O(citations=True),
    "toc_dots": O(toc="dots"),
    "combo_pdf": O(toc="leaders", furniture=True, wrap=True, boxes="dashed"),
    "combo_web": O(toc="numbers", ideographic=True, boxes="cn", sections="comma"),
}

_BODY = ["坚持以人民为中心的发展思想，推动高质量发展取得新成效。", "到2030年，主要指标达到预期，人民生活水平持续提高。"]
_WRAP_AT = 10


def _heading(label: str, title: str, style: OutlineStyle) -> list[str]:
    gap = "" if style.glued else "\u3000" if style.ideographic else "  "
    if style.wrap and len(title) > _WRAP_AT:
        return [f"{label}{gap}{title[:_WRAP_AT]}", title[_WRAP_AT:]]
    return [f"{label}{gap}{title}"]


def _section_label(n: int, style: OutlineStyle) -> str:
    return {"jie": f"第{cn(n)}节", "comma": f"{cn(n)}、", "paren": f"（{cn(n)}）"}[style.sections]


def _box_label(n: int, chapter: int, k: int, style: OutlineStyle) -> str:
    return {"arabic": f"专栏{n}", "dashed": f"专栏 {chapter}-{k}", "cn": f"专栏{cn(n)}"}[style.boxes]


def _entries(sk: Skeleton, style: OutlineStyle):
    """(kind, label, title) of every heading in order."""
    ch = box = 0
    for p, (ptitle, chapters) in enumerate(sk.parts, start=1):
        if ptitle:
            yield "part", f"第{cn(p)}篇", ptitle
        for chapter in chapters:
            ch += 1
            yield "chapter", f"第{cn(ch)}章", chapter.title
            for s, stitle in enumerate(chapter.sections, start=1):
                yield "section", _section_label(s, style), stitle
            for k, btitle in enumerate(chapter.boxes, start=1):
                box += 1
                yield "box", _box_label(box, ch, k, style), btitle


def _toc(sk: Skeleton, style: OutlineStyle) -> list[str]:
    out = ["目  录", ""]
    page = 1
    for kind, label, title in _entries(sk, style):
        if kind == "box":
            continue
        if kind == "section" and style.sections != "jie":
            continue
        page += 2
        if style.toc == "dots":
            indent = "\u3000\u3000" if kind == "section" else ""
            out.append(f"{indent}{label}\u3000{title}．．．．．．．．{page}")
        elif style.toc == "numbers":
            out.append(f"{label} {title} {page}")
        elif style.toc == "wrapped" and len(title) > 8:
            out += [f"{label}  {title[:8]}", f"{title[8:]}……………………{page}"]
        else:
            out.append(f"{label}  {title}……………………{page}")
    if style.toc == "with_boxes":
        out += ["", "专栏目录", ""]
        for kind, label, title in _entries(sk, style):
            if kind == "box":
                page += 1
                out.append(f"{label}  {title}……………………{page}")
    return out + [""]


def render_outline(sk: Skeleton, style: OutlineStyle) -> str:
    lines = [sk.title, ""]
    if style.toc != "none":
        lines += _toc(sk, style)
    page = 1
    for kind, label, title in _entries(sk, style):
        lines += _heading(label, title, style)
        if kind == "box":
            lines += ["序号  项目名称  建设内容", "1  示范工程  建设一批示范项目", "2  提升工程  改造一批设施"]
            if style.box_repeat:
                lines += ["— %d —" % page, f"{label}  {title}（续）", "3  保障工程  完善一批配套"]
                page += 1
            lines.append("")
            continue
        lines += _BODY
        if style.citations and kind == "chapter":
            lines += ["围绕上述目标，各地各部门要按照本规划", f"{label}提出的任务抓好落实，具体工程见", "专栏1所列项目，逐项明确责任单位。"]
        if style.furniture and kind in ("chapter", "section"):
            page += 1
            lines += [f"— {page} —", f"Page {page} - {sk.title}"]
        lines.append("")
    return "\n".join(lines) + "\n"


def expected_counts(sk: Skeleton, style: OutlineStyle) -> dict:
    counts = {"篇": 0, "章": 0, "节": 0, "专栏": 0}
    word = {"part": "篇", "chapter": "章", "box": "专栏"}
    for kind, _, _ in _entries(sk, style):
        if kind == "section":
            counts["节"] += style.sections == "jie"  # 一、 and （一） items are not 节
        else:
            counts[word[kind]] += 1
    return counts


def run(show: str | None = None) -> dict:
    out = {}
    for sk in _skeletons():
        for name, style in STYLES.items():
            text = render_outline(sk, style)
            plan = parse_bytes(text.encode("utf-8"), "outline.txt")
            found = plan["outline_counts"]
            found = {k: found.get(k, 0) for k in ("篇", "章", "节", "专栏")}
            out[(sk.name, name)] = (found, expected_counts(sk, style))
            if show == name:
                print(text)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", help="print the renderings of this style")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    results = run(args.show)
    skeletons = [s.name for s in _skeletons()]
    print(f"{'style':18} " + " ".join(f"{s:>30}" for s in skeletons))
    for name in STYLES:
        cells = []
        for s in skeletons:
            found, exp = results[(s, name)]
            mark = "" if found == exp else " ✗"
            cells.append((" ".join(f"{k}{found[k]}/{exp[k]}" for k in exp) + mark).rjust(30))
        print(f"{name:18} " + " ".join(cells))
    exact = sum(f == e for f, e in results.values())
    print(f"outline counts exact in {exact} of {len(results)} renderings ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
