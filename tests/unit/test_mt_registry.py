"""Engine registry, one loaded model per process, threads from the machine, GPU choice,
MADLAD-400 on a tiny real T5 model, and routing by the user's choice or catalog quality."""

from __future__ import annotations

import json
from pathlib import Path

import ctranslate2
import pytest

from desktop_app.core.errors import ModelError
from desktop_app.core.mt import (
    argos,
    catalog,
    ct2engine,
    hardware,
    madlad,
    nllb,
    registry,
    routing,
)
from desktop_app.core.mt.manifest import NAME as MANIFEST
from desktop_app.core.mt.routing import choose, make_engine, translate_texts
from desktop_app.core.settings import Settings


def test_registry_lists_each_backend_and_recognises_files(tiny_argos: Path, tiny_nllb: Path,
                                                          tiny_madlad: Path) -> None:
    assert set(registry.NAMES) == {"argos", "nllb", "madlad"}
    assert registry.for_path(tiny_argos).name == "argos"
    assert registry.for_path(tiny_nllb).name == "nllb"
    assert registry.for_path(tiny_madlad).name == "madlad"
    with pytest.raises(Exception, match="unknown engine"):
        registry.get("marian")


def test_one_translator_for_every_decoding_option(tiny_nllb: Path) -> None:
    nllb.install(tiny_nllb)
    ct2engine.forget()
    route = choose("en", "pashto")
    dock = make_engine(route, Settings(n_best=3, beam_size=4))
    pretranslation = make_engine(route, Settings(n_best=1, beam_size=2))
    assert dock.shared is pretranslation.shared  # type: ignore[attr-defined]
    dock.translate(["Kabul."], "en", "pashto", n_best=3)
    out = pretranslation.translate(["Kabul."], "en", "pashto", n_best=1)
    assert out[0].alternatives == []
    assert dock.shared.runner.translator is pretranslation.shared.runner.translator  # type: ignore[attr-defined]
    assert ct2engine.loaded() == 1
    # Other threads are another load plan: a second copy, on purpose.
    make_engine(route, Settings(inter_threads=3))
    assert ct2engine.loaded() == 2


def test_translate_texts_with_dock_and_pretranslation_settings_loads_once(
        tiny_nllb: Path) -> None:
    nllb.install(tiny_nllb)
    ct2engine.forget()
    translate_texts(["Kabul."], "en", "dari", settings=Settings(n_best=3), use_cache=False)
    translate_texts(["Kabul."], "en", "dari", settings=Settings(n_best=1), use_cache=False)
    assert ct2engine.loaded() == 1


def test_usable_cores_respects_affinity_and_cgroup(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hardware.os, "sched_getaffinity", lambda pid: set(range(12)))
    assert hardware.usable_cores(tmp_path) == 12  # no cgroup files: affinity decides
    (tmp_path / "cpu.max").write_text("400000 100000\n")
    assert hardware.usable_cores(tmp_path) == 4
    (tmp_path / "cpu.max").write_text("max 100000\n")
    assert hardware.usable_cores(tmp_path) == 12
    monkeypatch.setattr(hardware.os, "sched_getaffinity", lambda pid: {0, 1})
    assert hardware.usable_cores(tmp_path) == 2


def test_threads_are_derived_and_overridable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    assert hardware.plan(cores=8) == hardware.Plan("cpu", "int8", 1, 8)
    assert hardware.plan(cores=2) == hardware.Plan("cpu", "int8", 1, 2)
    assert hardware.plan(cores=64).inter_threads == hardware.MAX_WORKERS
    assert hardware.plan(intra_threads=2, cores=8) == hardware.Plan("cpu", "int8", 2, 4)
    assert hardware.plan(intra_threads=3, inter_threads=1, cores=8).inter_threads == 1


