"""The team hub at scale, on a real PostgreSQL cluster on loopback (started here):

1. 20 clients (each its own data dir) each push 1,000 new terms (500 concepts) and 5,000
   TM units to a fresh hub, then each pulls everything: total and per-client times.
2. A hub TM of 1,000,000 units: fuzzy lookup (pg_trgm GIN index on the folded source for
   candidates, rapidfuzz for the score) beside the same lookup on a local SQLite TM of the
   same 1,000,000 units. Goal: the hub lookup under 100 ms.
"""

from __future__ import annotations

import itertools
import os
import random
import re
import statistics
import tempfile
import time
from pathlib import Path

from desktop_app.core.glossary.library import open_user
from desktop_app.core.glossary.store import Concept, Term
from desktop_app.core.sqlitetx import writing
from desktop_app.core.team import sync, tm_sync
from desktop_app.core.team.hub import connect
from desktop_app.core.team.schema import MIGRATIONS
from desktop_app.core.textnorm import fold
from desktop_app.core.tm import TranslationMemory
from tests.fixtures.pg_cluster import environ, running_cluster

CLIENTS, TERMS, UNITS, HUB_TM = 20, 1_000, 5_000, 1_000_000
LOCAL_QUERIES = 5

LETTERS = "etaoinshrdlcumwfgypbvkjxqz"
LETTER_WEIGHTS = [12.7, 9.1, 8.2, 7.5, 7.0, 6.7, 6.3, 6.1, 6.0, 4.3, 4.0, 2.8, 2.8, 2.4, 2.4,
                  2.2, 2.0, 2.0, 1.9, 1.5, 1.0, 0.8, 0.2, 0.2, 0.1, 0.1]


def _vocabulary(size: int = 30_000) -> list[str]:
    """The words of the sample article first (the common ones), then made-up words with
    English letter frequencies: a realistic spread of trigrams."""
    from desktop_app.core.resources import sample

    rng = random.Random(7)
    text = sample("panjshir.txt").read_text(encoding="utf-8").lower()
    words = list(dict.fromkeys(w for w in re.findall(r"[a-z]+", text)))
    while len(words) < size:
        words.append("".join(rng.choices(LETTERS, LETTER_WEIGHTS, k=rng.randint(3, 11))))
    return words


VOCABULARY = _vocabulary()
WEIGHTS = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(VOCABULARY))))


def sentence(i: int) -> str:
    """A news-like sentence: 7 to 20 words drawn with a Zipf law (a real TM's spread)."""
    rng = random.Random(i)
    words = rng.choices(VOCABULARY, cum_weights=WEIGHTS, k=rng.randint(7, 20))
    return " ".join(words).capitalize() + "."


