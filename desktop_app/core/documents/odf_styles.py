"""OpenDocument names, and the styles a right-to-left export adds or changes.

A paragraph's own automatic style is changed in place; a paragraph with only a common
style (or none) gets a new automatic style that inherits from it, so the document's
styles keep their names. Marked for the target language: ``style:writing-mode="rl-tb"``,
the right-hand side as start unless the paragraph is centred or justified,
``fo:language``/``fo:country`` and ``style:language-complex``/``style:country-complex``
(fa/AF for Dari, ps/AF for Pashto), an Arabic-script complex-script font, and bold,
italic and size carried to their complex-script twins.
"""

from __future__ import annotations

from babel.core import get_global
from lxml import etree

from desktop_app.core import languages
from desktop_app.core.documents.docx import ARABIC_FONT

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "presentation": "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}


def q(name: str) -> str:
    prefix, _sep, local = name.partition(":")
    return f"{{{NS[prefix]}}}{local}"


TWINS = (("fo:font-weight", "style:font-weight-complex"),
         ("fo:font-style", "style:font-style-complex"),
         ("fo:font-size", "style:font-size-complex"))
RTL_START = "end"  # LibreOffice reads "end" as the right-hand side of any paragraph


def locale(lang: languages.Language) -> tuple[str, str]:
    """(language, country) for ``fo:language``/``fo:country``: ``fa``/``AF`` for Dari,
    ``ps``/``AF`` for Pashto (the country CLDR gives as the language's likely one)."""
    code, _sep, country = lang.bcp47.partition("-")
    if not country:
        likely = get_global("likely_subtags").get(code, "")
        country = likely.split("_")[-1] if likely.count("_") >= 1 else ""
    return code, country


class Styles:
    """The automatic styles of one XML part, and the common styles they inherit from."""

    def __init__(self, root: etree._Element, common: dict[tuple[str, str], etree._Element]):
        self.root = root
        self.common = common
        auto = root.find(q("office:automatic-styles"))
        if auto is None:
            auto = etree.Element(q("office:automatic-styles"))
            body = root.find(q("office:body"))
            if body is None:
                body = root.find(q("office:master-styles"))
            if body is not None:
                body.addprevious(auto)
            else:
                root.append(auto)
        self.auto = auto
        self.autos = {(s.get(q("style:family")) or "", s.get(q("style:name")) or ""): s
                      for s in auto.iter(q("style:style"))}
        self.made: dict[tuple[str, str], str] = {}
        self.marked: set[str] = set()

    def lookup(self, family: str, name: str) -> etree._Element | None:
        found = self.autos.get((family, name))
        return found if found is not None else self.common.get((family, name))

    def inherited(self, family: str, name: str | None, holder: str, attr: str) -> str | None:
        seen: set[str] = set()
        while name and name not in seen:
            seen.add(name)
            style = self.lookup(family, name)
            if style is None:
                return None
            props = style.find(q(holder))
            value = props.get(q(attr)) if props is not None else None
            if value:
                return str(value)
            name = style.get(q("style:parent-style-name"))
        return None

    def own(self, el: etree._Element, family: str, attr: str) -> etree._Element:
        """The automatic style of ``el`` (made if it has only a common style, or none)."""
        name = el.get(attr) or ""
        style = self.autos.get((family, name))
        if style is not None:
            return style
        made = self.made.get((family, name))
        if made is None:
            made = f"Tj{family[:1].upper()}{len(self.made) + 1}"
            while (family, made) in self.autos:
                made += "x"
            attrs = {q("style:name"): made, q("style:family"): family}
            if name:
                attrs[q("style:parent-style-name")] = name
            style = etree.SubElement(self.auto, q("style:style"), attrs)
            self.autos[(family, made)] = style
            self.made[(family, name)] = made
        el.set(attr, made)
        return self.autos[(family, made)]


def props_of(style: etree._Element, kind: str) -> etree._Element:
    """``style:<kind>-properties`` of ``style``, added where the schema places it."""
    tag = q(f"style:{kind}-properties")
    el = style.find(tag)
    if el is None:
        el = etree.Element(tag)
        if kind == "text":
            style.insert(len([c for c in style if c.tag.endswith("-properties")]), el)
        else:
            style.insert(0, el)
    return el


