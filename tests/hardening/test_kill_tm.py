"""`tm import` is all or nothing: SIGKILL at random moments, concurrent imports and
lookups during a re-import lose no unit, duplicate none and miss no exact match."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from desktop_app.core.tm import TranslationMemory, tm_file
from tests.conftest import ROOT
from tests.hardening.kills import kill_loop, write_tmx

UNITS = 4000


def _count(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # the word index (raises "database disk image is malformed" when inconsistent)
        con.execute("INSERT INTO units_words (units_words) VALUES ('integrity-check')")
        return int(con.execute("SELECT count(*) FROM units").fetchone()[0])
    finally:
        con.close()


def test_killed_tm_imports_lose_and_duplicate_nothing(tarjuman_home: Path,
                                                      tmp_path: Path) -> None:
    first = write_tmx(tmp_path / "first.tmx", UNITS)
    overlapping = write_tmx(tmp_path / "second.tmx", UNITS, start=UNITS // 2)
    with TranslationMemory() as tm:
        assert tm.import_tmx(first, "en", "dari") == UNITS
    seen: set[int] = set()

    def check(run: int) -> None:
        count = _count(tm_file())
        assert count in (UNITS, UNITS + UNITS // 2), count  # before or after, never between
        seen.add(count)
        with TranslationMemory() as tm:
            assert tm.exact("Report number 7 from Kabul.", "en", "dari") is not None

    kill_loop(["tm", "import", str(overlapping)], tarjuman_home, check, seed=13)
    with TranslationMemory() as tm:  # re-importing is idempotent
        assert tm.count() == UNITS + UNITS // 2


def test_concurrent_imports_and_lookups(tarjuman_home: Path, tmp_path: Path) -> None:
    tmx = write_tmx(tmp_path / "tm.tmx", UNITS)
    env = {**os.environ, "TARJUMAN_HOME": str(tarjuman_home), "PYTHONPATH": str(ROOT)}
    with TranslationMemory() as tm:
        tm.import_tmx(tmx, "en", "dari")
    procs = [subprocess.Popen([sys.executable, "-m", "desktop_app", "tm", "import", str(tmx)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for _ in range(2)]
    lookups = 0
    with TranslationMemory() as tm:
        while any(p.poll() is None for p in procs):
            assert tm.exact(f"Report number {lookups % UNITS} from Kabul.", "en",
                            "dari") is not None
            lookups += 1
    for p in procs:
        _, err = p.communicate()
        assert p.returncode == 0, err
    assert lookups > 0
    assert _count(tm_file()) == UNITS


def test_tm_import_of_a_missing_file_or_a_folder_is_one_sentence(cli, tmp_path: Path) -> None:
    for target in (tmp_path / "missing.tmx", tmp_path):
        run = cli("tm", "import", str(target))
        assert run.returncode == 1
        assert run.stderr.count("\n") == 1 and "internal error" not in run.stderr, run.stderr


def test_old_tm_with_duplicates_is_migrated(tarjuman_home: Path) -> None:
    con = sqlite3.connect(tm_file())
    con.execute("CREATE TABLE units (id INTEGER PRIMARY KEY, source_lang TEXT, target_lang "
                "TEXT, source TEXT, target TEXT, norm TEXT, origin TEXT, created FLOAT)")
    for _ in range(3):
        con.execute("INSERT INTO units (source_lang, target_lang, source, target, norm, "
                    "origin, created) VALUES ('en', 'prs', 'Kabul', 'کابل', 'kabul', '', 1)")
    con.commit()
    con.close()
    with TranslationMemory() as tm:
        assert tm.count() == 1
        assert tm.exact("Kabul", "en", "dari") is not None


def test_a_full_disk_is_one_sentence_and_loses_no_unit(tarjuman_home: Path) -> None:
    import pytest

    from desktop_app.core.errors import TarjumanError

    with TranslationMemory() as tm:
        tm.add("Kabul is calm.", "کابل آرام است.", "en", "dari")
        pages = tm.db.execute("PRAGMA page_count").fetchone()[0]
        tm.db.execute(f"PRAGMA max_page_count = {pages + 1}")  # SQLITE_FULL, as on a full disk
        pairs = [(f"Report {i} " + "x" * 200, f"گزارش {i}") for i in range(2000)]
        with pytest.raises(TarjumanError, match="disk is full"):
            tm.add_many(pairs, "en", "dari")
        assert tm.count() == 1 and tm.exact("Kabul is calm.", "en", "dari") is not None
