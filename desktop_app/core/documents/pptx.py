"""PowerPoint presentations through python-pptx: every paragraph of every slide (titles,
bodies, text boxes, table cells, shapes inside groups), the speaker notes, and SmartArt
text (its data part, with the drawing PowerPoint and LibreOffice show kept in step).

Runs whose formatting differs from the paragraph's main run (bold, italic, colour, a
link...) become tags; fields (slide number, date) are standalone tags. On export each
paragraph is rebuilt from the target's tags with the original run properties and marked
for the target language: ``rtl="1"`` and right alignment on ``a:pPr``, ``lang`` and an
Arabic-script complex-script font (``a:cs``) on every run; tables are mirrored (``a:tblPr
rtl="1"``). A text box the translation no longer fits is set to shrink its text on
overflow, and :func:`fit_report` names it so the translator can check the slide. Text on
slide layouts and masters that shows on the slides (not the placeholder prompts) and the
alternative text of pictures and shapes (``descr``) are translated too. Charts are named
in the import report as not translated.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from lxml import etree
from pptx.oxml.ns import qn

from desktop_app.core import languages
from desktop_app.core.documents.base import Block, Content, DocumentError, Imported, strip_tags
from desktop_app.core.documents.docx import ARABIC_FONT
from desktop_app.core.documents.pptx_fit import fit, fit_report, overflows
from desktop_app.core.documents.pptx_text import (
    CHART_URI,
    Story,
    inherited_algn,
    kind,
    open_presentation,
    paragraphs,
    rebuild,
    store,
    stories,
    tagged,
)
from desktop_app.core.errors import one_line
from desktop_app.core.i18n import N_, _, ngettext

# Alternative text that is an address, a path, a file name or an automatic name (image001)
NOT_PROSE = re.compile(r"://|\\|^\S*[/\d]\S*$|\.[A-Za-z0-9]{2,5}\s*$")
# Children of a:rPr that come after a:cs in the schema (a:cs is inserted before them).
AFTER_CS = {qn(t) for t in ("a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")}


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
    algn = ppr.get("algn") or inherited_algn(p, owner)
    if algn in (None, "l"):
        ppr.set("algn", "r")


# -- fitting the translation into its box --------------------------------------------------


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


def _alt_texts(story: Story) -> Iterator[tuple[str, etree._Element]]:
    """The alternative text (what a screen reader says) of a slide's pictures and shapes."""
    if not story.slide or story.prefix.startswith("n") or story.part is not None:
        return
    k = 0
    for el in story.root.iter(qn("p:cNvPr")):
        descr = el.get("descr", "")
        # PowerPoint fills in a picture's file name or address: no text for a reader
        if any(ch.isalpha() for ch in descr) and not NOT_PROSE.search(descr):
            k += 1
            yield f"{story.prefix}:alt{k}", el


class Pptx:
    name = "pptx"
    extensions = (".pptx",)
    label = N_("PowerPoint presentations")

    def sniff(self, content: Content) -> bool:
        return content.has_part("ppt/presentation.xml")

    def fit_report(self, data: bytes, name: str, targets: dict[str, str]) -> list[str]:
        return fit_report(data, name, targets)

    def load(self, data: bytes, name: str) -> Imported:
        prs = open_presentation(data, name)
        blocks = []
        try:
            for story in stories(prs):
                for bid, p in paragraphs(story):
                    text = tagged(p)
                    if strip_tags(text).strip():  # not a slide number alone
                        meta = {"slide": story.slide} if story.slide else {"layout": 1}
                        if story.prefix.startswith("n"):
                            meta["speaker_notes"] = 1
                        blocks.append(Block(bid, text, kind(p), meta))
                for bid, el in _alt_texts(story):
                    blocks.append(Block(bid, el.get("descr", ""), "attr",
                                        {"attr": "descr", "slide": story.slide}))
            report = _not_translated(prs)
        except (KeyError, ValueError, AttributeError, etree.LxmlError) as exc:
            raise DocumentError(_("{name}: a part of the presentation is damaged ({exc})").format(
                name=name, exc=one_line(exc))) from exc
        return Imported(self.name, blocks, notes=report)

    def save(self, data: bytes, name: str, targets: dict[str, str], target_lang: str) -> bytes:
        prs = open_presentation(data, name)
        lang = languages.get(target_lang)
        try:
            too_long = overflows(prs, targets)
            for story in stories(prs):
                echoes: dict[str, str] = {}
                for bid, p in paragraphs(story):
                    if bid in targets:
                        echoes.setdefault(tagged(p), targets[bid])
                        rebuild(p, targets[bid])
                    _mark_paragraph(p, lang, story.owner)
                for bid, el in _alt_texts(story):
                    if bid in targets:
                        el.set("descr", targets[bid])
                for part, root in story.echoes:
                    for p in root.iter(qn("a:p")):
                        source = tagged(p)
                        if source in echoes:
                            rebuild(p, echoes[source])
                        _mark_paragraph(p, lang)
                    if part is not None:
                        store(part, root)
                if story.part is not None:
                    store(story.part, story.root)
                if lang.is_rtl:
                    for tbl in story.root.iter(qn("a:tbl")):
                        tblpr = tbl.find(qn("a:tblPr"))
                        if tblpr is None:
                            tblpr = etree.Element(qn("a:tblPr"))
                            tbl.insert(0, tblpr)
                        tblpr.set("rtl", "1")
            for overflow in too_long:
                fit(overflow)
        except (KeyError, ValueError, AttributeError, etree.LxmlError) as exc:
            raise DocumentError(_("{name}: a part of the presentation is damaged ({exc})").format(
                name=name, exc=one_line(exc))) from exc
        out = io.BytesIO()
        prs.save(out)
        return out.getvalue()
