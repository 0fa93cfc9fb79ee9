"""PostgreSQL: a sentence's tsvector built in Python, in tsvector's text form, for COPY.

Why: the search column was a generated column, to_tsvector('simple', grams), and with its GIN
index it was most of the time a plan took to store on PostgreSQL (issue 12: 0.4 plans/s). The
server's text parser reads every token of every sentence again; the tokens are already known here
(grams.tokens_of), so the writer sends them numbered (``tok:1 tok:2 …``) and the server only reads
them with tsvectorin, which sorts the lexemes and merges each one's positions. Migration 0016
made the column a plain one.

Why text and not the binary wire format (which an earlier version built): sorting the lexemes
and packing their positions in Python cost three times the numbering, and tsvectorin on the
server takes half of what to_tsvector does, on the other core while this one goes on writing
(scratch measurements in the session 6 note; bench/store.py measures the whole).

The vector must equal what to_tsvector('simple', grams) gives, or the index would answer
differently from a store written before: positions count tokens from 1, are clamped to 16383, and
each lexeme keeps at most 255 of them (PostgreSQL's MAXENTRYPOS and MAXNUMPOS); tsvectorin's
own limits are one position looser, so a sentence long enough to reach them gets them applied
here. tests/store/test_pg_vectors.py compares the two on every corpus sentence.
"""

from __future__ import annotations

MAX_POSITION = 16383  # WordEntryPos has 14 bits for the position; to_tsvector clamps to this
MAX_POSITIONS = 255  # to_tsvector keeps the first 255 distinct positions of a lexeme

_AT = [f":{i}" for i in range(1, MAX_POSITIONS + 1)]  # a token's position suffix, by index


def tsvector_text(tokens: list[str]) -> str:
    """The tsvector of a sentence's tokens (grams.tokens_of) in text form, as to_tsvector would
    build it. Tokens are letters and digits (grams.py), so no lexeme needs quoting.

    A sentence of at most MAX_POSITIONS tokens cannot reach either limit, so its tokens are only
    numbered (two C-level passes); a longer one is grouped by lexeme with the limits applied."""
    if len(tokens) <= MAX_POSITIONS:
        return " ".join(map(str.__add__, tokens, _AT))
    positions: dict[str, list[int]] = {}
    for at, token in enumerate(tokens, 1):
        found = positions.get(token)
        if found is None:
            positions[token] = [min(at, MAX_POSITION)]
        elif len(found) < MAX_POSITIONS and found[-1] < MAX_POSITION:  # clamped duplicates collapse
            found.append(min(at, MAX_POSITION))
    return " ".join(f"{token}:{','.join(map(str, at))}" for token, at in positions.items())
