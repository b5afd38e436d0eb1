"""A translation project: one SQLite file (WAL) holding the imported document, its
segments with targets, statuses and origins, and the history of every edit.

Every change is committed at once, so a crash loses nothing that was confirmed.
The original document's bytes are kept inside the project, so it can be exported
again in its own format from the project file alone.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from desktop_app.core import languages, segmenter
from desktop_app.core.documents.base import (
    Block,
    DocumentError,
    Imported,
    LoadsFromPath,
    check_blocks,
    read_file,
    read_head,
)
from desktop_app.core.documents.registry import FORMATS, by_name, detect
from desktop_app.core.errors import TarjumanError, sqlite_place_problem
from desktop_app.core.i18n import _
from desktop_app.core.segments import Segment, State, Status
from desktop_app.core.sqlitetx import configure, writing
from desktop_app.core.workfiles import tracked

SCHEMA_VERSION = 5
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


def _v2(db: sqlite_utils.Database) -> None:
    """Undo steps: each user action (edit, confirm with its propagation, replace all) with
    every segment's state before and after, and the TM units it added."""
    db.table("steps").create({"id": int, "kind": str, "rows": str, "tm": str, "undone": int,
                              "time": float}, pk="id")


def _v3(db: sqlite_utils.Database) -> None:
    """How sure MT was of each segment's machine translation (mean log-probability per
    token; NULL where no engine said)."""
    db.execute("ALTER TABLE segments ADD COLUMN confidence REAL")


def _v4(db: sqlite_utils.Database) -> None:
    """QA findings the translator ignored: per segment and check, with a hash of the
    source and target they were ignored for (a changed segment brings them back)."""
    if "qa_ignored" not in db.table_names():  # (a file relabelled older keeps it)
        db.table("qa_ignored").create({"segment_id": int, "code": str, "hash": str,
                                       "who": str, "time": float}, pk=("segment_id", "code"))


def _v5(db: sqlite_utils.Database) -> None:
    """A split or join changes segment rows themselves: its undo step keeps the rows of
    the paragraph (or XLIFF unit) before and after (JSON; NULL for other steps)."""
    if "shape" not in db.table("steps").columns_dict:  # (a file relabelled older keeps it)
        db.execute("ALTER TABLE steps ADD COLUMN shape TEXT")


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1, _v2, _v3, _v4, _v5]


def _upgrade(db: sqlite_utils.Database, version: int) -> None:
    """Bring a project written by an older Tarjuman up to this schema, in one transaction."""
    with writing(db):
        for step in MIGRATIONS[version:]:
            step(db)
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")


FOREIGN_TARGETS = "foreign_targets"
IMPORT_NOTES = "import_notes"  # the import report's sentences (JSON list)


def _reference_targets(blocks: Iterable[Block], file_lang: str, target: str) -> int:
    """Targets in another language or script than ``target`` are no translations: they
    are kept as the block's reference text (meta ``reference``, with ``reference_lang``),
    never taken as targets (not MT, not confirmed, never into the TM). Returns how many."""
    foreign_file = bool(file_lang) and not languages.same_language(file_lang, target)
    count = 0
    for block in blocks:
        text = block.target.strip()
        if not text or not (foreign_file or not languages.written_in(text, target)):
            continue
        block.meta.update(reference=block.target, reference_lang=file_lang,
                          status=Status.NEW.value)
        block.target = ""
        count += 1
    return count


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


TABLES = {"meta", "documents", "blocks", "segments", "history"}
KNOWN_TRIGGERS: set[str] = set()  # a later migration that adds one names it here
STATUSES = tuple(s.value for s in Status)


def _connect(path: Path) -> sqlite_utils.Database:
    # A project file is untrusted input: its schema may not run functions or side effects.
    conn = sqlite3.connect(str(path))
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        db = configure(sqlite_utils.Database(conn))
        db.execute("PRAGMA synchronous=FULL")
    except BaseException:
        conn.close()
        raise
    return db


