"""Argos Translate packages: install, list and remove through argostranslate's own package
code; translate by running CTranslate2 on the package's ``model/`` with its tokenizer.

argostranslate's ``translate()`` is not used: its sentence splitter downloads a model on
first use, and Tarjuman's segments arrive already split.
"""

from __future__ import annotations

import importlib
import json
import shutil
import zipfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path, PurePosixPath
from types import ModuleType
from typing import Any

from desktop_app.core import languages
from desktop_app.core.errors import InputError, ModelError
from desktop_app.core.mt.archive import UnsafeArchive, check_members
from desktop_app.core.mt.ct2run import Ct2Runner
from desktop_app.core.mt.engine import (
    CancelFn,
    DecodeOptions,
    ModelInfo,
    ProgressFn,
    Translation,
    dir_size,
)
from desktop_app.core.paths import argos_packages_dir, prepare_third_party_env

PERSIAN_FOR_DARI_NOTE = "Persian model: review for Dari usage"


def argos_package_module() -> ModuleType:
    """``argostranslate.package``, imported with its settings pointed into the data dir."""
    prepare_third_party_env()
    return importlib.import_module("argostranslate.package")


def _fail(path: Path, why: str) -> ModelError:
    return ModelError(f"{path.name} is not a usable Argos package: {why}")


def check_archive(path: Path) -> tuple[str, dict[str, Any]]:
    """Refuse anything but a well-formed ``.argosmodel``; return its folder name and metadata."""
    if not path.is_file():
        raise InputError(f"no such file: {path}")
    if not zipfile.is_zipfile(path):
        raise _fail(path, "not a zip archive")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = check_members(zf)
            tops = {PurePosixPath(i.filename).parts[0] for i in infos}
            if len(tops) != 1:
                raise _fail(path, "it must hold exactly one top-level folder")
            top = tops.pop()
            names = {i.filename.rstrip("/") for i in infos}
            for required in ("metadata.json", "model/model.bin"):
                if f"{top}/{required}" not in names:
                    raise _fail(path, f"{required} is missing")
            if not {f"{top}/sentencepiece.model", f"{top}/bpe.model"} & names:
                raise _fail(path, "no tokenizer (sentencepiece.model or bpe.model)")
            metadata = json.loads(zf.read(f"{top}/metadata.json").decode("utf-8"))
    except UnsafeArchive as exc:
        raise _fail(path, str(exc)) from exc
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise _fail(path, f"damaged archive ({exc})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _fail(path, f"metadata.json is not valid JSON ({exc})") from exc
    if not isinstance(metadata, dict) or not metadata.get("from_code") or not metadata.get(
        "to_code"
    ):
        raise _fail(path, "metadata.json lacks from_code/to_code")
    if metadata.get("type", "translate") != "translate":
        raise _fail(path, f"package type {metadata.get('type')!r} is not a translation model")
    return top, metadata


def install(path: Path) -> ModelInfo:
    """Install an ``.argosmodel`` file; the models folder is unchanged if anything fails."""
    top, _ = check_archive(path)
    dest = argos_packages_dir() / top
    if dest.exists():
        raise ModelError(
            f"{top} is already installed; remove it first with: tarjuman models remove {top}"
        )
    package = argos_package_module()
    try:
        package.install_from_path(path)
        Ct2Runner(dest / "model").translator  # noqa: B018  (loads model.bin: refuses a bad one)
        return _info(package.Package(dest))
    except BaseException as exc:
        shutil.rmtree(dest, ignore_errors=True)
        if not isinstance(exc, Exception):
            raise
        raise _fail(path, str(exc.__cause__ or exc)) from exc
    finally:
        _engine_for.cache_clear()


def installed() -> list[ModelInfo]:
    package = argos_package_module()
    root = argos_packages_dir()
    dirs = [d for d in sorted(root.iterdir()) if (d / "metadata.json").is_file()]
    return [_info(package.Package(d)) for d in dirs]


def remove(model_id: str) -> ModelInfo:
    package = argos_package_module()
    path = argos_packages_dir() / model_id
    if "/" in model_id or model_id.startswith(".") or not (path / "metadata.json").is_file():
        raise ModelError(f"no Argos package with id {model_id!r}; see: tarjuman models list")
    pkg = package.Package(path)
    info = _info(pkg)
    package.uninstall(pkg)
    _engine_for.cache_clear()
    return info


def _lang_code(argos_code: str) -> str:
    try:
        return languages.get(argos_code).code
    except Exception:
        return argos_code


def _info(pkg: Any) -> ModelInfo:
    path = Path(pkg.package_path)
    return ModelInfo(
        id=path.name,
        engine="argos",
        version=str(pkg.package_version),
        pairs=((_lang_code(pkg.from_code), _lang_code(pkg.to_code)),),
        path=str(path),
        size_bytes=dir_size(str(path)),
    )


class ArgosEngine:
    name = "argos"

    def __init__(self, package_dir: Path, *, intra_threads: int = 1, inter_threads: int = 1,
                 options: DecodeOptions | None = None):
        pkg = argos_package_module().Package(package_dir)
        self.package = pkg
        self.tokenizer = pkg.tokenizer
        self.model_id = package_dir.name
        self.model_version = str(pkg.package_version)
        self.from_code: str = pkg.from_code
        self.to_code: str = pkg.to_code
        self.target_prefix: list[str] = [pkg.target_prefix] if pkg.target_prefix else []
        self.options = options or DecodeOptions()
        self.runner = Ct2Runner(package_dir / "model", intra_threads=intra_threads,
                                inter_threads=inter_threads)
        self.note = ""

    def length(self, text: str) -> int:
        return len(self.tokenizer.encode(text))

    def translate(
        self,
        segments: Sequence[str],
        source: str,
        target: str,
        *,
        n_best: int = 1,
        on_progress: ProgressFn | None = None,
        cancel: CancelFn | None = None,
    ) -> list[Translation]:
        options = DecodeOptions(self.options.beam_size, n_best, self.options.max_batch_size,
                                self.options.batch_type)
        tokens = [self.tokenizer.encode(s) for s in segments]
        outs = self.runner.run(tokens, options, target_prefix=self.target_prefix,
                               on_progress=on_progress, cancel=cancel)
        results = []
        for src, hyps in zip(segments, outs, strict=True):
            texts = [self.tokenizer.decode(h).strip() for h in hyps]
            results.append(Translation(src, texts[0] if texts else "", texts[1:], self.name,
                                       self.model_id, self.note))
        return results


@cache
def _engine_for(package_dir: str, intra: int, inter: int, options: DecodeOptions) -> ArgosEngine:
    return ArgosEngine(Path(package_dir), intra_threads=intra, inter_threads=inter,
                       options=options)


def engine(model: ModelInfo, intra: int, inter: int, options: DecodeOptions) -> ArgosEngine:
    """A shared engine per installed package and settings (the model loads once)."""
    return _engine_for(model.path, intra, inter, options)
