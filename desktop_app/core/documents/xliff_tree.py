"""Writing translations back into the original XLIFF tree (1.2, sdlxliff, mqxliff, 2.x).

The file is parsed again with its comments and processing instructions, each block's
unit is found by its position among the units, and only its target and state change:
ids, namespaces, extensions, skeleton, notes and native codes stay as they were. Inline
tags of a target become copies of the source's elements (a ``bpt`` keeps its native
code), so the client's tool gets its own codes back. Segmented 1.2 units get one
``mrk mtype="seg"`` per segment in the target, mirroring ``seg-source``; 2.x segments
are written one to one. Locked Trados segments are never changed.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from lxml import etree

from desktop_app.core import languages
from desktop_app.core.documents.base import TAG, DocumentError
from desktop_app.core.documents.inline_xml import fill
from desktop_app.core.documents.xliff_notes import write_note
from desktop_app.core.documents.xliff_read import (
    PAIRED,
    Tagger,
    children,
    first,
    in_xliff,
    is_v2,
    load,
    parse,
    render_pair,
    sdl_segs,
    seg_marks,
    units,
)
from desktop_app.core.documents.xliff_reshape import reshape_units
from desktop_app.core.documents.xliff_states import (
    MQ_NS,
    MQ_WRITE,
    ORDER,
    SDL_NS,
    SDL_WRITE,
    V1_WRITE,
    V2_WRITE,
    qualifier,
)
from desktop_app.core.i18n import _
from desktop_app.core.segments import Status
from desktop_app.core.xmlsafe import local

BOM = b"\xef\xbb\xbf"
# characters XML 1.0 cannot hold: XLIFF 2 writes them as <cp hex="0007"/>, 1.2 cannot
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
CP_BASE = 1_000_000  # tag numbers of the <cp> codes while a target is written


@dataclass(frozen=True, slots=True)
class TargetState:
    status: Status
    origin: str = ""


def _reparse(data: bytes, name: str) -> etree._Element:
    """The document again, this time with comments and processing instructions (the
    safety checks of :func:`parse` have run on the same bytes)."""
    parse(data, name)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:  # pragma: no cover - parse() has refused it
        raise DocumentError(_("{name}: not well-formed XML ({exc})").format(
            name=name, exc=exc)) from exc


def _clear(el: etree._Element) -> None:
    for child in list(el):
        el.remove(child)
    el.text = None


def code_points(text: str, cp_tag: str) -> tuple[str, dict[int, etree._Element]]:
    """``text`` with each character XML cannot hold replaced by a standalone tag, and the
    ``<cp hex>`` element (of tag name ``cp_tag``) each such tag stands for."""
    codes: dict[int, etree._Element] = {}

    def one(m: re.Match[str]) -> str:
        n = CP_BASE + len(codes)
        codes[n] = etree.Element(cp_tag, hex=f"{ord(m.group(0)):04X}")
        return f"⟨{n}/⟩"
    return NOT_XML.sub(one, text), codes


def _set_content(el: etree._Element, text: str, source: etree._Element) -> None:
    """``el`` holds ``text``, its tags turned into copies of ``source``'s elements."""
    ns = etree.QName(el).namespace
    text, codes = code_points(text, f"{{{ns}}}cp" if ns else "cp")
    _, _, tagger = render_pair(source, None)
    elements = dict(tagger.elements)
    if len(el):  # codes only the old target had (added by the translator's tool)
        old = Tagger(ref=tagger.keys)
        old.render(el)
        elements = {**old.elements, **elements}
    paired = {n: local(e) in PAIRED for n, e in elements.items()}

    def keep(m: re.Match[str]) -> str:
        n, solo = int(m.group(2)), bool(m.group(3))
        return m.group(0) if (n in paired and paired[n] != solo) or n in codes else ""

    def make(n: int, is_paired: bool) -> etree._Element:
        if n in codes:
            return codes[n]
        node = copy.deepcopy(elements[n])
        node.tail = None
        if is_paired:
            _clear(node)
        return node

    _clear(el)
    fill(el, TAG.sub(keep, text), make)


def _target_after(parent: etree._Element, after: etree._Element) -> etree._Element:
    target = first(parent, "target")
    if target is None:
        ns = etree.QName(after).namespace
        target = etree.Element(f"{{{ns}}}target" if ns else "target")
        target.tail = after.tail
        after.addnext(target)
    return target


