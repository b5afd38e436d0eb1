"""Which installed model serves a language pair, and the one entry point that translates
a whole document's segments: deduplicated, cached, batched, cancellable."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from desktop_app.core import languages
from desktop_app.core.errors import NoModelError
from desktop_app.core.glossary.enforce import Enforcer
from desktop_app.core.i18n import N_, _, isolate
from desktop_app.core.mt import argos, catalog, registry
from desktop_app.core.mt.cache import MTCache, cache_key
from desktop_app.core.mt.ct2run import BATCHES_PER_CALL, cancelled_after
from desktop_app.core.mt.engine import (
    CancelFn,
    Cancelled,
    Engine,
    ModelInfo,
    ProgressFn,
    Translation,
)
from desktop_app.core.mt.libretranslate import LibreTranslateEngine
from desktop_app.core.paths import mt_cache_file
from desktop_app.core.settings import Settings

REMOTE = "libretranslate"
TOKEN_BATCH_CHUNK = 64  # segments per engine call when batches are counted in tokens


def installed_models(engine: str | None = None) -> list[ModelInfo]:
    if engine == REMOTE:
        return []
    return registry.installed(engine)


@dataclass(frozen=True, slots=True)
class Route:
    model: ModelInfo
    note: str = ""


def install_hint(source: languages.Language, target: languages.Language) -> str:
    if languages.PASHTO in (source, target) or languages.DARI in (source, target):
        what = _("a Dari and Pashto model: Tools > Translation models lists them (MADLAD-400, "
                 "Apache-2.0; NLLB-200, non-commercial), as do tarjuman models catalog and "
                 "tarjuman models download ID")
    else:
        what = _("an Argos package or an NLLB-200 model for this pair")
    return _("install {what}; or install a file with: tarjuman models install PATH").format(
        what=what)


def remote_engine(settings: Settings) -> LibreTranslateEngine:
    if not settings.libretranslate_url:
        raise NoModelError(_("no LibreTranslate server is configured; set one with: "
                             "tarjuman models server URL (or --server URL)"))
    return _remote_for(settings.libretranslate_url, settings.libretranslate_api_key,
                       settings.libretranslate_batch)


@cache
def _remote_for(url: str, api_key: str, batch: int) -> LibreTranslateEngine:
    """One engine per server, so its language list is asked for once."""
    return LibreTranslateEngine(url, api_key=api_key, batch_size=batch)


def _remote_route(source: str, target: str, settings: Settings) -> Route:
    server = remote_engine(settings)
    note = server.codes(source, target)[2]
    remote = _("remote: LibreTranslate server {url}").format(url=isolate(server.model_id))
    return Route(server.info(), remote + _("; ") + note if note else remote)


def choose(source: str, target: str, engine: str | None = None,
           settings: Settings | None = None) -> Route:
    """The model that best serves source -> target: the user's chosen model if it serves the
    pair, else the installed model with the best published quality figure, then the team's
    LibreTranslate server if one is configured (or first, if preferred)."""
    settings = settings or Settings.load()
    if engine == REMOTE or (engine is None and settings.prefer_remote
                            and settings.libretranslate_url):
        return _remote_route(source, target, settings)
    try:
        return _choose_local(source, target, engine, settings.mt_model)
    except NoModelError:
        if engine is None and settings.libretranslate_url:
            return _remote_route(source, target, settings)
        raise


def choose_offline(source: str, target: str, settings: Settings | None = None) -> Route | None:
    """:func:`choose` without touching the network, for the window's thread: the local
    route, or None when the answer is the team's server's (asked by a background job);
    :class:`NoModelError` when neither a local model nor a server can serve the pair."""
    settings = settings or Settings.load()
    if settings.libretranslate_url and settings.prefer_remote:
        return None
    try:
        return _choose_local(source, target, None, settings.mt_model)
    except NoModelError:
        if settings.libretranslate_url:
            return None
        raise


def rank(models: list[ModelInfo], target: str) -> list[ModelInfo]:
    """Best first: published quality for the target, then engine order of the registry."""
    order = {name: i for i, name in enumerate(registry.NAMES)}
    return sorted(models, key=lambda m: (-catalog.quality(m.catalog_id, m.engine, target),
                                         order.get(m.engine, 99), m.id))


def _choose_local(source: str, target: str, engine: str | None, preferred: str = "") -> Route:
    src, tgt = languages.get(source), languages.get(target)
    models = installed_models(engine)
    pair = (src.code, tgt.code)
    serving = [m for m in models if pair in m.pairs]
    chosen = [m for m in serving if m.id == preferred]
    if chosen:
        return Route(chosen[0])
    # An Argos Persian package reads and writes something close to Dari: used when it is the
    # user's choice, or when no model serves Dari itself.
    persian = languages.PERSIAN.code
    fallback = (src.code if src != languages.DARI else persian,
                tgt.code if tgt != languages.DARI else persian)
    near = [m for m in models if fallback != pair and m.engine == "argos"
            and fallback in m.pairs]
    near_chosen = [m for m in near if m.id == preferred]
    if near_chosen:
        return Route(near_chosen[0], _(argos.PERSIAN_FOR_DARI_NOTE))
    if serving:
        return Route(rank(serving, tgt.code)[0])
    if near:
        return Route(near[0], _(argos.PERSIAN_FOR_DARI_NOTE))
    message = (_("no installed model translates {source} → {target} with the {engine} engine")
               if engine else _("no installed model translates {source} → {target}"))
    raise NoModelError(message.format(source=src.display_name(), target=tgt.display_name(),
                                      engine=engine) + _("; ") + install_hint(src, tgt))


def make_engine(route: Route, settings: Settings) -> Engine:
    """The shared loaded model for the route, seen with these settings' decoding options."""
    if route.model.engine == REMOTE:
        return remote_engine(settings)
    engine: Engine = registry.get(route.model.engine).engine(route.model, settings)
    return engine


