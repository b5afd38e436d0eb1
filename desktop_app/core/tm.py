"""Translation memory: confirmed segments of all projects, in one SQLite file.

Exact matches compare folded text (spelling variants and tags do not matter); fuzzy
matches are scored with rapidfuzz over the same language pair, with the word-level
differences to show the translator. A unit imported from TMX keeps the native inline codes
it came with (``tmx.Codes`` of each side, as JSON), so TMX export writes them back as they
were.
"""

from __future__ import annotations

import errno
import math
import re
import sqlite3
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import combinations, pairwise
from pathlib import Path
from typing import TypeVar

import numpy as np
import sqlite_utils
from rapidfuzz import fuzz, process

from desktop_app.core import languages, tmx, worddiff
from desktop_app.core.documents.base import strip_tags
from desktop_app.core.errors import TarjumanError, one_line
from desktop_app.core.i18n import _, isolate, native_digits, number
from desktop_app.core.paths import data_dir
from desktop_app.core.sqlitetx import configure, writing
from desktop_app.core.textio import check_input_file
from desktop_app.core.textnorm import compact, fold, is_arabic_letter, match_key

DEFAULT_THRESHOLD = 75.0



def tm_file() -> Path:
    return data_dir() / "tm.sqlite"


@dataclass(slots=True)
class Match:
    source: str
    target: str
    score: float  # 100 for an exact match
    diff: list[tuple[str, str]] = field(default_factory=list)  # (op, words): equal/delete/insert
    origin: str = ""  # where the unit came from: project:NAME, tmx:FILE
    created: float = 0.0
    author: str = ""  # who confirmed it (team name or login); empty for imports

    @property
    def exact(self) -> bool:
        return self.score >= 100


def origin_label(origin: str) -> str:
    """Where a unit came from, for the TM dock: a project, a TMX file, the team hub."""
    kind, _sep, name = origin.partition(":")
    if kind == "project" and name:
        return _("project {name}").format(name=name)
    if kind == "tmx" and name:
        return _("TMX file {name}").format(name=name)
    confidence, _sep, document = name.partition(":")
    if kind == "aligned" and confidence.isdigit():
        # the percent sign travels with the number: "%" in a message reads as a format code
        return _("aligned from {name} ({confidence} sure)").format(
            name=document, confidence=_("{n}%").format(n=number(int(confidence))))
    return origin


def match_details(match: Match) -> list[str]:
    """Who confirmed a unit, when, and where it came from, in the UI language."""
    out = []
    if match.author:
        out.append(_("by {who}").format(who=isolate(match.author)))
    if match.created:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(match.created))
        if native_digits():
            when = languages.to_native_digits(when)
        out.append(_("on {date}").format(date=isolate(when)))
    if match.origin:
        out.append(_("from {where}").format(where=isolate(origin_label(match.origin))))
    return out


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """How the TM source ``b`` differs from the segment ``a``, word by word."""
    return worddiff.word_diff(a, b)


def _v1(db: sqlite_utils.Database) -> None:
    table = db.table("units")
    if not table.exists():
        table.create({"id": int, "source_lang": str, "target_lang": str, "source": str,
                      "target": str, "norm": str, "origin": str, "created": float}, pk="id")
        table.create_index(["source_lang", "target_lang", "norm"])


def _v2_unique_units(db: sqlite_utils.Database) -> None:
    """One row per (pair, folded source, target): imports become idempotent upserts, so
    a killed or concurrent import can neither lose units nor duplicate them."""
    db.execute("DELETE FROM units WHERE id NOT IN (SELECT max(id) FROM units GROUP BY "
               "source_lang, target_lang, norm, target)")
    db.execute("CREATE UNIQUE INDEX IF NOT EXISTS units_unique ON units "
               "(source_lang, target_lang, norm, target)")


def _v3_team(db: sqlite_utils.Database) -> None:
    """Stable ids (UUID), authors and an outbox of confirmed units for team sync."""
    from desktop_app.core.team import tracking

    tracking.install_tm(db)


