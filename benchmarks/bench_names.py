"""Names on a 10,000-segment project: extraction of new terms (with suggestions) and the
name-consistency check, each timed once on the same project (goal: each under 5 s)."""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from desktop_app.core.names.consistency import session_variances
from desktop_app.core.names.extract import project_candidates
from desktop_app.core.project import Project
from desktop_app.core.session import EditSession

N_SEGMENTS = 10_000
GOAL = 5.0
FIRST = [("Ahmad", "احمد"), ("Hamid", "حمید"), ("Rahim", "رحیم"), ("Karim", "کریم"),
         ("Najib", "نجیب"), ("Farid", "فرید"), ("Jawad", "جواد"), ("Nasir", "ناصر"),
         ("Wahid", "وحید"), ("Sharif", "شریف"), ("Latif", "لطیف"), ("Qasim", "قاسم")]
LAST = [("Zamani", "زمانی"), ("Rahimi", "رحیمی"), ("Sultani", "سلطانی"), ("Noori", "نوری"),
        ("Amiri", "امیری"), ("Habibi", "حبیبی"), ("Azizi", "عزیزی"), ("Jalali", "جلالی"),
        ("Popal", "پوپل"), ("Hotak", "هوتک"), ("Samadi", "صمدی"), ("Haidari", "حیدری"),
        ("Mangal", "منگل"), ("Safi", "صافی"), ("Tokhi", "توخی"), ("Durrani", "درانی")]
PLACES = [("Kabul", "کابل"), ("Herat", "هرات"), ("Kunduz", "کندز"), ("Ghazni", "غزنی"),
          ("Khost", "خوست"), ("Baghlan", "بغلان"), ("Takhar", "تخار"), ("Farah", "فراه")]


def build(tmp: Path) -> Path:
    rng = random.Random(11)
    names = [(f"{a} {b}", f"{x} {y}") for a, x in FIRST for b, y in LAST]
    sources, targets = [], []
    for i in range(N_SEGMENTS):
        (en, fa), (place, place_fa) = rng.choice(names), rng.choice(PLACES)
        if i % 40 == 0:  # now and then a name is spelt another way
            fa = fa.replace("ی", "ي", 1) if i % 80 else fa[:-1] + "ه"
        sources.append(f"{en} said on Monday that the security situation in {place} "
                       f"remained calm after talks number {i}.")
        targets.append(f"{fa} روز دوشنبه گفت که وضعیت امنیتی در {place_fa} پس از "
                       f"گفتگوهای شماره {i} آرام ماند.")
    doc = tmp / "names.txt"
    doc.write_text("\n\n".join(sources) + "\n", encoding="utf-8")
    project = Project.create(doc, "dari", path=tmp / "names.tarjuman")
    segs = project.segments()
    assert len(segs) == N_SEGMENTS, len(segs)
    project.apply_machine([(s.id, t, "mt:bench") for s, t in zip(segs, targets, strict=True)])
    project.close()
    return tmp / "names.tarjuman"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = build(Path(tmp))
        session = EditSession(Project.open(path), qa=False)
        try:
            assert len(session.matcher) > 0  # the glossaries, loaded as the editor has them
            start = time.perf_counter()
            cands = project_candidates(session)
            extract_s = time.perf_counter() - start
            start = time.perf_counter()
            variances = session_variances(session)
            names_s = time.perf_counter() - start
        finally:
            session.close()
    for label, seconds in (("extraction", extract_s), ("name consistency", names_s)):
        verdict = "OK" if seconds < GOAL else "OVER"
        print(f"names: {label} on {N_SEGMENTS:,} segments: {seconds:.2f} s "
              f"(goal < {GOAL:.0f} s: {verdict})")
    print(f"names: {len(cands)} candidates, {len(variances)} names spelt two ways")


if __name__ == "__main__":
    main()
