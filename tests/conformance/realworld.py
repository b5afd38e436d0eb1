"""The real-world pass: files other tools wrote, imported, filled, exported, read back.

``../shared/conformance/realworld`` holds files from other projects' own test corpora
(``SOURCES.tsv`` names their origin, ``reference.json`` the count each format's own
library reports). Every file must end **clean** (imported, every target filled, exported,
and read back by the format's own tool with nothing left in the source language) or be
**refused with one sentence that says why**. Each format family has its own test module
(``test_realworld_<family>.py``) with the reader of its format; this module holds what
they share.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.core.documents import registry
from desktop_app.core.documents.base import TAG, DocumentError, Imported
from tests.conformance.conftest import conformance_dir

FILLER = "متن ترجمه‌شده"  # what every target is filled with (Dari, no Latin letter)
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def realworld_dir() -> Path:
    return conformance_dir() / "realworld"


def reference() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads(
        (realworld_dir() / "reference.json").read_text("utf-8"))
    return data


def names(*suffixes: str) -> list[str]:
    """The real-world files whose names end in one of ``suffixes`` (for parametrize).

    Collected at import time, so a bare clone gets an empty list plus the conftest's
    visible skip (or, under CI=true, its failure)."""
    try:
        folder = realworld_dir()
    except BaseException:  # pytest's skip/fail outcome: the conftest reports it
        return []
    return sorted(p.name for p in folder.iterdir()
                  if p.is_file() and p.name.lower().endswith(tuple(s.lower() for s in suffixes)))


def fill(text: str) -> str:
    """A Dari target for a tagged source: every tag kept in its place, every run of
    text with a letter or digit replaced by the filler, whitespace-only runs kept."""
    out: list[str] = []
    pos = 0
    for m in [*TAG.finditer(text), None]:
        end = m.start() if m else len(text)
        run = text[pos:end]
        if any(ch.isalnum() for ch in run):
            lead = run[:len(run) - len(run.lstrip())]
            trail = run[len(run.rstrip()):]
            run = f"{lead}{FILLER}{trail}"
        out.append(run)
        if m:
            out.append(m.group(0))
            pos = m.end()
    return "".join(out)


@dataclass(slots=True)
class RoundTrip:
    name: str
    imported: Imported
    targets: dict[str, str]
    exported: bytes


def round_trip(name: str, target_lang: str = "dari") -> RoundTrip:
    """Import a real-world file, fill every block's target, export it.

    A refusal propagates as ``DocumentError`` (or another ``InputError``): use
    ``refused_cleanly`` to check its sentence."""
    path = realworld_dir() / name
    data = path.read_bytes()
    fmt = registry.detect(path, data)
    imported = fmt.load(data, name)
    targets = {block.id: fill(block.text) for block in imported.blocks}
    exported = fmt.save(data, name, targets, target_lang)
    return RoundTrip(name, imported, targets, exported)


def refused_cleanly(error: BaseException) -> str:
    """The refusal's one line; fails the test if it is not a sentence a user can read."""
    message = str(error)
    assert isinstance(error, DocumentError) or type(error).__name__.endswith("Error")
    assert message and "\n" not in message.strip(), message
    assert "internal error" not in message.lower() and "Traceback" not in message, message
    return message


def latin_left(texts: list[str], allowed: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """Texts of an export that still hold English words (three Latin letters or more),
    less the ``allowed`` words (codes, names the format keeps, URLs)."""
    left = []
    for text in texts:
        words = {w for w in LATIN_WORD.findall(TAG.sub(" ", text)) if w not in allowed}
        if words:
            left.append(text)
    return left


def skip_if_absent() -> None:
    if not names(""):
        pytest.skip("no real-world files")
