"""Batched CTranslate2 decoding shared by every CTranslate2 engine (Argos, NLLB, MADLAD).

Segments are sorted by length (little padding) and handed to CTranslate2 a few batches
at a time (``BATCHES_PER_CALL``): within one call CTranslate2 cuts them into batches of
``max_batch_size`` and, with ``inter_threads`` > 1, decodes batches in parallel; between
calls progress is reported and a cancel request is honoured.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import ctranslate2

from desktop_app.core.errors import ModelError
from desktop_app.core.i18n import _, isolate, ngettext, number
from desktop_app.core.mt.engine import CancelFn, Cancelled, DecodeOptions, ProgressFn
from desktop_app.core.mt.hardware import Plan

BATCHES_PER_CALL = 8  # cancel granularity; the GUI also cancels between its own chunks


def plan_batches(lengths: Sequence[int], max_batch_size: int, batch_type: str) -> list[list[int]]:
    """Indices grouped into batches, shortest segments first."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches: list[list[int]] = []
    current: list[int] = []
    tokens = 0
    limit = max(1, max_batch_size)
    for i in order:
        size = lengths[i] if batch_type == "tokens" else 1
        if current and tokens + size > limit:
            batches.append(current)
            current, tokens = [], 0
        current.append(i)
        tokens += size
    if current:
        batches.append(current)
    return batches



def cancelled_after(done: int, total: int) -> str:
    return ngettext("translation cancelled after {done} of {total} segment",
                    "translation cancelled after {done} of {total} segments", total).format(
        done=number(done), total=number(total))

class Ct2Runner:
    """One loaded CTranslate2 translator (lazily), safe to share between threads."""

    def __init__(self, model_dir: Path, plan: Plan | None = None):
        self.model_dir = model_dir
        self.plan = plan or Plan("cpu", "default", 1, 1)
        self._translator: ctranslate2.Translator | None = None
        self._lock = threading.Lock()

    @property
    def translator(self) -> ctranslate2.Translator:
        with self._lock:
            if self._translator is None:
                try:
                    self._translator = ctranslate2.Translator(
                        str(self.model_dir),
                        device=self.plan.device,
                        compute_type=self.plan.compute_type,
                        intra_threads=self.plan.intra_threads,
                        inter_threads=self.plan.inter_threads,
                    )
                except (RuntimeError, ValueError, OSError) as exc:
                    raise ModelError(_("cannot load model at {path}: {reason}").format(
                        path=isolate(str(self.model_dir)), reason=exc)) from exc
            return self._translator

    def run(
        self,
        sources: Sequence[list[str]],
        options: DecodeOptions,
        *,
        target_prefix: list[str] | None = None,
        on_progress: ProgressFn | None = None,
        cancel: CancelFn | None = None,
        scores: list[list[float]] | None = None,
    ) -> list[list[list[str]]]:
        """Token lists in, n-best token lists out (prefix tokens removed), input order kept.
        ``scores``, when given, is filled with each hypothesis' length-normalised
        log-probability (CTranslate2 ``return_scores``), in the same order."""
        n_best = max(1, options.n_best)
        results: list[list[list[str]]] = [[] for _ in sources]
        found: list[list[float]] = [[] for _ in sources]
        done = 0
        total = len(sources)
        per_call = max(1, options.max_batch_size) * BATCHES_PER_CALL
        for batch in plan_batches([len(s) for s in sources], per_call, options.batch_type):
            if cancel is not None and cancel():
                raise Cancelled(cancelled_after(done, total))
            kwargs: dict[str, Any] = {
                "beam_size": max(options.beam_size, n_best),
                "num_hypotheses": n_best,
                "replace_unknowns": True,
                "max_batch_size": options.max_batch_size,
                "batch_type": options.batch_type,
                "return_scores": True,
                "length_penalty": 1.0,  # scores are divided by the hypothesis length
            }
            if target_prefix:
                kwargs["target_prefix"] = [target_prefix] * len(batch)
            out = self.translator.translate_batch([sources[i] for i in batch], **kwargs)
            skip = len(target_prefix or [])
            for i, res in zip(batch, out, strict=True):
                results[i] = [list(h[skip:]) for h in res.hypotheses]
                found[i] = [float(x) for x in (res.scores or [])]
            done += len(batch)
            if on_progress is not None:
                on_progress(done, total)
        if scores is not None:
            scores[:] = found
        return results

    def score(self, sources: Sequence[list[str]], targets: Sequence[list[str]], *,
              prefix: int = 0, max_batch_size: int = 32) -> list[tuple[list[str], list[float]]]:
        """Each target token's log-probability given its source (CTranslate2
        ``score_batch``): the tokens (the end token included) and their scores, the first
        ``prefix`` target tokens (a language token) left out."""
        if not sources:
            return []
        out = self.translator.score_batch(list(sources), list(targets), offset=prefix,
                                          max_batch_size=max_batch_size)
        return [(list(r.tokens), [float(x) for x in r.log_probs]) for r in out]
