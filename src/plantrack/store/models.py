"""The stored nouns (../shared/ARCHITECTURE.md), as SQLAlchemy 2 models.

A Plan is the catalogue entry (key, level, kind, region, parent); each ingested file of it is a
PlanVersion holding the contract JSON exactly as parsed, so nothing is lost, plus rows for the
parts people query (sections, sentences, indicators, targets, projects, reviews, tasks). Rows
belong to a version: earlier versions stay readable.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


# The full-text index is each engine's own, made by migrations 0002 and 0007 in SQL the models
# cannot state: SQLite's FTS5 table (and the shadow tables FTS5 keeps), PostgreSQL's generated
# tsvector column and its GIN index. Comparing the models with a database leaves them out.
SEARCH_INDEX_TABLE = "sentence_fts"
SEARCH_INDEX_COLUMN = "search"
SEARCH_INDEX_INDEX = "ix_sentence_search"
# An index on expressions: SQLite cannot reflect it and PostgreSQL gives its expressions back
# rewritten (casts, layout), so comparing leaves it out; tests/store check it exists and holds.
CURRENT_OBSERVATION_INDEX = "uq_observation_current"


def described_by_models(obj, name: str | None, type_: str, reflected: bool, compare_to) -> bool:
    """Alembic's include_object: False for the search index objects the models do not describe."""
    if type_ == "table":
        return not (name == SEARCH_INDEX_TABLE or (name or "").startswith(SEARCH_INDEX_TABLE + "_"))
    if type_ == "column":
        return not (name == SEARCH_INDEX_COLUMN and obj.table.name == "sentence")
    if type_ == "index":
        return name not in (SEARCH_INDEX_INDEX, CURRENT_OBSERVATION_INDEX)
    return True


class Region(Base):
    __tablename__ = "region"
    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    level: Mapped[str] = mapped_column(String(12))
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"), index=True)


class Plan(Base):
    __tablename__ = "plan"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    issuer: Mapped[str | None] = mapped_column(String(200))
    doc_number: Mapped[str | None] = mapped_column(String(100))
    issued_on: Mapped[str | None] = mapped_column(String(10))
    level: Mapped[str | None] = mapped_column(String(12), index=True)
    kind: Mapped[str | None] = mapped_column(String(12), index=True)
    region_name: Mapped[str | None] = mapped_column(String(100))
    region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"), index=True)
    period_start: Mapped[int | None] = mapped_column(Integer)
    period_end: Mapped[int | None] = mapped_column(Integer)
    horizon: Mapped[int | None] = mapped_column(Integer)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("plan.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    versions: Mapped[list["PlanVersion"]] = relationship(
        back_populates="plan", order_by="PlanVersion.number", cascade="all, delete-orphan"
    )
    parent: Mapped["Plan | None"] = relationship(remote_side="Plan.id", back_populates="children")
    children: Mapped[list["Plan"]] = relationship(back_populates="parent")
    region: Mapped[Region | None] = relationship()

    @property
    def current(self) -> "PlanVersion | None":
        return self.versions[-1] if self.versions else None


