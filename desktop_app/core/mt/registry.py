"""The local model back-ends, by name. A new back-end is one module with a ``BACKEND``
(see ``backend.py``) and one line here; the CLI, the model manager and routing read this."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.errors import ModelError, TarjumanError
from desktop_app.core.i18n import _
from desktop_app.core.mt import argos, madlad, nllb
from desktop_app.core.mt.backend import Backend
from desktop_app.core.mt.engine import ModelInfo
from desktop_app.core.mt.libretranslate import LibreTranslateEngine

BACKENDS: dict[str, Backend] = {b.name: b for b in (nllb.BACKEND, madlad.BACKEND,
                                                     argos.BACKEND)}
NAMES = tuple(BACKENDS)
REMOTE_NAMES = (LibreTranslateEngine.name,)  # engines on a server, with no local models
ENGINE_NAMES = (*NAMES, *REMOTE_NAMES)  # every engine a run can be asked to use


def get(name: str) -> Backend:
    try:
        return BACKENDS[name]
    except KeyError:
        raise TarjumanError(_("unknown engine {name!r}; choose one of: {engines}").format(
            name=name, engines=", ".join(BACKENDS))) from None


def installed(engine: str | None = None) -> list[ModelInfo]:
    backends = [get(engine)] if engine else list(BACKENDS.values())
    return [m for b in backends for m in b.installed()]


def find(model_id: str) -> ModelInfo:
    for model in installed():
        if model.id == model_id:
            return model
    raise ModelError(_("no installed model with id {model_id!r}; see: tarjuman models list").format(
        model_id=model_id))


def for_path(path: Path) -> Backend:
    """The back-end that recognises a file or folder, from its contents."""
    for backend in BACKENDS.values():
        if backend.accepts(path):
            return backend
    if path.is_dir() or path.suffix.lower() == ".zip":
        return BACKENDS["nllb"]  # its checks name what is missing
    kinds = _("; ").join(_(b.description) for b in BACKENDS.values())
    raise ModelError(_("{name}: not a model Tarjuman can install (expected: {kinds})").format(
        name=path.name, kinds=kinds))
