"""PowerPoint presentations through python-pptx: every paragraph of every slide (titles,
bodies, text boxes, table cells, shapes inside groups), the speaker notes, and SmartArt
text (its data part, with the drawing PowerPoint and LibreOffice show kept in step).

Runs whose formatting differs from the paragraph's main run (bold, italic, colour, a
link...) become tags; fields (slide number, date) are standalone tags. On export each
paragraph is rebuilt from the target's tags with the original run properties and marked
for the target language: ``rtl="1"`` and right alignment on ``a:pPr``, ``lang`` and an
Arabic-script complex-script font (``a:cs``) on every run; tables are mirrored
(``a:tblPr rtl="1"``). A text box the translation no longer fits is set to shrink its
text on overflow, and :func:`fit_report` names it so the translator can check the slide.
Text on slide layouts and masters that shows on the slides (not the placeholder prompts)
is translated too. Charts are named in the import report as not translated.
"""

from __future__ import annotations

import copy
import io
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pptx
from lxml import etree
from pptx.oxml.ns import qn

from desktop_app.core import languages
from desktop_app.core.documents.base import Block, DocumentError, Imported, pieces, strip_tags
from desktop_app.core.documents.docx import ARABIC_FONT
from desktop_app.core.documents.package import check_package
from desktop_app.core.errors import one_line
from desktop_app.core.i18n import _, isolate, ngettext

DIAGRAM_DATA = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                "diagramData")
DIAGRAM_DRAWING = "http://schemas.microsoft.com/office/2007/relationships/diagramDrawing"
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
TITLES = ("title", "ctrTitle")
# Run properties that say nothing about how the text looks (spell-check state, language).
NEUTRAL = {"lang", "altLang", "dirty", "err", "smtClean", "smtId", "noProof", "bmk"}
# Children of a:rPr that come after a:cs in the schema (a:cs is inserted before them).
AFTER_CS = {qn(t) for t in ("a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")}
BEFORE_CS = {qn(t) for t in ("a:ln", "a:noFill", "a:solidFill", "a:gradFill", "a:blipFill",
                             "a:pattFill", "a:grpFill", "a:effectLst", "a:effectDag",
                             "a:highlight", "a:uLnTx", "a:uLn", "a:uFillTx", "a:uFill",
                             "a:latin", "a:ea")}
EMU_PER_PT = 12700
DEFAULT_SIZE_PT = 18.0
CHAR_WIDTH_EM = 0.5  # an average glyph is about half the font size wide
LINE_HEIGHT_EM = 1.2
MIN_SCALE = 0.25
SHOWN_OVERFLOWS = 5  # named one by one in the export warning; the rest are counted
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                         huge_tree=False)


@dataclass(slots=True)
class _Story:
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


def _open(data: bytes, name: str) -> Any:
    check_package(data, name, "ppt/presentation.xml", _("a PowerPoint presentation"))
    try:
        return pptx.Presentation(io.BytesIO(data))
    except Exception as exc:  # python-pptx raises many kinds for broken packages
        raise DocumentError(_("{name}: cannot open the PowerPoint presentation ({exc})").format(
            name=name, exc=one_line(exc))) from exc


def _xml_part(part: Any) -> etree._Element:
    element = getattr(part, "_element", None)
    if element is not None:
        return element
    return etree.fromstring(part.blob, PARSER)


def _store(part: Any, root: etree._Element) -> None:
    if getattr(part, "_element", None) is None:
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                    standalone=True)


