"""One Word paragraph as tagged text, and back.

A paragraph is read as Word shows it with all markup and every tracked change accepted:
runs inside insertions and moves-to (``w:ins``, ``w:moveTo``) are text, runs inside
deletions and moves-from (``w:del``, ``w:moveFrom``) are not; smart tags, custom XML and
inline content controls are looked through; of an ``mc:AlternateContent`` one branch is
read (a Choice, else the Fallback), never both.

Tags: a formatted run (bold, italic, underline...) is ``⟨n⟩…⟨/n⟩``; a hyperlink or a simple
field is ``⟨n⟩…⟨/n⟩`` around its text; everything in a run that is not text (a footnote
reference, an image, a text box, a field's instruction, a page break, a symbol) is a
standalone ``⟨n/⟩`` that carries the original element back to its place on export, so
nothing but the text changes. Field results (between ``separate`` and ``end``) are text.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml import etree

from desktop_app.core.documents.base import TAG

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
ALTERNATE = f"{{{MC}}}AlternateContent"
CHOICE = f"{{{MC}}}Choice"
FALLBACK = f"{{{MC}}}Fallback"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

R = qn("w:r")
CONTAINERS = {qn("w:hyperlink"), qn("w:fldSimple")}  # a paired tag around their runs
UNWRAP = {qn("w:ins"), qn("w:moveTo"), qn("w:smartTag"), qn("w:customXml"), qn("w:dir"),
          qn("w:bdo")}
DELETED = {qn("w:del"), qn("w:moveFrom")}
SDT, SDT_CONTENT = qn("w:sdt"), qn("w:sdtContent")
# What a rebuilt paragraph replaces; bookmarks, comment ranges and math stay where they are.
CONTENT = {R, *CONTAINERS, *UNWRAP, *DELETED, SDT, ALTERNATE, qn("w:proofErr")}
MARKERS = {qn("w:bookmarkStart"), qn("w:bookmarkEnd"), qn("w:commentRangeStart"),
           qn("w:commentRangeEnd"), qn("w:permStart"), qn("w:permEnd")}
TEXT = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "\u2011",
        qn("w:softHyphen"): "\u00ad"}
DROPPED = {qn("w:rPr"), qn("w:lastRenderedPageBreak"), qn("w:delText"),
           qn("w:delInstrText")}
FLD_CHAR, FLD_TYPE = qn("w:fldChar"), qn("w:fldCharType")
FORMAT_TAGS = ("w:b", "w:i", "w:u", "w:strike", "w:vertAlign", "w:caps", "w:smallCaps")


def chosen_branch(alternate: etree._Element) -> etree._Element | None:
    """The one branch of an ``mc:AlternateContent`` that is read: the first Choice that
    holds paragraphs, else a Fallback that does, else the first Choice."""
    branches = [c for c in alternate if c.tag in (CHOICE, FALLBACK)]
    with_text = [b for b in branches if next(b.iter(qn("w:p")), None) is not None]
    for branch in with_text:
        if branch.tag == CHOICE:
            return branch
    if with_text:
        return with_text[0]
    return next((b for b in branches if b.tag == CHOICE), branches[0] if branches else None)


def _walk(parent: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """("run", r), ("open", container), ("close", container) in reading order."""
    for child in parent:
        tag = child.tag
        if tag == R:
            yield "run", child
        elif tag in CONTAINERS:
            yield "open", child
            yield from _walk(child)
            yield "close", child
        elif tag in UNWRAP:
            yield from _walk(child)
        elif tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _walk(content)
        elif tag == ALTERNATE:
            branch = chosen_branch(child)
            if branch is not None:
                yield from _walk(branch)


def _formatted(run: etree._Element) -> bool:
    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        return False
    for tag in FORMAT_TAGS:
        el = rpr.find(qn(tag))
        if el is not None and el.get(qn("w:val")) not in ("0", "false", "none"):
            return True
    return False


def _text_of(child: etree._Element) -> str | None:
    """The text a run child stands for, or None when it is not text."""
    if child.tag in TEXT:
        value = TEXT[child.tag]
        return (child.text or "") if value is None else value
    if child.tag == qn("w:br") and child.get(qn("w:type")) in (None, "textWrapping"):
        return "\n"
    return None


@dataclass(slots=True)
class Model:
    """A paragraph's tagged text and what each tag number stands for."""

    text: str = ""
    runs: dict[int, etree._Element] = field(default_factory=dict)  # formatted run templates
    containers: dict[int, etree._Element] = field(default_factory=dict)
    objects: dict[int, list[tuple[etree._Element, etree._Element]]] = field(
        default_factory=dict)  # tag -> [(run, child)]
    plain: etree._Element | None = None  # template for untagged text
    first_run: dict[int, etree._Element] = field(default_factory=dict)  # container -> run


