"""MT through the real path in-process: tiny real models, real CTranslate2, real SQLite cache."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from desktop_app.core.errors import NoModelError
from desktop_app.core.mt import argos, nllb
from desktop_app.core.mt.cache import MTCache
from desktop_app.core.mt.ct2run import plan_batches
from desktop_app.core.mt.engine import Cancelled
from desktop_app.core.mt.routing import choose, translate_texts
from desktop_app.core.paths import mt_cache_file
from desktop_app.core.settings import Settings

SENTENCES = [
    "The Northern Alliance held Panjshir.",
    "Ahmad Massoud spoke in Kabul.",
    "The Northern Alliance held Panjshir.",
    "",
    "Zabihullah Mujahid is the spokesperson of the Taliban.",
]


def test_plan_batches_sorts_and_cuts() -> None:
    lengths = [5, 1, 9, 3, 7]
    assert plan_batches(lengths, 2, "examples") == [[1, 3], [0, 4], [2]]
    assert plan_batches(lengths, 10, "tokens") == [[1, 3, 0], [4], [2]]
    assert sorted(i for b in plan_batches(lengths, 3, "tokens") for i in b) == [0, 1, 2, 3, 4]


def test_routing_prefers_nllb_for_dari_and_needs_it_for_pashto(tiny_argos: Path,
                                                               tiny_nllb: Path) -> None:
    argos.install(tiny_argos)
    route = choose("en", "dari")
    assert route.model.engine == "argos" and route.note == argos.PERSIAN_FOR_DARI_NOTE
    with pytest.raises(NoModelError, match="Pashto.*tarjuman models install"):
        choose("en", "pashto")
    nllb.install(tiny_nllb)
    assert choose("en", "dari").model.engine == "nllb"
    assert choose("en", "pashto").model.engine == "nllb"
    assert choose("pashto", "en").model.engine == "nllb"
    assert choose("en", "dari", "argos").model.engine == "argos"


def test_translate_dedups_caches_and_reruns_free(tiny_nllb: Path, socket_guard) -> None:
    nllb.install(tiny_nllb)
    settings = Settings(n_best=3, beam_size=4)
    seen: list[tuple[int, int]] = []
    first = translate_texts(SENTENCES, "en", "pashto", settings=settings,
                            on_progress=lambda d, t: seen.append((d, t)))
    assert [r.source for r in first] == SENTENCES
    assert first[0].text == first[2].text and first[0].text
    assert first[3].text == ""
    assert all(len(r.alternatives) == 2 for r in first if r.source)
    assert seen[-1] == (3, 3)  # three distinct non-empty segments
    assert not any(r.cached for r in first)
    assert MTCache(mt_cache_file()).count() == 3

    again = translate_texts(SENTENCES, "en", "pashto", settings=settings)
    assert [r.text for r in again] == [r.text for r in first]
    assert all(r.cached for r in again if r.source)
    assert socket_guard.attempts == []


def test_cache_key_depends_on_direction_and_options(tiny_nllb: Path) -> None:
    nllb.install(tiny_nllb)
    translate_texts(SENTENCES[:2], "en", "pashto", settings=Settings())
    translate_texts(SENTENCES[:2], "en", "dari", settings=Settings())
    translate_texts(SENTENCES[:2], "en", "dari", settings=Settings(beam_size=2))
    assert MTCache(mt_cache_file()).count() == 6


def test_cancel_between_batches_keeps_finished_work(tiny_nllb: Path) -> None:
    nllb.install(tiny_nllb)
    texts = [f"Report number {i} from Kabul." for i in range(300)]
    calls = {"n": 0}

    def cancel() -> bool:
        calls["n"] += 1
        return calls["n"] > 2

    with pytest.raises(Cancelled):
        translate_texts(texts, "en", "dari", settings=Settings(max_batch_size=4), cancel=cancel)
    kept = MTCache(mt_cache_file()).count()
    assert 0 < kept < len(texts)


def test_argos_target_prefix_is_honoured(tiny_argos: Path, tmp_path: Path) -> None:
    # Re-pack the package with a target_prefix, as multilingual Argos packages carry.
    prefixed = tmp_path / "prefixed.argosmodel"
    with zipfile.ZipFile(tiny_argos) as zin, zipfile.ZipFile(prefixed, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.endswith("metadata.json"):
                meta = json.loads(data)
                meta["target_prefix"] = "▁Kabul"
                data = json.dumps(meta).encode()
            zout.writestr(item.filename.replace("translate-en_fa-1_0", "prefixed"), data)
    info = argos.install(prefixed)
    engine = argos.BACKEND.engine(info, Settings())
    assert engine.shared.target_prefix("en", "fa") == ["▁Kabul"]
    out = engine.translate(["Ahmad Massoud spoke in Kabul."], "en", "fa")
    plain = argos.BACKEND.engine(argos.install(tiny_argos), Settings()).translate(
        ["Ahmad Massoud spoke in Kabul."], "en", "fa")
    assert out[0].text != plain[0].text  # decoding started from the prefix
    assert not out[0].text.startswith("Kabul")  # and the prefix was dropped


def test_remove_and_reinstall(tiny_argos: Path) -> None:
    info = argos.install(tiny_argos)
    with pytest.raises(Exception, match="already installed"):
        argos.install(tiny_argos)
    argos.remove(info.id)
    assert argos.installed() == []
    assert argos.install(tiny_argos).id == info.id


def test_nllb_copy_is_independent_of_source(tiny_nllb: Path, tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(tiny_nllb, src)
    info = nllb.install(src, "mine")
    shutil.rmtree(src)
    assert translate_texts(["Kabul."], "en", "pashto")[0].model_id == info.id == "mine"
