"""Glossary matching: 100,000 terms over 10,000 segments, Tarjuman's Aho-Corasick matcher
against one ``\\bterm\\b`` regex per term (the baseline is timed on a slice of the
segments in the same run and projected, since the full run would take minutes)."""

from __future__ import annotations

import random
import re
import time

from desktop_app.core.glossary.matcher import Matcher
from desktop_app.core.glossary.store import Concept, Term

N_TERMS = 100_000
N_SEGMENTS = 10_000
BASELINE_SEGMENTS = 20
SYLLABLES = ["ka", "bul", "pan", "jshir", "mas", "soud", "sa", "leh", "nan", "gar", "har",
             "khost", "ba", "dakh", "shan", "ghaz", "ni", "her", "at", "zar", "dost", "um"]


def make_terms(rng: random.Random) -> list[str]:
    terms: set[str] = set()
    while len(terms) < N_TERMS:
        words = ["".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))
                 for _ in range(rng.randint(1, 3))]
        terms.add(" ".join(words).capitalize())
    return sorted(terms)


def make_segments(rng: random.Random, terms: list[str]) -> list[str]:
    filler = ("the", "resistance", "said", "on", "Monday", "that", "fighters", "in", "valley",
              "remained", "calm", "after", "talks", "with", "officials", "from")
    segments = []
    for _ in range(N_SEGMENTS):
        words = list(rng.choices(filler, k=14))
        for term in rng.sample(terms, 2):
            words.insert(rng.randrange(len(words)), term)
        segments.append(" ".join(words) + ".")
    return segments


def main() -> None:
    rng = random.Random(42)
    terms = make_terms(rng)
    segments = make_segments(rng, terms)
    concepts = [Concept([Term("en", t), Term("prs", f"ت{i}")], id=i, glossary="bench")
                for i, t in enumerate(terms)]

    start = time.perf_counter()
    matcher = Matcher("en", concepts)
    matcher.find("warm up")  # builds the automaton
    build = time.perf_counter() - start
    start = time.perf_counter()
    hits = sum(len(matcher.find(s)) for s in segments)
    match = time.perf_counter() - start

    start = time.perf_counter()
    patterns = [re.compile(r"\b" + re.escape(t) + r"\b", re.IGNORECASE) for t in terms]
    regex_build = time.perf_counter() - start
    start = time.perf_counter()
    base_hits = sum(1 for s in segments[:BASELINE_SEGMENTS] for p in patterns if p.search(s))
    per_segment = (time.perf_counter() - start) / BASELINE_SEGMENTS
    projected = per_segment * N_SEGMENTS
    ours_hits = sum(len(matcher.find(s)) for s in segments[:BASELINE_SEGMENTS])

    print(f"Glossary matching, {N_TERMS:,} terms x {N_SEGMENTS:,} segments:")
    print(f"  tarjuman matcher: build {build:.2f} s, match {match:.2f} s, {hits:,} hits "
          f"(goal: match < 1 s: {'OK' if match < 1 else 'MISSED'})")
    print(f"  per-term regex:   build {regex_build:.2f} s, match {projected:,.0f} s projected "
          f"from {BASELINE_SEGMENTS} segments ({base_hits} hits there, ours {ours_hits})")
    print(f"  speed-up: {projected / match:,.0f}x (goal >= 50x)")
