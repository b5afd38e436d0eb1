"""XLIFF and SRT files written by other tools: the facts a correct importer recovers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from desktop_app.core.documents.base import DocumentError, strip_tags, tag_ids
from desktop_app.core.documents.subtitles import Subtitles
from desktop_app.core.documents.xliff import Xliff, first, is_v2, seg_marks, units
from desktop_app.core.documents.xliff_states import SDL_NS
from desktop_app.core.exports import export
from desktop_app.core.project import Project
from desktop_app.core.review import ReviewError
from desktop_app.core.segments import Status
from desktop_app.core.xmlsafe import local
from tests.conformance.conftest import conformance_dir
from tests.fixtures.sessions import import_review

FILES = sorted(p.relative_to(conformance_dir()).as_posix()
               for p in (conformance_dir() / "xliff").iterdir())


def plain(text: str | None) -> str | None:
    return None if text is None else " ".join(strip_tags(text).split())


def test_the_set_is_all_there(expected: dict) -> None:
    assert sorted(k for k in expected["valid"] if k.startswith("xliff/")) == FILES


@pytest.mark.parametrize("name", FILES)
def test_xliff_facts(name: str, conformance: Path, expected: dict) -> None:
    facts = expected["valid"][name]
    doc = Xliff().load((conformance / name).read_bytes(), name)
    blocks = {b.id: b for b in doc.blocks}
    if facts["xliff_version"] == "2.0":
        skipped = len(facts["translate_no_units"])
        assert len(doc.blocks) == facts["segment_count"] - skipped
        assert doc.source_lang == facts["srcLang"]
        assert sum(1 for b in doc.blocks if b.target.strip()) == facts[
            "segments_with_nonempty_target"]
        first = facts["sample_first_unit"]
        block = next(b for b in doc.blocks if b.meta["unit"] == first["unit_id"])
        assert plain(block.text) == first["source_text"]
        assert (plain(block.target) or None) == (first["target_text"] or None)
        tagged = facts["tagged_sample"]
        block = next(b for b in doc.blocks if b.meta["unit"] == tagged["unit_id"])
        assert plain(block.text) == " ".join(tagged["source_text_without_codes"].split())
        assert len(re.findall(r"⟨\d+/?⟩", block.text)) == sum(tagged["source_inline"].values())
    else:
        assert doc.source_lang == facts["source_language"]
        assert doc.target_lang == facts["target_language"]
        if "seg_source_segment_count" in facts:
            assert len(doc.blocks) == facts["seg_source_segment_count"]
            seg = facts["segment_sample"]
            block = blocks[f"{seg['trans_unit_id']}#{seg['mid']}"]
            assert (plain(block.text), plain(block.target)) == (seg["source_text"],
                                                                seg["target_text"])
        else:
            assert len(doc.blocks) == facts["trans_unit_count"] - facts["translate_no_count"]
            assert sum(1 for b in doc.blocks if b.target.strip()) == facts[
                "with_nonempty_target"]
            sample = facts["sample"]
            block = blocks[sample["id"]] if sample["id"] else doc.blocks[0]
            assert plain(block.text) == sample["source_text"]
            assert plain(block.target) == sample["target_text"]
            assert block.meta["state"] == (sample["target_state"] or "")
        if "tagged_sample" in facts:
            tagged = facts["tagged_sample"]
            block = blocks[tagged["id"]]
            assert plain(block.text) == " ".join(tagged["source_text_without_codes"].split())
            assert plain(block.target) == " ".join(tagged["target_text_without_codes"].split())


@pytest.mark.parametrize("name", FILES)
def test_xliff_exports_as_xliff2_and_reads_back(name: str, conformance: Path) -> None:
    data = (conformance / name).read_bytes()
    doc = Xliff().load(data, name)
    targets = {b.id: b.target or b.text for b in doc.blocks}
    again = Xliff().load(Xliff().save(data, name, targets, "prs"), "out.xlf")
    assert [plain(b.text) for b in again.blocks] == [plain(b.text) for b in doc.blocks]
    assert [plain(b.target) for b in again.blocks] == [plain(targets[b.id]) for b in doc.blocks]


@pytest.mark.parametrize("name", sorted(p.name for p in (conformance_dir() / "invalid").glob(
    "*.xlf")))
def test_invalid_xliff_is_refused(name: str, conformance: Path) -> None:
    with pytest.raises(DocumentError):
        Xliff().load((conformance / "invalid" / name).read_bytes(), name)


def test_srt_facts(conformance: Path, expected: dict) -> None:
    facts = expected["valid"]["other/okapi_srttest_en.srt"]
    data = (conformance / "other" / "okapi_srttest_en.srt").read_bytes()
    doc = Subtitles().load(data, "test.srt")
    assert len(doc.blocks) == facts["cue_count"]
    first = doc.blocks[0]
    assert first.meta["timing"] == facts["first_cue"]["timing"]
    assert strip_tags(first.text).split("\n") == [
        re.sub(r"</?b>", "", line) for line in facts["first_cue"]["text_lines"]]
    assert doc.blocks[-1].text.split("\n") == facts["last_cue_text"]
    # Untranslated export gives back the same cues, timings and markup.
    out = Subtitles().save(data, "test.srt", {b.id: b.text for b in doc.blocks}, "prs")
    assert out.decode().strip() == data.decode().replace("\r\n", "\n").strip()


# -- the client's file back: import into a project, translate, export, re-import ----------

V1_STATES = {"new", "needs-translation", "needs-adaptation", "needs-l10n",
             "needs-review-adaptation", "needs-review-l10n", "needs-review-translation",
             "translated", "signed-off", "final"}
V2_STATES = {"initial", "translated", "reviewed", "final"}


def _inline_names(el: etree._Element | None) -> list[tuple[str, str]]:
    if el is None:
        return []
    return [(local(c), c.get("id") or c.get("startRef") or c.get("rid") or "")
            for c in el.iter() if c is not el and isinstance(c.tag, str)
            and not (local(c) == "mrk" and c.get("mtype") == "seg")]


def _check_structure(original: bytes, out: bytes, name: str) -> None:
    """What the XLIFF schemas require of what export touched, and that nothing else
    changed: same root, version, namespaces, files, units and their ids, notes and
    skeleton; targets in their place with the source's codes; states from the lists."""
    a, b = etree.fromstring(original), etree.fromstring(out)
    assert (b.tag, b.get("version"), b.nsmap) == (a.tag, a.get("version"), a.nsmap)
    v2 = is_v2(a)
    unit_name = "unit" if v2 else "trans-unit"
    ua, ub = units(a, unit_name), units(b, unit_name)
    assert [u.get("id") for u in ua] == [u.get("id") for u in ub]
    for name_ in ("file", "note", "skeleton", "alt-trans", "originalData", "group"):
        assert (sum(1 for e in a.iter() if local(e) == name_)
                == sum(1 for e in b.iter() if local(e) == name_)), name_
    if v2:
        assert b.get("trgLang")
        for seg in (s for s in b.iter() if local(s) == "segment"):
            kids = [local(c) for c in seg]
            assert kids[0] == "source" and kids[:2].count("target") <= 1
            assert seg.get("state", "initial") in V2_STATES
            assert "subState" not in seg.attrib or seg.get("state")
            target = first(seg, "target")
            if target is not None and target.text and target.text.startswith("ترجمه"):
                assert _inline_names(target) == _inline_names(first(seg, "source"))
        return
    for unit in ub:
        kids = [local(c) for c in unit if isinstance(c.tag, str)]
        assert kids[0] == "source"
        if "target" in kids:
            assert kids.index("target") == (2 if "seg-source" in kids else 1)
            target = first(unit, "target")
            assert target.get("state", "new") in V1_STATES
            if "ترجمه" in "".join(target.itertext()) and "seg-source" not in kids:
                assert _inline_names(target) == _inline_names(first(unit, "source"))
            if "seg-source" in kids:
                assert ([m.get("mid") for m in seg_marks(target)]
                        == [m.get("mid") for m in seg_marks(first(unit, "seg-source"))])


