"""Every SQLite connection is closed by whoever opened it: the CLI commands, the editing
session, the glossary enforcer and a whole translate job leave none open. An unclosed
connection is reported as a ResourceWarning, made an error here."""

from __future__ import annotations

import gc
import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.core.resources import sample

pytestmark = pytest.mark.filterwarnings("error::ResourceWarning")


class _Tracked(sqlite3.Connection):
    open_now: dict[int, str] = {}

    def close(self) -> None:
        _Tracked.open_now.pop(id(self), None)
        super().close()


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[int, str]]:
    real = sqlite3.connect

    def connect(database: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        kwargs.setdefault("factory", _Tracked)
        conn = real(database, *args, **kwargs)  # type: ignore[call-overload]
        if isinstance(conn, _Tracked):
            _Tracked.open_now[id(conn)] = str(database)
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)
    _Tracked.open_now.clear()
    yield _Tracked.open_now
    _Tracked.open_now.clear()


def assert_all_closed(open_now: dict[int, str], what: str) -> None:
    gc.collect()
    for database in list(open_now.values()):
        warnings.warn(f"{what} left a connection to {database} open", ResourceWarning,
                      stacklevel=2)


def test_cli_commands_close_what_they_open(cli_inproc, connections, tiny_argos: Path,
                                           tmp_path: Path) -> None:
    cli = cli_inproc
    project = tmp_path / "p.tarjuman"
    terms = tmp_path / "terms.csv"
    terms.write_text("en,fa-AF\nValley,دره\n", "utf-8")
    src, tgt = tmp_path / "s.txt", tmp_path / "t.txt"
    src.write_text("Kabul is calm.\n", "utf-8")
    tgt.write_text("کابل آرام است.\n", "utf-8")
    commands = [
        ["models", "install", str(tiny_argos)],
        ["project", "new", str(sample("panjshir.txt")), "--to", "dari", "-o", str(project)],
        ["project", "info", str(project)], ["project", "segments", str(project)],
        ["project", "edit", str(project), "1", "متن", "--confirm"],
        ["project", "confirm", str(project), "1"],
        ["project", "pretranslate", str(project)],
        ["project", "export", str(project), "-o", str(tmp_path / "o.txt")],
        ["qa", str(project)],
        ["glossary", "add", "--term", "en=Kabul", "--term", "dari=کابل"],
        ["glossary", "list"], ["glossary", "search", "Kabul"],
        ["glossary", "import", str(terms)],
        ["glossary", "export", str(tmp_path / "g.tbx")],
        ["glossary", "check", str(src), str(tgt)],
        ["tm", "export", str(tmp_path / "tm.tmx")], ["tm", "import", str(tmp_path / "tm.tmx")],
        ["tm", "lookup", "Kabul"],
        ["translate", str(src), "--to", "dari", "-o", str(tmp_path / "out.txt")],
        ["project", "info", str(tmp_path / "missing.tarjuman")],  # failures close too
        ["project", "export", str(project), "-o", str(project)],
    ]
    for args in commands:
        cli(*args)
        assert_all_closed(connections, " ".join(args[:2]))


def test_session_and_enforcer_close_what_they_open(connections, tmp_path: Path) -> None:
    from desktop_app.core.glossary.library import default_enforcer
    from desktop_app.core.project import Project
    from desktop_app.core.session import EditSession

    path = tmp_path / "p.tarjuman"
    Project.create(sample("panjshir.txt"), "dari", path=path).close()
    assert_all_closed(connections, "Project.create")
    EditSession.open(path).close()
    assert_all_closed(connections, "EditSession")
    default_enforcer("en", "prs", path)
    default_enforcer("en", "prs")
    assert_all_closed(connections, "default_enforcer")


def test_the_tracker_sees_a_leak(connections, tmp_path: Path) -> None:
    leaked = sqlite3.connect(tmp_path / "leak.sqlite")
    with pytest.raises(ResourceWarning):
        assert_all_closed(connections, "a leaky caller")
    leaked.close()
