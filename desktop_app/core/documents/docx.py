"""Word documents through python-docx and lxml.

Imported: every story part (:mod:`docx_stories`: body, tables, text boxes, headers and
footers of every type, footnotes, endnotes), each paragraph read as Word shows it with
tracked changes accepted, its formatting and objects as tags (:mod:`docx_runs`). What is
not imported (comments, charts, SmartArt, embedded objects, the file's title) is named in
the import report, with the number of tracked changes.

On export each paragraph's runs are rebuilt from the target's tags with the original run
properties and objects, tracked changes are accepted, and the document is marked for the
target language (:mod:`docx_rtl`: ``w:bidi``, ``w:rtl``, ``w:lang``, the complex-script
twins of every run property, mirrored tables).
"""

from __future__ import annotations

import io
from typing import Any

import docx
from docx.oxml.ns import qn
from lxml import etree

from desktop_app.core import languages
from desktop_app.core.documents.base import Block, Content, DocumentError, Imported, strip_tags
from desktop_app.core.documents.block_notes import add_notes
from desktop_app.core.documents.docx_comments import comments, paragraph_notes
from desktop_app.core.documents.docx_package import open_package
from desktop_app.core.documents.docx_props import Properties
from desktop_app.core.documents.docx_rtl import (
    ARABIC_FONT,
    PPR_ORDER,
    RPR_ORDER,
    TBLPR_ORDER,
    mark_paragraph,
    mark_styles,
    mark_table,
)
from desktop_app.core.documents.docx_runs import rebuild, tagged
from desktop_app.core.documents.docx_stories import (
    Notes,
    accept_changes,
    changes_note,
    count_changes,
    not_translated,
    paragraphs,
    readable,
    story_roots,
    sync_fallbacks,
)
from desktop_app.core.documents.package import (
    MAX_EXPANDED_BYTES,
    MAX_MEMBER_BYTES,
    MAX_MEMBERS,
    MAX_XML_BYTES,
)
from desktop_app.core.errors import one_line
from desktop_app.core.i18n import N_, _

__all__ = ["ARABIC_FONT", "MAX_EXPANDED_BYTES", "MAX_MEMBERS", "MAX_MEMBER_BYTES",
           "MAX_XML_BYTES", "PPR_ORDER", "RPR_ORDER", "TBLPR_ORDER", "Docx", "mark_paragraph",
           "mark_table"]

_DAMAGE = (KeyError, ValueError, AttributeError, TypeError, etree.LxmlError)


def _open(data: bytes, name: str) -> docx.document.Document:
    document = open_package(data, name)
    if next(document.element.body.iter(qn("w:altChunk")), None) is not None:
        raise DocumentError(_("{name}: holds embedded content (altChunk) that would not be "
                              "translated; open it in Word and save it again to make it ordinary "
                              "text").format(name=name))
    return document


def _damaged(name: str, exc: Exception) -> DocumentError:
    if isinstance(exc, KeyError):
        return DocumentError(_("{name}: the Word document is damaged: it refers to a part "
                               "({part}) that it does not hold").format(
                                   name=name, part=exc.args[0] if exc.args else ''))
    return DocumentError(_("{name}: a part of the Word document is damaged ({exc})").format(
        name=name, exc=one_line(exc)))


class Docx:
    name = "docx"
    extensions = (".docx",)
    label = N_("Word documents")

    def sniff(self, content: Content) -> bool:
        return content.has_part("word/document.xml")

    def load(self, data: bytes, name: str) -> Imported:
        document = _open(data, name)
        blocks = []
        try:
            roots = story_roots(document, Notes(document))
            by_id = comments(document)
            for bid, p in paragraphs(roots):
                if not readable(p):
                    continue
                text = tagged(p)
                if strip_tags(text).strip():
                    in_table = any(a.tag == qn("w:tc") for a in p.iterancestors())
                    meta: dict[str, Any] = {}
                    add_notes(meta, paragraph_notes(p, by_id))  # Word comments on it
                    blocks.append(Block(bid, text, "cell" if in_table else "p", meta))
            props = Properties(document, roots)
            blocks.extend(props.blocks())
            notes = not_translated(document, name, roots)
            props_note = props.note(name)
            if props_note:
                notes.append(props_note)
            changes = count_changes(roots)
        except _DAMAGE as exc:
            raise _damaged(name, exc) from exc
        if changes:
            notes.insert(0, changes_note(name, changes))
        return Imported(self.name, blocks, notes=notes)

    def save(self, data: bytes, name: str, targets: dict[str, str], target_lang: str) -> bytes:
        document = _open(data, name)
        lang = languages.get(target_lang)
        try:
            notes = Notes(document)
            roots = story_roots(document, notes)
            items = list(paragraphs(roots))
            props = Properties(document, roots)  # the fields that print them, as imported
            for bid, p in items:
                if bid in targets and readable(p):
                    rebuild(p, targets[bid])
            for _name, root in roots:
                accept_changes(root)
            for _bid, p in items:
                mark_paragraph(p, lang)
            for _name, root in roots:
                sync_fallbacks(root)
                if lang.is_rtl:
                    for tbl in root.iter(qn("w:tbl")):
                        mark_table(tbl)
            if lang.is_rtl:
                mark_styles(document.styles.element)
            notes.store()
            props.store(targets)
        except _DAMAGE as exc:
            raise _damaged(name, exc) from exc
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
