"""PostgreSQL search at scale (store/search.py _TsvectorMatches): a query with more matches than
the sample reads is answered from its first matches in physical order, with an estimated total;
the hits stay real hits, and fewer matches are counted and scored exactly.

The limits are lowered so the five corpus plans behave like a large store. Runs where
PLANTRACK_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.orm import sessionmaker

from plantrack.store import search as search_module
from plantrack.store.db import make_engine, migrate
from plantrack.store.repository import store_plan
from plantrack.store.search import search

from ..conftest import CORPUS
from ..dbfixtures import PG_URL, _drop_pg_schema, _pg_schema_engine
from .test_search import expected_hits, parsed_corpus

pytestmark = pytest.mark.skipif(not PG_URL, reason="PLANTRACK_TEST_DATABASE_URL is unset")


@pytest.fixture(scope="module")
def pg_store():
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not next to the repository")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = _pg_schema_engine(schema)
    try:
        migrate(engine)
        factory = sessionmaker(engine, expire_on_commit=False)
        with factory.begin() as session:
            for key, document, source_text, units in parsed_corpus():
                store_plan(session, document, source_text, units, key)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE sentence"))
        yield factory
    finally:
        engine.dispose()
        _drop_pg_schema(schema)


@pytest.fixture
def small_limits(monkeypatch):
    """Limits scaled down to the corpus: a sample of 30 matches, estimates past 100 hits in a table
    of any size."""
    monkeypatch.setattr(search_module, "PG_COUNT_LIMIT", 100)
    monkeypatch.setattr(search_module, "PG_SMALL_TABLE_BLOCKS", 0)
    monkeypatch.setattr(search_module, "PG_SAMPLE_MATCHES", 30)


def _key(hit):
    return (hit.plan_key, hit.line, hit.text)


def test_common_word_is_sampled_with_an_estimated_total(pg_store, small_limits):
    with pg_store() as session:
        expected = expected_hits(session, "黄河")
        first = search(session, "黄河", limit=20)
        second = search(session, "黄河", limit=20, offset=20)
        assert not first.exact and not first.ranked
        assert len(expected) / 3 <= first.total <= len(expected) * 3  # an estimate, of the right size
        assert len(first.hits) == len(second.hits) == 20
        hits = [_key(h) for h in first.hits + second.hits]
        assert set(hits) <= set(expected)  # real hits only
        assert len(set(hits)) == 40  # pages do not overlap


def test_sampled_pages_are_the_first_matches_in_physical_order(pg_store, small_limits):
    """The sampled pages are cut from the first matches as the table holds them (roughly load
    order), each page sorted by id: together they are exactly those matches, none twice."""
    with pg_store() as session:
        first = search(session, "黄河", limit=15)
        second = search(session, "黄河", limit=15, offset=15)
        physical = session.execute(text(
            "SELECT s.id FROM sentence s WHERE s.search @@ to_tsquery('simple', :q) ORDER BY s.ctid LIMIT 30"),
            {"q": search_module.parse_query("黄河").tsquery()}).scalars().all()
        rows = search_module._details(session, physical)
    at = {i: (rows[i].key, rows[i].line, rows[i].text) for i in physical}
    assert not first.exact and not second.exact
    assert [_key(h) for h in first.hits] == [at[i] for i in sorted(physical[:15])]
    assert [_key(h) for h in second.hits] == [at[i] for i in sorted(physical[15:])]


def test_small_store_is_counted_exactly(pg_store):
    """Five plans are a small table: a common word is counted, not estimated."""
    with pg_store() as session:
        expected = expected_hits(session, "。")
        page = search(session, "。", limit=20)
        assert len(expected) > search_module.PG_SAMPLE_MATCHES
        assert page.exact and page.total == len(expected)


def test_rare_word_is_counted_exactly(pg_store, small_limits):
    with pg_store() as session:
        expected = expected_hits(session, "碳达峰")
        page = search(session, "碳达峰", limit=500)
        assert page.exact and page.total == len(expected)
        assert sorted(_key(h) for h in page.hits) == expected


def test_small_estimate_is_counted_and_scored_exactly(pg_store, small_limits, monkeypatch):
    """A query with more matches than the sample but an estimate under PG_COUNT_LIMIT is counted
    and scored exactly after all: a few thousand rechecks cost little more than the sample."""
    monkeypatch.setattr(search_module, "PG_SAMPLE_MATCHES", 3)
    with pg_store() as session:
        expected = expected_hits(session, "碳达峰")
        assert len(expected) > 3
        page = search(session, "碳达峰", limit=3)
        assert page.exact and page.ranked and page.total == len(expected)
        everything = search(session, "碳达峰", limit=500)
        assert [_key(h) for h in page.hits] == [_key(h) for h in everything.hits[:3]]  # the best three


def test_every_sampled_page_shows_the_same_estimate(pg_store, small_limits):
    """A deeper page reads more matches, but the total it shows is the first page's: 约 N does not
    change while the reader pages through."""
    with pg_store() as session:
        pages = [search(session, "黄河", limit=20, offset=offset) for offset in (0, 20, 40, 80)]
    assert all(not p.exact for p in pages)
    assert len({p.total for p in pages}) == 1


def test_deep_page_past_the_sample_is_exact(pg_store, small_limits):
    with pg_store() as session:
        expected = expected_hits(session, "黄河")
        page = search(session, "黄河", limit=10, offset=len(expected) - 5)
        assert page.exact and page.total == len(expected) and len(page.hits) == 5


def test_settings_are_restored_after_sampling(pg_store, small_limits):
    with pg_store() as session:
        search(session, "黄河")
        assert session.scalar(text("SELECT current_setting('enable_seqscan')")) == "on"
        assert session.scalar(text("SELECT current_setting('enable_indexscan')")) == "on"


def test_last_page_of_a_query_too_common_to_score_is_cut_from_the_matches_read(pg_store):
    """The last page of a word with more hits than are scored: the first pass read every match, so
    the page is cut from them in stored order, exactly, without reading them all again."""
    with pg_store() as session:
        expected = expected_hits(session, "。")
        assert len(expected) > search_module.PG_RANK_LIMIT
        page = search(session, "。", limit=50, offset=len(expected) - 20)
        everything = [_key(h) for offset in range(0, len(expected), 500)
                      for h in search(session, "。", limit=500, offset=offset).hits]
    assert page.exact and not page.ranked and page.total == len(expected)
    assert [_key(h) for h in page.hits] == everything[-20:]
    assert sorted(everything) == expected
