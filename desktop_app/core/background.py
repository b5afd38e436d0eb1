"""Heavy editor jobs as plain functions of a job context, so they can run in a worker
process: parsing a document and splitting it into sentences hold the interpreter lock for
long stretches, which on a thread would freeze the window. Each opens and closes its own
connections. No MT library is imported here: the process that forks the workers imports
this module, and CTranslate2 must not be loaded in a process that forks. (Pretranslation
stays on a thread of the window's process, so it shares the one loaded model with the MT
dock.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from desktop_app.core.session import import_document


class JobContext(Protocol):
    def report(self, value: Any) -> None: ...

    def cancelled(self) -> bool: ...


def import_job(ctx: JobContext, document: Path, target_lang: str) -> Path:
    """Import a document into a new project file; returns its path."""
    return import_document(document, target_lang)