def _client_data(n: int) -> None:
    g = open_user()
    try:
        g.add_concepts([Concept([Term("en", f"term {n}-{k}"), Term("prs", f"اصطلاح {n}-{k}")])
                        for k in range(TERMS // 2)])
    finally:
        g.close()
    with TranslationMemory() as tm, writing(tm.db):
        tm.db.conn.executemany(
            "INSERT INTO units (source_lang, target_lang, source, target, norm, origin, created) "
            "VALUES ('en', 'prs', ?, ?, ?, 'project:bench', ?)",
            [(src, f"ترجمه {n}-{k}", fold(src, "en"), time.time())
             for k in range(UNITS) for src in [f"{sentence(k)} (client {n})"]])


def sync_at_scale(root: Path, dsn: str) -> None:
    homes = [root / f"client-{n:02d}" for n in range(CLIENTS)]
    push_times, pull_times = [], []
    for n, home in enumerate(homes):
        home.mkdir()
        os.environ["TARJUMAN_HOME"] = str(home)
        sync.connect_hub(dsn, f"translator-{n}")
        _client_data(n)
    for home in homes:
        os.environ["TARJUMAN_HOME"] = str(home)
        start = time.perf_counter()
        report = sync.sync(pull=False)
        push_times.append(time.perf_counter() - start)
        assert report.pushed == TERMS + TERMS // 2 + UNITS, report
    for home in homes:
        os.environ["TARJUMAN_HOME"] = str(home)
        start = time.perf_counter()
        report = sync.sync(push=False)
        pull_times.append(time.perf_counter() - start)
        assert report.pulled_tm == CLIENTS * UNITS, report
    total_push, total_pull = sum(push_times), sum(pull_times)
    print(f"team hub: {CLIENTS} clients x ({TERMS} terms + {UNITS} TM units), PostgreSQL on "
          "loopback:")
    print(f"  push: {total_push:.1f} s in all, {statistics.mean(push_times):.2f} s per client "
          f"(slowest {max(push_times):.2f} s)")
    print(f"  pull everything ({CLIENTS * TERMS * 3 // 2} glossary rows + {CLIENTS * UNITS} "
          f"TM units): {total_pull:.1f} s in all, {statistics.mean(pull_times):.2f} s per "
          f"client")


def _edited(text: str) -> str:
    """A new sentence close to one in the TM: one word changed."""
    words = text.split()
    words[len(words) // 2] = "Panjshir"
    return " ".join(words)


def tm_lookup(root: Path, dsn: str) -> None:
    rows = []
    for i in range(HUB_TM):
        src = sentence(i)
        rows.append((src, f"ترجمه {i}", fold(src, "en")))
    conn = connect(dsn, autocommit=True)
    try:
        start = time.perf_counter()
        conn.execute("DROP INDEX tarjuman.tm_norm_trgm")
        with conn.cursor().copy("COPY tarjuman.tm_units (uid, source_lang, target_lang, source, "
                                "target, norm, author, created, rev) FROM STDIN") as copy:
            for n, (src, tgt, norm) in enumerate(rows):
                copy.write_row((tm_sync.unit_uid("en", "prs", src, tgt), "en", "prs", src, tgt,
                                norm, "bench", "2026-01-01", n + 1))
        conn.execute("CREATE INDEX tm_norm_trgm ON tarjuman.tm_units USING gin "
                     "(norm gin_trgm_ops)")
        conn.execute(MIGRATIONS[2][1])  # word counts, as pushes keep them
        conn.execute("ANALYZE tarjuman.tm_units")
        load = time.perf_counter() - start
        os.environ["TARJUMAN_HOME"] = str(root / "local-tm")
        (root / "local-tm").mkdir()
        with TranslationMemory() as tm, writing(tm.db):
            tm.db.conn.executemany("INSERT INTO units (source_lang, target_lang, source, target, "
                                   "norm, origin, created) VALUES ('en', 'prs', ?, ?, ?, "
                                   "'bench', 0)", rows)
        queries = [_edited(sentence(i * 7919 % HUB_TM)) for i in range(15)]
        hub_ms, local_ms, hits = [], [], 0
        with TranslationMemory() as tm:
            for n, q in enumerate(queries):
                start = time.perf_counter()
                found = tm_sync.hub_fuzzy(conn, q, "en", "prs")
                hub_ms.append(1000 * (time.perf_counter() - start))
                if n >= LOCAL_QUERIES:  # the local scan takes seconds: a few are enough
                    continue
                start = time.perf_counter()
                local = tm.fuzzy(q, "en", "prs")
                local_ms.append(1000 * (time.perf_counter() - start))
                hits += bool(found) and bool(local) and found[0].score == local[0].score
        hub, loc = statistics.median(hub_ms), statistics.median(local_ms)
        verdict = "OK" if hub < 100 else "OVER"
        print(f"TM fuzzy lookup, {HUB_TM:,} units (hub loaded and indexed in {load:.0f} s):")
        print(f"  hub (pg_trgm + rapidfuzz): median {hub:.1f} ms, worst {max(hub_ms):.1f} ms "
              f"(goal < 100 ms: {verdict})")
        print(f"  local SQLite TM:           median {loc:.1f} ms, worst {max(local_ms):.1f} ms "
              f"(hub {loc / hub:.1f}x faster); same best score in {hits}/{len(local_ms)}")
    finally:
        conn.close()


def main() -> None:
    with running_cluster() as cluster, tempfile.TemporaryDirectory() as tmp, \
            environ(PGPASSFILE=str(cluster.passfile), TARJUMAN_HOME=tmp):
        for step in (sync_at_scale, tm_lookup):
            db = cluster.create_database("bench")
            sync.init(cluster.dsn(db))
            (Path(tmp) / step.__name__).mkdir()
            step(Path(tmp) / step.__name__, cluster.dsn(db))
            cluster.drop_database(db)

if __name__ == "__main__":
    main()
