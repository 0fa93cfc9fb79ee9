"""Full-text search over the sentences of every stored plan.

A query is words separated by white space; a sentence matches when its normalized text
(grams.normalize: NFKC, lower case, no white space) contains every word as a substring. That is
what a reader of Chinese plans expects: 森林覆盖率 finds the sentences that say it, however a word
segmenter would have cut them.

How each word is found, and why (store/grams.py has the tokens):
- A word of two or more characters becomes its pair tokens, searched as a phrase in the engine's
  own index: FTS5 ``"t1 t2 t3"`` on SQLite, ``t1 <-> t2 <-> t3`` on PostgreSQL. Pairs in a row
  match exactly where the word is a substring, so the index answers exactly.
- A one-character word has no pair; it is the first half of exactly one token wherever it occurs
  (the last character is paired with "end"), so it is a prefix query: ``g6c34g*`` / ``g6c34g:*``.
- Filters are index terms too (Sentence.scope, migration 0007): ``p<plan id>`` for a plan,
  ``superseded`` for sentences of older versions, excluded unless all versions are asked for.

The user's text never reaches FTS5 or tsquery syntax: only tokens derived from it do, and they are
letters and digits.

Ranking is the engine's: FTS5 bm25 (negated, so larger is better on both engines) and PostgreSQL
ts_rank; equal scores go in stored order (sentence id: plans in the order they were loaded, each
in reading order). The hits are the same on both engines; the scores, and so the order of hits
with different scores, are not.

Cost: scoring touches every match (FTS5 bm25 ~1.5 µs a hit, it looks up each row's length), so
a query with more than RANK_LIMIT hits is not scored: its hits are listed in stored order, and the
page says so (SearchPage.ranked). On SQLite the count comes first and reads only the index (83,800
hits of 黄河 in ~3 ms over 1,000 plans); stored order is the index's own, so no sort. PostgreSQL
rechecks every match on the heap (phrases need positions), so there the first pass reads only as
many matches as it needs (below), and a second pass scores few enough hits. bench/store.py measures.

PostgreSQL at scale (issue 12): the GIN index finds candidates from its posting lists in a few
milliseconds, but every candidate of a phrase is rechecked on its heap row, so counting a word of
80,000 sentences exactly takes over a second on an idle core. So the matches are read as the
index's bitmap gives them, in the table's physical order, and reading stops after the first
PG_SAMPLE_MATCHES (or as many as the page needs): a few milliseconds for any word. When the
matches run out before that, the count is exact (and up to PG_RANK_LIMIT hits are scored); when
they do not, the total is their density in the blocks they spanned over the whole table: an
estimate, SearchPage.exact False, shown as 约 N (within a few per cent on the 1,000-plan bench
store, where a thousand matches span a dozen plans or more), and the pages are those matches in
physical order, each page sorted by id. Physical order is roughly stored order (plans in the
order they were loaded), not exactly: COPY puts a short row into an earlier page that still has
room, and a deleted plan's space is reused by later ones. Pages cut from the same physical
order never overlap or skip a hit, which pages cut from an id-sorted sample would as the sample
grows with the offset. An estimate of at most PG_COUNT_LIMIT, or any in a table of at most
PG_SMALL_TABLE_BLOCKS, is counted (and scored) exactly instead, which costs little more. Not
chosen: the RUM index (ranked phrase search from the index alone) is not in Debian's default
PostgreSQL packages here and would make an extension a requirement of the store.
"""

from __future__ import annotations

import html
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

from sqlalchemy import Float, func, literal, literal_column, select, text
from sqlalchemy.orm import Session

from .grams import SUPERSEDED, char_prefix, normalize, pairs, plan_word
from .models import Plan, PlanVersion, Section, Sentence

