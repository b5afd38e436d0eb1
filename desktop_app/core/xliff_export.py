"""A project as XLIFF: back into the client's own file, or fresh and sentence-level.

A project imported from XLIFF goes back into its original tree (see
:mod:`documents.xliff_tree`): only targets and states of segments changed in Tarjuman
are written, and the translator's segment comments as the units' translator notes.
Any other project becomes fresh XLIFF 2.0: one ``unit`` per paragraph
(named after the block), one ``segment`` per sentence (``id="s<segment number>"``),
the whitespace between sentences as ``ignorable``, inline tags as ``pc`` (a pair inside
one sentence), ``sc``/``ec`` (a pair across sentences) and ``ph`` (standalone), with the
project's identity in ``mda:metadata`` so the file comes back into the same project
with ``tarjuman project import-review``.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from lxml import etree

from desktop_app.core import languages
from desktop_app.core.documents.base import TAG, Block, DocumentError
from desktop_app.core.documents.inline_xml import fill
from desktop_app.core.documents.xliff_read import XLIFF2_NS, code_point, first, parse
from desktop_app.core.documents.xliff_reshape import part_id
from desktop_app.core.documents.xliff_states import V2_WRITE, qualifier, read_status, weakest
from desktop_app.core.documents.xliff_tree import TargetState, code_points, write_targets
from desktop_app.core.i18n import _
from desktop_app.core.project import Project
from desktop_app.core.reshape import numbered_from_one
from desktop_app.core.segments import Segment, Status
from desktop_app.core.xmlsafe import local

MDA_NS = "urn:oasis:names:tc:xliff:metadata:2.0"
X = f"{{{XLIFF2_NS}}}"
META_CATEGORY = "tarjuman"


def project_id(project: Project) -> str:
    """A stable identity of the project, written into every hand-off file."""
    pid = project.get_meta("project_id")
    if not pid:
        pid = uuid.uuid4().hex
        project.set_meta("project_id", pid)
    return pid


def by_block(project: Project) -> dict[str, list[Segment]]:
    out: dict[str, list[Segment]] = {}
    for seg in project.segments():
        out.setdefault(seg.block_id, []).append(seg)
    return out


def export_xliff(project: Project) -> bytes:
    name, fmt, data = project.document()
    if fmt == "xliff":
        return _into_original(project, name, data)
    return fresh_xliff(project)


def _into_original(project: Project, name: str, data: bytes) -> bytes:
    targets: dict[str, str] = {}
    states: dict[str, TargetState] = {}
    notes: dict[str, str] = {}
    blocks = project.blocks()
    imported = {b.id: b.meta.get("status", "") for b in blocks}
    segments = by_block(project)
    parts = _reshaped(blocks, segments)
    for block_id, segs in segments.items():
        if block_id in parts:  # a split or joined mrk segment: each part written
            for k, seg in enumerate(segs):
                key = part_id(block_id, k)
                notes[key] = seg.note.strip()
                # the whitespace between two parts is between their mrks
                lead = seg.lead if k == 0 else ""
                trail = seg.trail if k == len(segs) - 1 else ""
                text = numbered_from_one(seg.source, seg.target)
                targets[key] = lead + text + trail if seg.target else ""
                states[key] = TargetState(seg.status, seg.origin)
            continue
        notes[block_id] = "\n".join(s.note.strip() for s in segs if s.note.strip())
        status = weakest([s.status for s in segs])
        untouched = all(s.origin in ("xliff", "") for s in segs)
        if untouched and status.value == (imported.get(block_id) or status.value):
            continue
        targets[block_id] = "".join(s.lead + s.target + s.trail for s in segs) if any(
            s.target for s in segs) else ""
        origin = next((s.origin for s in segs if s.status is Status.MT), "")
        states[block_id] = TargetState(status, origin)
    return write_targets(data, name, targets, project.target_lang, states, notes, parts)


def _reshaped(blocks: list[Block], segments: dict[str, list[Segment]]) -> dict[str, list[str]]:
    """The text of each segment of every ``mrk`` block of a unit where a segment was split
    or joined (a block made of more or fewer than one segment)."""
    changed = {int(b.meta["n"]) for b in blocks
               if "mid" in b.meta and len(segments.get(b.id, [])) != 1}
    return {b.id: [s.lead + s.source + s.trail for s in segments.get(b.id, [])]
            for b in blocks if "mid" in b.meta and int(b.meta["n"]) in changed}


def _bcp(code: str) -> str:
    return languages.get(code).bcp47


def _inline(parent: etree._Element, text: str) -> None:
    """Tagged sentence into XLIFF 2 content; a pair split across sentences becomes
    sc/ec, so every segment stays well-formed."""
    opened = {m.group(2) for m in TAG.finditer(text) if not m.group(1) and not m.group(3)}
    closed = {m.group(2) for m in TAG.finditer(text) if m.group(1)}
    text, codes = code_points(text, f"{X}cp")  # characters XML cannot hold: <cp hex>

    def standalone(m: re.Match[str]) -> str:
        closing, n, solo = m.groups()
        if int(n) in codes:
            return m.group(0)
        if solo:
            codes[int(n)] = etree.Element(f"{X}ph", id=n)
        elif closing and n not in opened:
            codes[int(n)] = etree.Element(f"{X}ec", startRef=n)
        elif not closing and n not in closed:
            codes[int(n)] = etree.Element(f"{X}sc", id=n)
        else:
            return m.group(0)
        return f"⟨{n}/⟩"

    fill(parent, TAG.sub(standalone, text),
         lambda n, paired: etree.Element(f"{X}pc", id=str(n)) if paired else codes[n])


def fresh_xliff(project: Project) -> bytes:
    name, _fmt, _data = project.document()
    root = etree.Element(f"{X}xliff", nsmap={None: XLIFF2_NS, "mda": MDA_NS},
                         attrib={"version": "2.0", "srcLang": _bcp(project.source_lang),
                                 "trgLang": _bcp(project.target_lang)})
    file_el = etree.SubElement(root, f"{X}file", id="f1", original=name)
    group = etree.SubElement(etree.SubElement(file_el, f"{{{MDA_NS}}}metadata"),
                             f"{{{MDA_NS}}}metaGroup", category=META_CATEGORY)
    etree.SubElement(group, f"{{{MDA_NS}}}meta", type="project").text = project_id(project)
    for k, (block_id, segs) in enumerate(by_block(project).items(), 1):
        unit = etree.SubElement(file_el, f"{X}unit", id=f"u{k}", name=block_id)
        noted = [s for s in segs if s.note]
        if noted:
            notes = etree.SubElement(unit, f"{X}notes")
            for s in noted:
                etree.SubElement(notes, f"{X}note", id=f"n{s.id}",
                                 category="comment").text = s.note
        for seg in segs:
            if seg.lead:
                ign = etree.SubElement(unit, f"{X}ignorable")
                etree.SubElement(ign, f"{X}source").text = seg.lead
            attrs = {"id": f"s{seg.id}", "state": V2_WRITE[seg.status]}
            if seg.status is Status.MT:
                attrs["subState"] = f"tarjuman:{qualifier(seg.origin)}"
            segment = etree.SubElement(unit, f"{X}segment", attrib=attrs)
            _inline(etree.SubElement(segment, f"{X}source"), seg.source)
            if seg.target:
                _inline(etree.SubElement(segment, f"{X}target"), seg.target)
            if seg.trail:
                ign = etree.SubElement(unit, f"{X}ignorable")
                etree.SubElement(ign, f"{X}source").text = seg.trail
    _indent(root)
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return out + b"\n"


CONTENT = {"source", "target", "note", "meta"}  # their whitespace is content


def _indent(el: etree._Element, level: int = 0) -> None:
    """Indent the file's structure for a reader, never inside content (a pretty-printer
    indents a ``<target>`` that starts with an inline code, changing the translation)."""
    kids = [c for c in el if isinstance(c.tag, str)]
    if local(el) in CONTENT or not kids:
        return
    el.text = "\n" + "  " * (level + 1)
    for child in kids:
        _indent(child, level + 1)
        child.tail = "\n" + "  " * (level + 1)
    kids[-1].tail = "\n" + "  " * level


@dataclass(slots=True)
class ReturnedSegment:
    segment_id: int
    target: str
    status: Status
    note: str | None = None


def _tagged(el: etree._Element | None) -> str:
    """XLIFF 2 content written by :func:`fresh_xliff` back into tagged text."""
    if el is None:
        return ""
    out = [el.text or ""]
    for child in el:
        name, n = local(child), child.get("id") or child.get("startRef") or "0"
        if name == "pc":
            out.append(f"⟨{n}⟩{_tagged(child)}⟨/{n}⟩")
        elif name == "ph":
            out.append(f"⟨{n}/⟩")
        elif name == "sc":
            out.append(f"⟨{n}⟩")
        elif name == "ec":
            out.append(f"⟨/{n}⟩")
        elif name == "cp":
            out.append(code_point(child))
        out.append(child.tail or "")
    return "".join(out)


def read_fresh(data: bytes, name: str) -> tuple[str, list[ReturnedSegment]]:
    """(project id, segments) of a fresh Tarjuman XLIFF that comes back from review."""
    root = parse(data, name)
    pid = next((m.text or "" for m in root.iter(f"{{{MDA_NS}}}meta")
                if m.get("type") == "project"), "")
    out: list[ReturnedSegment] = []
    for seg in root.iter(f"{X}segment"):
        sid = seg.get("id", "")
        if not (sid.startswith("s") and sid[1:].isdigit()):
            raise DocumentError(_("{name}: segment id {sid!r} is not one Tarjuman wrote")
                                .format(name=name, sid=sid))
        target = _tagged(first(seg, "target"))
        status = read_status(bool(target.strip()), v2=seg.get("state") or "initial")
        out.append(ReturnedSegment(int(sid[1:]), target, status))
    return pid, out