def _v4_native_codes(db: sqlite_utils.Database) -> None:
    """The native inline codes of units imported from TMX (JSON; "" for none)."""
    if "codes" not in {c.name for c in db.table("units").columns}:
        db.execute("ALTER TABLE units ADD COLUMN codes TEXT NOT NULL DEFAULT ''")


def _v5_word_index(db: sqlite_utils.Database) -> None:
    """An index of the words of every unit's match key (SQLite FTS5). Built by the next
    step now, with the word pairs: an older TM gets it once, not twice."""


def _v6_word_pairs(db: sqlite_utils.Database) -> None:
    """The word index holds each unit's word pairs too (as short tokens, see
    :func:`index_text`), so a segment whose words are all common still reads only the
    units sharing its rarer pairs. The index is rebuilt from the units."""
    for statement in ("DROP TRIGGER IF EXISTS units_words_insert",
                      "DROP TRIGGER IF EXISTS units_words_delete",
                      "DROP TRIGGER IF EXISTS units_words_update",
                      "DROP TABLE IF EXISTS units_words_vocab", "DROP TABLE IF EXISTS units_words"):
        db.execute(statement)
    for statement in _WORD_INDEX:
        db.execute(statement)
    db.execute("INSERT INTO units_words (rowid, norm) SELECT id, tm_index_text(norm) FROM units")


# Contentless, without positions: the index answers "which units hold this token", no more.
# Its text is computed by tm_index_text(), which every TranslationMemory connection defines.
_WORD_INDEX = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS units_words USING fts5(norm, content='', "
    "detail='none', tokenize='unicode61 remove_diacritics 0')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS units_words_vocab USING fts5vocab(units_words, 'row')",
    "CREATE TRIGGER IF NOT EXISTS units_words_insert AFTER INSERT ON units BEGIN "
    "INSERT INTO units_words (rowid, norm) VALUES (new.id, tm_index_text(new.norm)); END",
    "CREATE TRIGGER IF NOT EXISTS units_words_delete AFTER DELETE ON units BEGIN "
    "INSERT INTO units_words (units_words, rowid, norm) VALUES ('delete', old.id, "
    "tm_index_text(old.norm)); END",
    "CREATE TRIGGER IF NOT EXISTS units_words_update AFTER UPDATE OF id, norm ON units BEGIN "
    "INSERT INTO units_words (units_words, rowid, norm) VALUES ('delete', old.id, "
    "tm_index_text(old.norm)); "
    "INSERT INTO units_words (rowid, norm) VALUES (new.id, tm_index_text(new.norm)); END",
)

MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1, _v2_unique_units, _v3_team,
                                                             _v4_native_codes, _v5_word_index,
                                                             _v6_word_pairs]
BATCH = 2000
_UPSERT = ("INSERT INTO units (source_lang, target_lang, source, target, norm, origin, created, "
           "author, codes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_lang, "
           "target_lang, norm, target) DO UPDATE SET source = excluded.source, "
           "origin = excluded.origin, created = excluded.created, codes = excluded.codes, "
           "author = CASE WHEN excluded.author = '' THEN units.author ELSE excluded.author END")


@dataclass(slots=True)
class TmxImport:
    """What a TMX import did: ``stored`` units (each counted once however often the file
    repeats it), of which ``new`` were not in the memory before; ``duplicates`` units of
    the file repeated one already counted; ``without_pair`` units lacked the source or
    the target language asked for."""

    stored: int = 0
    new: int = 0
    duplicates: int = 0
    without_pair: int = 0
    languages: list[str] = field(default_factory=list)  # as written in the file


