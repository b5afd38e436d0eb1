"""Nothing leaves the machine; concurrent work loses nothing; logs hold no document text;
temp files are cleaned up; importers and exporters round-trip (property tests)."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core import qa
from desktop_app.core.documents.registry import FORMATS
from desktop_app.core.glossary.library import default_enforcer, open_default
from desktop_app.core.glossary.store import Concept, Term
from desktop_app.core.mt import argos, nllb
from desktop_app.core.pretranslate import pretranslate
from desktop_app.core.project import Project
from desktop_app.core.resources import sample
from desktop_app.core.segments import Status
from desktop_app.core.session import EditSession
from desktop_app.core.tm import TranslationMemory
from desktop_app.core.workflow import translate_document
from tests.conftest import run_cli


def test_end_to_end_opens_no_socket(socket_guard, tiny_argos: Path, tiny_nllb: Path,
                                    tmp_path: Path) -> None:
    argos.install(tiny_argos)
    nllb.install(tiny_nllb)
    for name in ("panjshir.docx", "panjshir.html"):
        out = tmp_path / f"out-{name}"
        translate_document(sample(name), out, "en", "pashto")
        assert out.exists()
    session = EditSession.from_document(sample("panjshir.md"), "dari",
                                        path=tmp_path / "p.tarjuman")
    pretranslate(session.project, tm=session.tm,
                 enforcer=default_enforcer("en", "dari"))
    session.reload()
    session.confirm(0, "مقاومت")
    session.add_term("side valleys", "دره‌های فرعی")
    found = qa.check([(s.source, s.target) for s in session.segments], "en", "dari",
                     concepts=open_default().concepts())
    assert found is not None
    for name in ("o.md", "o.xlf", "o.tmx"):
        session.export(tmp_path / name)
    session.export(tmp_path / "bi.html", bilingual=True)
    assert socket_guard.attempts == []  # 0 connections attempted


def test_edits_glossary_and_mt_job_at_once_lose_nothing(tiny_argos: Path,
                                                        tmp_path: Path) -> None:
    argos.install(tiny_argos)
    path = tmp_path / "c.tarjuman"
    Project.create(sample("panjshir.docx"), "dari", path=path).close()
    session = EditSession.open(path)
    edits: dict[int, str] = {}
    errors: list[BaseException] = []

    def job() -> None:
        try:
            own = Project.open(path)
            tm = TranslationMemory()
            pretranslate(own, tm=tm, chunk=4)
            tm.close()
            own.close()
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    worker = threading.Thread(target=job)
    worker.start()
    for row in range(0, len(session.segments), 3):
        text = f"ویرایش {row}"
        session.set_target(row, text)
        edits[session.segments[row].id] = text
        session.glossaries.writable.add_concept(Concept([Term("en", f"term {row}"),
                                                         Term("prs", f"اصطلاح {row}")]))
    worker.join(timeout=120)
    assert not errors
    session.reload()
    by_id = {s.id: s for s in session.segments}
    for sid, text in edits.items():
        assert by_id[sid].target == text and by_id[sid].status == Status.EDITED
    others = [s for s in session.segments if s.id not in edits]
    assert all(s.status in (Status.MT, Status.NEW) for s in others)
    assert sum(1 for s in others if s.status == Status.MT) >= len(others) * 0.8
    assert session.glossaries.writable.count() == len(edits)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def test_logs_hold_no_document_text_and_temp_files_go(cli, tiny_argos: Path, tmp_path: Path,
                                                      tarjuman_home: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {"TMPDIR": str(temp)}
    assert cli("models", "install", str(tiny_argos), extra_env=env).returncode == 0
    r = cli("translate", str(sample("panjshir.docx")), "--to", "dari", "-o",
            str(tmp_path / "o.docx"), extra_env=env)
    assert r.returncode == 0, r.stderr
    r = cli("translate", str(tmp_path / "missing.docx"), "--to", "dari", "-o",
            str(tmp_path / "x.docx"), extra_env=env)
    assert r.returncode == 1
    assert list(temp.iterdir()) == []  # the throw-away project and its WAL are gone
    logs = "".join(p.read_text("utf-8") for p in (tarjuman_home / "logs").glob("*.log*"))
    for sentence in sample("panjshir.txt").read_text("utf-8").split("."):
        words = sentence.strip()
        if len(words) > 20:
            assert words not in logs


def test_project_file_names_are_sanitised(tmp_path: Path, tarjuman_home: Path) -> None:
    odd = tmp_path / "..report \u202enightly\x07.txt"
    odd.write_text("Kabul is calm.\n", "utf-8")
    session = EditSession.from_document(odd, "dari")
    name = session.project.path.name
    assert session.project.path.parent == tarjuman_home / "projects"
    assert "/" not in name and "\u202e" not in name and "\x07" not in name
    assert not name.startswith(".")


WORDS = st.sampled_from(["Kabul", "Panjshir", "valley", "the", "U.S.", "800,000", "Mr.",
                         "کابل", "پنجشیر", "دره", "می‌شود", "«نقل»", "fighters", "A&B", "<x>"])
PARAGRAPH = st.lists(WORDS, min_size=1, max_size=12).map(" ".join).map(lambda s: s + ".")


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(PARAGRAPH, min_size=1, max_size=5))
def test_importers_and_exporters_round_trip(paragraphs: list[str]) -> None:
    from html import escape

    documents = {
        "txt": "\n".join(paragraphs) + "\n",
        "md": "# Title\n\n" + "\n\n".join(paragraphs) + "\n",
        "srt": "\n\n".join(f"{n}\n00:00:0{n % 10},000 --> 00:00:0{n % 10},900\n{p}"
                           for n, p in enumerate(paragraphs, 1)) + "\n",
        "html": "<html><body>" + "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
                + "</body></html>",
    }
    for fmt_name, text in documents.items():
        fmt = FORMATS[fmt_name]
        data = text.encode("utf-8")
        first = fmt.load(data, f"x.{fmt_name}")
        again = fmt.load(fmt.save(data, f"x.{fmt_name}", {b.id: b.text for b in first.blocks},
                                  "prs"), f"y.{fmt_name}")
        assert [b.text for b in again.blocks] == [b.text for b in first.blocks], fmt_name
        # and a translation lands in the right blocks
        reversed_blocks = {b.id: b.text[::-1] for b in first.blocks}
        translated = fmt.load(fmt.save(data, "x", reversed_blocks, "prs"), "z")
        assert [b.text for b in translated.blocks] == [reversed_blocks[b.id]
                                                       for b in first.blocks], fmt_name


def test_run_cli_helper_clears_argos_env(tmp_path: Path) -> None:
    os.environ["ARGOS_PACKAGES_DIR"] = "/nonexistent"
    try:
        r = run_cli("models", "list", "--json", home=tmp_path / "h")
        assert r.returncode == 0
    finally:
        del os.environ["ARGOS_PACKAGES_DIR"]
