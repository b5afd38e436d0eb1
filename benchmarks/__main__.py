from __future__ import annotations

import importlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.measure import load_line, section

ROOT = Path(__file__).resolve().parents[1]
# In the order they run; each module's main() (given the bench home when it takes one).
BENCHES = ["bench_mt", "bench_mt_docx", "bench_glossary", "bench_documents", "bench_handoff",
           "bench_gui", "bench_libretranslate", "bench_big_inputs", "bench_office",
           "bench_odf_epub", "bench_team", "bench_tm", "bench_names", "bench_agency",
           "bench_qa", "bench_spell"]
TAKE_HOME = {"bench_mt", "bench_mt_docx", "bench_libretranslate"}


def venv_size() -> None:
    venv = ROOT / ".venv"
    if venv.is_dir():
        out = subprocess.run(["du", "-sb", str(venv)], capture_output=True, text=True).stdout
        size = int(out.split()[0])
        verdict = "OK" if size < 1024**3 else "OVER"
        print(f"venv size: {size / 1024**2:.0f} MiB (goal < 1024 MiB: {verdict})")


def main() -> int:
    """Every bench module in turn, each headed by the machine's load; one that fails is
    a row of the summary and the others still run."""
    start = time.perf_counter()
    print(f"make bench: {load_line()}")
    with tempfile.TemporaryDirectory() as home:
        os.environ["TARJUMAN_HOME"] = home
        here = Path(home)
        sections = [section("venv size", venv_size)]
        for name in BENCHES:
            def body(name: str = name) -> None:  # imported here: a broken one is a row too
                run = importlib.import_module(f"benchmarks.{name}").main
                if name in TAKE_HOME:
                    run(here)
                else:
                    run()
            sections.append(section(name, body))
    print(f"\n== summary ({load_line()}) ==")
    for name, seconds, state in sections:
        print(f"  {name:<24} {seconds:7.1f} s  {state}")
    failed = sum(1 for *_, state in sections if state != "ok")
    print(f"  all benches: {time.perf_counter() - start:.0f} s, {failed} failed")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
