"""Tables whose cells were run together with no separator at all, as text dumps of document-sharing
sites leave them: 指标预期值2016年2017年2018年…再生水回用率30%40%55%…系数0.720.750.78…

Nothing separates cells, so the header's year columns give the count: each row is a name followed
by one value per year column (run together: 30%40%55%), or by one text spanning them all
(不超自治区年度下达指标). Values are found as a run of exactly that many numbers of one shape (same
suffix, same decimals), so 0.720.750.78 reads as 0.72 | 0.75 | 0.78. A text value starts with a
word that aims (低于, 不超, 完成, 达到 …) and ends at its last figure or 指标/任务/目标/要求; the words
between are the row's name. A site's chunk numbers (2、 at the start of a continuation line) are
dropped and the header repeated at page breaks is skipped.

A category label run into the first name of its group (综合指标万元GDP用水量, 农业节水万元农业…,
交通运输营运车辆单位运输周转量…) is a short head (4 to 6 characters) before a name of its own, and
it is cut off only on evidence of that damage, whatever the sector's words (label_heads):
- the head recurs as a label: heads of two or more names, apart in the table (a label opens a
  group; parallel names such as 城市污水…/县城污水… sit next to each other), close in the same
  word, a word none of the table's names uses past its head (基础指标…, 考核类指标…; 工业节能…,
  建筑节能…);
- or its words come back in the name it starts: a sector word before the head's last word
  (农业节水万元农业增加值…, 工业节能单位工业增加值…), or the last word of a four-character head
  (交通运输营运车辆单位运输周转量…).
Otherwise the head may be the name's own first word (高效节水灌溉…, 城镇节水器具…, 生态保护红线…)
and it stays joined: fewer right cells, never invented ones.
"""

from __future__ import annotations

import re

from ..clean import Line

_HEADER = re.compile(r"指标(?:名称)?(?P<kind>[\u4e00-\u9fff]{0,4}?)(?P<years>(?:(?:19|20)\d{2}年){2,})")
_YEARS = re.compile(r"(?:19|20)\d{2}")
_CHUNK = re.compile(r"^\d{1,3}、")
_VALUE = r"(?:[<>≤≥]?\d+(?:\.\d+)?(?:%|‰|[A-Za-z]+/[A-Za-z]+|[A-Za-z]+)?|[-—/])"
_TEXT_START = re.compile(r"低于|高于|不低于|不高于|不超过?|不少于|完成|达到|控制在|力争|保持|确保|实现")
_TEXT_END = re.compile(r"(?:\d+(?:\.\d+)?%?|指标|任务|目标|要求|水平|以内|以上|以下)(?![或和及、，,\d%.])")
MIN_LENGTH = 80
# A head that may be a group label run into a name: 4-6 Chinese characters (a label names a group:
# 综合指标, 管理类指标, 交通运输; a shorter head is a name's own first word: 农业用水…), then a name of 3 or more.
_HEAD_LENGTHS = range(4, 7)
_REST = re.compile(r"[\u4e00-\u9fffA-Za-z].{2,}")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def glued_texts(lines: list[Line]) -> list[tuple[int, int, str]]:
    """(first, last, text) of each run of glued lines holding a year-column header: long lines
    without spaces or sentences, continuation lines (2、…) joined without their chunk number."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(lines):
        t = lines[i].text.strip()
        if len(t) >= MIN_LENGTH and " " not in t and "。" not in t and _HEADER.search(t):
            j, text = i, _CHUNK.sub("", t)
            while j + 1 < len(lines) and _CHUNK.match(nxt := lines[j + 1].text.strip()) and " " not in nxt and "。" not in nxt:
                j += 1
                text += _CHUNK.sub("", lines[j].text.strip())
            out.append((i, j, text))
            i = j + 1
        else:
            i += 1
    return out


def read_glued(text: str) -> tuple[list[int], str, list[tuple[int, str, list[str]]]] | None:
    """(years, value kind, [(offset, name, cells)]) of a glued table, or None when it does not read.
    The offset is where the row's name starts in `text`."""
    m = _HEADER.search(text)
    if not m:
        return None
    years = [int(y) for y in _YEARS.findall(m.group("years"))]
    k = len(years)
    # Repeated headers become line breaks of the same length, so offsets stay offsets into text.
    body = _HEADER.sub(lambda h: "\n" * len(h.group()), text)
    group = re.compile("(" + ")(".join([_VALUE] * k) + r")(?![\d.])")
    rows: list[tuple[int, str, list[str]]] = []
    for part in re.finditer(r"[^\n]+", body[m.end():]):
        base = m.end() + part.start()
        part = part.group()
        pos = 0
        while pos < len(part):
            nxt = _next_cells(part, pos, group, k)
            if nxt is None:
                break
            start, end, cells = nxt
            rows.extend((base + pos + off, name, c) for off, name, c in _rows_of_words(part[pos:start], cells))
            pos = end
    return (years, m.group("kind"), rows) if rows else None


