"""Every change to a project goes through the editing session: the source is scanned for
calls of the project's writers, and only the session's own rooms may make them (the
session, its undo log, and pretranslation, whose run is recorded as one undo step). Likewise
the window and the CLI change a glossary only through its door (``GlossaryEditor``)."""

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


# -- the glossary's door ---------------------------------------------------------------------

GLOSSARY_WRITERS = {"add_concept", "add_concepts", "import_concepts", "add_term", "update_term",
                    "update_concept", "remove_term", "remove_concept"}
# what the window and the CLI may call them on: the glossary's editor, the session (whose
# add_term goes through the editor), or an editor made on the spot
DOORS = {"editor", "glossary_editor", "session"}
FRONTS = ("desktop_app/gui/", "desktop_app/commands/", "desktop_app/cli.py")


def _glossary_receiver(node: ast.Attribute) -> str:
    value = node.value
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
        return value.func.id  # GlossaryEditor(glossary).add_concept(...)
    if isinstance(value, ast.Attribute):
        return value.attr
    return value.id if isinstance(value, ast.Name) else ""


def _glossary_offenders(tree: ast.AST, rel: str) -> list[str]:
    return [f"{rel}:{node.lineno} .{node.func.attr}()" for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in GLOSSARY_WRITERS
            and _glossary_receiver(node.func) not in DOORS | {"GlossaryEditor"}]


def test_the_window_and_the_cli_write_glossaries_only_through_the_door() -> None:
    offenders = []
    for path in sorted((ROOT / "desktop_app").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith(FRONTS):
            offenders += _glossary_offenders(ast.parse(path.read_text("utf-8")), rel)
    assert offenders == [], "write through GlossaryEditor: " + ", ".join(offenders)


def test_the_glossary_scan_finds_a_store_writer_and_lets_the_door_pass() -> None:
    bad = ast.parse("def f(self, gs, glossary):\n"
                    "    self.glossaries.writable.add_concept(c)\n"
                    "    glossary.update_term(1, text='x')\n"
                    "    gs.writable.import_concepts([])\n")
    assert [o.split()[1] for o in _glossary_offenders(bad, "x.py")] == [
        ".add_concept()", ".update_term()", ".import_concepts()"]
    good = ast.parse("def f(self, session, gs):\n"
                     "    self.editor.add_concept(c)\n"
                     "    session.add_term('a', 'b')\n"
                     "    session.glossary_editor.add_term(1, t)\n"
                     "    GlossaryEditor(gs.writable).import_concepts([])\n")
    assert _glossary_offenders(good, "x.py") == []
