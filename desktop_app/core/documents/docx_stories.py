"""The story parts of a Word package: where its text lives, and what is not translated.

Imported: the body (with its tables and text boxes), the header and footer of every type
(default, first page, even pages) of every section, footnotes and endnotes. Text boxes
written twice (``mc:AlternateContent``: a DrawingML Choice and a VML Fallback) are read
once; on export the Fallback gets a copy of the translated Choice. Not imported, and named
in the import report: comments, charts and SmartArt, embedded objects (the file's title
and subject: :mod:`docx_props`). Tracked changes are counted for the report and accepted
on export.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from desktop_app.core.documents.docx_runs import (
    ALTERNATE,
    CHOICE,
    DELETED,
    FALLBACK,
    chosen_branch,
    visible_text,
)
from desktop_app.core.i18n import ngettext

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                         huge_tree=False)
HEADER_TYPES = ("default", "first", "even")
CHANGE_MARKS = {qn(f"w:{t}") for t in ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange",
                                        "trPrChange", "tcPrChange", "tblGridChange",
                                        "numberingChange", "cellIns", "cellDel", "cellMerge")}
RANGE_MARKS = {qn(f"w:{t}") for t in ("moveFromRangeStart", "moveFromRangeEnd",
                                       "moveToRangeStart", "moveToRangeEnd")}
TXBX = qn("w:txbxContent")
DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
TEXTPATH = "{urn:schemas-microsoft-com:vml}textpath"
CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
DIAGRAM = "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml"
DRAWING_TEXT = ("{http://schemas.openxmlformats.org/drawingml/2006/main}t",
                "{http://schemas.openxmlformats.org/drawingml/2006/chart}v")


class Notes:
    """Footnotes and endnotes: python-docx keeps them as raw parts, so they are parsed
    here and written back into the part when the document is saved."""

    KINDS = {RT.FOOTNOTES: "fn", RT.ENDNOTES: "en"}

    def __init__(self, document: docx.document.Document):
        self.parts: list[tuple[str, Any, etree._Element]] = []
        for rel in document.part.rels.values():
            kind = self.KINDS.get(rel.reltype)
            if kind is None or rel.is_external:
                continue
            part = rel.target_part
            self.parts.append((kind, part, etree.fromstring(part.blob, PARSER)))

    def roots(self) -> Iterator[tuple[str, etree._Element]]:
        for kind, _part, root in self.parts:
            # separator notes (ids -1 and 0) are not text to translate
            for note in root:
                if note.get(qn("w:type")) in (None, "normal"):
                    yield f"{kind}{note.get(qn('w:id'))}", note

    def store(self) -> None:
        for _kind, part, root in self.parts:
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                        standalone=True)


def headers_footers(document: docx.document.Document) -> Iterator[tuple[str, etree._Element]]:
    """Every header and footer of every section, each part once: ``hdr0`` is section 0's
    default header, ``hdr0first`` its first-page one, ``ftr1even`` section 1's even-page
    footer."""
    seen: set[int] = set()
    related = document.part.related_parts
    for s, section in enumerate(document.sections):
        sect_pr = section._sectPr
        for kind, ref in (("hdr", "w:headerReference"), ("ftr", "w:footerReference")):
            by_type = {el.get(qn("w:type")) or "default": el.get(qn("r:id"))
                       for el in sect_pr.findall(qn(ref))}
            for hf_type in HEADER_TYPES:
                rid = by_type.get(hf_type)
                if rid is None:
                    continue
                element = related[rid]._element
                if id(element) in seen:
                    continue
                seen.add(id(element))
                yield f"{kind}{s}{'' if hf_type == 'default' else hf_type}", element


def story_roots(document: docx.document.Document,
                notes: Notes) -> list[tuple[str, etree._Element]]:
    return [("body", document.element.body), *headers_footers(document), *notes.roots()]


def paragraphs(roots: list[tuple[str, etree._Element]]
               ) -> Iterator[tuple[str, etree._Element]]:
    """(block id, w:p) of every paragraph, numbered in document order within its part."""
    for part_name, root in roots:
        for n, p in enumerate(root.iter(qn("w:p"))):
            yield f"{part_name}:{n}", p


def readable(p: etree._Element) -> bool:
    """Not deleted, and in the branch of each AlternateContent that is read."""
    for ancestor in p.iterancestors():
        if ancestor.tag in DELETED:
            return False
        if ancestor.tag in (CHOICE, FALLBACK):
            alternate = ancestor.getparent()
            if alternate is not None and chosen_branch(alternate) is not ancestor:
                return False
    return True


def count_changes(roots: list[tuple[str, etree._Element]]) -> int:
    tags = {qn("w:ins"), qn("w:moveTo"), *DELETED, *CHANGE_MARKS}
    return sum(1 for _name, root in roots for _el in root.iter(*tags))


def _unwrap(el: etree._Element) -> None:
    for child in list(el):
        el.addprevious(child)
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


def _remove(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


def _join_next(p: etree._Element | None) -> None:
    """A paragraph whose mark was deleted runs on into the next one, as Word does when
    the deletion is accepted (not across a section break or out of its cell)."""
    if p is None or p.tag != qn("w:p"):
        return
    after = p.getnext()
    ppr = p.find(qn("w:pPr"))
    if after is None or after.tag != qn("w:p") or (
            ppr is not None and ppr.find(qn("w:sectPr")) is not None):
        return
    content = [c for c in p if c.tag != qn("w:pPr")]
    after_ppr = after.find(qn("w:pPr"))
    position = 0 if after_ppr is None else list(after).index(after_ppr) + 1
    for k, child in enumerate(content):
        after.insert(position + k, child)
    _remove(p)


def accept_changes(root: etree._Element) -> None:
    """Every tracked change of a story accepted: insertions and moves-to unwrapped,
    deletions and moves-from removed, rows deleted with changes on removed, formatting
    changes and move ranges dropped."""
    for el in list(root.iter(*CHANGE_MARKS, *RANGE_MARKS)):
        _remove(el)
    for mark in list(root.iter(qn("w:del"), qn("w:moveFrom"))):
        rpr = mark.getparent()
        ppr = rpr.getparent() if rpr is not None else None
        if rpr is not None and rpr.tag == qn("w:rPr") and ppr is not None \
                and ppr.tag == qn("w:pPr"):
            _join_next(ppr.getparent())
    for el in list(root.iter(*DELETED)):
        parent = el.getparent()
        if parent is None:
            continue
        if parent.tag == qn("w:trPr"):  # a deleted table row
            row = parent.getparent()
            if row is not None:
                _remove(row)
        else:  # inline deleted text, or the mark of a deleted paragraph mark
            _remove(el)
    for el in list(root.iter(qn("w:ins"), qn("w:moveTo"))):
        parent = el.getparent()
        if parent is not None and parent.tag.endswith("Pr"):
            _remove(el)
        else:
            _unwrap(el)


def sync_fallbacks(root: etree._Element) -> None:
    """A text box written twice gets its translated Choice copied into the Fallback (or,
    when the two do not match, the Fallback is dropped: it is optional)."""
    for alternate in list(root.iter(ALTERNATE)):
        branch = chosen_branch(alternate)
        if branch is None or branch.tag != CHOICE:
            continue
        chosen = list(branch.iter(TXBX))
        for fallback in alternate.findall(FALLBACK):
            boxes = list(fallback.iter(TXBX))
            if not boxes:
                continue
            if len(boxes) != len(chosen):
                alternate.remove(fallback)
                continue
            for old, new in zip(boxes, chosen, strict=True):
                old.getparent().replace(old, copy.deepcopy(new))


def _has_letters(text: str | None) -> bool:
    return bool(text) and any(ch.isalpha() for ch in text or "")


def _comment_count(document: docx.document.Document) -> int:
    count = 0
    for rel in document.part.rels.values():
        if rel.reltype == RT.COMMENTS and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob, PARSER)
            count += sum(1 for c in root.iter(qn("w:comment"))
                         if any(_has_letters(visible_text(p)) for p in c.iter(qn("w:p"))))
    return count


def _numbering_words(document: docx.document.Document) -> list[str]:
    """Numbering formats with words in them ("Chapter %1", "Article %1."), each once."""
    found: dict[str, None] = {}
    for rel in document.part.rels.values():
        if rel.reltype == RT.NUMBERING and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob, PARSER)
            for el in root.iter(qn("w:lvlText")):
                value = el.get(qn("w:val")) or ""
                if any(ch.isalpha() for ch in re.sub(r"%\d", "", value)):
                    found.setdefault(value, None)
    return list(found)


def _alt_texts(roots: list[tuple[str, etree._Element]]) -> int:
    """Pictures and shapes with a description (alt text) or VML WordArt with words: text
    a reader or a screen reader meets, kept as written."""
    count = 0
    for _name, root in roots:
        for el in root.iter(DOC_PR, TEXTPATH):
            text = el.get("descr") or el.get("title") or el.get("string") or ""
            if any(ch.isalpha() for ch in text) and _in_read_branch(el):
                count += 1
    return count


def _in_read_branch(el: etree._Element) -> bool:
    for ancestor in el.iterancestors(CHOICE, FALLBACK):
        alternate = ancestor.getparent()
        if alternate is not None and chosen_branch(alternate) is not ancestor:
            return False
    return True


def not_translated(document: docx.document.Document, name: str,
                   roots: list[tuple[str, etree._Element]]) -> list[str]:
    """One sentence for each kind of text the import leaves as it is."""
    notes: list[str] = []
    alt = _alt_texts(roots)
    if alt:
        notes.append(ngettext(
            "{name}: {n} picture or shape has a description (alt text) that is not "
            "translated",
            "{name}: {n} pictures or shapes have a description (alt text) that is not "
            "translated", alt).format(name=name, n=alt))
    comments = _comment_count(document)
    if comments:
        notes.append(ngettext(
            "{name}: {n} comment in the margin is not translated (it stays as written)",
            "{name}: {n} comments in the margin are not translated (they stay as written)",
            comments).format(name=name, n=comments))
    drawings = 0
    embedded = 0
    for part in document.part.package.iter_parts():
        if part.content_type in (CHART, DIAGRAM):
            root = etree.fromstring(part.blob, PARSER)
            if any(_has_letters(el.text) for el in root.iter(*DRAWING_TEXT)):
                drawings += 1
        elif str(part.partname).startswith("/word/embeddings/"):
            embedded += 1
    if drawings:
        notes.append(ngettext(
            "{name}: {n} chart or SmartArt diagram holds text that is not translated",
            "{name}: {n} charts or SmartArt diagrams hold text that is not translated",
            drawings).format(name=name, n=drawings))
    labels = _numbering_words(document)
    if labels:
        notes.append(ngettext(
            "{name}: {n} list numbering style holds words ({example}) that are not "
            "translated",
            "{name}: {n} list numbering styles hold words ({example}) that are not "
            "translated", len(labels)).format(name=name, n=len(labels), example=labels[0]))
    if embedded:
        notes.append(ngettext(
            "{name}: {n} embedded object (such as a spreadsheet) is not translated",
            "{name}: {n} embedded objects (such as spreadsheets) are not translated",
            embedded).format(name=name, n=embedded))
    return notes


def changes_note(name: str, n: int) -> str:
    return ngettext(
        "{name}: the document has {n} tracked change; it is translated as Word shows it "
        "with the change accepted, and the translation is written with it accepted",
        "{name}: the document has {n} tracked changes; it is translated as Word shows it "
        "with all changes accepted (deleted text left out), and the translation is written "
        "with them accepted", n).format(name=name, n=n)