GLOSSARY_LOST = N_("glossary placeholder lost: translated without term enforcement")


def translate_texts(
    texts: Sequence[str],
    source: str,
    target: str,
    *,
    engine: str | None = None,
    settings: Settings | None = None,
    use_cache: bool = True,
    on_progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    enforcer: Enforcer | None = None,
) -> list[Translation]:
    """Translate every segment; identical segments once; cached ones not at all.

    With an ``enforcer``, glossary terms are masked before MT and their target terms put
    back after; a segment whose placeholders did not survive is retranslated unmasked and
    flagged. Results are cached batch by batch, so a cancelled job keeps what it finished.
    """
    def run(batch: Sequence[str]) -> list[Translation]:
        return _translate(batch, source, target, engine=engine, settings=settings,
                          use_cache=use_cache, on_progress=on_progress, cancel=cancel)

    if enforcer is None:
        return run(texts)
    masked = [enforcer.mask(t) for t in texts]
    raw = run([m.text for m in masked])
    results: list[Translation] = []
    lost: list[int] = []
    for i, (m, r) in enumerate(zip(masked, raw, strict=True)):
        restored = enforcer.restore(m, r.text)
        if restored is None:
            lost.append(i)
        alternatives = [a for a in (enforcer.restore(m, x) for x in r.alternatives) if a]
        results.append(replace(r, source=m.source, text=restored or "",
                               alternatives=alternatives, enforced=m.enforced_terms))
    if lost:
        plain = run([texts[i] for i in lost])
        for i, r in zip(lost, plain, strict=True):
            results[i] = replace(r, flags=[GLOSSARY_LOST])
    return results


def _translate(
    texts: Sequence[str],
    source: str,
    target: str,
    *,
    engine: str | None,
    settings: Settings | None,
    use_cache: bool,
    on_progress: ProgressFn | None,
    cancel: CancelFn | None,
) -> list[Translation]:
    settings = settings or Settings.load()
    route = choose(source, target, engine, settings)
    mt = make_engine(route, settings)
    src, tgt = languages.get(source).code, languages.get(target).code
    options = f"beam={settings.beam_size};n={settings.n_best}"

    def key(text: str) -> str:
        return cache_key(mt.name, mt.model_id, mt.model_version, options, src, tgt, text)

    keys = [key(t) for t in texts]
    first_text: dict[str, str] = {}
    for k, t in zip(keys, texts, strict=True):
        if t.strip():
            first_text.setdefault(k, t)
    store = MTCache(mt_cache_file()) if use_cache else None
    try:
        found = store.get_many(first_text) if store else {}
        # Sorted by the engine's own length (tokens) so each batch needs little padding.
        missing = sorted((k for k in first_text if k not in found),
                         key=lambda k: mt.length(first_text[k]))
        total = len(first_text)
        done = total - len(missing)
        if on_progress is not None:
            on_progress(done, total)
        # A few decoding batches per engine call: each call's results are cached as soon as
        # they are done, and a cancel request is honoured between calls.
        chunk_size = (settings.max_batch_size * BATCHES_PER_CALL
                      if settings.batch_type == "examples" else TOKEN_BATCH_CHUNK)
        for start in range(0, len(missing), max(1, chunk_size)):
            if cancel is not None and cancel():
                raise Cancelled(cancelled_after(done, total))
            chunk = missing[start:start + max(1, chunk_size)]
            offset = done

            def progress(n: int, _total: int, offset: int = offset) -> None:
                if on_progress is not None:
                    on_progress(offset + n, total)

            out = mt.translate([first_text[k] for k in chunk], src, tgt,
                               n_best=settings.n_best, on_progress=progress)
            fresh = {k: t for k, t in zip(chunk, out, strict=True)}
            if store:
                store.put_many(fresh)
            found.update(fresh)
            done += len(chunk)
    finally:
        if store:
            store.close()
    results = []
    for k, text in zip(keys, texts, strict=True):
        hit = found.get(k)
        if hit is None:
            results.append(Translation(text, "", [], mt.name, mt.model_id, route.note))
        else:
            results.append(replace(hit, source=text, note=route.note or hit.note))
    return results


def describe(route: Route, settings: Settings | None = None) -> str:
    """One line for the MT dock: which model translates, where it runs, and its note."""
    settings = settings or Settings.load()
    model = route.model
    if model.engine == REMOTE:
        where = route.note
    else:
        runs_on = registry.get(model.engine).plan(settings).describe()
        where = f"{isolate(f'{model.id} [{model.engine}]')} · {isolate(runs_on)}"
        if route.note:
            where += f" · {route.note}"
    return where
