"""SIGKILL (and SIGTERM) at random moments during `glossary import`, `project new`,
`project export` and `translate`: each is all or nothing, and whatever work files a killed
run leaves are gone after the next start (document text must not linger)."""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

from desktop_app.core.glossary.store import Concept, Term
from desktop_app.core.project import Project
from desktop_app.core.workfiles import cleanup
from tests.hardening.kills import kill_loop, leftovers, write_text_document


def _terms(home: Path) -> int:
    path = home / "glossaries" / "my-glossary.sqlite"
    if not path.exists():
        return 0
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(con.execute("SELECT count(*) FROM terms").fetchone()[0])
    finally:
        con.close()


def test_killed_glossary_imports_are_all_or_nothing(cli, tarjuman_home: Path,
                                                    tmp_path: Path) -> None:
    rows = 800
    csv = tmp_path / "terms.csv"
    csv.write_text("en,fa-AF\n" + "".join(f"term {i},واژه {i}\n" for i in range(rows)), "utf-8")
    assert cli("glossary", "add", "--term", "en=Kabul", "--term", "dari=کابل").returncode == 0
    counts: list[int] = []

    def check(run: int) -> None:
        count = _terms(tarjuman_home)
        assert (count - 2) % (2 * rows) == 0, count  # whole imports only
        counts.append(count)

    kill_loop(["glossary", "import", str(csv)], tarjuman_home, check, seed=7)
    assert cli("glossary", "search", "Kabul").returncode == 0


def test_killed_project_new_leaves_nothing_behind(cli, tarjuman_home: Path,
                                                  tmp_path: Path) -> None:
    document = write_text_document(tmp_path / "report.txt", 250)
    out = tmp_path / "projects"
    out.mkdir()

    def check(run: int) -> None:
        project = out / "report.tarjuman"
        if project.exists():  # a finished run: complete and valid
            with Project.open(project) as opened:
                assert opened.info().segments == 500
            project.unlink()
        cleanup()  # what the next start does
        assert leftovers(out) == [], run

    kill_loop(["project", "new", str(document), "--to", "dari", "-o",
               str(out / "report.tarjuman")], tarjuman_home, check, seed=21, watch=(out,))


def test_killed_exports_leave_the_old_file_or_the_new_one(cli, tarjuman_home: Path,
                                                          tmp_path: Path) -> None:
    document = write_text_document(tmp_path / "report.txt", 250)
    project = tmp_path / "report.tarjuman"
    assert cli("project", "new", str(document), "--to", "dari", "-o",
               str(project)).returncode == 0
    out = tmp_path / "out"
    out.mkdir()
    target = out / "report.fa.txt"
    target.write_text("the previous export\n", "utf-8")
    expected = document.read_text("utf-8")

    def check(run: int) -> None:
        assert target.read_text("utf-8") in ("the previous export\n", expected), run
        cleanup()
        assert leftovers(out) == [], run

    kill_loop(["project", "export", str(project), "-o", str(target), "--fallback", "source"],
              tarjuman_home, check, seed=5, watch=(out, project.parent))
    run = cli("tm", "lookup", "Kabul")  # a real next start cleans as well
    assert run.returncode == 0 and leftovers(out) == []


def test_terminated_translations_clean_their_temp_files(cli, tiny_argos: Path,
                                                        tarjuman_home: Path,
                                                        tmp_path: Path) -> None:
    assert cli("models", "install", str(tiny_argos)).returncode == 0
    document = write_text_document(tmp_path / "report.txt", 60)
    tmpdir = tmp_path / "tmpdir"
    tmpdir.mkdir()
    out = tmp_path / "out"
    out.mkdir()

    def after_term(run: int) -> None:  # TERM: the process cleans up itself
        assert leftovers(out, tmpdir) == [], run

    def after_kill(run: int) -> None:  # KILL: the next start cleans up
        cleanup()
        assert leftovers(out, tmpdir) == [], run

    args = ["translate", str(document), "--to", "dari", "--no-cache", "-o",
            str(out / "report.fa.txt")]
    env = {"TMPDIR": str(tmpdir)}
    kill_loop(args, tarjuman_home, after_term, seed=3, runs=3, env=env,
              sig=signal.SIGTERM, watch=(out, tmpdir))
    kill_loop(args, tarjuman_home, after_kill, seed=4, runs=3, env=env, watch=(out, tmpdir))


def test_glossary_readers_wait_for_no_import(tarjuman_home: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from desktop_app.core.glossary.library import open_default
    from tests.conftest import ROOT

    csv = tmp_path / "terms.csv"
    csv.write_text("en,fa-AF\n" + "".join(f"term {i},واژه {i}\n" for i in range(4000)),
                   "utf-8")
    with open_default() as gs:  # created before the import, as a user's would be
        gs.writable.add_concept(Concept([Term("en", "Kabul"), Term("prs", "کابل")]))
    env = {**os.environ, "TARJUMAN_HOME": str(tarjuman_home), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "desktop_app", "glossary", "import",
                             str(csv)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    searches = 0
    while proc.poll() is None:
        with open_default() as gs:  # opening and searching never fail or wait on the lock
            assert gs.search("Kabul"), "an existing term went missing during an import"
        searches += 1
    _, err = proc.communicate()
    assert proc.returncode == 0, err
    assert searches > 0
