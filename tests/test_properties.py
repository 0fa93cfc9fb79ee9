"""Whatever bytes come in, parsing either yields a valid plan or refuses with a PlanInputError.

No other exception may escape the parser: a damaged or hostile file must end in a result the
contract accepts or in an error the user can act on, never in a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plantrack.domain.plan import Plan
from plantrack.ingest.errors import PlanInputError
from plantrack.ingest.pipeline import parse_bytes

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CORPUS_FILES = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []

FEW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parses_or_refuses(data: bytes, path: str) -> None:
    """The property itself: a dict the Plan model accepts, or PlanInputError."""
    try:
        plan = parse_bytes(data, path)
    except PlanInputError:
        return
    assert isinstance(plan, dict)
    Plan.model_validate(plan)


# Characters plans are made of, so that generated text reaches past decoding into the parser.
_PLAN_WORDS = [
    "第一章", "第二节", "第十四章", "一、", "（一）", "(1)", "1.", "1.1", "2.3.1", "专栏1", "专栏 2", "表1",
    "指标名称", "单位", "2020年", "2025年", "年均增长/累计", "属性", "约束性", "预期性", "序号",
    "地区生产总值增长(%)", "森林覆盖率（%）", "亿元", "万吨", "59.55*", ">10000", "≤5.5", "6左右", "[15]",
    "0/97/0/81", "-", "—", "完成省下达任务", "注：*为2019年数据", "到2025年，", "达到", "以上", "下降",
    "。", "，", "；", "\t", "  ", "\n", "\n\n", "- 12 -", "目录", "……", "曑", "栿", "PM<sub>2.5</sub>",
    "# ", "**", "〔2021〕7号", "人民政府", "二〇二一年四月九日", "\r\n", "\ufeff", "\f", "ＰＭ２．５", "１２３",
]
plan_like_text = st.lists(
    st.one_of(st.sampled_from(_PLAN_WORDS), st.text(max_size=6)), max_size=120
).map("".join)

any_bytes = st.one_of(
    st.binary(max_size=4000),
    plan_like_text.map(lambda s: s.encode("utf-8", "surrogatepass")),
    plan_like_text.map(lambda s: s.encode("gb18030", "replace")),
    plan_like_text.map(lambda s: b"\xef\xbb\xbf" + s.encode("utf-8", "surrogatepass")),
    st.tuples(plan_like_text, st.binary(max_size=40)).map(lambda t: t[0].encode("utf-8", "surrogatepass") + t[1]),
)


@FEW
@given(data=any_bytes)
def test_any_bytes_give_a_valid_plan_or_a_plan_input_error(data):
    parses_or_refuses(data, "x.txt")


# One edit to a corpus file: what to do and where (as a fraction of the file and of the line).
edit = st.tuples(
    st.sampled_from(["delete", "duplicate", "cut", "split", "swap"]),
    st.floats(min_value=0, max_value=1, exclude_max=True),
    st.floats(min_value=0, max_value=1),
)


def apply_edits(lines: list[str], edits) -> list[str]:
    lines = list(lines)
    for op, where, at in edits:
        if not lines:
            break
        i = int(where * len(lines))
        line = lines[i]
        cut = int(at * len(line))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "cut":  # the line loses its second part, as at a page the extractor lost
            lines[i] = line[:cut]
        elif op == "split":  # the line wraps in the middle
            lines[i : i + 1] = [line[:cut], line[cut:]]
        elif op == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
    return lines


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus folder {CORPUS} not found")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
@FEW
@given(edits=st.lists(edit, min_size=1, max_size=40))
def test_a_corpus_file_with_lines_deleted_duplicated_or_cut_still_parses_or_is_refused(path, edits):
    lines = _corpus_lines(path)
    damaged = "\n".join(apply_edits(lines, edits))
    parses_or_refuses(damaged.encode("utf-8"), path.name)


_cache: dict[Path, list[str]] = {}


def _corpus_lines(path: Path) -> list[str]:
    if path not in _cache:
        _cache[path] = path.read_text(encoding="utf-8").split("\n")
    return _cache[path]


# --- HTML pages: the same property through the HTML reader ------------------------------------

FIXTURES = Path(__file__).resolve().parent / "fixtures"
_MARKUP = [
    "<html>", "</html>", "<body>", "</body>", "<head>", "<meta charset=\"gbk\">", "<meta charset=\"x-unknown\">",
    "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th colspan=\"3\">", "<td rowspan=\"99\">",
    "<td rowspan=\"0\">", "<td colspan=\"abc\">", "<td colspan=\"-2\">", "<p>", "</p>", "<br>", "<div class=\"nav\">",
    "</div>", "<script>", "</script>", "<!--", "-->", "<pre>", "</pre>", "<sub>", "&nbsp;", "&#0;", "&lt;", "<![CDATA[",
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>", "<article>", "<main>", "<", ">", "\"", "'",
]
html_like_text = st.lists(
    st.one_of(st.sampled_from(_MARKUP), st.sampled_from(_PLAN_WORDS), st.text(max_size=6)), max_size=150
).map(lambda parts: "<!DOCTYPE html>" + "".join(parts))


@FEW
@given(page=html_like_text, encoding=st.sampled_from(["utf-8", "gb18030"]))
def test_any_markup_gives_a_valid_plan_or_a_plan_input_error(page, encoding):
    parses_or_refuses(page.encode(encoding, "replace"), "x.html")


def as_page(text: str) -> list[str]:
    """A text plan as the lines of an HTML page: tab rows in a <table>, other lines paragraphs."""
    out = ["<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\"></head><body>"]
    in_table = False
    for line in text.split("\n"):
        if "\t" in line:
            out += [] if in_table else ["<table>"]
            out.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in line.split("\t")) + "</tr>")
            in_table = True
            continue
        out += ["</table>"] if in_table else []
        in_table = False
        if line.strip():
            out.append(f"<p>{line}</p>")
    return [*out, "</table>" if in_table else "", "</body></html>"]


@pytest.mark.parametrize("name", ["jiangzhou-ecology-14th-plan.txt", "qinghe-county-14th-fyp.txt"])
@FEW
@given(edits=st.lists(edit, min_size=1, max_size=40))
def test_a_plan_page_with_markup_deleted_duplicated_or_cut_still_parses_or_is_refused(name, edits):
    page = as_page((FIXTURES / name).read_text(encoding="utf-8"))
    damaged = "\n".join(apply_edits(page, edits))
    parses_or_refuses(damaged.encode("utf-8"), name.replace(".txt", ".html"))
