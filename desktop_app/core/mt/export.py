"""``tarjuman models export``: an installed model as one zip (its files, manifest and
licence) to carry to a machine without internet, where ``models install FILE.zip`` takes it
back in: one top folder named after the model, written beside the output and renamed into
place when complete."""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

from desktop_app.core.errors import InputError
from desktop_app.core.i18n import _, isolate
from desktop_app.core.mt.engine import ModelInfo


def export(model: ModelInfo, output: Path) -> Path:
    if output.suffix.lower() not in (".zip", ".argosmodel"):
        raise InputError(_("{name}: the export must be a .zip file").format(name=output.name))
    if not output.parent.is_dir():
        raise InputError(_("no such folder: {path}").format(path=isolate(str(output.parent))))
    root = Path(model.path)
    if output.resolve().is_relative_to(root.resolve()):
        raise InputError(_("the export cannot be written inside the model itself"))
    fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".zip", dir=output.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED, allowZip64=True) as zf:
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    zf.write(path, f"{model.id}/{path.relative_to(root).as_posix()}")
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return output
