"""Align an English document with its existing Dari or Pashto translation into TM units.

Both files are read through the format registry (docx, txt, html, md, PDF...) and split by
the project's segmenter; :mod:`.galechurch` links the sentences. An :class:`Alignment` is
what the editor shows and fixes: each :class:`Link` can be joined with the next, split,
have a boundary moved, be confirmed; :meth:`Alignment.to_tm` stores the links that have
both sides as units of origin ``aligned`` with their confidence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core import languages, segmenter, tmx
from desktop_app.core.align.galechurch import Sentence, align
from desktop_app.core.documents.base import DocumentError, read_file, strip_tags
from desktop_app.core.documents.registry import detect
from desktop_app.core.errors import InputError
from desktop_app.core.i18n import _
from desktop_app.core.tm import TranslationMemory

ALIGNED = "aligned"


@dataclass(slots=True)
class Link:
    source: list[int]  # sentence indices into Alignment.source
    target: list[int]
    confidence: float
    confirmed: bool = False

    @property
    def kind(self) -> str:
        return f"{len(self.source)}:{len(self.target)}"


@dataclass(slots=True)
class Alignment:
    source: list[Sentence]
    target: list[Sentence]
    links: list[Link]
    source_lang: str = "en"
    target_lang: str = "prs"
    source_name: str = ""
    history: list[list[Link]] = field(default_factory=list)

    # -- reading --------------------------------------------------------------------------

    def source_text(self, link: Link) -> str:
        return " ".join(self.source[i].text.strip() for i in link.source)

    def target_text(self, link: Link) -> str:
        return " ".join(self.target[i].text.strip() for i in link.target)

    def as_json(self) -> dict[str, Any]:
        return {"source_lang": self.source_lang, "target_lang": self.target_lang,
                "links": [{"source": self.source_text(k), "target": self.target_text(k),
                           "kind": k.kind, "confidence": k.confidence,
                           "source_sentences": k.source, "target_sentences": k.target}
                          for k in self.links]}

    def pairs(self) -> list[tuple[str, str, float]]:
        """(source, target, confidence) of every link with both sides."""
        return [(self.source_text(k), self.target_text(k), k.confidence) for k in self.links
                if k.source and k.target]

    # -- fixing (each step can be undone) -------------------------------------------------

    def _save(self) -> None:
        self.history.append([Link(list(k.source), list(k.target), k.confidence, k.confirmed)
                             for k in self.links])

    def undo(self) -> bool:
        if not self.history:
            return False
        self.links = self.history.pop()
        return True

    def join(self, row: int) -> None:
        """Link ``row`` and the next one become one link."""
        if not 0 <= row < len(self.links) - 1:
            return
        self._save()
        a, b = self.links[row], self.links.pop(row + 1)
        self.links[row] = Link(a.source + b.source, a.target + b.target,
                               min(a.confidence, b.confidence), True)

    def split(self, row: int) -> None:
        """The first sentence of each side stays; the rest becomes the next link."""
        link = self.links[row]
        if len(link.source) < 2 and len(link.target) < 2:
            return
        self._save()
        head = Link(link.source[:1], link.target[:1], link.confidence, True)
        tail = Link(link.source[1:], link.target[1:], link.confidence, True)
        self.links[row:row + 1] = [head, tail]

    def move(self, row: int, side: str, down: bool) -> None:
        """Move the boundary between ``row`` and the next link on one side: ``down`` gives
        the next link's first sentence to ``row``; up gives ``row``'s last one to the next."""
        if not 0 <= row < len(self.links) - 1 or side not in ("source", "target"):
            return
        here: list[int] = getattr(self.links[row], side)
        nxt: list[int] = getattr(self.links[row + 1], side)
        if not (nxt if down else here):
            return
        self._save()
        here = getattr(self.links[row], side)
        nxt = getattr(self.links[row + 1], side)
        if down:
            here.append(nxt.pop(0))
        else:
            nxt.insert(0, here.pop())
        self.links[row].confirmed = self.links[row + 1].confirmed = True
        for k in (row + 1, row):  # a link left with no sentence at all goes
            if not (self.links[k].source or self.links[k].target):
                del self.links[k]

    def confirm(self, row: int) -> None:
        self._save()
        self.links[row].confirmed = True
        self.links[row].confidence = 1.0

    # -- out ------------------------------------------------------------------------------

    def origin(self, confidence: float) -> str:
        return f"{ALIGNED}:{round(confidence * 100)}:{self.source_name}"

    def to_tm(self, tm: TranslationMemory | None = None) -> int:
        """Store every two-sided link as a unit of origin ``aligned:CONFIDENCE:FILE``; how
        many units were stored."""
        own = tm is None
        memory = tm if tm is not None else TranslationMemory()
        try:
            stored = 0
            by_origin: dict[str, list[tuple[str, str]]] = {}
            for source, target, conf in self.pairs():
                by_origin.setdefault(self.origin(conf), []).append((source, target))
            for origin, pairs in by_origin.items():
                stored += memory.add_many(pairs, self.source_lang, self.target_lang,
                                          origin=origin)
            return stored
        finally:
            if own:
                memory.close()

    def tmx(self) -> bytes:
        src, tgt = languages.get(self.source_lang), languages.get(self.target_lang)
        return tmx.write([(s, t) for s, t, _c in self.pairs()], src.bcp47, tgt.bcp47)


def sentences(path: Path, language: str) -> list[Sentence]:
    """The document's sentences, with their paragraph and the paragraph ends marked."""
    data = read_file(path)
    imported = detect(path, data).load(data, path.name)
    out: list[Sentence] = []
    for p, block in enumerate(imported.blocks):
        parts = [s for s in (strip_tags(x).strip() for x in segmenter.split(block.text,
                                                                           language)) if s]
        for k, text in enumerate(parts):
            out.append(Sentence.of(text, p, last=k == len(parts) - 1))
    if not out:
        raise DocumentError(_("{name}: no text to align").format(name=path.name))
    return out