class PlanVersion(Base):
    __tablename__ = "plan_version"
    __table_args__ = (UniqueConstraint("plan_id", "number"), UniqueConstraint("plan_id", "sha256"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    source_path: Mapped[str] = mapped_column(Text)
    encoding: Mapped[str] = mapped_column(String(20))
    line_count: Mapped[int] = mapped_column(Integer)
    source_text: Mapped[str] = mapped_column(Text)
    document: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    plan: Mapped[Plan] = relationship(back_populates="versions")
    sections: Mapped[list["Section"]] = relationship(order_by="Section.ordinal", cascade="all, delete-orphan")
    indicators: Mapped[list["Indicator"]] = relationship(order_by="Indicator.ordinal", cascade="all, delete-orphan")


class Section(Base):
    __tablename__ = "section"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("section.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(20))
    depth: Mapped[int] = mapped_column(Integer)
    line: Mapped[int] = mapped_column(Integer)
    end_line: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(Text)  # "第一章 …/第一节 …", for search results


class Sentence(Base):
    """A sentence of the plan text, the unit of full-text search, with the section it stands in."""

    __tablename__ = "sentence"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int | None] = mapped_column(ForeignKey("section.id", ondelete="CASCADE"), index=True)
    line: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    # The indexed form, overlapping two-character pieces, which SQLite's FTS5 index reads. Empty
    # in rows PostgreSQL's writer copied: their tokens are in the search tsvector (migration 0016).
    grams: Mapped[str] = mapped_column(Text)
    # Words the search filters by without joins: "p<plan id>", plus "superseded" once a newer
    # version of the plan is stored (grams.scope_words; migration 0007 says why).
    scope: Mapped[str] = mapped_column(Text, default="", server_default="")


class Indicator(Base):
    __tablename__ = "indicator"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    category: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(50))
    tag: Mapped[str | None] = mapped_column(String(50))
    base_year: Mapped[int | None] = mapped_column(Integer)
    base_value: Mapped[float | None] = mapped_column(Float)
    base_text: Mapped[str | None] = mapped_column(Text)
    target_year: Mapped[int | None] = mapped_column(Integer)
    target_value: Mapped[float | None] = mapped_column(Float)
    target_text: Mapped[str | None] = mapped_column(Text)
    annual_growth: Mapped[str | None] = mapped_column(Text)
    binding: Mapped[str | None] = mapped_column(String(10))
    line: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict] = mapped_column(JSON)  # the contract object as parsed, extra fields included


class ReviewRow(Base):
    __tablename__ = "review_row"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id", ondelete="CASCADE"), index=True)
    review_title: Mapped[str] = mapped_column(Text)
    review_line: Mapped[int] = mapped_column(Integer)
    ordinal: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    line: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict] = mapped_column(JSON)


class Target(Base):
    __tablename__ = "target"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    subject: Mapped[str] = mapped_column(Text)
    value: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(50))
    year: Mapped[int | None] = mapped_column(Integer)
    relation: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    line: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict] = mapped_column(JSON)


class Project(Base):
    __tablename__ = "project"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    box: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    line: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict] = mapped_column(JSON)


class Task(Base):
    __tablename__ = "task"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    line: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict] = mapped_column(JSON)


