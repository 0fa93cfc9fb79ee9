"""The tsvector the writer builds (store/pg_vectors.py) is exactly what to_tsvector('simple', grams)
gives on the server, so stores written before and after migration 0016 answer alike.

The comparison needs a PostgreSQL server (PLANTRACK_TEST_DATABASE_URL); the token order and the
position limits are checked in Python too."""

from __future__ import annotations

import psycopg
import pytest

from plantrack.store.db import database_url
from plantrack.store.grams import grams_of, tokens_of
from plantrack.store.pg_vectors import MAX_POSITION, MAX_POSITIONS, tsvector_text

from ..conftest import CORPUS
from ..dbfixtures import PG_URL

needs_pg = pytest.mark.skipif(not PG_URL, reason="PLANTRACK_TEST_DATABASE_URL is unset")

SYNTHETIC = [
    "到2025年，全县森林覆盖率达到30%。",
    "Ｘ",  # one character: only its end token
    "ＰＭ２.５浓度下降，pm2.5 达标",  # full-width and half-width fold to the same tokens
    "黄河" * 300,  # a pair repeated past the 255 positions a lexeme keeps
    "水" * 255,  # the longest sentence whose tokens are only numbered
    "水" * 256,  # the shortest one grouped by lexeme
    "水" * 17000,  # positions past 16383 are clamped, and clamped duplicates collapse
    "甲乙" * 9000 + "丙丁",  # a lexeme that first occurs past the clamp
    "'\\\"; DROP TABLE x; -- <b>&amp;</b>",  # quotes and backslashes are characters, not syntax
]


def _server_and_ours(texts: list[str]) -> list[tuple[str, str]]:
    """(to_tsvector on the server, our vector read back by the server) as text, for each text."""
    url = database_url(PG_URL).replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        cur.execute("CREATE TEMPORARY TABLE v (i int, grams text, ours tsvector)")
        with cur.copy("COPY v (i, grams, ours) FROM STDIN") as copy:
            for i, t in enumerate(texts):
                copy.write_row([i, grams_of(t), tsvector_text(tokens_of(t))])
        cur.execute("SELECT to_tsvector('simple'::regconfig, grams)::text, ours::text FROM v ORDER BY i")
        return cur.fetchall()


@needs_pg
def test_synthetic_vectors_equal_the_servers():
    for text_, (server, ours) in zip(SYNTHETIC, _server_and_ours(SYNTHETIC)):
        assert ours == server, text_[:40]


@needs_pg
def test_corpus_vectors_equal_the_servers():
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not next to the repository")
    texts = [line for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text("utf-8").splitlines() if line.strip()]
    pairs = _server_and_ours(texts)
    different = [t for t, (server, ours) in zip(texts, pairs) if server != ours]
    assert len(pairs) == len(texts) > 1000
    assert different == []


def _lexemes(vector: str) -> dict[str, list[int]]:
    """The text form read back: each lexeme's positions, merged as tsvectorin merges them."""
    out: dict[str, list[int]] = {}
    for item in vector.split():
        lexeme, positions = item.split(":")
        out.setdefault(lexeme, []).extend(int(p) for p in positions.split(","))
    return out


def test_tokens_numbered_from_one():
    lexemes = _lexemes(tsvector_text(tokens_of("森林覆盖森林")))
    assert lexemes["g68eeg6797"] == [1, 5]  # 森林 opens and closes the text
    assert lexemes["g6797gend"] == [6]


def test_positions_are_bounded_like_the_servers():
    lexemes = _lexemes(tsvector_text(tokens_of("水" * 17000)))
    assert len(lexemes["g6c34g6c34"]) == MAX_POSITIONS
    tail = _lexemes(tsvector_text(tokens_of("甲乙" * 9000 + "丙丁")))
    assert tail["g4e19g4e01"] == [MAX_POSITION]  # 丙丁 lies past the clamp: one clamped position
