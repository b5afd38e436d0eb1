"""``models install`` killed at random moments (SIGKILL): afterwards the model is either
absent or whole (listed and translating), never listed-but-broken and never stuck; the
next install works. Also the MADLAD-400 path end to end through the real CLI."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from desktop_app.core.mt import registry
from desktop_app.core.mt.routing import translate_texts
from desktop_app.core.resources import sample
from tests.conftest import ROOT

RUNS = 20


def _start(home: Path, *args: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARGOS_", "XDG_"))}
    env.update({"TARJUMAN_HOME": str(home), "PYTHONPATH": str(ROOT)})
    return subprocess.Popen([sys.executable, "-m", "desktop_app", *args], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_killed_install_leaves_nothing_or_a_whole_model(tarjuman_home: Path, tiny_nllb: Path,
                                                        tiny_argos: Path) -> None:
    rng = random.Random(12)
    sources = [tiny_nllb, tiny_argos]
    started = time.monotonic()
    full = _start(tarjuman_home, "models", "install", str(tiny_nllb))
    assert full.wait(120) == 0
    duration = time.monotonic() - started
    registry.get("nllb").remove(registry.installed()[0].id)
    outcomes = {"absent": 0, "whole": 0}
    for run in range(RUNS):
        source = sources[run % 2]
        proc = _start(tarjuman_home, "models", "install", str(source))
        time.sleep(rng.uniform(0.05, duration * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        proc.communicate()
        models = registry.installed()
        assert len(models) <= 1
        if models:
            # A listed model loads and decodes (a broken one raises here).
            out = translate_texts(["Ahmad Massoud spoke to reporters in Kabul."], "en",
                                  "fa" if models[0].engine == "argos" else "pashto",
                                  use_cache=False)
            assert out[0].model_id == models[0].id
            registry.get(models[0].engine).remove(models[0].id)
            outcomes["whole"] += 1
        else:
            outcomes["absent"] += 1
    # Nothing stuck: a fresh install works and leaves no staging behind.
    done = _start(tarjuman_home, "models", "install", str(tiny_nllb))
    assert done.wait(120) == 0, done.communicate()[1]
    assert len(registry.installed()) == 1
    staging = tarjuman_home / "models" / ".staging"
    assert not staging.exists() or list(staging.iterdir()) == []
    assert outcomes["absent"] + outcomes["whole"] == RUNS
    assert outcomes["absent"] > 0, outcomes  # the kills did land mid-install


def test_madlad_install_and_translate_to_pashto_and_dari(cli, tiny_madlad: Path,
                                                         tmp_path: Path) -> None:
    r = cli("models", "install", str(tiny_madlad))
    assert r.returncode == 0, r.stderr
    assert "[madlad]" in r.stdout and "Apache-2.0" in r.stdout
    listing = cli("models", "list")
    assert "madlad-tiny  [madlad" in listing.stdout and "runs on: CPU" in listing.stdout
    listed = json.loads(cli("models", "list", "--json").stdout)
    assert listed["device"] == "cpu" and listed["inter_threads"] >= 1
    src = sample("panjshir.txt")
    for target in ("pashto", "dari"):
        out = tmp_path / f"{target}.txt"
        r = cli("translate", str(src), "--to", target, "-o", str(out))
        assert r.returncode == 0, r.stderr
        text = out.read_text("utf-8")
        assert any("\u0600" <= ch <= "\u06ff" for ch in text)


def test_the_users_choice_of_model_wins(cli, tiny_madlad: Path, tiny_nllb: Path,
                                        tmp_path: Path) -> None:
    assert cli("models", "install", str(tiny_nllb)).returncode == 0
    assert cli("models", "install", str(tiny_madlad)).returncode == 0
    project = tmp_path / "p.tarjuman"
    assert cli("project", "new", str(sample("panjshir.txt")), "--to", "pashto", "-o",
               str(project)).returncode == 0
    r = cli("models", "use", "madlad-tiny")
    assert r.returncode == 0 and "madlad-tiny" in r.stdout
    assert "* madlad-tiny" in cli("models", "list").stdout
    r = cli("project", "pretranslate", str(project))
    assert r.returncode == 0, r.stderr
    origins = {s["origin"] for s in json.loads(cli("project", "segments", str(project),
                                                   "--json").stdout) if s["origin"]}
    assert origins == {"mt:madlad:madlad-tiny"}
    assert cli("models", "use", "--clear").returncode == 0
    out = tmp_path / "o.txt"
    r = cli("translate", str(sample("panjshir.txt")), "--to", "pashto", "-o", str(out),
            "--model", "nllb-tiny", "--no-cache")
    assert r.returncode == 0, r.stderr
    r = cli("translate", str(sample("panjshir.txt")), "--to", "pashto", "-o", str(out),
            "--model", "nope")
    assert r.returncode == 1 and "no installed model" in r.stderr
