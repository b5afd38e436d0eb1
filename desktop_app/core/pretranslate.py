"""Fill a project's untranslated segments: TM exact matches first (no MT for those), then
machine translation over the rest of the document, batch by batch, each batch stored at
once (a cancelled or crashed run keeps what it finished). The whole run, cancelled or
not, is one undo step, as in the editor: undo empties what it filled."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.documents.base import reattach_tags, strip_tags
from desktop_app.core.glossary.enforce import Enforcer
from desktop_app.core.glossary.library import default_enforcer
from desktop_app.core.history import Step, UndoLog
from desktop_app.core.i18n import _, number
from desktop_app.core.mt.engine import CancelFn, Cancelled, ProgressFn
from desktop_app.core.mt.routing import translate_texts
from desktop_app.core.project import Project
from desktop_app.core.segments import State, Status
from desktop_app.core.settings import Settings
from desktop_app.core.tm import TranslationMemory

CHUNK = 64
RowsFn = Callable[[list[int]], None]


@dataclass(slots=True)
class Report:
    total: int = 0
    from_tm: int = 0
    from_mt: int = 0
    glossary_lost: int = 0
    cancelled: bool = False
    notes: tuple[str, ...] = ()

    @property
    def left(self) -> int:
        """Segments still without a translation: MT gave nothing, or the run stopped."""
        return self.total - self.from_tm - self.from_mt

    def summary(self) -> str:
        """What the run did, as the editor, ``project pretranslate`` and ``translate``
        say it."""
        return _("{mt} segments by MT, {tm} from the translation memory, {left} left "
                 "untranslated").format(mt=number(self.from_mt), tm=number(self.from_tm),
                                        left=number(self.left))


def pretranslate(project: Project, *, engine: str | None = None,
                 settings: Settings | None = None, enforcer: Enforcer | None = None,
                 tm: TranslationMemory | None = None, use_cache: bool = True,
                 on_progress: ProgressFn | None = None, cancel: CancelFn | None = None,
                 on_rows: RowsFn | None = None, chunk: int = CHUNK) -> Report:
    """``on_rows`` gets the ids of the segments each batch filled, so a view can repaint
    just those."""
    todo = project.segments("segments.status = ?", [Status.NEW.value])
    report = Report(total=len(todo))
    written: list[tuple[int, State, State]] = []  # one undo step for the whole run
    if tm is not None:
        hits = []
        for seg in todo:
            match = tm.exact(seg.source, project.source_lang, project.target_lang)
            if match:
                hits.append((seg.id, match.target, "tm:exact"))
        report.from_tm = project.apply_machine(hits, written=written)
        done_ids = {h[0] for h in hits}
        if on_rows is not None and hits:
            on_rows([h[0] for h in hits])
        todo = [s for s in todo if s.id not in done_ids]
    notes: set[str] = set()
    done = report.from_tm
    if on_progress is not None:
        on_progress(done, report.total)
    for start in range(0, len(todo), chunk):
        if cancel is not None and cancel():
            report.cancelled = True
            break
        batch = todo[start:start + chunk]
        try:
            results = translate_texts([strip_tags(s.source) for s in batch],
                                      project.source_lang,
                                      project.target_lang, engine=engine, settings=settings,
                                      use_cache=use_cache, cancel=cancel, enforcer=enforcer)
        except Cancelled:
            report.cancelled = True
            break
        rows = [(seg.id, reattach_tags(seg.source, r.text), f"mt:{r.engine}:{r.model_id}")
                for seg, r in zip(batch, results, strict=True) if r.text]
        report.from_mt += project.apply_machine(rows, written=written)
        if on_rows is not None and rows:
            on_rows([r[0] for r in rows])
        report.glossary_lost += sum(1 for r in results if r.flags)
        notes.update(r.note for r in results if r.note)
        done += len(batch)
        if on_progress is not None:
            on_progress(done, report.total)
    report.notes = tuple(sorted(notes))
    UndoLog(project).record_done(Step("pretranslate", written))  # cancelled runs too
    return report


def pretranslate_file(path: Path, *, engine: str | None = None,
                      settings: Settings | None = None, glossary: bool = True,
                      on_progress: ProgressFn | None = None, cancel: CancelFn | None = None,
                      on_rows: RowsFn | None = None, chunk: int = CHUNK) -> Report:
    """Pretranslate a project file with its own connections (the editor's background job
    and ``tarjuman project pretranslate`` both run this): the user's TM, then MT with the
    project's glossary enforced."""
    settings = settings or Settings.load()
    project = Project.open(path)
    try:
        enforcer = default_enforcer(
            project.source_lang, project.target_lang, path,
            texts=(s.source for s in project.segments())) if (
            glossary and settings.use_glossary) else None
        with TranslationMemory() as tm:
            return pretranslate(project, engine=engine, settings=settings, enforcer=enforcer,
                                tm=tm, on_progress=on_progress, cancel=cancel,
                                on_rows=on_rows, chunk=chunk)
    finally:
        project.close()
