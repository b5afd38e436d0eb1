import subprocess
import sys

CODE = r"""
import importlib, pkgutil, sys
import desktop_app.core as core
names = [m.name for m in pkgutil.walk_packages(core.__path__, "desktop_app.core.")]
for name in names:
    importlib.import_module(name)
qt = ("PySide6", "PyQt5", "PyQt6", "shiboken6")
bad = sorted(m for m in sys.modules if m.split(".")[0] in qt)
print(len(names), ",".join(bad))
"""


def test_every_core_module_imports_without_qt() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                         check=True).stdout.split()
    assert int(out[0]) >= 10  # the walk really found the core modules
    assert len(out) == 1, f"Qt imported by the core: {out[1:]}"
