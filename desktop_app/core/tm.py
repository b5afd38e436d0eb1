"""Translation memory: confirmed segments of all projects, in one SQLite file.

Exact matches compare folded text (spelling variants and tags do not matter); fuzzy
matches are scored with rapidfuzz over the same language pair, with the word-level
differences to show the translator.
"""

from __future__ import annotations

import difflib
import time
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils
from rapidfuzz import fuzz, process

from desktop_app.core import languages, tmx
from desktop_app.core.documents.base import strip_tags
from desktop_app.core.paths import data_dir
from desktop_app.core.sqlitetx import configure, writing
from desktop_app.core.textnorm import fold

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

    @property
    def exact(self) -> bool:
        return self.score >= 100


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """How the TM source ``b`` differs from the segment ``a``, word by word."""
    wa, wb = a.split(), b.split()
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=wa, b=wb).get_opcodes():
        if op == "equal":
            out.append(("equal", " ".join(wa[i1:i2])))
        else:
            if i2 > i1:
                out.append(("delete", " ".join(wa[i1:i2])))
            if j2 > j1:
                out.append(("insert", " ".join(wb[j1:j2])))
    return out


class TranslationMemory:
    def __init__(self, path: Path | None = None):
        self.db = sqlite_utils.Database(path or tm_file())
        configure(self.db)
        table = self.db.table("units")
        if not table.exists():
            table.create({"id": int, "source_lang": str, "target_lang": str, "source": str,
                          "target": str, "norm": str, "origin": str, "created": float},
                         pk="id")
            table.create_index(["source_lang", "target_lang", "norm"])
        self.table = table

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def _norm(text: str, lang: str) -> str:
        return fold(strip_tags(text), lang)

    def add(self, source: str, target: str, source_lang: str, target_lang: str,
            origin: str = "") -> None:
        self.add_many([(source, target)], source_lang, target_lang, origin)

    def add_many(self, pairs: list[tuple[str, str]], source_lang: str, target_lang: str,
                 origin: str = "") -> int:
        src, tgt = languages.get(source_lang).code, languages.get(target_lang).code
        rows = []
        for source, target in pairs:
            if not source.strip() or not target.strip():
                continue
            norm = self._norm(source, src)
            self.db.execute("DELETE FROM units WHERE source_lang = ? AND target_lang = ? AND "
                            "norm = ? AND target = ?", [src, tgt, norm, target])
            rows.append({"source_lang": src, "target_lang": tgt, "source": source,
                         "target": target, "norm": norm, "origin": origin,
                         "created": time.time()})
        with writing(self.db):
            self.table.insert_all(rows)
        return len(rows)

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
        row = self.db.execute("SELECT source, target, origin, created FROM units WHERE "
                              "source_lang = ? AND target_lang = ? AND norm = ? "
                              "ORDER BY created DESC LIMIT 1",
                              [src, tgt, self._norm(source, src)]).fetchone()
        return Match(row[0], row[1], 100.0, [], row[2] or "", row[3] or 0.0) if row else None

    def fuzzy(self, source: str, source_lang: str, target_lang: str, *,
              threshold: float = DEFAULT_THRESHOLD, limit: int = 5) -> list[Match]:
        src, tgt = languages.get(source_lang).code, languages.get(target_lang).code
        norm = self._norm(source, src)
        rows = self.db.execute("SELECT norm, source, target, origin, created FROM units "
                               "WHERE source_lang = ? "
                               "AND target_lang = ? AND length(norm) BETWEEN ? AND ?",
                               [src, tgt, int(len(norm) * 0.5), int(len(norm) * 1.5) + 1]
                               ).fetchall()
        if not rows:
            return []
        found = process.extract(norm, [r[0] for r in rows], scorer=fuzz.ratio,
                                score_cutoff=threshold, limit=limit)
        return [Match(rows[i][1], rows[i][2], round(score, 1),
                      word_diff(strip_tags(source), strip_tags(rows[i][1])),
                      rows[i][3] or "", rows[i][4] or 0.0)
                for _, score, i in found]

    def import_tmx(self, path: Path, source_lang: str, target_lang: str) -> int:
        doc = tmx.parse(path.read_bytes(), path.name)
        want_src, want_tgt = languages.get(source_lang), languages.get(target_lang)

        def pick(unit: tmx.TranslationUnit, lang: languages.Language) -> str | None:
            for code, text in unit.variants.items():
                try:
                    if languages.get(code) == lang:
                        return text
                except Exception:
                    continue
            return None

        pairs = []
        for unit in doc.units:
            s, t = pick(unit, want_src), pick(unit, want_tgt)
            if s and t:
                pairs.append((s, t))
        return self.add_many(pairs, source_lang, target_lang, origin=f"tmx:{path.name}")

    def export_tmx(self, source_lang: str, target_lang: str) -> bytes:
        src, tgt = languages.get(source_lang), languages.get(target_lang)
        rows = self.db.execute("SELECT source, target FROM units WHERE source_lang = ? AND "
                               "target_lang = ? ORDER BY id", [src.code, tgt.code]).fetchall()
        return tmx.write([(r[0], r[1]) for r in rows], src.bcp47, tgt.bcp47)