def _validate(db: sqlite_utils.Database, name: str) -> None:
    """Refuse a project file that is damaged or carries anything this schema does not:
    checked before any command or widget reads it."""
    problem = str(db.execute("PRAGMA quick_check(1)").fetchone()[0])
    if problem != "ok":
        raise ProjectError(_("{name} is damaged ({problem}); restore it from a backup").format(
            name=name, problem=problem))
    for kind, obj in db.execute("SELECT type, name FROM sqlite_master WHERE type IN "
                                "('trigger', 'view')").fetchall():
        if kind == "view" or obj not in KNOWN_TRIGGERS:
            raise ProjectError(_("{name} holds an unknown {kind} ({obj!r}) that could change its "
                                 "data; Tarjuman does not open it").format(
                                     name=name, kind=kind, obj=obj))
    missing = TABLES - set(db.table_names())
    if missing:
        raise ProjectError(_("{name} is not a Tarjuman project (no {tables} table)").format(
            name=name, tables=', '.join(sorted(missing))))
    meta = dict(db.execute("SELECT key, value FROM meta WHERE key IN "
                           "('source_lang', 'target_lang')").fetchall())
    for key in ("source_lang", "target_lang"):
        if not isinstance(meta.get(key), str) or not languages.is_known(meta[key]):
            raise ProjectError(_("{name} is damaged: its {field} is missing or unknown "
                                 "({value!r})").format(
                                     name=name, field=key.replace('_', ' '), value=meta.get(key)))
    docs = db.execute("SELECT format FROM documents ORDER BY id").fetchall()
    if len(docs) != 1 or not isinstance(docs[0][0], str) or docs[0][0] not in FORMATS:
        raise ProjectError(_("{name} is damaged: it must hold exactly one document of a known "
                             "format (found {n})").format(name=name, n=len(docs)))
    marks = ", ".join("?" * len(STATUSES))
    bad = db.execute(
        "SELECT id FROM segments WHERE typeof(source) != 'text' OR typeof(target) != 'text' "
        "OR typeof(lead) != 'text' OR typeof(trail) != 'text' OR typeof(block_id) != 'text' "
        f"OR status NOT IN ({marks}) OR typeof(origin) != 'text' OR "
        "typeof(mt_text) != 'text' OR typeof(note) != 'text' OR block_id NOT IN "
        "(SELECT id FROM blocks) LIMIT 1", list(STATUSES)).fetchone()
    if bad is not None:
        raise ProjectError(_("{name} is damaged: segment {bad} has a missing text, an unknown "
                             "status or no block").format(name=name, bad=bad[0]))
    meta_bad = db.execute("SELECT id FROM blocks WHERE typeof(meta) != 'text' OR "
                          "json_valid(meta) = 0 LIMIT 1").fetchone()
    if meta_bad is not None:
        raise ProjectError(_("{name} is damaged: block {meta_bad!r} has broken metadata").format(
            name=name, meta_bad=meta_bad[0]))


def split_block(block: Block, language: str) -> list[tuple[str, str, str]]:
    """(lead, sentence, trail) for each sentence of a block."""
    return [segmenter.core_and_space(s) for s in segmenter.split(block.text, language)]


def _segment_rows(blocks: Iterable[Block], source: str) -> Iterator[tuple[Any, ...]]:
    """The segments table's rows for ``blocks``, one sentence each, made one at a time."""
    now = time.time()
    for block in blocks:
        # A bilingual file's segment (an XLIFF unit) is the client's: kept whole.
        parts = split_block(block, source) if not (block.target or block.kind == "unit") \
            else [segmenter.core_and_space(block.text)]
        # A target its file calls untranslated (status new) is left out.
        status = Status(block.meta.get("status") or Status.MT.value)
        target_text = block.target.strip() if (block.target and status is not Status.NEW) \
            else ""
        status = status if target_text else Status.NEW
        origin = "xliff" if target_text else ""
        for k, (lead, sentence, trail) in enumerate(parts):
            yield (block.id, k, lead, sentence, trail, target_text, status.value, origin, "",
                   "", now)


@dataclass(frozen=True)
class _Loaded:
    format: str
    imported: Imported
    stored: bytes | tuple[Path, int]  # the bytes, or (file, size) when read in pieces


