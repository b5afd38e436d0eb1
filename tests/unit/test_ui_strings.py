"""Every message a user reads goes through the catalogs: the source is scanned for raised
errors and printed lines in plain English, every translation keeps its placeholders, and
errors provoked in the Dari UI (CLI, LibreTranslate server, glossary store, settings file)
come out in Dari."""

from __future__ import annotations

import ast
import json
import re
import string
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from desktop_app import cli
from desktop_app.core import i18n
from desktop_app.core.errors import TarjumanError
from desktop_app.core.i18n import locale_dir

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "desktop_app").rglob("*.py"))
ARABIC = re.compile(r"[\u0600-\u06ff]")
TWO_WORDS = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,}")
A_WORD = re.compile(r"[A-Za-z]{3,}")
PERCENT = re.compile(r"%\(\w+\)[sr]|%[sr1]")  # argparse's and Qt's placeholders


def _trees() -> Iterator[tuple[Path, ast.Module]]:
    for path in SOURCES:
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _user_error_classes() -> set[str]:
    """TarjumanError and every class that derives from it, by name, over the package."""
    bases: dict[str, set[str]] = {}
    for _path, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "")
                                    for b in node.bases}
    found = {"TarjumanError"}
    while True:
        more = {name for name, of in bases.items() if of & found} - found
        if not more:
            return found
        found |= more


def _literal(node: ast.expr) -> bool:
    """Plain text written in the code: a string, an f-string, a sum or .format() of them."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _literal(node.left) or _literal(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "format" and _literal(node.func.value)
    return False


def _english(node: ast.expr, words: re.Pattern[str] = TWO_WORDS) -> bool:
    """Whether the text written in ``node`` holds English words (not only placeholders)."""
    parts = [v.value for v in ast.walk(node) if isinstance(v, ast.Constant)
             and isinstance(v.value, str)]
    return any(words.search(p) for p in parts)


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


# Raised for a programmer's mistake, never shown as such: an "internal error" line.
PROGRAMMING_ERRORS = {"ValueError", "RuntimeError", "AssertionError", "TypeError", "KeyError",
                      "NotImplementedError", "AttributeError", "IndexError", "LookupError"}


def _library_error(func: ast.expr) -> bool:
    """A library's own exception raised the way it raises it (``zlib.error`` where a
    stream decoder stands in for zlib's): caught inside, never shown."""
    return (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
            and func.value.id in {"zlib"})


def test_no_user_error_is_raised_with_untranslated_text() -> None:
    """Every raise with English text in it, whatever it calls: a user error class, a helper
    parameter holding one (``raise error(f"...")``), argparse's errors."""
    classes = _user_error_classes()
    assert {"InputError", "GlossaryError", "NetworkError", "ProjectError"} <= classes
    offenders = []
    for path, tree in _trees():
        for node in ast.walk(tree):
            if (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)
                    and _name(node.exc.func) not in PROGRAMMING_ERRORS
                    and not _library_error(node.exc.func) and node.exc.args
                    and _literal(node.exc.args[0]) and _english(node.exc.args[0], A_WORD)):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == [], "wrap these messages in _(): " + ", ".join(offenders)


def test_cli_output_lines_are_translated() -> None:
    offenders = []
    for path, tree in _trees():
        if "commands" not in path.parts and path.name != "cli.py":
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and _name(node.func) in ("print", "write")
                    and node.args and _literal(node.args[0]) and _english(node.args[0])):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == [], "wrap these lines in _(): " + ", ".join(offenders)


def test_cli_help_texts_are_translated(capsys: pytest.CaptureFixture[str]) -> None:
    offenders = []
    for path, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                offenders += [f"{path.relative_to(ROOT)}:{node.lineno}" for k in node.keywords
                              if k.arg in ("help", "description") and _literal(k.value)
                              and _english(k.value, A_WORD)]
    assert offenders == [], "wrap these help texts in _(): " + ", ".join(offenders)
    with pytest.raises(SystemExit):
        cli.main(["--ui-language", "prs", "translate", "--help"])
    out = capsys.readouterr().out
    assert "زبان مقصد" in out and "target language" not in out and "options" not in out


