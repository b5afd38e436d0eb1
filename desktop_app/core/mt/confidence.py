"""QA ``mt-low-confidence``: machine translation the model itself was unsure of."""

from __future__ import annotations

import math
from collections.abc import Sequence

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
