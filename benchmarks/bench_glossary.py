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
    dari_matching(rng, match / N_SEGMENTS)
    spelling(rng)


DARI_LETTERS = "ابپتجچدرزسشکگلمنوهی"


def dari_matching(rng: random.Random, per_segment_en: float) -> None:
    """Dari terms typed with half-spaces, spaces or nothing, in inflected text: the slow
    path (inner spaces dropped, inflected variants) against the English fast path."""
    def word() -> str:
        return "".join(rng.choices(DARI_LETTERS, k=rng.randint(3, 6)))

    terms = list({"\u200c".join(word() for _ in range(rng.randint(1, 3)))
                  for _ in range(20_000)})
    concepts = [Concept([Term("en", f"t{i}"), Term("prs", t)], id=i, glossary="bench")
                for i, t in enumerate(terms)]
    start = time.perf_counter()
    matcher = Matcher("prs", concepts)
    matcher.find("گرم")
    build = time.perf_counter() - start
    segments = []
    for _ in range(2_000):
        words = [word() for _ in range(14)]
        for term in rng.sample(terms, 2):
            typed = term.replace("\u200c", rng.choice(["\u200c", " ", ""]))
            words.insert(rng.randrange(len(words)), typed + rng.choice(["", "ها", "ان"]))
        segments.append(" ".join(words) + ".")
    start = time.perf_counter()
    found = sum(len(matcher.find(s)) for s in segments)
    per_segment = (time.perf_counter() - start) / len(segments)
    ratio = per_segment / per_segment_en
    print(f"  Dari, 20,000 terms x 2,000 segments (half-space/space/nothing, endings): "
          f"build {build:.2f} s, {per_segment * 1e6:.0f} us/segment, {found:,} hits; "
          f"{ratio:.1f}x the English fast path")


def spelling(rng: random.Random) -> None:
    """Checking a segment as it is edited: goal < 5 ms (Hunspell + learned words)."""
    import tempfile
    from pathlib import Path

    from desktop_app.core.spell.checker import SpellChecker

    def word() -> str:
        return "".join(rng.choices(DARI_LETTERS, k=rng.randint(2, 7)))

    vocabulary = list({word() for _ in range(50_000)})
    learned = [" ".join(rng.choices(vocabulary, k=20)) for _ in range(20_000)]
    with tempfile.TemporaryDirectory() as tmp:
        dic = Path(tmp) / "fa_IR.dic"
        dic.write_text(f"{len(vocabulary)}\n" + "\n".join(vocabulary) + "\n", "utf-8")
        dic.with_suffix(".aff").write_text("SET UTF-8\nWORDCHARS \u200c\n", "utf-8")
        start = time.perf_counter()
        checker = SpellChecker("prs", dictionary=dic, learned=learned[:10_000])
        build = time.perf_counter() - start
        segments = [" ".join(rng.choices(vocabulary, k=22) + [word(), word()])
                    for _ in range(500)]
        start = time.perf_counter()
        for s in segments:
            checker._cache.clear()  # every word looked up afresh: the worst case
            checker.check(s)
        cold = (time.perf_counter() - start) / len(segments)
    verdict = "OK" if cold < 0.005 else "MISSED"
    print(f"Spell checking a 24-word segment, every word looked up afresh: {cold * 1e3:.2f} ms "
          f"(goal < 5 ms: {verdict}); checker built in {build:.2f} s from a "
          f"{len(vocabulary):,}-word dictionary and 10,000 learned segments")
