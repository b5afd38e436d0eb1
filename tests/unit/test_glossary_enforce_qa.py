"""Term enforcement and glossary QA: a copying engine for the restore logic, the tiny real
model for the fallback path, the real starter glossary for QA."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.glossary.enforce import Enforcer
from desktop_app.core.glossary.library import open_default
from desktop_app.core.glossary.matcher import Matcher
from desktop_app.core.glossary.qa import FORBIDDEN, INCONSISTENT, MISSING, GlossaryQA
from desktop_app.core.glossary.store import Concept, Term
from desktop_app.core.mt import nllb, routing
from desktop_app.core.mt.engine import Translation
from desktop_app.core.mt.routing import GLOSSARY_LOST, translate_texts


def concepts() -> list[Concept]:
    return [
        Concept([Term("en", "Northern Alliance"), Term("prs", "ائتلاف شمال"),
                 Term("ps", "شمالي ټلواله")], id=1, glossary="g"),
        Concept([Term("en", "Panjshir"), Term("en", "Panjsher", status="admitted"),
                 Term("prs", "پنجشیر")], id=2, glossary="g"),
        Concept([Term("en", "NATO", dnt=True)], id=3, glossary="g"),
    ]


def enforcer(target: str = "prs") -> Enforcer:
    return Enforcer(Matcher("en", concepts()), target)


def test_mask_uses_placeholders_without_underscores() -> None:
    masked = enforcer().mask("The Northern Alliance held Panjsher with NATO help.")
    assert masked.text == "The TX1 held TX2 with TX3 help."
    assert "_" not in masked.text
    assert [s.target for s in masked.slots] == ["ائتلاف شمال", "پنجشیر", "NATO"]


def test_restore_and_refuse_lost_placeholders() -> None:
    e = enforcer()
    masked = e.mask("The Northern Alliance held Panjshir.")
    assert e.restore(masked, "TX1 دره TX2 را نگه داشت.") == "ائتلاف شمال دره پنجشیر را نگه داشت."
    assert e.restore(masked, "tx 1 و T X2") == "ائتلاف شمال و پنجشیر"  # mangled but recoverable
    assert e.restore(masked, "TX1 نگه داشت.") is None  # TX2 lost
    assert e.restore(masked, "TX1 TX1 TX2") is None  # duplicated


class CopyEngine:
    """A test double that 'translates' by copying: placeholders always survive."""

    name, model_id, model_version, note = "copy", "copy", "1", ""

    def length(self, text):
        return len(text)

    def translate(self, segments, source, target, *, n_best=1, on_progress=None, cancel=None):
        return [Translation(s, f"[{s}]", [], self.name, self.model_id) for s in segments]


def test_translate_texts_enforces_terms(monkeypatch: pytest.MonkeyPatch, tiny_nllb: Path) -> None:
    nllb.install(tiny_nllb)
    monkeypatch.setattr(routing, "make_engine", lambda route, settings: CopyEngine())
    out = translate_texts(["The Northern Alliance held Panjshir."], "en", "dari",
                          enforcer=enforcer())
    assert out[0].text == "[The ائتلاف شمال held پنجشیر.]"
    assert out[0].enforced == ["Northern Alliance -> ائتلاف شمال", "Panjshir -> پنجشیر"]
    assert out[0].flags == []


def test_real_model_losing_placeholders_falls_back_and_flags(tiny_nllb: Path) -> None:
    nllb.install(tiny_nllb)
    texts = ["The Northern Alliance held Panjshir.", "Nothing to enforce here."]
    out = translate_texts(texts, "en", "pashto", enforcer=enforcer("ps"))
    plain = translate_texts(texts, "en", "pashto")
    # The tiny random model never copies TX1: the segment is retranslated unmasked.
    assert out[0].flags == [GLOSSARY_LOST] and out[0].text == plain[0].text
    assert out[1].flags == [] and out[1].text == plain[1].text


def test_qa_with_the_starter_glossary() -> None:
    gs = open_default()
    qa = GlossaryQA(gs.concepts(), "en", "dari")
    pairs = [
        ("The Northern Alliance held Panjshir.", "ائتلاف شمال پنجشير را نگه داشت."),
        ("The municipality of Kabul.", "شهرداری کابل."),
        ("Panjsher is calm.", "آرام است."),
        ("The university reopened.", "پوهنتون‌ها باز شدند."),
    ]
    codes = [(f.segment, f.code) for f in qa.check(pairs)]
    assert (0, MISSING) not in codes  # پنجشير with Arabic yeh still counts
    assert (1, FORBIDDEN) in codes and (1, MISSING) not in codes  # one finding, not two
    assert (2, MISSING) in codes
    assert (3, MISSING) not in codes  # plural with ZWNJ is an inflected form


def test_qa_consistency_and_strict_pashto() -> None:
    cs = [Concept([Term("en", "Nangarhar"), Term("ps", "ننګرهار"),
                   Term("ps", "ننگرهار", status="admitted")], id=1, glossary="g")]
    pairs = [("Nangarhar is east.", "ننګرهار ختیځ دی."), ("In Nangarhar.", "په ننګرهار کې."),
             ("Nangarhar again.", "ننگرهار بیا.")]
    findings = GlossaryQA(cs, "en", "ps").check(pairs)
    assert [(f.segment, f.code) for f in findings] == [(2, INCONSISTENT)]
    only_pashto = [Concept([Term("en", "Nangarhar"), Term("ps", "ننګرهار")], id=1,
                           glossary="g")]
    lenient = GlossaryQA(only_pashto, "en", "ps").check(pairs[2:])
    strict = GlossaryQA(only_pashto, "en", "ps", strict=True).check(pairs[2:])
    assert lenient == [] and [f.code for f in strict] == [MISSING]