def _stories(prs: Any) -> Iterator[_Story]:
    for number, slide in enumerate(prs.slides, 1):
        tree = slide.shapes._spTree
        yield _Story(f"s{number}", number, tree,
                     echoes=[(None, fb) for fb in tree.iter(MC_FALLBACK)], owner=slide)
        rels = slide.part.rels
        drawings = [(rel.target_part, _xml_part(rel.target_part)) for rel in rels.values()
                    if rel.reltype == DIAGRAM_DRAWING and not rel.is_external]
        k = 0
        for rel in rels.values():
            if rel.reltype == DIAGRAM_DATA and not rel.is_external:
                k += 1
                part = rel.target_part
                yield _Story(f"s{number}d{k}", number, _xml_part(part), part, drawings)
        if slide.has_notes_slide:
            notes = slide.notes_slide.notes_text_frame
            if notes is not None:
                yield _Story(f"n{number}", number, notes._txBody)
    # Text on a layout or master that is not a placeholder (a "Confidential" box, a
    # footer line) shows on every slide made from it; placeholder prompts never show.
    used = {id(slide.slide_layout.part) for slide in prs.slides}
    for m, master in enumerate(prs.slide_masters, 1):
        yield _Story(f"m{m}", 0, master.shapes._spTree, owner=master, background=True)
        for k, layout in enumerate(master.slide_layouts, 1):
            if id(layout.part) in used:
                yield _Story(f"m{m}l{k}", 0, layout.shapes._spTree, owner=layout,
                             background=True)


def _paragraphs(story: _Story) -> Iterator[tuple[str, etree._Element]]:
    n = 0
    for p in story.root.iter(qn("a:p")):
        if any(a.tag == MC_FALLBACK for a in p.iterancestors()):
            continue  # a copy of the choice beside it: written as an echo
        if story.background and _placeholder(p) is not None:
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


def _tagged(p: etree._Element) -> str:
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


def _placeholder(p: etree._Element) -> etree._Element | None:
    """The ``p:ph`` of the placeholder holding ``p``, if it is in one."""
    sp = next((a for a in p.iterancestors() if a.tag == qn("p:sp")), None)
    return None if sp is None else sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")


def _base_placeholder(owner: Any, ph: etree._Element) -> etree._Element | None:
    """The layout's (or master's) placeholder a slide's (or layout's) placeholder takes
    its formatting from: same ``idx``, or for titles, footers and dates the same type."""
    kind = ph.get("type", "body")
    for sp in owner.shapes._spTree.iter(qn("p:sp")):
        base = sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
        if base is None:
            continue
        same_type = base.get("type", "body") == kind or {
            base.get("type"), kind} <= {"title", "ctrTitle"}
        if (kind == "body" and base.get("idx") == ph.get("idx")) or (
                kind != "body" and same_type):
            return sp
    return None


def _inherited(p: etree._Element, owner: Any) -> list[etree._Element]:
    """The level properties (``a:lvlNpPr``) ``p`` inherits, nearest first: its shape's list
    style, the layout's and master's placeholder, the master's text style."""
    ppr = p.find(qn("a:pPr"))
    level = qn(f"a:lvl{int(ppr.get('lvl', '0')) + 1 if ppr is not None else 1}pPr")
    holders = []
    sp = next((a for a in p.iterancestors() if a.tag == qn("p:sp")), None)
    if sp is not None:
        holders.append(sp.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}"))
    ph = _placeholder(p)
    if owner is not None:
        layout = getattr(owner, "slide_layout", None)
        master = getattr(layout if layout is not None else owner, "slide_master", None)
        if ph is not None:
            for base_owner in (layout, master):
                base = None if base_owner is None else _base_placeholder(base_owner, ph)
                if base is not None:
                    holders.append(base.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}"))
        if master is None and hasattr(owner, "slide_layouts"):
            master = owner
        styles = None if master is None else master.element.find(qn("p:txStyles"))
        if styles is not None:
            kind = "other" if ph is None else (
                "title" if ph.get("type") in TITLES else "body")
            holders.append(styles.find(qn(f"p:{kind}Style")))
    return [el for h in holders if h is not None for el in h.findall(level)]


def _inherited_algn(p: etree._Element, owner: Any) -> str | None:
    """The alignment ``p`` gets from its shape, layout and master when it says none."""
    return next((el.get("algn") for el in _inherited(p, owner) if el.get("algn")), None)


def _kind(p: etree._Element) -> str:
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


