"""Term QA measured on Dari and Pashto segment pairs: half-spaces, spaces, inflection,
Iranian forms and Arabic letters.

``dev.tsv`` holds the cases the rules were tuned on; ``heldout.tsv`` was written apart
from them and is only measured: recall >= 0.99 and precision >= 0.95 there.
``blind.tsv`` was written by a reviewer who never read the matcher, the QA rules or the
other two sets. It missed both targets when written (precision 0.727, recall 0.966) and
has since served to develop the general rules (Arabic plurals, English irregular
plurals, proper names, forbidden forms judged by the source): 1.000 / 1.000 now. It
prints its figures, lists every misjudged pair, and holds the floor it measured. Its data
is never edited to fit the rules.
``blind2.tsv`` was written the same way after those rules were done, and measured once
on them: precision 0.986, recall 0.986 (235 pairs). Of its two misjudged pairs, one is Pashto
ې typed as ی (هیوادوال), since folded in lenient matching; the other follows a convention
this project does not (a forbidden form flagged where the source does not speak of its
concept; here the spelling check flags it, term QA does not), and stays misjudged.
``blind3.tsv`` (226 pairs) was written the same way, told this project's conventions, after
every rule above was done, and measured once: precision 0.973, recall 1.000. Its two
false alarms (شفاخانهۀ with a doubled heh; وزارت‌خانه, the ministry's building-compound
form) are left as they are, so the set keeps measuring text the rules were not fitted to.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from desktop_app.core.glossary.qa import FORBIDDEN, MISSING, GlossaryQA
from desktop_app.core.glossary.store import Concept, Term

DATA = Path(__file__).resolve().parents[1] / "data" / "termqa"


def concepts() -> list[Concept]:
    rows = json.loads((DATA / "glossary.json").read_text("utf-8"))
    return [Concept([Term(*t) for t in terms], id=i, glossary="qa")
            for i, terms in enumerate(rows)]


def cases(name: str) -> list[tuple[str, str, str, list[str]]]:
    out = []
    for line in (DATA / name).read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, source, target, *rest = line.split("\t")
        expected = [c for c in (rest[0] if rest else "").split(",") if c]
        out.append((lang, source, target, expected))
    return out


def measure(name: str) -> tuple[float, float, list[str]]:
    qa = {lang: GlossaryQA(concepts(), "en", lang) for lang in ("prs", "ps")}
    tp = fp = fn = 0
    wrong = []
    for lang, source, target, expected in cases(name):
        found = Counter(f.code for f in qa[lang].check([(source, target)])
                        if f.code in (MISSING, FORBIDDEN))
        want = Counter(expected)
        tp += sum((found & want).values())
        fp += sum((found - want).values())
        fn += sum((want - found).values())
        if found != want:
            wrong.append(f"{lang} {target!r}: found {sorted(found)} want {sorted(want)}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, wrong


@pytest.mark.parametrize("name", ["dev.tsv", "heldout.tsv"])
def test_term_qa_precision_and_recall(name: str) -> None:
    assert len(cases(name)) >= 30
    precision, recall, wrong = measure(name)
    print(f"{name}: precision {precision:.3f} recall {recall:.3f}")
    assert recall >= 0.99, wrong
    assert precision >= 0.95, wrong


def test_the_set_has_every_kind_of_case() -> None:
    targets = " ".join(t for _, _, t, _ in cases("heldout.tsv"))
    assert "\u200c" in targets and "ي" in targets and "ك" in targets
    codes = Counter(c for *_, e in cases("heldout.tsv") for c in e)
    # 7 missing: a forbidden form no longer also counts as missing, nor does an Arabic plural
    assert codes[MISSING] >= 7 and codes[FORBIDDEN] >= 4


# Precision and recall measured on each set: blind.tsv 0.727 / 0.966 when it was written,
# 0.770 / 0.983 before the rules it was then used to develop; blind2.tsv 0.986 / 0.986
# when first measured; blind3.tsv 0.973 / 1.000, measured once.
BLIND_FLOOR = {"blind.tsv": (1.0, 1.0), "blind2.tsv": (1.0, 0.985), "blind3.tsv": (0.97, 1.0)}


@pytest.mark.parametrize("name", sorted(BLIND_FLOOR))
def test_blind_set_is_measured_and_never_gets_worse(name: str) -> None:
    rows = cases(name)
    langs = Counter(lang for lang, *_ in rows)
    assert len(rows) >= 120 and min(langs["prs"], langs["ps"]) >= 0.4 * len(rows)
    precision, recall, wrong = measure(name)
    print(f"{name}: precision {precision:.3f} recall {recall:.3f}; misjudged:")
    print("\n".join(wrong))
    assert precision >= BLIND_FLOOR[name][0], wrong
    assert recall >= BLIND_FLOOR[name][1], wrong
