"""EPUB books (2 and 3): every XHTML content document of the manifest, in reading order,
through the HTML filter (``html.tree_blocks``/``html.fill_tree``), plus the book's title
and description (OPF), the labels of the navigation document's nested entries and the
NCX table of contents.

Export writes the targets into each content document and marks the book for the target
language: ``xml:lang`` (and ``lang`` in EPUB 3) and ``dir`` on every content document,
the OPF ``dc:language`` (and ``page-progression-direction`` of the spine for a
right-to-left EPUB 3), the NCX's language. Images, SVG documents and style sheets are
kept as they are. A book whose content is encrypted (DRM) is refused.
"""

from __future__ import annotations

import copy
import html.entities
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote

from lxml import etree

from desktop_app.core import languages, xmlsafe
from desktop_app.core.documents import html as html_filter
from desktop_app.core.documents.base import Block, Content, DocumentError, Imported
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

MIMETYPE = "application/epub+zip"
CONTAINER = "urn:oasis:names:tc:opendocument:xmlns:container"
OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
NCX = "http://www.daisy.org/z3986/2005/ncx/"
XHTML = "http://www.w3.org/1999/xhtml"
SVG = "http://www.w3.org/2000/svg"
ENC = "http://www.w3.org/2001/04/xmlenc#"
XML_LANG = xmlsafe.XML_LANG
XHTML_TYPES = ("application/xhtml+xml", "text/html")
NCX_TYPE = "application/x-dtbncx+xml"
# Font obfuscation (IDPF, Adobe) is not DRM: the fonts stay as they are.
OBFUSCATION = ("http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC")
OPF_FIELDS = ("title", "description")
_NAMED = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
# ``text-align: left`` in a book's CSS keeps right-to-left text on the left: the sides
# become the start and end of the line, which is the same for the original.
_ALIGN = re.compile(r"(text-align\s*:\s*)(left|right)\b", re.IGNORECASE)
_XML_NAMED = {"amp", "lt", "gt", "quot", "apos"}


def _numeric_entities(data: bytes) -> bytes:
    """HTML named entities (``&nbsp;``) as numeric references: XHTML books use them, and
    XML without the DTD does not know them."""
    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in _XML_NAMED or name not in html.entities.name2codepoint:
            return m.group(0)
        return f"&#{html.entities.name2codepoint[name]};"

    if b"&" not in data:
        return data
    text = data.decode("utf-8", "surrogateescape")
    return _NAMED.sub(sub, text).encode("utf-8", "surrogateescape")


@dataclass(slots=True)
class _Book:
    zf: zipfile.ZipFile
    name: str
    opf_path: str
    opf: etree._Element
    documents: list[str] = field(default_factory=list)  # XHTML, in reading order
    nav: str = ""
    ncx: str = ""
    images_with_text: list[str] = field(default_factory=list)  # SVG files: not translated
    style_sheets: list[str] = field(default_factory=list)

    @property
    def epub3(self) -> bool:
        return (self.opf.get("version") or "").startswith("3")


def _open(data: bytes, name: str) -> _Book:
    zf = open_package(data, name)
    names = set(zf.namelist())
    mimetype = package_mimetype(zf)
    if mimetype != MIMETYPE or "META-INF/container.xml" not in names:
        raise DocumentError(_("{name}: not an EPUB book (no mimetype {mimetype} or no "
                              "META-INF/container.xml)").format(name=name, mimetype=MIMETYPE))
    container = parse_part(zf, "META-INF/container.xml", name)
    rootfile = next((r.get("full-path") for r in container.iter(f"{{{CONTAINER}}}rootfile")
                     if r.get("full-path")), None)
    if not rootfile or rootfile not in names:
        raise DocumentError(_("{name}: the EPUB names no package document (OPF) that it "
                              "holds").format(name=name))
    book = _Book(zf, name, rootfile, parse_part(zf, rootfile, name))
    base = posixpath.dirname(rootfile)
    manifest = book.opf.find(f"{{{OPF}}}manifest")
    items: dict[str, tuple[str, str, str]] = {}
    for item in (manifest if manifest is not None else ()):
        href = item.get("href")
        if item.tag != f"{{{OPF}}}item" or not href:
            continue
        path = posixpath.normpath(posixpath.join(base, unquote(href.partition("#")[0])))
        items[item.get("id") or path] = (path, item.get("media-type") or "",
                                         item.get("properties") or "")
    spine = book.opf.find(f"{{{OPF}}}spine")
    order = [i.get("idref") or "" for i in (spine if spine is not None else ())
             if i.tag == f"{{{OPF}}}itemref"]
    ordered = [items[i] for i in order if i in items] + list(items.values())
    seen: set[str] = set()
    for path, media, properties in ordered:
        if media in XHTML_TYPES and path not in seen and path in names:
            seen.add(path)
            book.documents.append(path)
        if "nav" in properties.split():
            book.nav = path
        if media == "text/css" and path in names and path not in book.style_sheets:
            book.style_sheets.append(path)
        if media == "image/svg+xml" and path in names and path not in seen:
            seen.add(path)
            if b"<text" in read_part(zf, path, name):
                book.images_with_text.append(path)
    toc = spine.get("toc") if spine is not None else None
    ncx = items.get(toc or "") or next((v for v in items.values() if v[1] == NCX_TYPE), None)
    if ncx and ncx[0] in names:
        book.ncx = ncx[0]
    _refuse_drm(book, names)
    return book


