"""The MT cache on a fresh install, opened by two threads at once (the MT dock's decode and
a pretranslation): neither fails with "database is locked" nor "table already exists"."""

from __future__ import annotations

import threading
from pathlib import Path

from desktop_app.core.mt.cache import MTCache, cache_key
from desktop_app.core.mt.engine import Translation
from desktop_app.core.paths import mt_cache_file


def _open_at_once(path: Path, threads: int = 2) -> list[BaseException]:
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            barrier.wait()
            cache = MTCache(path)
            try:
                key = cache_key("argos", "m", "1", "beam=2", "en", "prs", f"text {n}")
                cache.put_many({key: Translation("", f"متن {n}", [], "argos", "m")})
                assert cache.get_many([key])[key].text == f"متن {n}"
            finally:
                cache.close()
        except BaseException as exc:  # noqa: BLE001 - reported to the test thread
            errors.append(exc)

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return errors


def test_two_threads_create_the_cache_on_a_fresh_data_dir(tmp_path: Path) -> None:
    path = mt_cache_file()
    assert not path.exists()
    assert _open_at_once(path) == []
    for n in range(40):  # the race is narrow: many fresh files
        fresh = tmp_path / f"fresh-{n}" / "mt-cache.db"
        fresh.parent.mkdir()
        errors = _open_at_once(fresh, threads=3)
        assert errors == [], (n, errors)
        cache = MTCache(fresh)
        try:
            assert cache.count() == 3
        finally:
            cache.close()
