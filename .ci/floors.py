"""Print the requirements that pin every dependency of pyproject.toml (and of its ``test``
extra, linters aside) to its lower bound: ``name[extras]==floor`` for each ``>=``, ``~=``
or ``==`` bound. Used by .ci/minimum-versions to check that the floors we declare still
run the tests."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

LINTERS = {"ruff", "mypy"}  # make lint runs them at the versions of the main venv


def floors(pyproject: Path) -> list[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    out = []
    for line in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        req = Requirement(line)
        if req.name in LINTERS:
            continue
        low = [s.version for s in req.specifier if s.operator in (">=", "==", "~=")]
        if not low:
            sys.exit(f"{req.name} has no lower bound in {pyproject}: give it one")
        extras = f"[{','.join(sorted(req.extras))}]" if req.extras else ""
        out.append(f"{req.name}{extras}=={low[0]}")
    return out


if __name__ == "__main__":
    print("\n".join(floors(Path(sys.argv[1] if len(sys.argv) > 1 else "pyproject.toml"))))
