"""QA ``mt-low-confidence``: machine translation the model itself was unsure of."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from desktop_app.core.glossary.qa import Finding
from desktop_app.core.i18n import _
from desktop_app.core.segments import Segment, Status

LOW_CONFIDENCE = "mt-low-confidence"


def as_percent(confidence: float) -> int:
    """The mean per-token probability, in percent: what the grid shows (-0.1 → 90)."""
    return round(100 * math.exp(confidence))


def low_confidence(segments: Sequence[Segment], threshold: float) -> list[Finding]:
    """One finding per unreviewed MT target whose confidence is under ``threshold``."""
    out = []
    for row, seg in enumerate(segments):
        if (seg.confidence is None or seg.status != Status.MT or seg.target != seg.mt_text
                or seg.confidence >= threshold):
            continue
        out.append(Finding(LOW_CONFIDENCE, row, _(
            "the MT model was unsure here (confidence {value}%, under {limit}%): review it "
            "closely").format(value=as_percent(seg.confidence),
                              limit=as_percent(threshold))))
    return out


def word_scores(tokens: Sequence[str], log_probs: Sequence[float],
                text: str = "") -> list[tuple[str, float]]:
    """SentencePiece pieces and their scores as words: a piece starting with ▁ starts a
    word; a word scores as its least likely piece. The end token is left out. With the
    ``text`` the pieces came from, words are named as written there (no <unk>)."""
    words: list[tuple[str, float]] = []
    for token, prob in zip(tokens, log_probs, strict=True):
        if token in ("</s>", "<s>"):
            continue
        if token.startswith("▁") or not words:
            words.append((token.lstrip("▁"), prob))
        else:
            piece, worst = words[-1]
            words[-1] = (piece + token, min(worst, prob))
    written = text.split()
    if len(written) == len(words):
        words = [(w, p) for w, (_piece, p) in zip(written, words, strict=True)]
    return [(w, p) for w, p in words if w]


def weakest_words(tokens: Sequence[str], log_probs: Sequence[float], n: int = 2,
                  below: float = -1.0, text: str = "") -> list[str]:
    """The ``n`` words the model was least sure of (each under ``below``), weakest first."""
    ranked = sorted(word_scores(tokens, log_probs, text), key=lambda wp: wp[1])
    return [w for w, p in ranked[:n] if p < below]


def weak_words_for(source: str, targets: Sequence[str], source_lang: str, target_lang: str,
                   settings: Any = None) -> list[list[str]]:
    """For each target of ``source``: its weakest words by the model that would translate
    it (CTranslate2 ``score_batch``); empty lists where the engine cannot score."""
    from desktop_app.core.mt.routing import choose, make_engine
    from desktop_app.core.settings import Settings

    settings = settings or Settings.load()
    engine = make_engine(choose(source_lang, target_lang, settings=settings), settings)
    score = getattr(engine, "score", None)
    texts = [t for t in targets if t.strip()]
    if score is None or not texts:
        return [[] for _t in targets]
    found = iter(score([source] * len(texts), texts, source_lang, target_lang))
    out: list[list[str]] = []
    for text in targets:
        if text.strip():
            scored = next(found)
            out.append(weakest_words(scored.tokens, scored.log_probs, text=text))
        else:
            out.append([])
    return out
