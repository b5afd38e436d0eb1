"""Marking a translated Word document for its language and direction.

Word formats an Arabic-script run with the complex-script twin of each run property: size
from ``w:szCs``, bold from ``w:bCs``, italic from ``w:iCs``, font from ``w:rFonts/@w:cs``,
language from ``w:lang/@w:bidi``. ``w:sz`` or ``w:b`` alone leave a Dari run at body size
and regular weight, so every twin is set from its Latin property, on each run and in every
style (a footnote's 8 pt usually comes from its style). Paragraphs get ``w:bidi``, runs
``w:rtl``; tables of a right-to-left export are mirrored (``w:bidiVisual``: the first column
on the right), as Word does for a table written in Dari or Pashto.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from lxml import etree

from desktop_app.core import languages

ARABIC_FONT = "Noto Sans Arabic"
# Word's language tags for the complex-script language of a run (w:lang/@w:bidi).
WORD_LANG = {"ps": "ps-AF"}
# Child order of w:pPr and w:rPr in the WordprocessingML schema (as in python-docx).
PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
             "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd",
             "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
             "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
             "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
             "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
             "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
             "w:sectPr", "w:pPrChange")
RPR_ORDER = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
             "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
             "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing",
             "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
             "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
             "w:eastAsianLayout", "w:specVanish", "w:oMath")
TBLPR_ORDER = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual",
               "w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc",
               "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout",
               "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
TWINS = (("w:sz", "w:szCs"), ("w:b", "w:bCs"), ("w:i", "w:iCs"))


def word_lang(lang: languages.Language) -> str:
    return WORD_LANG.get(lang.bcp47, lang.bcp47)


_SEQUENCES = {qn("w:pPr"): PPR_ORDER, qn("w:tblPr"): TBLPR_ORDER}
_LATER: dict[tuple[str, str], frozenset[str]] = {}


def _later(parent_tag: str, tag: str) -> frozenset[str]:
    """The children that must come after ``tag`` in a parent of this kind (cached)."""
    key = (parent_tag, tag)
    found = _LATER.get(key)
    if found is None:
        seq = _SEQUENCES.get(parent_tag, RPR_ORDER)
        found = _LATER[key] = frozenset(qn(t) for t in seq[seq.index(tag) + 1:])
    return found


def set_child(parent: etree._Element, tag: str) -> etree._Element:
    """The child ``tag`` of a w:pPr, w:rPr or w:tblPr, added in the order the schema
    requires."""
    name = qn(tag)
    el = parent.find(name)
    if el is not None:
        return el
    el = etree.Element(name)
    later = _later(parent.tag, tag)
    for k, child in enumerate(parent):
        if child.tag in later:
            parent.insert(k, el)
            return el
    parent.append(el)
    return el


def set_twins(rpr: etree._Element) -> None:
    """Each complex-script twin takes its Latin property's value."""
    for latin, twin in TWINS:
        source = rpr.find(qn(latin))
        if source is None:
            continue
        el = set_child(rpr, twin)
        value = source.get(qn("w:val"))
        if value is None:
            el.attrib.pop(qn("w:val"), None)
        else:
            el.set(qn("w:val"), value)


def mark_run(rpr: etree._Element, lang: languages.Language) -> None:
    fonts = set_child(rpr, "w:rFonts")
    if lang.is_rtl:
        fonts.set(qn("w:cs"), ARABIC_FONT)
        fonts.set(qn("w:hint"), "cs")
        set_twins(rpr)
        set_child(rpr, "w:rtl")
        set_child(rpr, "w:cs")
    lang_el = set_child(rpr, "w:lang")
    lang_el.set(qn("w:bidi" if lang.is_rtl else "w:val"), word_lang(lang))


def _rpr(run: etree._Element) -> etree._Element:
    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        rpr = etree.Element(qn("w:rPr"))
        run.insert(0, rpr)
    return rpr


def mark_paragraph(p: etree._Element, lang: languages.Language) -> None:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.Element(qn("w:pPr"))
        p.insert(0, ppr)
    if lang.is_rtl:
        set_child(ppr, "w:bidi")
    mark = set_child(ppr, "w:rPr")
    runs = [r for r in p.iter(qn("w:r")) if _own(r, p)]
    for rpr_holder in [mark, *[_rpr(r) for r in runs]]:
        mark_run(rpr_holder, lang)


def _own(run: etree._Element, p: etree._Element) -> bool:
    """A run of this paragraph, not of a text box's paragraph inside it."""
    return next(run.iterancestors(qn("w:p")), None) is p


def mark_table(tbl: etree._Element) -> None:
    """A right-to-left table: its first column on the right (``w:bidiVisual``)."""
    tblpr = tbl.find(qn("w:tblPr"))
    if tblpr is None:
        tblpr = etree.Element(qn("w:tblPr"))
        tbl.insert(0, tblpr)
    set_child(tblpr, "w:bidiVisual")


def mark_styles(styles: etree._Element) -> None:
    """Complete the complex-script twins in every style and in the document defaults, so
    a run that takes its size or weight from a style keeps them in Dari or Pashto."""
    for rpr in styles.iter(qn("w:rPr")):
        set_twins(rpr)
