"""A translation project: one SQLite file (WAL) holding the imported document, its
segments with targets, statuses and origins, and the history of every edit.

Every change is committed at once, so a crash loses nothing that was confirmed.
The original document's bytes are kept inside the project, so it can be exported
again in its own format from the project file alone.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from desktop_app.core import languages, segmenter
from desktop_app.core.documents.base import Block, DocumentError, check_blocks, read_file
from desktop_app.core.documents.registry import by_name, detect
from desktop_app.core.errors import TarjumanError
from desktop_app.core.segments import Segment, Status
from desktop_app.core.sqlitetx import configure, writing

SCHEMA_VERSION = 1
SUFFIX = ".tarjuman"


class ProjectError(TarjumanError):
    pass


def _v1(db: sqlite_utils.Database) -> None:
    db.table("meta").create({"key": str, "value": str}, pk="key")
    db.table("documents").create({"id": int, "name": str, "format": str, "data": bytes,
                                  "created": float}, pk="id")
    db.table("blocks").create({"id": str, "doc_id": int, "position": int, "kind": str,
                               "meta": str}, pk="id")
    db.table("segments").create({"id": int, "block_id": str, "position": int, "lead": str,
                                 "source": str, "trail": str, "target": str, "status": str,
                                 "origin": str, "mt_text": str, "note": str,
                                 "updated": float}, pk="id")
    db.table("segments").create_index(["block_id", "position"])
    db.table("segments").create_index(["status"])
    db.table("history").create({"id": int, "segment_id": int, "target": str, "status": str,
                                "origin": str, "time": float}, pk="id")


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1]


@dataclass(slots=True)
class ProjectInfo:
    path: str
    document: str
    format: str
    source_lang: str
    target_lang: str
    segments: int
    by_status: dict[str, int]
    words: int

    def as_json(self) -> dict[str, Any]:
        return {"path": self.path, "document": self.document, "format": self.format,
                "source_lang": self.source_lang, "target_lang": self.target_lang,
                "segments": self.segments, "by_status": self.by_status, "words": self.words}


def _connect(path: Path) -> sqlite_utils.Database:
    db = configure(sqlite_utils.Database(path))
    db.execute("PRAGMA synchronous=FULL")
    return db


def split_block(block: Block, language: str) -> list[tuple[str, str, str]]:
    """(lead, sentence, trail) for each sentence of a block."""
    return [segmenter.core_and_space(s) for s in segmenter.split(block.text, language)]


class Project:
    def __init__(self, path: Path, db: sqlite_utils.Database):
        self.path = path
        self.db = db
        meta = {r["key"]: r["value"] for r in db.table("meta").rows}
        self.source_lang = meta["source_lang"]
        self.target_lang = meta["target_lang"]

    # -- creating and opening ----------------------------------------------------------

    @classmethod
    def create(cls, document: Path, target_lang: str, *, source_lang: str = "en",
               path: Path | None = None) -> Project:
        """Import ``document`` into a new project file (written whole, then renamed)."""
        source = languages.get(source_lang).code
        target = languages.get(target_lang).code
        data = read_file(document)
        fmt = detect(document, data)
        imported = fmt.load(data, document.name)
        check_blocks(imported.blocks, document.name)
        if not imported.blocks:
            raise DocumentError(f"{document.name}: no text to translate")
        path = path or document.with_name(document.name + SUFFIX)
        if path.exists():
            raise ProjectError(f"{path.name} already exists; open it, or choose another name")
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or Path("."))
        os.close(fd)
        try:
            db = _connect(Path(tmp))
            with writing(db):
                for step in MIGRATIONS:
                    step(db)
                db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                db.table("meta").insert_all([
                    {"key": "source_lang", "value": source},
                    {"key": "target_lang", "value": target},
                    {"key": "created", "value": str(time.time())}])
                doc_id = db.table("documents").insert(
                    {"name": document.name, "format": fmt.name, "data": data,
                     "created": time.time()}).last_pk
                rows: list[dict[str, Any]] = []
                for pos, block in enumerate(imported.blocks):
                    db.table("blocks").insert({"id": block.id, "doc_id": doc_id,
                                               "position": pos, "kind": block.kind,
                                               "meta": json.dumps(block.meta,
                                                                  ensure_ascii=False)})
                    # A bilingual file's segment (an XLIFF unit) is the client's: kept whole.
                    parts = split_block(block, source) if not (
                        block.target or block.kind == "unit") else [
                        segmenter.core_and_space(block.text)]
                    for k, (lead, sentence, trail) in enumerate(parts):
                        target_text = block.target.strip() if block.target else ""
                        status = Status(block.meta.get("status") or Status.MT.value) if (
                            target_text) else Status.NEW
                        rows.append({"block_id": block.id, "position": k, "lead": lead,
                                     "source": sentence, "trail": trail, "target": target_text,
                                     "status": status.value,
                                     "origin": "xliff" if target_text else "", "mt_text": "",
                                     "note": "", "updated": time.time()})
                db.table("segments").insert_all(rows)
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.close()
            os.replace(tmp, path)
        finally:
            for leftover in (tmp, tmp + "-wal", tmp + "-shm"):
                Path(leftover).unlink(missing_ok=True)
        return cls.open(path)

    @classmethod
    def open(cls, path: Path) -> Project:
        if not path.is_file():
            raise ProjectError(f"no such project: {path}")
        # Only SQLite touches the file: closing any other descriptor of it would drop the
        # POSIX locks of this process's connections (the GUI's, a background job's).
        try:
            db = _connect(path)
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                db.close()
                raise ProjectError(f"{path.name} was written by a newer Tarjuman (project "
                                   f"schema {version}, this one reads {SCHEMA_VERSION})")
            if version < 1 or "segments" not in db.table_names():
                db.close()
                raise ProjectError(f"{path.name} is not a Tarjuman project")
            return cls(path, db)
        except sqlite3.DatabaseError as exc:
            raise ProjectError(f"{path.name} is not a Tarjuman project ({exc})") from exc

    def close(self) -> None:
        self.db.close()

    # -- reading -----------------------------------------------------------------------

    @staticmethod
    def _segment(row: dict[str, Any]) -> Segment:
        return Segment(row["id"], row["block_id"], row["position"], row["source"],
                       row["target"], Status(row["status"]), row["origin"], row["mt_text"],
                       row["lead"], row["trail"], row["note"])

    def segments(self, where: str = "", params: Sequence[Any] = ()) -> list[Segment]:
        sql = ("SELECT segments.* FROM segments JOIN blocks ON blocks.id = segments.block_id"
               + (f" WHERE {where}" if where else "")
               + " ORDER BY blocks.position, segments.position")
        cursor = self.db.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [self._segment(dict(zip(names, row, strict=True))) for row in cursor.fetchall()]

    def segment(self, segment_id: int) -> Segment:
        found = self.segments("segments.id = ?", [segment_id])
        if not found:
            raise ProjectError(f"no segment {segment_id} in {self.path.name}")
        return found[0]

    def document(self) -> tuple[str, str, bytes]:
        row = next(self.db.table("documents").rows)
        return row["name"], row["format"], row["data"]

    def blocks(self) -> list[Block]:
        rows = self.db.execute("SELECT id, kind, meta FROM blocks ORDER BY position").fetchall()
        by_block: dict[str, list[Segment]] = {}
        for seg in self.segments():
            by_block.setdefault(seg.block_id, []).append(seg)
        return [Block(bid, "".join(s.lead + s.source + s.trail for s in by_block.get(bid, [])),
                      kind, json.loads(meta)) for bid, kind, meta in rows]

    def info(self) -> ProjectInfo:
        name, fmt, _ = self.document()
        counts = {s.value: 0 for s in Status}
        for status, n in self.db.execute("SELECT status, count(*) FROM segments GROUP BY status"):
            counts[status] = n
        words = sum(len(s.source.split()) for s in self.segments())
        return ProjectInfo(str(self.path), name, fmt, self.source_lang, self.target_lang,
                           sum(counts.values()), counts, words)

    # -- writing: every call is one committed transaction ---------------------------------

    def _write(self, segment_id: int, target: str, status: Status, origin: str,
               mt_text: str | None = None) -> None:
        now = time.time()
        changes: dict[str, Any] = {"target": target, "status": status.value, "origin": origin,
                                   "updated": now}
        if mt_text is not None:
            changes["mt_text"] = mt_text
        self.db.table("segments").update(segment_id, changes)
        self.db.table("history").insert({"segment_id": segment_id, "target": target,
                                         "status": status.value, "origin": origin,
                                         "time": now})

    def set_target(self, segment_id: int, target: str, *, status: Status = Status.EDITED,
                   origin: str = "user") -> Segment:
        self.segment(segment_id)
        with writing(self.db):
            self._write(segment_id, target, status, origin)
        return self.segment(segment_id)

    def confirm(self, segment_id: int, target: str | None = None) -> Segment:
        seg = self.segment(segment_id)
        text = seg.target if target is None else target
        if not text.strip():
            raise ProjectError(f"segment {segment_id} has no translation to confirm")
        with writing(self.db):
            self._write(segment_id, text, Status.CONFIRMED,
                        seg.origin if target is None else "user")
        return self.segment(segment_id)

    def apply_machine(self, results: Iterable[tuple[int, str, str]], *,
                      overwrite: bool = False) -> int:
        """Store (segment id, text, origin) from MT or TM; translator work is never
        overwritten. Returns how many targets were set."""
        done = 0
        with writing(self.db):
            for segment_id, text, origin in results:
                row = self.db.execute("SELECT status FROM segments WHERE id = ?",
                                      [segment_id]).fetchone()
                if row is None:
                    continue
                if row[0] in (Status.NEW.value,) or (overwrite and row[0] == Status.MT.value):
                    self._write(segment_id, text, Status.MT, origin, mt_text=text)
                    done += 1
                else:
                    self.db.table("segments").update(segment_id, {"mt_text": text})
        return done

    def get_meta(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else default

    def set_meta(self, key: str, value: str) -> None:
        with writing(self.db):
            self.db.table("meta").upsert({"key": key, "value": value}, pk="key")

    def history(self, segment_id: int) -> list[tuple[str, str, str]]:
        return [(r["target"], r["status"], r["origin"]) for r in self.db.table(
            "history").rows_where("segment_id = ?", [segment_id], order_by="id")]

    # -- export ------------------------------------------------------------------------

    def block_targets(self, fallback: str = "mt") -> dict[str, str]:
        """Each block's translated text; untranslated segments fall back to MT or source."""
        if fallback not in ("mt", "source"):
            raise ProjectError("fallback must be 'mt' or 'source'")
        targets: dict[str, list[str]] = {}
        for seg in self.segments():
            text = seg.target or (seg.mt_text if fallback == "mt" else "") or seg.source
            targets.setdefault(seg.block_id, []).append(seg.lead + text + seg.trail)
        return {bid: "".join(parts) for bid, parts in targets.items()}

    def export_document(self, fallback: str = "mt") -> tuple[str, bytes]:
        name, fmt, data = self.document()
        out = by_name(fmt).save(data, name, self.block_targets(fallback), self.target_lang)
        return fmt, out
