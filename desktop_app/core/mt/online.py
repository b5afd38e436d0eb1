"""The only code that may use the network: the Argos package index and downloads,
run only when the user asks (``tarjuman models available`` / ``models download``).
Every request has a timeout, so offline it fails in seconds with one clear line."""

from __future__ import annotations

import json
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.core import languages
from desktop_app.core.errors import NetworkError, NoModelError
from desktop_app.core.i18n import _
from desktop_app.core.mt import argos
from desktop_app.core.mt.engine import ModelInfo

TIMEOUT = 8.0


def _fetch(url: str, timeout: float, on_bytes: Callable[[int], None] | None = None) -> bytes:
    try:
        req = urllib.request.Request(url, headers={"User-Agent": "Tarjuman"})
        with urllib.request.urlopen(req, timeout=timeout) as response:
            chunks = []
            while True:
                chunk = response.read(1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
                if on_bytes is not None:
                    on_bytes(sum(len(c) for c in chunks))
            return b"".join(chunks)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise NetworkError(_("cannot reach {host}: {reason} (are you offline?)").format(
            host=url.split('/')[2] if '//' in url else url, reason=reason)) from exc


def available(timeout: float = TIMEOUT) -> list[dict[str, Any]]:
    """Translation packages in the Argos index (fetched now, saved for argostranslate)."""
    package = argos.argos_package_module()
    import argostranslate.settings as argos_settings

    data = _fetch(argos_settings.remote_package_index, timeout)
    try:
        index = json.loads(data)
    except ValueError as exc:
        raise NetworkError(_("the Argos package index is not valid JSON: {exc}").format(
            exc=exc)) from exc
    Path(argos_settings.local_package_index).write_bytes(data)
    packages = [package.AvailablePackage(m) for m in index if isinstance(m, dict)]
    return [
        {"from_code": p.from_code, "to_code": p.to_code, "version": p.package_version,
         "from_name": p.from_name, "to_name": p.to_name}
        for p in packages if p.type == "translate"
    ]


def download(source: str, target: str, timeout: float = TIMEOUT,
             on_bytes: Callable[[int], None] | None = None, model_id: str | None = None,
             provenance: dict[str, Any] | None = None) -> ModelInfo:
    """Download and install the Argos package for a pair (Dari maps to Persian ``fa``)."""
    package = argos.argos_package_module()
    src, tgt = languages.get(source), languages.get(target)
    codes = {(a, b) for a in src.argos_codes for b in tgt.argos_codes}
    available(timeout)  # refreshes the local index argostranslate reads
    for pkg in package.get_available_packages():
        if pkg.type == "translate" and (pkg.from_code, pkg.to_code) in codes:
            errors = []
            for url in pkg.links:
                try:
                    data = _fetch(url, timeout * 8, on_bytes)
                except NetworkError as exc:
                    errors.append(str(exc))
                    continue
                with tempfile.TemporaryDirectory() as tmp:
                    path = Path(tmp) / f"{pkg.from_code}_{pkg.to_code}.argosmodel"
                    path.write_bytes(data)
                    return argos.install(path, model_id, {
                        "source": {"url": url, "index": "argos"}, **(provenance or {})})
            raise NetworkError(errors[0] if errors else _("the package lists no download link"))
    raise NoModelError(_("the Argos index has no package for "
                         "{source} -> {target}").format(
        source=src.display_name(), target=tgt.display_name()))
