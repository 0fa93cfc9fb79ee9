"""Full-text search over stored sentences, on SQLite (FTS5) and PostgreSQL (tsvector).

The specification is plain: a sentence is a hit exactly when its normalized text contains every
query word. So each corpus query is checked against that rule applied in Python to the stored
sentences, on both engines; the five corpus plans are ingested once per engine for the module.
"""

from __future__ import annotations

import uuid
from functools import lru_cache

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased, sessionmaker

from plantrack.ingest.pipeline import analyse, plan_document, text_units
from plantrack.ingest.read import decode_plan_bytes, read_plan_file
from plantrack.store.db import make_engine, migrate
from plantrack.store import search as search_module
from plantrack.store.grams import normalize
from plantrack.store.models import Plan, PlanVersion, Sentence
from plantrack.store.repository import store_plan
from plantrack.store.search import (
    MAX_QUERY_CHARS,
    SearchError,
    highlight,
    highlight_html,
    parse_query,
    search,
)

from ..conftest import CORPUS
from ..dbfixtures import ENGINES, _drop_pg_schema, _pg_schema_engine

YELLOW_RIVER = "shanxi-yellow-river-plan"


# --- stores ------------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def parsed_corpus() -> tuple[tuple[str, dict, str, list[dict]], ...]:
    """(key, document, source text, units) of each corpus plan, parsed once for both engines."""
    plans = []
    for path in sorted(CORPUS.glob("*.txt")):
        source = read_plan_file(path)
        doc = analyse(source)
        plans.append((path.stem, plan_document(doc), source.text, text_units(doc)))
    return tuple(plans)


@pytest.fixture(scope="module", params=ENGINES)
def corpus_store(request, tmp_path_factory) -> sessionmaker[Session]:
    """A store holding the five corpus plans, one per engine, shared by the module's tests.

    Built like dbfixtures.store_url (a fresh SQLite file, or a PostgreSQL schema dropped
    afterwards) but module-scoped: ingesting the corpus for every test would make the suite slow.
    """
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not next to the repository")
    schema = None
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('search') / 'plantrack.db'}")
    else:
        schema = f"t_{uuid.uuid4().hex[:12]}"
        engine = _pg_schema_engine(schema)
    try:
        migrate(engine)
        factory = sessionmaker(engine, expire_on_commit=False)
        with factory.begin() as session:
            for key, document, source_text, units in parsed_corpus():
                store_plan(session, document, source_text, units, key)
        yield factory
    finally:
        engine.dispose()
        if schema:
            _drop_pg_schema(schema)


@pytest.fixture
def session(corpus_store):
    with corpus_store() as s:
        yield s


def current_sentences(session: Session) -> list[tuple[str, int, str]]:
    """(plan key, line, text) of every sentence of each plan's newest version."""
    newest = (
        select(PlanVersion.plan_id, func.max(PlanVersion.number).label("number"))
        .group_by(PlanVersion.plan_id)
        .subquery()
    )
    v = aliased(PlanVersion)
    rows = session.execute(
        select(Plan.key, Sentence.line, Sentence.text)
        .join(v, v.id == Sentence.version_id)
        .join(Plan, Plan.id == v.plan_id)
        .join(newest, (newest.c.plan_id == v.plan_id) & (newest.c.number == v.number))
    ).all()
    return [tuple(r) for r in rows]


def expected_hits(session: Session, query: str, plan_key: str | None = None) -> list[tuple[str, int, str]]:
    """The specification: sentences whose normalized text contains every word of the query."""
    words = [normalize(w) for w in query.split()]
    return sorted(
        (key, line, text)
        for key, line, text in current_sentences(session)
        if all(w in normalize(text) for w in words) and (plan_key is None or key == plan_key)
    )


def all_hits(session: Session, query: str, **kwargs) -> list[tuple[str, int, str]]:
    page = search(session, query, limit=500, **kwargs)
    assert page.total <= 500, "query matches more than one page; the test would miss hits"
    return sorted((h.plan_key, h.line, h.text) for h in page.hits)


# --- the corpus ----------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["森林覆盖率", "水质", "黄河", "煤炭"])
def test_hits_are_the_sentences_containing_the_word(session, query):
    expected = expected_hits(session, query)
    assert expected, f"the corpus should mention {query}"
    page = search(session, query)
    assert page.total == len(expected)
    assert all_hits(session, query) == expected


def test_every_word_must_occur(session):
    both = expected_hits(session, "森林 覆盖率")
    assert search(session, "森林 覆盖率").total == len(both)
    assert all_hits(session, "森林 覆盖率") == both
    # 森林 and 覆盖率 apart also match, so there are at least as many as for the whole term
    assert len(both) >= search(session, "森林覆盖率").total
    assert len(both) < search(session, "森林").total


