"""Argos Translate packages (``.argosmodel``): validated, unpacked into staging,
test-translated and renamed into the packages folder; translated by running CTranslate2 on
the package's ``model/`` with its tokenizer.

argostranslate's ``translate()`` is not used: its sentence splitter downloads a model on
first use, and Tarjuman's segments arrive already split.
"""

from __future__ import annotations

import importlib
import json
import zipfile
from pathlib import Path, PurePosixPath
from types import ModuleType
from typing import Any

from desktop_app.core import languages
from desktop_app.core.errors import InputError, ModelError
from desktop_app.core.i18n import N_, _, isolate
from desktop_app.core.mt import ct2engine, installs, manifest
from desktop_app.core.mt.archive import UnsafeArchive, check_members
from desktop_app.core.mt.backend import Backend
from desktop_app.core.mt.ct2engine import Ct2Engine
from desktop_app.core.mt.engine import ModelInfo, dir_size
from desktop_app.core.mt.hardware import Plan
from desktop_app.core.paths import argos_packages_dir, prepare_third_party_env

PERSIAN_FOR_DARI_NOTE = N_("Persian model: review for Dari usage")
LICENSE = "Argos package licence (see its README; the Argos en<->fa models are CC0/MIT)"


def argos_package_module() -> ModuleType:
    """``argostranslate.package``, imported with its settings pointed into the data dir."""
    prepare_third_party_env()
    return importlib.import_module("argostranslate.package")


def _fail(path: Path, why: str) -> ModelError:
    return ModelError(_("{name} is not a usable Argos package: {why}").format(
        name=isolate(installs.display_name(path.name)), why=why))


def _check_metadata(path: Path, metadata: Any) -> dict[str, Any]:
    if not isinstance(metadata, dict) or not metadata.get("from_code") or not metadata.get(
        "to_code"
    ):
        raise _fail(path, _("metadata.json lacks from_code/to_code"))
    if metadata.get("type", "translate") != "translate":
        raise _fail(path, _("package type {type} is not a translation model").format(
            type=repr(metadata.get("type"))))
    prefix = metadata.get("target_prefix", "")
    if not isinstance(prefix, str) or any(c.isspace() for c in prefix.strip()) or (
            "\n" in prefix):
        raise _fail(path, _("target_prefix in metadata.json must be one token"))
    for key in ("from_code", "to_code", "package_version"):
        if key in metadata and not isinstance(metadata[key], str | int | float):
            raise _fail(path, _("{key} in metadata.json is not text").format(key=key))
    return metadata


def check_archive(path: Path) -> tuple[str, dict[str, Any]]:
    """Refuse anything but a well-formed ``.argosmodel``; return its folder name and metadata."""
    if not path.is_file():
        raise InputError(_("no such file: {path}").format(path=isolate(str(path))))
    if not zipfile.is_zipfile(path):
        raise _fail(path, _("not a zip archive"))
    try:
        with zipfile.ZipFile(path) as zf:
            infos = check_members(zf)
            tops = {PurePosixPath(i.filename).parts[0] for i in infos}
            if len(tops) != 1:
                raise _fail(path, _("it must hold exactly one top-level folder"))
            top = tops.pop()
            names = {i.filename.rstrip("/") for i in infos}
            for required in ("metadata.json", "model/model.bin"):
                if f"{top}/{required}" not in names:
                    raise _fail(path, _("{file} is missing").format(file=required))
            if not {f"{top}/sentencepiece.model", f"{top}/bpe.model"} & names:
                raise _fail(path, _("no tokenizer (sentencepiece.model or bpe.model)"))
            metadata = json.loads(zf.read(f"{top}/metadata.json").decode("utf-8"))
    except UnsafeArchive as exc:
        raise _fail(path, str(exc)) from exc
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise _fail(path, _("damaged archive ({reason})").format(reason=exc)) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _fail(path, _("metadata.json is not valid JSON ({reason})").format(
            reason=exc)) from exc
    return top, _check_metadata(path, metadata)