@pytest.mark.parametrize("name", FILES)
def test_client_xliff_round_trips_through_a_project(name: str, conformance: Path,
                                                    tmp_path: Path) -> None:
    original = (conformance / name).read_bytes()
    doc = tmp_path / Path(name).name
    doc.write_bytes(original)
    project = Project.create(doc, "prs", path=tmp_path / "p.tarjuman", retarget=True)
    before = Xliff().load(original, name)
    segs = project.segments()
    assert [s.block_id for s in segs] == [b.id for b in before.blocks]  # one to one
    locked = {b.id for b in before.blocks if b.meta.get("locked")}
    want: dict[str, tuple[str, Status]] = {}
    for k, seg in enumerate(segs):
        text = "ترجمه " + seg.source  # keeps the source's tags, in place
        status = (Status.EDITED, Status.CONFIRMED, Status.MT)[k % 3]
        if status is Status.MT:
            project.apply_machine([(seg.id, text, "mt:nllb")], overwrite=True)
            if project.segment(seg.id).status is not Status.MT:
                project.set_target(seg.id, text, status=Status.MT, origin="mt:nllb")
        elif status is Status.CONFIRMED:
            project.confirm(seg.id, text)
        else:
            project.set_target(seg.id, text)
        want[seg.block_id] = (text, status)
    out = tmp_path / ("out" + Path(name).suffix)
    export(project, out)
    data = out.read_bytes()
    _check_structure(original, data, name)
    again = Xliff().load(data, out.name)
    assert [b.id for b in again.blocks] == [b.id for b in before.blocks]
    assert [b.text for b in again.blocks] == [b.text for b in before.blocks]
    for block in again.blocks:
        if block.id in locked:
            continue
        text, status = want[block.id]
        assert block.target == text, block.id
        assert tag_ids(block.target) == tag_ids(block.text)
        assert block.meta["status"] == status.value, block.id
    # and once more: a second export of the re-imported file changes nothing more
    assert Xliff().save(data, out.name, {b.id: b.target for b in again.blocks}, "prs") == data