def test_one_character_word_is_found_by_the_index(session):
    expected = expected_hits(session, "煤")
    assert search(session, "煤").total == len(expected)
    # next to a longer word it filters that word's hits
    assert all_hits(session, "煤 清洁") == expected_hits(session, "煤 清洁")
    # a character that ends sentences (no pair starts with it there): found through its end token
    assert search(session, "。").total == len(expected_hits(session, "。"))


def test_query_is_normalized_like_the_text(session):
    """Full-width letters and digits and upper case find the half-width, lower-case text."""
    expected = expected_hits(session, "pm2.5")
    assert expected
    assert all_hits(session, "ＰＭ２.５") == expected
    assert all_hits(session, "PM2.5") == expected


def test_plan_filter(session):
    expected = expected_hits(session, "黄河", plan_key=YELLOW_RIVER)
    page = search(session, "黄河", plan_keys=[YELLOW_RIVER], limit=500)
    assert page.total == len(expected) < search(session, "黄河").total
    assert {h.plan_key for h in page.hits} == {YELLOW_RIVER}
    assert {h.plan_title for h in page.hits} == {"山西省黄河流域生态保护和高质量发展规划"}
    assert search(session, "黄河", plan_keys=YELLOW_RIVER).total == len(expected)  # one key, bare


def test_unknown_plan_key_is_refused(session):
    with pytest.raises(SearchError, match="没有键为“no-such-plan”的规划"):
        search(session, "黄河", plan_keys=[YELLOW_RIVER, "no-such-plan"])


def test_hits_carry_their_place_in_the_plan(session):
    hit = search(session, "森林覆盖率", plan_keys=[YELLOW_RIVER], limit=1).hits[0]
    assert hit.version == 1
    assert hit.section_path and hit.section_line and hit.section_line <= hit.line
    assert "【森林覆盖率】" in hit.snippet
    assert "<mark>森林覆盖率</mark>" in hit.snippet_html


def load_order(session: Session) -> dict[str, int]:
    return {key: i for i, key in enumerate(session.scalars(select(Plan.key).order_by(Plan.id)))}


def test_ranked_best_first_ties_in_stored_order(session):
    page = search(session, "生态", limit=200)
    assert page.ranked and len(page.hits) == 200
    order = load_order(session)
    for a, b in zip(page.hits, page.hits[1:]):
        assert a.score >= b.score
        if a.score == b.score:
            assert (order[a.plan_key], a.line) <= (order[b.plan_key], b.line)
    assert len({h.score for h in page.hits}) > 1  # really scored, not all equal


def test_too_many_hits_are_listed_in_stored_order(session, monkeypatch):
    """Past RANK_LIMIT nothing is scored: the total stays exact, hits come plan by plan in load
    order, each plan in reading order, and pages follow each other."""
    expected = expected_hits(session, "黄河")
    monkeypatch.setattr(search_module, "RANK_LIMIT", len(expected) - 1)
    page = search(session, "黄河", limit=500)
    assert not page.ranked and page.total == len(expected)
    order = load_order(session)
    keys = [(order[h.plan_key], h.line) for h in page.hits]
    assert keys == sorted(keys)
    assert sorted((h.plan_key, h.line, h.text) for h in page.hits) == expected
    assert {h.score for h in page.hits} == {0.0}
    second = search(session, "黄河", limit=20, offset=20)
    assert [(h.plan_key, h.line) for h in second.hits] == [(h.plan_key, h.line) for h in page.hits[20:40]]
    monkeypatch.setattr(search_module, "RANK_LIMIT", len(expected))
    assert search(session, "黄河").ranked


def test_pages_follow_each_other(session):
    whole = search(session, "黄河", limit=60)
    first = search(session, "黄河", limit=30)
    second = search(session, "黄河", limit=30, offset=30)
    assert first.total == second.total == whole.total
    assert [(h.plan_key, h.line, h.text) for h in first.hits + second.hits] == [
        (h.plan_key, h.line, h.text) for h in whole.hits
    ]
    beyond = search(session, "黄河", offset=whole.total + 10)
    assert beyond.hits == [] and beyond.total == whole.total


@pytest.mark.parametrize(
    "query",
    ['"黄河" OR 煤炭', "黄河 NOT 煤炭", "NEAR(黄河 煤炭)", "黄河* ^煤炭", "黄河 & !煤炭 | 水:*", "'); DROP TABLE sentence; --", "(黄河"],
)
def test_query_syntax_is_only_text(session, query):
    """Operators and quotes in a query are characters to find, never FTS5 or tsquery syntax."""
    assert all_hits(session, query) == expected_hits(session, query)
    assert search(session, "黄河").total > 0  # and the table is still there


# --- bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "   ", "\u3000\t\n"])
def test_empty_query_is_refused(session, query):
    with pytest.raises(SearchError, match="检索词不能为空"):
        search(session, query)


def test_long_query_is_refused(session):
    with pytest.raises(SearchError, match="检索词过长"):
        search(session, "黄" * (MAX_QUERY_CHARS + 1))
    assert parse_query("黄" * MAX_QUERY_CHARS).words


