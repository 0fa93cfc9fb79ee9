"""The canonical indicator catalogue: one concept per thing plans measure, and the names it goes by.

Plans, observation sources and users word the same indicator differently. Matching goes in three
steps, and only the first three ever decide on their own:

1. exact       the name as written is the concept's canonical name;
2. normalized  its normal form (normalize.py: ordered, named rules for the regular variants) is
               the canonical name's normal form;
3. synonym     it is, as written or normalized, one of the concept's synonyms (the irregular
               variants a rule cannot guess: 单位GDP能耗降低 ↔ 单位地区生产总值能源消耗降低);
4. fuzzy       rapidfuzz similarity of normal forms, weighed by unit compatibility: only ever
               *candidates* for a person to confirm, never a match.

A person's decisions win over the machine: `decisions` maps (normal form of a name, concept id) to
True (confirmed: that concept, method 'confirmed') or False (rejected: never returned for that
name, neither as a match nor as a candidate). The caller stores them; this module only reads them.

The data file (default: plantrack/data/concepts.csv, UTF-8, editable by users)
------------------------------------------------------------------------------
Lines starting with # are comments. Then a header and one row per concept:

    id,name,unit,direction,synonyms,related,note
    forest_coverage,森林覆盖率,%,higher,,forest_stock,
    energy_intensity_decline,单位地区生产总值能源消耗降低,%,higher,单位GDP能耗降低|能耗强度降低,,

| column    | meaning |
|-----------|---------|
| id        | stable identifier, [a-z0-9_]; stored with decisions, so never reuse one for another concept |
| name      | the canonical Chinese name (the wording of the provincial plan, where there is one) |
| unit      | the usual unit (%, ‰, 万吨, 微克/立方米 …); empty for an index |
| direction | higher or lower (which way is better), or empty where that is a policy choice |
| synonyms  | other names, separated by "|"; only irregular ones are needed (see normalize.py) |
| related   | ids of concepts measuring a neighbouring thing (粮食产量 for 粮食综合生产能力), "|"-separated: never matched, shown as context |
| note      | free text for people |

The loader refuses (ValueError naming the file and row) a row with a missing id or name, a
duplicate id, a direction other than higher/lower/empty, a related id that does not exist, and a
name or synonym whose normal form already belongs to another concept: one name, one concept.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from . import units as U
from .normalize import normalize, normalize_with_qualifiers

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "concepts.csv"
COLUMNS = ("id", "name", "unit", "direction", "synonyms", "related", "note")
DIRECTIONS = ("higher", "lower")

# How sure each method is; used to rank matches when several compete for one partner.
METHOD_SCORES = {"confirmed": 1.0, "exact": 1.0, "normalized": 0.99, "synonym": 0.97}
FUZZY_FLOOR = 0.55  # below this a fuzzy candidate is noise, not worth a person's time
FUZZY_CAP = 0.95  # a fuzzy score never reaches the rule-based ones

Decisions = dict[tuple[str, str], bool]


@dataclass(frozen=True)
class Concept:
    id: str
    name: str
    unit: str | None = None
    direction: str | None = None
    synonyms: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Match:
    """A name mapped to a concept, how, and how surely (0..1)."""

    concept: Concept
    method: str  # confirmed | exact | normalized | synonym | fuzzy
    score: float
    name_norm: str = ""
    qualifiers: tuple[str, ...] = ()  # text the normalization dropped that may change the figure
    unit_compatible: bool | None = None  # None: no unit to compare

    @property
    def concept_id(self) -> str:
        return self.concept.id


@dataclass
class Catalogue:
    concepts: dict[str, Concept]
    path: str | None = None
    _by_norm: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)  # norm -> (id, method)
    _forms: list[tuple[str, str]] = field(default_factory=list, repr=False)  # (norm, id) for fuzzy

    # --- loading ---------------------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Catalogue":
        """The catalogue in a CSV file (the project's own when path is None)."""
        p = Path(path) if path is not None else DEFAULT_PATH
        return cls.from_text(p.read_text(encoding="utf-8-sig"), str(p))

    @classmethod
    def from_text(cls, text: str, source: str = "<text>") -> "Catalogue":
        rows = _rows(text, source)
        concepts: dict[str, Concept] = {}
        for lineno, row in rows:
            c = _concept(row, source, lineno)
            if c.id in concepts:
                raise ValueError(f"{source} 第{lineno}行: 概念编号 {c.id} 重复")
            concepts[c.id] = c
        cat = cls(concepts, source)
        for lineno, row in rows:
            cid = row["id"].strip()
            for rid in concepts[cid].related:
                if rid not in concepts:
                    raise ValueError(f"{source} 第{lineno}行: related 中的概念编号 {rid} 不存在")
            cat._index(concepts[cid], source, lineno)
        return cat

    @classmethod
    def from_concepts(cls, concepts: list[Concept]) -> "Catalogue":
        cat = cls({c.id: c for c in concepts})
        for c in concepts:
            cat._index(c, "<concepts>", 0)
        return cat

    def _index(self, c: Concept, source: str, lineno: int) -> None:
        for text, method in ((c.name, "normalized"), *((s, "synonym") for s in c.synonyms)):
            norm = normalize(text)
            owner = self._by_norm.get(norm)
            if owner is not None and owner[0] != c.id:
                raise ValueError(
                    f"{source} 第{lineno}行: 名称“{text}”（规范化为“{norm}”）已属于概念 {owner[0]}，一个名称只能对应一个概念"
                )
            if owner is None or method == "normalized":
                self._by_norm[norm] = (c.id, method)
            self._forms.append((norm, c.id))

    # --- lookup ----------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.concepts)

    def __contains__(self, concept_id: str) -> bool:
        return concept_id in self.concepts

    def get(self, concept_id: str) -> Concept | None:
        return self.concepts.get(concept_id)

    def concept_of(self, name: str | None, unit: str | None = None, decisions: Decisions | None = None) -> Match | None:
        """The concept a name stands for, by exact name, normal form or synonym; None when no rule
        decides (ask `candidates` then). A confirmed decision wins; a rejected one is never returned."""
        if not name or not name.strip():
            return None
        norm, qualifiers = normalize_with_qualifiers(name)
        decisions = decisions or {}
        confirmed = sorted(cid for (n, cid), ok in decisions.items() if ok and n == norm and cid in self.concepts)
        if confirmed:
            return self._match(confirmed[0], "confirmed", norm, qualifiers, unit)
        hit = self._machine(name, norm)
        if hit is None or decisions.get((norm, hit[0])) is False:
            return None
        return self._match(hit[0], hit[1], norm, qualifiers, unit)

    def _machine(self, name: str, norm: str) -> tuple[str, str] | None:
        raw = name.strip()
        for c in self.concepts.values():
            if raw == c.name:
                return c.id, "exact"
        return self._by_norm.get(norm)

    def _match(self, cid: str, method: str, norm: str, qualifiers: tuple[str, ...], unit: str | None,
               score: float | None = None) -> Match:
        c = self.concepts[cid]
        return Match(
            concept=c,
            method=method,
            score=METHOD_SCORES.get(method, 0.0) if score is None else score,
            name_norm=norm,
            qualifiers=qualifiers,
            unit_compatible=U.compatible(unit, c.unit) if unit else None,
        )

    def candidates(self, name: str | None, unit: str | None = None, k: int = 3,
                   decisions: Decisions | None = None) -> list[Match]:
        """Up to k concepts the name may stand for, best first, method 'fuzzy': for a person to
        confirm or reject. A unit of another dimension than the concept's weighs a candidate down."""
        if not name or not name.strip():
            return []
        norm, qualifiers = normalize_with_qualifiers(name)
        decisions = decisions or {}
        best: dict[str, float] = {}
        for form, cid in self._forms:
            if decisions.get((norm, cid)) is False:
                continue
            s = similarity(norm, form)
            if s > best.get(cid, 0.0):
                best[cid] = s
        scored = []
        for cid, s in best.items():
            comp = U.compatible(unit, self.concepts[cid].unit) if unit else None
            s *= {True: 1.0, None: 0.95, False: 0.75}[comp]
            s = min(s, FUZZY_CAP)
            if s >= FUZZY_FLOOR:
                scored.append((s, cid))
        scored.sort(key=lambda t: (-t[0], t[1]))
        return [self._match(cid, "fuzzy", norm, qualifiers, unit, round(s, 3)) for s, cid in scored[:k]]

    def same(self, a: str, b: str, decisions: Decisions | None = None) -> bool:
        """Do two names stand for the same indicator? Same concept, or (outside the catalogue) the
        same normal form. Fuzzy similarity never makes two names the same."""
        ma, mb = self.concept_of(a, decisions=decisions), self.concept_of(b, decisions=decisions)
        if ma is not None or mb is not None:
            return ma is not None and mb is not None and ma.concept.id == mb.concept.id
        return normalize(a) == normalize(b) != ""


def similarity(a: str, b: str) -> float:
    """0..1 similarity of two normal forms: whole-string ratio, or a contained one slightly less."""
    if not a or not b:
        return 0.0
    whole = fuzz.ratio(a, b) / 100.0
    part = fuzz.partial_ratio(a, b) / 100.0 * 0.9 if min(len(a), len(b)) >= 4 else 0.0
    return max(whole, part)


def _rows(text: str, source: str) -> list[tuple[int, dict[str, str]]]:
    lines = text.splitlines()
    kept = [(i + 1, ln) for i, ln in enumerate(lines) if ln.strip() and not ln.lstrip().startswith("#")]
    if not kept:
        raise ValueError(f"{source}: 没有表头行")
    header = next(csv.reader([kept[0][1]]))
    header = [h.strip() for h in header]
    missing = [c for c in ("id", "name") if c not in header]
    if missing:
        raise ValueError(f"{source} 第{kept[0][0]}行: 表头缺少列 {', '.join(missing)}")
    out = []
    for lineno, ln in kept[1:]:
        cells = next(csv.reader(io.StringIO(ln)))
        if len(cells) > len(header):
            raise ValueError(f"{source} 第{lineno}行: 有 {len(cells)} 列，表头只有 {len(header)} 列")
        row = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}
        out.append((lineno, row))
    return out


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split("|") if p.strip())


def _concept(row: dict[str, str], source: str, lineno: int) -> Concept:
    cid, name = row.get("id", ""), row.get("name", "")
    if not cid or not name:
        raise ValueError(f"{source} 第{lineno}行: id 和 name 不能为空")
    if not re.fullmatch(r"[a-z0-9_]+", cid):
        raise ValueError(f"{source} 第{lineno}行: 概念编号 {cid} 只能由小写字母、数字和下划线组成")
    direction = row.get("direction", "") or None
    if direction is not None and direction not in DIRECTIONS:
        raise ValueError(f"{source} 第{lineno}行: direction 应为 higher、lower 或留空，而不是 {direction}")
    return Concept(
        id=cid,
        name=name,
        unit=row.get("unit", "") or None,
        direction=direction,
        synonyms=_split(row.get("synonyms", "")),
        related=_split(row.get("related", "")),
        note=row.get("note", ""),
    )


_DEFAULT: Catalogue | None = None


def default_catalogue() -> Catalogue:
    """The project's catalogue, loaded once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Catalogue.load()
    return _DEFAULT