def test_trados_conf_and_locked_come_back(conformance: Path, tmp_path: Path) -> None:
    name = "trados-studio_sdlxliff_it-IT_en-US_seg-states.sdlxliff"
    data = (conformance / "xliff" / name).read_bytes()
    blocks = Xliff().load(data, name).blocks
    confs = [b.meta["conf"] for b in blocks]
    assert confs.count("ApprovedSignOff") == 2 and confs.count("Draft") == 2
    assert {b.meta["status"] for b in blocks if b.meta["conf"] == "ApprovedTranslation"
                                 and b.target} == {
        "confirmed"}
    assert {b.meta["status"] for b in blocks if b.meta["conf"] == "Draft" and b.target} == {"mt"}
    # untouched segments keep their conf; an edited one is written "Translated"
    first_block = blocks[0]
    out = Xliff().save(data, name, {first_block.id: "Uno"}, "en")
    root = etree.fromstring(out)
    seg_defs = {s.get("id"): s.get("conf") for s in root.iter(f"{{{SDL_NS}}}seg")}
    original = {s.get("id"): s.get("conf") for s in etree.fromstring(data).iter(
        f"{{{SDL_NS}}}seg")}
    assert seg_defs.pop(first_block.meta["mid"]) == "Translated"
    original.pop(first_block.meta["mid"])
    assert seg_defs == original
    # a locked segment is never overwritten
    locked = data.replace(b'<sdl:seg id="1" origin="interactive">',
                          b'<sdl:seg id="1" origin="interactive" locked="true">')
    assert Xliff().load(locked, name).blocks[0].meta["locked"]
    assert Xliff().save(locked, name, {first_block.id: "Uno"}, "en") == locked


def test_client_xliff_comes_back_after_review(tmp_path: Path, conformance: Path) -> None:
    name = "msdocs-mdxliff-logoport_xliff12_en-US_ar-SA_bpt-ept-ph.xlf"
    doc = tmp_path / name
    doc.write_bytes((conformance / "xliff" / name).read_bytes())
    # its ar-SA targets are reference only: the translator writes the Dari one
    project = Project.create(doc, "prs", path=tmp_path / "x.tarjuman", retarget=True)
    seg = project.segments()[0]
    project.set_target(seg.id, "ترجمه " + seg.source)
    out = tmp_path / "out.xlf"
    export(project, out)
    data = out.read_bytes().replace('state="translated">ترجمه'.encode(),
                                    'state="final">ترجمه'.encode(), 1)
    assert 'state="final">ترجمه'.encode() in data
    out.write_bytes(data)
    import_review(project, out)
    assert project.segment(seg.id).status is Status.CONFIRMED
    wrong = tmp_path / "wrong.xlf"
    wrong.write_bytes((conformance / "xliff" / "omegat-test_xliff11_inline-bpt-ept-it-ph-"
                       "g-x-mrk.xlf").read_bytes())
    with pytest.raises(ReviewError):
        import_review(project, wrong)