def _next_cells(part: str, pos: int, group: re.Pattern, k: int):
    """The next value group (k values of one shape) after pos: (start, end, cells)."""
    for m in group.finditer(part, pos):
        cells = list(m.groups())
        if m.start() == pos or not _same_shape(cells):
            continue
        return m.start(), m.end(), cells
    return None


def _same_shape(cells: list[str]) -> bool:
    numbers = [c for c in cells if c not in "-—/"]
    if not numbers:
        return False
    suffixes = {re.sub(r"^[<>≤≥]?[\d.]+", "", c) for c in numbers}
    decimals = {len(c.split(".")[1]) if "." in re.sub(r"[^\d.]", "", c) else 0 for c in numbers}
    return len(suffixes) == 1 and (len(decimals) == 1 or suffixes != {""})


def _rows_of_words(words: str, cells: list[str]) -> list[tuple[str, list[str]]]:
    """Rows in the words before a value group: name + text value pairs, then the name that owns
    the value group."""
    rows = []
    pos = 0
    while True:
        s = _TEXT_START.search(words, pos)
        if not s or s.start() == pos:
            break
        e = _TEXT_END.search(words, s.end())
        if not e:
            break
        rows.append((pos, words[pos:s.start()], [words[s.start():e.end()]]))
        pos = e.end()
    if words[pos:]:
        rows.append((pos, words[pos:], cells))
    return [(off, n.strip(), c) for off, n, c in rows if re.search(r"[\u4e00-\u9fff]{2}", n)]


def group_labels(names: list[str]) -> list[tuple[str | None, str]]:
    """(category, name) for each name of a glued table: a label head run into a name is cut off and
    becomes the category of that row and the rows after it (see the module's note on evidence)."""
    labels = label_heads(names)
    out: list[tuple[str | None, str]] = []
    category = None
    for k, name in enumerate(names):
        if k in labels:
            category, name = labels[k], name[len(labels[k]):]
        out.append((category, name))
    return out


def label_heads(names: list[str]) -> dict[int, str]:
    """The label head of each name that has one, by the name's index: a head that recurs as a label
    over the table (_recurring_heads), or one whose words come back in its name (_returning_head)."""
    labels = _recurring_heads(names)
    for k, name in enumerate(names):
        head = _returning_head(name)
        if head and k not in labels:
            labels[k] = head
    return labels


def _heads(name: str) -> list[str]:
    """The heads a name may open with, longest first: a Chinese prefix followed by a name of its own."""
    run = _CJK_RUN.match(name)
    longest = min(len(run.group()) if run else 0, max(_HEAD_LENGTHS))
    return [name[:n] for n in range(longest, min(_HEAD_LENGTHS) - 1, -1) if _REST.fullmatch(name[n:])]


def _recurring_heads(names: list[str]) -> dict[int, str]:
    """Heads of names apart in the table that close in the same two-character word, a word no name
    of the table uses past its head: group labels (甲类指标…, 乙类指标…).

    Where one name's head closing in such a word holds a shorter head closing in another (综合指标万元
    holds 综合指标), the longer word is the names' own first word (万元…), not a label's."""
    by_word: dict[str, dict[int, str]] = {}
    for k, name in enumerate(names):
        for head in reversed(_heads(name)):
            by_word.setdefault(head[-2:], {}).setdefault(k, head)  # shortest first: kept
    groups = {word: heads for word, heads in by_word.items() if _recurs_as_label(word, heads, names)}
    labels: dict[int, str] = {}
    for word, heads in groups.items():
        if any(other != word and k in others and len(others[k]) < len(heads[k])
               for k in heads for other, others in groups.items()):
            continue
        for k, head in heads.items():
            if len(head) < len(labels.get(k, head + "-")):
                labels[k] = head
    return labels


def _recurs_as_label(word: str, heads: dict[int, str], names: list[str]) -> bool:
    """Two or more heads, no two on neighbouring rows, all different, before names that differ from
    their first character on (a first character they share means the cut fell inside a word the
    names share: 农业节水万|元…, 工业节水万|元…), and a closing word no name uses past its head."""
    rows = sorted(heads)
    rests = [names[k][len(heads[k]):] for k in rows]
    return (len(rows) >= 2 and all(b - a > 1 for a, b in zip(rows, rows[1:]))
            and len(set(heads.values())) == len(rows) and len({r[0] for r in rests}) == len(rows)
            and not any(word in name[len(heads.get(k, "")):] for k, name in enumerate(names)))


def _returning_head(name: str) -> str | None:
    """A head whose words come back in the name it starts: the sector word before its last word
    (农业节水 -> 农业…), or the last word of a four-character head (交通运输 -> …运输…)."""
    for head in reversed(_heads(name)):  # shortest first
        rest = name[len(head):]
        if head[:-2] in rest or (len(head) == 4 and head[-2:] in rest):
            return head
    return None
