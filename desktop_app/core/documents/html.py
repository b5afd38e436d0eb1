"""HTML: the text of leaf block elements (p, h1, li, td...) and of translatable attributes
(alt, title, placeholder, aria-label, meta description); inline elements (b, a, span...)
become tags. Scripts and styles are never touched. Export sets ``dir`` and ``lang``.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator

import lxml.html
from lxml import etree

from desktop_app.core import languages
from desktop_app.core.documents.base import Block, DocumentError, Imported
from desktop_app.core.documents.inline_xml import fill
from desktop_app.core.errors import one_line
from desktop_app.core.i18n import _
from desktop_app.core.textio import decode

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd", "caption",
          "figcaption", "blockquote", "title", "button", "label", "option", "summary",
          "legend", "div", "section", "article", "header", "footer", "aside", "nav", "main",
          "ul", "ol", "dl", "table", "thead", "tbody", "tr", "form", "figure", "body", "head",
          "html", "pre", "address", "fieldset", "details", "hr", "select"}
SKIP = {"script", "style", "code", "pre", "noscript", "template", "svg", "math", "textarea"}
VOID = {"br", "img", "input", "wbr", "hr"}
ATTRS = ("alt", "title", "placeholder", "aria-label")
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
MAX_DEPTH = 255  # libxml2's nesting limit
_CHARSET = re.compile(rb"<meta[^>]+charset", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


def _parse(data: bytes, name: str) -> etree._ElementTree:
    if _ENTITY.search(data) or _ENTITY.search(data.replace(b"\x00", b"")):
        raise DocumentError(_("{name}: entity declarations are not allowed in HTML").format(
            name=name))
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(_("{name} is binary data, not HTML").format(name=name))
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=False, recover=True)
    source: bytes | str = data
    if not _CHARSET.search(data[:4096]) and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # No declared charset: libxml2 would assume Latin-1; decode as text files are.
        source = _XML_DECL.sub("", decode(data, name)[0])
    try:
        root = lxml.html.document_fromstring(source, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise DocumentError(_("{name}: cannot read HTML ({exc})").format(
            name=name, exc=one_line(exc))) from exc
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in entry.message:
            # libxml2 silently drops everything past its limit: refuse rather than lose it
            raise DocumentError(_("{name}: line {line}: elements nested more than {limit} "
                                  "deep (or another parser limit): refused so that no text is "
                                  "lost").format(name=name, line=entry.line, limit=MAX_DEPTH))
    return root.getroottree()


def _tag(el: etree._Element) -> str:
    # the local name: XHTML (EPUB) elements are namespaced, ``{http://www.w3.org/1999/xhtml}p``
    return el.tag.rpartition("}")[2].lower() if isinstance(el.tag, str) else ""


def _has_text(el: etree._Element) -> bool:
    return bool("".join(el.itertext()).strip())


def _is_leaf_block(el: etree._Element) -> bool:
    if _tag(el) not in BLOCKS or _tag(el) in SKIP or not _has_text(el):
        return False
    return not any(_tag(d) in BLOCKS or _tag(d) in SKIP for d in el.iterdescendants())


def _walk(tree: etree._ElementTree) -> Iterator[tuple[str, etree._Element, str]]:
    """(block id, element, attribute or '') in document order: the same on every read."""
    n = 0
    for el in tree.getroot().iter():
        tag = _tag(el)
        if not tag or tag in SKIP or any(_tag(a) in SKIP for a in el.iterancestors()):
            continue
        if _is_leaf_block(el):
            n += 1
            yield f"E{n}", el, ""
        for attr in ATTRS:
            if (el.get(attr) or "").strip():
                n += 1
                yield f"E{n}@{attr}", el, attr
        if tag == "meta" and (el.get("name") or "").lower() == "description" and el.get(
                "content"):
            n += 1
            yield f"E{n}@content", el, "content"


def _inline(el: etree._Element) -> list[etree._Element]:
    return [d for d in el.iterdescendants() if isinstance(d.tag, str)]


def _tagged(el: etree._Element) -> str:
    alive = _inline(el)  # ids are only stable while the element proxies are alive
    inline = {id(d): k for k, d in enumerate(alive, 1)}

    def render(node: etree._Element) -> str:
        out = [node.text or ""]
        for child in node:
            if isinstance(child.tag, str):
                k = inline[id(child)]
                if _tag(child) in VOID:
                    out.append(f"⟨{k}/⟩")
                else:
                    out.append(f"⟨{k}⟩{render(child)}⟨/{k}⟩")
            out.append(child.tail or "")
        return "".join(out)

    return " ".join(render(el).split()) if _tag(el) != "pre" else render(el)


def _rebuild(el: etree._Element, target: str) -> None:
    """Replace the content of ``el`` by ``target``, re-creating inline elements from tags."""
    originals = _inline(el)
    for child in list(el):
        el.remove(child)
    el.text = None

    def make(k: int, paired: bool) -> etree._Element | None:
        if not 0 < k <= len(originals):
            return None
        node = copy.copy(originals[k - 1])
        node.tail = None
        if paired and _tag(node) not in VOID:
            for child in list(node):
                node.remove(child)
            node.text = None
        return node

    used = fill(el, target, make)
    for k, original in enumerate(originals, 1):  # keep images and breaks the target lost
        if k not in used and _tag(original) in VOID:
            node = copy.copy(original)
            node.tail = None
            el.append(node)


def tree_blocks(tree: etree._ElementTree) -> list[Block]:
    """The blocks of a parsed page (HTML, or an EPUB's XHTML content document)."""
    blocks = []
    for bid, el, attr in _walk(tree):
        if attr:
            blocks.append(Block(bid, el.get(attr) or "", "attr", {"attr": attr}))
        else:
            blocks.append(Block(bid, _tagged(el), _tag(el)))
    return blocks


def fill_tree(tree: etree._ElementTree, targets: dict[str, str]) -> None:
    """Each block of a parsed page replaced by its target: attributes first, since
    rebuilding a block re-creates the inline elements that carry them."""
    found = [item for item in _walk(tree) if item[0] in targets]
    for bid, el, attr in found:
        if attr:
            el.set(attr, targets[bid])
    for bid, el, attr in found:
        if not attr:
            _rebuild(el, targets[bid])


class Html:
    name = "html"
    extensions = (".html", ".htm", ".xhtml")

    def load(self, data: bytes, name: str) -> Imported:
        tree = _parse(data, name)
        blocks = tree_blocks(tree)
        if not blocks:
            raise DocumentError(_("{name}: no translatable text found").format(name=name))
        lang = tree.getroot().get("lang", "")
        return Imported(self.name, blocks, source_lang=lang)

    def save(self, data: bytes, name: str, targets: dict[str, str], target_lang: str) -> bytes:
        tree = _parse(data, name)
        fill_tree(tree, targets)
        root = tree.getroot()
        head = root.find("head")
        if head is not None and head.find("meta[@charset]") is None and not any(
                "charset" in (m.get("content") or "").lower() for m in head.iter("meta")):
            meta = etree.Element("meta", charset="utf-8")
            head.insert(0, meta)
        lang = languages.get(target_lang)
        root.set("lang", lang.bcp47)
        root.set("dir", lang.direction)
        out: bytes = lxml.html.tostring(tree, encoding="utf-8", doctype=tree.docinfo.doctype,
                                        method="html")
        return out