def mark_text(props: etree._Element, lang: languages.Language) -> None:
    code, country = locale(lang)
    props.set(q("fo:language"), code)
    props.set(q("style:language-complex"), code)
    if country:
        props.set(q("fo:country"), country)
        props.set(q("style:country-complex"), country)
    if lang.is_rtl:
        props.set(q("style:font-name-complex"), ARABIC_FONT)


def mark_twins(root: etree._Element) -> None:
    """Bold, italic and size of a style hold for Arabic script too (complex twins)."""
    for props in root.iter(q("style:text-properties")):
        for western, complex_ in TWINS:
            value = props.get(q(western))
            if value and not props.get(q(complex_)):
                props.set(q(complex_), value)


def relabel(root: etree._Element, lang: languages.Language) -> None:
    """Every style that names a language (a span marked English, LibreOffice's defaults)
    names the target language: the text in it is the translation now."""
    code, country = locale(lang)
    for props in root.iter(q("style:text-properties")):
        for language, region in (("fo:language", "fo:country"),
                                 ("style:language-complex", "style:country-complex")):
            if props.get(q(language)) is not None:
                props.set(q(language), code)
                if country:
                    props.set(q(region), country)
                elif props.get(q(region)) is not None:
                    del props.attrib[q(region)]


def declare_font(root: etree._Element) -> None:
    decls = root.find(q("office:font-face-decls"))
    if decls is None:
        decls = etree.Element(q("office:font-face-decls"))
        anchor = root.find(q("office:automatic-styles"))
        if anchor is None:
            anchor = root.find(q("office:styles"))
        if anchor is not None:
            anchor.addprevious(decls)
        else:
            root.insert(0, decls)
    if any(f.get(q("style:name")) == ARABIC_FONT for f in decls):
        return
    etree.SubElement(decls, q("style:font-face"), {
        q("style:name"): ARABIC_FONT, q("svg:font-family"): f"'{ARABIC_FONT}'",
        q("style:font-family-generic"): "swiss", q("style:font-pitch"): "variable"})


def mark_defaults(styles_root: etree._Element, lang: languages.Language,
                   text_document: bool) -> None:
    office_styles = styles_root.find(q("office:styles"))
    if office_styles is not None:
        for default in office_styles.iter(q("style:default-style")):
            if default.get(q("style:family")) in ("paragraph", "graphic"):
                mark_text(props_of(default, "text"), lang)
    if text_document and lang.is_rtl:
        for layout in styles_root.iter(q("style:page-layout")):
            props_of(layout, "page-layout").set(q("style:writing-mode"), "rl-tb")


def mark_part(root: etree._Element, common: dict[tuple[str, str], etree._Element],
              paragraphs: list[etree._Element], tables: list[etree._Element],
              lang: languages.Language) -> None:
    """Mark one XML part (content.xml or styles.xml) for ``lang``: its paragraphs and
    tables get styles of their own that say so."""
    styles = Styles(root, common)
    relabel(root, lang)
    for p in paragraphs:
        style = styles.own(p, "paragraph", q("text:style-name"))
        name = style.get(q("style:name")) or ""
        if name in styles.marked:
            continue
        styles.marked.add(name)
        if lang.is_rtl:
            para = props_of(style, "paragraph")
            para.set(q("style:writing-mode"), "rl-tb")
            align = styles.inherited("paragraph", name, "style:paragraph-properties",
                                     "fo:text-align")
            if align in (None, "start", "left"):
                para.set(q("fo:text-align"), RTL_START)
        mark_text(props_of(style, "text"), lang)
    if lang.is_rtl:
        for table in tables:
            style = styles.own(table, "table", q("table:style-name"))
            props_of(style, "table").set(q("style:writing-mode"), "rl-tb")
        mark_twins(root)
        declare_font(root)


def common_styles(styles_root: etree._Element | None
                  ) -> dict[tuple[str, str], etree._Element]:
    """The common styles of styles.xml by (family, name)."""
    office_styles = styles_root.find(q("office:styles")) if styles_root is not None else None
    if office_styles is None:
        return {}
    return {(s.get(q("style:family")) or "", s.get(q("style:name")) or ""): s
            for s in office_styles.iter(q("style:style"))}
