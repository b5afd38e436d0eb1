"""HTML: every run of visible text is a block, and translatable attributes are blocks too.

A *run* is the text between two block-level boundaries (p, div, li, td, body, center,
noscript, fallback content of canvas/video/object...): a paragraph is one run, and text
written straight into ``<body>`` or ``<html>`` between other blocks is a run of its own.
Inline elements (b, a, span...) inside a run become tags; code, comments and embedded
scripts or styles inside a run are kept whole behind a standalone tag. Attributes a reader
sees (``title``, ``alt``, ``placeholder``, ``aria-label``, ``<meta name=description>``) are
blocks of kind ``attr``. Scripts and styles are never touched. A file that declares no
charset and is not UTF-8 is read as Windows-1252, as browsers do; export is UTF-8 with its
charset declaration saying so, and sets ``dir`` and ``lang``.
"""

from __future__ import annotations

import copy
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.html
from lxml import etree

from desktop_app.core import languages
from desktop_app.core.documents.base import Block, Content, DocumentError, Imported
from desktop_app.core.documents.inline_xml import fill
from desktop_app.core.errors import InputError, one_line
from desktop_app.core.i18n import N_, _
from desktop_app.core.textio import decode

INLINE = {"a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del",
          "dfn", "em", "font", "i", "img", "input", "ins", "kbd", "mark", "q", "rb", "rp",
          "rt", "rtc", "ruby", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
          "time", "tt", "u", "var", "br", "wbr", "svg", "math", "nobr", "script", "style",
          "template"}
OPAQUE = {"code", "kbd", "samp", "svg", "math", "script", "style", "template"}  # kept whole
HIDDEN = {"script", "style", "template"}  # never part of a block's edges
VOID = {"br", "img", "input", "wbr"}
RAW = {"pre", "textarea"}  # whitespace is content
ATTRS = ("alt", "title", "placeholder", "aria-label")
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
MAX_DEPTH = 255  # libxml2's nesting limit
_CHARSET = re.compile(rb"<meta[^>]+charset", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_CHARSET_VALUE = re.compile(r"(charset\s*=\s*)[\w.:-]+", re.IGNORECASE)


def _text_of(data: bytes, name: str) -> str:
    """A file with no declared charset: UTF-8 (or UTF-16, or Arabic Windows-1256) as every
    text file, else Windows-1252, the HTML standard's fallback for undeclared pages."""
    try:
        return decode(data, name)[0]
    except InputError:
        lenient = data.decode("utf-8", "replace")
        if any(ord(c) > 127 and c != "\ufffd" for c in lenient) or b"\x00" in data:
            raise  # part UTF-8, part something else, or binary: the sentence says which
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(_("{name} declares no charset and is neither UTF-8 nor "
                               "Windows-1252: add <meta charset=\"...\"> naming its "
                               "encoding").format(name=name)) from None


def _parse(data: bytes, name: str) -> etree._ElementTree:
    if _ENTITY.search(data) or _ENTITY.search(data.replace(b"\x00", b"")):
        raise DocumentError(_("{name}: entity declarations are not allowed in HTML").format(
            name=name))
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(_("{name} is binary data, not HTML").format(name=name))
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=False, recover=True)
    source: bytes | str = data
    if not _CHARSET.search(data[:4096]) and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # No declared charset: libxml2 would assume Latin-1
        source = _XML_DECL.sub("", _text_of(data, name))
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


def _tag(node: etree._Element) -> str:
    # the local name: XHTML (EPUB) elements are namespaced, ``{http://www.w3.org/1999/xhtml}p``
    return node.tag.rpartition("}")[2].lower() if isinstance(node.tag, str) else ""


def _blocks(root: etree._Element) -> set[etree._Element]:
    """The block-level elements (boundaries of runs): every element that is not inline,
    and an inline one holding a block. Comments and processing instructions are inline;
    code, scripts and the like are inline whatever they hold (kept whole)."""
    blocks: set[etree._Element] = set()
    for node in reversed(list(root.iter())):  # descendants before their ancestors
        if not isinstance(node.tag, str):
            continue
        tag = _tag(node)
        if tag not in INLINE or (tag not in OPAQUE and any(c in blocks for c in node)):
            blocks.add(node)
    return blocks


def _edge(node: etree._Element) -> bool:
    """Left outside a run when it stands at its start or end: nothing a reader sees."""
    return not isinstance(node.tag, str) or _tag(node) in HIDDEN


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


@dataclass(slots=True)
class Run:
    """Text of ``container`` from slot ``start`` to slot ``end``: slot 0 is the container's
    text, slot i the tail of child i-1; the children between are inline. ``kids`` is the
    container's children as read (lxml's indexing walks a list: reading them once keeps a
    page of many thousand runs linear). Runs are rebuilt from the last one back, so the
    children before a run are never the ones that changed."""
    container: etree._Element
    start: int
    end: int
    kids: list[etree._Element]

    def slot(self, i: int) -> str:
        return (self.container.text if i == 0 else self.kids[i - 1].tail) or ""

    def set_slot(self, i: int, value: str) -> None:
        if i == 0:
            self.container.text = value or None
        else:
            self.kids[i - 1].tail = value or None

    @property
    def children(self) -> list[etree._Element]:
        return self.kids[self.start:self.end]

    @property
    def raw(self) -> bool:
        return _tag(self.container) in RAW


