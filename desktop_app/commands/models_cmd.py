"""``tarjuman models``: list, install, remove offline models; index and download only on request."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop_app.commands import print_json
from desktop_app.core.errors import InputError, TarjumanError
from desktop_app.core.mt import online, registry
from desktop_app.core.mt.hardware import plan
from desktop_app.core.mt.libretranslate import check_url
from desktop_app.core.mt.routing import installed_models, remote_engine
from desktop_app.core.settings import Settings


def register(sub: Any) -> None:
    p = sub.add_parser("models", help="manage offline translation models")
    msub = p.add_subparsers(dest="models_command", metavar="ACTION", required=True,
                            parser_class=type(p))
    ls = msub.add_parser("list", help="installed models and the pairs they serve")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=run_list)
    ins = msub.add_parser("install", help="install an .argosmodel file, an NLLB-200 or "
                          "MADLAD-400 CTranslate2 model folder/zip, or a zip from models export")
    ins.add_argument("path", type=Path)
    ins.add_argument("--id", help="id for the model (default: its folder or file name)")
    ins.set_defaults(func=run_install)
    rm = msub.add_parser("remove", help="remove an installed model by id")
    rm.add_argument("id")
    rm.set_defaults(func=run_remove)
    av = msub.add_parser("available", help="ONLINE: list packages in the Argos index")
    av.add_argument("--json", action="store_true")
    av.set_defaults(func=run_available)
    sv = msub.add_parser("server", help="use a team LibreTranslate server (text is sent there)")
    sv.add_argument("url", nargs="?", help="http://host:port; omit to show the current one")
    sv.add_argument("--api-key", help="API key for that server (kept in the settings file, "
                    "readable by you only)")
    sv.add_argument("--prefer", action="store_true", help="use the server before local models")
    sv.add_argument("--clear", action="store_true", help="stop using a server")
    sv.set_defaults(func=run_server)
    dl = msub.add_parser("download", help="ONLINE: download and install an Argos package")
    dl.add_argument("source")
    dl.add_argument("target")
    dl.set_defaults(func=run_download)


def _pairs(pairs: tuple[tuple[str, str], ...]) -> str:
    return ", ".join(f"{a}->{b}" for a, b in pairs)


def _remote(settings: Settings) -> tuple[dict[str, Any] | None, str]:
    if not settings.libretranslate_url:
        return None, ""
    try:
        info = remote_engine(settings).info().as_json()
        return {**info, "reachable": True, "preferred": settings.prefer_remote}, ""
    except TarjumanError as exc:
        return {"id": settings.libretranslate_url, "engine": "libretranslate",
                "reachable": False, "preferred": settings.prefer_remote}, str(exc)


def run_list(args: argparse.Namespace) -> int:
    models = installed_models()
    settings = Settings.load()
    remote, problem = _remote(settings)
    runs_on = plan(settings.intra_threads, settings.inter_threads, settings.mt_device)
    if args.json:
        print_json({"local": [m.as_json() for m in models],
                    "remote": [remote] if remote else [],
                    "device": runs_on.device, "compute_type": runs_on.compute_type,
                    "intra_threads": runs_on.intra_threads,
                    "inter_threads": runs_on.inter_threads,
                    "chosen": settings.mt_model})
        return 0
    print(f"runs on: {runs_on.describe()}")
    if remote:
        print(f"remote: {remote['id']}  [libretranslate] "
              + (_pairs(tuple((a, b) for a, b in remote["pairs"]))
                 if remote["reachable"] else f"unreachable: {problem}"))
    if not models:
        print("No local models installed. Install one with: tarjuman models install PATH")
        return 0
    for m in models:
        extra = f"  ({m.license_note})" if m.license_note else ""
        mark = "* " if m.id == settings.mt_model else ""
        print(f"{mark}{m.id}  [{m.engine} {m.version}]  {_pairs(m.pairs)}  "
              f"{m.size_bytes / 1e6:.1f} MB{extra}")
    return 0


def run_install(args: argparse.Namespace) -> int:
    path: Path = args.path
    if not path.exists():
        raise InputError(f"no such file or folder: {path}")
    info = registry.for_path(path).install(path, args.id)
    print(f"installed {info.id} [{info.engine}]: {_pairs(info.pairs)}")
    if info.license_note:
        print(f"note: {info.license_note}")
    return 0


def run_server(args: argparse.Namespace) -> int:
    settings = Settings.load()
    if args.clear:
        settings.libretranslate_url = settings.libretranslate_api_key = ""
        settings.prefer_remote = False
    elif args.url:
        settings.libretranslate_url = check_url(args.url)
        if args.api_key is not None:
            settings.libretranslate_api_key = args.api_key
        settings.prefer_remote = args.prefer
    settings.save()
    if settings.libretranslate_url:
        print(f"LibreTranslate server: {settings.libretranslate_url}"
              + (" (preferred over local models)" if settings.prefer_remote else
                 " (used when no local model serves a pair)"))
    else:
        print("No LibreTranslate server: all translation stays on this machine.")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    model = registry.find(args.id)
    info = registry.get(model.engine).remove(model.id)
    if Settings.load().mt_model == info.id:
        settings = Settings.load()
        settings.mt_model = ""
        settings.save()
    print(f"removed {info.id} [{info.engine}]")
    return 0


def run_available(args: argparse.Namespace) -> int:
    rows = online.available()
    if args.json:
        print_json(rows)
    else:
        for r in rows:
            print(f"{r['from_code']}->{r['to_code']}  {r['from_name']} -> {r['to_name']}  "
                  f"v{r['version']}")
    return 0


def run_download(args: argparse.Namespace) -> int:
    def progress(n: int) -> None:
        sys.stderr.write(f"\rdownloaded {n / 1e6:.1f} MB")

    info = online.download(args.source, args.target, on_bytes=progress)
    sys.stderr.write("\n")
    print(f"installed {info.id} [{info.engine}]: {_pairs(info.pairs)}")
    return 0