def _fields(text: str) -> list[tuple[str, str | None, str]]:
    return sorted((name, conv or "", spec or "")
                  for _lit, name, spec, conv in string.Formatter().parse(text) if name is not None)


def test_every_formatted_message_gets_all_its_placeholders() -> None:
    """``_("... {name} ...").format(...)`` names every field (a missing one would fail only
    when the error happens, in front of the user)."""
    offenders = []
    for path, tree in _trees():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "format"):
                continue
            target = node.func.value
            templates = [c for c in (target.body, target.orelse)] if isinstance(
                target, ast.IfExp) else [target]
            for call in templates:
                if (isinstance(call, ast.Call) and _name(call.func) == "_" and call.args
                        and isinstance(call.args[0], ast.Constant)):
                    wanted = {name for name, _c, _s in _fields(str(call.args[0].value))}
                    given = {k.arg for k in node.keywords}
                    if not wanted <= given:
                        offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: "
                                         f"{sorted(wanted - given)}")
    assert offenders == []


@pytest.mark.parametrize("code", ["prs", "ps"])
def test_translations_keep_placeholders_and_none_is_fuzzy(code: str) -> None:
    with (locale_dir() / code / "LC_MESSAGES" / "tarjuman.po").open("rb") as fh:
        catalog = read_po(fh)
    broken, fuzzy = [], []
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy:
            fuzzy.append(message.id)
        source, text = str(message.id), str(message.string)
        if (_fields(source) != _fields(text)
                or sorted(PERCENT.findall(source)) != sorted(PERCENT.findall(text))
                or source.count("\n") != text.count("\n")):
            broken.append(source)
    assert fuzzy == [] and broken == []


# -- provoked in the Dari UI ---------------------------------------------------------------


def _is_dari(text: str, *english: str) -> bool:
    return bool(ARABIC.search(text)) and not any(e in text for e in english)


