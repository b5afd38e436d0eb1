"""Word documents through python-docx: body paragraphs, table cells, headers and footers,
footnotes and endnotes.

Formatted runs (bold, italic, underline, super/subscript) and hyperlinks become tags;
plain runs are plain text. On export each paragraph's runs are rebuilt from the target's
tags with the original run properties, and every paragraph of the document is marked for
the target language: ``w:bidi`` on the paragraph, ``w:rtl`` and ``w:lang w:bidi=fa-AF``
on each run, and an Arabic-script font for complex script. Tables of a right-to-left
export are mirrored (``w:bidiVisual``: the first column on the right), as Word does for a
table written in Dari or Pashto.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from desktop_app.core import languages
from desktop_app.core.documents.base import Block, DocumentError, Imported, pieces
from desktop_app.core.errors import one_line
from desktop_app.core.i18n import _

ARABIC_FONT = "Noto Sans Arabic"
# Child order of w:pPr and w:rPr in the WordprocessingML schema (as in python-docx).
PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
             "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd",
             "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
             "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
             "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
             "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
             "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
             "w:sectPr", "w:pPrChange")
RPR_ORDER = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
             "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
             "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing",
             "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
             "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
             "w:eastAsianLayout", "w:specVanish", "w:oMath")
TBLPR_ORDER = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual",
               "w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc",
               "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout",
               "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
FORMAT_TAGS = ("w:b", "w:i", "w:u", "w:strike", "w:vertAlign", "w:caps", "w:smallCaps")


# Limits for a Word package, judged by absolute expanded size (a long legitimate document
# compresses very well: a ratio alone is no sign of a bomb).
MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 256 * 1024 * 1024  # an image or other embedded file
MAX_XML_BYTES = 48 * 1024 * 1024  # an XML part: about 100,000 paragraphs of text
MAX_EXPANDED_BYTES = 512 * 1024 * 1024
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _check_package(zf: zipfile.ZipFile, name: str) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise DocumentError(_("{name}: refused: {n} parts in the package (the limit is "
                              "{limit})").format(
                                  name=name, n=len(infos), limit=MAX_MEMBERS))
    seen: set[str] = set()
    total = 0
    for info in infos:
        if info.filename in seen:
            raise DocumentError(_("{name}: refused: the package holds {filename} twice (one copy "
                                  "would be hidden)").format(name=name, filename=info.filename))
        seen.add(info.filename)
        limit = MAX_XML_BYTES if info.filename.endswith((".xml", ".rels")) else MAX_MEMBER_BYTES
        if info.file_size > limit:
            raise DocumentError(_("{name}: refused: {filename} expands to {file_size} bytes (the "
                                  "limit is {limit})").format(
                                      name=name, filename=info.filename, file_size=info.file_size,
                                      limit=limit))
        total += info.file_size
    if total > MAX_EXPANDED_BYTES:
        raise DocumentError(_("{name}: refused: it expands to {total} bytes (the limit is "
                              "{limit})").format(
                                  name=name, total=total, limit=MAX_EXPANDED_BYTES))
    if "word/document.xml" not in seen:
        raise DocumentError(_("{name}: not a Word document (no word/document.xml)").format(
            name=name))
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            with zf.open(info) as fh:
                head = fh.read(MAX_XML_BYTES + 1)
            if len(head) > info.file_size:
                raise DocumentError(_("{name}: refused: {filename} is larger than its package "
                                      "says").format(name=name, filename=info.filename))
            if _DECLARATION.search(head):
                raise DocumentError(_("{name}: refused: {filename} declares XML entities (Word "
                                      "never writes them; possible XML bomb)").format(
                                          name=name, filename=info.filename))


def _open(data: bytes, name: str) -> docx.document.Document:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            _check_package(zf, name)
    except (zipfile.BadZipFile, EOFError, zlib.error, ValueError, NotImplementedError) as exc:
        raise DocumentError(_("{name}: not a Word document (damaged zip: {exc})").format(
            name=name, exc=one_line(exc))) \
            from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for broken packages
        raise DocumentError(_("{name}: cannot open the Word document ({exc})").format(
            name=name, exc=one_line(exc))) from exc
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


def _parts(document: docx.document.Document) -> Iterator[tuple[str, etree._Element]]:
    yield "body", document.element.body
    seen: set[int] = set()
    for s, section in enumerate(document.sections):
        for kind, part in (("hdr", section.header), ("ftr", section.footer)):
            if part.is_linked_to_previous:
                continue
            element = part._element
            if id(element) not in seen:
                seen.add(id(element))
                yield f"{kind}{s}", element


class _Notes:
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
            root = etree.fromstring(part.blob, etree.XMLParser(
                resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False))
            self.parts.append((kind, part, root))

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


def _paragraphs(document: docx.document.Document,
                notes: _Notes | None = None) -> Iterator[tuple[str, etree._Element]]:
    for part_name, root in _parts(document):
        for n, p in enumerate(root.iter(qn("w:p"))):
            yield f"{part_name}:{n}", p
    for note_name, note in (notes.roots() if notes else ()):
        for n, p in enumerate(note.iter(qn("w:p"))):
            yield f"{note_name}:{n}", p


def _formatted(run: etree._Element) -> bool:
    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        return False
    for tag in FORMAT_TAGS:
        el = rpr.find(qn(tag))
        if el is not None and el.get(qn("w:val")) not in ("0", "false", "none"):
            return True
    return False


def _run_text(run: etree._Element) -> str:
    out = []
    for child in run:
        if child.tag == qn("w:t"):
            out.append(child.text or "")
        elif child.tag == qn("w:tab"):
            out.append("\t")
        elif child.tag in (qn("w:br"), qn("w:cr")):
            out.append("\n")
    return "".join(out)


def _groups(p: etree._Element) -> list[tuple[int, list[etree._Element], etree._Element | None]]:
    """(tag number or 0 for plain, runs, hyperlink element) in paragraph order."""
    groups: list[tuple[int, list[etree._Element], etree._Element | None]] = []
    number = 0
    for child in p:
        if child.tag == qn("w:r"):
            if _formatted(child):
                number += 1
                groups.append((number, [child], None))
            else:
                groups.append((0, [child], None))
        elif child.tag == qn("w:hyperlink"):
            number += 1
            groups.append((number, list(child.iter(qn("w:r"))), child))
    return groups


def _tagged(p: etree._Element) -> str:
    out = []
    for number, runs, _kind in _groups(p):
        text = "".join(_run_text(r) for r in runs)
        out.append(f"⟨{number}⟩{text}⟨/{number}⟩" if number and text else text)
    return "".join(out)


def _new_run(template: etree._Element | None, text: str) -> etree._Element:
    run = etree.SubElement(etree.Element(qn("w:p")), qn("w:r"))
    if template is not None:
        rpr = template.find(qn("w:rPr"))
        if rpr is not None:
            run.append(copy.deepcopy(rpr))
    for k, line in enumerate(text.split("\n")):
        if k:
            etree.SubElement(run, qn("w:br"))
        for j, chunk in enumerate(line.split("\t")):
            if j:
                etree.SubElement(run, qn("w:tab"))
            if chunk:
                t = etree.SubElement(run, qn("w:t"))
                t.text = chunk
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def _rebuild(p: etree._Element, target: str) -> None:
    groups = _groups(p)
    by_number = {n: (runs, link) for n, runs, link in groups if n}
    plain = next((runs[0] for n, runs, _kind in groups if not n and runs), None)
    anchor = None
    for child in list(p):
        if child.tag in (qn("w:r"), qn("w:hyperlink")):
            if anchor is None:
                anchor = child.getprevious()
            p.remove(child)
    new: list[etree._Element] = []
    for text, open_tags in pieces(target):
        if not text:
            continue
        numbers = [n for n in open_tags if n > 0 and n in by_number]
        if numbers:
            runs, link = by_number[numbers[-1]]
            run = _new_run(runs[0] if runs else plain, text)
            if link is not None:
                holder = copy.deepcopy(link)
                for child in list(holder):
                    holder.remove(child)
                holder.append(run)
                new.append(holder)
                continue
            new.append(run)
        else:
            new.append(_new_run(plain, text))
    ppr = p.find(qn("w:pPr"))
    position = 0 if anchor is None and ppr is None else (
        list(p).index(anchor) + 1 if anchor is not None else list(p).index(ppr) + 1)
    for k, el in enumerate(new):
        p.insert(position + k, el)


def _set(parent: etree._Element, tag: str) -> etree._Element:
    """The child ``tag`` of a w:pPr, w:rPr or w:tblPr, added in the order the schema
    requires."""
    el = parent.find(qn(tag))
    if el is not None:
        return el
    seq = {qn("w:pPr"): PPR_ORDER, qn("w:tblPr"): TBLPR_ORDER}.get(parent.tag, RPR_ORDER)
    el = etree.Element(qn(tag))
    later = {qn(t) for t in seq[seq.index(tag) + 1:]}
    for k, child in enumerate(parent):
        if child.tag in later:
            parent.insert(k, el)
            return el
    parent.append(el)
    return el


def mark_paragraph(p: etree._Element, lang: languages.Language) -> None:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.Element(qn("w:pPr"))
        p.insert(0, ppr)
    if lang.is_rtl:
        _set(ppr, "w:bidi")
    mark = _set(ppr, "w:rPr")
    for rpr_holder in [mark, *[_rpr(r) for r in p.iter(qn("w:r"))]]:
        _mark_run(rpr_holder, lang)


def mark_table(tbl: etree._Element) -> None:
    """A right-to-left table: its first column on the right (``w:bidiVisual``)."""
    tblpr = tbl.find(qn("w:tblPr"))
    if tblpr is None:
        tblpr = etree.Element(qn("w:tblPr"))
        tbl.insert(0, tblpr)
    _set(tblpr, "w:bidiVisual")


def _rpr(run: etree._Element) -> etree._Element:
    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        rpr = etree.Element(qn("w:rPr"))
        run.insert(0, rpr)
    return rpr


def _mark_run(rpr: etree._Element, lang: languages.Language) -> None:
    fonts = _set(rpr, "w:rFonts")
    if lang.is_rtl:
        fonts.set(qn("w:cs"), ARABIC_FONT)
        fonts.set(qn("w:hint"), "cs")
        if rpr.find(qn("w:b")) is not None:
            _set(rpr, "w:bCs")
        if rpr.find(qn("w:i")) is not None:
            _set(rpr, "w:iCs")
        _set(rpr, "w:rtl")
        _set(rpr, "w:cs")
    lang_el = _set(rpr, "w:lang")
    lang_el.set(qn("w:bidi" if lang.is_rtl else "w:val"), lang.bcp47)


class Docx:
    name = "docx"
    extensions = (".docx",)

    def load(self, data: bytes, name: str) -> Imported:
        document = _open(data, name)
        blocks = []
        try:
            for bid, p in _paragraphs(document, _Notes(document)):
                text = _tagged(p)
                if text.strip():
                    in_table = any(a.tag == qn("w:tc") for a in p.iterancestors())
                    blocks.append(Block(bid, text, "cell" if in_table else "p"))
        except (KeyError, ValueError, AttributeError, etree.LxmlError) as exc:
            raise _damaged(name, exc) from exc
        return Imported(self.name, blocks)

    def save(self, data: bytes, name: str, targets: dict[str, str], target_lang: str) -> bytes:
        document = _open(data, name)
        lang = languages.get(target_lang)
        try:
            notes = _Notes(document)
            for bid, p in list(_paragraphs(document, notes)):
                if bid in targets:
                    _rebuild(p, targets[bid])
                mark_paragraph(p, lang)
            if lang.is_rtl:
                for _name, root in (*_parts(document), *notes.roots()):
                    for tbl in root.iter(qn("w:tbl")):
                        mark_table(tbl)
            notes.store()
        except (KeyError, ValueError, AttributeError, etree.LxmlError) as exc:
            raise _damaged(name, exc) from exc
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
