"""The local translation memory at scale: fuzzy lookups through the word index on TMs of
100,000 and 1,000,000 units, the lookup of today beside the one before word pairs (kept
here as ``previous_fuzzy``, reading the same index), in the same run: p50/p95 of the wall
time and of the CPU time over a few hundred queries, each figure the worst of several
rounds (``TARJUMAN_BENCH_TM_ROUNDS``, default 3), each round in a fresh process; their
best scores compared query by query; their recall against the full scan of the length
window at 100,000 units; the import of 1,000,000 units in its own process (time, that
process's peak RSS). Sizes: ``TARJUMAN_BENCH_TM_SIZES`` (default ``100000,1000000``).
"""

from __future__ import annotations

import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from benchmarks import measure
from desktop_app.core import languages
from desktop_app.core import tm as tm_module
from desktop_app.core.documents.base import strip_tags
from desktop_app.core.sqlitetx import writing
from desktop_app.core.textnorm import compact, match_key
from desktop_app.core.tm import Match, TranslationMemory

ROOT = Path(__file__).resolve().parents[1]
QUERIES = 300
Lookup = Callable[..., list[Match]]
SCAN_QUERIES = 45  # the old full scan takes a while: enough for its median and recall

_SYLLABLES = ("ka", "bul", "ma", "zar", "sha", "rif", "pan", "jsh", "ir", "hel", "mand",
              "gha", "zni", "kun", "duz", "bad", "akh", "shan", "nur", "is", "tan", "jal",
              "ala", "bad", "far", "yab", "khos", "taq", "sar", "wa", "rd", "ak", "lo", "gar")
_FIRST = ("Ahmad", "Mohammad", "Abdul", "Farida", "Zahra", "Hamid", "Nasir", "Rahim",
          "Fatima", "Karim", "Laila", "Omar", "Sima", "Wahid", "Yusuf", "Nadia", "Jawad")
_TITLES = ("the governor of", "a spokesman for the police in", "the mayor of",
           "an official in", "a health worker in", "the head of the council of",
           "a teacher from", "a farmer near", "the education director of")
_VERBS = ("said", "told reporters", "announced", "confirmed", "warned", "reported",
          "claimed", "denied", "added", "explained")
_CLAUSES = (
    "{n} people were killed when a bus overturned on the road to {place}",
    "the government will spend {n} million afghanis on new schools in {place}",
    "heavy rain destroyed {n} houses and several bridges in {place}",
    "the price of wheat in the markets of {place} rose by {n} percent",
    "{n} girls returned to classes at the school in {place} this spring",
    "the new hospital in {place} will open its doors to patients by {month}",
    "a delegation from {place} met elders to discuss the water dispute",
    "{n} families displaced by the fighting have returned to {place}",
    "the road between {place} and {place2} was closed for {n} days",
    "farmers in {place} expect a good harvest of {crop} this year",
    "power cuts in {place} lasted more than {n} hours on {day}",
    "police arrested {n} men suspected of smuggling {crop} near {place}",
    "the council of {place} approved a budget of {n} million afghanis",
    "an earthquake of magnitude {m} was felt in {place} and {place2}",
    "the price of {crop} fell sharply after the border with {place} reopened",
)
_TIMES = ("on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday",
          "on Saturday", "on Sunday", "last week", "this morning", "late on {day}",
          "in {month} {year}", "earlier this month", "yesterday")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_CROPS = ("wheat", "saffron", "cotton", "rice", "almonds", "pomegranates", "grapes", "opium")


def _names(rng: random.Random, n: int, parts: tuple[int, int]) -> list[str]:
    return list(dict.fromkeys("".join(rng.choices(_SYLLABLES, k=rng.randint(*parts)))
                              .capitalize() for _ in range(n)))


_RNG = random.Random(23)
PLACES = _names(_RNG, 3000, (2, 4))
FAMILIES = _names(_RNG, 2000, (2, 3))


