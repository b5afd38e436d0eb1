"""Misspelt words of every row in sight, not only of the open editor: found on a pool
thread (``jobs.Op``), cached per target text, painted by the grid's target delegate as red
waves. A row is painted at once without marks and again when its marks land, so scrolling
never waits on the checker."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument

from desktop_app.gui import jobs

Marks = tuple[tuple[int, int, str], ...]  # (start, end, word), offsets in tag-free text
CACHE = 5000  # targets whose marks are kept
BATCH = 200  # targets checked per background job


def text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def alive(obj: QObject) -> bool:
    """False once Qt deleted the object (the project closed while a check was running)."""
    return bool(shiboken6.isValid(obj))


def wave() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    fmt.setUnderlineColor(QColor("red"))
    return fmt


class RowMarks(QObject):
    """The marks of targets asked for by the painter, computed in the background."""

    landed = Signal()  # new marks: the rows in sight should be painted again

    def __init__(self, checker: Any, parent: QObject | None = None):
        super().__init__(parent)
        self.checker = checker
        self._cache: OrderedDict[bytes, Marks] = OrderedDict()
        self._pending: dict[bytes, str] = {}
        self._job: jobs.Op[dict[bytes, Marks]] | None = None
        self._version = checker.version
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(30)  # gather the rows of one paint into one job
        self._timer.timeout.connect(self._start)

    def marks(self, text: str) -> Marks | None:
        """The marks of ``text`` if known; else None, and they are looked for."""
        if self._version != self.checker.version:  # a word learned or ignored since
            self._version = self.checker.version
            self._cache.clear()
        key = text_key(text)
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        self._pending[key] = text
        if self._job is None and not self._timer.isActive():
            self._timer.start()
        return None

    def _start(self) -> None:
        batch = dict(list(self._pending.items())[:BATCH])
        if not batch:
            return
        checker = self.checker
        version = checker.version

        def work(ctx: jobs.Context) -> dict[bytes, Marks]:
            out: dict[bytes, Marks] = {}
            for key, text in batch.items():
                if ctx.cancelled():
                    break
                out[key] = tuple((m.start, m.end, m.word) for m in checker.check_tagged(text))
            return out

        self._job = jobs.Op(work).success(
            lambda found: self._land(found) if checker.version == version and alive(self)
            else None
        ).finished(lambda: self._done() if alive(self) else None)
        self._job.run_in_background()

    def _land(self, found: dict[bytes, Marks]) -> None:
        for key, marks in found.items():
            self._cache[key] = marks
            self._pending.pop(key, None)
        while len(self._cache) > CACHE:
            self._cache.popitem(last=False)
        self.landed.emit()

    def _done(self) -> None:
        self._job = None
        if self._pending:
            self._timer.start()


def underline(doc: QTextDocument, plain: str, marks: Marks) -> None:
    """Red waves under the marked words of a laid-out cell. ``plain`` is the cell's
    tag-free text; the document also holds the chips' labels (never Arabic letters), so
    the n-th occurrence of a word in ``plain`` is its n-th occurrence in the document."""
    shown = doc.toPlainText()
    fmt = wave()
    for start, end, word in marks:
        nth = plain.count(word, 0, start)
        at = -1
        for _ in range(nth + 1):
            at = shown.find(word, at + 1)
            if at < 0:
                break
        if at < 0:
            continue
        cursor = QTextCursor(doc)
        cursor.setPosition(at)
        cursor.setPosition(at + (end - start), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)
