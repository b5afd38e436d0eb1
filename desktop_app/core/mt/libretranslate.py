"""A LibreTranslate server as a remote engine (a team runs one server for everyone).

Text leaves the machine only when the user has configured a server, and only to that
server. Requests are batched (``q`` as a list), time out, and are retried with backoff
on 429 and 5xx (urllib3's ``Retry``, honouring ``Retry-After``); a refused pair is a typed
error naming it. A server that does not answer is remembered as down for a while, so
choosing a route (which asks for its language list, in at most a few seconds) never makes
anyone wait on it twice.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlparse

import urllib3
from urllib3.util import Retry, Timeout

from desktop_app.core import languages
from desktop_app.core.errors import InputError, NetworkError, NoModelError
from desktop_app.core.i18n import N_, _, ngettext, number
from desktop_app.core.mt.engine import (
    CancelFn,
    Cancelled,
    ModelInfo,
    ProgressFn,
    Translation,
)

RETRY_STATUS = {429, 500, 502, 503, 504}
# A server whose language list takes longer is "not answering" (a team's server answers
# it in milliseconds; the MT dock must say so within 3 s of the cursor resting on a row)
PROBE_SECONDS = 1.5
BACKOFF_AFTER_FAILURE = 30.0  # then every request fails at once for this long
MAX_RETRY_AFTER = 600.0  # a server's Retry-After is honoured up to this
PERSIAN_NOTE = N_("Persian model on the server: review for Dari usage")


def check_url(url: str) -> str:
    parsed = urlparse(url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise InputError(_("not a server address: {url!r} (expected http://host:port)").format(url=url))
    return url.strip().rstrip("/")


class LibreTranslateEngine:
    name = "libretranslate"

    def __init__(self, url: str, *, api_key: str = "", batch_size: int = 16,
                 timeout: float = 30.0, retries: int = 3, backoff: float = 0.5):
        self.url = check_url(url)
        self.api_key = api_key
        self.batch_size = max(1, batch_size)
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        host = urlparse(self.url)
        self.model_id = f"{host.hostname}:{host.port or (443 if host.scheme == 'https' else 80)}"
        self.model_version = "server"
        self.note = ""
        self._languages: list[dict[str, Any]] | None = None
        self._pool = urllib3.PoolManager()
        self._down_until = 0.0

    # -- HTTP ------------------------------------------------------------------------------

    def _retry(self, retries: int) -> Retry:
        return Retry(total=retries, connect=retries, read=retries, status=retries, other=0,
                     backoff_factor=self.backoff, status_forcelist=RETRY_STATUS,
                     allowed_methods=None, respect_retry_after_header=True,
                     raise_on_status=False, raise_on_redirect=False)

    def _down(self, response: urllib3.BaseHTTPResponse | None = None) -> None:
        """Remember that the server failed: every request fails at once until the back-off
        (or the server's own ``Retry-After``) has passed, so nobody waits on it again."""
        wait = BACKOFF_AFTER_FAILURE
        if response is not None:
            asked = Retry().get_retry_after(response)
            if asked is not None:
                wait = max(wait, min(asked, MAX_RETRY_AFTER))
        self._down_until = time.monotonic() + wait

    def _request(self, path: str, payload: dict[str, Any] | None = None, *,
                 probe: bool = False) -> Any:
        """One request with retries and back-off (urllib3's ``Retry``: 429 and 5xx, honouring
        ``Retry-After``). A ``probe`` (the language list, asked when a route is chosen) waits
        at most ``PROBE_SECONDS`` and is not retried: a server that does not answer is shown
        as not answering at once, and asked again only after the back-off."""
        left = self._down_until - time.monotonic()
        if left > 0:
            raise NetworkError(_("the LibreTranslate server at {server} is not answering; "
                                 "Tarjuman asks it again in {seconds} s").format(
                                     server=self.model_id, seconds=number(int(left) + 1)))
        headers = {"Accept": "application/json", "User-Agent": "Tarjuman"}
        body = None
        if payload is not None:
            body = json.dumps(payload).encode("utf-8")
            headers["Content-Type"] = "application/json"
        wait = min(self.timeout, PROBE_SECONDS) if probe else self.timeout
        try:
            response = self._pool.request(
                "POST" if body is not None else "GET", self.url + path, body=body,
                headers=headers, timeout=Timeout(connect=min(wait, PROBE_SECONDS), read=wait),
                retries=self._retry(0 if probe else self.retries), preload_content=True)
        except urllib3.exceptions.HTTPError as exc:
            self._down()
            reason = getattr(exc, "reason", None) or exc
            raise NetworkError(_("the LibreTranslate server at {server} "
                                 "is not reachable: {last}").format(
                server=self.model_id, last=reason)) from exc
        text = response.data.decode("utf-8", "replace")
        if response.status >= 400:
            try:
                message = str(json.loads(text).get("error", text))
            except (ValueError, AttributeError):
                message = text[:200]
            if response.status == 400:
                raise NoModelError(_("the LibreTranslate server at {server} refused: "
                                     "{message}").format(server=self.model_id, message=message))
            if response.status in (401, 403):
                raise NetworkError(_("the LibreTranslate server at {server} refused the "
                                     "API key: {message}").format(
                                         server=self.model_id, message=message))
            if response.status in RETRY_STATUS:
                self._down(response)
            raise NetworkError(_("the LibreTranslate server at {server} answered HTTP "
                                 "{code}: {message}").format(
                                     server=self.model_id, code=response.status,
                                     message=message))
        try:
            return json.loads(text)
        except ValueError as exc:
            raise NetworkError(_("the LibreTranslate server at {server} sent something "
                                 "that is not JSON ({exc})").format(
                                     server=self.model_id, exc=exc)) from exc

    # -- what it serves ----------------------------------------------------------------------

    def server_languages(self) -> list[dict[str, Any]]:
        if self._languages is None:
            found = self._request("/languages", probe=True)
            if not isinstance(found, list):
                raise NetworkError(_("the server at {server} sent no language list").format(
                    server=self.model_id))
            self._languages = found
        return self._languages

    def _code(self, lang: languages.Language, role: str) -> str:
        served = {str(item.get("code")) for item in self.server_languages()}
        for code in lang.argos_codes:
            if code in served:
                return code
        raise NoModelError(_("the LibreTranslate server at {server} has no {language} "
                             "({role}); it serves: {codes}").format(
                                 server=self.model_id, language=lang.display_name(),
                                 role=_(role), codes=", ".join(sorted(served))))

    def codes(self, source: str, target: str) -> tuple[str, str, str]:
        src, tgt = languages.get(source), languages.get(target)
        a, b = self._code(src, N_("source")), self._code(tgt, N_("target"))
        targets: list[str] = next((list(item.get("targets", [])) for item in
                                   self.server_languages() if item.get("code") == a), [])
        if targets and b not in targets:
            raise NoModelError(_("the LibreTranslate server at {server} does not translate "
                                 "{source} -> {target}").format(
                                     server=self.model_id, source=src.display_name(),
                                     target=tgt.display_name()))
        note = _(PERSIAN_NOTE) if languages.DARI in (src, tgt) and "fa" in (a, b) else ""
        return a, b, note

    def info(self) -> ModelInfo:
        pairs = []
        for item in self.server_languages():
            for target in item.get("targets", []):
                pairs.append((str(item.get("code")), str(target)))
        return ModelInfo(id=self.url, engine=self.name, version="server",
                         pairs=tuple(p for p in pairs if p[0] != p[1]), path=self.url,
                         size_bytes=0, license_note=_("remote: text is sent to this server"))

    # -- translating ---------------------------------------------------------------------------

    def length(self, text: str) -> int:
        return len(text.split())

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
        src, tgt, note = self.codes(source, target)
        results: list[Translation] = []
        for start in range(0, len(segments), self.batch_size):
            if cancel is not None and cancel():
                raise Cancelled(ngettext(
                    "translation cancelled after {done} of {total} segment",
                    "translation cancelled after {done} of {total} segments",
                    len(segments)).format(done=number(start), total=number(len(segments))))
            batch = list(segments[start:start + self.batch_size])
            payload: dict[str, Any] = {"q": batch, "source": src, "target": tgt,
                                       "format": "text"}
            if n_best > 1:
                payload["alternatives"] = n_best - 1
            if self.api_key:
                payload["api_key"] = self.api_key
            answer = self._request("/translate", payload)
            texts = answer.get("translatedText") if isinstance(answer, dict) else None
            if isinstance(texts, str):
                texts = [texts]
            if not isinstance(texts, list) or len(texts) != len(batch):
                raise NetworkError(_("the LibreTranslate server at {server} answered {n} "
                                     "translations for {segments} segments").format(
                                         server=self.model_id, n=len(texts or []),
                                         segments=len(batch)))
            alternatives = answer.get("alternatives") or [[] for _ in batch]
            if alternatives and not isinstance(alternatives[0], list):
                alternatives = [alternatives]
            for text, src_text, alts in zip(texts, batch, alternatives, strict=False):
                results.append(Translation(src_text, str(text).strip(),
                                           [str(a) for a in alts], self.name, self.model_id,
                                           note))
            if on_progress is not None:
                on_progress(len(results), len(segments))
        return results