def sentence(i: int) -> str:
    """A news-like English sentence, different for each ``i`` (names, places, numbers,
    days, and one or two clauses vary)."""
    rng = random.Random(i * 2654435761)

    def clause() -> str:
        return rng.choice(_CLAUSES).format(
            n=rng.choice((rng.randint(2, 99), rng.randint(100, 5000))),
            m=f"{rng.randint(40, 72) / 10:.1f}", place=rng.choice(PLACES),
            place2=rng.choice(PLACES), month=rng.choice(_MONTHS), crop=rng.choice(_CROPS),
            day=rng.choice(_DAYS))

    who = (f"{rng.choice(_FIRST)} {rng.choice(FAMILIES)}, {rng.choice(_TITLES)} "
           f"{rng.choice(PLACES)},")
    when = rng.choice(_TIMES).format(day=rng.choice(_DAYS), month=rng.choice(_MONTHS),
                                     year=rng.randint(2001, 2026))
    text = f"{who} {rng.choice(_VERBS)} {when} that {clause()}"
    if rng.random() < 0.35:
        text += f", and that {clause()}"
    return text + "."


def edited(text: str, rng: random.Random) -> str:
    """A new segment close to a stored one: a word replaced, dropped or added."""
    words = text.split()
    k = rng.randrange(len(words))
    what = rng.random()
    if what < 0.5:
        words[k] = rng.choice(PLACES + list(_DAYS) + [str(rng.randint(2, 999))])
    elif what < 0.8 and len(words) > 4:
        del words[k]
    else:
        words.insert(k, rng.choice(("also", "again", "recently", "officially")))
    return " ".join(words)


def queries(size: int, n: int = QUERIES, seed: int = 5) -> list[str]:
    """Two thirds near a stored unit, one third new sentences."""
    rng = random.Random(seed)
    return [edited(sentence(rng.randrange(size)), rng) if k % 3 else sentence(10**9 + k)
            for k in range(n)]


def fill(path: Path, size: int) -> None:
    """A TM of ``size`` units, written in one transaction (executemany)."""
    def rows() -> Iterator[tuple[str, str, str]]:
        for i in range(size):
            src = sentence(i)
            yield src, f"ترجمه شماره {i}", match_key(src, "en")

    with TranslationMemory(path) as tm, writing(tm.db):
        tm.db.conn.executemany("INSERT INTO units (source_lang, target_lang, source, target, "
                               "norm, origin, created) VALUES ('en', 'prs', ?, ?, ?, 'bench', 0)",
                               rows())


def import_units(path: Path, size: int) -> None:
    """What ``tm import`` does with the units it read: the store, in one transaction."""
    with TranslationMemory(path) as tm:
        tm.add_many(((sentence(i), f"ترجمه شماره {i}") for i in range(size)), "en", "prs",
                    origin="tmx:bench.tmx")


