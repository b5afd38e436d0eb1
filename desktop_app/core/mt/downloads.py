"""Downloading a catalog model, only when the user asks (``tarjuman models download ID``).

Hub entries go through the Hugging Face Hub's own client (``huggingface_hub``): the file
list with the size and hash the Hub publishes for each file (``sha256`` for LFS files, the
git blob id otherwise), its HTTP download (redirects, retries); each file grows in
``models/.downloads/ID/NAME.part`` so a killed or dropped download resumes where it stopped
on the next run (huggingface_hub 2 restarts its own temporary files from zero), every file
verified,
then the usual staged install (nothing half-installed is ever listed) with the source
repository, revision and licence recorded in the model's manifest. Argos entries use
argostranslate's index (``online.py``). ``HF_ENDPOINT`` chooses another Hub (a mirror, or
the loopback server of the tests). Offline, it fails in seconds with one line.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop_app.core.errors import ModelError, NetworkError, TarjumanError
from desktop_app.core.i18n import N_, _
from desktop_app.core.mt import online, registry
from desktop_app.core.mt.catalog import Entry
from desktop_app.core.mt.engine import CancelFn, Cancelled, ModelInfo
from desktop_app.core.paths import data_dir, sub_dir

ByteProgress = Callable[[int, int], None]  # (bytes done, bytes total)
TIMEOUT = 8.0
CANCELLED = N_("download cancelled; run it again to resume")
DEFAULT_ENDPOINT = "https://huggingface.co"


class LicenceNotAccepted(TarjumanError):
    pass


def _accepted_file() -> Path:
    return sub_dir("models") / "accepted-licences.json"


def accepted_licences() -> list[str]:
    try:
        data = json.loads(_accepted_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [str(x) for x in data] if isinstance(data, list) else []


def accept_licence(entry: Entry) -> None:
    ids = sorted({*accepted_licences(), entry.id})
    tmp = _accepted_file().with_suffix(".tmp")
    tmp.write_text(json.dumps(ids), encoding="utf-8")
    os.replace(tmp, _accepted_file())


def licence_accepted(entry: Entry) -> bool:
    return entry.id in accepted_licences()


def partial_dir(entry: Entry) -> Path:
    return sub_dir("models", ".downloads") / entry.id


def _hub_env() -> str:
    """Point huggingface_hub's caches and settings into the data dir, before importing it."""
    hf_home = data_dir() / "third-party" / "huggingface"
    os.environ.setdefault("HF_HOME", str(hf_home))
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1")
    os.environ.setdefault("HF_HUB_ETAG_TIMEOUT", str(int(TIMEOUT)))
    os.environ.setdefault("HF_HUB_DOWNLOAD_TIMEOUT", str(int(TIMEOUT)))
    return os.environ.get("HF_ENDPOINT", DEFAULT_ENDPOINT).rstrip("/")


@contextmanager
def _online() -> Iterator[None]:
    """The user asked for this download: lift the offline switch the app sets for
    third-party libraries (``HF_HUB_OFFLINE``), for this call only."""
    from huggingface_hub import constants

    before = constants.HF_HUB_OFFLINE
    constants.HF_HUB_OFFLINE = False
    try:
        yield
    finally:
        constants.HF_HUB_OFFLINE = before


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:300]


def git_blob_sha1(path: Path) -> str:
    h = hashlib.sha1(f"blob {path.stat().st_size}\0".encode())
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _published(entry: Entry, endpoint: str) -> tuple[str, dict[str, dict[str, Any]]]:
    """The revision's commit and, per file to fetch, the size and hash the Hub publishes."""
    from huggingface_hub import HfApi

    source = entry.source
    try:
        info = HfApi(endpoint=endpoint).model_info(source["repo"], revision=source["revision"],
                                                   files_metadata=True, timeout=TIMEOUT)
    except Exception as exc:
        host = endpoint.split("//")[-1]
        raise NetworkError(_("cannot reach {host} for {id}: {reason} (are you offline?)")
                           .format(host=host, id=entry.id, reason=_one_line(exc))) from exc
    siblings = {s.rfilename: s for s in (info.siblings or [])}
    wanted = source.get("files") or [n for n in siblings if n != ".gitattributes"]
    files: dict[str, dict[str, Any]] = {}
    for name in wanted:
        sib = siblings.get(name)
        if sib is None:
            raise ModelError(_("{id}: {repo} has no file {file}").format(
                id=entry.id, repo=source["repo"], file=name))
        lfs = getattr(sib, "lfs", None)
        files[name] = {"size": sib.size,
                       "sha256": lfs.sha256 if lfs is not None else None,
                       "git_sha1": None if lfs is not None else sib.blob_id}
    return str(info.sha or source["revision"]), files


