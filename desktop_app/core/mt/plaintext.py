"""Plain text through MT: one segment per sentence, each line keeping its spacing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop_app.core.mt.engine import Translation
from desktop_app.core.mt.routing import translate_texts
from desktop_app.core.segmenter import core_and_space, split


def translate_lines(lines: Sequence[str], source: str, target: str,
                    **options: Any) -> tuple[list[str], list[Translation]]:
    """Translated lines (same count as ``lines``) and the per-sentence results."""
    pieces = [[core_and_space(seg) for seg in split(line, source)] for line in lines]
    segments = [mid for line in pieces for _, mid, _ in line if mid]
    results = translate_texts(segments, source, target, **options)
    done = iter(results)
    out = ["".join(lead + (next(done).text if mid else "") + trail for lead, mid, trail in line)
           for line in pieces]
    return out, results
