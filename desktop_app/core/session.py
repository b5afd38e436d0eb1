"""An editing session over one project: what the editor window does, without Qt.

The GUI hands every user action to this class, so the logic is tested without a
display (the Mu pattern). It owns the project connection of the GUI thread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core import qa
from desktop_app.core.backup import make_backup, safe_name
from desktop_app.core.documents.base import strip_tags
from desktop_app.core.exports import export
from desktop_app.core.glossary.library import open_for_project
from desktop_app.core.glossary.matcher import Hit, Matcher
from desktop_app.core.glossary.qa import Finding, GlossaryQA
from desktop_app.core.glossary.store import Concept, GlossarySet, Term
from desktop_app.core.paths import sub_dir
from desktop_app.core.project import SUFFIX, Project
from desktop_app.core.review import ReviewReport, import_review
from desktop_app.core.segments import Segment, Status
from desktop_app.core.settings import Settings
from desktop_app.core.textnorm import fold
from desktop_app.core.tm import Match, TranslationMemory

FILTERS = ("all", "untranslated", "mt", "edited", "confirmed", "qa")


@dataclass(slots=True)
class TermHit:
    hit: Hit
    targets: list[str]  # allowed target terms, preferred first


def new_project_path(document: Path) -> Path:
    """A free project file name in the data dir's projects folder."""
    folder = sub_dir("projects")
    stem, suffix = safe_name(document.stem), safe_name(document.suffix.lstrip("."), "")
    path = folder / f"{stem}.{suffix}{SUFFIX}"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}.{suffix}{SUFFIX}"
        n += 1
    return path