def _load(document: Path) -> _Loaded:
    """The document's blocks: a format that reads from the file a piece at a time (a big
    plain text) does, so memory does not grow with the file; any other reads it whole."""
    head = read_head(document)
    size = document.stat().st_size  # what was checked: a file that grows later is refused
    if not head.startswith(b"PK"):  # a zip package is told by its parts: read it whole
        fmt = detect(document, head)
        if isinstance(fmt, LoadsFromPath) and (streamed := fmt.load_path(document)):
            return _Loaded(fmt.name, streamed, (document, size))
    data = read_file(document)
    fmt = detect(document, data)
    return _Loaded(fmt.name, fmt.load(data, document.name), data)


def _store_document(db: sqlite_utils.Database, name: str, fmt: str,
                    data: bytes | tuple[Path, int]) -> int:
    """The original document into the project (export rebuilds from it); a file is
    copied in a megabyte at a time through SQLite's blob I/O. Its row's ``created`` stays
    NULL (the project's own time is in meta): SQLite keeps a zeroblob unwritten only when
    nothing follows it in the row, else it builds the whole row, twice the file, in
    memory."""
    if isinstance(data, bytes):
        return db.table("documents").insert(
            {"name": name, "format": fmt, "data": data, "created": time.time()}).last_rowid or 0
    path, size = data
    doc_id = int(db.execute(
        "INSERT INTO documents (name, format, data, created) VALUES (?, ?, zeroblob(?), NULL)",
        [name, fmt, size]).lastrowid or 0)
    copied = 0
    with db.conn.blobopen("documents", "data", doc_id) as blob, path.open("rb") as fh:
        while copied < size and (piece := fh.read(min(1 << 20, size - copied))):
            blob.write(piece)
            copied += len(piece)
        if copied != size or fh.read(1):
            raise DocumentError(_("{name} changed while it was being imported; import it "
                                  "again").format(name=name))
    return doc_id


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
               path: Path | None = None, retarget: bool = False) -> Project:
        """Import ``document`` into a new project file (written whole, then renamed).

        A bilingual file made for another target language (an XLIFF for fr-FR, a PO whose
        ``Language`` is de) that holds translations is refused, unless ``retarget``: then
        it is translated into ``target_lang``, its old targets kept as reference. Export
        labels the file ``target_lang`` (one with no translations yet is simply relabelled,
        like a file that names no target language)."""
        source = languages.get(source_lang).code
        target = languages.get(target_lang).code
        data = _load(document)
        imported = data.imported
        check_blocks(imported.blocks, document.name)
        if not imported.blocks:
            raise DocumentError(_("{name}: no text to translate").format(name=document.name))
        file_lang = imported.target_lang.strip()
        if (file_lang and not languages.same_language(file_lang, target) and not retarget
                and any(block.target.strip() for block in imported.blocks)):
            raise DocumentError(_(
                "{name} is made for translation into {lang}, not {target}; ask for the "
                "{target} file, or import it with --retarget to translate it into {target} "
                "(its {lang} targets are kept as reference only)").format(
                    name=document.name, lang=languages.name_of_code(file_lang),
                    target=languages.get(target).display_name()))
        foreign = _reference_targets(imported.blocks, file_lang, target)
        # where the original is: export refuses to write over it
        notes = {"source_path": str(document.expanduser().resolve())}
        if foreign:
            lang = "" if languages.same_language(file_lang or target, target) else file_lang
            notes[FOREIGN_TARGETS] = f"{lang} {foreign}"
        if imported.notes:
            notes[IMPORT_NOTES] = json.dumps(imported.notes, ensure_ascii=False)
        path = path or document.with_name(document.name + SUFFIX)
        if path.exists():
            raise ProjectError(_("{name} already exists; open it, or choose another name").format(
                name=path.name))
        # Named and registered before SQLite creates it: a kill at any moment leaves
        # nothing the next start misses.
        tmp = str((path.parent or Path(".")) / f".{path.name[:80]}.{secrets.token_hex(4)}.part")
        try:
            with tracked(Path(tmp)):
                cls._fill(Path(tmp), document, data.stored, data.format, imported.blocks,
                          source, target, notes)
                os.replace(tmp, path)
        finally:
            for leftover in (tmp, tmp + "-wal", tmp + "-shm"):
                Path(leftover).unlink(missing_ok=True)
        return cls.open(path)

    def foreign_targets(self) -> tuple[str, int] | None:
        """(language, count) of the targets left out at import (kept as reference)
        because the file had them in another language than the project's; the language
        is empty when the file named none (or the project's) and the script told."""
        lang, _, count = self.get_meta(FOREIGN_TARGETS).partition(" ")
        return (lang, int(count)) if count.isdigit() else None

    def import_notes(self) -> list[str]:
        """What the import said besides the segments: text it left untranslated and why,
        tracked changes accepted... one sentence each."""
        try:
            notes = json.loads(self.get_meta(IMPORT_NOTES) or "[]")
        except ValueError:
            return []
        return [str(n) for n in notes] if isinstance(notes, list) else []

    @staticmethod
    def _fill(tmp: Path, document: Path, data: bytes | tuple[Path, int], fmt: str,
              blocks: Sequence[Block], source: str, target: str,
              notes: dict[str, str]) -> None:
        db = _connect(tmp)
        try:
            with writing(db):
                for step in MIGRATIONS:
                    step(db)
                db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                db.table("meta").insert_all([
                    {"key": "source_lang", "value": source},
                    {"key": "target_lang", "value": target},
                    {"key": "created", "value": str(time.time())},
                    *({"key": k, "value": v} for k, v in notes.items())])
                doc_id = _store_document(db, document.name, fmt, data)
                # One statement each for all blocks and all segments, rows made as SQLite
                # asks for them: no per-row Python round trips, no list of every row.
                db.conn.executemany(
                    "INSERT INTO blocks (id, doc_id, position, kind, meta) VALUES (?, ?, ?, ?, ?)",
                    ((block.id, doc_id, pos, block.kind,
                      json.dumps(block.meta, ensure_ascii=False) if block.meta else "{}")
                     for pos, block in enumerate(blocks)))
                db.conn.executemany(
                    "INSERT INTO segments (block_id, position, lead, source, trail, target, "
                    "status, origin, mt_text, note, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    "?, ?)", _segment_rows(blocks, source))
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.close()

    @classmethod
    def open(cls, path: Path, checked: bool = False) -> Project:
        """``checked``: the caller's background job opened (and so checked) this file a
        moment ago; the full check is not run again on the window's thread."""
        if not path.is_file():
            raise ProjectError(_("no such project: {path}").format(path=path))
        # Only SQLite touches the file: closing any other descriptor of it would drop the
        # POSIX locks of this process's connections (the GUI's, a background job's).
        try:
            db = _connect(path)
        except sqlite3.DatabaseError as exc:
            raise ProjectError(sqlite_place_problem(exc, path.name) or _(
                "{name} is not a Tarjuman project ({exc})").format(
                name=path.name, exc=exc)) from exc
        try:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise ProjectError(_("{name} was written by a newer Tarjuman (project schema "
                                     "{version}, this one reads {ours})").format(
                                         name=path.name, version=version,
                                         ours=SCHEMA_VERSION))
            if version < 1 or "segments" not in db.table_names():
                raise ProjectError(_("{name} is not a Tarjuman project").format(name=path.name))
            if not checked:
                _validate(db, path.name)
            if version < SCHEMA_VERSION:
                _upgrade(db, version)
            return cls(path, db)
        except sqlite3.DatabaseError as exc:
            db.close()
            raise ProjectError(sqlite_place_problem(exc, path.name) or _(
                "{name} is not a Tarjuman project ({exc})").format(
                name=path.name, exc=exc)) from exc
        except BaseException:
            db.close()
            raise

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -----------------------------------------------------------------------

    @staticmethod
    def _segment(row: dict[str, Any]) -> Segment:
        confidence = row.get("confidence")
        return Segment(row["id"], row["block_id"], row["position"], row["source"],
                       row["target"], Status(row["status"]), row["origin"], row["mt_text"],
                       row["lead"], row["trail"], row["note"],
                       confidence=float(confidence) if isinstance(confidence, (int, float))
                       and not isinstance(confidence, bool) else None)

    def segments(self, where: str = "", params: Sequence[Any] = ()) -> list[Segment]:
        sql = ("SELECT segments.* FROM segments JOIN blocks ON blocks.id = segments.block_id"
               + (f" WHERE {where}" if where else "")
               + " ORDER BY blocks.position, segments.position")
        cursor = self.db.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [self._segment(dict(zip(names, row, strict=True))) for row in cursor.fetchall()]

    def segment(self, segment_id: int) -> Segment:
        if not 0 < segment_id < 2**63:
            raise ProjectError(_("no segment {segment_id} in {name}").format(
                segment_id=segment_id, name=self.path.name))
        found = self.segments("segments.id = ?", [segment_id])
        if not found:
            raise ProjectError(_("no segment {segment_id} in {name}").format(
                segment_id=segment_id, name=self.path.name))
        return found[0]

    def segment_rows(self, block_ids: Sequence[str]) -> list[dict[str, Any]]:
        """Every column of the segments of these blocks, in document order (what a split
        or join rewrites and its undo step keeps)."""
        marks = ", ".join("?" * len(block_ids))
        cursor = self.db.execute(
            "SELECT segments.* FROM segments JOIN blocks ON blocks.id = segments.block_id "
            f"WHERE segments.block_id IN ({marks}) ORDER BY blocks.position, "
            "segments.position", list(block_ids))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def meta_of(self, block_id: str) -> dict[str, Any]:
        """One block's meta (``{}`` when it has none or is not there)."""
        row = self.db.execute("SELECT meta FROM blocks WHERE id = ?", [block_id]).fetchone()
        meta = json.loads(row[0]) if row else {}
        return meta if isinstance(meta, dict) else {}

    def unit_blocks(self, block_id: str) -> list[str]:
        """The blocks a segment may be joined across: the ``mrk`` segments of one XLIFF
        1.2 unit; any other block (a paragraph, a cell) stands alone."""
        meta = self.meta_of(block_id)
        if "mid" not in meta:
            return [block_id]
        return [bid for bid, other in self.db.execute(
            "SELECT id, meta FROM blocks ORDER BY position").fetchall()
            if json.loads(other).get("n") == meta.get("n") and "mid" in json.loads(other)]

    def next_segment_id(self) -> int:
        return int(self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM segments")
                   .fetchone()[0])

    def replace_rows(self, block_ids: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
        """The segments of these blocks become ``rows`` (inside the caller's transaction);
        the history logs each new row and each row whose translation changed."""
        marks = ", ".join("?" * len(block_ids))
        was = {r[0]: tuple(r[1:]) for r in self.db.execute(
            f"SELECT id, target, status, origin FROM segments WHERE block_id IN ({marks})",
            list(block_ids)).fetchall()}
        self.db.execute(f"DELETE FROM segments WHERE block_id IN ({marks})", list(block_ids))
        now = time.time()
        for row in rows:
            self.db.table("segments").insert({**row, "updated": now})
            if was.get(row["id"]) == (row["target"], row["status"], row["origin"]):
                continue  # its translation did not change
            self.db.table("history").insert({"segment_id": row["id"], "target": row["target"],
                                             "status": row["status"],
                                             "origin": row["origin"], "time": now})

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

    def block_meta(self, block_id: str | None = None) -> dict[str, dict[str, Any]]:
        """Each block's meta (what its importer stored: notes, limits...) by block id;
        only ``block_id``'s when given."""
        sql = "SELECT id, meta FROM blocks" + (" WHERE id = ?" if block_id is not None else "")
        return {bid: json.loads(meta)
                for bid, meta in self.db.execute(sql, [] if block_id is None else [block_id])}

    def info(self) -> ProjectInfo:
        # the name and format only: the document itself may be 50 MB
        name, fmt = self.db.execute("SELECT name, format FROM documents ORDER BY id "
                                    "LIMIT 1").fetchone()
        counts = {s.value: 0 for s in Status}
        for status, n in self.db.execute("SELECT status, count(*) FROM segments GROUP BY status"):
            counts[status] = n
        words = sum(len(source.split()) for (source,) in  # one row at a time
                    self.db.execute("SELECT source FROM segments"))
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
            raise ProjectError(_("segment {segment_id} has no translation to confirm").format(
                segment_id=segment_id))
        with writing(self.db):
            self._write(segment_id, text, Status.CONFIRMED,
                        seg.origin if target is None else "user")
        return self.segment(segment_id)

    def apply_machine(self, results: Iterable[tuple[int, str, str]], *,
                      overwrite: bool = False,
                      written: list[tuple[int, State, State]] | None = None,
                      confidence: Mapping[int, float | None] | None = None) -> int:
        """Store (segment id, text, origin) from MT or TM; translator work is never
        overwritten. ``confidence``: how sure MT was, by segment id. Returns how many
        targets were set; ``written`` collects each one's state before and after (for the
        undo step of a pretranslation)."""
        done = 0
        with writing(self.db):
            for segment_id, text, origin in results:
                if confidence is not None and segment_id in confidence:
                    self.db.execute("UPDATE segments SET confidence = ? WHERE id = ?",
                                    [confidence[segment_id], segment_id])
                row = self.db.execute("SELECT status, target, origin FROM segments "
                                      "WHERE id = ?", [segment_id]).fetchone()
                if row is None:
                    continue
                if row[0] in (Status.NEW.value,) or (overwrite and row[0] == Status.MT.value):
                    self._write(segment_id, text, Status.MT, origin, mt_text=text)
                    done += 1
                    if written is not None:
                        written.append((segment_id, (row[1], row[0], row[2]),
                                        (text, Status.MT.value, origin)))
                else:
                    self.db.table("segments").update(segment_id, {"mt_text": text})
        return done

    def set_note(self, segment_id: int, note: str) -> None:
        """The translator's comment on a segment (exported to XLIFF and bilingual tables)."""
        self.segment(segment_id)
        with writing(self.db):
            self.db.table("segments").update(segment_id, {"note": note})

    def get_meta(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else default

    def set_meta(self, key: str, value: str) -> None:
        with writing(self.db):
            self.db.table("meta").upsert({"key": key, "value": value}, pk="key")

    # -- ignored QA findings (written through EditSession.ignore_finding) -----------------

    def ignored(self) -> dict[tuple[int, str], tuple[str, str, float]]:
        """(segment id, check code) -> (hash, who, when) of every ignored finding; rows of
        the wrong type (an edited file) are not trusted and count as not ignored."""
        if "qa_ignored" not in self.db.table_names():  # a damaged file: nothing ignored
            return {}
        rows = self.db.execute(
            "SELECT segment_id, code, hash, who, time FROM qa_ignored WHERE "
            "typeof(segment_id) = 'integer' AND typeof(code) = 'text' AND "
            "typeof(hash) = 'text' AND typeof(who) = 'text' AND "
            "typeof(time) IN ('real', 'integer')").fetchall()
        return {(int(r[0]), str(r[1])): (str(r[2]), str(r[3]), float(r[4])) for r in rows}

    def set_ignored(self, segment_id: int, code: str, digest: str, who: str) -> None:
        self.segment(segment_id)
        if "qa_ignored" not in self.db.table_names():
            raise ProjectError(_("{name} is damaged: it has no table for ignored QA "
                                 "findings").format(name=self.path.name))
        with writing(self.db):
            self.db.table("qa_ignored").upsert({"segment_id": segment_id, "code": code,
                                                "hash": digest, "who": who,
                                                "time": time.time()},
                                               pk=("segment_id", "code"))

    def remove_ignored(self, segment_id: int, code: str) -> bool:
        with writing(self.db):
            cur = self.db.execute("DELETE FROM qa_ignored WHERE segment_id = ? AND code = ?",
                                  [segment_id, code])
        return cur.rowcount > 0

    def history(self, segment_id: int) -> list[tuple[str, str, str]]:
        return [(r["target"], r["status"], r["origin"]) for r in self.db.table(
            "history").rows_where("segment_id = ?", [segment_id], order_by="id")]

    # -- export ------------------------------------------------------------------------

    def block_targets(self, fallback: str = "mt") -> dict[str, str]:
        """Each block's translated text; untranslated segments fall back to MT or source."""
        if fallback not in ("mt", "source"):
            raise ProjectError(_("fallback must be 'mt' or 'source'"))
        targets: dict[str, list[str]] = {}
        for seg in self.segments():
            text = seg.target or (seg.mt_text if fallback == "mt" else "") or seg.source
            targets.setdefault(seg.block_id, []).append(seg.lead + text + seg.trail)
        return {bid: "".join(parts) for bid, parts in targets.items()}

    def export_document(self, fallback: str = "mt") -> tuple[str, bytes]:
        name, fmt, data = self.document()
        out = by_name(fmt).save(data, name, self.block_targets(fallback), self.target_lang)
        return fmt, out
