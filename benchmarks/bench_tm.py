"""The local translation memory at scale: fuzzy lookups through the word index on TMs of
100,000 and 1,000,000 units (p50/p95 over a few hundred queries), beside the old full scan
of the length window at 100,000 units, measured in the same run; the import of 1,000,000
units in its own process (time, that process's peak RSS); the index's recall against the
full scan. Sizes: ``TARJUMAN_BENCH_TM_SIZES`` (default ``100000,1000000``).
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from desktop_app.core.sqlitetx import writing
from desktop_app.core.textnorm import match_key
from desktop_app.core.tm import TranslationMemory

ROOT = Path(__file__).resolve().parents[1]
QUERIES = 300
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
    """(seconds, peak RSS in MiB) of importing ``size`` units, in a process of its own."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    code = (f"from pathlib import Path; from benchmarks.bench_tm import import_units; "
            f"import_units(Path({str(path)!r}), {size})")
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"the import of {size:,} units failed")
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def _times(lookup: object, texts: list[str]) -> list[float]:
    out = []
    for text in texts:
        start = time.perf_counter()
        lookup(text, "en", "prs")  # type: ignore[operator]
        out.append(1000 * (time.perf_counter() - start))
    return out


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def recall(tm: TranslationMemory, texts: list[str]) -> tuple[list[float], list[tuple[bool, bool]]]:
    """The old full scan's times over ``texts``, and for each query with a match >= 75%
    by the full scan: (the index finds the same best score, and the same best unit)."""
    times: list[float] = []
    found: list[tuple[bool, bool]] = []
    for text in texts:
        start = time.perf_counter()
        old = tm.fuzzy_scan(text, "en", "prs")
        times.append(1000 * (time.perf_counter() - start))
        if old:
            new = tm.fuzzy(text, "en", "prs", limit=1)
            same = bool(new) and new[0].score == old[0].score
            found.append((same, same and new[0].source == old[0].source))
    return times, found


def lookups(tm: TranslationMemory, size: int, *, scan: bool) -> None:
    texts = queries(size)
    tm.fuzzy(texts[0], "en", "prs")  # the first read of the file
    new = _times(tm.fuzzy, texts)
    print(f"  {size:>9,} units  index: p50 {_p(new, 50):6.1f} ms  p95 {_p(new, 95):6.1f} ms  "
          f"worst {max(new):6.1f} ms  ({len(texts)} lookups)")
    if not scan:
        return
    near, new_ones = texts[1:SCAN_QUERIES:3] + texts[2:SCAN_QUERIES:3], texts[:SCAN_QUERIES:3]
    old, near_found = recall(tm, near)
    old_new, new_found = recall(tm, new_ones)
    old += old_new
    print(f"  {size:>9,} units  old full scan: p50 {_p(old, 50):6.1f} ms  "
          f"p95 {_p(old, 95):6.1f} ms  ({len(old)} lookups; the index is "
          f"{statistics.median(old) / statistics.median(new):.0f}x faster at p50)")
    for label, found in (("edited stored sentences", near_found),
                         ("new sentences", new_found)):
        score = sum(s for s, _u in found)
        print(f"  {size:>9,} units  recall, {label}: same best score as the full scan in "
              f"{score}/{len(found)} with a match >= 75% "
              f"({100 * score / max(len(found), 1):.0f}%), same unit in "
              f"{sum(u for _s, u in found)}")


def main() -> None:
    sizes = [int(s) for s in os.environ.get("TARJUMAN_BENCH_TM_SIZES",
                                            "100000,1000000").split(",")]
    load = os.getloadavg()
    print(f"TM lookup at scale (load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
          f"{os.cpu_count()} cores; goal p95 < 30 ms at 1,000,000 units):")
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
            with TranslationMemory(path) as tm:
                lookups(tm, size, scan=size <= 100_000)
            path.unlink()


if __name__ == "__main__":
    main()