def _runs(container: etree._Element, blocks: set[etree._Element]) -> Iterator[Run]:
    """The runs of ``container``, trimmed of comments and scripts at their edges."""
    kids = list(container)
    start = 0
    for i in range(len(kids) + 1):
        if i < len(kids) and kids[i] not in blocks:
            continue
        run = Run(container, start, i, kids)
        a, b = start, i
        while a < b and _blank(run.slot(a)) and _edge(kids[a]):
            a += 1
        while b > a and _blank(run.slot(b)) and _edge(kids[b - 1]):
            b -= 1
        run.start, run.end = a, b
        if any(not _blank(run.slot(k)) for k in range(a, b + 1)) or any(
                not _blank("".join(c.itertext())) for c in run.children
                if isinstance(c.tag, str) and _tag(c) not in OPAQUE):
            yield run
        start = i + 1


def _numbered(run: Run) -> list[etree._Element]:
    """The inline nodes of a run in the order of their tag numbers."""
    out: list[etree._Element] = []

    def visit(node: etree._Element) -> None:
        out.append(node)
        if isinstance(node.tag, str) and _tag(node) not in OPAQUE | VOID:
            for child in node:
                visit(child)

    for child in run.children:
        visit(child)
    return out


def _tagged(run: Run) -> str:
    nodes = _numbered(run)
    number = {node: k for k, node in enumerate(nodes, 1)}  # proxies held alive by ``nodes``

    def render(node: etree._Element) -> str:
        k = number[node]
        if not isinstance(node.tag, str) or _tag(node) in OPAQUE | VOID:
            return f"⟨{k}/⟩"
        inner = [node.text or ""]
        for child in node:
            inner += [render(child), child.tail or ""]
        return f"⟨{k}⟩{''.join(inner)}⟨/{k}⟩"

    parts = [run.slot(run.start)]
    for child in run.children:
        parts += [render(child), child.tail or ""]
    text = "".join(parts)
    return text if run.raw else " ".join(text.split())


def _rebuild(run: Run, target: str) -> None:
    """Replace the run by ``target``, re-creating inline nodes from its tags; the
    whitespace around the run is kept."""
    originals = _numbered(run)
    first, last = run.slot(run.start), run.slot(run.end)
    lead = "" if run.raw else first[:len(first) - len(first.lstrip())]
    trail = "" if run.raw else last[len(last.rstrip()):]

    def make(k: int, paired: bool) -> etree._Element | None:
        if not 0 < k <= len(originals):
            return None
        node = copy.copy(originals[k - 1])
        node.tail = None
        if paired and isinstance(node.tag, str) and _tag(node) not in OPAQUE | VOID:
            for child in list(node):
                node.remove(child)
            node.text = None
        return node

    holder = etree.Element("holder")
    used = fill(holder, target, make)
    for k, original in enumerate(originals, 1):  # keep images, breaks and code the target lost
        if k not in used and (not isinstance(original.tag, str)
                               or _tag(original) in OPAQUE | VOID):
            node = copy.copy(original)
            node.tail = None
            holder.append(node)
    for child in run.children:
        run.container.remove(child)
    new = list(holder)
    if not new:
        run.set_slot(run.start, lead + (holder.text or "") + trail)
        return
    run.set_slot(run.start, lead + (holder.text or ""))
    anchor = run.kids[run.start - 1] if run.start else None
    for node in new:  # each after the last: no walk down the container's children
        if anchor is None:
            run.container.insert(0, node)
        else:
            anchor.addnext(node)
        anchor = node
    new[-1].tail = (new[-1].tail or "") + trail


def _walk(tree: etree._ElementTree) -> Iterator[tuple[str, etree._Element, Run | str]]:
    """(block id, element, its run or an attribute name) in reading order: the same on
    every read."""
    root = tree.getroot()
    blocks = _blocks(root)
    count = iter(range(1, 1 << 62))

    def attrs(el: etree._Element) -> Iterator[tuple[str, etree._Element, Run | str]]:
        for attr in ATTRS:
            if (el.get(attr) or "").strip():
                yield f"H{next(count)}@{attr}", el, attr
        if _tag(el) == "meta" and (el.get("name") or "").lower() == "description" and (
                el.get("content") or "").strip():
            yield f"H{next(count)}@content", el, "content"

    def inline(el: etree._Element) -> Iterator[tuple[str, etree._Element, Run | str]]:
        if isinstance(el.tag, str) and _tag(el) not in HIDDEN:
            yield from attrs(el)
            if _tag(el) not in OPAQUE:
                for child in el:
                    yield from inline(child)

    def block(el: etree._Element) -> Iterator[tuple[str, etree._Element, Run | str]]:
        yield from attrs(el)
        runs = deque(_runs(el, blocks))
        for i, child in enumerate([*el, None]):
            while runs and (child is None or runs[0].start <= i):
                yield f"H{next(count)}", el, runs.popleft()
            if child is None:
                break
            yield from (block(child) if child in blocks else inline(child))

    yield from block(root)


