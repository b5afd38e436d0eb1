"""Core messages (QA findings, MT notes, model errors, glossary labels) follow the UI
language, with quoted terms isolated from the words around them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.core import languages, qa
from desktop_app.core.errors import NoModelError
from desktop_app.core.glossary.labels import domain_label, status_label
from desktop_app.core.glossary.qa import GlossaryQA
from desktop_app.core.glossary.store import Concept, Term
from desktop_app.core.mt import argos, routing

ARABIC = range(0x0600, 0x0700)


def _arabic_words(text: str) -> int:
    return sum(1 for word in text.split() if any(ord(c) in ARABIC for c in word))


@pytest.fixture
def dari_ui() -> Iterator[None]:
    languages.set_ui_language("prs")
    try:
        yield
    finally:
        languages.set_ui_language("en")


def test_qa_findings_come_out_in_dari(dari_ui: None) -> None:
    found = qa.check_pair(0, "The talks, in Doha.", "", "prs", set(qa.ALL_CHECKS))
    assert [f.message for f in found] == ["هنوز ترجمه نشده است"]
    found = qa.check_pair(0, "Where are 3 people?", "کجا هستند ۴ نفر?", "prs",
                          set(qa.ALL_CHECKS))
    messages = {f.code: f.message for f in found}
    assert "differ" not in messages[qa.NUMBERS] and "\u2068۳\u2069" in messages[qa.NUMBERS]
    assert messages[qa.PUNCTUATION].startswith("علامهٔ لاتین")


def test_glossary_finding_in_dari_isolates_the_english_term(dari_ui: None) -> None:
    concept = Concept([Term("en", "Northern Alliance"), Term("prs", "ائتلاف شمال")],
                      "organisation")
    found = GlossaryQA([concept], "en", "prs").check([("The Northern Alliance met.",
                                                      "جبهه جمع شد.")])
    message = found[0].message
    assert "\u2068«Northern Alliance»\u2069" in message and "\u2068«ائتلاف شمال»\u2069" in message
    assert "should be rendered" not in message and _arabic_words(message) >= 3
    assert (status_label("forbidden"), domain_label("organisation")) == ("ممنوع", "سازمان")
    assert domain_label("my own domain") == "my own domain"


def test_no_model_and_persian_model_notes_in_dari(dari_ui: None, tiny_argos: Path) -> None:
    with pytest.raises(NoModelError) as caught:
        routing.choose("en", "prs")
    message = str(caught.value)
    assert "no installed model" not in message and "دری" in message
    assert message.startswith("هیچ مدل نصب‌شده")
    argos.install(tiny_argos)
    route = routing.choose("en", "prs", engine="argos")
    assert route.note == "مدل فارسی: برای کاربرد دری بازبینی کنید"


def test_messages_stay_english_in_the_english_ui() -> None:
    found = qa.check_pair(0, "The talks.", "", "prs", set(qa.ALL_CHECKS))
    assert [f.message for f in found] == ["no translation yet"]
    with pytest.raises(NoModelError, match="no installed model translates English → Dari"):
        routing.choose("en", "prs")


def test_cancelled_translation_is_reported_in_dari(dari_ui: None) -> None:
    from desktop_app.core.mt.ct2run import cancelled_after

    assert cancelled_after(2, 5) == "ترجمه پس از ۲ بخش از ۵ لغو شد"  # Dari digits