def test_bad_paging_is_refused(session):
    with pytest.raises(SearchError, match="每页条数"):
        search(session, "黄河", limit=0)
    with pytest.raises(SearchError, match="起始位置"):
        search(session, "黄河", offset=-1)


def test_search_error_is_a_value_error():
    assert issubclass(SearchError, ValueError)


# --- a plan of our own: escaping, versions ------------------------------------------------------

TINY_PLAN = """某县生态保护规划

第一章 总体要求

页面中出现脚本字样时，应当按原文显示，A&B 两类水质均须达标。

第二章 主要任务

到2025年，全县森林覆盖率达到30%。
"""

SCRIPT_SENTENCE = '页面中出现 <script>alert("水质")</script> 字样时，应当按原文显示，A&B 两类水质均须达标。'


def store_text(session: Session, key: str, plan_text: str, replace: dict[int, str] | None = None) -> None:
    """Parse plan_text and store it under key, with some units' text replaced (by line): the
    parser strips HTML tags, but the store must show safely whatever text it holds."""
    doc = analyse(decode_plan_bytes(plan_text.encode("utf-8"), f"{key}.txt"))
    units = text_units(doc)
    for u in units:
        u["text"] = (replace or {}).get(u["line"], u["text"])
    store_plan(session, plan_document(doc), plan_text, units, key)


def test_snippets_mark_words_and_escape_html(session_factory):
    with session_factory.begin() as s:
        store_text(s, "tiny", TINY_PLAN, {5: SCRIPT_SENTENCE})
    with session_factory() as s:
        page = search(s, "script 水质")
        assert page.total == 1
        hit = page.hits[0]
        assert hit.text == SCRIPT_SENTENCE
        assert hit.section_path == "第一章 总体要求" and hit.section_line == 3 and hit.line == 5
        assert hit.snippet == (
            '页面中出现 <【script】>alert("【水质】")</【script】> 字样时，应当按原文显示，A&B 两类【水质】均须达标。'
        )
        assert hit.snippet_html == (
            "页面中出现 &lt;<mark>script</mark>&gt;alert(&quot;<mark>水质</mark>&quot;)&lt;/<mark>script</mark>&gt; "
            "字样时，应当按原文显示，A&amp;B 两类<mark>水质</mark>均须达标。"
        )
        assert "<script>" not in hit.snippet_html
        assert search(s, "<script>").total == 1  # the brackets are text to find, too


def test_current_version_only_unless_asked(session_factory):
    with session_factory.begin() as s:
        store_text(s, "tiny", TINY_PLAN)
        store_text(s, "other", TINY_PLAN.replace("某县", "另一县"))
    with session_factory.begin() as s:
        store_text(s, "tiny", TINY_PLAN.replace("森林覆盖率达到30%", "森林覆盖率达到32%"))
    with session_factory.begin() as s:
        store_text(s, "tiny", TINY_PLAN.replace("森林覆盖率达到30%", "森林覆盖率达到35%"))
    with session_factory() as s:
        page = search(s, "森林覆盖率", plan_keys=["tiny"])
        assert [(h.version, h.text) for h in page.hits] == [(3, "到2025年，全县森林覆盖率达到35%。")]
        assert search(s, "森林覆盖率").total == 2  # tiny's third version and other's first
        assert search(s, "森 35").total == 1  # one-character words are filtered the same way
        every = search(s, "森林覆盖率", plan_keys=["tiny"], all_versions=True)
        assert sorted((h.version, h.text) for h in every.hits) == [
            (1, "到2025年，全县森林覆盖率达到30%。"),
            (2, "到2025年，全县森林覆盖率达到32%。"),
            (3, "到2025年，全县森林覆盖率达到35%。"),
        ]


def test_one_character_sentence_is_found(session_factory):
    with session_factory.begin() as s:
        store_text(s, "tiny", TINY_PLAN, {9: "Ｘ"})
    with session_factory() as s:
        assert [h.text for h in search(s, "x").hits] == ["Ｘ"]


def test_deleted_plans_leave_the_index(session_factory):
    with session_factory.begin() as s:
        store_text(s, "tiny", TINY_PLAN)
    with session_factory.begin() as s:
        assert search(s, "森林覆盖率").total == 1
        s.delete(s.scalar(select(Plan).where(Plan.key == "tiny")))
    with session_factory() as s:
        assert search(s, "森林覆盖率").total == 0


# --- highlighting, pure ----------------------------------------------------------------------------


def test_highlight_maps_normalized_words_back_to_the_text():
    assert highlight("ＰＭ２.５浓度下降", ["pm2.5"]) == "【ＰＭ２.５】浓度下降"
    assert highlight("森林 覆盖率", ["森林覆盖率"]) == "【森林 覆盖率】"


def test_highlight_merges_overlapping_words():
    assert highlight("森林覆盖率", ["森林覆盖", "覆盖率"]) == "【森林覆盖率】"
    assert highlight_html("a<b", ["<"]) == "a<mark>&lt;</mark>b"