def measured_import(path: Path, size: int) -> tuple[float, float]:
    """(seconds, peak RSS in MiB) of importing ``size`` units, in a process of its own
    (measured alone: see benchmarks.measure)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    code = (f"from pathlib import Path; from benchmarks.bench_tm import import_units; "
            f"import_units(Path({str(path)!r}), {size})")
    done = measure.run([sys.executable, "-c", code], env=env, cwd=ROOT)
    if not done.ok:
        raise SystemExit(f"the import of {size:,} units failed: {done.failure()}")
    return done.seconds, done.rss_mib


def previous_fuzzy(tm: TranslationMemory, source: str, source_lang: str, target_lang: str, *,
                   threshold: float = tm_module.DEFAULT_THRESHOLD, limit: int = 5) -> list[Match]:
    """The fuzzy lookup as it was before word pairs (kept here to be measured beside the
    lookup of today, on the same index: its words are those it held before): the units
    sharing the segment's rarest words, 2,000 of them read in SQL, 500 scored; a segment
    of common words only reads the units holding them all."""
    src, tgt = languages.get(source_lang).code, languages.get(target_lang).code
    norm = match_key(strip_tags(source), src)
    low, high = tm_module._window(norm)
    budget, scored = tm_module.CANDIDATE_BUDGET, 500
    words = set(re.findall(r"\w+", norm))
    sized = sorted((n, w) for w in words if (n := _previous_postings(tm, w, budget)))
    terms = [tm_module._phrase(w)
             for w in tm_module._rarest([(n, w) for n, w in sized if n <= budget], budget)]
    if not terms and sized:
        terms = [" AND ".join(tm_module._phrase(w) for _n, w in sized)]
    if not terms:
        return []
    hits = " UNION ALL ".join(["SELECT id FROM (SELECT rowid AS id FROM units_words WHERE "
                               "units_words MATCH ? LIMIT ?)"] * len(terms))
    rows = tm.db.execute(
        f"WITH hits (id, shared) AS (SELECT id, count(*) AS n FROM ({hits}) GROUP BY id "
        "ORDER BY n DESC LIMIT ?) SELECT u.id, u.norm FROM hits JOIN units u ON "
        "u.id = hits.id WHERE u.source_lang = ? AND u.target_lang = ? AND length(u.norm) "
        "BETWEEN ? AND ? ORDER BY hits.shared DESC, u.id LIMIT ?",
        [*(v for t in terms for v in (t, budget)), 4 * scored, src, tgt, low, high,
         scored]).fetchall()
    rows.sort()
    return tm.best_of(source, norm, [(r[0], compact(r[1])) for r in rows],
                      threshold=threshold, limit=limit)


_PREVIOUS_COMMON: set[str] = set()


def _previous_postings(tm: TranslationMemory, word: str, budget: int) -> int:
    if word in _PREVIOUS_COMMON:
        return budget + 1
    n = int(tm.db.execute("SELECT count(*) FROM (SELECT 1 FROM units_words WHERE "
                          "units_words MATCH ? LIMIT ?)", [tm_module._phrase(word), budget + 1]
                          ).fetchone()[0])
    if n > budget:
        _PREVIOUS_COMMON.add(word)
    return n


METHODS = {"previous": previous_fuzzy, "now": TranslationMemory.fuzzy}
LABELS = {"previous": "before (words only)", "now": "now (words + pairs)"}


def timed_round(path: Path, size: int, method: str) -> None:
    """One round of lookups in this (fresh) process: the wall and CPU times in ms, as JSON
    on stdout; the first lookup (the first read of the file) is not counted."""
    texts = queries(size)
    lookup = METHODS[method]
    with TranslationMemory(path) as tm:
        lookup(tm, texts[0], "en", "prs")
        wall, cpu = [], []
        for text in texts:
            start, used = time.perf_counter(), time.process_time()
            lookup(tm, text, "en", "prs")
            wall.append(1000 * (time.perf_counter() - start))
            cpu.append(1000 * (time.process_time() - used))
    print(json.dumps({"wall": wall, "cpu": cpu}))


def rounds(path: Path, size: int, method: str, n: int) -> list[dict[str, list[float]]]:
    """``n`` rounds of ``method``'s lookups, each in a fresh process, the methods taking
    turns (so load that comes and goes hits both)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    code = (f"from pathlib import Path; from benchmarks.bench_tm import timed_round; "
            f"timed_round(Path({str(path)!r}), {size}, {method!r})")
    out = []
    for _ in range(n):
        done = measure.run([sys.executable, "-c", code], env=env, cwd=ROOT)
        if not done.ok:
            raise SystemExit(f"a round of {method} lookups failed: {done.failure()}")
        out.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return out


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def recall(tm: TranslationMemory, texts: list[str], lookups: dict[str, Lookup]
           ) -> tuple[list[float], dict[str, list[tuple[bool, bool]]]]:
    """The full scan's times over ``texts``, and for each query with a match >= 75% by the
    full scan, per lookup: (it finds the same best score, and the same best unit)."""
    times: list[float] = []
    found: dict[str, list[tuple[bool, bool]]] = {name: [] for name in lookups}
    for text in texts:
        start = time.perf_counter()
        old = tm.fuzzy_scan(text, "en", "prs")
        times.append(1000 * (time.perf_counter() - start))
        if old:
            for name, lookup in lookups.items():
                new = lookup(tm, text, "en", "prs", limit=1)
                same = bool(new) and new[0].score == old[0].score
                found[name].append((same, same and new[0].source == old[0].source))
    return times, found


