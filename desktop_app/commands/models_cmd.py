"""``tarjuman models``: list, install, remove offline models; index and download only on request."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop_app.commands import print_json
from desktop_app.commands.progress import ProgressBar
from desktop_app.core.errors import InputError, TarjumanError
from desktop_app.core.i18n import _
from desktop_app.core.mt import catalog, downloads, export, manifest, online, registry
from desktop_app.core.mt.hardware import plan
from desktop_app.core.mt.libretranslate import check_url
from desktop_app.core.mt.routing import installed_models, remote_engine
from desktop_app.core.settings import Settings
from desktop_app.core.settings_door import change_settings


def register(sub: Any) -> None:
    p = sub.add_parser("models", help=_("manage offline translation models"))
    msub = p.add_subparsers(dest="models_command", metavar="ACTION", required=True,
                            parser_class=type(p))
    ls = msub.add_parser("list", help=_("installed models and the pairs they serve"))
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=run_list)
    ins = msub.add_parser("install", help=_("install an .argosmodel file, an NLLB-200 or "
                                            "MADLAD-400 CTranslate2 model folder/zip, or a zip "
                                            "from models export"))
    ins.add_argument("path", type=Path)
    ins.add_argument("--id", help=_("id for the model (default: its folder or file name)"))
    ins.set_defaults(func=run_install)
    rm = msub.add_parser("remove", help=_("remove an installed model by id"))
    rm.add_argument("id")
    rm.set_defaults(func=run_remove)
    av = msub.add_parser("available", help=_("ONLINE: list packages in the Argos index"))
    av.add_argument("--json", action="store_true")
    av.set_defaults(func=run_available)
    sv = msub.add_parser("server", help=_("use a team LibreTranslate server (text is sent there)"))
    sv.add_argument("url", nargs="?", help=_("http://host:port; omit to show the current one"))
    sv.add_argument("--api-key", help=_("API key for that server (kept in the settings file, "
                                        "readable by you only)"))
    sv.add_argument("--prefer", action="store_true", help=_("use the server before local models"))
    sv.add_argument("--clear", action="store_true", help=_("stop using a server"))
    sv.set_defaults(func=run_server)
    dl = msub.add_parser("download", help=_("ONLINE: download, verify and install a catalog "
                                            "model (see: tarjuman models catalog), or an Argos "
                                            "package by pair"))
    dl.add_argument("what", nargs="+", metavar="ID", help=_("catalog id (or SOURCE TARGET)"))
    dl.add_argument("--yes", action="store_true", help=_("accept the model's licence"))
    dl.set_defaults(func=run_download)
    cat = msub.add_parser("catalog", help=_("models Tarjuman can download, with sizes, licences "
                                            "and quality (read offline)"))
    cat.add_argument("--json", action="store_true")
    cat.set_defaults(func=run_catalog)
    ex = msub.add_parser("export", help=_("pack an installed model into a zip for another "
                                          "machine (install it there with: tarjuman models "
                                          "install FILE.zip)"))
    ex.add_argument("id")
    ex.add_argument("-o", "--output", type=Path, required=True)
    ex.set_defaults(func=run_export)
    use = msub.add_parser("use", help=_("translate with this model whenever it serves the pair "
                                        "(--clear: back to the best-quality choice)"))
    use.add_argument("id", nargs="?")
    use.add_argument("--clear", action="store_true")
    use.set_defaults(func=run_use)


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
    print(_("runs on: {device}").format(device=runs_on.describe()))
    if remote:
        print(f"remote: {remote['id']}  [libretranslate] "
              + (_pairs(tuple((a, b) for a, b in remote["pairs"]))
                 if remote["reachable"] else f"unreachable: {problem}"))
    if not models:
        print(_("No local models installed. Download one (see: tarjuman models catalog) or "
                "install a file with: tarjuman models install PATH"))
        return 0
    for m in models:
        extra = f"  ({_(m.license_note)})" if m.license_note else ""
        mark = "* " if m.id == settings.mt_model else ""
        print(f"{mark}{m.id}  [{m.engine} {m.version}]  {_pairs(m.pairs)}  "
              f"{m.size_bytes / 1e6:.1f} MB{extra}")
    return 0


def run_install(args: argparse.Namespace) -> int:
    path: Path = args.path
    if not path.exists():
        raise InputError(_("no such file or folder: {path}").format(path=path))
    info = registry.for_path(path).install(path, args.id)
    print(_("installed {id} [{engine}]: {pairs}").format(
        id=info.id, engine=info.engine, pairs=_pairs(info.pairs)))
    if info.license_note:
        print(_("note: {license_note}").format(license_note=_(info.license_note)))
    return 0


def run_server(args: argparse.Namespace) -> int:
    if args.clear:
        change_settings(libretranslate_url="", libretranslate_api_key="", prefer_remote=False)
    elif args.url:
        key = {} if args.api_key is None else {"libretranslate_api_key": args.api_key}
        change_settings(libretranslate_url=check_url(args.url), prefer_remote=args.prefer, **key)
    settings = Settings.load()
    if settings.libretranslate_url:
        print((_("LibreTranslate server: {url} (preferred over local models)")
               if settings.prefer_remote else
               _("LibreTranslate server: {url} (used when no local model serves a pair)")
               ).format(url=settings.libretranslate_url))
    else:
        print(_("No LibreTranslate server: all translation stays on this machine."))
    return 0


def run_remove(args: argparse.Namespace) -> int:
    model = registry.find(args.id)
    info = registry.get(model.engine).remove(model.id)
    if Settings.load().mt_model == info.id:
        change_settings(mt_model="")
    print(_("removed {id} [{engine}]").format(id=info.id, engine=info.engine))
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
    if len(args.what) == 2:
        fetched = ProgressBar(_("downloading"), in_bytes=True)
        try:
            info = online.download(args.what[0], args.what[1], on_bytes=fetched)
        finally:
            fetched.close()
        print(_("installed {id} [{engine}]: {pairs}").format(
            id=info.id, engine=info.engine, pairs=_pairs(info.pairs)))
        return 0
    if len(args.what) != 1:
        raise InputError(_("give one catalog id, or a SOURCE TARGET pair for an Argos package"))
    entry = catalog.get(args.what[0])
    accept = args.yes or downloads.licence_accepted(entry)
    if not accept:
        print(f"{entry.title}: {entry.license}. {entry.license_summary}", file=sys.stderr)
        sys.stderr.write(_("Accept this licence and download {gb:.1f} GB? [y/N] ").format(
            gb=entry.size_bytes / 1e9))
        sys.stderr.flush()
        answer = sys.stdin.readline().strip().lower() if sys.stdin else ""
        if not (sys.stdin and sys.stdin.isatty()):
            sys.stderr.write("\n")
        if answer not in ("y", "yes"):
            raise downloads.LicenceNotAccepted(
                _("licence of {id} not accepted: nothing downloaded").format(id=entry.id))
    bar = ProgressBar(_("downloading {id}").format(id=entry.id), in_bytes=True)
    try:
        info = downloads.download(entry, accept=True, on_progress=bar)
    finally:
        bar.close()
    data = manifest.read(Path(info.path))
    source = data.get("source", {})
    print(_("installed {id} [{engine}]: {pairs}").format(
        id=info.id, engine=info.engine, pairs=_pairs(info.pairs)))
    print(_("from {origin} at {revision}; licence {license}; every file verified").format(
        origin=source.get('repo') or source.get('url'), revision=source.get('revision', '?'),
        license=entry.license))
    return 0


def run_catalog(args: argparse.Namespace) -> int:
    installed = {m.catalog_id or m.id for m in installed_models()}
    entries = catalog.load()
    if args.json:
        print_json([{**e.as_json(), "installed": e.id in installed} for e in entries])
        return 0
    for e in entries:
        mark = "installed" if e.id in installed else f"{e.size_bytes / 1e9:.1f} GB"
        quality = ", ".join(f"{k} {v:g}" for k, v in e.chrf.items()) or "not published"
        print(f"{e.id}  [{e.engine}]  {', '.join(e.languages)}  {mark}  {e.license}  "
              f"chrF++ {quality}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    model = registry.find(args.id)
    out = export.export(model, args.output)
    print(_("wrote {out} ({mb:.1f} MB): install it with tarjuman models install {name}").format(
        out=out, mb=out.stat().st_size / 1e6, name=out.name))
    return 0


def run_use(args: argparse.Namespace) -> int:
    if args.clear or not args.id:
        change_settings(mt_model="")
        print(_("Each pair uses the installed model with the best published quality."))
    else:
        chosen = change_settings(mt_model=registry.find(args.id).id).settings.mt_model
        print(_("{mt_model} translates every pair it serves.").format(mt_model=chosen))
    return 0
