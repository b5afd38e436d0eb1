"""The GUI's house: every module is a room under 400 lines, and no class is a mixin that
declares what another class provides (a class-level annotation the class never assigns,
in a class that another class derives from: the window's old ``BackgroundJobs`` base
named the subclass's session, docks and editing calls that way)."""

from __future__ import annotations

import ast
from pathlib import Path

GUI = Path(__file__).resolve().parents[2] / "desktop_app" / "gui"
LIMIT = 400


def _sizes() -> dict[str, int]:
    return {path.relative_to(GUI).as_posix(): len(path.read_text("utf-8").splitlines())
            for path in GUI.rglob("*.py")}


def test_every_gui_module_is_under_the_limit() -> None:
    big = {name: lines for name, lines in _sizes().items() if lines >= LIMIT}
    assert big == {}


def _base_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _assigned(cls: ast.ClassDef) -> set[str]:
    """Names the class gives a value: in its body, or as ``self.NAME`` in its methods."""
    names: set[str] = set()
    for node in ast.walk(cls):
        if isinstance(node, ast.Assign):
            targets = [t for target in node.targets for t in ast.walk(target)]
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)) and node.value is not None:
            targets = [node.target]
        else:
            continue
        for target in targets:
            if isinstance(target, ast.Attribute) and _base_name(target.value) == "self":
                names.add(target.attr)
            elif isinstance(target, ast.Name) and node in cls.body:
                names.add(target.id)
    return names


def _declared_elsewhere(sources: dict[str, str]) -> list[str]:
    """``file:Class: [names]`` for each base class annotating names it never assigns."""
    classes: dict[str, tuple[str, ast.ClassDef]] = {}
    bases: set[str] = set()
    for name, text in sources.items():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef):
                classes[node.name] = (name, node)
                bases.update(filter(None, map(_base_name, node.bases)))
    found = []
    for class_name in sorted(bases & set(classes)):
        name, cls = classes[class_name]
        if any(_base_name(d.func if isinstance(d, ast.Call) else d) == "dataclass"
               for d in cls.decorator_list):
            continue  # a dataclass's fields are assigned by the __init__ it is given
        declared = {item.target.id for item in cls.body if isinstance(item, ast.AnnAssign)
                    and item.value is None and isinstance(item.target, ast.Name)}
        missing = declared - _assigned(cls)
        if missing:
            found.append(f"{name}:{class_name}: {sorted(missing)}")
    return found


def test_no_gui_class_declares_what_its_subclass_provides() -> None:
    sources = {path.relative_to(GUI).as_posix(): path.read_text("utf-8")
               for path in GUI.rglob("*.py")}
    assert _declared_elsewhere(sources) == []


def test_the_check_finds_such_a_mixin_and_passes_an_honest_base() -> None:
    mixin = (
        "class Jobs(QMainWindow):\n"
        "    session: Any\n"
        "    job: Op | None\n"
        "    count: int = 0\n"
        "    def start(self) -> None:\n"
        "        self.job = make()\n"
        "        self.count += 1\n"
        "class Window(Jobs):\n"
        "    def __init__(self) -> None:\n"
        "        self.session = None\n")
    assert _declared_elsewhere({"w.py": mixin}) == ["w.py:Jobs: ['session']"]
    honest = (
        "class Base(QObject):\n"
        "    job: Op | None\n"
        "    def __init__(self, window: MainWindow) -> None:\n"
        "        self.window = window\n"
        "        self.job = None\n"
        "@dataclass\n"
        "class Spec:\n"
        "    key: str\n"
        "class Panel(Base): ...\n"
        "class Named(Spec): ...\n")
    assert _declared_elsewhere({"b.py": honest}) == []
