"""The agency job's heavy steps, each timed in a fresh child process with its peak RSS:

- analysis: 10,000 segments against a 100,000-unit TM (goal < 10 s), and how often its
  word-index prefilter gives the same band as the TM's exhaustive lookup (on a sample);
- alignment: two 2,000-sentence documents (goal < 10 s).
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

N_UNITS = 100_000
N_SEGMENTS = 10_000
N_SENTENCES = 2_000
GOAL = 10.0


def _vocabulary(rng: random.Random, n: int = 4000) -> list[str]:
    letters = "etaoinshrdlucmfwypvbgkqjxz"
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choices(letters, k=rng.randint(2, 10))))
    return sorted(words)


def _sentence(rng: random.Random, vocab: list[str], weights: list[float]) -> list[str]:
    return rng.choices(vocab, weights=weights, k=rng.randint(6, 24))


def make_analysis_data(home: Path) -> tuple[Path, int]:
    """A TM of N_UNITS units and a project of N_SEGMENTS segments: exact copies of units,
    units with a few words changed, repetitions and new sentences."""
    from desktop_app.core.project import Project
    from desktop_app.core.tm import TranslationMemory

    rng = random.Random(7)
    vocab = _vocabulary(rng)
    weights = [1 / (i + 1) for i in range(len(vocab))]  # Zipf, like real text
    units = [_sentence(rng, vocab, weights) for _ in range(N_UNITS)]
    with TranslationMemory() as tm:
        tm.add_many(((" ".join(u).capitalize() + ".", f"ترجمه {i}.")
                     for i, u in enumerate(units)), "en", "prs", origin="bench")
    lines: list[str] = []
    for _ in range(N_SEGMENTS):
        pick = rng.random()
        if pick < 0.15:
            words = list(rng.choice(units))
        elif pick < 0.45:
            words = list(rng.choice(units))
            for _k in range(rng.randint(1, 4)):
                words[rng.randrange(len(words))] = rng.choice(vocab)
        elif pick < 0.55 and lines:
            lines.append(rng.choice(lines))
            continue
        else:
            words = _sentence(rng, vocab, weights)
        lines.append(" ".join(words).capitalize() + ".")
    doc = home / "bench-analysis.txt"
    doc.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    with Project.create(doc, "prs") as project:
        return project.path, len(project.segments())


def child_analysis(project: str) -> dict[str, object]:
    from desktop_app.core.analysis import analyze_files

    start, cpu = time.perf_counter(), time.process_time()
    result = analyze_files([Path(project)])
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "cpu": time.process_time() - cpu, "bands": {r["band"]: r["segments"]
                                          for r in result.as_json()["bands"]}}


def child_agreement(project: str, sample: int = 300) -> dict[str, object]:
    """Bands from the analysis's prefiltered index against the TM's exhaustive lookup."""
    from desktop_app.core.analysis import FUZZY_FLOOR, band_of
    from desktop_app.core.project import Project
    from desktop_app.core.tm import TranslationMemory

    with Project.open(Path(project)) as p, TranslationMemory() as tm:
        segs = random.Random(3).sample(p.segments(), sample)
        index = tm.fuzzy_index("en", "prs")
        same = high = same_high = 0
        for seg in segs:
            if index.exact(seg.source):
                same += 1
                continue
            full = tm.fuzzy(seg.source, "en", "prs", threshold=FUZZY_FLOOR, limit=1)
            exhaustive = band_of(min(full[0].score, 99.9)) if full else "no-match"
            agree = exhaustive == band_of(min(index.best(seg.source, FUZZY_FLOOR), 99.9))
            same += agree
            if full and full[0].score >= 75:
                high += 1
                same_high += agree
    return {"sample": sample, "same_band": same, "high": high, "same_high": same_high}


def make_alignment_data(home: Path) -> tuple[Path, Path]:
    rng = random.Random(11)
    vocab = _vocabulary(rng, 2000)
    weights = [1 / (i + 1) for i in range(len(vocab))]
    dari = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
    en, fa = [], []
    for i in range(N_SENTENCES):
        words = _sentence(rng, vocab, weights)
        en.append(" ".join(words).capitalize() + f" {i}.")
        fa.append(" ".join("".join(rng.choices(dari, k=len(w) + rng.randint(-1, 2)))
                           for w in words) + f" {i}.")
    src, tgt = home / "bench-en.txt", home / "bench-prs.txt"
    src.write_text("\n\n".join(" ".join(en[k:k + 5]) for k in range(0, len(en), 5)),
                   encoding="utf-8")
    tgt.write_text("\n\n".join(" ".join(fa[k:k + 5]) for k in range(0, len(fa), 5)),
                   encoding="utf-8")
    return src, tgt


def child_alignment(source: str, target: str) -> dict[str, object]:
    from desktop_app.core.align.document import align_files

    start, cpu = time.perf_counter(), time.process_time()
    result = align_files(Path(source), Path(target), "prs")
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "cpu": time.process_time() - cpu, "links": len(result.links),
            "one_to_one": sum(1 for link in result.links if link.kind == "1:1")}


CHILDREN = {"analysis": child_analysis, "agreement": child_agreement,
            "alignment": child_alignment}


def _run_child(name: str, *args: str) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-m", "benchmarks.bench_agency", name, *args],
                         capture_output=True, text=True, env=os.environ.copy(), check=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _verdict(seconds: float) -> str:
    return "OK" if seconds < GOAL else "OVER"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        os.environ["TARJUMAN_HOME"] = str(home / "data")
        project, n = make_analysis_data(home)
        found = _run_child("analysis", str(project))
        print(f"analysis: {n:,} segments vs {N_UNITS:,} TM units: {found['seconds']:.2f} s "
              f"({found['cpu']:.2f} s CPU), "
              f"peak RSS {found['rss_mb']:.0f} MB (goal < {GOAL:.0f} s: "
              f"{_verdict(float(str(found['seconds'])))}); bands {found['bands']}")
        agree = _run_child("agreement", str(project))
        print(f"analysis prefilter: same band as the exhaustive TM lookup for "
              f"{agree['same_band']}/{agree['sample']} sampled segments, "
              f"{agree['same_high']}/{agree['high']} of those with a match of 75% or more")
        src, tgt = make_alignment_data(home)
        aligned = _run_child("alignment", str(src), str(tgt))
        print(f"alignment: two {N_SENTENCES:,}-sentence documents: {aligned['seconds']:.2f} s "
              f"({aligned['cpu']:.2f} s CPU), "
              f"peak RSS {aligned['rss_mb']:.0f} MB (goal < {GOAL:.0f} s: "
              f"{_verdict(float(str(aligned['seconds'])))}); {aligned['links']} links, "
              f"{aligned['one_to_one']} of them 1:1")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in CHILDREN:
        result = CHILDREN[sys.argv[1]](*sys.argv[2:])  # type: ignore[operator]
        result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
    else:
        main()