def _rebuild(p: etree._Element, target: str) -> None:
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


def office_lang(lang: languages.Language) -> str:
    """The language tag Office writes: Pashto as spoken in Afghanistan is ps-AF."""
    return {"ps": "ps-AF"}.get(lang.bcp47, lang.bcp47)


def _mark_rpr(rpr: etree._Element, lang: languages.Language) -> None:
    rpr.set("lang", office_lang(lang))
    if not lang.is_rtl:
        return
    cs = rpr.find(qn("a:cs"))
    if cs is None:
        cs = etree.Element(qn("a:cs"))
        later = next((k for k, c in enumerate(rpr) if c.tag in AFTER_CS), None)
        if later is None:
            rpr.append(cs)
        else:
            rpr.insert(later, cs)
    cs.set("typeface", ARABIC_FONT)


def _mark_paragraph(p: etree._Element, lang: languages.Language, owner: Any = None) -> None:
    for el in p:
        if el.tag in (qn("a:r"), qn("a:br"), qn("a:fld")):
            rpr = el.find(qn("a:rPr"))
            if rpr is None:
                rpr = etree.Element(qn("a:rPr"))
                el.insert(0, rpr)
            _mark_rpr(rpr, lang)
    end = p.find(qn("a:endParaRPr"))
    if end is not None:
        _mark_rpr(end, lang)
    if not lang.is_rtl:
        return
    ppr = p.find(qn("a:pPr"))
    if ppr is None:
        ppr = etree.Element(qn("a:pPr"))
        p.insert(0, ppr)
    ppr.set("rtl", "1")
    # A left-aligned paragraph (by its own setting or what its layout and master give it)
    # becomes right-aligned; centred and justified ones stay as they are.
    algn = ppr.get("algn") or _inherited_algn(p, owner)
    if algn in (None, "l"):
        ppr.set("algn", "r")


# -- fitting the translation into its box --------------------------------------------------


@dataclass(slots=True)
class Overflow:
    place: str  # "slide 3", or the layout or master it is on
    text: str  # the start of the shape's translated text
    scale: float  # the font scale that makes it fit (1: it wraps instead)
    shape: etree._Element
    wrap: bool = False  # a one-line box whose line is now wider than the box


def _size_pt(p: etree._Element, owner: Any) -> float:
    """The paragraph's font size: its runs', else what its layout and master give it."""
    inherited = [el.find(qn("a:defRPr")) for el in _inherited(p, owner)]
    for el in (*p.iter(qn("a:rPr")), *p.iter(qn("a:endParaRPr")), *inherited):
        if el is not None and el.get("sz"):
            return int(el.get("sz", "1800")) / 100
    return DEFAULT_SIZE_PT


def _height_pt(paragraphs: list[tuple[str, float]], width_pt: float) -> float:
    height = 0.0
    for text, size in paragraphs:
        for line in text.split("\n") or [""]:
            per_line = max(1, int(width_pt / (size * CHAR_WIDTH_EM)))
            height += max(1, math.ceil(len(line) / per_line)) * size * LINE_HEIGHT_EM
    return height


def _box(sp: etree._Element, placeholders: dict[str, tuple[int, int]]) -> tuple[int, int] | None:
    ext = sp.find(f"{qn('p:spPr')}/{qn('a:xfrm')}/{qn('a:ext')}")
    if ext is not None:
        return int(ext.get("cx", "0")), int(ext.get("cy", "0"))
    ph = sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
    if ph is not None:
        return placeholders.get(ph.get("idx", "0")) or placeholders.get(ph.get("type", "body"))
    return None


def _layout_boxes(layout: Any) -> dict[str, tuple[int, int]]:
    """The size of each placeholder of a layout (by ``idx`` and by type), which a slide's
    placeholder without a size of its own takes."""
    boxes: dict[str, tuple[int, int]] = {}
    for shape in layout.placeholders:
        if shape.width and shape.height:
            ph = shape.element.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
            size = (int(shape.width), int(shape.height))
            boxes.setdefault(ph.get("idx", "0"), size)
            boxes.setdefault(ph.get("type", "body"), size)
    return boxes


