"""Models that come as a CTranslate2 folder with a SentencePiece model (NLLB-200,
MADLAD-400), installed from that folder or a zip of it. A back-end of this kind says how to
find its language tokens in the vocabulary and how to tokenize; install, listing, removal
and export are the same for all of them."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import sentencepiece as spm

from desktop_app.core import languages
from desktop_app.core.errors import InputError, ModelError
from desktop_app.core.i18n import _, isolate
from desktop_app.core.mt import ct2engine, installs, manifest
from desktop_app.core.mt.backend import Backend
from desktop_app.core.mt.ct2engine import Ct2Engine
from desktop_app.core.mt.engine import ModelInfo, dir_size
from desktop_app.core.mt.hardware import Plan
from desktop_app.core.paths import sub_dir

VOCAB_NAMES = ("shared_vocabulary.json", "shared_vocabulary.txt", "source_vocabulary.json",
               "source_vocabulary.txt")


def parse_vocabulary(name: str, text: str) -> list[str]:
    if name.endswith(".json"):
        data = json.loads(text)
        return [str(t) for t in data] if isinstance(data, list) else []
    return text.splitlines()


def vocabulary(model_dir: Path) -> list[str]:
    for name in VOCAB_NAMES:
        path = model_dir / name
        if path.is_file():
            try:
                return parse_vocabulary(name, path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return []
    return []


def peek_vocabulary(path: Path) -> list[str]:
    """The vocabulary of a model folder or zip, read without unpacking anything."""
    if path.is_dir():
        return vocabulary(installs.model_root(path))
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                base = info.filename.rsplit("/", 1)[-1]
                if base in VOCAB_NAMES and info.file_size < 64 * 1024 * 1024:
                    return parse_vocabulary(base, zf.read(info).decode("utf-8"))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return []
    return []


class SpEngine(Ct2Engine):
    """A CTranslate2 model with a SentencePiece tokenizer beside it."""

    def __init__(self, model: ModelInfo, model_dir: Path, plan: Plan):
        super().__init__(model, model_dir, plan)
        sp_name = str(manifest.read(model_dir).get("sentencepiece", ""))
        self.sp = spm.SentencePieceProcessor(model_file=str(model_dir / sp_name))

    def pieces(self, text: str) -> list[str]:
        return [str(p) for p in self.sp.encode(text, out_type=str)]

    def encode_target(self, text: str, source: str, target: str) -> list[str]:
        return self.pieces(text)  # no language token, no end token: the decoder adds them

    def length(self, text: str) -> int:
        return len(self.sp.encode(text))

    def decode(self, tokens: list[str]) -> str:
        return str(self.sp.decode_pieces(tokens))


class FolderBackend(Backend):
    """Install, list, remove for CTranslate2 + SentencePiece folders."""

    folder = ""  # models/<folder>
    title = ""  # "NLLB-200"
    sp_names: tuple[str, ...] = ("sentencepiece.bpe.model", "sentencepiece.model",
                                 "spiece.model", "spm.model")
    license_note = ""
    engine_class: type[SpEngine] = SpEngine

    def language_tokens(self) -> dict[str, str]:
        """Canonical language code -> its token in this model family's vocabulary."""
        raise NotImplementedError

    def models_dir(self) -> Path:
        return sub_dir("models", self.folder)

    def languages_in(self, vocab: list[str]) -> list[str]:
        present = set(vocab)
        return [code for code, token in self.language_tokens().items() if token in present]

    def accepts(self, path: Path) -> bool:
        if not (path.is_dir() or zipfile.is_zipfile(path)):
            return False
        return len(self.languages_in(peek_vocabulary(path))) >= 2

    def _fail(self, path: Path, why: str) -> ModelError:
        return ModelError(_("{name} is not a usable {kind} model: {why}").format(
            name=isolate(installs.display_name(path.name)), kind=self.title, why=why))

    def _validate(self, source: Path, root: Path) -> tuple[str, list[str]]:
        if not (root / "model.bin").is_file():
            raise self._fail(source, _("{file} is missing").format(file="model.bin"))
        sp_name = next((n for n in self.sp_names if (root / n).is_file()), None)
        if sp_name is None:
            raise self._fail(source, _("no SentencePiece model ({file})").format(
                file=self.sp_names[0]))
        langs = self.languages_in(vocabulary(root))
        if len(langs) < 2:
            wanted = ", ".join(self.language_tokens().values())
            raise self._fail(source, _("its vocabulary has fewer than two of {tokens}").format(
                tokens=wanted))
        try:
            spm.SentencePieceProcessor(model_file=str(root / sp_name))
        except (RuntimeError, OSError) as exc:
            raise self._fail(source, _("bad SentencePiece model ({reason})").format(
                reason=exc)) from exc
        return sp_name, langs

    def install(self, path: Path, model_id: str | None = None,
                provenance: dict[str, Any] | None = None) -> ModelInfo:
        """Staged, validated, test-translated, then renamed into place."""
        if not path.exists():
            raise InputError(_("no such file or folder: {path}").format(path=isolate(str(path))))
        mid = installs.safe_id(model_id or (path.stem if path.is_file() else path.name),
                               self.name)
        dest = self.models_dir() / mid
        if dest.exists():
            raise installs.already_installed(mid)
        with installs.staging() as stage:
            try:
                root = installs.unpack(path, stage)
            except ModelError as exc:
                raise self._fail(path, str(exc).split(": ", 1)[-1]) from exc
            sp_name, langs = self._validate(path, root)
            old = manifest.read(root)
            record = {**old, "id": mid, "engine": self.name, "version": old.get("version", "1"),
                      "sentencepiece": sp_name, "languages": langs,
                      "installed_from": installs.display_name(path.name),
                      "license": old.get("license", self.license_note), **(provenance or {})}
            manifest.write(root, record)
            info = self._info(root, mid)
            try:
                engine = self.build(info, Plan("cpu", "default", 1, 1))
                engine.smoke_test(langs[0], langs[1])
            except Exception as exc:
                raise self._fail(path, installs.does_not_translate(exc)) from exc
            installs.commit(root, dest)
        ct2engine.forget(str(dest))
        return self._info(dest)

    def _info(self, model_dir: Path, model_id: str | None = None) -> ModelInfo:
        data = manifest.read(model_dir)
        langs = [str(code) for code in data.get("languages", [])]
        pairs = tuple((a, b) for a in langs for b in langs if a != b)
        return ModelInfo(
            id=model_id or model_dir.name,
            engine=self.name,
            version=installs.display_name(str(data.get("version", "1"))),
            pairs=pairs,
            path=str(model_dir),
            size_bytes=dir_size(str(model_dir)),
            license_note=installs.display_name(str(data.get("license", self.license_note))),
            catalog_id=str(data.get("catalog_id", "")),
        )

    def installed(self) -> list[ModelInfo]:
        return [self._info(d) for d in sorted(self.models_dir().iterdir())
                if d.is_dir() and not d.name.startswith(".")
                and (d / manifest.NAME).is_file()]

    def remove(self, model_id: str) -> ModelInfo:
        path = self.models_dir() / model_id
        if "/" in model_id or model_id in ("", ".", "..") or not (
                path / manifest.NAME).is_file():
            raise ModelError(_("no {kind} model with id {id}; see: tarjuman models list").format(
                kind=self.title, id=isolate(model_id)))
        info = self._info(path)
        installs.discard(path)
        ct2engine.forget(str(path))
        return info

    def build(self, model: ModelInfo, plan: Plan) -> Ct2Engine:
        return self.engine_class(model, Path(model.path), plan)


def lang_token(tokens: dict[str, str], code: str) -> str:
    return tokens[languages.get(code).code]
