"""The bench's peak RSS is each run's own: a child started by a big process does not
inherit its parent's peak (as Linux reports it across exec), and a big child shows."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BIG_PARENT = """
import json, sys
from benchmarks.measure import run, self_peak_mib
ballast = bytearray(160 * 1024 * 1024)
for i in range(0, len(ballast), 4096):
    ballast[i] = 1
small = run([sys.executable, "-c", "pass"])
big = run([sys.executable, "-c", "b = bytearray(96 * 1024 * 1024)\\n"
           "for i in range(0, len(b), 4096): b[i] = 1"])
failed = run([sys.executable, "-c", "import sys; sys.exit('no such file')"])
print(json.dumps({"parent": self_peak_mib(), "small": small.rss_mib, "big": big.rss_mib,
                  "code": failed.code, "why": failed.failure(), "cpu": big.cpu}))
"""


def test_each_run_reports_its_own_peak_not_its_parents() -> None:
    done = subprocess.run([sys.executable, "-c", BIG_PARENT], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, check=True)
    r = json.loads(done.stdout.strip().splitlines()[-1])
    assert r["parent"] > 160
    assert 0 < r["small"] < 60  # a bare interpreter, not the 160 MiB parent
    assert 96 < r["big"] < 160
    assert r["cpu"] > 0
    assert r["code"] == 1 and r["why"] == "no such file"
