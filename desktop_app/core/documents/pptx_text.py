"""The text of a PowerPoint presentation, read and written in place: where paragraphs are
(slides with their groups and tables, notes, SmartArt data with the drawing that shows it,
text boxes on layouts and masters), each paragraph's runs as tagged text and back, and
the formatting a paragraph inherits from its layout and master."""

from __future__ import annotations

import copy
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pptx
from lxml import etree
from pptx.oxml.ns import qn

from desktop_app.core.documents.base import DocumentError, pieces
from desktop_app.core.documents.package import check_package
from desktop_app.core.errors import one_line
from desktop_app.core.i18n import _

DIAGRAM_DATA = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                "diagramData")
DIAGRAM_DRAWING = "http://schemas.microsoft.com/office/2007/relationships/diagramDrawing"
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
TITLES = ("title", "ctrTitle")
# Run properties that say nothing about how the text looks (spell-check state, language).
NEUTRAL = {"lang", "altLang", "dirty", "err", "smtClean", "smtId", "noProof", "bmk"}
# Children of a:rPr that come after a:cs in the schema (a:cs is inserted before them).
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                         huge_tree=False)


@dataclass(slots=True)
class Story:
    """One place that holds paragraphs: a slide's shape tree, its notes, a SmartArt data
    part; ``echoes`` are copies of the same text shown elsewhere (SmartArt's drawing,
    markup-compatibility fallbacks), written with the same targets."""

    prefix: str
    slide: int
    root: etree._Element
    part: Any = None  # a package part whose blob is rewritten from ``root``
    echoes: list[tuple[Any, etree._Element]] = field(default_factory=list)
    owner: Any = None  # the slide, layout or master whose alignment paragraphs inherit
    background: bool = False  # a layout or master: only shapes that show on the slides


def open_presentation(data: bytes, name: str) -> Any:
    check_package(data, name, "ppt/presentation.xml", _("a PowerPoint presentation"),
                  _("Save As and the ordinary file type"))
    try:
        return pptx.Presentation(io.BytesIO(data))
    except Exception as exc:  # python-pptx raises many kinds for broken packages
        raise DocumentError(_("{name}: cannot open the PowerPoint presentation ({exc})").format(
            name=name, exc=one_line(exc))) from exc


def xml_part(part: Any) -> etree._Element:
    element = getattr(part, "_element", None)
    if element is not None:
        return element
    return etree.fromstring(part.blob, PARSER)


def store(part: Any, root: etree._Element) -> None:
    if getattr(part, "_element", None) is None:
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                    standalone=True)


def stories(prs: Any) -> Iterator[Story]:
    for number, slide in enumerate(prs.slides, 1):
        tree = slide.shapes._spTree
        yield Story(f"s{number}", number, tree,
                     echoes=[(None, fb) for fb in tree.iter(MC_FALLBACK)], owner=slide)
        rels = slide.part.rels
        drawings = [(rel.target_part, xml_part(rel.target_part)) for rel in rels.values()
                    if rel.reltype == DIAGRAM_DRAWING and not rel.is_external]
        k = 0
        for rel in rels.values():
            if rel.reltype == DIAGRAM_DATA and not rel.is_external:
                k += 1
                part = rel.target_part
                yield Story(f"s{number}d{k}", number, xml_part(part), part, drawings)
        if slide.has_notes_slide:
            notes = slide.notes_slide.notes_text_frame
            if notes is not None:
                yield Story(f"n{number}", number, notes._txBody)
    # Text on a layout or master that is not a placeholder (a "Confidential" box, a
    # footer line) shows on every slide made from it; placeholder prompts never show.
    used = {id(slide.slide_layout.part) for slide in prs.slides}
    for m, master in enumerate(prs.slide_masters, 1):
        yield Story(f"m{m}", 0, master.shapes._spTree, owner=master, background=True)
        for k, layout in enumerate(master.slide_layouts, 1):
            if id(layout.part) in used:
                yield Story(f"m{m}l{k}", 0, layout.shapes._spTree, owner=layout,
                             background=True)


def paragraphs(story: Story) -> Iterator[tuple[str, etree._Element]]:
    n = 0
    for p in story.root.iter(qn("a:p")):
        if any(a.tag == MC_FALLBACK for a in p.iterancestors()):
            continue  # a copy of the choice beside it: written as an echo
        if story.background and placeholder(p) is not None:
            continue
        n += 1
        yield f"{story.prefix}:{n}", p


def _signature(run: etree._Element) -> str:
    rpr = run.find(qn("a:rPr"))
    if rpr is None:
        return ""
    attrs = sorted((k, v) for k, v in rpr.attrib.items() if k not in NEUTRAL)
    children = "".join(etree.tostring(c, encoding="unicode") for c in rpr)
    return repr(attrs) + children


def _run_text(el: etree._Element) -> str:
    if el.tag == qn("a:br"):
        return "\n"
    t = el.find(qn("a:t"))
    return (t.text or "") if t is not None else ""


@dataclass(slots=True)
class _Group:
    number: int  # 0: plain (the paragraph's main formatting); negative: a field
    elements: list[etree._Element]