def _refuse_drm(book: _Book, names: set[str]) -> None:
    if "META-INF/encryption.xml" not in names:
        return
    encryption = parse_part(book.zf, "META-INF/encryption.xml", book.name)
    text_parts = {*book.documents, book.ncx, book.opf_path}
    for data in encryption.iter(f"{{{ENC}}}EncryptedData"):
        method = data.find(f"{{{ENC}}}EncryptionMethod")
        ref = data.find(f".//{{{ENC}}}CipherReference")
        algorithm = method.get("Algorithm") if method is not None else ""
        uri = unquote(ref.get("URI") or "") if ref is not None else ""
        if uri in text_parts and algorithm not in OBFUSCATION:
            raise DocumentError(_("{name}: the book is encrypted (DRM): its text cannot be "
                                  "read; import a copy without DRM").format(name=book.name))


def _parse_document(book: _Book, path: str) -> etree._Element:
    data = _numeric_entities(read_part(book.zf, path, book.name))
    return xmlsafe.parse(data, f"{book.name}: {path}", DocumentError)


def _nested_labels(root: etree._Element) -> list[etree._Element]:
    return [label for li in root.iter(f"{{{XHTML}}}li")
            if li.find(f"{{{XHTML}}}ol") is not None or li.find(f"{{{XHTML}}}ul") is not None
            for label in li if label.tag in (f"{{{XHTML}}}a", f"{{{XHTML}}}span")
            and _plain(label)]


def _nav_labels(root: etree._Element) -> Iterator[tuple[int, etree._Element]]:
    """Labels of nested entries in the navigation document (``<li><a>Part</a><ol>``) that
    the HTML filter leaves out: each is marked in a copy, and the marks the filter's
    blocks do not hold are the labels it leaves."""
    labels = _nested_labels(root)
    if not labels:
        return
    probe = copy.deepcopy(root)
    for k, label in enumerate(_nested_labels(probe)):
        label.text = f"\ue000{k}\ue001{label.text or ''}"
    seen = "".join(b.text for b in html_filter.tree_blocks(probe.getroottree()))
    n = 0
    for k, label in enumerate(labels):
        if f"\ue000{k}\ue001" not in seen:
            n += 1
            yield n, label


def _keep_entries_linked(root: etree._Element) -> None:
    """A navigation entry holds its words inside its link (``<li><a>…</a></li>``), as EPUB
    requires: words a target put beside the link move into it."""
    for li in root.iter(f"{{{XHTML}}}li"):
        label = next((c for c in li if c.tag in (f"{{{XHTML}}}a", f"{{{XHTML}}}span")), None)
        if label is None:
            continue
        before, after = (li.text or "").strip(), (label.tail or "").strip()
        if before:
            li.text = None
            label.text = f"{before} {label.text or ''}".rstrip() if len(label) or (
                label.text or "").strip() else before
        if after:
            label.tail = None
            if len(label):
                label[-1].tail = f"{(label[-1].tail or '').rstrip()} {after}"
            else:
                label.text = f"{(label.text or '').rstrip()} {after}".lstrip()


def _sides_to_ends(css: str) -> str:
    return _ALIGN.sub(lambda m: m.group(1) + ("start" if m.group(2).lower() == "left"
                                              else "end"), css)


def _opf_fields(book: _Book) -> Iterator[tuple[str, etree._Element]]:
    metadata = book.opf.find(f"{{{OPF}}}metadata")
    if metadata is None:
        return
    for local in OPF_FIELDS:
        for k, el in enumerate(metadata.findall(f"{{{DC}}}{local}")):
            if (el.text or "").strip():
                yield f"opf:{local}{k}", el


