"""OpenDocument text (.odt) and presentations (.odp), read with lxml from the package's
``content.xml``, ``styles.xml`` and ``meta.xml``.

Every paragraph and heading is a block: body text, lists, tables, frames and text boxes,
footnotes and endnotes, headers and footers of every master page, slide shapes and
speaker notes, and the title, subject and description of the document. Spans and links
become paired tags; notes, frames, fields and bookmarks inside a paragraph are standalone
tags whose own text is a block of its own. Tracked changes are read as the document
shows them with all changes accepted (deleted text is not text) and the export is clean.
Comments and embedded objects (charts, formulas) are left as they are and reported.

Export writes each target into its paragraph and marks the document for the target
language through its styles (``odf_styles``): right to left, the language and its
complex-script twins, an Arabic-script font; tables and pages of a right-to-left text
run from the right. The package is written back with ``mimetype`` first and stored.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator

from lxml import etree

from desktop_app.core import languages
from desktop_app.core.documents.base import Block, Content, DocumentError, Imported, strip_tags
from desktop_app.core.documents.inline_xml import fill
from desktop_app.core.documents.odf_styles import (
    common_styles,
    mark_defaults,
    mark_part,
    q,
)
from desktop_app.core.documents.xmlzip import (
    open_package,
    package_mimetype,
    parse_part,
    read_part,
    write_package,
    xml_bytes,
)
from desktop_app.core.errors import one_line
from desktop_app.core.i18n import N_, _, ngettext
from desktop_app.core.xmlsafe import append_text

P, H = q("text:p"), q("text:h")
SPACE, TAB, LINE_BREAK = q("text:s"), q("text:tab"), q("text:line-break")
# Markers the export drops: layout hints and the marks of tracked changes (accepted).
DROPPED = {q("text:soft-page-break"), q("text:change"), q("text:change-start"),
           q("text:change-end")}
# Inline containers whose text is the paragraph's: paired tags. Everything else inside a
# paragraph (notes, frames, fields, bookmarks, comments) is a standalone tag kept whole.
PAIRED = {q("text:span"), q("text:a"), q("text:meta"), q("text:ruby"), q("text:ruby-base")}
# Where paragraphs are not text to translate: deleted text of tracked changes, comments,
# slide thumbnails, and the placeholder prompts of master slides.
EXCLUDED = {q("text:tracked-changes"), q("office:annotation"), q("draw:page-thumbnail")}
HEADERS = {q(f"style:{kind}{side}") for kind in ("header", "footer")
           for side in ("", "-left", "-first")}
# Plain text outside paragraphs: titles and descriptions of images and shapes, and the
# header and footer texts a presentation declares once for its slides.
ALT_TEXT = (q("svg:title"), q("svg:desc"), q("presentation:header-decl"),
            q("presentation:footer-decl"), q("text:index-title-template"))
HREF = "{http://www.w3.org/1999/xlink}href"
META_FIELDS = ("dc:title", "dc:subject", "dc:description")
_WS = re.compile(r"[ \t\r\n]+")
_SPREAD = re.compile(r"(\t|\n| {2,})")


# -- reading ---------------------------------------------------------------------------


def _open(data: bytes, name: str, mimetypes: tuple[str, ...]) -> zipfile.ZipFile:
    zf = open_package(data, name)
    names = set(zf.namelist())
    mimetype = package_mimetype(zf)
    if "content.xml" not in names:
        raise DocumentError(_("{name}: not an OpenDocument file (it has no content.xml)").format(
            name=name))
    if mimetype and mimetype not in mimetypes:
        message = (_("{name}: not an OpenDocument presentation (its package says it is "
                     "{mimetype})") if "presentation" in mimetypes[0] else
                   _("{name}: not an OpenDocument text document (its package says it is "
                     "{mimetype})"))
        raise DocumentError(message.format(name=name, mimetype=mimetype))
    if "META-INF/manifest.xml" in names and b"encryption-data" in read_part(
            zf, "META-INF/manifest.xml", name):
        raise DocumentError(_("{name}: the document is protected by a password; save a copy "
                              "without the password and import that").format(name=name))
    return zf


def _excluded(el: etree._Element) -> bool:
    for a in el.iterancestors():
        if a.tag in EXCLUDED or a.get(q("presentation:placeholder")) == "true":
            return True
    return False


def _kind_of(el: etree._Element) -> str:
    if el.tag == H:
        level = el.get(q("text:outline-level")) or "1"
        return f"h{min(int(level), 6) if level.isdigit() and int(level) > 0 else 1}"
    if el.tag in ALT_TEXT:
        return {q("presentation:header-decl"): "header", q("presentation:footer-decl"): "footer",
                q("text:index-title-template"): "toc"}.get(el.tag, "attr")
    ancestors = list(el.iterancestors())
    tags = {a.tag for a in ancestors}
    for tag, kind in ((q("text:note"), "note"), (q("presentation:notes"), "notes"),
                      *((h, "header" if "header" in h else "footer") for h in HEADERS),
                      (q("table:table-cell"), "cell"), (q("text:list-item"), "li")):
        if tag in tags:
            return kind
    for a in ancestors:
        if a.tag in (q("draw:text-box"), q("draw:frame"), q("draw:custom-shape")):
            frame = a.getparent() if a.tag == q("draw:text-box") else a
            role = frame.get(q("presentation:class")) if frame is not None else None
            return "title" if role in ("title", "subtitle") else "frame"
    return "p"


def _paragraphs(root: etree._Element, prefix: str
                ) -> Iterator[tuple[str, etree._Element]]:
    """(block id, paragraph) of one XML part, in document order: the same on every read.
    In styles.xml only master pages (headers, footers, master-slide shapes) hold text."""
    scope = root
    if prefix == "s":
        found = root.find(q("office:master-styles"))
        if found is None:
            return
        scope = found
    derived = _toc_entries(scope) if prefix == "c" else {}
    n = 0
    for el in scope.iter(P, H, *ALT_TEXT):
        if not _excluded(el) and el not in derived:
            yield f"{prefix}{n}", el
            n += 1


def _words(el: etree._Element) -> str:
    return " ".join(strip_tags(_tagged(el)).split())


def _toc_entries(root: etree._Element
                 ) -> dict[etree._Element, tuple[etree._Element, etree._Element, str]]:
    """Entries of a generated table of contents that repeat a heading's words before the
    page number (``<text:a xlink:href="#bookmark">1. Words<text:tab/>3</text:a>``): not
    blocks of their own; the export writes the heading's translation into them.
    Paragraph -> (its link, the heading, the heading's words)."""
    marks = {m.get(q("text:name")): h for h in root.iter(H)
             for m in h.iter(q("text:bookmark-start"), q("text:bookmark"))}
    out = {}
    for body in root.iter(q("text:index-body")):
        for p in body.iter(P):
            link = p.find(q("text:a"))
            href = link.get(HREF, "") if link is not None else ""
            heading = marks.get(href[1:]) if href.startswith("#") else None
            if link is None or heading is None or not len(link) or link[0].tag != TAB:
                continue
            words = _words(heading)
            if words and " ".join((link.text or "").split()).endswith(words):
                out[p] = (link, heading, words)
    return out


def _numbered(p: etree._Element) -> list[etree._Element]:
    """The inline elements of ``p`` that become tags, in order."""
    out: list[etree._Element] = []

    def visit(node: etree._Element) -> None:
        for child in node:
            if not isinstance(child.tag, str) or child.tag in (SPACE, TAB, LINE_BREAK):
                continue
            if child.tag in DROPPED:
                continue
            out.append(child)
            if child.tag in PAIRED:
                visit(child)

    visit(p)
    return out


def _spaces(el: etree._Element) -> str:
    count = el.get(q("text:c")) or "1"
    return " " * min(int(count), 1000) if count.isdigit() else " "


def _tagged(p: etree._Element) -> str:
    numbers = {el: k for k, el in enumerate(_numbered(p), 1)}

    def render(node: etree._Element) -> str:
        out = [_WS.sub(" ", node.text or "")]
        for child in node:
            if child.tag == SPACE:
                out.append(_spaces(child))
            elif child.tag == TAB:
                out.append("\t")
            elif child.tag == LINE_BREAK:
                out.append("\n")
            elif child in numbers:
                k = numbers[child]
                out.append(f"⟨{k}⟩{render(child)}⟨/{k}⟩" if child.tag in PAIRED
                           else f"⟨{k}/⟩")
            out.append(_WS.sub(" ", child.tail or ""))
        return "".join(out)

    if p.tag in ALT_TEXT:
        return " ".join("".join(p.itertext()).split())
    return render(p)


def _blocks(root: etree._Element, prefix: str) -> Iterator[Block]:
    for bid, el in _paragraphs(root, prefix):
        text = _tagged(el)
        if strip_tags(text).strip():
            yield Block(bid, text, _kind_of(el))


def _meta_fields(meta: etree._Element | None) -> Iterator[tuple[str, etree._Element]]:
    if meta is None:
        return
    holder = meta.find(q("office:meta"))
    for field in META_FIELDS:
        el = holder.find(q(field)) if holder is not None else None
        if el is not None and (el.text or "").strip():
            yield f"m:{field.partition(':')[2]}", el


def _notes(content: etree._Element, name: str) -> list[str]:
    """The import report: what stays as it is, and the tracked changes accepted."""
    notes = []
    changes = sum(len(t) for t in content.iter(q("text:tracked-changes")))
    if changes:
        notes.append(ngettext(
            "{name}: the document has {n} tracked change; it is translated as LibreOffice "
            "shows it with the change accepted, and the translation is written with it accepted",
            "{name}: the document has {n} tracked changes; it is translated as LibreOffice "
            "shows it with all changes accepted (deleted text left out), and the translation "
            "is written with them accepted", changes).format(name=name, n=changes))
    comments = sum(1 for _c in content.iter(q("office:annotation")))
    if comments:
        notes.append(ngettext(
            "{name}: {n} comment is not translated (it stays as written)",
            "{name}: {n} comments are not translated (they stay as written)",
            comments).format(name=name, n=comments))
    objects = sum(1 for _o in content.iter(q("draw:object"), q("draw:object-ole")))
    if objects:
        notes.append(ngettext(
            "{name}: {n} embedded object (a chart, formula or spreadsheet) is not translated",
            "{name}: {n} embedded objects (charts, formulas or spreadsheets) are not translated",
            objects).format(name=name, n=objects))
    return notes


# -- writing ---------------------------------------------------------------------------


def _drop(el: etree._Element) -> None:
    """Remove ``el`` but keep the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail or ""
    previous = el.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(el)


def accept_changes(root: etree._Element) -> int:
    """Accept every tracked change of ``root`` (a clean document); returns how many."""
    count = 0
    for tracked in list(root.iter(q("text:tracked-changes"))):
        count += len(tracked)
        _drop(tracked)
    for marker in list(root.iter(*DROPPED - {q("text:soft-page-break")})):
        _drop(marker)
    return count


def _rebuild(p: etree._Element, target: str) -> None:
    numbered = _numbered(p)
    for child in list(p):
        p.remove(child)
    p.text = None
    created = [p]

    def make(k: int, paired: bool) -> etree._Element | None:
        if not 0 < k <= len(numbered):
            return None
        original = numbered[k - 1]
        if original.tag in PAIRED:
            node = original.makeelement(original.tag, original.attrib)
            created.append(node)
            return node
        original.tail = None
        return original  # a note, a frame, a field: moved whole, with its own text

    used = fill(p, target, make)
    for k, original in enumerate(numbered, 1):  # what the target lost is kept, not lost
        if k not in used and original.tag not in PAIRED:
            original.tail = None
            p.append(original)
    for node in created:
        _spread(node, at_start=node is p)


def _spread(parent: etree._Element, at_start: bool) -> None:
    """Tabs, line breaks and runs of spaces in the text of ``parent`` as ODF elements
    (``text:tab``, ``text:line-break``, ``text:s``): in ODF text, white space collapses."""
    sequence: list[str | etree._Element] = [parent.text or ""]
    for child in parent:
        sequence += [child, child.tail or ""]
    lead = at_start and str(sequence[0]).startswith(" ")
    if not lead and not any(isinstance(s, str) and _SPREAD.search(s) for s in sequence):
        return
    for child in list(parent):
        parent.remove(child)
    parent.text = None

    def put(value: str) -> None:
        append_text(parent, value)

    for k, item in enumerate(sequence):
        if not isinstance(item, str):
            item.tail = None
            parent.append(item)
            continue
        if k == 0 and at_start and item.startswith(" "):
            stripped = item.lstrip(" ")
            etree.SubElement(parent, SPACE, {q("text:c"): str(len(item) - len(stripped))})
            item = stripped
        for piece in _SPREAD.split(item):
            if piece == "\t":
                etree.SubElement(parent, TAB)
            elif piece == "\n":
                etree.SubElement(parent, LINE_BREAK)
            elif piece.startswith("  ") and not piece.strip(" "):
                put(" ")
                extra = {q("text:c"): str(len(piece) - 1)} if len(piece) > 2 else {}
                etree.SubElement(parent, SPACE, extra)
            else:
                put(piece)


class _Odf:
    name = "odf"
    extensions: tuple[str, ...] = ()
    mimetypes: tuple[str, ...] = ()
    label = ""

    def sniff(self, content: Content) -> bool:
        return content.mimetype in self.mimetypes

    def _parts(self, data: bytes, name: str) -> tuple[
            zipfile.ZipFile, etree._Element, etree._Element | None, etree._Element | None]:
        zf = _open(data, name, self.mimetypes)
        content = parse_part(zf, "content.xml", name)
        names = set(zf.namelist())
        styles = parse_part(zf, "styles.xml", name) if "styles.xml" in names else None
        meta = parse_part(zf, "meta.xml", name) if "meta.xml" in names else None
        return zf, content, styles, meta

    def load(self, data: bytes, name: str) -> Imported:
        zf, content, styles, meta = self._parts(data, name)
        with zf:
            blocks = list(_blocks(content, "c"))
            if styles is not None:
                blocks += _blocks(styles, "s")
            blocks += [Block(bid, " ".join((el.text or "").split()), "meta")
                       for bid, el in _meta_fields(meta)]
        if not blocks:
            raise DocumentError(_("{name}: no translatable text found").format(name=name))
        lang = meta.find(f"{q('office:meta')}/{q('dc:language')}") if meta is not None else None
        return Imported(self.name, blocks, source_lang=(lang.text or "").strip()
                        if lang is not None else "", notes=_notes(content, name))

    def save(self, data: bytes, name: str, targets: dict[str, str], target_lang: str) -> bytes:
        lang = languages.get(target_lang)
        zf, content, styles, meta = self._parts(data, name)
        with zf:
            try:
                return self._write(zf, content, styles, meta, targets, lang)
            except (ValueError, etree.LxmlError, zipfile.BadZipFile, OSError, EOFError,
                    RuntimeError, zlib.error) as exc:
                raise DocumentError(_("{name}: cannot write the OpenDocument file "
                                      "({exc})").format(name=name, exc=one_line(exc))) from exc

    def _write(self, zf: zipfile.ZipFile, content: etree._Element,
               styles: etree._Element | None, meta: etree._Element | None,
               targets: dict[str, str], lang: languages.Language) -> bytes:
        parts = [(content, "c")] + ([(styles, "s")] if styles is not None else [])
        entries = _toc_entries(content)
        heading_ids = {el: bid for bid, el in _paragraphs(content, "c") if el.tag == H}
        for root, prefix in parts:
            for bid, el in list(_paragraphs(root, prefix)):
                if bid not in targets:
                    continue
                if el.tag in ALT_TEXT:
                    el.text = targets[bid]
                else:
                    _rebuild(el, targets[bid])
        for link, heading, words in entries.values():  # as the headings it lists say
            target = targets.get(heading_ids.get(heading, ""))
            if target is not None:
                shown = " ".join((link.text or "").split())
                link.text = shown[:len(shown) - len(words)] + " ".join(strip_tags(target).split())
        accept_changes(content)
        common = common_styles(styles)
        for root, prefix in parts:
            paragraphs = [p for _bid, p in _paragraphs(root, prefix) if p.tag not in ALT_TEXT]
            paragraphs += list(entries) if prefix == "c" else []
            tables = [t for t in root.iter(q("table:table")) if not _excluded(t)] if (
                prefix == "c") else []
            mark_part(root, common, paragraphs, tables, lang)
        replaced = {"content.xml": xml_bytes(content)}
        if styles is not None:
            mark_defaults(styles, lang, "text" in self.mimetypes[0])
            replaced["styles.xml"] = xml_bytes(styles)
        if meta is not None:
            for bid, el in _meta_fields(meta):
                if bid in targets:
                    el.text = targets[bid]
            language = meta.find(f"{q('office:meta')}/{q('dc:language')}")
            if language is not None:
                language.text = lang.bcp47
            replaced["meta.xml"] = xml_bytes(meta)
        # a signature no longer matches the changed text: it would only show as broken
        return write_package(zf, replaced, frozenset({"META-INF/documentsignatures.xml"}))


class Odt(_Odf):
    name = "odt"
    extensions = (".odt", ".ott")
    mimetypes = ("application/vnd.oasis.opendocument.text",
                 "application/vnd.oasis.opendocument.text-template")
    label = N_("OpenDocument texts")


class Odp(_Odf):
    name = "odp"
    extensions = (".odp", ".otp")
    mimetypes = ("application/vnd.oasis.opendocument.presentation",
                 "application/vnd.oasis.opendocument.presentation-template")
    label = N_("OpenDocument presentations")