def read(p: etree._Element) -> Model:
    model = Model()
    out: list[str] = []
    number = 0
    open_text: int | None = None  # the tag of the formatted stretch being written
    open_run: etree._Element | None = None
    last_object: int | None = None
    stack: list[int] = []  # open containers
    fields: list[str] = []  # "instr" / "result" per open field

    def close_text() -> None:
        nonlocal open_text, open_run
        if open_text is not None:
            out.append(f"⟨/{open_text}⟩")
        open_text, open_run = None, None

    for event, el in _walk(p):
        if event == "open":
            close_text()
            last_object = None
            number += 1
            model.containers[number] = el
            stack.append(number)
            out.append(f"⟨{number}⟩")
            continue
        if event == "close":
            close_text()
            last_object = None
            out.append(f"⟨/{stack.pop()}⟩")
            continue
        run = el
        formatted = not stack and _formatted(run)
        for child in run:
            if child.tag in DROPPED or not isinstance(child.tag, str):
                continue
            text = None if fields and fields[-1] == "instr" else _text_of(child)
            if child.tag == FLD_CHAR:
                kind = child.get(FLD_TYPE)
                if kind == "begin":
                    fields.append("instr")
                elif kind == "separate" and fields:
                    fields[-1] = "result"
                elif kind == "end" and fields:
                    fields.pop()
            if text is None:  # an object: kept as a standalone tag
                close_text()
                if last_object is None:
                    number += 1
                    last_object = number
                    model.objects[number] = []
                    out.append(f"⟨{number}/⟩")
                model.objects[last_object].append((run, child))
                continue
            last_object = None
            if stack:
                model.first_run.setdefault(stack[-1], run)
            elif formatted:
                if open_run is not run:
                    close_text()
                    number += 1
                    open_text, open_run = number, run
                    model.runs[number] = run
                    out.append(f"⟨{number}⟩")
            else:
                close_text()
                if model.plain is None:
                    model.plain = run
            out.append(text)
        if not formatted:
            close_text()
    close_text()
    model.text = "".join(out)
    return model


def tagged(p: etree._Element) -> str:
    return read(p).text


def visible_text(p: etree._Element) -> str:
    """The paragraph's text as Word shows it with all changes accepted, without tags."""
    return TAG.sub("", read(p).text)


def _rpr_copy(run: etree._Element | None) -> etree._Element | None:
    if run is None:
        return None
    rpr = run.find(qn("w:rPr"))
    return copy.deepcopy(rpr) if rpr is not None else None


def new_run(template: etree._Element | None, text: str) -> etree._Element:
    run = etree.Element(R)
    rpr = _rpr_copy(template)
    if rpr is not None:
        run.append(rpr)
    for k, line in enumerate(text.split("\n")):
        if k:
            etree.SubElement(run, qn("w:br"))
        for j, chunk in enumerate(line.split("\t")):
            if j:
                etree.SubElement(run, qn("w:tab"))
            if chunk:
                t = etree.SubElement(run, qn("w:t"))
                t.text = chunk
                t.set(XML_SPACE, "preserve")
    return run


