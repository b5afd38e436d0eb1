from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import (
    bench_agency,
    bench_big_inputs,
    bench_documents,
    bench_glossary,
    bench_gui,
    bench_handoff,
    bench_libretranslate,
    bench_mt,
    bench_mt_docx,
    bench_names,
    bench_odf_epub,
    bench_office,
    bench_qa,
    bench_team,
    bench_tm,
)

ROOT = Path(__file__).resolve().parents[1]


def venv_size() -> None:
    venv = ROOT / ".venv"
    if venv.is_dir():
        out = subprocess.run(["du", "-sb", str(venv)], capture_output=True, text=True).stdout
        size = int(out.split()[0])
        verdict = "OK" if size < 1024**3 else "OVER"
        print(f"venv size: {size / 1024**2:.0f} MiB (goal < 1024 MiB: {verdict})")


def main() -> int:
    with tempfile.TemporaryDirectory() as home:
        os.environ["TARJUMAN_HOME"] = home
        venv_size()
        bench_mt.main(Path(home))
        bench_mt_docx.main(Path(home))
        bench_glossary.main()
        bench_names.main()
        bench_documents.main()
        bench_handoff.main()
        bench_gui.main()
        bench_libretranslate.main(Path(home))
        bench_big_inputs.main()
        bench_office.main()
        bench_odf_epub.main()
        bench_team.main()
        bench_tm.main()
        bench_agency.main()
        bench_qa.main()
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