MAX_QUERY_CHARS = 100
MAX_LIMIT = 500
# Above this many hits the matches are not scored but listed in stored order (plan by plan, each
# in reading order): scoring costs ~1.5 µs a hit on SQLite, and past ten thousand sentences a
# relevance order tells a reader little that adding a word or choosing plans would not.
RANK_LIMIT = 10_000
# PostgreSQL reads each match's row to check the phrase, so it scores fewer and samples common
# words instead of counting them (_TsvectorMatches; bench/store.py measures, README says what).
PG_RANK_LIMIT = 2_000
PG_COUNT_LIMIT = 2_000
PG_SAMPLE_MATCHES = 1_000  # ~5 ms of heap reads; fewer gave estimates off by half (clustered hits)
PG_SMALL_TABLE_BLOCKS = 4_000  # 32 MB of sentences (a dozen plans): rechecking all of it is cheap, so count


class SearchError(ValueError):
    """A query the search cannot run (empty, too long, bad paging, unknown plan); Chinese message."""


@dataclass(frozen=True)
class ParsedQuery:
    """The words of a query, normalized, and the index terms each becomes."""

    words: tuple[str, ...]  # normalized, duplicates removed, in the order given
    phrases: tuple[tuple[str, ...], ...]  # pair tokens of each word of 2+ characters
    prefixes: tuple[str, ...]  # each one-character word as the start of its tokens (grams.char_prefix)

    def fts5(self) -> str:
        """The FTS5 MATCH expression: each word's tokens as a quoted phrase or a prefix, all required."""
        return " AND ".join(['"' + " ".join(p) + '"' for p in self.phrases] + [f"{p}*" for p in self.prefixes])

    def tsquery(self) -> str:
        """The to_tsquery('simple', …) text: each word's tokens in a row (<->) or a prefix (:*), all required (&)."""
        return " & ".join(["(" + " <-> ".join(p) + ")" for p in self.phrases] + [f"{p}:*" for p in self.prefixes])


@dataclass
class SearchHit:
    plan_key: str
    plan_title: str | None
    version: int
    section_path: str | None
    section_line: int | None
    line: int
    text: str
    snippet: str  # the sentence with each query word in 【】
    snippet_html: str  # the sentence, HTML-escaped, with each query word in <mark></mark>
    score: float  # larger is better; comparable only within one engine


@dataclass
class SearchPage:
    query: str
    words: list[str]
    total: int  # hits over all pages
    limit: int
    offset: int
    ranked: bool = True  # False: too many hits to score, listed in stored order (RANK_LIMIT)
    exact: bool = True  # False: total is an estimate (PostgreSQL past PG_COUNT_LIMIT hits), shown as 约 N
    hits: list[SearchHit] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)


def parse_query(query: str) -> ParsedQuery:
    """Split and normalize a query, refusing what cannot be searched with a message the user can act on."""
    if query is None or not query.strip():
        raise SearchError("请输入要检索的词语（检索词不能为空）。")
    if len(query.strip()) > MAX_QUERY_CHARS:
        raise SearchError(f"检索词过长（{len(query.strip())} 个字符），最多 {MAX_QUERY_CHARS} 个字符，请缩短后再试。")
    words: list[str] = []
    for raw in query.split():
        word = normalize(raw)
        if word and word not in words:
            words.append(word)
    if not words:
        raise SearchError("检索词中没有可检索的字符，请换一个词语。")
    phrases = tuple(tuple(pairs(w)) for w in words if len(w) >= 2)
    prefixes = tuple(char_prefix(w) for w in words if len(w) == 1)
    return ParsedQuery(tuple(words), phrases, prefixes)


