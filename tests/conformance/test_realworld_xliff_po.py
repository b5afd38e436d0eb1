"""The real-world pass for XLIFF (1.2, 2.x, sdlxliff, mqxliff) and PO files.

Every file is imported, every target filled in Dari, exported, and read back by the
format's own tools (translate-toolkit's XLIFF and PO stores, ``msgfmt -c``, lxml for
XLIFF 2): every target is filled and in Dari, every place the file names its target
language says Dari, and the counts agree with ``reference.json`` or the difference is
explained below. A file the format's own tool refuses too is refused with a sentence.
Files made for another language (fr-FR, ja, be...) are refused by a project unless
``--retarget``; that path is checked too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree
from translate.storage.po import pofile
from translate.storage.xliff import xlifffile

from desktop_app.core import languages
from desktop_app.core.documents import registry
from desktop_app.core.documents.base import DocumentError, strip_tags
from desktop_app.core.documents.xliff import Xliff, children, in_xliff, is_v2, units
from desktop_app.core.documents.xliff_states import SDL_NS
from desktop_app.core.exports import export
from desktop_app.core.project import Project
from desktop_app.core.segments import Status
from tests.conformance.realworld import (
    FILLER,
    RoundTrip,
    fill,
    latin_left,
    names,
    realworld_dir,
    reference,
    refused_cleanly,
    round_trip,
)
from tests.unit.test_po_charsets import msgfmt_check

XLIFF_FILES = names(".xlf", ".xliff", ".sdlxliff", ".mqxliff")
PO_FILES = names(".po")
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ARABIC = re.compile("[\u0600-\u06ff]")

# Where the number of blocks differs from reference.json's count, and why.
COUNTS = {
    "ds_Xliff1.xliff": (3, "no namespace: the reference counted 1.2-namespace units only; "
                           "translate-toolkit finds the same 3"),
    "ds_Configuring_Spelling_Checker.doc.sdlxliff": (
        14, "the reference counts 27 trans-units plus one; 14 of them are structure "
            "(translate=\"no\"); the 13 translatable units hold 14 segments"),
    "ds_Language_Support.doc.sdlxliff": (3, "4 of the 7 trans-units are translate=\"no\" "
                                            "structure; translate-toolkit finds 3"),
    "ds_New_features.ppt.sdlxliff": (7, "9 of the 16 trans-units are translate=\"no\" "
                                        "structure; translate-toolkit finds 7"),
    "om_xliff1-en-xx.xlf": (7, "one of the 8 trans-units is translate=\"no\"; "
                               "translate-toolkit finds 7"),
    "om_xliff2-ex9.5.xlf": (7, "one of the 8 segments is in a unit marked translate=\"no\""),
    "om_PO-be.po": (993, "992 messages, one of them plural: one block per source form"),
    "tt_plural.po": (2, "one plural message: one block per source form"),
    "tt_f43.tgif.fr.po": (321, "no reference count (polib cannot read its header's "
                               "\"charset= koi8-r\"); msgfmt and translate-toolkit read 321"),
}
# messages as translate-toolkit counts them, where reference.json has no count
PO_UNITS = {"tt_f43.tgif.fr.po": 321}
# Files the format's own tool refuses as well: refused with a sentence that says where.
REFUSED = {"om_PO-multiple.po": "line 31"}  # msgfmt: "31: missing 'msgstr[]' section"
FORMAT_SPEC = re.compile(r"%(?:\d+\$)?[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
                         r"(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcrsp%]")


def is_dari(text: str) -> bool:
    return bool(ARABIC.search(text)) and not latin_left([text])


def check_count(name: str, blocks: int) -> None:
    want, why = COUNTS.get(name, (reference()[name]["n"], ""))
    assert blocks == want, f"{name}: {blocks} blocks, expected {want} ({why or 'reference'})"


@pytest.mark.parametrize("name", XLIFF_FILES)
def test_xliff_comes_back_in_dari(name: str) -> None:
    rt = round_trip(name)
    check_count(name, len(rt.imported.blocks))
    root = etree.fromstring(rt.exported)
    v2 = is_v2(root)
    # every place the file names its target language says Dari
    labels = [root.get("trgLang")] if v2 else [f.get("target-language")
                                                for f in in_xliff(root, "file")]
    for unit in units(root, "unit" if v2 else "trans-unit"):
        for holder in [unit, *children(unit, "segment")]:
            labels += [t.get(LANG) for t in children(holder, "target") if t.get(LANG)]
    assert labels and all(languages.same_language(code, "dari") for code in labels), labels
    # every target filled and in Dari, as Tarjuman reads it back (native codes left out)
    again = Xliff().load(rt.exported, name)
    assert [b.id for b in again.blocks] == [b.id for b in rt.imported.blocks]
    for block in again.blocks:
        if strip_tags(block.text).strip():
            assert is_dari(block.target), (block.id, block.target)
    # and as the format's own tool reads it
    if v2:  # translate-toolkit reads XLIFF 1.x only: lxml for 2.x
        for unit in units(root, "unit"):
            if unit.get("translate") == "no" or any(
                    a.get("translate") == "no" for a in unit.iterancestors()):
                continue
            for segment in children(unit, "segment"):
                source = "".join(children(segment, "source")[0].itertext())
                if not any(ch.isalnum() for ch in source):
                    continue  # codes only
                target = children(segment, "target")
                assert target and is_dari("".join(target[0].itertext())), name
        return
    store = xlifffile.parsestring(rt.exported)
    own = [u for u in store.units if u.istranslatable() and strip_tags(u.source).strip()]
    assert own
    for unit in own:
        assert ARABIC.search(unit.target or ""), (name, unit.getid(), unit.target)
    if "tt_units" in reference()[name] and name != "ds_Configuring_Spelling_Checker.doc.sdlxliff":
        assert len(own) == reference()[name]["tt_units"]


def fill_keeping_formats(text: str) -> str:
    """The real-world filler, keeping printf conversions (msgfmt -c checks them)."""
    out, pos = [], 0
    for m in [*FORMAT_SPEC.finditer(text), None]:
        end = m.start() if m else len(text)
        out.append(fill(text[pos:end]))
        if m:
            out.append(m.group(0))
            pos = m.end()
    return "".join(out)


def po_round_trip(name: str) -> RoundTrip:
    """:func:`round_trip` for a catalog, with targets that keep the format strings."""
    path = realworld_dir() / name
    data = path.read_bytes()
    fmt = registry.detect(path, data)
    imported = fmt.load(data, name)
    targets = {b.id: fill_keeping_formats(b.text) for b in imported.blocks}
    return RoundTrip(name, imported, targets, fmt.save(data, name, targets, "dari"))


@pytest.mark.parametrize("name", PO_FILES)
def test_po_comes_back_in_dari(name: str, tmp_path: Path) -> None:
    if name in REFUSED:
        with pytest.raises(DocumentError) as err:
            po_round_trip(name)
        assert REFUSED[name] in refused_cleanly(err.value)
        return
    rt = po_round_trip(name)
    check_count(name, len(rt.imported.blocks))
    text = rt.exported.decode("utf-8")
    assert "charset=UTF-8" in text and '"Language: fa_AF\\n"' in text
    assert "PROJECT VERSION" not in text
    msgfmt_check(rt.exported, tmp_path)
    store = pofile.parsestring(rt.exported)
    own = [u for u in store.units if not u.isheader() and not u.isobsolete()]
    assert len(own) == PO_UNITS.get(name, reference()[name]["n"])
    for unit in own:
        if not any(ch.isalnum() for ch in FORMAT_SPEC.sub("", unit.source)):
            continue  # "%s:%d: %s" has nothing to translate
        strings = unit.target.strings if unit.hasplural() else [unit.target]
        for target in strings:
            words = FORMAT_SPEC.sub(" ", target)  # %llu is a conversion, not a word
            assert FILLER in target and not latin_left([words]), (name, unit.source, target)


def test_a_file_for_another_language_needs_retarget(tmp_path: Path) -> None:
    name = "ds_Configuring_Spelling_Checker.doc.sdlxliff"
    doc = tmp_path / name
    doc.write_bytes((realworld_dir() / name).read_bytes())
    with pytest.raises(DocumentError) as err:
        Project.create(doc, "dari", path=tmp_path / "p.tarjuman")
    assert "French (fr-FR)" in refused_cleanly(err.value)
    project = Project.create(doc, "dari", path=tmp_path / "p.tarjuman", retarget=True)
    segs = project.segments()
    assert {s.status for s in segs} == {Status.NEW}  # French targets: reference only
    assert all(b.meta.get("reference") for b in project.blocks())
    for seg in segs:
        project.set_target(seg.id, fill(seg.source))
    out = tmp_path / "out.sdlxliff"
    export(project, out)
    root = etree.fromstring(out.read_bytes())
    assert in_xliff(root, "file")[0].get("target-language") == "fa-AF"
    origins = {(s.get("conf"), s.get("origin"), s.get("percent"))
               for s in root.iter(f"{{{SDL_NS}}}seg")}
    assert origins == {("Translated", "interactive", None)}
    assert len(xlifffile.parsestring(out.read_bytes()).units) == 27


def test_po_with_foreign_targets_keeps_them_as_reference(tmp_path: Path) -> None:
    name = "tt_poswap-fr.po"  # French msgstrs, no Language header
    doc = tmp_path / name
    doc.write_bytes((realworld_dir() / name).read_bytes())
    project = Project.create(doc, "dari", path=tmp_path / "p.tarjuman")
    assert [(s.status, s.target) for s in project.segments()] == [(Status.NEW, "")] * 3
    assert all(b.meta.get("reference") for b in project.blocks())
    assert project.foreign_targets() == ("", 3)
