"""PostgreSQL: a sentence's tsvector built in Python and sent in COPY's binary format.

Why: the search column was a generated column, to_tsvector('simple', grams), and with its GIN
index it was most of the time a plan took to store on PostgreSQL (issue 12: 0.4 plans/s). The
server's text parser reads every token of every sentence again; the tokens are already known here
(grams.tokens_of), so the writer sends the finished vector, lexemes sorted with their positions,
which the server only copies (tsvectorrecv). Migration 0016 made the column a plain one.

The vector must equal what to_tsvector('simple', grams) gives, or the index would answer
differently from a store written before: positions count tokens from 1, are clamped to 16383, and
each lexeme keeps at most 255 of them (PostgreSQL's MAXENTRYPOS and MAXNUMPOS); the lexemes are
sorted bytewise. tests/store/test_pg_vectors.py compares the two on every corpus sentence.
"""

from __future__ import annotations

import struct
from functools import lru_cache

from .grams import tokens_of

MAX_POSITION = 16383  # WordEntryPos has 14 bits for the position; to_tsvector clamps to this
MAX_POSITIONS = 255  # to_tsvector keeps the first 255 distinct positions of a lexeme
TSVECTOR_OID = 3614  # pg_type.oid of tsvector, fixed since PostgreSQL 8.3

_COUNT = struct.Struct("!i")


class TsVector(bytes):
    """A tsvector in PostgreSQL's binary wire format (what tsvectorsend writes)."""


def tsvector_of(tokens: list[str]) -> TsVector:
    """The binary tsvector of a sentence's tokens (grams.tokens_of), as to_tsvector would build it."""
    positions: dict[str, list[int]] = {}
    for at, token in enumerate(tokens, 1):
        found = positions.get(token)
        if found is None:
            positions[token] = [at if at < MAX_POSITION else MAX_POSITION]
        elif len(found) < MAX_POSITIONS and found[-1] < MAX_POSITION:  # clamped duplicates collapse
            found.append(at if at < MAX_POSITION else MAX_POSITION)
    out = [_COUNT.pack(len(positions))]
    for token in sorted(positions):  # ASCII tokens: str order is PostgreSQL's bytewise order
        at = positions[token]
        out.append(token.encode("ascii") + b"\0" + struct.pack(f"!H{len(at)}H", len(at), *at))
    return TsVector(b"".join(out))


def text_vector(text: str) -> TsVector:
    return tsvector_of(tokens_of(text))


def register(cursor) -> None:
    """Teach a psycopg 3 cursor (only it: adapters are copied on write) to send TsVector values
    as binary tsvectors."""
    cursor.adapters.register_dumper(TsVector, _dumper())


@lru_cache(maxsize=1)
def _dumper():
    from psycopg.adapt import Dumper
    from psycopg.pq import Format

    class TsVectorDumper(Dumper):
        format = Format.BINARY
        oid = TSVECTOR_OID

        def dump(self, obj):
            return obj

    return TsVectorDumper
