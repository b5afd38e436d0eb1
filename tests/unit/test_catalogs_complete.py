"""Every message the code can show has a Dari and a Pashto translation, and the compiled
catalogs the app loads say what the .po files say: a message added without re-running
``make catalogs`` would otherwise reach the Dari window in English."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from desktop_app.core import i18n
from desktop_app.core.i18n import locale_dir

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}  # the Makefile's -k _ -k N_ (and ngettext)


def _messages_in_code() -> dict[str, str]:
    """msgid -> where it is written (the first place), as `make catalogs` extracts them."""
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(ROOT / "desktop_app"), keywords=KEYWORDS):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found.setdefault(msgid, f"desktop_app/{filename}:{lineno}")
    return found


def _calls_in_code() -> dict[str, str]:
    """msgid -> where, for every ``_("...")``, ``N_("...")`` and ``ngettext("...", ...)``
    the parser sees, f-strings included."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "desktop_app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("_", "N_", "ngettext") and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value,
                                 f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


@pytest.fixture(scope="module")
def in_code() -> dict[str, str]:
    return _messages_in_code()


def test_babel_extracts_every_message(in_code: dict[str, str]) -> None:
    """A message Babel does not see (a call inside an f-string) never reaches a catalog."""
    unseen = [f"{where}: {msgid!r}" for msgid, where in _calls_in_code().items()
              if msgid not in in_code]
    assert unseen == [], "messages make catalogs cannot extract (inside an f-string?):\n" + \
        "\n".join(unseen)


@pytest.mark.parametrize("code", ["prs", "ps"])
def test_every_message_in_the_code_is_translated(code: str, in_code: dict[str, str]) -> None:
    with (locale_dir() / code / "LC_MESSAGES" / "tarjuman.po").open("rb") as fh:
        catalog = read_po(fh)
    missing = []
    for msgid, where in sorted(in_code.items(), key=lambda kv: kv[1]):
        message = catalog.get(msgid)
        strings = message.string if message is not None else ""
        ok = all(strings) if isinstance(strings, tuple) else bool(strings)
        if not ok:
            missing.append(f"{where}: {msgid!r}")
    assert missing == [], f"{len(missing)} untranslated in {code} (run make catalogs):\n" + \
        "\n".join(missing[:40])


@pytest.mark.parametrize("code", ["prs", "ps"])
def test_the_app_loads_what_the_po_file_says(code: str) -> None:
    """A compiled catalog older than its .po is not used (a clean clone has none at all)."""
    with (locale_dir() / code / "LC_MESSAGES" / "tarjuman.po").open("rb") as fh:
        catalog = read_po(fh)
    loaded = i18n._catalog(code)
    stale = [str(m.id) for m in catalog if m.id and isinstance(m.id, str) and m.string
             and loaded.get(m.id) != m.string]
    assert stale == [], f"{len(stale)} messages differ in the loaded catalog: {stale[:10]}"