def _width_pt(paragraphs: list[tuple[str, float]]) -> float:
    return max((len(line) * size * CHAR_WIDTH_EM for text, size in paragraphs
                for line in text.split("\n")), default=0.0)


def _overflows(prs: Any, targets: dict[str, str]) -> list[Overflow]:
    """Shapes whose translated text is estimated (characters × font size against the box)
    to be taller than the box, or, in a one-line box, wider, when the source was not."""
    found = []
    layouts: dict[int, dict[str, tuple[int, int]]] = {}
    for story in _stories(prs):
        owner = story.owner
        if owner is None:
            continue  # notes and SmartArt lay themselves out
        by_shape: dict[int, tuple[etree._Element, list[tuple[str, str, float]]]] = {}
        for bid, p in _paragraphs(story):
            sp = next((a for a in p.iterancestors() if a.tag == qn("p:sp")), None)
            if sp is None or bid not in targets:
                continue
            entry = by_shape.setdefault(id(sp), (sp, []))
            text = strip_tags(_tagged(p))
            entry[1].append((text, strip_tags(targets[bid]), _size_pt(p, owner)))
        if not by_shape:
            continue
        boxes: dict[str, tuple[int, int]] = {}
        layout = getattr(owner, "slide_layout", None)
        if layout is not None:
            if id(layout.part) not in layouts:
                layouts[id(layout.part)] = _layout_boxes(layout)
            boxes = layouts[id(layout.part)]
        place = (_("slide {slide}").format(slide=story.slide) if story.slide else
                 _("the layout {name}").format(name=isolate(owner.name or story.prefix)))
        for sp, paras in by_shape.values():
            box = _box(sp, boxes)
            if box is None or not any(t != s for s, t, _sz in paras):
                continue
            inset = 2 * 91440 / EMU_PER_PT
            width, height = box[0] / EMU_PER_PT - inset, box[1] / EMU_PER_PT - inset / 2
            if width <= 0 or height <= 0:
                continue
            text = " ".join(t for _s, t, _sz in paras if t).strip()[:40]
            body = sp.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
            if body is not None and body.get("wrap") == "none":
                before_w = _width_pt([(s, sz) for s, _t, sz in paras])
                after_w = _width_pt([(t, sz) for _s, t, sz in paras])
                if after_w > width and after_w > before_w:
                    found.append(Overflow(place, text, 1.0, sp, wrap=True))
                continue
            if body is not None and body.find(qn("a:spAutoFit")) is not None:
                continue  # the shape grows with its text
            before = _height_pt([(s, sz) for s, _t, sz in paras], width)
            after = _height_pt([(t, sz) for _s, t, sz in paras], width)
            if after > height and after > before:
                scale = max(MIN_SCALE, math.sqrt(height / after))
                found.append(Overflow(place, text, scale, sp))
    return found


