"""TMX 1.1-1.4 reading (for the translation memory) and TMX 1.4b writing.

Reading keeps, for each translation unit, the text of every variant with inline codes
as tags; native-code elements (bpt, ept, ph, it, ut) contribute no text, ``hi`` and
``sub`` content does. A file whose codes do not pair up (an ``ept`` before its ``bpt``,
a ``bpt`` index used twice) is refused: it is well-formed but not valid TMX.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from desktop_app import __version__
from desktop_app.core import xmlsafe
from desktop_app.core.errors import InputError
from desktop_app.core.i18n import _
from desktop_app.core.xmlsafe import XML_LANG, local


class TmxError(InputError):
    pass


@dataclass(slots=True)
class TranslationUnit:
    variants: dict[str, str] = field(default_factory=dict)  # language as written -> text
    tuid: str = ""


@dataclass(slots=True)
class TmxDocument:
    version: str
    srclang: str
    units: list[TranslationUnit]


def _render(seg: etree._Element, name: str) -> str:
    count = 0
    open_bpt: dict[str, int] = {}  # bpt i -> tag number, until its ept
    seen_bpt: set[str] = set()

    def walk(el: etree._Element) -> str:
        nonlocal count
        out = [el.text or ""]
        for child in el:
            kind = local(child)
            index = child.get("i", "")
            if kind == "bpt":
                if index in seen_bpt:
                    raise TmxError(_("{name}: line {line}: <bpt i={index!r}> used twice in "
                                     "one segment").format(
                                         name=name, line=child.sourceline, index=index))
                seen_bpt.add(index)
                count += 1
                open_bpt[index] = count
                out.append(f"⟨{count}⟩")
            elif kind == "ept":
                if index not in open_bpt:
                    raise TmxError(_("{name}: line {line}: <ept i={index!r}> without a "
                                     "<bpt> before it").format(
                                         name=name, line=child.sourceline, index=index))
                out.append(f"⟨/{open_bpt.pop(index)}⟩")
            elif kind in ("hi", "sub"):
                count += 1
                n = count
                out.append(f"⟨{n}⟩{walk(child)}⟨/{n}⟩")
            elif kind:
                count += 1
                out.append(f"⟨{count}/⟩")
            out.append(child.tail or "")
        return "".join(out)

    return walk(seg)


def _unit(tu: etree._Element, name: str) -> TranslationUnit:
    unit = TranslationUnit(tuid=tu.get("tuid", ""))
    for tuv in (c for c in tu if local(c) == "tuv"):
        lang = tuv.get(XML_LANG) or tuv.get("lang") or ""
        seg = next((c for c in tuv if local(c) == "seg"), None)
        if not lang or seg is None:
            raise TmxError(_("{name}: line {line}: <tuv> without "
                             "a language or a <seg>").format(
                name=name, line=tuv.sourceline))
        unit.variants[lang] = _render(seg, name)
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


def write(pairs: list[tuple[str, str]], source_lang: str, target_lang: str) -> bytes:
    """TMX 1.4b of (source, target) pairs; tags are written as <ph> codes."""
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", creationtool="Tarjuman", creationtoolversion=__version__,
                     datatype="plaintext", segtype="sentence", adminlang="en",
                     srclang=source_lang, **{"o-tmf": "Tarjuman"})
    body = etree.SubElement(root, "body")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for source, target in pairs:
        tu = etree.SubElement(body, "tu", creationdate=stamp)
        for lang, text in ((source_lang, source), (target_lang, target)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
            _seg(etree.SubElement(tuv, "seg"), text)
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                pretty_print=True)
    return out


def _seg(seg: etree._Element, text: str) -> None:
    """Paired tags become <bpt>/<ept>, standalone ones <ph>, each holding the tag."""
    from desktop_app.core.documents.inline_xml import fill

    def code(kind: str, n: int, written: str) -> etree._Element:
        el = etree.Element(kind, i=str(n)) if kind != "ph" else etree.Element(kind, x=str(n))
        el.text = written
        return el

    fill(seg, text, lambda n, paired: code("bpt" if paired else "ph", n,
                                           f"⟨{n}⟩" if paired else f"⟨{n}/⟩"),
         close=lambda n: code("ept", n, f"⟨/{n}⟩"))