def _v1_state(target: etree._Element, state: TargetState) -> None:
    target.set("state", V1_WRITE[state.status])
    if state.status is Status.MT:
        target.set("state-qualifier", qualifier(state.origin))
    elif "state-qualifier" in target.attrib:
        del target.attrib["state-qualifier"]


SDL_ORIGIN = ("origin", "origin-system", "percent", "struct-match", "text-match")


def _sdl_origin(state: TargetState) -> dict[str, str]:
    """What Trados writes on a segment's definition for where its target came from."""
    if state.status is Status.NEW:
        return {}
    if state.status is not Status.MT:
        return {"origin": "interactive"}  # typed or confirmed by the translator
    if state.origin.startswith("tm:"):
        score = state.origin.rsplit(":", 1)[-1]
        return {"origin": "tm", "origin-system": "Tarjuman",
                "percent": score if score.isdigit() else "100"}
    return {"origin": "mt", "origin-system": "Tarjuman"}


def _sdl_seg(unit: etree._Element, mid: str, state: TargetState) -> None:
    """The Trados segment definition says what happened: its confirmation level matches
    the status, its origin is Tarjuman's (the old one, a "tm 99%" match say, moves into
    ``sdl:prev-origin`` as Trados keeps it)."""
    seg = sdl_segs(unit).get(mid)
    if seg is None:
        return
    conf = SDL_WRITE.get(state.status)
    if conf:
        seg.set("conf", conf)
    elif "conf" in seg.attrib:
        del seg.attrib["conf"]
    prev = etree.Element(f"{{{SDL_NS}}}prev-origin",
                         {k: seg.attrib.pop(k) for k in SDL_ORIGIN if k in seg.attrib})
    for older in [c for c in seg if c.tag == prev.tag]:
        seg.remove(older)
        prev.append(older)
    seg.insert(0, prev)
    for key, value in _sdl_origin(state).items():
        seg.set(key, value)


def _write_v1(unit: etree._Element, meta: dict[str, object], text: str,
              state: TargetState) -> None:
    source = first(unit, "source")
    seg_source = first(unit, "seg-source")
    assert source is not None
    mid = meta.get("mid")
    if mid is None or seg_source is None:
        target = _target_after(unit, seg_source if seg_source is not None else source)
        _set_content(target, text, source)
        _v1_state(target, state)
        if "approved" in unit.attrib or state.status is Status.CONFIRMED:
            unit.set("approved", "yes" if state.status is Status.CONFIRMED else "no")
        if f"{{{MQ_NS}}}status" in unit.attrib:
            unit.set(f"{{{MQ_NS}}}status", MQ_WRITE[state.status])
        return
    target = _target_after(unit, seg_source)
    marks = {m.get("mid"): m for m in seg_marks(target)}
    if not marks:  # mirror seg-source: same segments, same codes between them
        mirror = copy.deepcopy(seg_source)
        _clear(target)
        target.text = mirror.text
        for child in mirror:
            target.append(child)
        for m in seg_marks(target):
            _clear(m)
        marks = {m.get("mid"): m for m in seg_marks(target)}
    src_mark = next(m for m in seg_marks(seg_source) if m.get("mid") == mid)
    mark = marks.get(mid)
    if mark is None:
        return
    _set_content(mark, text, src_mark)
    if sdl_segs(unit):
        _sdl_seg(unit, str(mid), state)


def _write_v2(unit: etree._Element, meta: dict[str, object], text: str,
              state: TargetState) -> None:
    segments = children(unit, "segment")
    k = int(str(meta.get("segment", 0)))
    if k >= len(segments):
        return
    segment = segments[k]
    source = first(segment, "source")
    assert source is not None
    target = _target_after(segment, source)
    _set_content(target, text, source)
    segment.set("state", V2_WRITE[state.status])
    if state.status is Status.MT:
        segment.set("subState", f"tarjuman:{qualifier(state.origin)}")
    elif "subState" in segment.attrib:
        del segment.attrib["subState"]


def _foreign(block_target: str, source: str, file_lang: str, target_lang: str) -> bool:
    """Whether a target the file already had is in another language than the one
    written now (the file named another, or the text is in another script; a copy of
    the source, "iPhone" for "iPhone", is left as the client had it)."""
    if not block_target.strip() or not languages.is_known(target_lang) or (
            block_target.strip() == source.strip()):
        return False
    return bool(file_lang and not languages.same_language(file_lang, target_lang)) or \
        not languages.written_in(block_target, target_lang)


