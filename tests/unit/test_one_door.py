"""Every change to a project goes through the editing session: the source is scanned for
calls of the project's writers, and only the session's own rooms may make them (the
session, its undo log, and pretranslation, whose run is recorded as one undo step)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WRITERS = {"set_target", "confirm", "apply_machine", "set_note", "_write", "update_segment",
           "replace_rows"}
# the door and the rooms that record what they write as undo steps
ALLOWED = {"desktop_app/core/session.py", "desktop_app/core/history.py",
           "desktop_app/core/pretranslate.py", "desktop_app/core/project.py"}


def _receiver(node: ast.Attribute) -> str:
    value = node.value
    while isinstance(value, ast.Attribute):
        if value.attr == "project":
            return "project"
        value = value.value
    return value.id if isinstance(value, ast.Name) else ""


def test_nothing_outside_the_session_writes_a_project() -> None:
    offenders = []
    for path in sorted((ROOT / "desktop_app").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in WRITERS
                    and _receiver(node.func) in ("project", "proj", "opened")):
                offenders.append(f"{rel}:{node.lineno} .{node.func.attr}()")
    assert offenders == [], "write through EditSession: " + ", ".join(offenders)


def test_the_scan_finds_a_writer_where_one_is_called(tmp_path: Path) -> None:
    tree = ast.parse("def f(session):\n    session.project.set_target(1, 'x')\n")
    call = next(n for n in ast.walk(tree) if isinstance(n, ast.Call))
    assert isinstance(call.func, ast.Attribute) and _receiver(call.func) == "project"
