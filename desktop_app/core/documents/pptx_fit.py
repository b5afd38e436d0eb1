"""Does the translation still fit its box? An estimate (characters × font size against the
shape's box, with the size a paragraph inherits from its layout and master); a text box it
no longer fits is set to shrink its text, a one-line box to wrap, and both are named."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from lxml import etree
from pptx.oxml.ns import qn

from desktop_app.core.documents.base import strip_tags
from desktop_app.core.documents.pptx_text import (
    inherited,
    open_presentation,
    paragraphs,
    stories,
    tagged,
)
from desktop_app.core.i18n import _, isolate, ngettext

EMU_PER_PT = 12700
DEFAULT_SIZE_PT = 18.0
CHAR_WIDTH_EM = 0.5  # an average glyph is about half the font size wide
LINE_HEIGHT_EM = 1.2
MIN_SCALE = 0.25
SHOWN_OVERFLOWS = 5  # named one by one in the export warning; the rest are counted


@dataclass(slots=True)
class Overflow:
    place: str  # "slide 3", or the layout or master it is on
    text: str  # the start of the shape's translated text
    scale: float  # the font scale that makes it fit (1: it wraps instead)
    shape: etree._Element
    wrap: bool = False  # a one-line box whose line is now wider than the box


def _size_pt(p: etree._Element, owner: Any) -> float:
    """The paragraph's font size: its runs', else what its layout and master give it."""
    defaults = [el.find(qn("a:defRPr")) for el in inherited(p, owner)]
    for el in (*p.iter(qn("a:rPr")), *p.iter(qn("a:endParaRPr")), *defaults):
        if el is not None and el.get("sz"):
            return int(el.get("sz", "1800")) / 100
    return DEFAULT_SIZE_PT


def _height_pt(lines: list[tuple[str, float]], width_pt: float) -> float:
    height = 0.0
    for text, size in lines:
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


def _width_pt(lines: list[tuple[str, float]]) -> float:
    return max((len(line) * size * CHAR_WIDTH_EM for text, size in lines
                for line in text.split("\n")), default=0.0)


def overflows(prs: Any, targets: dict[str, str]) -> list[Overflow]:
    """Shapes whose translated text is estimated (characters × font size against the box)
    to be taller than the box, or, in a one-line box, wider, when the source was not."""
    found = []
    layouts: dict[int, dict[str, tuple[int, int]]] = {}
    for story in stories(prs):
        owner = story.owner
        if owner is None:
            continue  # notes and SmartArt lay themselves out
        by_shape: dict[int, tuple[etree._Element, list[tuple[str, str, float]]]] = {}
        for bid, p in paragraphs(story):
            sp = next((a for a in p.iterancestors() if a.tag == qn("p:sp")), None)
            if sp is None or bid not in targets:
                continue
            entry = by_shape.setdefault(id(sp), (sp, []))
            text = strip_tags(tagged(p))
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


def fit(overflow: Overflow) -> None:
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
    prs = open_presentation(data, name)
    found = overflows(prs, targets)
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