class EditSession:
    def __init__(self, project: Project, glossaries: GlossarySet | None = None,
                 tm: TranslationMemory | None = None):
        self.project = project
        self.glossaries = glossaries or open_for_project(project.path)
        self.tm = tm or TranslationMemory()
        self.matcher = Matcher(project.source_lang, self.glossaries.concepts())
        self.glossary_qa = self._glossary_qa()
        self.segments: list[Segment] = []
        self.row_of: dict[int, int] = {}
        self.findings: dict[int, list[Finding]] = {}
        self.reload()

    @classmethod
    def open(cls, path: Path) -> EditSession:
        project = Project.open(path)
        make_backup(path, Settings.load().backups_keep)
        return cls(project)

    @classmethod
    def from_document(cls, document: Path, target_lang: str, source_lang: str = "en",
                      path: Path | None = None) -> EditSession:
        project = Project.create(document, target_lang, source_lang=source_lang,
                                 path=path or new_project_path(document))
        return cls(project)

    def close(self) -> None:
        self.project.close()
        self.tm.close()

    # -- state -------------------------------------------------------------------------

    def _glossary_qa(self) -> GlossaryQA:
        return GlossaryQA(self.matcher.concepts.values(), self.project.source_lang,
                          self.project.target_lang)

    def reload(self, *, with_qa: bool = True) -> None:
        """Read every segment again (results of a background job); QA can wait for the end."""
        self.segments = self.project.segments()
        self.row_of = {s.id: row for row, s in enumerate(self.segments)}
        if with_qa:
            self.run_qa()

    def refresh(self, segment_id: int) -> int:
        row = self.row_of[segment_id]
        self.segments[row] = self.project.segment(segment_id)
        self.run_qa(row)
        return row

    def run_qa(self, row: int | None = None) -> None:
        rows = range(len(self.segments)) if row is None else [row]
        if row is None:
            self.findings.clear()
        for r in rows:
            seg = self.segments[r]
            if not seg.target:
                self.findings.pop(r, None)
                continue
            found = qa.check([(seg.source, seg.target)], self.project.source_lang,
                             self.project.target_lang, disabled=["empty"],
                             glossary=self.glossary_qa)
            if found:
                self.findings[r] = found
            else:
                self.findings.pop(r, None)

    # -- editing -----------------------------------------------------------------------

    def set_target(self, row: int, text: str, status: Status = Status.EDITED) -> Segment:
        seg = self.segments[row]
        if text == seg.target and status == seg.status:
            return seg
        self.project.set_target(seg.id, text, status=status,
                                origin="user" if text != seg.target else seg.origin)
        self.refresh(seg.id)
        return self.segments[row]

    def confirm(self, row: int, text: str | None = None) -> Segment:
        seg = self.project.confirm(self.segments[row].id, text)
        self.tm.add(seg.source, seg.target, self.project.source_lang, self.project.target_lang,
                    origin=f"project:{self.project.path.name}")
        self.refresh(seg.id)
        return self.segments[row]

    def next_unconfirmed(self, row: int) -> int | None:
        for r in list(range(row + 1, len(self.segments))) + list(range(0, row)):
            if self.segments[r].status != Status.CONFIRMED:
                return r
        return None

    # -- helpers for the panels ----------------------------------------------------------

    def glossary_hits(self, row: int) -> list[TermHit]:
        out = []
        for hit in self.matcher.find(strip_tags(self.segments[row].source)):
            concept = self.matcher.concepts[hit.concept_key]
            terms = [t.text for t in concept.terms_in(self.project.target_lang, "preferred",
                                                      "admitted")]
            if hit.term.dnt:
                terms = [hit.text]
            out.append(TermHit(hit, terms))
        return out

    def tm_matches(self, row: int) -> list[Match]:
        source = self.segments[row].source
        exact = self.tm.exact(source, self.project.source_lang, self.project.target_lang)
        fuzzy = self.tm.fuzzy(source, self.project.source_lang, self.project.target_lang)
        return ([exact] if exact else []) + [m for m in fuzzy if not m.exact]

    def add_term(self, source_text: str, target_text: str) -> Concept:
        concept = self.glossaries.writable.add_concept(Concept([
            Term(self.project.source_lang, source_text.strip()),
            Term(self.project.target_lang, target_text.strip())]))
        self.matcher.add(concept)
        self.glossary_qa = self._glossary_qa()
        self.run_qa()
        return concept

    def rebuild_matcher(self) -> None:
        self.matcher = Matcher(self.project.source_lang, self.glossaries.concepts())
        self.glossary_qa = self._glossary_qa()
        self.run_qa()

    # -- filters and find ----------------------------------------------------------------

    def matches_filter(self, row: int, mode: str) -> bool:
        status = self.segments[row].status
        return {
            "all": True,
            "untranslated": status == Status.NEW,
            "mt": status == Status.MT,
            "edited": status == Status.EDITED,
            "confirmed": status == Status.CONFIRMED,
            "qa": row in self.findings,
        }[mode]

    def _pattern(self, query: str, regex: bool) -> re.Pattern[str]:
        try:
            return re.compile(query if regex else re.escape(fold(query)),
                              re.IGNORECASE)
        except re.error as exc:
            from desktop_app.core.errors import InputError

            raise InputError(f"bad regular expression: {exc}") from exc

    def find(self, query: str, *, in_source: bool = True, in_target: bool = True,
             regex: bool = False) -> list[int]:
        """Rows whose source or target matches, spelling variants folded (unless regex)."""
        if not query:
            return []
        pattern = self._pattern(query, regex)
        rows = []
        for row, seg in enumerate(self.segments):
            texts = ([seg.source] if in_source else []) + ([seg.target] if in_target else [])
            for text in texts:
                plain = strip_tags(text)
                if pattern.search(plain if regex else fold(plain)):
                    rows.append(row)
                    break
        return rows

    def replace_all(self, query: str, replacement: str, *, regex: bool = False) -> int:
        """Replace in targets; every changed segment is saved (and can be undone)."""
        if not query:
            return 0
        pattern = re.compile(query if regex else re.escape(query))
        changed = 0
        for row, seg in enumerate(self.segments):
            if seg.target and pattern.search(seg.target):
                self.set_target(row, pattern.sub(replacement, seg.target))
                changed += 1
        return changed

    # -- view state and export -------------------------------------------------------------

    def save_view(self, row: int, filter_mode: str) -> None:
        self.project.set_meta("ui.row", str(row))
        self.project.set_meta("ui.filter", filter_mode)

    def load_view(self) -> tuple[int, str]:
        row = int(self.project.get_meta("ui.row", "0") or 0)
        mode = self.project.get_meta("ui.filter", "all")
        return min(row, max(0, len(self.segments) - 1)), mode if mode in FILTERS else "all"

    def export(self, path: Path, *, fallback: str = "mt", bilingual: bool = False) -> str:
        return export(self.project, path, fallback=fallback, bilingual=bilingual)

    def import_review(self, path: Path, *, confirm: bool = False) -> ReviewReport:
        """A reviewed file (review docx or XLIFF) back into the project; all or nothing."""
        report = import_review(self.project, path, confirm=confirm)
        self.reload()
        return report