class ObservationImport(Base):
    """One accepted observations file: what came in, when, so every value can say where it came from."""

    __tablename__ = "observation_import"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    rows: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Observation(Base):
    """An observed value of a concept (or of a series the sources name) for a region and year.

    A corrected value supersedes the old one (superseded_by_id set on the old row), which stays as
    history with its source. Series breaks and partial-year values are data: `series` names the
    basis a value is measured on, `flags` marks partial years, lower bounds and breaks.
    """

    __tablename__ = "observation"
    # One current row per identity (store/observations.py), enforced by the database (migration 0011).
    __table_args__ = (
        Index(
            CURRENT_OBSERVATION_INDEX, "region_code", "year", text("coalesce(concept, '')"),
            text("(CASE WHEN concept IS NULL THEN name ELSE '' END)"), text("coalesce(series, '')"),
            unique=True, sqlite_where=text("superseded_by_id IS NULL"), postgresql_where=text("superseded_by_id IS NULL"),
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    name: Mapped[str] = mapped_column(Text)  # as the source words it
    concept: Mapped[str | None] = mapped_column(String(64), index=True)  # canonical concept, None if unmatched
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(50))  # the concept's unit after conversion
    source_value: Mapped[float] = mapped_column(Float)  # the value as the source states it
    source_unit: Mapped[str | None] = mapped_column(String(50))
    series: Mapped[str | None] = mapped_column(String(100))
    flags: Mapped[list] = mapped_column(JSON, default=list)
    note: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(Text)
    source_title: Mapped[str | None] = mapped_column(Text)
    quote: Mapped[str | None] = mapped_column(Text)
    extra: Mapped[dict] = mapped_column(JSON, default=dict)
    import_id: Mapped[int | None] = mapped_column(ForeignKey("observation_import.id"))
    row_number: Mapped[int | None] = mapped_column(Integer)
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("observation.id"))
    # A withdrawn value (an approved report reopened) points at itself: it leaves the current set
    # that every reader selects (superseded_by_id IS NULL) and stays as history with who, when, why.
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawn_by: Mapped[str | None] = mapped_column(String(100))
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class MatchDecision(Base):
    """A person's verdict on a name-to-concept match; it wins over the machine next time."""

    __tablename__ = "match_decision"
    __table_args__ = (UniqueConstraint("name_norm", "concept"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name_norm: Mapped[str] = mapped_column(Text)
    concept: Mapped[str] = mapped_column(String(64))
    accepted: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Alignment(Base):
    """The alignment of one plan version with its parent's version, as align_plans returned it."""

    __tablename__ = "alignment"
    __table_args__ = (UniqueConstraint("child_version_id", "parent_version_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    child_version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id", ondelete="CASCADE"), index=True)
    parent_version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id", ondelete="CASCADE"))
    result: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Finding(Base):
    """One finding of a plan's check against itself (check_plan), kept per version."""

    __tablename__ = "finding"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(10))
    message: Mapped[str] = mapped_column(Text)
    data: Mapped[dict] = mapped_column(JSON)


class AssessmentRecord(Base):
    """The assessment of one indicator row for one year, with everything behind its status (data)."""

    __tablename__ = "assessment"
    __table_args__ = (UniqueConstraint("indicator_id", "year"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    data: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class IndicatorOverride(Base):
    """A person's correction of how an indicator's target is read (direction, when a threshold must
    hold, a figure assigned by the higher level), kept by plan and indicator name across versions."""

    __tablename__ = "indicator_override"
    __table_args__ = (UniqueConstraint("plan_id", "indicator_name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    indicator_name: Mapped[str] = mapped_column(Text)
    direction: Mapped[str | None] = mapped_column(String(10))
    held: Mapped[str | None] = mapped_column(String(12))
    assigned: Mapped[str | None] = mapped_column(String(50))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEvent(Base):
    """One write anyone made, appended and never changed (plantrack/audit.py records it): who (the
    actor's name, user id, role, address), when (UTC), what (action, object type and key) and the
    object's state before and after, as JSON. No foreign keys: the trail outlives what it names."""

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor_name: Mapped[str] = mapped_column(String(200), index=True)
    actor_user_id: Mapped[int | None] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50), index=True)
    object_type: Mapped[str] = mapped_column(String(50))
    object_key: Mapped[str] = mapped_column(String(300))
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)


class Publication(Base):
    """A plan published to the public (对社会公布): the plan and its indicators, optionally one
    evaluation report (kind and year), who published it and why the gate's open items were accepted.
    Withdrawing sets withdrawn_* on the row: the publication stays as history, never deleted."""

    __tablename__ = "publication"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    version_number: Mapped[int] = mapped_column(Integer)
    report_kind: Mapped[str | None] = mapped_column(String(20))
    report_year: Mapped[int | None] = mapped_column(Integer)
    acknowledgement: Mapped[str | None] = mapped_column(Text)  # the reason open gate items were accepted
    open_items: Mapped[list] = mapped_column(JSON, default=list)  # the gate's findings and gaps when published
    published_by: Mapped[str] = mapped_column(String(200))
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    withdrawn_by: Mapped[str | None] = mapped_column(String(200))
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawal_reason: Mapped[str | None] = mapped_column(Text)


class IndicatorCorrection(Base):
    """A person's correction of the parser's indicator rows (corrections.py), stored beside them.

    The parser's rows are never changed: a correction names the rows it replaces (`originals`,
    as the parser gave them; none for an added row) and the rows a person wrote instead (`rows`;
    none for a deletion), so an edit is one row for one, a split one for several, a merge several
    for one. It belongs to the plan, not a version: when a new version is ingested it still applies
    where its original rows match (by normalised name and category) and is marked unmatched where
    they are gone. Nothing is deleted: a correction replaced or taken back is withdrawn.
    """

    __tablename__ = "indicator_correction"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id", ondelete="CASCADE"))  # made on
    action: Mapped[str] = mapped_column(String(10))  # edit | add | split | merge | delete
    originals: Mapped[list] = mapped_column(JSON)
    rows: Mapped[list] = mapped_column(JSON)
    who: Mapped[str] = mapped_column(String(100))
    user_id: Mapped[int | None] = mapped_column(Integer)  # the account, once accounts exist
    why: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default="active", index=True)  # active | unmatched | withdrawn
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("indicator_correction.id"))
    withdrawn_by: Mapped[str | None] = mapped_column(String(100))  # who took it back, and why
    withdrawn_why: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    status_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