def _groups(p: etree._Element) -> list[_Group]:
    items = [c for c in p if c.tag in (qn("a:r"), qn("a:br"), qn("a:fld"))]
    weight: Counter[str] = Counter()
    for el in items:
        if el.tag == qn("a:r"):
            weight[_signature(el)] += len(_run_text(el))
    base = weight.most_common(1)[0][0] if weight else ""
    groups: list[_Group] = []
    number = 0
    last = None
    for el in items:
        if el.tag == qn("a:fld"):
            number += 1
            groups.append(_Group(-number, [el]))
            last = None
            continue
        sig = base if el.tag == qn("a:br") and last is None else (
            last if el.tag == qn("a:br") else _signature(el))
        if sig == last and groups:
            groups[-1].elements.append(el)
            continue
        if sig == base:
            groups.append(_Group(0, [el]))
        else:
            number += 1
            groups.append(_Group(number, [el]))
        last = sig
    return groups


def tagged(p: etree._Element) -> str:
    out = []
    for group in _groups(p):
        if group.number < 0:
            out.append(f"⟨{-group.number}/⟩")
            continue
        text = "".join(_run_text(el) for el in group.elements)
        if group.number and text.strip():
            out.append(f"⟨{group.number}⟩{text}⟨/{group.number}⟩")
        else:
            out.append(text)
    return "".join(out)


def placeholder(p: etree._Element) -> etree._Element | None:
    """The ``p:ph`` of the placeholder holding ``p``, if it is in one."""
    sp = next((a for a in p.iterancestors() if a.tag == qn("p:sp")), None)
    return None if sp is None else sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")


def base_placeholder(owner: Any, ph: etree._Element) -> etree._Element | None:
    """The layout's (or master's) placeholder a slide's (or layout's) placeholder takes
    its formatting from: same ``idx``, or for titles, footers and dates the same type."""
    ph_type = ph.get("type", "body")
    for sp in owner.shapes._spTree.iter(qn("p:sp")):
        base = sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
        if base is None:
            continue
        same_type = base.get("type", "body") == ph_type or {
            base.get("type"), ph_type} <= {"title", "ctrTitle"}
        if (ph_type == "body" and base.get("idx") == ph.get("idx")) or (
                ph_type != "body" and same_type):
            return sp
    return None


def inherited(p: etree._Element, owner: Any) -> list[etree._Element]:
    """The level properties (``a:lvlNpPr``) ``p`` inherits, nearest first: its shape's list
    style, the layout's and master's placeholder, the master's text style."""
    ppr = p.find(qn("a:pPr"))
    level = qn(f"a:lvl{int(ppr.get('lvl', '0')) + 1 if ppr is not None else 1}pPr")
    holders = []
    sp = next((a for a in p.iterancestors() if a.tag == qn("p:sp")), None)
    if sp is not None:
        holders.append(sp.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}"))
    ph = placeholder(p)
    if owner is not None:
        layout = getattr(owner, "slide_layout", None)
        master = getattr(layout if layout is not None else owner, "slide_master", None)
        if ph is not None:
            for base_owner in (layout, master):
                base = None if base_owner is None else base_placeholder(base_owner, ph)
                if base is not None:
                    holders.append(base.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}"))
        if master is None and hasattr(owner, "slide_layouts"):
            master = owner
        styles = None if master is None else master.element.find(qn("p:txStyles"))
        if styles is not None:
            style = "other" if ph is None else (
                "title" if ph.get("type") in TITLES else "body")
            holders.append(styles.find(qn(f"p:{style}Style")))
    return [el for h in holders if h is not None for el in h.findall(level)]


def inherited_algn(p: etree._Element, owner: Any) -> str | None:
    """The alignment ``p`` gets from its shape, layout and master when it says none."""
    return next((el.get("algn") for el in inherited(p, owner) if el.get("algn")), None)


def kind(p: etree._Element) -> str:
    for a in p.iterancestors():
        if a.tag == qn("a:tc"):
            return "cell"
        if a.tag == qn("p:sp"):
            ph = a.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
            return "title" if ph is not None and ph.get("type") in TITLES else "p"
    return "p"


def _new_run(template: etree._Element | None, text: str) -> list[etree._Element]:
    out = []
    for k, line in enumerate(text.split("\n")):
        rpr = template.find(qn("a:rPr")) if template is not None else None
        if k:
            br = etree.Element(qn("a:br"))
            if rpr is not None:
                br.append(copy.deepcopy(rpr))
            out.append(br)
        if line:
            run = etree.Element(qn("a:r"))
            if rpr is not None:
                run.append(copy.deepcopy(rpr))
            etree.SubElement(run, qn("a:t")).text = line
            out.append(run)
    return out


def rebuild(p: etree._Element, target: str) -> None:
    groups = _groups(p)
    runs = {g.number: next((e for e in g.elements if e.tag == qn("a:r")), None)
            for g in groups if g.number > 0}
    fields = {-g.number: g.elements[0] for g in groups if g.number < 0}
    plain = next((e for g in groups if g.number == 0 for e in g.elements
                  if e.tag == qn("a:r")), None)
    if plain is None:
        plain = next((r for r in runs.values() if r is not None), None)
    for g in groups:
        for el in g.elements:
            p.remove(el)
    new: list[etree._Element] = []
    placed: set[int] = set()
    for text, open_tags in pieces(target):
        if not text:
            number = -open_tags[0] if open_tags and open_tags[0] < 0 else 0
            if number in fields and number not in placed:
                placed.add(number)
                new.append(copy.deepcopy(fields[number]))
            continue
        numbers = [n for n in open_tags if runs.get(n) is not None]
        new.extend(_new_run(runs[numbers[-1]] if numbers else plain, text))
    for number, fld in fields.items():  # a field the target lost is kept at the end
        if number not in placed:
            new.append(copy.deepcopy(fld))
    end = p.find(qn("a:endParaRPr"))
    position = list(p).index(end) if end is not None else len(p)
    for k, el in enumerate(new):
        p.insert(position + k, el)
