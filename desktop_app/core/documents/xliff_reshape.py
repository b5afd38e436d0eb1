"""Segments split or joined in Tarjuman, written back into an XLIFF 1.2 unit whose
``seg-source`` has ``mrk mtype="seg"`` segments: a split cuts one ``mrk`` in two (the new
one gets a ``mid`` of its own, unique in the file), a join takes the next ``mrk`` of the
unit into the first. The whitespace between two segments stays between the ``mrk``s.
The unit's ``source`` (the unsegmented text) is left as it is; its target is rebuilt
from the new ``seg-source`` by the writer (:mod:`xliff_tree`), and a Trados
``sdl:seg`` definition follows its ``mrk``.

``parts`` says, for every block (segment) of a reshaped unit, the text of each of the
segments it is now made of (lead, source and trail, tags as the import rendered them);
an empty list: the block was joined into the one before it. The blocks returned name the
parts: the first keeps the block's id, the next ones are ``ID~2``, ``ID~3``...
"""

from __future__ import annotations

import copy

from lxml import etree

from desktop_app.core.documents.base import Block, DocumentError
from desktop_app.core.documents.xliff_read import Tagger, first, sdl_segs, seg_marks
from desktop_app.core.i18n import _


def part_id(block_id: str, k: int) -> str:
    """The block id of the k-th part (0-based) of a split block."""
    return block_id if k == 0 else f"{block_id}~{k + 1}"


def _pieces(mark: etree._Element) -> list[int]:
    """The rendered length of the mark's own text and of each child (element and tail),
    numbered as the import numbered them: cut points may only fall in that text."""
    tagger = Tagger()
    lengths = [len(mark.text or "")]
    for child in mark:
        holder = etree.Element("x")
        clone = copy.deepcopy(child)
        clone.tail = None
        holder.append(clone)
        lengths.append(len(tagger.render(holder)))
        lengths.append(len(child.tail or ""))
    return lengths


def _cut(mark: etree._Element, offset: int, name: str) -> etree._Element:
    """A new ``mrk`` after ``mark`` holding its content from ``offset`` (rendered text)."""
    lengths = _pieces(mark)
    children = list(mark)
    pos = 0
    for k, length in enumerate(lengths):
        if pos <= offset <= pos + length and k % 2 == 0:  # in mark.text or a tail
            q = offset - pos
            new = etree.Element(mark.tag, dict(mark.attrib))
            if k == 0:
                new.text, mark.text = (mark.text or "")[q:], (mark.text or "")[:q]
                moving = children
            else:
                child = children[k // 2 - 1]
                new.text, child.tail = (child.tail or "")[q:], (child.tail or "")[:q]
                moving = children[k // 2:]
            for node in moving:
                new.append(node)
            new.tail = mark.tail
            mark.tail = None
            mark.addnext(new)
            return new
        pos += length
    raise DocumentError(_("{name}: a segment cannot be split inside an inline code; join "
                          "it again before export").format(name=name))


def _move_space_out(mark: etree._Element) -> None:
    """Trailing whitespace of ``mark`` goes after it, between the segments."""
    last = mark[-1] if len(mark) else None
    text = (last.tail if last is not None else mark.text) or ""
    core = text.rstrip()
    if core == text:
        return
    if last is not None:
        last.tail = core
    else:
        mark.text = core
    mark.tail = text[len(core):] + (mark.tail or "")


def _absorb(mark: etree._Element, other: etree._Element, name: str) -> None:
    """``other`` (the next ``mrk``) joined into ``mark``; what was between them goes in."""
    if mark.getnext() is not other:
        raise DocumentError(_("{name}: two segments with an inline code between them cannot be "
                              "joined; split them again before export").format(name=name))
    between = mark.tail or ""
    last = mark[-1] if len(mark) else None
    if last is not None:
        last.tail = (last.tail or "") + between + (other.text or "")
    else:
        mark.text = (mark.text or "") + between + (other.text or "")
    for node in list(other):
        mark.append(node)
    mark.tail = other.tail
    other.getparent().remove(other)


def _new_mid(taken: set[str]) -> str:
    numbers = [int(m) for m in taken if m.isdigit()]
    n = max(numbers, default=0) + 1
    while str(n) in taken:
        n += 1
    return str(n)


def reshape_units(all_units: list[etree._Element], blocks: list[Block],
                  parts: dict[str, list[str]], name: str) -> list[Block]:
    """Apply the splits and joins of ``parts`` to the units' ``seg-source``; the blocks
    to write, one per segment now."""
    found: list[tuple[Block, etree._Element]] = []
    units_done: set[int] = set()
    # every mid of the file as the client had it: a new one is unique in the file (Trados
    # numbers its segments across the file), so in its unit too, and never one reused
    taken = {str(m.get("mid")) for unit in all_units
             for m in seg_marks(first(unit, "seg-source"))}
    for block in blocks:
        if parts.get(block.id) is None or "mid" not in block.meta:
            continue
        n = int(block.meta["n"])
        unit = all_units[n]
        marks = {m.get("mid"): m for m in seg_marks(first(unit, "seg-source"))}
        mark = marks.get(str(block.meta["mid"]))
        if mark is None:
            continue
        found.append((block, mark))
        if n not in units_done:  # the target is rebuilt from the new seg-source
            units_done.add(n)
            target = first(unit, "target")
            if target is not None:
                for child in list(target):
                    target.remove(child)
                target.text = None
    # joins first (the joined mark is what a later split of it cuts), then splits
    kept: dict[str, etree._Element] = {}
    previous: tuple[Block, etree._Element] | None = None
    for block, mark in found:
        if parts[block.id]:
            kept[block.id] = mark
            previous = (block, mark)
            continue
        if previous is None or previous[0].meta["n"] != block.meta["n"]:
            raise DocumentError(_("{name}: segment {id} was joined across units").format(
                name=name, id=block.id))
        _absorb(previous[1], mark, name)
        definition = sdl_segs(all_units[int(block.meta["n"])]).get(str(block.meta["mid"]))
        if definition is not None and definition.getparent() is not None:
            definition.getparent().remove(definition)
    out: list[Block] = []
    for block in blocks:
        pieces = parts.get(block.id)
        if pieces is None or "mid" not in block.meta or block.id not in kept:
            if pieces is None or "mid" not in block.meta:
                out.append(block)
            continue
        mark = kept[block.id]
        unit = all_units[int(block.meta["n"])]
        sdl = sdl_segs(unit)
        current, offset = mark, 0
        made = [(block, mark)]
        for k, piece in enumerate(pieces[:-1], start=1):
            offset = len(piece)
            nxt = _cut(current, offset, name)
            _move_space_out(current)
            lead = len(nxt.text or "") - len((nxt.text or "").lstrip())
            if lead:
                current.tail = (current.tail or "") + (nxt.text or "")[:lead]
                nxt.text = (nxt.text or "")[lead:]
            mid = _new_mid(taken)
            taken.add(mid)
            nxt.set("mid", mid)
            definition = sdl.get(str(block.meta["mid"]))
            if definition is not None:
                twin = copy.deepcopy(definition)
                twin.set("id", mid)
                definition.addnext(twin)
            made.append((Block(part_id(block.id, k), "", block.kind,
                               {**block.meta, "mid": mid, "locked": False}), nxt))
            current = nxt
        out.extend(made_block for made_block, _mark in made)
    return out
