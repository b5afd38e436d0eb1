"""The LibreTranslate engine against a REAL LibreTranslate server on 127.0.0.1, with two
tiny real Argos packages (en->fa, fa->en) that carry their own sentence splitter."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.core.errors import NetworkError, NoModelError
from desktop_app.core.glossary.enforce import Enforcer
from desktop_app.core.glossary.matcher import Matcher
from desktop_app.core.glossary.store import Concept, Term
from desktop_app.core.mt.libretranslate import LibreTranslateEngine
from desktop_app.core.mt.routing import GLOSSARY_LOST, choose, translate_texts
from desktop_app.core.pretranslate import pretranslate
from desktop_app.core.project import Project
from desktop_app.core.resources import sample
from desktop_app.core.segments import Status
from desktop_app.core.settings import Settings
from tests.fixtures.libretranslate_server import Server, start_or_skip
from tests.fixtures.tiny_models import build_argos_package


@pytest.fixture(scope="session")
def lt_packages(models_dir: Path) -> list[Path]:
    return [build_argos_package(models_dir / "lt-en_fa.argosmodel", "en", "fa",
                                with_splitter=True),
            build_argos_package(models_dir / "lt-fa_en.argosmodel", "fa", "en", seed=5,
                                with_splitter=True)]


@pytest.fixture(scope="session")
def lt_server(lt_packages: list[Path]) -> Iterator[Server]:
    server = start_or_skip(Server(lt_packages))
    yield server
    server.close()


def remote_settings(url: str, **extra: object) -> Settings:
    settings = Settings(libretranslate_url=url, libretranslate_batch=4)
    for key, value in extra.items():
        setattr(settings, key, value)
    return settings


def test_languages_single_and_batch(lt_server: Server, socket_guard) -> None:
    engine = LibreTranslateEngine(lt_server.url, batch_size=3)
    codes = {item["code"] for item in engine.server_languages()}
    assert codes == {"en", "fa"}
    one = engine.translate(["Kabul is calm."], "en", "persian")
    assert len(one) == 1 and one[0].engine == "libretranslate"
    assert one[0].model_id == f"127.0.0.1:{lt_server.port}"
    texts = [f"Report {n} from Kabul." for n in range(10)]
    seen: list[tuple[int, int]] = []
    many = engine.translate(texts, "en", "fa", n_best=2, on_progress=lambda d, t:
                            seen.append((d, t)))
    assert [r.source for r in many] == texts
    assert seen == [(3, 10), (6, 10), (9, 10), (10, 10)]  # batches of 3
    assert all(len(r.alternatives) == 1 for r in many)
    back = engine.translate(["کابل آرام است."], "fa", "en")
    assert len(back) == 1
    assert socket_guard.attempts == []  # loopback only


def test_dari_goes_to_the_persian_package_with_a_note(lt_server: Server) -> None:
    route = choose("en", "dari", "libretranslate", remote_settings(lt_server.url))
    assert route.model.engine == "libretranslate"
    assert "review for Dari" in route.note and "remote" in route.note


def test_wrong_pair_is_a_clear_error(lt_server: Server) -> None:
    engine = LibreTranslateEngine(lt_server.url)
    with pytest.raises(NoModelError, match="Pashto"):
        engine.translate(["Kabul."], "en", "pashto")


def test_cache_and_glossary_masking_through_the_server(lt_server: Server) -> None:
    settings = remote_settings(lt_server.url)
    concept = Concept([Term("en", "Northern Alliance"), Term("prs", "ائتلاف شمال")], id=1,
                      glossary="g")
    enforcer = Enforcer(Matcher("en", [concept]), "dari")
    texts = ["The Northern Alliance held Panjshir.", "Kabul is calm."]
    first = translate_texts(texts, "en", "dari", engine="libretranslate", settings=settings,
                            enforcer=enforcer)
    # the masked segment either came back with the term restored or was redone unmasked
    assert ("ائتلاف شمال" in first[0].text) or first[0].flags == [GLOSSARY_LOST]
    assert first[1].flags == [] and first[0].origin.startswith("libretranslate:127.0.0.1")
    again = translate_texts(texts, "en", "dari", engine="libretranslate", settings=settings,
                            enforcer=enforcer)
    assert [r.text for r in again] == [r.text for r in first]
    assert all(r.cached for r in again)


def test_local_models_first_unless_the_server_is_preferred(lt_server: Server,
                                                           tiny_argos: Path) -> None:
    from desktop_app.core.mt import argos

    argos.install(tiny_argos)
    assert choose("en", "dari", settings=remote_settings(lt_server.url)).model.engine == "argos"
    preferred = remote_settings(lt_server.url, prefer_remote=True)
    assert choose("en", "dari", settings=preferred).model.engine == "libretranslate"


def test_cli_translate_and_models_list(cli, lt_server: Server, tmp_path: Path,
                                       tarjuman_home: Path) -> None:
    out = tmp_path / "out.txt"
    r = cli("translate", str(sample("panjshir.txt")), "--to", "dari", "--engine",
            "libretranslate", "--server", lt_server.url, "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "remote: LibreTranslate server" in r.stderr
    assert len(out.read_text("utf-8").splitlines()) == len(
        sample("panjshir.txt").read_text("utf-8").splitlines())
    r = cli("models", "server", lt_server.url, "--api-key", "s3cret")
    assert r.returncode == 0
    mode = stat.S_IMODE(os.stat(tarjuman_home / "settings.json").st_mode)
    assert mode == 0o600  # the API key is readable by the user only
    listed = json.loads(cli("models", "list", "--json").stdout)
    assert listed["remote"][0]["reachable"] and ["en", "fa"] in listed["remote"][0]["pairs"]
    r = cli("translate", str(sample("panjshir.txt")), "--to", "pashto", "-o",
            str(tmp_path / "ps.txt"))
    assert r.returncode == 1 and "Pashto" in r.stderr and len(r.stderr.splitlines()) == 1


def test_server_stopped_mid_job(lt_packages: list[Path], tmp_path: Path) -> None:
    server = start_or_skip(Server(lt_packages))
    try:
        path = tmp_path / "p.tarjuman"
        project = Project.create(sample("panjshir.docx"), "dari", path=path)
        settings = remote_settings(server.url)
        batches = []

        def progress(done: int, total: int) -> None:
            batches.append(done)
            if len(batches) == 2:  # the first batch has landed: the server goes away
                server.stop()

        with pytest.raises(NetworkError, match="not reachable"):
            pretranslate(project, engine="libretranslate", settings=settings,
                         on_progress=progress, chunk=8)
        info = project.info()
        assert 0 < info.by_status["mt"] < info.segments  # finished work is kept
        assert all(s.origin.startswith("mt:libretranslate:") for s in project.segments()
                   if s.status == Status.MT)
        con = sqlite3.connect(path)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
    finally:
        server.close()


def test_unreachable_server_fails_fast(tmp_path: Path) -> None:
    from tests.fixtures.libretranslate_server import free_port

    engine = LibreTranslateEngine(f"http://127.0.0.1:{free_port()}", retries=1, backoff=0.05)
    with pytest.raises(NetworkError, match="not reachable"):
        engine.translate(["Kabul."], "en", "fa")


def test_a_server_that_never_answers_costs_seconds_once_not_minutes(
        tmp_path: Path) -> None:
    """A server that accepts connections and never answers (before: 123 s per route
    choice on the window's thread, then again on the next row)."""
    import socket
    import time

    from desktop_app.core.mt import routing

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)  # connections are accepted by the kernel and never answered
    try:
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        settings = remote_settings(url, prefer_remote=True)
        began = time.monotonic()
        with pytest.raises(NetworkError, match="not reachable"):
            routing.choose("en", "fa", settings=settings)
        first = time.monotonic() - began
        began = time.monotonic()
        with pytest.raises(NetworkError, match="not answering"):
            routing.choose("en", "fa", settings=settings)
        again = time.monotonic() - began
        assert first < 10 and again < 0.5, (first, again)
    finally:
        listener.close()
        routing._remote_for.cache_clear()


def test_retry_after_is_honoured_and_the_server_is_asked_again_later(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json as jsonlib
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from desktop_app.core.mt import libretranslate

    calls: list[str] = []

    class Busy(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            calls.append(self.path)
            if len(calls) == 1:
                self.send_response(503)
                self.send_header("Retry-After", "120")
                self.end_headers()
                return
            body = jsonlib.dumps([{"code": "en", "targets": ["fa"]}]).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Busy)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        engine = LibreTranslateEngine(f"http://127.0.0.1:{server.server_address[1]}")
        with pytest.raises(NetworkError, match="503"):
            engine.server_languages()
        with pytest.raises(NetworkError, match=r"again in 1[12]\d s"):
            engine.server_languages()  # the server asked for 120 s: not asked again now
        assert len(calls) == 1
        now = libretranslate.time.monotonic()
        monkeypatch.setattr(libretranslate.time, "monotonic", lambda: now + 121)
        assert engine.server_languages()[0]["code"] == "en" and len(calls) == 2
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
