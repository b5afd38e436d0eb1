"""Sentence alignment by length (Gale & Church 1993) with anchors.

The classic dynamic programme: a path through the (source, target) sentence grid made of
beads 1:1, 1:0, 0:1, 2:1, 1:2 (and 2:2), each costing ``-log P(bead) - log P(delta)``
where ``delta`` measures how far the target's length is from the source's times the
document's own length ratio. Anchors change a bead's cost:

- numbers (Latin, Persian ۰–۹ or Arabic-Indic digits, read as one system): the same
  numbers on both sides pull a bead together, different numbers push it apart;
- names and terms (pairs from the glossary): a pair found on both sides pulls;
- punctuation: a question or exclamation mark (``?``/``؟``, ``!``) on one side only pushes;
- paragraph ends: a bead that ends a paragraph on both sides is cheaper, one that
  crosses a paragraph end on one side only dearer.

The search is limited to a band around the diagonal, widened by the length difference, so
two 2,000-sentence documents align in about a second.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

# Gale & Church's priors and variance.
BEADS: tuple[tuple[int, int, float], ...] = (
    (1, 1, 0.89), (1, 0, 0.01), (0, 1, 0.01), (2, 1, 0.089 / 2),
    (1, 2, 0.089 / 2), (2, 2, 0.011))
LONE_COST = 2.0  # length cost of a 1:0 or 0:1 bead
VARIANCE = 6.8
MIN_VARIANCE = 2.0
GUIDE_WIDTH = 12  # the second pass's band around the first path
_PENALTY = {(a, b): -math.log(p) for a, b, p in BEADS}
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_NUMBER = re.compile(r"\d+(?:[.,٫٬]\d+)*")
NUMBER_BONUS = 3.0
NUMBER_CLASH = 4.0
TERM_BONUS = 1.5
TERM_CLASH = 2.0
PUNCT_CLASH = 1.5
PARAGRAPH_BONUS = 1.0
PARAGRAPH_CROSS = 3.0


@dataclass(slots=True)
class Sentence:
    text: str
    paragraph: int  # index of the paragraph it belongs to
    last: bool = False  # the last sentence of its paragraph
    numbers: frozenset[str] = field(default_factory=frozenset)
    marks: str = ""  # ? and ! it holds, in one script

    @classmethod
    def of(cls, text: str, paragraph: int, last: bool = False) -> Sentence:
        folded = text.translate(_DIGITS)
        numbers = frozenset(re.sub(r"[,٬]", "", n).replace("٫", ".")
                            for n in _NUMBER.findall(folded))
        marks = "".join(sorted(ch for ch in text.replace("؟", "?") if ch in "?!()"))
        return cls(text, paragraph, last, numbers, marks)


@dataclass(slots=True)
class Bead:
    source: tuple[int, ...]  # sentence indices
    target: tuple[int, ...]
    cost: float
    confidence: float

    @property
    def kind(self) -> str:
        return f"{len(self.source)}:{len(self.target)}"


def _phi(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def _length_cost(ls: int, lt: int, ratio: float, variance: float) -> tuple[float, float]:
    """(-log P(delta), P(delta)) for ``ls`` source and ``lt`` target characters."""
    if ls == 0 and lt == 0:
        return 0.0, 1.0
    mean = (ls + lt / ratio) / 2
    delta = (lt - ls * ratio) / math.sqrt(max(mean, 1) * variance)
    p = max(2 * (1 - _phi(abs(delta))), 1e-12)
    return -math.log(p), p


def align(source: Sequence[Sentence], target: Sequence[Sentence],
          terms: Sequence[tuple[str, str]] = ()) -> list[Bead]:
    """The cheapest bead path from the start of both documents to their ends, in two
    passes: the second uses the length ratio and variance of this document pair, measured
    on the 1:1 links of the first (Gale & Church's 6.8 was measured on English-French)."""
    n, m = len(source), len(target)
    if n == 0 or m == 0:
        return ([Bead((i,), (), 0.0, 0.5) for i in range(n)]
                + [Bead((), (j,), 0.0, 0.5) for j in range(m)])
    slen = [len(s.text.strip()) for s in source]
    tlen = [len(t.text.strip()) for t in target]
    ratio = max(sum(tlen), 1) / max(sum(slen), 1)
    first = _align(source, target, terms, slen, tlen, ratio, VARIANCE)
    pairs = [(slen[b.source[0]], tlen[b.target[0]]) for b in first if b.kind == "1:1"]
    if len(pairs) < 20:
        return first
    ratio = max(sum(y for _x, y in pairs), 1) / max(sum(x for x, _y in pairs), 1)
    spread = sorted((y - x * ratio) ** 2 / max(x, 1) for x, y in pairs)
    kept = spread[:max(1, int(len(spread) * 0.9))]  # robust: the worst tenth left out
    variance = min(max(sum(kept) / len(kept), MIN_VARIANCE), VARIANCE)
    guide = [0] * (n + 1)  # the second pass searches near the first path
    i = j = 0
    for bead in first:
        i, j = i + len(bead.source), j + len(bead.target)
        guide[i] = j
    for k in range(1, n + 1):
        guide[k] = max(guide[k], guide[k - 1])
    return _align(source, target, terms, slen, tlen, ratio, variance, guide)


def _align(source: Sequence[Sentence], target: Sequence[Sentence],
           terms: Sequence[tuple[str, str]], slen: list[int], tlen: list[int], ratio: float,
           variance: float, guide: list[int] | None = None) -> list[Bead]:
    n, m = len(source), len(target)
    sp, tp = [0], [0]
    for x in slen:
        sp.append(sp[-1] + x)
    for x in tlen:
        tp.append(tp[-1] + x)
    src_terms = [[k for k, (a, _b) in enumerate(terms) if a.casefold() in s.text.casefold()]
                 for s in source] if terms else []
    tgt_texts = [t.text for t in target]
    width = max(30, abs(n - m) + 30)
    inf = float("inf")
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int, float]] = {}

    def bead_cost(i: int, j: int, a: int, b: int) -> tuple[float, float]:
        """Cost and confidence of the bead source[i-a:i], target[j-b:j]."""
        ls = sp[i] - sp[i - a]
        lt = tp[j] - tp[j - b]
        if a and b:
            length, p = _length_cost(ls, lt, ratio, variance)
        else:  # a sentence left out or added: its length says nothing
            length, p = LONE_COST, 0.3
        c = _PENALTY[(a, b)] + length
        conf = p
        if a and b:
            sn = source[i - 1].numbers if a == 1 else source[i - 1].numbers | source[i - 2].numbers
            tn = target[j - 1].numbers if b == 1 else target[j - 1].numbers | target[j - 2].numbers
            if sn or tn:
                both, either = len(sn & tn), len(sn | tn)
                c += (NUMBER_CLASH * (either - both) - NUMBER_BONUS * both) / either
                if sn == tn:
                    conf = max(conf, 0.9)
                elif not both:
                    conf *= 0.3
            if src_terms:
                found = src_terms[i - 1] if a == 1 else src_terms[i - 1] + src_terms[i - 2]
                if found:
                    hits = sum(1 for k in found
                               if any(terms[k][1] in tgt_texts[t] for t in range(j - b, j)))
                    c += (TERM_CLASH * (len(found) - hits) - TERM_BONUS * hits) / len(found)
            sm = source[i - 1].marks if a == 1 else "".join(
                sorted(source[i - 1].marks + source[i - 2].marks))
            tm = target[j - 1].marks if b == 1 else "".join(
                sorted(target[j - 1].marks + target[j - 2].marks))
            if sm != tm:
                c += PUNCT_CLASH
                conf *= 0.6
        else:
            conf = 0.3
        # paragraph structure: ends on both sides together, never crosses on one only
        s_end = a and source[i - 1].last
        t_end = b and target[j - 1].last
        if a and b and s_end and t_end:
            c -= PARAGRAPH_BONUS
        crosses = (a == 2 and source[i - 2].last) or (b == 2 and target[j - 2].last)
        if crosses:
            c += PARAGRAPH_CROSS
        return c, min(conf, 1.0)

    for i in range(n + 1):
        if guide is not None:
            lo, hi = max(0, guide[i] - GUIDE_WIDTH), min(m, guide[i] + GUIDE_WIDTH)
        else:
            centre = i * m / n
            lo, hi = max(0, int(centre - width)), min(m, int(centre + width) + 1)
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                continue
            best, arg = inf, None
            for a, b, _p in BEADS:
                pi, pj = i - a, j - b
                if pi < 0 or pj < 0:
                    continue
                prev = cost.get((pi, pj))
                if prev is None:
                    continue
                c, _conf = bead_cost(i, j, a, b)
                if prev + c < best:
                    best, arg = prev + c, (a, b, c)
            if arg is not None:
                cost[(i, j)] = best
                back[(i, j)] = arg
    if (n, m) not in cost:  # the band missed the corner (documents of very unequal size)
        raise ValueError("alignment band too narrow")
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        a, b, c = back[(i, j)]
        _c, conf = bead_cost(i, j, a, b)
        beads.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j)), c, round(conf, 2)))
        i, j = i - a, j - b
    beads.reverse()
    return beads