def _shallow(el: etree._Element) -> etree._Element:
    clone = etree.Element(el.tag, dict(el.attrib), nsmap=el.nsmap)
    for child in el:  # a field's or link's own properties, never its runs
        if child.tag not in CONTENT and child.tag not in MARKERS:
            clone.append(copy.deepcopy(child))
    return clone


def rebuild(p: etree._Element, target: str) -> None:
    """Replace the paragraph's text by ``target`` (tagged as :func:`read` wrote it);
    every object (note reference, image, field code, text box) goes back whole, where its
    tag stands or, if the target lost the tag, at the end of the paragraph."""
    model = read(p)
    placed: set[int] = set()
    new: list[etree._Element] = []
    clones: dict[int, etree._Element] = {}
    stack: list[int] = []

    def holder(depth: int) -> etree._Element | None:
        """The clone of the innermost open container at or below ``depth`` (None: the
        paragraph itself)."""
        for k in range(depth - 1, -1, -1):
            n = stack[k]
            if n in model.containers:
                clone = clones.get(n)
                if clone is None:
                    clone = clones[n] = _shallow(model.containers[n])
                    parent = holder(k)
                    if parent is None:
                        new.append(clone)
                    else:
                        parent.append(clone)
                return clone
        return None

    def put(el: etree._Element) -> None:
        parent = holder(len(stack))
        if parent is None:
            new.append(el)
        else:
            parent.append(el)

    def template() -> etree._Element | None:
        for n in reversed(stack):
            if n in model.runs:
                return model.runs[n]
            if n in model.containers:
                return model.first_run.get(n, model.plain)
        return model.plain

    first: dict[int, etree._Element] = {}  # object tag -> the first run made for it

    def place_object(n: int, before: etree._Element | None = None) -> None:
        current_src: etree._Element | None = None
        current: etree._Element | None = None
        for run, child in model.objects[n]:
            moving = child if n not in placed else copy.deepcopy(child)
            if current is None or run is not current_src:
                current = etree.Element(R)
                rpr = _rpr_copy(run)
                if rpr is not None:
                    current.append(rpr)
                current_src = run
                if before is None:
                    put(current)
                elif before in new:
                    new.insert(new.index(before), current)
                else:
                    before.addprevious(current)
                first.setdefault(n, current)
            current.append(moving)
        placed.add(n)

    pos = 0
    for m in TAG.finditer(target):
        if m.start() > pos:
            put(new_run(template(), target[pos:m.start()]))
        pos = m.end()
        closing, number, solo = m.group(1), int(m.group(2)), m.group(3)
        if solo:
            if number in model.objects:
                place_object(number)
        elif closing:
            if number in stack:
                stack.remove(number)
            clones.pop(number, None)
        else:
            stack.append(number)
    if pos < len(target):
        put(new_run(template(), target[pos:]))
    stack.clear()
    # An object whose tag the target lost goes back before the next object that was
    # placed (a field's begin stays before its end), else at the end of the paragraph.
    for n in sorted(model.objects):
        if n not in placed:
            later = [first[m] for m in sorted(first) if m > n]
            place_object(n, later[0] if later else None)
    _replace_content(p, new)


def _replace_content(p: etree._Element, new: list[etree._Element]) -> None:
    """Put ``new`` where the paragraph's first content element stood; markers that sat
    inside removed wrappers (bookmarks, comment ranges) are kept."""
    anchor: etree._Element | None = None
    kept: list[etree._Element] = []
    for child in list(p):
        if child.tag in CONTENT:
            if anchor is None:
                anchor = child.getprevious()
            kept.extend(el for el in child.iter(*MARKERS) if _outside_runs(el, child))
            p.remove(child)
    ppr = p.find(qn("w:pPr"))
    if anchor is not None:
        position = list(p).index(anchor) + 1
    elif ppr is not None:
        position = list(p).index(ppr) + 1
    else:
        position = 0
    for k, el in enumerate([*kept, *new]):
        p.insert(position + k, el)


def _outside_runs(marker: etree._Element, top: etree._Element) -> bool:
    for ancestor in marker.iterancestors():
        if ancestor is top:
            return True
        if ancestor.tag == R:
            return False
    return True