def test_gpu_used_when_ctranslate2_sees_one(monkeypatch: pytest.MonkeyPatch,
                                            tiny_madlad: Path) -> None:
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)
    p = hardware.plan()
    assert (p.device, p.compute_type) == ("cuda", "int8_float16")
    assert "GPU" in p.describe()
    assert hardware.plan(device="cpu").device == "cpu"
    # MADLAD float16 output is garbage: on a GPU it runs int8 with float32 activations.
    assert madlad.BACKEND.plan(Settings()).compute_type == "int8_float32"
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    assert hardware.plan().device == "cpu"


def test_madlad_prefixes_the_target_token_and_translates(tiny_madlad: Path) -> None:
    info = madlad.BACKEND.install(tiny_madlad)
    assert info.engine == "madlad" and ("en", "ps") in info.pairs and ("en", "prs") in info.pairs
    assert "Apache-2.0" in info.license_note
    engine = make_engine(choose("en", "pashto"), Settings())
    shared = engine.shared  # type: ignore[attr-defined]
    assert shared.encode("Kabul.", "en", "ps")[0] == "<2ps>"
    assert shared.encode("Kabul.", "en", "prs")[0] == "<2prs>"
    assert shared.encode("Kabul.", "en", "ps")[-1] == "</s>"
    assert shared.target_prefix("en", "ps") == []
    pashto = translate_texts(["Ahmad Massoud spoke in Kabul."], "en", "pashto")
    dari = translate_texts(["Ahmad Massoud spoke in Kabul."], "en", "dari")
    assert pashto[0].text and dari[0].text and pashto[0].text != dari[0].text
    assert pashto[0].origin == f"madlad:{info.id}"


def test_user_choice_wins_else_catalog_quality(tiny_nllb: Path, tiny_madlad: Path,
                                               tmp_path: Path) -> None:
    small = nllb.install(tiny_nllb, "nllb-small")
    big = nllb.install(tiny_nllb, "nllb-big")
    mad = madlad.BACKEND.install(tiny_madlad)
    # Mark them as the catalog's 600M and 1.3B downloads: 1.3B has the better figures.
    for info, cid in ((small, "nllb-200-distilled-600M-int8"),
                      (big, "nllb-200-distilled-1.3B-int8")):
        path = Path(info.path) / MANIFEST
        data = json.loads(path.read_text())
        path.write_text(json.dumps({**data, "catalog_id": cid}))
    assert catalog.quality("nllb-200-distilled-1.3B-int8", "nllb", "ps") == 37.3
    assert choose("en", "pashto").model.id == "nllb-big"
    assert choose("en", "dari").model.id == "nllb-big"
    assert choose("en", "pashto", settings=Settings(mt_model=mad.id)).model.id == mad.id
    assert choose("en", "pashto", "madlad").model.id == mad.id
    assert routing.rank([mad, small], "ps")[0].id == "nllb-small"


def test_catalog_lists_the_dari_and_pashto_models() -> None:
    entries = {e.id: e for e in catalog.load()}
    assert {"nllb-200-distilled-600M-int8", "nllb-200-distilled-1.3B-int8",
            "madlad400-3b-mt-int8", "argos-en-fa", "argos-fa-en"} <= set(entries)
    mad = entries["madlad400-3b-mt-int8"]
    assert mad.license == "Apache-2.0" and {"prs", "ps"} <= set(mad.languages)
    assert entries["nllb-200-distilled-600M-int8"].quality("dari") == 49.0
    assert all(e.engine in registry.NAMES for e in entries.values())
    with pytest.raises(ModelError, match="no catalog entry"):
        catalog.get("gpt")


def test_a_chosen_persian_package_serves_dari_even_beside_an_nllb_model(
        tiny_argos: Path, tiny_nllb: Path) -> None:
    persian = argos.install(tiny_argos)
    nllb.install(tiny_nllb, "nllb-small")
    assert choose("en", "dari").model.engine == "nllb"  # the model made for Dari by default
    route = choose("en", "dari", settings=Settings(mt_model=persian.id))
    assert route.model.id == persian.id and route.note == argos.PERSIAN_FOR_DARI_NOTE
