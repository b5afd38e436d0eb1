"""The whole hostile corpus through the real CLI: every run ends in one clear line (never
"internal error", a traceback or a second line), within 60 s, and a refusal changes
nothing in the data dir. Inputs are built at test time (tests/hardening/hostile.py)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from desktop_app.core.resources import sample
from tests.conftest import ROOT
from tests.hardening import hostile
from tests.hardening.test_bad_inputs import snapshot

REASONS = {"entity.docx": "entities", "duplicate-member.docx": "twice",
           "altchunk.docx": "altChunk", "broken-footnotes.docx": "damaged",
           "footnote-bomb.docx": "entities", "deep.html": "nested", "charset.po": "charset",
           "plurals.po": "plural forms"}


def one_clear_line(run: subprocess.CompletedProcess[str], label: str) -> None:
    lines = run.stderr.strip().splitlines()
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, (label,
                                                                                 run.stderr)
    assert "Logging error" not in run.stderr, (label, run.stderr)
    if run.returncode:
        assert len(lines) == 1 and lines[0].startswith("tarjuman: error:"), (label,
                                                                             run.stderr)
        assert len(lines[0]) < 1000, (label, len(lines[0]))


def timed(cli, *args: str) -> subprocess.CompletedProcess[str]:
    start = time.monotonic()
    run = cli(*args, timeout=60)
    assert time.monotonic() - start < 60
    return run


def test_hostile_documents_glossaries_and_projects(cli_inproc, tmp_path: Path,
                                                   tarjuman_home: Path) -> None:
    cli = cli_inproc
    assert cli("glossary", "add", "--term", "en=Kabul", "--term", "dari=کابل").returncode == 0
    out = tmp_path / "out"
    out.mkdir()
    before = snapshot(tarjuman_home)
    for name, build in hostile.DOCUMENTS.items():
        path = build(tmp_path / name)
        run = timed(cli, "project", "new", str(path), "--to", "dari", "-o",
                    str(out / "p.tarjuman"))
        one_clear_line(run, name)
        assert run.returncode == 1, (name, run.stdout)
        assert REASONS[name] in run.stderr, (name, run.stderr)
        assert list(out.iterdir()) == [], name
    for name, build in hostile.GLOSSARIES.items():
        run = timed(cli, "glossary", "import", str(build(tmp_path / name)))
        one_clear_line(run, name)
        assert run.returncode == 1, (name, run.stdout)
    assert snapshot(tarjuman_home) == before
    for name, build in hostile.PROJECTS.items():
        path = build(tmp_path / name)
        for args in (["project", "info", str(path)], ["project", "edit", str(path), "1", "x"],
                     ["qa", str(path)]):
            run = timed(cli, *args)
            one_clear_line(run, f"{name} {args[:2]}")
            assert run.returncode == 1, (name, args, run.stdout)
    con = sqlite3.connect(tmp_path / "trigger.tarjuman")
    assert con.execute("SELECT count(*) FROM segments").fetchone()[0] > 0  # never fired
    con.close()
    assert snapshot(tarjuman_home) == before


def test_damaged_docx_parts_never_crash(cli, tmp_path: Path) -> None:
    path = hostile.docx_header_to_nowhere(tmp_path / "header.docx")
    run = timed(cli, "project", "new", str(path), "--to", "dari")
    one_clear_line(run, path.name)


def test_a_long_legitimate_docx_is_not_a_bomb(tmp_path: Path) -> None:
    body = "".join(f"<w:p><w:r><w:t>Paragraph {n % 7} about the valley.</w:t></w:r></w:p>"
                   for n in range(20_000))
    path = hostile._zip(tmp_path / "long.docx", hostile._docx_parts(body=body))
    from desktop_app.core.documents.docx import Docx

    data = path.read_bytes()
    with zipfile.ZipFile(path) as zf:  # compresses far beyond any ratio rule
        info = zf.getinfo("word/document.xml")
        assert info.file_size / info.compress_size > 100
    assert len(Docx().load(data, path.name).blocks) == 20_000


def test_huge_term_already_stored_does_not_poison_matching(tarjuman_home: Path) -> None:
    from desktop_app.core.glossary.library import open_user
    from desktop_app.core.glossary.matcher import Matcher
    from desktop_app.core.glossary.store import Concept, Term

    with open_user() as glossary:
        glossary.add_concept(Concept([Term("en", "Kabul"), Term("prs", "کابل")]))
        glossary.db.execute("UPDATE terms SET text = ? WHERE text = 'Kabul'",
                            ["Kabul " * 200_000])
        glossary.db.conn.commit()
        concepts = list(glossary.concepts())
    assert Matcher("en", concepts).find("Kabul is calm.") == []


def test_bad_outputs_are_refused_before_any_work(cli_inproc, tiny_argos: Path,
                                                 tmp_path: Path, tarjuman_home: Path) -> None:
    cli = cli_inproc
    assert cli("models", "install", str(tiny_argos)).returncode == 0
    assert cli("tm", "import", str(_tmx(tmp_path))).returncode == 0
    project = tmp_path / "p.tarjuman"
    assert cli("project", "new", str(sample("panjshir.txt")), "--to", "dari", "-o",
               str(project)).returncode == 0
    text = tmp_path / "in.txt"
    text.write_text("Kabul is calm.\n", "utf-8")
    (tmp_path / "a-file").write_text("x")
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "victim.txt")
    (tmp_path / "victim.txt").write_text("keep me")
    before = snapshot(tarjuman_home)
    tm_before = (tarjuman_home / "tm.sqlite").read_bytes()
    project_before = project.read_bytes()
    outputs = [tmp_path / "out.docx", tmp_path, tmp_path / "noext",
               tmp_path / "missing" / "o.txt", tmp_path / "a-file" / "o.txt", link,
               tarjuman_home / "tm.sqlite", project, text]
    for output in outputs:
        run = timed(cli, "translate", str(text), "--to", "dari", "-o", str(output))
        one_clear_line(run, str(output))
        assert run.returncode == 1, (output, run.stdout)
        assert snapshot(tarjuman_home) == before, output  # not even the MT cache was filled
    for output in (tarjuman_home / "tm.sqlite", project, link, tmp_path / "a-file" / "x.tmx",
                   tarjuman_home / "glossaries" / "my-glossary.sqlite"):
        for args in (["tm", "export", str(output)], ["project", "export", str(project), "-o",
                                                     str(output)],
                     ["glossary", "export", str(output)]):
            run = timed(cli, *args)
            one_clear_line(run, f"{args[:2]} {output}")
            assert run.returncode == 1, (args, run.stdout)
    assert (tarjuman_home / "tm.sqlite").read_bytes() == tm_before
    assert project.read_bytes() == project_before
    assert link.is_symlink() and (tmp_path / "victim.txt").read_text() == "keep me"


def _tmx(tmp_path: Path) -> Path:
    from tests.hardening.kills import write_tmx

    return write_tmx(tmp_path / "small.tmx", 5)


def test_arguments_names_and_settings(cli_inproc, tmp_path: Path,
                                      tarjuman_home: Path) -> None:
    cli = cli_inproc
    project = tmp_path / "name #1 ?x=%41.tarjuman"
    run = cli("project", "new", str(sample("panjshir.txt")), "--to", "dari", "-o", str(project))
    assert run.returncode == 0, run.stderr
    for args in (["project", "edit", str(project), str(10**23), "x"],
                 ["project", "info", str(tmp_path / "no\nsuch\u202eproject.tarjuman")]):
        run = timed(cli, *args)
        one_clear_line(run, args[1])
        assert run.returncode == 1
    from desktop_app.core.backup import backups, make_backup

    made = make_backup(project)
    assert made is not None and made.stat().st_size > 0 and backups(project) == [made]
    strays = [p.name for p in tmp_path.iterdir()  # e.g. "name " from a URI cut at '#'
              if "name" in p.name and not p.name.startswith(project.name)]
    assert strays == []
    env = {**os.environ, "TARJUMAN_HOME": str(tarjuman_home), "PYTHONPATH": str(ROOT)}
    raw = subprocess.run([sys.executable, "-m", "desktop_app", "project", "info",
                          os.fsencode(tmp_path) + b"/bad-\xff-name.tarjuman"],
                         capture_output=True, env=env, timeout=60)
    err = raw.stderr.decode("utf-8", "replace")
    assert raw.returncode == 1 and err.count("\n") == 1 and "internal" not in err, err
    for bad in ('{"beam_size": "four"}', '{"intra_threads": -3}', '{"use_glossary": "yes"}',
                '{"recent": "x"}', '{"batch_type": "words"}', "[1, 2]"):
        (tarjuman_home / "settings.json").write_text(bad, "utf-8")
        run = timed(cli, "translate", str(sample("panjshir.txt")), "--to", "dari", "-o",
                    str(tmp_path / "o.txt"))
        one_clear_line(run, bad)
        assert run.returncode == 1 and "settings" in run.stderr, bad
    (tarjuman_home / "settings.json").unlink()


def test_unwritable_data_dir_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    env = {**os.environ, "TARJUMAN_HOME": str(blocker / "home"), "PYTHONPATH": str(ROOT)}
    for args in (["tm", "lookup", "Kabul"], ["glossary", "list"], ["models", "list"]):
        run = subprocess.run([sys.executable, "-m", "desktop_app", *args], capture_output=True,
                             text=True, env=env, timeout=60)
        one_clear_line(run, args[0])
        assert run.returncode == 1, run.stdout


@pytest.mark.parametrize("field", ["beam_size", "ui_language"])
def test_settings_errors_name_the_field(tarjuman_home: Path, field: str) -> None:
    from desktop_app.core.errors import TarjumanError
    from desktop_app.core.settings import Settings

    (tarjuman_home / "settings.json").write_text(f'{{"{field}": 12345678}}', "utf-8")
    with pytest.raises(TarjumanError, match=field):
        Settings.load()


@pytest.mark.parametrize("name", sorted(hostile.PROJECTS))
def test_the_editor_never_sees_a_hostile_project(name: str, tmp_path: Path) -> None:
    from desktop_app.core.project import ProjectError
    from desktop_app.core.session import EditSession

    path = hostile.PROJECTS[name](tmp_path / name)
    with pytest.raises(ProjectError) as refused:
        EditSession.open(path)  # what the editor calls before building any widget
    assert "\n" not in str(refused.value)