def _progress_class(on_bytes: Callable[[int], None], cancel: CancelFn | None) -> type:
    from huggingface_hub.utils.tqdm import tqdm as hf_tqdm

    class Progress(hf_tqdm):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["disable"] = True
            super().__init__(*args, **kwargs)  # type: ignore[no-untyped-call]

        def update(self, n: float | None = 1) -> bool | None:
            if cancel is not None and cancel():
                raise Cancelled(_(CANCELLED))
            on_bytes(int(n or 0))
            return None

    return Progress


def _fetch(repo: str, name: str, commit: str, endpoint: str, folder: Path,
           size: int | None, progress: type, bytes_in: Callable[[int], None]) -> None:
    """One file with huggingface_hub's own HTTP download (redirects, retries, resumption
    within a run), into ``NAME.part`` kept across runs: a killed download resumes from
    the bytes already on disk (``Range``), a finished file is not fetched again."""
    from huggingface_hub import get_hf_file_metadata, hf_hub_url
    from huggingface_hub.file_download import http_get

    dest = folder / name
    if dest.is_file() and (size is None or dest.stat().st_size == size):
        bytes_in(dest.stat().st_size)
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    url = hf_hub_url(repo, name, revision=commit, endpoint=endpoint)
    meta = get_hf_file_metadata(url, timeout=TIMEOUT)
    part = dest.with_name(dest.name + ".part")
    have = part.stat().st_size if part.exists() else 0
    if size is not None and have > size:
        part.unlink()
        have = 0
    bytes_in(have)
    with part.open("r+b" if have else "wb") as fh:
        fh.seek(have)
        http_get(meta.location or url, fh, resume_size=have, expected_size=size,
                 displayed_filename=name, tqdm_class=progress)
    os.replace(part, dest)


def verify(folder: Path, files: dict[str, dict[str, Any]]) -> None:
    """Every file's size and published hash; a bad file is deleted so a rerun fetches it."""
    for name, want in files.items():
        path = folder / name
        if want["size"] is not None and path.stat().st_size != want["size"]:
            path.unlink()
            raise ModelError(_("{file}: its size is not the published {size}; deleted it, run "
                               "the download again").format(file=name, size=want["size"]))
        got, kind = ((sha256(path), "sha256") if want["sha256"]
                     else (git_blob_sha1(path), "git_sha1"))
        if want[kind] and got != want[kind]:
            path.unlink()
            raise ModelError(_("{file} failed verification ({kind} {got}… is not the "
                               "published {want}…); deleted it, run the download again")
                             .format(file=name, kind=kind, got=got[:12],
                                     want=str(want[kind])[:12]))


def download(entry: Entry, *, accept: bool = False, on_progress: ByteProgress | None = None,
             cancel: CancelFn | None = None) -> ModelInfo:
    """Download, verify and install one catalog entry; the licence must be accepted."""
    if not (accept or licence_accepted(entry)):
        raise LicenceNotAccepted(_("{id} is under {licence}: accept its licence first "
                                   "(tarjuman models download ID --yes)").format(
                                       id=entry.id, licence=entry.license))
    accept_licence(entry)
    existing = [m for m in registry.installed() if m.id == entry.id]
    if existing:
        raise ModelError(_("{id} is already installed; see: tarjuman models list").format(
            id=entry.id))
    provenance = {"catalog_id": entry.id, "license": entry.license}
    if entry.source.get("kind") == "argos":
        return online.download(entry.source["from_code"], entry.source["to_code"],
                               on_bytes=(lambda n: on_progress(n, entry.size_bytes))
                               if on_progress else None, model_id=entry.id,
                               provenance=provenance)
    _hub_env()
    with _online():
        return _download_hub(entry, provenance, on_progress, cancel)


def _download_hub(entry: Entry, provenance: dict[str, Any], on_progress: ByteProgress | None,
                  cancel: CancelFn | None) -> ModelInfo:
    endpoint = _hub_env()
    commit, files = _published(entry, endpoint)
    total = sum(f["size"] or 0 for f in files.values())
    folder = partial_dir(entry)
    state = {"done": 0}

    def bytes_in(n: int) -> None:
        state["done"] += n
        if on_progress is not None:
            on_progress(min(state["done"], total), total)

    progress = _progress_class(bytes_in, cancel)
    for name, want in files.items():
        if cancel is not None and cancel():
            raise Cancelled(_(CANCELLED))
        try:
            _fetch(entry.source["repo"], name, commit, endpoint, folder, want["size"],
                   progress, bytes_in)
        except (Cancelled, TarjumanError):
            raise
        except Exception as exc:
            raise NetworkError(_("downloading {file} of {id} failed: {reason}; run the "
                                 "download again to resume").format(
                                     file=name, id=entry.id, reason=_one_line(exc))) from exc
    verify(folder, files)
    record = {**provenance, "source": {"repo": entry.source["repo"], "revision": commit,
                                       "endpoint": endpoint},
              "files": {n: f["sha256"] or f["git_sha1"] for n, f in files.items()}}
    info = registry.get(entry.engine).install(folder, entry.id, record)
    shutil.rmtree(folder, ignore_errors=True)
    return info