def write_targets(data: bytes, name: str, targets: dict[str, str], target_lang: str,
                  states: dict[str, TargetState] | None = None,
                  notes: dict[str, str] | None = None,
                  parts: dict[str, list[str]] | None = None) -> bytes:
    """The original XLIFF ``data`` with the targets (by block id) and their states
    written in. Blocks missing from ``targets`` keep what the file had, unless that is
    in another language (the file made for fr-FR, a French target): such a target is
    emptied, so nothing in the file is labelled ``target_lang`` that is not. Without
    ``states`` a written target counts as edited. ``notes`` (translator comments by
    block id) become each unit's translator note (see :mod:`xliff_notes`). ``parts``:
    segments split or joined in the project, for the ``mrk`` segments of 1.2 units (see
    :mod:`xliff_reshape`; the targets of the parts are keyed by their part ids)."""
    imported = load(data, name)
    blocks = list(imported.blocks)
    root = _reparse(data, name)
    v2 = is_v2(root)
    all_units = units(root, "unit" if v2 else "trans-unit")
    if parts and not v2:
        blocks = reshape_units(all_units, blocks, parts, name)
    segmented: dict[int, list[TargetState]] = {}  # 1.2 seg-source units: one state each
    wrote = False
    for block in blocks:
        text = targets.get(block.id)
        if text is None and _foreign(block.target, block.text, imported.target_lang,
                                         target_lang):
            text = ""
        if text is None or block.meta.get("locked") or (states is None
                                                          and text == block.target):
            continue
        if not v2 and NOT_XML.search(text):
            char = NOT_XML.search(text).group(0)  # type: ignore[union-attr]
            raise DocumentError(_(
                "{name}: the target of segment {id} holds the control character U+{code:04X}, "
                "which XLIFF 1.2 cannot hold; remove it from that target and export "
                "again").format(name=name, id=block.id, code=ord(char)))
        state = (states or {}).get(block.id, TargetState(Status.EDITED))
        if not text.strip():
            state = TargetState(Status.NEW)
        unit = all_units[int(block.meta["n"])]
        (_write_v2 if v2 else _write_v1)(unit, block.meta, text, state)
        if not v2 and "mid" in block.meta:
            segmented.setdefault(int(block.meta["n"]), []).append(state)
        wrote = True
    unit_notes: dict[int, list[str]] = {}
    for block in blocks:
        if (notes or {}).get(block.id):
            unit_notes.setdefault(int(block.meta["n"]), []).append((notes or {})[block.id])
    for n, comments in unit_notes.items():
        wrote = write_note(all_units[n], comments, v2) or wrote
    for n, written in segmented.items():  # the target's state is its least finished segment
        target = first(all_units[n], "target")
        if target is not None and not sdl_segs(all_units[n]):
            _v1_state(target, min(written, key=lambda s: ORDER.index(s.status)))
    if not wrote:
        return data
    _target_language(root, v2, target_lang, all_units)
    return _serialize(root, data)


def _target_language(root: etree._Element, v2: bool, target_lang: str,
                     all_units: list[etree._Element]) -> None:
    """Every place the file names its target language says ``target_lang``: the file's
    ``trgLang``/``target-language`` (set when missing, relabelled when it named another
    language) and the ``xml:lang`` of the units' targets."""
    if not languages.is_known(target_lang):
        return
    code = languages.get(target_lang).bcp47

    def relabel(el: etree._Element, attr: str, when_missing: bool) -> None:
        value = el.get(attr)
        if (not value and when_missing) or (value and not languages.same_language(
                value, target_lang)):
            el.set(attr, code)
    if v2:
        relabel(root, "trgLang", True)
    else:
        for file_el in in_xliff(root, "file"):
            relabel(file_el, "target-language", True)
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for unit in all_units:
        holders = [unit, *children(unit, "segment")] if v2 else [unit]
        for holder in holders:
            for target in children(holder, "target"):
                relabel(target, lang, False)


def _serialize(root: etree._Element, data: bytes) -> bytes:
    tree = root.getroottree()
    encoding = tree.docinfo.encoding or "UTF-8"
    body = data[len(BOM):] if data.startswith(BOM) else data
    declaration = re.match(rb"<\?xml[^>]*\?>", body)
    out: bytes = etree.tostring(tree, encoding=encoding, xml_declaration=False)
    if declaration:  # the original declaration, byte for byte
        out = declaration.group(0) + b"\n" + out.lstrip()
    if b"\r\n" in body[:4096] and encoding.upper().replace("-", "") == "UTF8":
        out = out.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")  # the file's line ends
    return (BOM if data.startswith(BOM) else b"") + out
