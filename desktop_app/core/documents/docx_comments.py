"""Word comments as notes on the paragraphs they are anchored to.

A comment is anchored where its range starts (``w:commentRangeStart``) and where its
reference mark stands (``w:commentReference``, usually at the range's end); each paragraph
holding either gets the comment (author and text) as a unit note. The comments themselves
stay in the document as written (the import report says so).
"""

from __future__ import annotations

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from desktop_app.core.documents.block_notes import note
from desktop_app.core.documents.docx_runs import visible_text
from desktop_app.core.documents.docx_stories import PARSER

ANCHORS = (qn("w:commentRangeStart"), qn("w:commentReference"))


def comments(document: docx.document.Document) -> dict[str, tuple[str, str]]:
    """(author, text) of every comment with words in it, by comment id."""
    found: dict[str, tuple[str, str]] = {}
    for rel in document.part.rels.values():
        if rel.reltype != RT.COMMENTS or rel.is_external:
            continue
        root = etree.fromstring(rel.target_part.blob, PARSER)
        for c in root.iter(qn("w:comment")):
            text = "\n".join(visible_text(p) for p in c.iter(qn("w:p"))).strip()
            if text:
                found[c.get(qn("w:id"), "")] = (c.get(qn("w:author"), ""), text)
    return found


def paragraph_notes(p: etree._Element,
                    by_id: dict[str, tuple[str, str]]) -> list[dict[str, str]]:
    """The comments anchored in paragraph ``p``, each once, as unit notes."""
    if not by_id:
        return []
    ids = dict.fromkeys(a.get(qn("w:id"), "") for a in p.iter(*ANCHORS))
    return [note("comment", by_id[i][1], source=by_id[i][0]) for i in ids if i in by_id]
