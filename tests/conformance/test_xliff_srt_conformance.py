"""XLIFF and SRT files written by other tools: the facts a correct importer recovers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop_app.core.documents.base import DocumentError, strip_tags
from desktop_app.core.documents.subtitles import Subtitles
from desktop_app.core.documents.xliff import Xliff
from tests.conformance.conftest import conformance_dir

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
