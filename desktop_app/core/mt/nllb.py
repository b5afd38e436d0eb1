"""NLLB-200 models converted to CTranslate2, installed from a folder or a zip of one.

The weights of NLLB-200 are CC-BY-NC-4.0: Tarjuman never bundles them; the user
supplies a converted model. Source tokens carry the source language token and ``</s>``;
decoding starts from the target language token (``prs_Arab`` Dari, ``pbt_Arab`` Pashto,
``pes_Arab`` Persian), which is dropped from the output.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import sentencepiece as spm

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
from desktop_app.core.paths import nllb_models_dir

LICENSE_NOTE = "NLLB-200 weights are CC-BY-NC-4.0, supplied by the user"
MANIFEST = "tarjuman-model.json"
SP_NAMES = ("sentencepiece.bpe.model", "sentencepiece.model", "spm.model")
VOCAB_NAMES = ("shared_vocabulary.json", "shared_vocabulary.txt", "source_vocabulary.json",
               "source_vocabulary.txt")


def _fail(path: Path, why: str) -> ModelError:
    return ModelError(f"{path.name} is not a usable NLLB-200 model: {why}")


def _vocabulary(model_dir: Path) -> list[str]:
    for name in VOCAB_NAMES:
        path = model_dir / name
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            if name.endswith(".json"):
                data = json.loads(text)
                return [str(t) for t in data]
            return text.splitlines()
    return []


def _model_root(folder: Path) -> Path:
    """The folder holding model.bin: the given one or its single subfolder."""
    if (folder / "model.bin").is_file():
        return folder
    subs = [d for d in folder.iterdir() if d.is_dir()]
    if len(subs) == 1 and (subs[0] / "model.bin").is_file():
        return subs[0]
    return folder


def _validate(source: Path, root: Path) -> tuple[str, list[str]]:
    """Check a candidate model folder; return its tokenizer file name and language codes."""
    if not (root / "model.bin").is_file():
        raise _fail(source, "model.bin is missing")
    sp_name = next((n for n in SP_NAMES if (root / n).is_file()), None)
    if sp_name is None:
        raise _fail(source, "no SentencePiece model (sentencepiece.bpe.model)")
    vocab = set(_vocabulary(root))
    langs = [lang.code for lang in languages.LANGUAGES if lang.nllb_code in vocab]
    if len(langs) < 2:
        raise _fail(source, "its vocabulary has fewer than two of eng_Latn, prs_Arab, pbt_Arab, "
                    "pes_Arab")
    try:
        spm.SentencePieceProcessor(model_file=str(root / sp_name))
    except (RuntimeError, OSError) as exc:
        raise _fail(source, f"bad SentencePiece model ({exc})") from exc
    try:
        Ct2Runner(root).translator  # noqa: B018  (loads model.bin: refuses a truncated one)
    except ModelError as exc:
        raise _fail(source, f"model.bin does not load ({exc.__cause__})") from exc
    return sp_name, langs


def _safe_id(name: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip(".-")
    return slug or "nllb"


def install(path: Path, model_id: str | None = None) -> ModelInfo:
    """Install from a folder or zip; nothing is left in the models folder if it fails."""
    if not path.exists():
        raise InputError(f"no such file or folder: {path}")
    mid = _safe_id(model_id or (path.stem if path.is_file() else path.name))
    dest = nllb_models_dir() / mid
    if dest.exists():
        raise ModelError(
            f"{mid} is already installed; remove it first with: tarjuman models remove {mid}"
        )
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=nllb_models_dir()))
    try:
        if path.is_dir():
            shutil.copytree(_model_root(path), staging / "m")
        elif zipfile.is_zipfile(path):
            try:
                with zipfile.ZipFile(path) as zf:
                    check_members(zf)
                    zf.extractall(staging / "m")
            except (UnsafeArchive, zipfile.BadZipFile, OSError, EOFError) as exc:
                raise _fail(path, str(exc)) from exc
        else:
            raise _fail(path, "neither a folder nor a zip archive")
        root = _model_root(staging / "m")
        sp_name, langs = _validate(path, root)
        manifest = {"id": mid, "engine": "nllb", "version": "1", "sentencepiece": sp_name,
                    "languages": langs, "installed_from": path.name}
        (root / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        root.rename(dest)
    except ModelError:
        raise
    except Exception as exc:
        raise _fail(path, str(exc)) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        _engine_for.cache_clear()
    return _info(dest)


def _manifest(model_dir: Path) -> dict[str, object]:
    data = json.loads((model_dir / MANIFEST).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ModelError(f"broken model manifest in {model_dir}")
    return data


def _info(model_dir: Path) -> ModelInfo:
    langs = [str(code) for code in _manifest(model_dir).get("languages", [])]  # type: ignore[attr-defined]
    pairs = tuple((a, b) for a in langs for b in langs if a != b)
    return ModelInfo(
        id=model_dir.name,
        engine="nllb",
        version=str(_manifest(model_dir).get("version", "1")),
        pairs=pairs,
        path=str(model_dir),
        size_bytes=dir_size(str(model_dir)),
        license_note=LICENSE_NOTE,
    )


def installed() -> list[ModelInfo]:
    root = nllb_models_dir()
    return [_info(d) for d in sorted(root.iterdir())
            if d.is_dir() and not d.name.startswith(".") and (d / MANIFEST).is_file()]


def remove(model_id: str) -> ModelInfo:
    path = nllb_models_dir() / model_id
    if "/" in model_id or model_id.startswith(".") or not (path / MANIFEST).is_file():
        raise ModelError(f"no NLLB model with id {model_id!r}; see: tarjuman models list")
    info = _info(path)
    shutil.rmtree(path)
    _engine_for.cache_clear()
    return info


class NllbEngine:
    name = "nllb"

    def __init__(self, model_dir: Path, *, intra_threads: int = 1, inter_threads: int = 1,
                 options: DecodeOptions | None = None):
        manifest = _manifest(model_dir)
        self.model_id = model_dir.name
        self.model_version = str(manifest.get("version", "1"))
        sp_file = model_dir / str(manifest["sentencepiece"])
        self.sp = spm.SentencePieceProcessor(model_file=str(sp_file))
        self.options = options or DecodeOptions()
        self.runner = Ct2Runner(model_dir, intra_threads=intra_threads,
                                inter_threads=inter_threads)
        self.note = LICENSE_NOTE

    def length(self, text: str) -> int:
        return len(self.sp.encode(text))

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
        src_tok = languages.get(source).nllb_code
        tgt_tok = languages.get(target).nllb_code
        options = DecodeOptions(self.options.beam_size, n_best, self.options.max_batch_size,
                                self.options.batch_type)
        tokens = [[src_tok, *self.sp.encode(s, out_type=str), "</s>"] for s in segments]
        outs = self.runner.run(tokens, options, target_prefix=[tgt_tok],
                               on_progress=on_progress, cancel=cancel)
        results = []
        for src, hyps in zip(segments, outs, strict=True):
            texts = [self.sp.decode_pieces(h).strip() for h in hyps]
            results.append(Translation(src, texts[0] if texts else "", texts[1:], self.name,
                                       self.model_id))
        return results


@cache
def _engine_for(model_dir: str, intra: int, inter: int, options: DecodeOptions) -> NllbEngine:
    return NllbEngine(Path(model_dir), intra_threads=intra, inter_threads=inter, options=options)


def engine(model: ModelInfo, intra: int, inter: int, options: DecodeOptions) -> NllbEngine:
    return _engine_for(model.path, intra, inter, options)
