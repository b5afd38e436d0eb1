"""The model catalog and downloads through huggingface_hub against a loopback Hub serving
tiny real models: progress, resume after a dropped connection, hash verification, licence
refusal, offline failure; and export -> install on another data dir."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import pytest

from desktop_app.core.errors import ModelError, NetworkError
from desktop_app.core.mt import catalog, downloads, registry
from desktop_app.core.mt.manifest import read as read_manifest
from desktop_app.core.mt.routing import translate_texts
from desktop_app.core.resources import sample
from tests.conftest import run_cli
from tests.fixtures.hub_server import Hub, serve

NLLB_ID = "nllb-200-distilled-600M-int8"
MADLAD_ID = "madlad400-3b-mt-int8"


def _hub(tiny_nllb: Path, tiny_madlad: Path) -> Hub:
    hub = Hub({})
    hub.add_folder(catalog.get(NLLB_ID).source["repo"], tiny_nllb)
    hub.add_folder(catalog.get(MADLAD_ID).source["repo"], tiny_madlad)
    hub.repos[catalog.get(MADLAD_ID).source["repo"]][".gitattributes"] = b"*.bin lfs\n"
    return hub


def _dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_catalog_lists_entries_and_what_is_installed(cli, tiny_madlad: Path) -> None:
    r = cli("models", "catalog")
    assert r.returncode == 0, r.stderr
    for entry_id in (NLLB_ID, "nllb-200-distilled-1.3B-int8", MADLAD_ID, "argos-en-fa"):
        assert entry_id in r.stdout
    assert "CC-BY-NC-4.0" in r.stdout and "Apache-2.0" in r.stdout and "ps 35.3" in r.stdout
    rows = json.loads(cli("models", "catalog", "--json").stdout)
    assert not any(row["installed"] for row in rows)
    assert {row["id"]: row for row in rows}[MADLAD_ID]["source"]["repo"]


def test_download_with_progress_and_provenance(cli, tiny_nllb: Path, tiny_madlad: Path,
                                               tmp_path: Path) -> None:
    with serve(_hub(tiny_nllb, tiny_madlad)) as hub:
        r = cli("models", "download", NLLB_ID, "--yes", extra_env={"HF_ENDPOINT": hub.url})
        assert r.returncode == 0, r.stderr
    assert f"downloading {NLLB_ID}" in r.stderr
    assert "every file verified" in r.stdout and "CC-BY-NC-4.0" in r.stdout
    listed = json.loads(cli("models", "list", "--json").stdout)["local"]
    assert [m["id"] for m in listed] == [NLLB_ID] and listed[0]["catalog_id"] == NLLB_ID
    record = read_manifest(Path(listed[0]["path"]))
    assert record["source"]["repo"] == catalog.get(NLLB_ID).source["repo"]
    assert record["source"]["revision"] == hub.commit
    assert set(record["files"]) == {"model.bin", "config.json", "sentencepiece.bpe.model",
                                    "shared_vocabulary.json"}
    assert json.loads(cli("models", "catalog", "--json").stdout)[0]["installed"]
    out = tmp_path / "ps.txt"
    r = cli("translate", str(sample("panjshir.txt")), "--to", "pashto", "-o", str(out))
    assert r.returncode == 0, r.stderr


def test_a_dropped_connection_resumes_where_it_stopped(cli, tiny_nllb: Path,
                                                       tiny_madlad: Path) -> None:
    chunk = 10 * 1024 * 1024  # huggingface_hub writes what it received in 10 MB chunks
    with serve(_hub(tiny_nllb, tiny_madlad)) as hub:
        repo = catalog.get(MADLAD_ID).source["repo"]
        hub.repos[repo]["extra.bin"] = bytes(range(256)) * (chunk // 256 + 4096)
        hub.drop_after["extra.bin"] = chunk + 1000  # the connection drops once, past 10 MB
        r = cli("models", "download", MADLAD_ID, "--yes", extra_env={"HF_ENDPOINT": hub.url})
        assert r.returncode == 0, r.stderr
        ranged = [rng for method, path, rng in hub.requests
                  if method == "GET" and path.endswith("/extra.bin") and rng]
    assert ranged == [f"bytes={chunk}-"]  # the retry asked only for what was missing
    assert "every file verified" in r.stdout
    assert json.loads(cli("models", "list", "--json").stdout)["local"][0]["id"] == MADLAD_ID


def test_licence_must_be_accepted(tarjuman_home: Path, tiny_nllb: Path,
                                  tiny_madlad: Path) -> None:
    with serve(_hub(tiny_nllb, tiny_madlad)) as hub:
        env = {"HF_ENDPOINT": hub.url}
        r = run_cli("models", "download", MADLAD_ID, home=tarjuman_home, extra_env=env,
                    input_text="n\n")
        assert r.returncode == 1
        assert "Apache-2.0" in r.stderr and "not accepted" in r.stderr
        assert "Traceback" not in r.stderr
        assert hub.requests == []  # nothing asked of the network before the licence
        r = run_cli("models", "download", MADLAD_ID, home=tarjuman_home, extra_env=env,
                    input_text="y\n")
        assert r.returncode == 0, r.stderr
    assert [m.id for m in registry.installed()] == [MADLAD_ID]


def test_hash_mismatch_is_refused_then_a_rerun_resumes(tiny_nllb: Path, tiny_madlad: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from huggingface_hub import constants

    # The app switches third-party hub access off; an explicit download still works.
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    entry = catalog.get(NLLB_ID)
    with serve(_hub(tiny_nllb, tiny_madlad)) as hub:
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        good = hub.repos[entry.source["repo"]]["sentencepiece.bpe.model"]
        hub.corrupt["sentencepiece.bpe.model"] = bytes(reversed(good))
        seen: list[tuple[int, int]] = []
        with pytest.raises(ModelError, match="sentencepiece.bpe.model failed verification"):
            downloads.download(entry, accept=True, on_progress=lambda d, t: seen.append((d, t)))
        assert registry.installed() == []
        assert seen and seen[-1][1] == sum(len(d) for d in hub.repos[entry.source["repo"]]
                                           .values())
        del hub.corrupt["sentencepiece.bpe.model"]
        fetched = len([1 for m, p, _ in hub.requests if m == "GET" and p.endswith("model.bin")])
        info = downloads.download(entry, accept=True)
        again = len([1 for m, p, _ in hub.requests if m == "GET" and p.endswith("model.bin")])
    assert again == fetched  # model.bin was kept from the first run, not fetched twice
    assert info.id == NLLB_ID
    assert translate_texts(["Kabul."], "en", "dari")[0].model_id == NLLB_ID
    assert not downloads.partial_dir(entry).exists()
    assert constants.HF_HUB_OFFLINE is True  # and it is switched off again


def test_offline_fails_in_seconds_with_one_line(tarjuman_home: Path) -> None:
    started = time.monotonic()
    r = run_cli("models", "download", NLLB_ID, "--yes", home=tarjuman_home,
                extra_env={"HF_ENDPOINT": f"http://127.0.0.1:{_dead_port()}"})
    assert time.monotonic() - started < 15
    assert r.returncode == 1
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "offline" in r.stderr and "Traceback" not in r.stderr
    assert registry.installed() == []


def test_no_network_leaves_the_machine_in_process(socket_guard, tarjuman_home: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HF_ENDPOINT", raising=False)
    with pytest.raises(NetworkError, match="huggingface.co"):
        downloads.download(catalog.get(NLLB_ID), accept=True)
    assert socket_guard.attempts  # the guard refused it; nothing went out


def test_export_then_install_on_another_data_dir(cli, tiny_madlad: Path, tiny_argos: Path,
                                                 tmp_path: Path) -> None:
    assert cli("models", "install", str(tiny_madlad)).returncode == 0
    assert cli("models", "install", str(tiny_argos)).returncode == 0
    other = tmp_path / "other-home"
    other.mkdir()
    for model_id in ("madlad-tiny", "translate-en_fa-1_0"):
        packed = tmp_path / f"{model_id}.zip"
        r = cli("models", "export", model_id, "-o", str(packed))
        assert r.returncode == 0, r.stderr
        r = run_cli("models", "install", str(packed), home=other)
        assert r.returncode == 0, r.stderr
        assert model_id in r.stdout
    listed = json.loads(run_cli("models", "list", "--json", home=other).stdout)["local"]
    assert {m["id"]: m["engine"] for m in listed} == {"madlad-tiny": "madlad",
                                                     "translate-en_fa-1_0": "argos"}
    out = tmp_path / "out.txt"
    r = run_cli("translate", str(sample("panjshir.txt")), "--to", "pashto", "-o", str(out),
                home=other)
    assert r.returncode == 0, r.stderr
    r = cli("models", "export", "nope", "-o", str(tmp_path / "x.zip"))
    assert r.returncode == 1 and "no installed model" in r.stderr


def test_a_killed_download_resumes_on_the_next_run(tarjuman_home: Path, tiny_nllb: Path,
                                                   tiny_madlad: Path) -> None:
    import os
    import signal
    import subprocess
    import sys

    from tests.conftest import ROOT

    chunk = 10 * 1024 * 1024
    with serve(_hub(tiny_nllb, tiny_madlad)) as hub:
        repo = catalog.get(MADLAD_ID).source["repo"]
        hub.repos[repo]["extra.bin"] = bytes(range(256)) * (chunk // 256 + 4096)
        hub.stall_after["extra.bin"] = chunk + 5000  # then the server hangs: kill the client
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ARGOS_", "XDG_"))}
        env.update({"TARJUMAN_HOME": str(tarjuman_home), "PYTHONPATH": str(ROOT),
                    "HF_ENDPOINT": hub.url})
        proc = subprocess.Popen([sys.executable, "-m", "desktop_app", "models", "download",
                                 MADLAD_ID, "--yes"], env=env, cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        partial = downloads.partial_dir(catalog.get(MADLAD_ID))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            done = sum(p.stat().st_size for p in partial.rglob("*.part")) \
                if partial.exists() else 0
            if done >= chunk:
                break
            time.sleep(0.1)
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        assert registry.installed() == []  # nothing half-installed is listed
        r = run_cli("models", "download", MADLAD_ID, "--yes", home=tarjuman_home,
                    extra_env={"HF_ENDPOINT": hub.url})
        assert r.returncode == 0, r.stderr
        ranged = [rng for method, path, rng in hub.requests
                  if method == "GET" and path.endswith("/extra.bin") and rng]
    assert ranged == [f"bytes={chunk}-"]  # the second run asked only for the rest
    assert [m.id for m in registry.installed()] == [MADLAD_ID]