# The blocks of the earlier reader (ids E1, E2@title...), so that a project it imported
# still exports each translation into its own element: leaf elements of these kinds.
_EARLIER_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd",
                   "caption", "figcaption", "blockquote", "title", "button", "label", "option",
                   "summary", "legend", "div", "section", "article", "header", "footer",
                   "aside", "nav", "main", "ul", "ol", "dl", "table", "thead", "tbody", "tr",
                   "form", "figure", "body", "head", "html", "pre", "address", "fieldset",
                   "details", "hr", "select"}
_EARLIER_SKIP = {"script", "style", "code", "pre", "noscript", "template", "svg", "math",
                 "textarea"}


def _earlier_walk(tree: etree._ElementTree) -> Iterator[tuple[str, etree._Element, Run | str]]:
    n = 0
    for el in tree.getroot().iter():
        tag = _tag(el)
        if not tag or tag in _EARLIER_SKIP or any(
                _tag(a) in _EARLIER_SKIP for a in el.iterancestors()):
            continue
        if (tag in _EARLIER_BLOCKS and "".join(el.itertext()).strip() and not any(
                _tag(d) in _EARLIER_BLOCKS | _EARLIER_SKIP for d in el.iterdescendants())):
            n += 1
            kids = list(el)
            yield f"E{n}", el, Run(el, 0, len(kids), kids)
        for attr in ATTRS:
            if (el.get(attr) or "").strip():
                n += 1
                yield f"E{n}@{attr}", el, attr
        if tag == "meta" and (el.get("name") or "").lower() == "description" and el.get(
                "content"):
            n += 1
            yield f"E{n}@content", el, "content"


def _utf8_declared(root: etree._Element) -> None:
    """Every charset declaration says UTF-8 (what export writes), and a ``<meta
    charset>`` in the head says it too: libxml2's writer drops a head's http-equiv
    Content-Type, which would leave a UTF-8 file with no charset declared."""
    has_charset = False
    for meta in root.iter("meta"):
        if meta.get("charset") is not None:
            meta.set("charset", "utf-8")
            has_charset = True
        content = meta.get("content") or ""
        if ((meta.get("http-equiv") or "").lower() == "content-type"
                and "charset" in content.lower()):
            meta.set("content", _CHARSET_VALUE.sub(r"\g<1>utf-8", content))
    if not has_charset:
        head = root.find("head")
        if head is None:
            head = etree.Element("head")
            root.insert(0, head)
        head.insert(0, etree.Element("meta", charset="utf-8"))


def tree_blocks(tree: etree._ElementTree) -> list[Block]:
    """The blocks of a parsed page (HTML, or an EPUB's XHTML content document)."""
    blocks = []
    for bid, el, what in _walk(tree):
        if isinstance(what, str):
            blocks.append(Block(bid, el.get(what) or "", "attr", {"attr": what}))
        else:
            blocks.append(Block(bid, _tagged(what), _tag(el)))
    return blocks


def fill_tree(tree: etree._ElementTree, targets: dict[str, str]) -> None:
    """Each block of a parsed page replaced by its target (a project the earlier reader
    imported, ids E1, E2@title..., into the elements that reader read)."""
    legacy = any(re.fullmatch(r"E\d+(@.*)?", bid) for bid in targets)
    walk = _earlier_walk(tree) if legacy else _walk(tree)
    items = [(bid, el, what) for bid, el, what in walk if bid in targets]
    for bid, el, what in items:  # attributes first: rebuilt runs copy their elements
        if isinstance(what, str):
            el.set(what, targets[bid])
    for bid, _el, what in reversed(items):  # from the end: earlier slots stay in place
        if isinstance(what, Run):
            _rebuild(what, targets[bid])


class Html:
    name = "html"
    extensions = (".html", ".htm", ".xhtml")
    label = N_("Web pages")

    def sniff(self, content: Content) -> bool:
        text = content.text
        return text.startswith(("<!doctype html", "<html")) or (
            text.startswith("<?xml") and "<html" in text)

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
        _utf8_declared(root)
        lang = languages.get(target_lang)
        root.set("lang", lang.bcp47)
        if root.get("xml:lang") is not None:  # XHTML says it twice
            root.set("xml:lang", lang.bcp47)
        root.set("dir", lang.direction)
        out: bytes = lxml.html.tostring(tree, encoding="utf-8", doctype=tree.docinfo.doctype,
                                        method="html")
        return out