def install(path: Path, model_id: str | None = None,
            provenance: dict[str, Any] | None = None) -> ModelInfo:
    """Install an ``.argosmodel`` (or an exported zip of one): staged, test-translated,
    renamed into place; the packages folder is unchanged if anything fails."""
    top, metadata = check_archive(path)
    mid = installs.safe_id(model_id or top, "argos-package")
    dest = argos_packages_dir() / mid
    if dest.exists():
        raise installs.already_installed(mid)
    with installs.staging() as stage:
        installs.unzip(path, stage / "zip")
        root = stage / "zip" / top
        info = _info(root, mid)
        try:
            engine = ArgosEngine(info, root, Plan("cpu", "default", 1, 1))
            engine.smoke_test(metadata["from_code"], metadata["to_code"])
        except Exception as exc:
            raise _fail(path, installs.does_not_translate(exc)) from exc
        manifest.write(root, {"id": mid, "engine": "argos", "installed_from": path.name,
                              **(provenance or {})})
        installs.commit(root, dest)
    ct2engine.forget(str(dest))
    return _info(dest)


def installed() -> list[ModelInfo]:
    root = argos_packages_dir()
    models = []
    for d in sorted(root.iterdir()):
        if d.name.startswith(".") or not (d / "metadata.json").is_file():
            continue
        try:
            models.append(_info(d))
        except (ModelError, ValueError, OSError):
            continue
    return models


def remove(model_id: str) -> ModelInfo:
    path = argos_packages_dir() / model_id
    if "/" in model_id or model_id in ("", ".", "..") or not (
            path / "metadata.json").is_file():
        raise ModelError(_("no Argos package with id {id}; see: tarjuman models list").format(
            id=isolate(model_id)))
    info = _info(path)
    installs.discard(path)
    ct2engine.forget(str(path))
    return info


def _lang_code(argos_code: str) -> str:
    try:
        return languages.get(argos_code).code
    except Exception:
        return installs.display_name(argos_code)[:20]


def _metadata(path: Path) -> dict[str, Any]:
    try:
        data = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(_("{name}: unreadable metadata.json ({reason})").format(
            name=path.name, reason=exc)) from exc
    if not isinstance(data, dict):
        raise ModelError(_("{name}: metadata.json is not an object").format(name=path.name))
    return data


def _info(path: Path, model_id: str | None = None) -> ModelInfo:
    meta = _metadata(path)
    return ModelInfo(
        id=model_id or path.name,
        engine="argos",
        version=installs.display_name(str(meta.get("package_version", "1"))),
        pairs=((_lang_code(str(meta.get("from_code"))), _lang_code(str(meta.get("to_code")))),),
        path=str(path),
        size_bytes=dir_size(str(path)),
        license_note=installs.display_name(str(manifest.read(path).get("license", ""))),
        catalog_id=str(manifest.read(path).get("catalog_id", "")),
    )


class ArgosEngine(Ct2Engine):
    name = "argos"

    def __init__(self, model: ModelInfo, package_dir: Path, plan: Plan):
        super().__init__(model, package_dir / "model", plan)
        pkg = argos_package_module().Package(package_dir)
        self.tokenizer = pkg.tokenizer
        self.prefix: list[str] = [pkg.target_prefix] if pkg.target_prefix else []

    def encode(self, text: str, source: str, target: str) -> list[str]:
        return list(self.tokenizer.encode(text))

    def target_prefix(self, source: str, target: str) -> list[str]:
        return self.prefix

    def decode(self, tokens: list[str]) -> str:
        return str(self.tokenizer.decode(tokens))


class ArgosBackend(Backend):
    name = "argos"
    description = N_("Argos Translate package (.argosmodel)")

    def installed(self) -> list[ModelInfo]:
        return installed()

    def accepts(self, path: Path) -> bool:
        if path.suffix == ".argosmodel":
            return True
        try:
            check_archive(path)
        except (ModelError, InputError):
            return False
        return True

    def install(self, path: Path, model_id: str | None = None,
                provenance: dict[str, Any] | None = None) -> ModelInfo:
        return install(path, model_id, provenance)

    def remove(self, model_id: str) -> ModelInfo:
        return remove(model_id)

    def build(self, model: ModelInfo, plan: Plan) -> Ct2Engine:
        return ArgosEngine(model, Path(model.path), plan)


BACKEND = ArgosBackend()
