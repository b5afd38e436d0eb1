"""Spelling: false alarms per 1,000 words on the held-out Dari and Pashto news texts
(tests/data/spell/, written after the word lists were frozen) in each configuration a
translator can have: Tarjuman's own lists alone, and for Dari its list on top of the
machine's Iranian ``fa`` Hunspell dictionary (Debian's ``myspell-fa``), the way the editor
combines them. The checker is the editor's own (``checker_for`` and ``check_tagged``); the
tests never read the machine's dictionaries, so this configuration is measured here.

Also: every Iranian-only form the Dari list pairs with its Dari word (خیابان, دانشجو,
فرودگاه...) must still be flagged when the Iranian dictionary, which knows them, is the base."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop_app.core.spell import dictionaries, wordlists
from desktop_app.core.spell.checker import SpellChecker, words_of
from desktop_app.core.spell.vocabulary import checker_for

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "spell"
# written after the lists froze (fresh-7 in Pashto only)
HELD_OUT = ("fresh-3", "fresh-4", "fresh-5", "fresh-6", "fresh-7")
GOAL = 10.0
MACHINE = ":".join(str(p) for p in dictionaries.SYSTEM_DIRS)


@contextmanager
def configuration(dicpath: str) -> Iterator[None]:
    """A fresh Tarjuman home (no installed dictionary, default settings) and ``DICPATH``
    set to the machine folders to look in ("" = none)."""
    saved = {k: os.environ.get(k) for k in ("TARJUMAN_HOME", "DICPATH")}
    with tempfile.TemporaryDirectory() as home:
        os.environ["TARJUMAN_HOME"] = home
        os.environ["DICPATH"] = dicpath
        try:
            yield
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def held_out(lang: str) -> list[tuple[str, str]]:
    out = []
    for name in HELD_OUT:
        path = DATA / f"{name}-{lang}.txt"
        if path.is_file():
            lines = path.read_text("utf-8").splitlines()
            out.append((name, "\n".join(x for x in lines if not x.startswith("#"))))
    return out


def rate(checker: SpellChecker, texts: list[tuple[str, str]]) -> str:
    cells = []
    all_words = all_flags = 0
    for name, text in texts:
        words = len(words_of(text))
        flags = len(checker.check_tagged(text))
        all_words += words
        all_flags += flags
        cells.append(f"{name} {1000 * flags / words:5.1f}")
    total = 1000 * all_flags / all_words
    verdict = "OK" if total < GOAL else "OVER"
    return (f"{total:5.1f} per 1,000 over {all_words:,} words (goal < {GOAL:.0f}: {verdict}; "
            + ", ".join(cells) + ")")


def iranian_still_flagged(checker: SpellChecker) -> str:
    forms = wordlists.iranian_forms()
    missed = [w for w in forms if [m.word for m in checker.check(w)] != [w]]
    return (f"Iranian-only forms flagged: {len(forms) - len(missed)}/{len(forms)}"
            + (f" (not flagged: {' '.join(missed)})" if missed else ""))


def main() -> None:
    prs, ps = held_out("prs"), held_out("ps")
    with configuration(""):
        dari = checker_for("prs", use_tm=False)
        assert dari.dictionary is not None and dari.overlay is None
        print(f"  Dari, Tarjuman's list alone ({dari.dictionary.name}):       {rate(dari, prs)}")
        pashto = checker_for("ps", use_tm=False)
        assert pashto.dictionary is not None
        print(f"  Pashto, Tarjuman's list alone ({pashto.dictionary.name}):     "
              f"{rate(pashto, ps)}")
    with configuration(MACHINE):
        base = dictionaries.find("prs")
        if base is None or base.name not in ("fa_IR.dic", "fa.dic"):
            print("  Dari, Tarjuman's list on the machine's fa dictionary: not installed")
            return
        dari = checker_for("prs", use_tm=False)
        assert dari.dictionary == base and dari.overlay is not None
        print(f"  Dari, Tarjuman's list on {base}: {rate(dari, prs)}")
        print(f"    {iranian_still_flagged(dari)}")


if __name__ == "__main__":
    main()
