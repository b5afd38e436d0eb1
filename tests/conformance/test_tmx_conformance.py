from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop_app.core import tmx
from desktop_app.core.documents.base import strip_tags
from tests.conformance.conftest import conformance_dir

FILES = sorted(p.relative_to(conformance_dir()).as_posix()
               for p in (conformance_dir() / "tmx").glob("*.tmx"))


def plain(text: str) -> str:
    return " ".join(strip_tags(text).split())


def test_the_set_is_all_there(expected: dict) -> None:
    assert sorted(k for k in expected["valid"] if k.startswith("tmx/")) == FILES


@pytest.mark.parametrize("name", FILES)
def test_tmx_facts(name: str, conformance: Path, expected: dict) -> None:
    facts = expected["valid"][name]
    doc = tmx.parse((conformance / name).read_bytes(), name)
    assert doc.version == facts["tmx_version"]
    assert doc.srclang == facts["srclang"]
    assert len(doc.units) == facts["tu_count"]
    assert sum(len(u.variants) for u in doc.units) == facts["tuv_count"]
    sample = facts["sample"]
    unit = doc.units[sample["tu_index"]]
    assert plain(unit.variants[sample["source_lang"]]) == sample["source_text"]
    assert plain(unit.variants[sample["target_lang"]]) == sample["target_text"]
    assert len(re.findall(r"⟨/?\d+/?⟩", unit.variants[sample["source_lang"]])) == sum(
        sample["source_inline"].values())


def test_invalid_tmx_is_refused(conformance: Path) -> None:
    name = "INVALID-SCHEMA_omegat_tmx14_ept-before-bpt_wellformed.tmx"
    with pytest.raises(tmx.TmxError, match="ept|bpt"):
        tmx.parse((conformance / "invalid" / name).read_bytes(), name)


def test_written_tmx_reads_back() -> None:
    data = tmx.write([("The ⟨1⟩Northern Alliance⟨/1⟩ held.", "ائتلاف شمال ⟨2/⟩نگه داشت.")],
                     "en", "fa-AF")
    doc = tmx.parse(data)
    assert doc.version == "1.4" and doc.srclang == "en"
    assert plain(doc.units[0].variants["fa-AF"]) == "ائتلاف شمال نگه داشت."