# --- accounts (accounts/): who may sign in, and how they prove it ------------------------------------


class User(Base):
    """A person who signs in: a role (domain/actor.ROLES) and the region or unit it is scoped to.

    Never deleted: an account that must stop working is disabled, so the audit trail keeps naming it.
    failed_logins and locked_until throttle password guessing (accounts/service.py)."""

    __tablename__ = "app_user"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(12))
    region_code: Mapped[str | None] = mapped_column(String(12))
    unit_name: Mapped[str | None] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class ApiToken(Base):
    """A bearer token for scripts, acting as its user. Only the sha256 of the token is stored, so a
    copy of the database cannot be used to sign in; revoking sets revoked_at (nothing is deleted)."""

    __tablename__ = "api_token"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class UserSession(Base):
    """A browser session kept on the server, so logging out (or disabling the user) really ends it.
    The cookie holds a random token; only its sha256 is stored. csrf_token is the per-session value
    every form carries back (web/csrf.py)."""

    __tablename__ = "user_session"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    address: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


# --- accountability (issue 11): units, assignments, annual targets, decomposition ---------------
# Nothing here is hard-deleted: a withdrawn or replaced row keeps its state and stays as history.


class Unit(Base):
    """A department of a region's government (省发展改革委 …): who leads or supports an item."""

    __tablename__ = "unit"
    __table_args__ = (UniqueConstraint("region_code", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[str | None] = mapped_column(String(40))
    extra: Mapped[dict] = mapped_column(JSON, default=dict)  # further columns of the template
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Assignment(Base):
    """An indicator, prose target, task or project of a plan given to a lead unit and supporting units.

    The item is named three ways so it survives re-ingestion: the stored row's id (of the version it
    was assigned in), its name and its source line."""

    __tablename__ = "assignment"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    item_kind: Mapped[str] = mapped_column(String(12))  # indicator | target | task | project
    item_id: Mapped[int | None] = mapped_column(Integer)
    item_name: Mapped[str] = mapped_column(Text)
    item_line: Mapped[int | None] = mapped_column(Integer)
    lead_unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    supporting_unit_ids: Mapped[list] = mapped_column(JSON, default=list)
    due: Mapped[str | None] = mapped_column(String(10))  # ISO date
    state: Mapped[str] = mapped_column(String(12), default="active")  # active | withdrawn
    created_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    lead_unit: Mapped[Unit] = relationship()


class AnnualTarget(Base):
    """An indicator's target for one year (年度目标), written as a plan writes it (6.5, ≥95, 5.5左右)."""

    __tablename__ = "annual_target"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    indicator_name: Mapped[str] = mapped_column(Text)
    year: Mapped[int] = mapped_column(Integer)
    target_text: Mapped[str] = mapped_column(String(50))
    state: Mapped[str] = mapped_column(String(12), default="active")  # active | superseded
    created_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Allocation(Base):
    """分解下达: a parent plan indicator's target passed down to a child region, with the rule by
    which the children's figures must add up to (or be as strict as) the parent's."""

    __tablename__ = "allocation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    parent_plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    indicator_name: Mapped[str] = mapped_column(Text)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    assigned_text: Mapped[str] = mapped_column(String(50))
    assigned_value: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(50))
    rule: Mapped[str] = mapped_column(String(10))  # sum | weighted | at_least | at_most
    weight: Mapped[float | None] = mapped_column(Float)
    state: Mapped[str] = mapped_column(String(12), default="active")  # active | superseded
    created_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


# --- reporting workflow (issue 11 item 6): what a lead unit reports per period, and its review ----
# Shaped like DHIS2 data approval: one item per assignment × period; approval locks it, and only an
# approved indicator value becomes an observation that evaluation, dashboards and published pages use.


class ReportingFrequency(Base):
    """How often an assignment (or every assignment of a plan) is reported: year, half or quarter.
    Set by the planning office; a newer setting supersedes the older one, which stays as history."""

    __tablename__ = "reporting_frequency"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    assignment_id: Mapped[int | None] = mapped_column(ForeignKey("assignment.id"))
    frequency: Mapped[str] = mapped_column(String(8))  # year | half | quarter
    state: Mapped[str] = mapped_column(String(12), default="active")  # active | superseded
    created_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReportItem(Base):
    """One assignment's report for one period (2025, 2025H1, 2025Q3): a value with its source for an
    indicator, completion percent and narrative for a task, target or project; its review state."""

    __tablename__ = "report_item"
    __table_args__ = (UniqueConstraint("assignment_id", "period"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    period: Mapped[str] = mapped_column(String(8))
    due: Mapped[str | None] = mapped_column(String(10))  # ISO date
    state: Mapped[str] = mapped_column(String(12), default="draft")  # draft | submitted | returned | approved
    value: Mapped[float | None] = mapped_column(Float)
    value_text: Mapped[str | None] = mapped_column(String(50))
    source_title: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(Text)
    percent: Mapped[float | None] = mapped_column(Float)
    narrative: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)  # the office's last return or reopening comment
    observation_id: Mapped[int | None] = mapped_column(ForeignKey("observation.id"))
    updated_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    assignment: Mapped[Assignment] = relationship()
    unit: Mapped[Unit] = relationship()


class ReportStatus(Base):
    """The status log: one row per transition of a report item (who, when, from, to, comment)."""

    __tablename__ = "report_status"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("report_item.id"), index=True)
    action: Mapped[str] = mapped_column(String(12))  # save | submit | return | approve | reopen
    from_state: Mapped[str | None] = mapped_column(String(12))
    to_state: Mapped[str] = mapped_column(String(12))
    actor_name: Mapped[str] = mapped_column(String(100))
    actor_role: Mapped[str] = mapped_column(String(12))
    comment: Mapped[str | None] = mapped_column(Text)
    on_behalf_of: Mapped[str | None] = mapped_column(String(200))  # 代填: the unit the office entered it for
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReportEvidence(Base):
    """An evidence file of a report (PDF or image), stored on disk under the data directory by its
    sha256 (duties/reporting_files.py); the row says what it was called and who sent it."""

    __tablename__ = "report_evidence"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("report_item.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReportContribution(Base):
    """A supporting unit's (配合单位) contribution to an item for one period: a note, optionally a
    figure with its source. The lead unit reads it while filling in, the office while reviewing; it
    never changes the lead's entry. A newer contribution supersedes the older one (kept)."""

    __tablename__ = "report_contribution"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id"), index=True)
    period: Mapped[str] = mapped_column(String(8))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    note: Mapped[str] = mapped_column(Text)
    value: Mapped[float | None] = mapped_column(Float)
    value_text: Mapped[str | None] = mapped_column(String(50))
    source_title: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(12), default="active")  # active | superseded
    created_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    unit: Mapped[Unit] = relationship()


class ReportContributionEvidence(Base):
    """An evidence file of a contribution, stored like the lead's (by sha256, reporting_files.py)."""

    __tablename__ = "report_contribution_evidence"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contribution_id: Mapped[int] = mapped_column(ForeignKey("report_contribution.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
