"""Full-text search over the sentences of every stored plan.

A query is words separated by white space; a sentence matches when its normalized text
(grams.normalize: NFKC, lower case, no white space) contains every word as a substring. That is
what a reader of Chinese plans expects: 森林覆盖率 finds the sentences that say it, however a word
segmenter would have cut them.

How each word is found, and why:
- A word of two or more characters becomes its pair tokens (grams.pairs), searched as a phrase
  in the engine's own index: FTS5 ``"t1 t2 t3"`` on SQLite, ``t1 <-> t2 <-> t3`` on PostgreSQL.
  Pairs in a row match exactly where the word is a substring, so the index answers exactly.
- A one-character word has no pair, so no index can find it: it falls back to a LIKE filter.
  The filter runs on sentence.grams, not sentence.text, because the pair tokens are the
  normalized text (full-width letters, compatibility characters and upper case already folded),
  and LIKE on raw text would fold case on SQLite but not on PostgreSQL, so the engines would
  disagree. A character is in the normalized text exactly when it is the first half of a token
  (``gHEXg`` in grams) or the second half (``gHEX`` before a space or the end); the rare sentence
  whose normalized text is a single character has no tokens and is matched on its text. Alone,
  such a word scans every sentence; next to a longer word it only filters that word's hits.

The user's text never reaches FTS5 or tsquery syntax: only the hex tokens derived from it do, and
they are letters and digits; LIKE patterns are built from the same tokens and parameters bound.

Ranking is the engine's: FTS5 bm25 (negated, so larger is better on both engines) and PostgreSQL
ts_rank; equal scores go by plan key, then line. Queries of one-character words only have no
index to rank by, so their score is 0 and the order is by plan key and line. The hits are the
same on both engines; the scores, and so the order of hits with different scores, are not.

Cost: the total and the ranking need every match scored and sorted, so time grows with the
number of hits, not the page size. FTS5's bm25 alone costs about 2 µs a hit (it looks up each
row's length), PostgreSQL's heap visits several times that; a word in 80,000 sentences takes
~0.2 s on SQLite and ~0.7 s on PostgreSQL (bench/store.py, 1,000 plans), a rarer one tens of ms.
"""

from __future__ import annotations

import html
from dataclasses import asdict, dataclass, field

from sqlalchemy import Float, Integer, and_, exists, func, literal, literal_column, or_, select, text
from sqlalchemy.orm import Session, aliased

from .grams import normalize, pairs
from .models import Plan, PlanVersion, Section, Sentence

MAX_QUERY_CHARS = 100
MAX_LIMIT = 500


class SearchError(ValueError):
    """A query the search cannot run (empty, too long, bad paging, unknown plan); Chinese message."""


@dataclass(frozen=True)
class ParsedQuery:
    """The words of a query, normalized, and how each is looked up."""

    words: tuple[str, ...]  # normalized, duplicates removed, in the order given
    phrases: tuple[tuple[str, ...], ...]  # pair tokens of each word of 2+ characters
    singles: tuple[str, ...]  # the one-character words, found by LIKE

    def fts5(self) -> str:
        """The FTS5 MATCH expression: each word's tokens as a quoted phrase, all of them required."""
        return " AND ".join('"' + " ".join(p) + '"' for p in self.phrases)

    def tsquery(self) -> str:
        """The to_tsquery('simple', …) text: each word's tokens in a row (<->), all required (&)."""
        return " & ".join("(" + " <-> ".join(p) + ")" for p in self.phrases)


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
    singles = tuple(w for w in words if len(w) == 1)
    return ParsedQuery(tuple(words), phrases, singles)


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
    if plan_keys:
        _check_plan_keys(session, plan_keys)

    # Two steps, so the sort over every match carries only what orders it: first the page's
    # sentence ids, scores and the total; then the text, title and section of those few rows.
    ranked, score = _matching(session.get_bind().dialect.name, parsed)
    ranked = ranked.join(PlanVersion, PlanVersion.id == Sentence.version_id).join(Plan, Plan.id == PlanVersion.plan_id)
    for ch in parsed.singles:
        ranked = ranked.where(_contains_char(ch))
    if plan_keys:
        ranked = ranked.where(Plan.key.in_(list(dict.fromkeys(plan_keys))))
    if not all_versions:
        newer = aliased(PlanVersion)
        ranked = ranked.where(~exists().where(newer.plan_id == PlanVersion.plan_id, newer.number > PlanVersion.number))
    page = (
        ranked.add_columns(
            Sentence.id,
            score.label("score"),
            # The total rides along with the page, so the matches are gathered once, not twice.
            func.count().over().label("total"),
        )
        .order_by(score.desc(), Plan.key, Sentence.line, PlanVersion.number.desc(), Sentence.id)
        .limit(limit)
        .offset(offset)
    )
    rows = session.execute(page).all()
    if rows:
        total = rows[0].total
    elif offset:  # past the last page: the window saw no rows, so count apart
        total = session.scalar(select(func.count()).select_from(ranked.add_columns(Sentence.id).subquery())) or 0
    else:
        total = 0
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
    return SearchPage(query=query, words=list(parsed.words), total=total, limit=limit, offset=offset, hits=hits)


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


def _check_plan_keys(session: Session, plan_keys: list[str]) -> None:
    known = set(session.scalars(select(Plan.key).where(Plan.key.in_(plan_keys))))
    missing = [k for k in plan_keys if k not in known]
    if missing:
        raise SearchError(f"没有键为“{'”“'.join(missing)}”的规划，无法限定检索范围。可用 plantrack plans 查看目录。")


def _matching(dialect: str, parsed: ParsedQuery):
    """A select of the sentences the index finds for the query's phrases, and their score column.

    The select has no columns yet; the caller adds them once the joins and filters are in place.
    """
    if not parsed.phrases:
        return select().select_from(Sentence), literal(0.0, Float)
    if dialect == "sqlite":
        # The FTS5 table is read in a materialized CTE of its own: bm25() needs the MATCH on the
        # table it scores, and materializing runs the MATCH once, whatever order the planner picks
        # for the joins (else a plan filter can put the plan table outside and rescan the index
        # per plan). The ranking step then reads sentence.version_id and line from the covering
        # index ix_sentence_search_rank, not from the wide sentence rows.
        matched = (
            text("SELECT rowid AS id, -bm25(sentence_fts) AS score FROM sentence_fts WHERE sentence_fts MATCH :fts")
            .bindparams(fts=parsed.fts5())
            .columns(id=Integer, score=Float)
            .cte("m")
            .prefix_with("MATERIALIZED")
        )
        return select().select_from(matched).join(Sentence, Sentence.id == matched.c.id), matched.c.score
    if dialect == "postgresql":
        tsq = func.to_tsquery(literal_column("'simple'::regconfig"), parsed.tsquery())
        vector = literal_column("sentence.search")
        return (
            select().select_from(Sentence).where(vector.op("@@")(tsq)),
            func.ts_rank(vector, tsq).cast(Float),
        )
    raise SearchError(f"全文检索不支持 {dialect} 数据库。")


def _contains_char(ch: str):
    """Sentence has ch in its normalized text: the LIKE fallback for one-character words (see module doc)."""
    token = f"g{ord(ch):x}"  # hex digits and 'g': nothing LIKE would read as a wildcard
    return or_(
        Sentence.grams.like(f"%{token}g%"),
        (Sentence.grams + " ").like(f"%{token} %"),
        and_(Sentence.grams == "", func.lower(Sentence.text).contains(ch, autoescape=True)),
    )


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