def _fit(overflow: Overflow) -> None:
    """Let the text shrink to fit its box (and start it at the estimated scale), or wrap a
    one-line box's text inside its width."""
    body = overflow.shape.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
    if body is None:
        return
    if overflow.wrap:
        body.set("wrap", "square")
        return
    scale = overflow.scale
    for child in list(body):
        if child.tag in (qn("a:noAutofit"), qn("a:normAutofit"), qn("a:spAutoFit")):
            body.remove(child)
    fit = etree.Element(qn("a:normAutofit"))
    fit.set("fontScale", str(int(scale * 100000) // 1000 * 1000))
    later = next((k for k, c in enumerate(body) if c.tag in (qn("a:scene3d"), qn("a:sp3d"),
                                                               qn("a:flatTx"), qn("a:extLst"))),
                 None)
    body.insert(len(body) if later is None else later, fit)


def fit_report(data: bytes, name: str, targets: dict[str, str]) -> list[str]:
    """One sentence per text box the translation no longer fits (shrunk on export)."""
    prs = _open(data, name)
    found = _overflows(prs, targets)
    said = [(_("{place}: the translation of the one-line text box starting “{text}” is wider "
               "than the box: it now wraps inside it (check the slide)") if o.wrap else
             _("{place}: the translation of the text box starting “{text}” is too long for it: "
               "its text is shrunk to about {percent}% (check the slide)")).format(
                 place=o.place, text=isolate(o.text), percent=round(o.scale * 100))
            for o in found[:SHOWN_OVERFLOWS]]
    rest = len(found) - SHOWN_OVERFLOWS
    if rest > 0:
        said.append(ngettext("{n} more text box is fitted the same way",
                             "{n} more text boxes are fitted the same way", rest).format(n=rest))
    return said


def _not_translated(prs: Any) -> list[str]:
    charts: Counter[int] = Counter()
    for number, slide in enumerate(prs.slides, 1):
        for data in slide.shapes._spTree.iter(qn("a:graphicData")):
            if data.get("uri") == CHART_URI:
                charts[number] += 1
    return [ngettext("slide {slide}: {n} chart is not translated (its titles and labels stay "
                     "as they are)",
                     "slide {slide}: {n} charts are not translated (their titles and labels "
                     "stay as they are)", n).format(slide=slide, n=n)
            for slide, n in sorted(charts.items())]


class Pptx:
    name = "pptx"
    extensions = (".pptx",)

    def fit_report(self, data: bytes, name: str, targets: dict[str, str]) -> list[str]:
        return fit_report(data, name, targets)

    def load(self, data: bytes, name: str) -> Imported:
        prs = _open(data, name)
        blocks = []
        try:
            for story in _stories(prs):
                for bid, p in _paragraphs(story):
                    text = _tagged(p)
                    if strip_tags(text).strip():  # not a slide number alone
                        meta = {"slide": story.slide} if story.slide else {"layout": 1}
                        if story.prefix.startswith("n"):
                            meta["notes"] = 1
                        blocks.append(Block(bid, text, _kind(p), meta))
            report = _not_translated(prs)
        except (KeyError, ValueError, AttributeError, etree.LxmlError) as exc:
            raise DocumentError(_("{name}: a part of the presentation is damaged ({exc})").format(
                name=name, exc=one_line(exc))) from exc
        return Imported(self.name, blocks, report=report)

    def save(self, data: bytes, name: str, targets: dict[str, str], target_lang: str) -> bytes:
        prs = _open(data, name)
        lang = languages.get(target_lang)
        try:
            overflows = _overflows(prs, targets)
            for story in _stories(prs):
                echoes: dict[str, str] = {}
                for bid, p in _paragraphs(story):
                    if bid in targets:
                        echoes.setdefault(_tagged(p), targets[bid])
                        _rebuild(p, targets[bid])
                    _mark_paragraph(p, lang, story.owner)
                for part, root in story.echoes:
                    for p in root.iter(qn("a:p")):
                        source = _tagged(p)
                        if source in echoes:
                            _rebuild(p, echoes[source])
                        _mark_paragraph(p, lang)
                    if part is not None:
                        _store(part, root)
                if story.part is not None:
                    _store(story.part, story.root)
                if lang.is_rtl:
                    for tbl in story.root.iter(qn("a:tbl")):
                        tblpr = tbl.find(qn("a:tblPr"))
                        if tblpr is None:
                            tblpr = etree.Element(qn("a:tblPr"))
                            tbl.insert(0, tblpr)
                        tblpr.set("rtl", "1")
            for overflow in overflows:
                _fit(overflow)
        except (KeyError, ValueError, AttributeError, etree.LxmlError) as exc:
            raise DocumentError(_("{name}: a part of the presentation is damaged ({exc})").format(
                name=name, exc=one_line(exc))) from exc
        out = io.BytesIO()
        prs.save(out)
        return out.getvalue()