def lookups(path: Path, size: int, *, scan: bool, n_rounds: int) -> None:
    """Both methods, ``n_rounds`` rounds each (fresh processes), side by side: each
    round's p50/p95 and the worst of the rounds; then recall."""
    by_method: dict[str, list[dict[str, list[float]]]] = {m: [] for m in METHODS}
    for _ in range(n_rounds):
        for method in METHODS:
            by_method[method] += rounds(path, size, method, 1)
    for method, runs in by_method.items():
        p50s, p95s = [_p(r["wall"], 50) for r in runs], [_p(r["wall"], 95) for r in runs]
        cpu50, cpu95 = max(_p(r["cpu"], 50) for r in runs), max(_p(r["cpu"], 95) for r in runs)
        print(f"  {size:>9,} units  {LABELS[method]:<20} p50 {max(p50s):6.1f} ms  "
              f"p95 {max(p95s):6.1f} ms  (CPU time p50 {cpu50:5.1f} ms, p95 {cpu95:5.1f} ms; "
              f"worst of {len(runs)} rounds of {len(runs[0]['wall'])} lookups, each in its "
              f"own process; wall p95 by round: {' / '.join(f'{v:.1f}' for v in p95s)})")
    texts = queries(size)
    with TranslationMemory(path) as tm:
        same = better = worse = 0
        for text in texts:
            before = previous_fuzzy(tm, text, "en", "prs", limit=1)
            now = tm.fuzzy(text, "en", "prs", limit=1)
            a, b = (before[0].score if before else 0.0), (now[0].score if now else 0.0)
            same, better, worse = same + (a == b), better + (b > a), worse + (b < a)
        print(f"  {size:>9,} units  now against before, best score of {len(texts)} lookups: "
              f"same {same}, higher {better}, lower {worse}")
        if not scan:
            return
        near, new_ones = texts[1:SCAN_QUERIES:3] + texts[2:SCAN_QUERIES:3], texts[:SCAN_QUERIES:3]
        scan_times: list[float] = []
        for label, group in (("edited stored sentences", near), ("new sentences", new_ones)):
            times, found = recall(tm, group, METHODS)
            scan_times += times
            figures = [f"{LABELS[m].split()[0]} {sum(s for s, _u in f)}/{len(f)} "
                       f"({100 * sum(s for s, _u in f) / max(len(f), 1):.0f}%, same unit in "
                       f"{sum(u for _s, u in f)})" for m, f in found.items()]
            print(f"  {size:>9,} units  recall, {label} with a match >= 75% by the full "
                  f"scan, same best score: {'; '.join(figures)}")
        print(f"  {size:>9,} units  the full scan of the length window, for reference: "
              f"p50 {_p(scan_times, 50):6.1f} ms  p95 {_p(scan_times, 95):6.1f} ms  "
              f"({len(scan_times)} lookups)")


def main() -> None:
    sizes = [int(s) for s in os.environ.get("TARJUMAN_BENCH_TM_SIZES",
                                            "100000,1000000").split(",")]
    n_rounds = int(os.environ.get("TARJUMAN_BENCH_TM_ROUNDS", "3"))
    print(f"TM lookup at scale ({measure.load_line()}; goal p95 < 30 ms at 1,000,000 units, "
          "the team hub's median on the same data: 23.5 ms):")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"tm-{size}.sqlite"
            if size >= 1_000_000:
                seconds, rss = measured_import(path, size)
                print(f"  {size:>9,} units  import (own process): {seconds:6.1f} s, "
                      f"{rss:6.0f} MiB peak RSS, {path.stat().st_size / 1024**2:.0f} MiB file")
            else:
                start = time.perf_counter()
                fill(path, size)
                print(f"  {size:>9,} units  written in {time.perf_counter() - start:.1f} s")
            lookups(path, size, scan=size <= 100_000, n_rounds=n_rounds)
            print(f"  ({measure.load_line()})")
            path.unlink()


if __name__ == "__main__":
    main()
