"""MT cache in SQLite: a repeated or re-run segment costs nothing.

Key: engine, model id and version, decoding options, language pair and the source text
with whitespace and Unicode form normalized (nothing that could change the meaning).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import sqlite_utils

from desktop_app.core.mt.engine import Translation
from desktop_app.core.sqlitetx import configure, writing

_SPACE = re.compile(r"\s+")


def cache_source(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def cache_key(engine: str, model_id: str, version: str, options: str, source_lang: str,
              target_lang: str, text: str) -> str:
    raw = "\x1f".join((engine, model_id, version, options, source_lang, target_lang,
                       cache_source(text)))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


_CREATE = ("CREATE TABLE IF NOT EXISTS mt_cache (key TEXT PRIMARY KEY, engine TEXT, "
           "model_id TEXT, text TEXT, alternatives TEXT, note TEXT, created FLOAT)")


class MTCache:
    """Opened by several threads at once on a fresh install (the MT dock's decode and a
    pretranslation): the table is created inside a write transaction that waits for the
    lock, and only if it is still missing there."""

    def __init__(self, path: Path):
        self.db = sqlite_utils.Database(path)
        try:
            configure(self.db)
            with writing(self.db):
                self.db.execute(_CREATE)
                columns = {row[1] for row in self.db.execute("PRAGMA table_info(mt_cache)")}
                if "confidence" not in columns:  # a cache written before confidence was kept
                    self.db.execute("ALTER TABLE mt_cache ADD COLUMN confidence FLOAT")
        except BaseException:
            self.db.close()
            raise
        self.table = self.db.table("mt_cache")

    def get_many(self, keys: Iterable[str]) -> dict[str, Translation]:
        found: dict[str, Translation] = {}
        keys = list(keys)
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT key, engine, model_id, text, alternatives, note, confidence FROM "
                f"mt_cache WHERE key IN ({marks})", chunk).fetchall()
            for key, engine, model_id, text, alts, note, confidence in rows:
                found[key] = Translation("", text, json.loads(alts), engine, model_id, note,
                                         cached=True, confidence=confidence)
        return found

    def put_many(self, items: dict[str, Translation]) -> None:
        now = time.time()
        rows = [{"key": k, "engine": t.engine, "model_id": t.model_id, "text": t.text,
                 "alternatives": json.dumps(t.alternatives, ensure_ascii=False),
                 "note": t.note, "created": now, "confidence": t.confidence}
                for k, t in items.items()]
        with writing(self.db):
            self.table.insert_all(rows, pk="key", replace=True)

    def count(self) -> int:
        return self.table.count

    def close(self) -> None:
        self.db.close()