def align_sentences(source: list[Sentence], target: list[Sentence],
                    terms: Sequence[tuple[str, str]] = ()) -> list[Link]:
    return [Link(list(b.source), list(b.target), b.confidence)
            for b in align(source, target, terms)]


def align_files(source: Path, target: Path, target_lang: str, *,
                terms: Sequence[tuple[str, str]] | None = None,
                on_progress: Callable[[str], None] | None = None) -> Alignment:
    """Read, split and align two documents (English source, Dari or Pashto target)."""
    lang = languages.get(target_lang)
    if lang.code not in ("prs", "ps"):
        raise InputError(_("alignment pairs English with Dari or Pashto, not {lang}").format(
            lang=lang.display_name()))
    src = sentences(source, "en")
    tgt = sentences(target, lang.code)
    if terms is None:
        terms = glossary_terms(lang.code)
    links = align_sentences(src, tgt, terms)
    return Alignment(src, tgt, links, "en", lang.code, source.name)


def glossary_terms(target_lang: str) -> list[tuple[str, str]]:
    """(English, target) term pairs of the user's glossaries: names that anchor links."""
    try:
        from desktop_app.core.glossary.library import open_default

        glossaries = open_default()
    except Exception:  # no glossary is no anchor, not a failure
        return []
    try:
        pairs: list[tuple[str, str]] = []
        for concept in glossaries.concepts():
            en = [t.text for t in concept.terms if t.lang == "en"]
            tg = [t.text for t in concept.terms if t.lang == target_lang]
            if en and tg and len(en[0]) > 2 and en[0][:1].isupper():
                pairs.append((en[0], tg[0]))
        return pairs
    except Exception:
        return []
    finally:
        close = getattr(glossaries, "close", None)
        if close is not None:
            close()
