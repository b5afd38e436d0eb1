"""The CTranslate2 engine shared by Argos, NLLB and MADLAD: a back-end says only how it
tokenizes (source tokens, target prefix, detokenization); loading, batching, n-best and
progress are here.

A model is loaded once per process: :func:`shared` keeps one engine per back-end, model
folder and load plan (device, threads), never per decoding option. Callers get a cheap
:class:`Decoding` view that carries their beam size and n-best over the shared model.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.mt.ct2run import Ct2Runner
from desktop_app.core.mt.engine import (
    CancelFn,
    DecodeOptions,
    ModelInfo,
    ProgressFn,
    Translation,
)
from desktop_app.core.mt.hardware import Plan


@dataclass(slots=True)
class TokenScores:
    tokens: list[str]  # target tokens as the model sees them, the end token last
    log_probs: list[float]  # one per token
    mean: float  # length-normalised log-probability of the whole target


class Ct2Engine:
    """One loaded model. Subclasses implement the three tokenizer hooks."""

    name = "ct2"

    def __init__(self, model: ModelInfo, model_dir: Path, plan: Plan):
        self.model_id = model.id
        self.model_version = model.version
        self.plan = plan
        self.runner = Ct2Runner(model_dir, plan)
        self.note = ""

    # -- tokenizer hooks -----------------------------------------------------------------
    def encode(self, text: str, source: str, target: str) -> list[str]:
        raise NotImplementedError

    def target_prefix(self, source: str, target: str) -> list[str]:
        return []

    def decode(self, tokens: list[str]) -> str:
        raise NotImplementedError

    def length(self, text: str) -> int:
        return len(self.encode(text, "", ""))

    # -- decoding ------------------------------------------------------------------------
    def translate(
        self,
        segments: Sequence[str],
        source: str,
        target: str,
        *,
        n_best: int = 1,
        options: DecodeOptions | None = None,
        on_progress: ProgressFn | None = None,
        cancel: CancelFn | None = None,
    ) -> list[Translation]:
        base = options or DecodeOptions()
        opts = DecodeOptions(base.beam_size, n_best, base.max_batch_size, base.batch_type)
        tokens = [self.encode(s, source, target) for s in segments]
        scores: list[list[float]] = []
        outs = self.runner.run(tokens, opts, target_prefix=self.target_prefix(source, target),
                               on_progress=on_progress, cancel=cancel, scores=scores)
        results = []
        for src, hyps, hyp_scores in zip(segments, outs, scores, strict=True):
            texts = [self.decode(h).strip() for h in hyps]
            results.append(Translation(src, texts[0] if texts else "", texts[1:], self.name,
                                       self.model_id, self.note,
                                       confidence=round(hyp_scores[0], 4) if hyp_scores
                                       else None))
        return results

    def score(self, sources: Sequence[str], targets: Sequence[str], source: str,
              target: str) -> list[TokenScores]:
        """How likely the model finds each target given its source: per-token scores (to
        show the weakest words) and their mean (comparable to a translation's confidence)."""
        prefix = self.target_prefix(source, target)
        src_tokens = [self.encode(s, source, target) for s in sources]
        tgt_tokens = [prefix + self.encode_target(t, source, target) for t in targets]
        out = self.runner.score(src_tokens, tgt_tokens, prefix=len(prefix))
        return [TokenScores(tokens, probs, round(sum(probs) / len(probs), 4) if probs else 0.0)
                for tokens, probs in out]

    def encode_target(self, text: str, source: str, target: str) -> list[str]:
        """Target text as the model's target tokens (the same vocabulary by default)."""
        return self.encode(text, target, source)

    def smoke_test(self, source: str, target: str) -> None:
        """Load the model and translate one token: raises if the package cannot translate."""
        self.translate(["a"], source, target, options=DecodeOptions(beam_size=1))


class Decoding:
    """A shared engine seen with one caller's decoding options (cheap, not cached)."""

    def __init__(self, engine: Ct2Engine, options: DecodeOptions):
        self.shared = engine
        self.options = options
        self.name = engine.name
        self.model_id = engine.model_id
        self.model_version = engine.model_version
        self.note = engine.note
        self.plan = engine.plan

    def length(self, text: str) -> int:
        return self.shared.length(text)

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
        return self.shared.translate(segments, source, target, n_best=n_best,
                                     options=self.options, on_progress=on_progress,
                                     cancel=cancel)

    def score(self, sources: Sequence[str], targets: Sequence[str], source: str,
              target: str) -> list[TokenScores]:
        return self.shared.score(sources, targets, source, target)


_LOCK = threading.Lock()
_ENGINES: dict[tuple[str, str, Plan], Ct2Engine] = {}


def shared(backend: str, model: ModelInfo, plan: Plan,
           build: Callable[[], Ct2Engine]) -> Ct2Engine:
    """The process's one engine for this model and plan, built on first use."""
    key = (backend, model.path, plan)
    with _LOCK:
        engine = _ENGINES.get(key)
        if engine is None:
            engine = _ENGINES[key] = build()
        return engine


def forget(path: str | None = None) -> None:
    """Drop cached engines (of one model folder, or all): after install or remove."""
    with _LOCK:
        for key in [k for k in _ENGINES if path is None or k[1] == path]:
            del _ENGINES[key]


def loaded() -> int:
    """How many models this process holds (tests and the benchmark check it is one)."""
    with _LOCK:
        return len(_ENGINES)
