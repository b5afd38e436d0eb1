"""Concordance: where a word or phrase was met before, in the translation memory, the
glossaries and the confirmed segments of every project, spelling variants folded, on the
source or the target side, each hit with its context and where it comes from.

The side can be left to the query: a query in Arabic script is looked for on the side
whose language is written in it (the target of an English→Dari project), a Latin one on
the other side; when both languages share a script, or the query mixes scripts, on both."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.core import languages
from desktop_app.core.documents.base import strip_tags
from desktop_app.core.errors import TarjumanError
from desktop_app.core.glossary.labels import domain_label, status_label
from desktop_app.core.glossary.store import GlossarySet
from desktop_app.core.i18n import N_
from desktop_app.core.paths import sub_dir
from desktop_app.core.project import SUFFIX, Project
from desktop_app.core.textnorm import fold_with_map, is_arabic_letter, original_span
from desktop_app.core.tm import TranslationMemory

SIDES = {"auto": N_("Automatic (by script)"), "source": N_("Source"), "target": N_("Target"),
         "both": N_("Both sides")}
SIDE_OF_HIT = {"source": N_("source side"), "target": N_("target side")}
KINDS = {"tm": N_("Translation memory"), "glossary": N_("Glossary"),
         "project": N_("Confirmed segment")}


@dataclass(slots=True)
class Hit:
    kind: str  # tm | glossary | project
    source: str
    target: str
    where: str  # TM origin, glossary name, project file
    span: tuple[int, int]  # of the query in the searched side (source or target)
    side: str = "source"  # the side the query was found on


def side_for(query: str, source_lang: str, target_lang: str) -> str:
    """The side a query belongs to by its script: "source", "target" or "both"."""
    src_rtl, tgt_rtl = languages.get(source_lang).is_rtl, languages.get(target_lang).is_rtl
    letters = [c for c in query if c.isalpha()]
    arabic = any(is_arabic_letter(c) for c in letters)
    other = any(not is_arabic_letter(c) for c in letters)
    if src_rtl == tgt_rtl or arabic == other:  # one script for both, mixed, or no letters
        return "both"
    return "source" if arabic == src_rtl else "target"


def _find(query: str, text: str, lang: str) -> tuple[int, int] | None:
    folded_query = fold_with_map(query, lang)[0].strip()
    if not folded_query:
        return None
    folded, index = fold_with_map(text, lang)
    at = folded.find(folded_query)
    if at < 0:
        return None
    return original_span(index, at, at + len(folded_query))


def search(query: str, source_lang: str, target_lang: str, *, side: str = "auto",
           tm: TranslationMemory | None = None, glossaries: GlossarySet | None = None,
           projects: Path | None = None, limit: int = 200) -> list[Hit]:
    """Hits for ``query`` on ``side`` ("source", "target", "both" or "auto": by the query's
    script), TM first, then glossary terms, then confirmed segments of the projects in
    ``projects`` (the data dir's by default). Each hit says which side it was found on."""
    src, tgt = languages.get(source_lang).code, languages.get(target_lang).code
    if side == "auto":
        side = side_for(query, src, tgt)
    sides = [(s, lang) for s, lang in (("source", src), ("target", tgt)) if side in (s, "both")]
    hits: list[Hit] = []

    def consider(kind: str, source: str, target: str, where: str) -> None:
        if len(hits) >= limit:
            return
        for name, lang in sides:
            span = _find(query, source if name == "source" else target, lang)
            if span is not None:
                hits.append(Hit(kind, source, target, where, span, name))
                return

    if tm is not None:
        for source, target, origin in tm.db.execute(
                "SELECT source, target, origin FROM units WHERE source_lang = ? AND "
                "target_lang = ? ORDER BY created DESC", [src, tgt]):
            consider("tm", strip_tags(source), strip_tags(target), origin)
    if glossaries is not None:
        for concept in glossaries.concepts():
            targets = concept.terms_in(tgt)
            for term in concept.terms_in(src):
                consider("glossary", term.text, " | ".join(
                    f"{t.text} ({status_label(t.status)})" for t in targets),
                    concept.note or domain_label(concept.domain))
    for path in sorted((projects or sub_dir("projects")).glob(f"*{SUFFIX}")):
        try:
            project = Project.open(path)
        except TarjumanError:
            continue
        try:
            if project.source_lang != src or project.target_lang != tgt:
                continue
            for source, target in project.db.execute(
                    "SELECT source, target FROM segments WHERE status = 'confirmed'"):
                consider("project", strip_tags(source), strip_tags(target), path.name)
        finally:
            project.close()
    return hits