def search(
    session: Session,
    query: str,
    plan_keys: list[str] | None = None,
    all_versions: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> SearchPage:
    """One page of the sentences matching every word of query, best first, with the total.

    Only the current (newest) version of each plan is searched unless all_versions; plan_keys,
    when given and not empty, restricts the search to those plans.
    """
    parsed = parse_query(query)
    if isinstance(plan_keys, str):  # one key given bare would otherwise be read as its characters
        plan_keys = [plan_keys]
    if not 1 <= limit <= MAX_LIMIT:
        raise SearchError(f"每页条数应在 1 到 {MAX_LIMIT} 之间，收到 {limit}。")
    if offset < 0:
        raise SearchError(f"起始位置不能为负数，收到 {offset}。")
    plan_ids = _plan_ids(session, plan_keys) if plan_keys else None

    matches = _matches_for(session.get_bind().dialect.name, parsed, plan_ids, all_versions)
    rows, total, ranked, exact = matches.page(session, limit, offset)
    details = _details(session, [r.id for r in rows])
    hits = []
    for r in rows:
        d = details[r.id]
        hits.append(
            SearchHit(
                plan_key=d.key,
                plan_title=d.title,
                version=d.number,
                section_path=d.path,
                section_line=d.section_line,
                line=d.line,
                text=d.text,
                snippet=highlight(d.text, parsed.words),
                snippet_html=highlight_html(d.text, parsed.words),
                score=float(r.score),
            )
        )
    return SearchPage(
        query=query, words=list(parsed.words), total=total, limit=limit, offset=offset, ranked=ranked, exact=exact,
        hits=hits
    )


def _details(session: Session, ids: list[int]) -> dict[int, object]:
    """What a hit shows, for the sentences of one page, by sentence id."""
    if not ids:
        return {}
    rows = session.execute(
        select(
            Sentence.id,
            Plan.key,
            Plan.title,
            PlanVersion.number,
            Section.path,
            Section.line.label("section_line"),
            Sentence.line,
            Sentence.text,
        )
        .join(PlanVersion, PlanVersion.id == Sentence.version_id)
        .join(Plan, Plan.id == PlanVersion.plan_id)
        .outerjoin(Section, Section.id == Sentence.section_id)
        .where(Sentence.id.in_(ids))
    ).all()
    return {r.id: r for r in rows}


def _plan_ids(session: Session, plan_keys: list[str]) -> list[int]:
    """The ids of the plans named, refusing unknown keys with a message naming them."""
    plan_keys = list(dict.fromkeys(plan_keys))
    known = {k: i for k, i in session.execute(select(Plan.key, Plan.id).where(Plan.key.in_(plan_keys)))}
    missing = [k for k in plan_keys if k not in known]
    if missing:
        raise SearchError(f"没有键为“{'”“'.join(missing)}”的规划，无法限定检索范围。可用 plantrack plans 查看目录。")
    return [known[k] for k in plan_keys]


# --- the matches of a query, per engine -------------------------------------------------------------


def _matches_for(dialect: str, parsed: ParsedQuery, plan_ids: list[int] | None, all_versions: bool):
    if dialect == "sqlite":
        return _Fts5Matches(parsed, plan_ids, all_versions)
    if dialect == "postgresql":
        return _TsvectorMatches(parsed, plan_ids, all_versions)
    raise SearchError(f"全文检索不支持 {dialect} 数据库。")


class _Fts5Matches:
    """SQLite: one FTS5 MATCH carries the words and the filters (plan, current version) as index
    terms, so neither counting, nor scoring, nor paging reads a sentence row."""

    def __init__(self, parsed: ParsedQuery, plan_ids: list[int] | None, all_versions: bool):
        expression = f"grams : ({parsed.fts5()})"
        if plan_ids:
            expression = f"({expression}) AND scope : ({' OR '.join(plan_word(i) for i in plan_ids)})"
        if not all_versions:
            expression = f"({expression}) NOT scope : {SUPERSEDED}"
        self.expression = expression

    def _select(self, columns: str, tail: str = "", **params):
        return text(f"SELECT {columns} FROM sentence_fts WHERE sentence_fts MATCH :fts {tail}").bindparams(
            fts=self.expression, **params
        )

    def page(self, session: Session, limit: int, offset: int) -> tuple[list, int, bool, bool]:
        """(rows of id and score, total, ranked, exact: always, here). Counting reads the index alone (no scores, no
        rows), so it is cheap even for common words; the count then decides whether scoring every
        match is affordable (module doc, "Cost")."""
        total = session.execute(self._select("count(*)")).scalar_one()
        ranked = total <= RANK_LIMIT
        statement = self.ranked_page(limit, offset) if ranked else self.ordered_page(limit, offset)
        return session.execute(statement).all(), total, ranked, True

    def ordered_page(self, limit: int, offset: int):
        return self._select("rowid AS id, 0.0 AS score", "ORDER BY rowid LIMIT :limit OFFSET :offset", limit=limit, offset=offset)

    def ranked_page(self, limit: int, offset: int):
        # bm25 is smaller for better matches; negated so larger is better on both engines.
        return self._select(
            "rowid AS id, -bm25(sentence_fts) AS score",
            "ORDER BY bm25(sentence_fts), rowid LIMIT :limit OFFSET :offset",
            limit=limit,
            offset=offset,
        )


class _TsvectorMatches:
    """PostgreSQL: the GIN index over the stored tsvector finds candidates, each rechecked on the
    heap (phrases need positions, which GIN does not keep): every match costs a heap visit, and
    a common word has tens of thousands (module doc, "PostgreSQL at scale"). So the first pass
    reads at most offset + limit (at least PG_SAMPLE_MATCHES) matches in physical order:

    - fewer than that: they are all the matches, counted exactly; up to PG_RANK_LIMIT are scored
      by a second pass over the same few rows;
    - as many: the total is estimated from the blocks they spanned (SearchPage.exact False) and
      the page is cut from those matches in physical order (module doc), unless the estimate
      (PG_COUNT_LIMIT) or the table (PG_SMALL_TABLE_BLOCKS) is small enough to count and score
      exactly after all.
    """

    def __init__(self, parsed: ParsedQuery, plan_ids: list[int] | None, all_versions: bool):
        self.parsed = parsed
        self.tsquery = func.to_tsquery(literal_column("'simple'::regconfig"), parsed.tsquery())
        self.vector = literal_column("sentence.search")
        where = [self.vector.op("@@")(self.tsquery)]
        if plan_ids:
            where.append(Sentence.version_id.in_(select(PlanVersion.id).where(PlanVersion.plan_id.in_(plan_ids))))
        if not all_versions:
            where.append(~Sentence.scope.endswith(" " + SUPERSEDED))
        self.where = where

    def page(self, session: Session, limit: int, offset: int) -> tuple[list, int, bool, bool]:
        """(rows of id and score, total, ranked, exact)."""
        want = max(offset + limit, PG_SAMPLE_MATCHES)
        found = self.first_matches(session, want)
        if len(found) < want:  # every match seen: the count is exact
            total = len(found)
            if total > min(RANK_LIMIT, PG_RANK_LIMIT):  # too many to score: the page is already in hand
                return [_Unscored(i) for i in sorted(r.id for r in found)[offset:offset + limit]], total, False, True
        else:
            # from the first sample only, however deep the page: every page of a query shows the same 约 N
            estimate, blocks = _estimated_total(session, found[:PG_SAMPLE_MATCHES])
            if estimate > PG_COUNT_LIMIT and blocks > PG_SMALL_TABLE_BLOCKS:
                ids = sorted(r.id for r in found[offset:offset + limit])
                return [_Unscored(i) for i in ids], estimate, False, False
            total = session.scalar(select(func.count()).select_from(Sentence).where(*self.where)) or 0
        if total > min(RANK_LIMIT, PG_RANK_LIMIT):
            return session.execute(self.ordered_page(limit, offset)).all(), total, False, True
        return session.execute(self.ranked_page(limit, offset)).all(), total, True, True

    def first_matches(self, session: Session, want: int) -> list:
        """The first `want` matches in physical order, with the block each lies in: the index's
        bitmap read block by block, stopping at the LIMIT (the bitmap is built whole, which costs
        milliseconds; the heap rows past the limit are never read)."""
        block = literal_column("(sentence.ctid::text::point)[0]")
        with _bitmap_scans_only(session):
            return session.execute(select(Sentence.id, block.label("block")).where(*self.where).limit(want)).all()

    def ordered_page(self, limit: int, offset: int):
        # Materialized, so the matches come from the GIN index; with ORDER BY id and LIMIT in the
        # same statement the planner walks the primary key instead, testing every row (1.7 s instead
        # of 0.36 s for 黄河 over 1,000 plans).
        ids = select(Sentence.id).where(*self.where).cte("m").prefix_with("MATERIALIZED")
        return select(ids.c.id, literal(0.0, Float).label("score")).order_by(ids.c.id).limit(limit).offset(offset)

    def ranked_page(self, limit: int, offset: int):
        score = func.ts_rank(self.vector, self.tsquery).cast(Float)
        return (
            select(Sentence.id, score.label("score"))
            .where(*self.where)
            .order_by(score.desc(), Sentence.id)
            .limit(limit)
            .offset(offset)
        )


@dataclass(frozen=True)
class _Unscored:
    id: int
    score: float = 0.0


def _estimated_total(session: Session, found: list) -> tuple[int, int]:
    """The matches over the whole table, at the density `found` (the first matches in physical
    order) has in the blocks it spans, to two significant digits as 约 N says; and the table's
    blocks."""
    blocks = session.scalar(text("SELECT pg_relation_size('sentence') / current_setting('block_size')::int")) or 1
    guess = len(found) * blocks / (max(r.block for r in found) + 1)
    digits = max(0, len(str(int(guess))) - 2)
    return max(len(found), int(round(guess, -digits))), blocks


@contextmanager
def _bitmap_scans_only(session: Session):
    """Sequential and plain index scans off for the statements inside (put back afterwards), so
    the planner reads the GIN index's bitmap: a sequential scan would test every row until the
    LIMIT (seconds for a word rarer than it guessed) and may start mid-table, where another scan
    is (synchronized scans); a walk of the primary key tests every row too."""
    previous = session.execute(text(
        "SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan')")).one()
    session.execute(text("SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)"))
    try:
        yield
    finally:
        session.execute(text("SELECT set_config('enable_seqscan', :s, true), set_config('enable_indexscan', :i, true)"),
                        {"s": previous[0], "i": previous[1]})


# --- highlighting ----------------------------------------------------------------------------------


def marked_spans(text_: str, words: tuple[str, ...] | list[str]) -> list[tuple[int, int]]:
    """Where the (normalized) words occur in text, as merged [start, end) spans of the original text.

    Matching is on the normalized text, so each character is normalized on its own and mapped back
    to where it came from; the spans then cover the original characters, full-width or not.
    """
    folded: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text_):
        for c in normalize(ch):
            folded.append(c)
            origin.append(i)
    flat = "".join(folded)
    spans: list[tuple[int, int]] = []
    for w in words:
        if not w:
            continue
        at = flat.find(w)
        while at != -1:
            spans.append((origin[at], origin[at + len(w) - 1] + 1))
            at = flat.find(w, at + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _wrap(text_: str, words, opening: str, closing: str, escape) -> str:
    out: list[str] = []
    at = 0
    for start, end in marked_spans(text_, words):
        out.append(escape(text_[at:start]))
        out.append(opening + escape(text_[start:end]) + closing)
        at = end
    out.append(escape(text_[at:]))
    return "".join(out)


def highlight(text_: str, words) -> str:
    """The text with each word in 【】, for terminals and plain-text reports."""
    return _wrap(text_, words, "【", "】", lambda s: s)


def highlight_html(text_: str, words) -> str:
    """The text HTML-escaped, with each word in <mark></mark>: safe to put into a page as is."""
    return _wrap(text_, words, "<mark>", "</mark>", lambda s: html.escape(s, quote=True))
