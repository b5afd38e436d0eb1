"""TMX 1.1-1.4 reading (for the translation memory) and TMX 1.4b writing.

Reading keeps, for each translation unit, the text of every variant with inline codes
as tags; native-code elements (bpt, ept, ph, it, ut) contribute no text, ``hi`` and
``sub`` content does. Each variant also keeps its codes as written (element, attributes
``i``/``x``/``type``/``pos``... and native content such as ``{\\b }``), by tag, so a unit
read from TMX is written back with its own codes, never with placeholders. A code with
an ``x`` gets the same tag number in every variant of its unit. A file whose codes do not
pair up (an ``ept`` before its ``bpt``, a ``bpt`` index used twice) is refused: it is
well-formed but not valid TMX.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from desktop_app import __version__
from desktop_app.core import xmlsafe
from desktop_app.core.documents.base import TAG
from desktop_app.core.errors import InputError
from desktop_app.core.i18n import _
from desktop_app.core.xmlsafe import XML_LANG, append_text, local


class TmxError(InputError):
    pass


# A variant's native codes: tag as written in its text ("⟨1⟩", "⟨/1⟩", "⟨2/⟩") -> the TMX
# element it stands for, serialized without its tail (for ``hi``: the empty start element).
Codes = dict[str, str]
NATIVE = ("bpt", "ept", "ph", "it", "ut")


@dataclass(slots=True)
class TranslationUnit:
    variants: dict[str, str] = field(default_factory=dict)  # language as written -> text
    tuid: str = ""
    codes: dict[str, Codes] = field(default_factory=dict)  # language as written -> codes


@dataclass(slots=True)
class TmxDocument:
    version: str
    srclang: str
    units: list[TranslationUnit]


def _code_xml(el: etree._Element, *, empty: bool = False) -> str:
    """An inline code as written in the file (namespace-free, without its tail)."""
    copy = etree.Element(local(el), dict(el.attrib))
    if not empty:
        copy.text = el.text
        copy.extend(etree.fromstring(etree.tostring(c, with_tail=True)) for c in el)
    return str(etree.tostring(copy, encoding="unicode", with_tail=False))


def _render(seg: etree._Element, name: str, by_x: dict[str, int] | None = None
            ) -> tuple[str, Codes]:
    """The segment's text with tags, and its codes by tag. ``by_x`` (shared by the
    variants of one unit) gives a code the number its ``x`` has in another variant."""
    by_x = {} if by_x is None else by_x
    used: set[int] = set()
    open_bpt: dict[str, int] = {}  # bpt i -> tag number, until its ept
    seen_bpt: set[str] = set()
    codes: Codes = {}

    def number(el: etree._Element) -> int:
        x = el.get("x")
        n = by_x.get(x, 0) if x else 0
        if not n or n in used:
            n = next(k for k in range(1, len(used) + len(by_x) + 2)
                     if k not in used and k not in by_x.values())
            if x and x not in by_x:
                by_x[x] = n
        used.add(n)
        return n

    def walk(el: etree._Element) -> str:
        out = [el.text or ""]
        for child in el:
            if not isinstance(child.tag, str):
                out.append(child.tail or "")
                continue
            kind = local(child)
            index = child.get("i", "")
            if kind == "bpt":
                if index in seen_bpt:
                    raise TmxError(_("{name}: line {line}: <bpt i={index!r}> used twice in "
                                     "one segment").format(
                                         name=name, line=child.sourceline, index=index))
                seen_bpt.add(index)
                n = open_bpt[index] = number(child)
                codes[f"⟨{n}⟩"] = _code_xml(child)
                out.append(f"⟨{n}⟩")
            elif kind == "ept":
                if index not in open_bpt:
                    raise TmxError(_("{name}: line {line}: <ept i={index!r}> without a "
                                     "<bpt> before it").format(
                                         name=name, line=child.sourceline, index=index))
                n = open_bpt.pop(index)
                codes[f"⟨/{n}⟩"] = _code_xml(child)
                out.append(f"⟨/{n}⟩")
            elif kind in ("hi", "sub"):
                n = number(child)
                if kind == "hi":
                    codes[f"⟨{n}⟩"] = _code_xml(child, empty=True)
                out.append(f"⟨{n}⟩{walk(child)}⟨/{n}⟩")
            elif kind:
                n = number(child)
                codes[f"⟨{n}/⟩"] = _code_xml(child)
                out.append(f"⟨{n}/⟩")
            out.append(child.tail or "")
        return "".join(out)

    return walk(seg), codes


def _unit(tu: etree._Element, name: str) -> TranslationUnit:
    unit = TranslationUnit(tuid=tu.get("tuid", ""))
    by_x: dict[str, int] = {}
    for tuv in (c for c in tu if local(c) == "tuv"):
        lang = tuv.get(XML_LANG) or tuv.get("lang") or ""
        seg = next((c for c in tuv if local(c) == "seg"), None)
        if not lang or seg is None:
            raise TmxError(_("{name}: line {line}: <tuv> without "
                             "a language or a <seg>").format(
                name=name, line=tuv.sourceline))
        unit.variants[lang], codes = _render(seg, name, by_x)
        if codes:
            unit.codes[lang] = codes
    return unit


def parse(data: bytes, name: str = "memory.tmx") -> TmxDocument:
    root = xmlsafe.parse(data, name, TmxError)
    if local(root) != "tmx":
        raise TmxError(_("{name}: not TMX (root element <{root}>)").format(
            name=name, root=local(root)))
    header = next((c for c in root if local(c) == "header"), None)
    body = next((c for c in root if local(c) == "body"), None)
    if header is None or body is None:
        raise TmxError(_("{name}: TMX needs a <header> and a <body>").format(name=name))
    units = [_unit(tu, name) for tu in body if local(tu) == "tu"]
    return TmxDocument(root.get("version", ""), header.get("srclang", ""), units)


def iter_units(path: Path) -> Iterator[TranslationUnit]:
    """The units of a TMX file, read as a stream: memory stays bounded however long the
    file is. The same checks as :func:`parse`."""
    name = path.name
    depth = 0
    seen: set[str] = set()
    for event, el in xmlsafe.iterparse(path, TmxError):
        if event == "start":
            depth += 1
            if depth == 1 and local(el) != "tmx":
                raise TmxError(_("{name}: not TMX (root element <{root}>)").format(
                    name=name, root=local(el)))
            if depth == 2:
                seen.add(local(el))
                if local(el) == "body" and "header" not in seen:
                    raise TmxError(_("{name}: TMX needs a <header> and a <body>").format(name=name))
            continue
        depth -= 1
        if depth == 2 and local(el) == "tu" and local(el.getparent()) == "body":
            yield _unit(el, name)
            el.clear(keep_tail=False)
            parent = el.getparent()
            while el.getprevious() is not None and parent is not None:
                del parent[0]
    if "header" not in seen or "body" not in seen:
        raise TmxError(_("{name}: TMX needs a <header> and a <body>").format(name=name))


@dataclass(slots=True)
class Pair:
    """One unit to write: source and target text with tags, and the native codes each
    came with (none for a unit Tarjuman made: its tags become generic codes)."""

    source: str
    target: str
    source_codes: Codes = field(default_factory=dict)
    target_codes: Codes = field(default_factory=dict)


def codes_json(source: Codes, target: Codes) -> str:
    """How a unit's native codes are kept in the translation memory ("" for none)."""
    return json.dumps({"s": source, "t": target}, ensure_ascii=False) if source or target \
        else ""


