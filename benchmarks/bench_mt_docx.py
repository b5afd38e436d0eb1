"""A ~50-paragraph docx translated end to end by Tarjuman and by what users would pick
instead, side by side in one run, on one model of realistic size: a transformer-base
(about 60M parameters, random weights, outputs about 28 tokens a sentence) packaged as an
Argos package with a sentence splitter, so nothing downloads.

- Tarjuman: ``tarjuman translate doc.docx --to fa -o out.docx --no-cache`` (a process)
- argos-translate-files: its own docx path, ``translate_file()`` (a process, in the
  LibreTranslate venv that ships it), same threads as Tarjuman's default
- LibreTranslate: ``POST /translate_file`` and the download, on a loopback server that is
  already running (warmed with one request)

Then peak RSS of a pretranslation of that document, after the MT dock's n-best-3 request
in the same process (one model copy expected), and throughput for thread choices.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
import zipfile
from pathlib import Path

import docx

from desktop_app.core.mt.hardware import plan, usable_cores
from desktop_app.core.resources import sample
from tests.fixtures.libretranslate_server import ROOT, VENV, Server, ensure_venv
from tests.fixtures.tiny_models import build_argos_package

PARAGRAPHS = 50

ARGOS_FILES = """
import sys
from argostranslate import translate
from argostranslatefiles import argostranslatefiles
langs = {l.code: l for l in translate.get_installed_languages()}
print(argostranslatefiles.translate_file(langs["en"].get_translation(langs["fa"]), sys.argv[1]))
"""

PRETRANSLATE = """
import json, sys
from pathlib import Path
from benchmarks.measure import self_peak_mib
from desktop_app.core.mt import ct2engine
from desktop_app.core.mt.routing import translate_texts
from desktop_app.core.pretranslate import pretranslate
from desktop_app.core.project import Project
from desktop_app.core.settings import Settings
base = int(self_peak_mib() * 1024)
project = Project.open(Path(sys.argv[1]))
first = project.segments()[0].source
translate_texts([first], "en", "fa", settings=Settings(n_best=3), use_cache=False)  # MT dock
dock = int(self_peak_mib() * 1024)
report = pretranslate(project, settings=Settings(n_best=1), use_cache=False)
print(json.dumps({"base_kb": base, "dock_kb": dock,
                  "peak_kb": int(self_peak_mib() * 1024),
                  "models_loaded": ct2engine.loaded(), "segments": report.total}))
"""


def make_docx(path: Path) -> Path:
    sentences = [s.strip() + "." for s in sample("panjshir.txt").read_text("utf-8")
                 .replace("\n", " ").split(". ") if len(s.strip()) > 20]
    document = docx.Document()
    for i in range(PARAGRAPHS):
        document.add_paragraph(" ".join(sentences[(i + k) % len(sentences)]
                                        for k in range(1 + i % 2)))
    document.save(path)
    return path


def check_docx(path: Path) -> str:
    """What a translated docx holds, or why python-docx cannot open it (a row of the
    table, not the end of the bench: argos-translate-files 1.4.4 wrote one it cannot)."""
    try:
        count = sum(1 for p in docx.Document(str(path)).paragraphs if p.text.strip())
    except Exception as exc:  # whatever the peer wrote, the table says it and goes on
        first = (str(exc).strip().splitlines() or [""])[0][:120]
        return f"output docx does NOT open in python-docx ({type(exc).__name__}: {first})"
    return f"output docx opens, {count} paragraphs"


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARGOS_", "XDG_"))}
    env.update({"TARJUMAN_HOME": str(home), "PYTHONPATH": str(ROOT)})
    return env


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=3600)
    took = time.perf_counter() - start
    if r.returncode != 0:
        raise RuntimeError(f"{cmd[:3]} failed: {r.stderr[-1500:]}")
    return took, r.stdout


def tarjuman(home: Path, package: Path, doc: Path) -> tuple[float, Path]:
    env = _env(home)
    _timed([sys.executable, "-m", "desktop_app", "models", "install", str(package)], env)
    out = doc.with_name("tarjuman-out.docx")
    took, _ = _timed([sys.executable, "-m", "desktop_app", "translate", str(doc), "--to", "fa",
                      "-o", str(out), "--no-cache"], env)
    return took, out


def argos_files(work: Path, package: Path, doc: Path) -> tuple[float, Path]:
    ensure_venv()
    packages = work / "argos-packages"
    with zipfile.ZipFile(package) as zf:
        zf.extractall(packages)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARGOS_", "XDG_"))}
    runs_on = plan()
    env.update({"XDG_DATA_HOME": str(work / "xd"), "XDG_CONFIG_HOME": str(work / "xc"),
                "XDG_CACHE_HOME": str(work / "xk"), "HOME": str(work),
                "ARGOS_PACKAGES_DIR": str(packages), "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/",
                "ORT_DISABLE_TELEMETRY": "1", "HF_HUB_OFFLINE": "1", "ARGOS_DEVICE_TYPE": "cpu",
                "ARGOS_INTRA_THREADS": str(runs_on.intra_threads),
                "ARGOS_INTER_THREADS": str(runs_on.inter_threads)})
    copy = work / "argos-in.docx"
    copy.write_bytes(doc.read_bytes())
    took, stdout = _timed([str(VENV / "bin" / "python"), "-c", ARGOS_FILES, str(copy)], env)
    return took, Path(stdout.strip().splitlines()[-1])


def _post(url: str, data: bytes, content_type: str) -> bytes:
    req = urllib.request.Request(url, data=data, headers={"Content-Type": content_type})
    with urllib.request.urlopen(req, timeout=3600) as r:
        return bytes(r.read())


def libretranslate(work: Path, package: Path, doc: Path) -> tuple[float, Path]:
    server = Server([package], files=True).start()
    try:
        _post(f"{server.url}/translate", json.dumps(
            {"q": "Warm up.", "source": "en", "target": "fa"}).encode(), "application/json")
        boundary = uuid.uuid4().hex
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
                 .encode() for k, v in (("source", "en"), ("target", "fa"))]
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                     f'filename="{doc.name}"\r\nContent-Type: application/octet-stream'
                     f'\r\n\r\n'.encode() + doc.read_bytes() + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        start = time.perf_counter()
        answer = json.loads(_post(f"{server.url}/translate_file", body,
                                  f"multipart/form-data; boundary={boundary}"))
        with urllib.request.urlopen(answer["translatedFileUrl"], timeout=3600) as r:
            content = r.read()
        took = time.perf_counter() - start
        out = work / "lt-out.docx"
        out.write_bytes(content)
        return took, out
    finally:
        server.close()


def pretranslation_rss(home: Path, doc: Path) -> dict[str, int]:
    env = _env(home)
    project = doc.with_suffix(".tarjuman")
    _timed([sys.executable, "-m", "desktop_app", "project", "new", str(doc), "--to", "fa",
            "-o", str(project)], env)
    _, out = _timed([sys.executable, "-c", PRETRANSLATE, str(project)], env)
    data: dict[str, int] = json.loads(out.strip().splitlines()[-1])
    return data


def threads(home: Path) -> None:
    choices = [(0, 0), (1, 1), (1, 2), (2, 1)]
    cores = usable_cores()
    script = """
