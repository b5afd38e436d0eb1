"""TM + MT repair of fuzzy matches: one changed span patched into the TM target."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.mt import argos
from desktop_app.core.pretranslate import pretranslate
from desktop_app.core.project import Project
from desktop_app.core.segments import Status
from desktop_app.core.tm import Match, TranslationMemory
from desktop_app.core.tm_repair import ORIGIN, changed_span, repair_all
from desktop_app.core.workflow import default_enforcer

UNIT = ("The UN counted 40 civilian casualties in Baghlan last week.",
        "سازمان ملل هفتهٔ گذشته ۴۰ تلفات غیرنظامی را در بغلان شمرد.")


def test_changed_span_is_one_short_replacement() -> None:
    span = changed_span(UNIT[0], "The UN counted 55 civilian casualties in Baghlan last week.")
    assert span is not None and (span.old, span.new) == ("40", "55")
    assert changed_span(UNIT[0], "The UN counted 55 civilian casualties in Kunduz last week.") \
        is None  # two changes: not a repair
    assert changed_span(UNIT[0], UNIT[0] + " More followed.") is None  # an insertion


def test_a_changed_word_is_patched_through_mt_and_nothing_is_guessed() -> None:
    match = Match("Heather Barr met the envoy in Doha on Sunday.",
                  "هیدر بار روز یکشنبه در دوحه با نماینده دیدار کرد.", 88.0)
    fixed = repair_all([("Heather Barr met the envoy in Doha on Monday.", match)], "prs",
                       translate=lambda texts: [{"Monday": "دوشنبه", "Sunday": "یکشنبه"}.get(
                           t, "") for t in texts])
    assert fixed == ["هیدر بار روز دوشنبه در دوحه با نماینده دیدار کرد."]
    # the old span's rendering is not in the unit: nothing is guessed
    fixed = repair_all([("Heather Barr met the envoy in Doha on Monday.", match)], "prs",
                       translate=lambda texts: ["؟؟" for _t in texts])
    assert fixed == [None]


def test_pretranslate_repairs_fuzzy_matches(tmp_path: Path, tiny_argos: Path) -> None:
    argos.install(tiny_argos)
    doc = tmp_path / "r.txt"
    doc.write_text("The UN counted 55 civilian casualties in Baghlan last week.\n\n"
                   "The UN counted 40 civilian casualties in Kunduz last week.\n\n"
                   "Fighting closed the road to the valley.\n", encoding="utf-8")
    project = Project.create(doc, "dari", path=tmp_path / "r.tarjuman")
    tm = TranslationMemory()
    tm.add(*UNIT, "en", "dari")
    enforcer = default_enforcer("en", "prs", project.path,
                                texts=[s.source for s in project.segments()])
    report = pretranslate(project, tm=tm, enforcer=enforcer)
    assert report.from_tm_repaired == 2 and report.from_mt == 1
    assert "2 fuzzy TM matches repaired" in report.summary()
    first, second, third = project.segments()
    assert first.target == "سازمان ملل هفتهٔ گذشته ۵۵ تلفات غیرنظامی را در بغلان شمرد."
    assert second.target == "سازمان ملل هفتهٔ گذشته ۴۰ تلفات غیرنظامی را در کندز شمرد."
    assert first.origin == second.origin == ORIGIN
    assert first.status == Status.MT  # never confirmed by itself
    assert third.origin.startswith("mt:")
    tm.close()
    project.close()