def codes_from_json(value: str | None) -> tuple[Codes, Codes]:
    if not value:
        return {}, {}
    data = json.loads(value)
    return dict(data.get("s", {})), dict(data.get("t", {}))


def write(pairs: Iterable[Pair | tuple[str, str]], source_lang: str, target_lang: str) -> bytes:
    """TMX 1.4b of (source, target) pairs. Tags with their native code (a unit read from
    TMX) are written as that code; the others as <bpt>/<ept> and <ph> holding the tag."""
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", creationtool="Tarjuman", creationtoolversion=__version__,
                     datatype="plaintext", segtype="sentence", adminlang="en",
                     srclang=source_lang, **{"o-tmf": "Tarjuman"})
    body = etree.SubElement(root, "body")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for pair in pairs:
        if not isinstance(pair, Pair):
            pair = Pair(*pair)
        tu = etree.SubElement(body, "tu", creationdate=stamp)
        for lang, text, codes in ((source_lang, pair.source, pair.source_codes),
                                  (target_lang, pair.target, pair.target_codes)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
            _seg(etree.SubElement(tuv, "seg"), text, codes)
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                pretty_print=True)
    return out


_CODE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _seg(seg: etree._Element, text: str, codes: Codes) -> None:
    """Plain runs as text; a tag as its native code when known, else paired tags as
    <bpt>/<ept> and standalone ones as <ph>, each holding the tag; ``hi`` nests."""
    stack = [seg]
    open_hi: dict[int, etree._Element] = {}

    def put(value: str) -> None:
        append_text(stack[-1], value)

    pos = 0
    for m in TAG.finditer(text):
        put(text[pos:m.start()])
        pos = m.end()
        tag, closing, n, solo = m.group(0), bool(m.group(1)), int(m.group(2)), bool(m.group(3))
        if closing and n in open_hi:
            hi = open_hi.pop(n)
            while len(stack) > 1 and stack.pop() is not hi:
                pass
            continue
        native = codes.get(tag)
        if native is not None:
            el = etree.fromstring(native, _CODE_PARSER)
            stack[-1].append(el)
            if el.tag == "hi":
                open_hi[n] = el
                stack.append(el)
            continue
        if closing:
            el = etree.Element("ept", i=str(n))
        elif solo:
            el = etree.Element("ph", x=str(n))
        else:
            el = etree.Element("bpt", i=str(n))
        el.text = tag
        stack[-1].append(el)
    put(text[pos:])