import sys, time
from desktop_app.core.mt.routing import translate_texts
from desktop_app.core.settings import Settings
texts = [f"Report {i}: the resistance in Panjshir said {i} fighters held the valley." for i in
         range(48)]
s = Settings(intra_threads=int(sys.argv[1]), inter_threads=int(sys.argv[2]))
translate_texts(texts[:2], "en", "fa", settings=s, use_cache=False)
t = time.perf_counter()
translate_texts(texts, "en", "fa", settings=s, use_cache=False)
print(len(texts) / (time.perf_counter() - t))
"""
    print(f"  throughput by threads ({cores} usable cores, 48 segments, beam 4):")
    for intra, inter in choices:
        _, out = _timed([sys.executable, "-c", script, str(intra), str(inter)], _env(home))
        p = plan(intra, inter)
        label = "derived default" if (intra, inter) == (0, 0) else "setting"
        print(f"    intra {p.intra_threads} x inter {p.inter_threads} ({label}): "
              f"{float(out.strip().splitlines()[-1]):.2f} segments/s")


def main(home: Path) -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-docx-", dir=home))
    package = build_argos_package(work / "base-en_fa.argosmodel", base_size=True,
                                  with_splitter=True, eos_bias=0.0)
    doc = make_docx(work / "report.docx")
    ours_home = work / "tarjuman-home"
    ours_home.mkdir()
    print(f"docx of {PARAGRAPHS} paragraphs, transformer-base model (~60M parameters, "
          f"{package.stat().st_size / 1e6:.0f} MB package), one run each:")
    ours = 0.0
    for name, contender in (("tarjuman translate", lambda: tarjuman(ours_home, package, doc)),
                            ("argos-translate-files", lambda: argos_files(work, package, doc)),
                            ("LibreTranslate /translate_file",
                             lambda: libretranslate(work, package, doc))):
        try:
            took, out = contender()
        except Exception as exc:  # one contender failing is a row; the others still run
            first = (str(exc).strip().splitlines() or [""])[-1][:200]
            print(f"  {name:<32} FAILED ({type(exc).__name__}: {first})")
            continue
        ours = ours or took
        ratio = "" if took is ours else f"   {took / ours:.2f}x Tarjuman's time (goal >= 2x)"
        print(f"  {name:<32} {took:7.2f} s  {check_docx(out)}{ratio}")
    rss = pretranslation_rss(ours_home, doc)
    model_mb = sum(p.stat().st_size for p in (ours_home / "models").rglob("*.bin")) / 1e6
    print(f"  pretranslation after an MT-dock request, one process: peak RSS "
          f"{rss['peak_kb'] / 1024:.0f} MB (after imports {rss['base_kb'] / 1024:.0f} MB, "
          f"model.bin {model_mb:.0f} MB), models loaded: {rss['models_loaded']} "
          f"(goal: 1 copy)")
    threads(ours_home)
