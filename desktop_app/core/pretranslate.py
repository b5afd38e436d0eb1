"""Fill a project's untranslated segments: TM exact matches first (no MT for those), then
machine translation over the rest of the document, batch by batch, each batch stored at
once (a cancelled or crashed run keeps what it finished). The whole run, cancelled or
not, is one undo step, as in the editor: undo empties what it filled."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core.documents.base import reattach_tags, strip_tags
from desktop_app.core.glossary.enforce import Enforcer
from desktop_app.core.glossary.library import default_enforcer
from desktop_app.core.history import Step, UndoLog
from desktop_app.core.i18n import _, number
from desktop_app.core.mt.engine import CancelFn, Cancelled, ProgressFn
from desktop_app.core.mt.routing import translate_texts
from desktop_app.core.project import Project
from desktop_app.core.segments import Segment, State, Status
from desktop_app.core.settings import Settings
from desktop_app.core.tm import Match, TranslationMemory

CHUNK = 64
RowsFn = Callable[[list[int]], None]


@dataclass(slots=True)
class Report:
    total: int = 0
    from_tm: int = 0
    from_mt: int = 0
    from_glossary: int = 0  # segments that are one glossary term (a table cell, a heading)
    from_tm_repaired: int = 0  # fuzzy TM matches with their one changed span patched
    glossary_lost: int = 0
    cancelled: bool = False
    notes: tuple[str, ...] = ()
    segments: list[Segment] = field(default_factory=list)  # as translated (``translate``)

    @property
    def left(self) -> int:
        """Segments still without a translation: MT gave nothing, or the run stopped."""
        return (self.total - self.from_tm - self.from_mt - self.from_glossary
                - self.from_tm_repaired)

    def summary(self) -> str:
        """What the run did, as the editor, ``project pretranslate`` and ``translate``
        say it."""
        text = _("{mt} segments by MT, {tm} from the translation memory, {left} left "
                 "untranslated").format(mt=number(self.from_mt), tm=number(self.from_tm),
                                        left=number(self.left))
        if self.from_glossary:
            text += _("; {n} from the glossary").format(n=number(self.from_glossary))
        if self.from_tm_repaired:
            text += _("; {n} fuzzy TM matches repaired (review them)").format(
                n=number(self.from_tm_repaired))
        return text


_EDGE = " \t.:;,!?()[]\"'“”‘’«»-–—*•·"


def glossary_only(source: str, enforcer: Enforcer) -> str | None:
    """The target of a segment that is exactly one glossary term (give or take the
    punctuation around it: "Taliban", "Resistance:", a one-name heading), else None."""
    plain = strip_tags(source)
    inner = plain.strip(_EDGE)
    if not inner or len(inner) > 80:
        return None
    hits = enforcer.matcher.find(inner)
    if len(hits) != 1 or hits[0].span != (0, len(inner)):
        return None
    hit = hits[0]
    if 0 <= hit.stem_end < hit.end:  # an inflected form: the term's target would not fit
        return None
    target = enforcer.target_for(hit)
    if not target:
        return None
    lead = plain[:plain.index(inner)]
    trail = plain[plain.index(inner) + len(inner):]
    return reattach_tags(source, lead + target + trail)


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
    if enforcer is not None:
        terms = [(seg.id, text, "glossary") for seg in todo
                 if (text := glossary_only(seg.source, enforcer)) is not None]
        report.from_glossary = project.apply_machine(terms, written=written)
        if on_rows is not None and terms:
            on_rows([t[0] for t in terms])
        filled = {t[0] for t in terms}
        todo = [s for s in todo if s.id not in filled]
    if tm is not None and todo:
        try:
            todo = _repair_fuzzy(project, todo, tm, report, engine=engine, settings=settings,
                                 enforcer=enforcer, use_cache=use_cache, cancel=cancel,
                                 on_rows=on_rows, written=written)
        except Cancelled:
            report.cancelled = True
            UndoLog(project).record_done(Step("pretranslate", written))
            return report
    notes: set[str] = set()
    done = report.from_tm + report.from_glossary + report.from_tm_repaired
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
        sure = {seg.id: r.confidence for seg, r in zip(batch, results, strict=True)
                if r.text and r.confidence is not None}
        report.from_mt += project.apply_machine(rows, confidence=sure,
                                              written=written)
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


def _repair_fuzzy(project: Project, todo: list[Segment], tm: TranslationMemory,
                  report: Report, *, engine: str | None, settings: Settings | None,
                  enforcer: Enforcer | None, use_cache: bool, cancel: CancelFn | None,
                  on_rows: RowsFn | None,
                  written: list[tuple[int, State, State]]) -> list[Segment]:
    """Fuzzy TM matches (75–99%) that differ from the source in one short span, patched
    (origin ``tm-repaired``); the segments still to translate are returned."""
    from desktop_app.core import tm_repair

    fuzzy: list[tuple[Segment, Match]] = []
    for seg in todo:
        found = tm.fuzzy(seg.source, project.source_lang, project.target_lang,
                         threshold=tm_repair.MIN_SCORE, limit=1)
        if found and not found[0].exact:
            fuzzy.append((seg, found[0]))
    if not fuzzy:
        return todo

    def machine(texts: list[str]) -> list[str]:
        return [r.text for r in translate_texts(
            texts, project.source_lang, project.target_lang, engine=engine, settings=settings,
            use_cache=use_cache, cancel=cancel, enforcer=enforcer)]

    fixed = tm_repair.repair_all([(strip_tags(s.source), m) for s, m in fuzzy],
                                 project.target_lang, enforcer=enforcer, translate=machine)
    rows = [(seg.id, reattach_tags(seg.source, text), tm_repair.ORIGIN)
            for (seg, _m), text in zip(fuzzy, fixed, strict=True) if text]
    report.from_tm_repaired = project.apply_machine(rows, written=written)
    if on_rows is not None and rows:
        on_rows([r[0] for r in rows])
    repaired = {r[0] for r in rows}
    return [s for s in todo if s.id not in repaired]


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