def _ncx_labels(root: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    for k, el in enumerate(root.iter(f"{{{NCX}}}text")):
        if (el.text or "").strip():
            yield f"ncx:{k}", el


def _plain(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


class Epub:
    name = "epub"
    extensions = (".epub",)
    mimetypes = (MIMETYPE,)
    label = N_("EPUB books")

    def sniff(self, content: Content) -> bool:
        return content.mimetype in self.mimetypes

    def load(self, data: bytes, name: str) -> Imported:
        book = _open(data, name)
        with book.zf:
            blocks: list[Block] = [Block(bid, _plain(el), "title" if "title" in bid else "meta")
                                   for bid, el in _opf_fields(book)]
            svg = len(book.images_with_text)
            for path in book.documents:
                root = _parse_document(book, path)
                svg += sum(1 for s in root.iter(f"{{{SVG}}}svg")
                           if next(s.iter(f"{{{SVG}}}text"), None) is not None)
                found = html_filter.tree_blocks(root.getroottree())
                blocks += [Block(f"{path}:{b.id}", b.text, b.kind, b.meta) for b in found]
                if path == book.nav:
                    blocks += [Block(f"{path}:nav{n}", _plain(label), "toc")
                               for n, label in _nav_labels(root)]
            if book.ncx:
                blocks += [Block(bid, _plain(el), "toc")
                           for bid, el in _ncx_labels(parse_part(book.zf, book.ncx, name))]
        if not blocks:
            raise DocumentError(_("{name}: no translatable text found").format(name=name))
        language = book.opf.find(f".//{{{DC}}}language")
        return Imported(self.name, blocks, source_lang=(language.text or "").strip()
                        if language is not None else "", notes=self._notes(book, svg))

    @staticmethod
    def _notes(book: _Book, svg: int) -> list[str]:
        if not svg:
            return []
        return [ngettext("{name}: {n} SVG drawing holds text that is not translated",
                         "{name}: {n} SVG drawings hold text that is not translated",
                         svg).format(name=book.name, n=svg)]

    def save(self, data: bytes, name: str, targets: dict[str, str], target_lang: str) -> bytes:
        lang = languages.get(target_lang)
        book = _open(data, name)
        with book.zf:
            try:
                return self._write(book, targets, lang)
            except (ValueError, etree.LxmlError, zipfile.BadZipFile, OSError, EOFError,
                    RuntimeError, zlib.error) as exc:
                raise DocumentError(_("{name}: cannot write the EPUB book ({exc})").format(
                    name=name, exc=one_line(exc))) from exc

    def _write(self, book: _Book, targets: dict[str, str], lang: languages.Language) -> bytes:
        replaced: dict[str, bytes] = {}
        for path in book.documents:
            root = _parse_document(book, path)
            prefix = f"{path}:"
            mine = {k[len(prefix):]: v for k, v in targets.items() if k.startswith(prefix)}
            labels = list(_nav_labels(root)) if path == book.nav else []
            html_filter.fill_tree(root.getroottree(), mine)
            if path == book.nav:
                _keep_entries_linked(root)
            for n, label in labels:
                if f"nav{n}" in mine:
                    for child in list(label):
                        label.remove(child)
                    label.text = mine[f"nav{n}"]
            self._mark_document(root, book, lang)
            if lang.is_rtl:
                for el in root.iter(f"{{{XHTML}}}style", f"{{{XHTML}}}*"):
                    if el.tag == f"{{{XHTML}}}style" and el.text:
                        el.text = _sides_to_ends(el.text)
                    if el.get("style"):
                        el.set("style", _sides_to_ends(el.get("style") or ""))
            replaced[path] = xml_bytes(root)
        if lang.is_rtl:
            for path in book.style_sheets:
                css = read_part(book.zf, path, book.name)
                text = css.decode("utf-8", "surrogateescape")
                if _ALIGN.search(text):
                    replaced[path] = _sides_to_ends(text).encode("utf-8", "surrogateescape")
        for bid, el in list(_opf_fields(book)):
            if bid in targets:
                for child in list(el):
                    el.remove(child)
                el.text = targets[bid]
        self._mark_package(book, lang)
        replaced[book.opf_path] = xml_bytes(book.opf)
        if book.ncx:
            ncx = parse_part(book.zf, book.ncx, book.name)
            for bid, el in list(_ncx_labels(ncx)):
                if bid in targets:
                    el.text = targets[bid]
            ncx.set(XML_LANG, lang.bcp47)
            replaced[book.ncx] = xml_bytes(ncx)
        return write_package(book.zf, replaced)

    @staticmethod
    def _mark_document(root: etree._Element, book: _Book, lang: languages.Language) -> None:
        body = root.find(f"{{{XHTML}}}body")
        for el in (root, body):
            if el is None:
                continue
            el.set(XML_LANG, lang.bcp47)
            if book.epub3:
                el.set("lang", lang.bcp47)
            el.set("dir", lang.direction)

    @staticmethod
    def _mark_package(book: _Book, lang: languages.Language) -> None:
        metadata = book.opf.find(f"{{{OPF}}}metadata")
        if metadata is not None:
            found = metadata.findall(f"{{{DC}}}language")
            if found:
                found[0].text = lang.bcp47
                for extra in found[1:]:
                    metadata.remove(extra)
            else:
                etree.SubElement(metadata, f"{{{DC}}}language").text = lang.bcp47
        if book.opf.get(XML_LANG):
            book.opf.set(XML_LANG, lang.bcp47)
        spine = book.opf.find(f"{{{OPF}}}spine")
        if spine is not None and book.epub3:
            spine.set("page-progression-direction", lang.direction)
