"""Reading XLIFF 1.1/1.2 (including Trados ``.sdlxliff`` and memoQ ``.mqxliff``) and
XLIFF 2.x: the tree's units, segments and inline codes, and the import.

Import: one block per segment (``seg-source`` ``mrk`` segments in 1.2, ``segment`` in
2.x, else one per trans-unit); units marked ``translate="no"`` are skipped. Inline
codes become tags; the content of native-code elements (bpt, ept, ph, it, sc, ec) is
left out of the text. Existing targets come along with their status (see
:mod:`xliff_states`); Trados ``sdl:seg`` ``conf`` and ``locked`` are read.

Export (:mod:`xliff_tree`) writes into the original file: only targets and states
change, everything else (ids, namespaces, skeleton, notes, native codes) is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from desktop_app.core import xmlsafe
from desktop_app.core.documents.base import Block, DocumentError, Imported
from desktop_app.core.documents.xliff_states import (
    MQ_NS,
    SDL_NS,
    copies_source,
    read_status,
    says_untranslated,
)
from desktop_app.core.i18n import _
from desktop_app.core.segments import Status
from desktop_app.core.xmlsafe import local

XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"
PAIRED = {"g", "pc", "mrk", "bx", "hi"}  # content is text
NATIVE = {"bpt", "ept", "ph", "it", "sc", "ec", "x", "ex", "ut", "sub"}  # codes, no text


def inline_key(el: etree._Element) -> tuple[str, str]:
    """What pairs a target's inline element with the source's: name and id."""
    return local(el), el.get("id") or el.get("rid") or el.get("startRef") or ""


@dataclass
class Tagger:
    """Numbers the inline elements of one segment as it renders it. Given the source's
    keys (``ref``), a target's elements take the number of the source element they
    copy, so the tags of source and target match."""

    ref: dict[tuple[str, str], int] | None = None
    count: int = 0
    elements: dict[int, etree._Element] = field(default_factory=dict)
    keys: dict[tuple[str, str], int] = field(default_factory=dict)

    def _number(self, el: etree._Element) -> int:
        key = inline_key(el)
        if self.ref is not None and key in self.ref and self.ref[key] not in self.elements:
            n = self.ref[key]
        else:
            self.count += 1
            n = self.count
            while self.ref is not None and n in self.ref.values():
                self.count += 1
                n = self.count
        self.elements[n] = el
        self.keys.setdefault(key, n)
        return n

    def render(self, el: etree._Element) -> str:
        out = [el.text or ""]
        for child in el:
            name = local(child)
            if name in PAIRED and not (name == "mrk" and child.get("mtype") == "seg"):
                n = self._number(child)
                out.append(f"⟨{n}⟩{self.render(child)}⟨/{n}⟩")
            elif name == "mrk":
                out.append(self.render(child))
            elif name == "cp" and is_xliff2(child):  # a character XML cannot hold
                out.append(code_point(child))
            elif name:
                out.append(f"⟨{self._number(child)}/⟩")
            out.append(child.tail or "")
        return "".join(out)


def render_pair(source: etree._Element | None,
                target: etree._Element | None) -> tuple[str, str, Tagger]:
    """Tagged source and target text, their tags numbered alike."""
    tagger = Tagger()
    text = "" if source is None else tagger.render(source)
    target_text = "" if target is None else Tagger(ref=tagger.keys).render(target)
    return text, target_text, tagger


def children(el: etree._Element, name: str) -> list[etree._Element]:
    """``el``'s child elements called ``name`` in ``el``'s own namespace."""
    ns = etree.QName(el).namespace
    return [c for c in el if isinstance(c.tag, str) and local(c) == name
            and etree.QName(c).namespace == ns]


def first(el: etree._Element, name: str) -> etree._Element | None:
    found = children(el, name)
    return found[0] if found else None


def seg_marks(el: etree._Element | None) -> list[etree._Element]:
    """The ``mrk mtype="seg"`` segments of a 1.2 seg-source or target."""
    if el is None:
        return []
    return [m for m in el.iter() if local(m) == "mrk" and m.get("mtype") == "seg"]


def sdl_segs(unit: etree._Element) -> dict[str, etree._Element]:
    """Trados ``sdl:seg`` definitions of a trans-unit, by segment id."""
    return {s.get("id", ""): s for s in unit.iter(f"{{{SDL_NS}}}seg")}


def is_xliff2(el: etree._Element) -> bool:
    return (etree.QName(el).namespace or "").startswith(XLIFF2_NS[:-3])


def code_point(cp: etree._Element) -> str:
    """The character an XLIFF 2 ``<cp hex="0007"/>`` stands for ("" if the hex is bad)."""
    try:
        return chr(int(cp.get("hex", ""), 16))
    except (ValueError, OverflowError):
        return ""


def in_xliff(root: etree._Element, name: str) -> list[etree._Element]:
    """The elements called ``name`` that are XLIFF's: in the root's namespace and inside
    XLIFF elements only (a ``<z:trans-unit xmlns:z="urn:evil">``, or a unit inside a
    ``<group xmlns="urn:other">``, is another vocabulary's element, never a unit)."""
    ns = etree.QName(root).namespace
    return [el for el in root.iter() if isinstance(el.tag, str) and local(el) == name
            and etree.QName(el).namespace == ns
            and all(etree.QName(a).namespace == ns for a in el.iterancestors())]


def units(root: etree._Element, name: str) -> list[etree._Element]:
    """Every trans-unit (1.x) or unit (2.x) in document order; the index in this list
    is how export finds a block's unit again."""
    return in_xliff(root, name)


def is_v2(root: etree._Element) -> bool:
    ns = etree.QName(root).namespace or ""
    return root.get("version", "").startswith("2") or ns.endswith((":2.0", ":2.1"))


class _Ids:
    """Block ids: the unit id (``#mid`` or ``#segment`` for segments), prefixed with
    the file's position when the same id comes back in another ``<file>``."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def make(self, unit_id: str, file_no: int) -> str:
        bid = unit_id if unit_id not in self.seen else f"f{file_no}/{unit_id}"
        self.seen.add(bid)
        return bid


def _file_no(unit: etree._Element) -> int:
    parent = unit.getparent()
    while parent is not None and local(parent) != "file":
        parent = parent.getparent()
    if parent is None or parent.getparent() is None:
        return 1
    return [c for c in parent.getparent() if local(c) == "file"].index(parent) + 1


def _untranslated(status: Status, source: str, target: str, says_so: bool) -> Status:
    """New when the file calls its target untranslated or the target copies the source
    (unless a reviewer confirmed it): the project then leaves that target out."""
    if target.strip() and (says_so or (status is not Status.CONFIRMED
                                        and copies_source(source, target))):
        return Status.NEW
    return status


def _load_v1(root: etree._Element, name: str) -> Imported:
    files = in_xliff(root, "file")
    if not files:
        raise DocumentError(_("{name}: XLIFF without <file>").format(name=name))
    blocks: list[Block] = []
    imported = Imported("xliff", blocks, files[0].get("source-language", ""),
                        files[0].get("target-language", ""))
    ids = _Ids()
    for n, unit in enumerate(units(root, "trans-unit")):
        if unit.get("translate") == "no":
            continue
        uid = unit.get("id") or f"u{n}"
        source, target = first(unit, "source"), first(unit, "target")
        if source is None:
            raise DocumentError(_("{name}: line {line}: trans-unit without <source>").format(
                name=name, line=unit.sourceline))
        state = target.get("state", "") if target is not None else ""
        approved = unit.get("approved") == "yes"
        meta = {"unit": uid, "n": n, "state": state}
        segments = seg_marks(first(unit, "seg-source"))
        if segments:
            targets = {m.get("mid"): m for m in seg_marks(target)}
            sdl = sdl_segs(unit)
            for m in segments:
                mid = m.get("mid", "")
                text, target_text, _tags = render_pair(m, targets.get(mid))
                seg_def = sdl.get(mid)
                conf = seg_def.get("conf", "") if seg_def is not None else ""
                status = read_status(bool(target_text.strip()), v1=state, sdl=conf,
                                     approved=approved)
                status = _untranslated(status, text, target_text,
                                       not conf and says_untranslated(v1=state))
                blocks.append(Block(
                    ids.make(f"{uid}#{mid}", _file_no(unit)), text, "unit",
                    {**meta, "mid": mid, "status": status.value, "conf": conf,
                     "locked": seg_def is not None and seg_def.get("locked") == "true"},
                    target_text))
            continue
        text, target_text, _tags = render_pair(source, target)
        mq = unit.get(f"{{{MQ_NS}}}status")
        status = read_status(bool(target_text.strip()), v1=state, approved=approved, mq=mq)
        status = _untranslated(status, text, target_text,
                               not approved and says_untranslated(v1=state, mq=mq))
        blocks.append(Block(ids.make(uid, _file_no(unit)), text, "unit",
                                     {**meta, "status": status.value}, target_text))
    return imported


def _no_translate(unit: etree._Element) -> bool:
    node: etree._Element | None = unit
    while node is not None:
        value = node.get("translate")
        if value in ("no", "yes"):
            return bool(value == "no")
        node = node.getparent()
    return False


def _load_v2(root: etree._Element, name: str) -> Imported:
    blocks: list[Block] = []
    imported = Imported("xliff", blocks, root.get("srcLang", ""), root.get("trgLang", ""))
    ids = _Ids()
    for n, unit in enumerate(units(root, "unit")):
        if _no_translate(unit):
            continue
        uid = unit.get("id") or f"u{n}"
        for k, seg in enumerate(children(unit, "segment")):
            source = first(seg, "source")
            if source is None:
                raise DocumentError(_("{name}: line {line}: segment without <source>").format(
                    name=name, line=seg.sourceline))
            text, target_text, _tags = render_pair(source, first(seg, "target"))
            state = seg.get("state", "")
            status = read_status(bool(target_text.strip()), v2=state or "initial")
            status = _untranslated(status, text, target_text, says_untranslated(
                v2=state, sub_state=seg.get("subState")))
            blocks.append(Block(
                ids.make(f"{uid}#{seg.get('id') or k}", _file_no(unit)), text, "unit",
                {"unit": uid, "n": n, "segment": k, "state": state, "status": status.value},
                target_text))
    return imported


def parse(data: bytes, name: str) -> etree._Element:
    root = xmlsafe.parse(data, name, DocumentError)
    if local(root) != "xliff":
        raise DocumentError(_("{name}: not XLIFF (root element <{root}>)").format(
            name=name, root=local(root)))
    return root


def load_tree(root: etree._Element, name: str) -> Imported:
    """A parsed XLIFF file's blocks: one per segment, with their existing targets and
    states; ``meta["n"]`` is the index of the block's unit in :func:`units`."""
    return _load_v2(root, name) if is_v2(root) else _load_v1(root, name)


def load(data: bytes, name: str) -> Imported:
    """An XLIFF file's blocks (:func:`load_tree`)."""
    return load_tree(parse(data, name), name)
