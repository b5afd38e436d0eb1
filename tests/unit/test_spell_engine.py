"""The Hunspell engine loads a dictionary through libhunspell's C functions (the copy
chunspell ships), letting go of the interpreter lock while it reads: a 7 MB dictionary
held the window's thread for 1.5 s through chunspell's wrapper. Its verdicts and
suggestions are chunspell's."""

from __future__ import annotations

import threading
from pathlib import Path

import hunspell
import pytest

from desktop_app.core.errors import InputError
from desktop_app.core.spell import engine
from tests.fixtures.hunspell_dict import write_dictionary

WORDS = ["کتاب", "کتابها", "کتابب", "دانشگاه", "دانشگا", "شهر", "شهرداری", "test", "",
         "\u200cها", "123"]


def test_the_engine_is_libhunspell_called_directly_and_answers_as_chunspell(
        tmp_path: Path) -> None:
    dic = write_dictionary(tmp_path)
    native = engine.load(dic)
    assert type(native).__name__ == "_Native"  # not chunspell's wrapper, which keeps the lock
    wrapped = hunspell.Hunspell(dic.stem, hunspell_data_dir=str(dic.parent))
    for word in WORDS:
        assert native.spell(word) == wrapped.spell(word), word
        assert native.suggest(word) == wrapped.suggest(word), word


def test_a_dictionary_that_cannot_hold_arabic_letters_is_refused(tmp_path: Path) -> None:
    dic = tmp_path / "latin.dic"
    dic.write_text("1\nword\n", "latin-1")
    dic.with_suffix(".aff").write_text("SET ISO8859-1\n", "latin-1")
    with pytest.raises(InputError, match="latin.dic"):
        engine.load(dic)


def test_other_threads_run_while_a_dictionary_loads(tmp_path: Path) -> None:
    """A dictionary big enough to take a while: a thread counting meanwhile counts."""
    dic = tmp_path / "big.dic"
    words = [f"ک{n:x}ب".translate(str.maketrans("0123456789abcdef", "ابپتثجچحخدذرزسشص"))
             for n in range(300_000)]
    dic.write_text(f"{len(words)}\n" + "\n".join(words) + "\n", "utf-8")
    dic.with_suffix(".aff").write_text("SET UTF-8\n", "utf-8")
    counted = [0]
    loading = threading.Event()
    stop = threading.Event()

    def count() -> None:
        loading.wait(5)
        while not stop.is_set():
            counted[0] += 1

    thread = threading.Thread(target=count)
    thread.start()
    lib = engine._library()
    assert lib is not None
    loading.set()
    before = counted[0]
    loaded = engine._Native(lib, dic)  # the C call itself, with the lock let go
    during = counted[0] - before
    stop.set()
    thread.join(5)
    assert loaded.spell(words[12345]) and not loaded.spell("سلام")
    assert during > 0