def test_cli_errors_speak_the_language_asked_for(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.tarjuman"
    assert cli.main(["--ui-language", "prs", "project", "info", str(missing)]) == 1
    err = capsys.readouterr().err
    assert _is_dari(err, "no such", "error:") and str(missing) in err
    bogus = tmp_path / "bogus.tarjuman"
    bogus.write_text("not a database", encoding="utf-8")
    assert cli.main(["--ui-language", "ps", "project", "info", str(bogus)]) == 1
    err = capsys.readouterr().err
    assert _is_dari(err, "not a Tarjuman project") and "ترجمان" in err
    with pytest.raises(SystemExit) as usage:  # usage errors too, argparse's words included
        cli.main(["--ui-language", "prs", "project", "frobnicate"])
    assert usage.value.code == 2
    assert _is_dari(capsys.readouterr().err, "see tarjuman", "invalid choice", "argument")
    assert cli.main(["project", "info", str(missing)]) == 1  # English stays the default
    assert "no such project" in capsys.readouterr().err
    assert cli.main(["--ui-language", "klingon", "languages"]) == 2
    assert "unknown language 'klingon'" in capsys.readouterr().err


def test_cli_follows_the_editors_language_and_reports_a_bad_settings_file(
        tarjuman_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop_app.core.paths import settings_file

    settings_file().write_text(json.dumps({"ui_language": "prs"}), encoding="utf-8")
    assert cli.main(["project", "info", str(tmp_path / "gone.tarjuman")]) == 1
    assert _is_dari(capsys.readouterr().err, "no such project")
    settings_file().write_text(json.dumps({"ui_language": "prs", "beam_size": 99}),
                               encoding="utf-8")
    assert cli.main(["--ui-language", "prs", "models", "list"]) == 1
    err = capsys.readouterr().err
    assert _is_dari(err, "settings file", "must be between", "correct it")
    assert "'beam_size'" in err and "99" in err


@pytest.fixture
def dari_ui(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Dari UI for one test (monkeypatch puts the language back after it)."""
    monkeypatch.setattr(i18n, "_ui", "prs")


class _Server(BaseHTTPRequestHandler):
    answers: dict[str, tuple[int, bytes]] = {}

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status, body = self.answers[self.path]
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer  # noqa: N815

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def libretranslate() -> Iterator[tuple[str, dict[str, tuple[int, bytes]]]]:
    answers: dict[str, tuple[int, bytes]] = {}
    handler = type("Handler", (_Server,), {"answers": answers})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", answers
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_libretranslate_server_errors_in_dari(dari_ui: None, libretranslate: tuple[
        str, dict[str, tuple[int, bytes]]]) -> None:
    from desktop_app.core.mt.libretranslate import LibreTranslateEngine

    url, answers = libretranslate
    engine = LibreTranslateEngine(url, retries=0)
    answers["/languages"] = (200, json.dumps([{"code": "en", "targets": ["ru"]},
                                              {"code": "ru", "targets": ["en"]}]).encode())
    with pytest.raises(TarjumanError) as caught:
        engine.translate(["Hello"], "en", "prs")
    message = str(caught.value)
    assert _is_dari(message, "server", "serves") and "دری" in message and "ru" in message
    answers["/languages"] = (200, json.dumps([{"code": "en", "targets": ["fa"]},
                                              {"code": "fa", "targets": ["en"]}]).encode())
    engine = LibreTranslateEngine(url, retries=0)
    answers["/translate"] = (403, json.dumps({"error": "Invalid API key"}).encode())
    with pytest.raises(TarjumanError) as caught:
        engine.translate(["Hello"], "en", "prs")
    message = str(caught.value)
    assert _is_dari(message, "refused", "server at") and "Invalid API key" in message
    answers["/translate"] = (200, b"<html>proxy login</html>")
    with pytest.raises(TarjumanError, match="JSON") as caught:
        engine.translate(["Hello"], "en", "prs")
    assert _is_dari(str(caught.value), "not JSON")
    assert _is_dari(engine.info().license_note, "remote")


def test_glossary_store_errors_in_dari(dari_ui: None, tmp_path: Path) -> None:
    from desktop_app.core.glossary.store import Concept, Glossary, Term

    with Glossary(tmp_path / "g.sqlite", name="mine") as glossary:
        with pytest.raises(TarjumanError) as caught:
            glossary.add_concept(Concept([Term("en", "  ")]))
        assert _is_dari(str(caught.value), "empty", "term")
        with pytest.raises(TarjumanError) as caught:
            glossary.add_concept(Concept([Term("en", "Panjshir", status="favourite")]))
        assert _is_dari(str(caught.value), "unknown", "use one of") and "'favourite'" in str(
            caught.value)
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_bytes(b"this is no glossary at all" * 10)
    with pytest.raises(TarjumanError) as caught, Glossary(bogus):
        pass
    assert _is_dari(str(caught.value), "not a Tarjuman glossary")


def test_os_errors_and_cut_messages_in_dari(dari_ui: None) -> None:
    import errno

    from desktop_app.core.errors import describe_os_error, one_line

    full = describe_os_error(OSError(errno.ENOSPC, "No space left on device", "/x/out.docx"))
    assert _is_dari(full, "disk is full") and "/x/out.docx" in full
    assert _is_dari(describe_os_error(PermissionError(errno.EACCES, "denied", "/x")),
                    "permission")
    assert _is_dari(one_line("x" * 700), "more characters")


def test_shipped_glossary_names_in_dari(dari_ui: None) -> None:
    from desktop_app.core.glossary.labels import glossary_label

    assert (glossary_label("starter"), glossary_label("my-glossary")) == ("پایه", "واژه‌نامهٔ من")
    assert glossary_label("Kabul bureau") == "Kabul bureau"  # a team's own name stays