class TranslationMemory:
    def __init__(self, path: Path | None = None):
        self.path = path or tm_file()
        self.db = sqlite_utils.Database(self.path)
        try:
            configure(self.db)
            # the word index's text: its triggers call it whoever writes the units
            self.db.conn.create_function("tm_index_text", 1, index_text, deterministic=True)
            self._migrate()
        except BaseException:
            self.db.close()
            raise
        self.table = self.db.table("units")

    def _migrate(self) -> None:
        version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
        if version >= len(MIGRATIONS):
            return
        with writing(self.db):  # BEGIN IMMEDIATE: two processes never migrate at once
            version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
            for step in MIGRATIONS[version:]:
                step(self.db)
            self.db.execute(f"PRAGMA user_version={len(MIGRATIONS)}")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def _norm(text: str, lang: str) -> str:
        """The stored key: folded, half-space = space = nothing (see textnorm.match_key)."""
        return match_key(strip_tags(text), lang)

    def add(self, source: str, target: str, source_lang: str, target_lang: str,
            origin: str = "", author: str = "") -> None:
        self.add_many([(source, target)], source_lang, target_lang, origin, author)

    def add_many(self, pairs: Iterable[tuple[str, str]], source_lang: str, target_lang: str,
                 origin: str = "", author: str = "") -> int:
        """Store pairs in one transaction (all or nothing); a pair already stored is
        refreshed, never duplicated (an import keeps who confirmed it). Returns how many
        units were stored, each counted once."""
        return self._store(((s, t, "") for s, t in pairs), source_lang, target_lang,
                           origin, author)

    def _store(self, units: Iterable[tuple[str, str, str]], source_lang: str,
               target_lang: str, origin: str = "", author: str = "") -> int:
        src, tgt = languages.get(source_lang).code, languages.get(target_lang).code
        try:
            return self._upsert(units, src, tgt, origin, author)
        except (sqlite3.OperationalError, OSError) as exc:
            reason = _("the disk is full") if "full" in str(exc) or getattr(
                exc, "errno", None) == errno.ENOSPC else one_line(exc)
            raise TarjumanError(_("the translation memory was not updated ({reason}): nothing "
                                  "was added to it; confirmed segments stay confirmed in their "
                                  "project").format(reason=reason)) from exc

    def _upsert(self, units: Iterable[tuple[str, str, str]], src: str, tgt: str,
                origin: str, author: str) -> int:
        """(source, target, native codes as JSON) rows in; how many distinct units out."""
        keys: set[int] = set()
        with writing(self.db):
            batch: list[tuple[str, str, str, str, str, str, float, str, str]] = []
            for source, target, codes in units:
                if not source.strip() or not target.strip():
                    continue
                norm = self._norm(source, src)
                keys.add(hash((norm, target)))
                batch.append((src, tgt, source, target, norm, origin, time.time(), author,
                              codes))
                if len(batch) >= BATCH:
                    self.db.conn.executemany(_UPSERT, batch)
                    batch.clear()
            self.db.conn.executemany(_UPSERT, batch)
        return len(keys)

    def remove(self, source: str, target: str, source_lang: str, target_lang: str) -> int:
        """Take a unit out again (an undone confirmation); returns how many went."""
        src, tgt = languages.get(source_lang).code, languages.get(target_lang).code
        with writing(self.db):
            cursor = self.db.execute(
                "DELETE FROM units WHERE source_lang = ? AND target_lang = ? AND norm = ? "
                "AND target = ?", [src, tgt, self._norm(source, src), target])
        return int(cursor.rowcount)

    def has(self, source: str, target: str, source_lang: str, target_lang: str) -> bool:
        src, tgt = languages.get(source_lang).code, languages.get(target_lang).code
        return self.db.execute(
            "SELECT 1 FROM units WHERE source_lang = ? AND target_lang = ? AND norm = ? "
            "AND target = ? LIMIT 1", [src, tgt, self._norm(source, src), target]
        ).fetchone() is not None

    def count(self) -> int:
        return self.table.count

    def exact(self, source: str, source_lang: str, target_lang: str) -> Match | None:
        src, tgt = languages.get(source_lang).code, languages.get(target_lang).code
        # Units stored before keys dropped inner spaces keep their folded text as key.
        old_key = fold(strip_tags(source), src)
        row = self.db.execute("SELECT source, target, origin, created, author FROM units WHERE "
                              "source_lang = ? AND target_lang = ? AND norm IN (?, ?) "
                              "ORDER BY created DESC LIMIT 1",
                              [src, tgt, self._norm(source, src), old_key]).fetchone()
        return Match(row[0], row[1], 100.0, [], row[2] or "", row[3] or 0.0,
                     row[4] or "") if row else None

    def fuzzy(self, source: str, source_lang: str, target_lang: str, *,
              threshold: float = DEFAULT_THRESHOLD, limit: int = 5) -> list[Match]:
        """The best units by rapidfuzz ``ratio`` over match keys, among the candidates the
        word index gives: the units of the same length window sharing most of the
        segment's rarest words and word pairs. A Dari or Pashto source (its key has no
        inner spaces to cut words at) is compared with every unit of the length window."""
        src, tgt = languages.get(source_lang).code, languages.get(target_lang).code
        norm = self._norm(source, src)
        if any(map(is_arabic_letter, norm)):  # keys without inner spaces: no words to index
            return self.fuzzy_scan(source, source_lang, target_lang, threshold=threshold,
                                   limit=limit)
        return self.best_of(source, norm, self._candidates(norm, src, tgt),
                            threshold=threshold, limit=limit)

    def best_of(self, source: str, norm: str, rows: list[tuple[int, str]], *,
                threshold: float, limit: int) -> list[Match]:
        """The best ``limit`` of the candidate units ``(id, compacted key)`` by rapidfuzz
        ``ratio`` against the lookup's key ``norm``, as matches with their word diff."""
        found = process.extract(norm, [r[1] for r in rows], scorer=fuzz.ratio,
                                score_cutoff=threshold, limit=limit)
        out = []
        for _key, score, i in found:
            row = self.db.execute("SELECT source, target, origin, created, author FROM units "
                                  "WHERE id = ?", [rows[i][0]]).fetchone()
            out.append(Match(row[0], row[1], round(score, 1),
                             word_diff(strip_tags(source), strip_tags(row[0])),
                             row[2] or "", row[3] or 0.0, row[4] or ""))
        return out

    def _candidates(self, norm: str, src: str, tgt: str) -> list[tuple[int, str]]:
        """(id, compacted key) of the units worth scoring: of the units the index gives,
        the ``CANDIDATES_READ`` sharing most of the lookup's tokens, in the length window;
        in stored order (as a full scan meets them: ties keep the oldest first)."""
        terms = self._terms(norm)
        if not terms:
            return []
        found = [np.array((self.db.conn.execute(  # one string per token: no row objects
            "SELECT group_concat(rowid, ' ') FROM (SELECT rowid FROM units_words WHERE "
            "units_words MATCH ? LIMIT ?)", [t, CANDIDATE_BUDGET]).fetchone()[0] or "").split(),
            dtype=np.int64) for t, _w in terms]
        ids, where = np.unique(np.concatenate(found), return_inverse=True)
        weights = np.repeat([w for _t, w in terms], [len(hits) for hits in found])
        if len(ids) > CANDIDATES_READ:  # sharing most of the rarest tokens first, then oldest
            shared = np.bincount(where.ravel(), weights=weights)
            ids = np.sort(ids[np.lexsort((ids, -shared))[:CANDIDATES_READ]])
        rows = self.db.conn.execute(
            f"SELECT id, norm FROM units WHERE id IN ({','.join(map(str, ids.tolist()))}) "
            "AND +source_lang = ? AND +target_lang = ? AND length(norm) BETWEEN ? AND ? "
            "ORDER BY id", [src, tgt, *_window(norm)]).fetchall()
        return [(r[0], compact(r[1])) for r in rows]

    def _terms(self, norm: str) -> list[tuple[str, float]]:
        """The index queries of a lookup: its rarest words and word pairs, up to
        ``CANDIDATE_BUDGET`` postings (the rarest always). When every one is common, the
        units holding two of the rarest few: one of them may be the word changed."""
        budget = CANDIDATE_BUDGET
        sized = self._sizes({*_words(norm), *_pairs(norm)}, budget)
        rare = _rarest([(n, (t, n)) for n, t in sized if n <= budget], budget)
        if rare or not sized:  # a token weighs more the fewer units hold it
            return [(_phrase(t), math.log(2 + budget / n)) for t, n in rare]
        few = [_phrase(t) for _n, t in sized[:COMMON_TERMS]]
        return [(f"{a} AND {b}", 1.0) for a, b in combinations(few, 2)] or [(few[0], 1.0)]

    def _sizes(self, tokens: set[str], budget: int) -> list[tuple[int, str]]:
        """(how many units hold it, counted up to ``budget + 1``; token) for each of
        ``tokens`` some unit holds, rarest first. Counts are kept for the next lookups
        (tokens no unit holds are counted again) and made afresh when the memory has grown
        by a twentieth: a count a little stale only makes a lookup read a little more."""
        top = int(self.db.conn.execute("SELECT coalesce(max(id), 0) FROM units").fetchone()[0])
        stamp, known = _SIZES.get((str(self.path), budget), (-1, {}))
        if not stamp <= top <= stamp * 1.05 + 1000 or len(known) > MAX_KNOWN_SIZES:
            stamp, known = top, {}
            _SIZES[(str(self.path), budget)] = (stamp, known)
        todo = [t for t in tokens if t not in known]
        for i in range(0, len(todo), 200):  # one statement for many tokens
            chunk = todo[i:i + 200]
            row = self.db.conn.execute("SELECT " + ", ".join(
                ["(SELECT count(*) FROM (SELECT 1 FROM units_words WHERE units_words MATCH ? "
                 "LIMIT ?))"] * len(chunk)), [v for t in chunk for v in (_phrase(t), budget + 1)]
            ).fetchone()
            known.update((t, n) for t, n in zip(chunk, row, strict=True) if n)
        return sorted((known[t], t) for t in tokens if t in known)

    def fuzzy_scan(self, source: str, source_lang: str, target_lang: str, *,
                   threshold: float = DEFAULT_THRESHOLD, limit: int = 5) -> list[Match]:
        """:meth:`fuzzy` over every unit of the length window, without the word index: the
        reference the index is measured against (recall tests, ``make bench``)."""
        src, tgt = languages.get(source_lang).code, languages.get(target_lang).code
        norm = self._norm(source, src)
        rows = self.db.execute("SELECT norm, source, target, origin, created, author FROM units "
                               "WHERE source_lang = ? AND target_lang = ? AND length(norm) "
                               "BETWEEN ? AND ? ORDER BY id", [src, tgt, *_window(norm)]
                               ).fetchall()
        if not rows:
            return []
        found = process.extract(norm, [compact(r[0]) for r in rows], scorer=fuzz.ratio,
                                score_cutoff=threshold, limit=limit)
        return [Match(rows[i][1], rows[i][2], round(score, 1),
                      word_diff(strip_tags(source), strip_tags(rows[i][1])),
                      rows[i][3] or "", rows[i][4] or 0.0, rows[i][5] or "")
                for _, score, i in found]

    def matches(self, source: str, source_lang: str, target_lang: str) -> list[Match]:
        """What the TM dock shows for a segment: the exact match first, then the fuzzy ones."""
        exact = self.exact(source, source_lang, target_lang)
        fuzzy = self.fuzzy(source, source_lang, target_lang)
        return ([exact] if exact else []) + [m for m in fuzzy if not m.exact]

    def fuzzy_index(self, source_lang: str, target_lang: str) -> FuzzyIndex:
        """Every unit of one pair in memory, for many lookups in a row (an analysis)."""
        src, tgt = languages.get(source_lang).code, languages.get(target_lang).code
        rows = self.db.execute("SELECT DISTINCT norm FROM units WHERE source_lang = ? AND "
                               "target_lang = ?", [src, tgt]).fetchall()
        return FuzzyIndex([r[0] for r in rows], src)

    def import_tmx(self, path: Path, source_lang: str, target_lang: str) -> int:
        """Import a TMX file (see :meth:`import_tmx_report`); how many units were stored."""
        return self.import_tmx_report(path, source_lang, target_lang).stored

    def import_tmx_report(self, path: Path, source_lang: str, target_lang: str, *,
                          on_progress: Callable[[int], None] | None = None,
                          cancelled: Callable[[], bool] | None = None) -> TmxImport:
        """Import a TMX file in one transaction: a kill, a failure or a cancel leaves the TM
        as it was; units already stored are refreshed, not duplicated. A file none of whose
        units holds both languages is refused with a sentence naming the languages it has.
        ``on_progress`` gets the number of units read so far, every few hundred."""
        check_input_file(path)
        want_src, want_tgt = languages.get(source_lang), languages.get(target_lang)
        matches: dict[str, languages.Language | None] = {}
        report = TmxImport()
        found: dict[str, str] = {}  # folded code -> as first written
        units = 0

        def lang_of(code: str) -> languages.Language | None:
            if code not in matches:
                found.setdefault(code.casefold(), code)
                # en-CA is English, ps-PK Pashto: the primary subtag when the whole is unknown
                for key in (code, code.replace("_", "-").split("-")[0]):
                    try:
                        matches[code] = languages.get(key)
                        break
                    except TarjumanError:
                        matches[code] = None
            return matches[code]

        def rows() -> Iterator[tuple[str, str, str]]:
            nonlocal units
            for unit in tmx.iter_units(path):
                units += 1
                if units % PROGRESS_EVERY == 0:
                    _tick(units, on_progress, cancelled)
                s = t = None
                for code in unit.variants:
                    lang = lang_of(code)
                    if lang == want_src and s is None:
                        s = code
                    elif lang == want_tgt and t is None:
                        t = code
                if s is None or t is None or not unit.variants[s].strip() \
                        or not unit.variants[t].strip():
                    report.without_pair += 1
                    continue
                yield (unit.variants[s], unit.variants[t],
                       tmx.codes_json(unit.codes.get(s, {}), unit.codes.get(t, {})))

        before = self.count()
        report.stored = self._store(rows(), source_lang, target_lang,
                                    origin=f"tmx:{path.name}")
        report.new = self.count() - before
        report.duplicates = units - report.without_pair - report.stored
        report.languages = list(found.values())
        if units and not report.stored:
            raise tmx.TmxError(_(
                "{name}: no translation unit holds both {source} and {target}, so nothing was "
                "imported; the file's languages are {found}, and the translation memory takes "
                "pairs of {accepted} (Tarjuman translates English into Dari and "
                "Pashto)").format(
                    name=path.name, source=_lang_name(want_src), target=_lang_name(want_tgt),
                    found=", ".join(report.languages) or "-",
                    accepted=", ".join(_lang_name(lang) for lang in languages.LANGUAGES)))
        return report

    def export_tmx(self, source_lang: str, target_lang: str, *,
                   on_progress: Callable[[int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> bytes:
        """TMX 1.4b of one pair; units imported from TMX keep their native codes."""
        src, tgt = languages.get(source_lang), languages.get(target_lang)
        rows = self.db.execute("SELECT source, target, codes FROM units WHERE source_lang = ? "
                               "AND target_lang = ? ORDER BY id", [src.code, tgt.code])

        def pairs() -> Iterator[tmx.Pair]:
            for n, r in enumerate(rows, 1):
                if n % PROGRESS_EVERY == 0:
                    _tick(n, on_progress, cancelled)
                yield tmx.Pair(r[0], r[1], *tmx.codes_from_json(r[2]))

        return tmx.write(pairs(), src.bcp47, tgt.bcp47)


class FuzzyIndex:
    """The keys of one language pair, for thousands of lookups (an analysis).

    Scores are those of :meth:`TranslationMemory.fuzzy` (rapidfuzz ``ratio`` over match keys,
    the same length window), but the candidates come from an inverted word index: of the
    units holding the segment's rarest words (up to ``budget`` postings), the ``scored``
    ones sharing most of those words are scored, instead of every unit of the right length.
    """

    def __init__(self, norms: list[str], language: str, budget: int = 3000,
                 scored: int = 500):
        self.language = language
        self.budget = budget
        self.scored = scored
        self.stored = set(norms)
        keys = list(dict.fromkeys(compact(n) for n in norms))
        self.keys = np.array(keys, dtype=object)
        self.lengths = np.fromiter((len(k) for k in keys), dtype=np.int32, count=len(keys))
        postings: dict[str, list[int]] = {}
        for i, key in enumerate(keys):
            for word in set(key.split()):
                postings.setdefault(word, []).append(i)
        self.postings = {w: np.array(p, dtype=np.int32) for w, p in postings.items()}

    def __len__(self) -> int:
        return len(self.keys)

    def exact(self, source: str) -> bool:
        plain = strip_tags(source)
        return (match_key(plain, self.language) in self.stored
                or fold(plain, self.language) in self.stored)

    def best(self, source: str, threshold: float = 50.0) -> float:
        """The best fuzzy score (0 when none reaches ``threshold``)."""
        key = match_key(strip_tags(source), self.language)
        lists = sorted((p for w in set(key.split()) if (p := self.postings.get(w)) is not None),
                       key=len)
        taken = _rarest([(len(p), p) for p in lists], self.budget)
        if not taken:
            return 0.0
        candidates, shared = np.unique(np.concatenate(taken), return_counts=True)
        lengths = self.lengths[candidates]
        low, high = _window(key)
        fits = (lengths >= low) & (lengths <= high)
        candidates, shared = candidates[fits], shared[fits]
        if len(candidates) > self.scored:  # the units sharing most of those words
            candidates = candidates[np.argpartition(-shared, self.scored)[:self.scored]]
        found = process.extractOne(key, self.keys[candidates].tolist(), scorer=fuzz.ratio,
                                   score_cutoff=threshold)
        return round(found[1], 1) if found else 0.0


PROGRESS_EVERY = 500
CANDIDATE_BUDGET = 5000  # postings read per lookup, rarest words and pairs first
CANDIDATES_READ = 600  # of those units, how many (sharing most tokens) are read and scored
COMMON_TERMS = 4  # a segment of common words only: units holding two of its rarest four
_WORD = re.compile(r"[^\W_]+")  # the tokenizer's words: "_" cuts them
# How many units hold each token, per (TM file, budget): the highest unit id when counted,
# and the counts (up to the budget + 1).
_SIZES: dict[tuple[str, int], tuple[int, dict[str, int]]] = {}
MAX_KNOWN_SIZES = 200_000
T = TypeVar("T")


def _window(key: str) -> tuple[int, int]:
    """The key lengths a fuzzy match can have (rapidfuzz ``ratio`` of 50% at the edges)."""
    return int(len(key) * 0.5), int(len(key) * 1.5) + 1


def _words(key: str) -> set[str]:
    """The words of a match key, as the word index's tokenizer cuts them (letters and
    digits; near enough: a word cut otherwise is only a word the lookup does not use)."""
    return set(_WORD.findall(key))


def _pairs(key: str) -> list[str]:
    """A token for each pair of neighbouring words of a match key ("x" and the pair's
    CRC-32 in hex): "held on" is far rarer than "held" or "on", so a segment whose words
    are all common still has rare tokens, which a unit a word or two away shares."""
    words = _WORD.findall(key)
    return [f"x{zlib.crc32(f'{a} {b}'.encode()):08x}" for a, b in pairwise(words)]


def index_text(key: object) -> str:
    """What the word index reads for a unit: its match key and its word-pair tokens. The
    index's triggers call it to add and to take out a unit's tokens, so what it returns for
    a key must never change without a migration that rebuilds the index."""
    if not isinstance(key, str):
        return ""
    return " ".join([key, *_pairs(key)])


def _rarest(sized: list[tuple[int, T]], budget: int) -> list[T]:
    """Of (size, posting list) pairs, rarest first, those fitting ``budget`` postings; the
    rarest always, however long."""
    taken: list[T] = []
    size = 0
    for n, item in sized:
        if taken and size + n > budget:
            break
        taken.append(item)
        size += n
    return taken


def _phrase(word: str) -> str:
    """One word as an FTS5 query (quoted: ``and``, ``or``, ``not`` are words here)."""
    return '"' + word.replace('"', '""') + '"'


def _tick(n: int, on_progress: Callable[[int], None] | None,
          cancelled: Callable[[], bool] | None) -> None:
    from desktop_app.core.mt.engine import Cancelled

    if cancelled is not None and cancelled():
        raise Cancelled(_("cancelled: the translation memory was left as it was"))
    if on_progress is not None:
        on_progress(n)


def _lang_name(lang: languages.Language) -> str:
    return f"{lang.display_name()} ({lang.code})"
