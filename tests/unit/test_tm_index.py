"""The TM's word index: fuzzy lookups read only the units sharing the segment's rarest
words, and find what the old full scan of the length window found."""

from __future__ import annotations

import random
from pathlib import Path

from benchmarks.bench_tm import edited, fill, queries, sentence
from desktop_app.core.tm import MIGRATIONS, TranslationMemory


def test_lookups_find_what_the_full_scan_finds(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    fill(path, 4000)
    rng = random.Random(3)
    near = [edited(sentence(rng.randrange(4000)), rng) for _ in range(60)]
    with TranslationMemory(path) as tm:
        same = wanted = 0
        for text in near:
            old = tm.fuzzy_scan(text, "en", "prs")
            new = tm.fuzzy(text, "en", "prs")
            assert old, text  # one word changed: the stored sentence is a match
            wanted += 1
            same += (new[0].score, new[0].source) == (old[0].score, old[0].source)
        assert same / wanted >= 0.95  # a sentence edited slightly: the same best unit
        # any query with a match of 75% or more (new sentences of a familiar pattern too)
        found = [(tm.fuzzy_scan(t, "en", "prs", limit=1), tm.fuzzy(t, "en", "prs", limit=1))
                 for t in queries(4000, 60, seed=11)]
        scored = [(old[0].score, new[0].score if new else 0.0) for old, new in found if old]
        assert len(scored) >= 30
        assert sum(o == n for o, n in scored) / len(scored) >= 0.75
        assert all(n <= o for o, n in scored)  # never a score the scan would not give


def test_an_older_tm_gets_its_index_on_first_open(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    with TranslationMemory(path) as tm:
        tm.add("The Panjshir valley was calm on Monday.", "درهٔ پنجشیر روز دوشنبه آرام بود.",
               "en", "prs")
        for statement in ("DROP TRIGGER units_words_insert", "DROP TRIGGER units_words_delete",
                          "DROP TRIGGER units_words_update", "DROP TABLE units_words_vocab",
                          "DROP TABLE units_words", "PRAGMA user_version=4"):
            tm.db.execute(statement)
    with TranslationMemory(path) as tm:  # as a TM written by the previous version
        found = tm.fuzzy("The Panjshir valley was calm on Tuesday.", "en", "prs")
        assert [m.target for m in found] == ["درهٔ پنجشیر روز دوشنبه آرام بود."]
        assert int(tm.db.execute("PRAGMA user_version").fetchone()[0]) == len(MIGRATIONS)


def test_the_index_follows_every_change_of_the_units(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.add("Rain closed the road to Bamiyan for three days.", "باران سه روز راه بامیان را بست.",
               "en", "prs")
        query = "Rain closed the road to Bamiyan for four days."
        assert tm.fuzzy(query, "en", "prs")
        tm.db.execute("UPDATE units SET norm = 'snow closed the pass to salang for a week.'")
        assert not tm.fuzzy(query, "en", "prs")  # the old words no longer lead to it
        assert tm.fuzzy("Snow closed the pass to Salang for a week!", "en", "prs")
        tm.remove("Snow closed the pass to Salang for a week.", "باران سه روز راه بامیان را بست.",
                  "en", "prs")
        assert tm.count() == 0
        assert not tm.fuzzy("Snow closed the pass to Salang for a week!", "en", "prs")


def test_words_that_mean_something_to_the_index_are_only_words(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.add('Not "here" AND not there OR near* (NEAR) the river.', "نه اینجا.", "en", "prs")
        found = tm.fuzzy('Not "here" AND not there OR near* (NEAR) the rivers.', "en", "prs")
        assert found and found[0].target == "نه اینجا."
        assert tm.fuzzy("", "en", "prs") == []
        assert tm.fuzzy("!!! ...", "en", "prs") == []


def test_dari_sources_are_still_found(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.add("احمد مسعود روز دوشنبه در کابل سخن گفت.", "Ahmad Massoud spoke in Kabul on Monday.",
               "prs", "en")
        found = tm.fuzzy("احمد مسعود روز سه‌شنبه در کابل سخن گفت.", "prs", "en")
        assert found and found[0].target == "Ahmad Massoud spoke in Kabul on Monday."
        assert found == tm.fuzzy_scan("احمد مسعود روز سه‌شنبه در کابل سخن گفت.", "prs", "en")


def test_a_segment_of_common_words_only_finds_the_units_holding_them_all(
        tmp_path: Path, monkeypatch) -> None:
    from desktop_app.core import tm as tm_module

    monkeypatch.setattr(tm_module, "CANDIDATE_BUDGET", 50)  # a big TM, in small
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.add_many([(f"The meeting was held in room {n} of the ministry.", f"جلسه {n}")
                     for n in range(200)], "en", "prs")
        tm.add("The meeting was held on Monday.", "جلسه روز دوشنبه برگزار شد.", "en", "prs")
        tm.add_many([(f"It was held on {n} Monday evenings.", f"شام {n}") for n in range(200)],
                    "en", "prs")
        query = "The meeting was held on Tuesday."  # every word but one in 200 units
        found = tm.fuzzy(query, "en", "prs")
        assert found and found[0].target == "جلسه روز دوشنبه برگزار شد."
        assert (found[0].score, found[0].source) == (
            tm.fuzzy_scan(query, "en", "prs")[0].score, tm.fuzzy_scan(query, "en", "prs")[0].source)


def test_a_segment_of_common_words_finds_the_unit_a_word_away(
        tmp_path: Path, monkeypatch) -> None:
    from desktop_app.core import tm as tm_module

    monkeypatch.setattr(tm_module, "CANDIDATE_BUDGET", 50)  # a big TM, in small
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        # every word of the segment, the changed one too, is in more units than a lookup
        # reads; units holding them all come first; only the word pairs are rare
        tm.add_many([(f"{n} tuesday meeting held the was on.", f"بی‌معنی {n}")
                     for n in range(60)], "en", "prs")
        tm.add("The meeting was held on Monday.", "جلسه روز دوشنبه برگزار شد.", "en", "prs")
        tm.add_many([(f"On {n} the was meeting held tuesday.", f"درهم {n}") for n in range(60)],
                    "en", "prs")
        query = "The meeting was held on Tuesday."
        found = tm.fuzzy(query, "en", "prs")
        scan = tm.fuzzy_scan(query, "en", "prs")
        assert scan and scan[0].target == "جلسه روز دوشنبه برگزار شد."
        assert found and (found[0].target, found[0].score) == (scan[0].target, scan[0].score)


def test_a_memory_indexed_by_words_only_gets_the_word_pairs(tmp_path: Path,
                                                            monkeypatch) -> None:
    """A TM of the previous version (schema 5: the index of words alone, kept by plain
    SQL triggers) is re-indexed on first open, and its index then follows the units."""
    import sqlite3

    import sqlite_utils

    from desktop_app.core import tm as tm_module
    from desktop_app.core.textnorm import match_key

    path = tmp_path / "tm.sqlite"
    db = sqlite_utils.Database(path)
    for step in MIGRATIONS[:4]:
        step(db)
    for statement in (  # schema 5 as it was written
            "CREATE VIRTUAL TABLE units_words USING fts5(norm, content='', detail='none', "
            "tokenize='unicode61 remove_diacritics 0')",
            "CREATE VIRTUAL TABLE units_words_vocab USING fts5vocab(units_words, 'row')",
            "CREATE TRIGGER units_words_insert AFTER INSERT ON units BEGIN INSERT INTO "
            "units_words (rowid, norm) VALUES (new.id, new.norm); END",
            "CREATE TRIGGER units_words_delete AFTER DELETE ON units BEGIN INSERT INTO "
            "units_words (units_words, rowid, norm) VALUES ('delete', old.id, old.norm); END",
            "CREATE TRIGGER units_words_update AFTER UPDATE OF id, norm ON units BEGIN INSERT "
            "INTO units_words (units_words, rowid, norm) VALUES ('delete', old.id, old.norm); "
            "INSERT INTO units_words (rowid, norm) VALUES (new.id, new.norm); END"):
        db.execute(statement)
    rows = [(f"{n} tuesday meeting held the was on.", f"بی‌معنی {n}") for n in range(60)]
    rows += [("The meeting was held on Monday.", "جلسه روز دوشنبه برگزار شد.")]
    db.conn.executemany("INSERT INTO units (source_lang, target_lang, source, target, norm, "
                        "origin, created) VALUES ('en', 'prs', ?, ?, ?, '', 0)",
                        [(s, t, match_key(s, "en")) for s, t in rows])
    db.execute("PRAGMA user_version=5")
    db.conn.commit()
    db.close()
    monkeypatch.setattr(tm_module, "CANDIDATE_BUDGET", 50)
    with TranslationMemory(path) as tm:
        assert int(tm.db.execute("PRAGMA user_version").fetchone()[0]) == len(MIGRATIONS) == 6
        found = tm.fuzzy("The meeting was held on Tuesday.", "en", "prs")
        assert [m.target for m in found[:1]] == ["جلسه روز دوشنبه برگزار شد."]
        tm.remove("The meeting was held on Monday.", "جلسه روز دوشنبه برگزار شد.", "en", "prs")
        assert not tm.fuzzy("The meeting was held on Tuesday.", "en", "prs")
    con = sqlite3.connect(path)  # a connection of its own, without Tarjuman's functions
    con.execute("INSERT INTO units_words (units_words) VALUES ('integrity-check')")
    assert con.execute("SELECT count(*) FROM units").fetchone()[0] == 60
    con.close()


def test_words_joined_by_underscores_are_looked_up(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.add("Open the file report_2024_final.docx and print it.", "فایل را باز کنید.",
               "en", "prs")
        found = tm.fuzzy("Open the file report_2025_final.docx and print it.", "en", "prs")
        assert [m.target for m in found] == ["فایل را باز کنید."]
