"""QA name-inconsistent: one source name spelt two ways across the target; the majority
spelling applied everywhere as one undoable step."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.core import qa
from desktop_app.core.names.consistency import (
    NAME_INCONSISTENT,
    apply_majority,
    check,
    session_variances,
)
from desktop_app.core.session import EditSession

SOURCES = [
    "Heather Barr said the talks had failed.",
    "According to Heather Barr, women are suffering most.",
    "Ibraheem Bahiss met Heather Barr in Doha.",
    "Ibraheem Bahiss disagreed with the envoy.",
    "Ibraheem Bahiss left on Friday.",
    "The meeting ended without a statement.",
]
TARGETS = [
    "هیدر بار گفت که گفتگوها ناکام شده است.",
    "به گفتهٔ هدر بار، زنان بیشترین رنج را می‌برند.",  # another spelling
    "ابراهیم باهس با هیدر بار در دوحه دیدار کرد.",
    "ابراهيم باهس با نماینده مخالفت کرد.",  # Arabic yeh: the same spelling, folded
    "ابراهیم باهس روز جمعه رفت.",
    "نشست بدون اعلامیه پایان یافت.",
]


def test_fires_on_a_real_difference_and_names_both_spellings() -> None:
    found = check(list(zip(SOURCES, TARGETS, strict=True)), "prs")
    assert [f.code for f in found] == [NAME_INCONSISTENT]
    f = found[0]
    assert f.segment == 1 and f.suggestion == "هیدر بار"
    assert "هدر بار" in f.message and "هیدر بار" in f.message and "Heather Barr" in f.message
    assert "1, 3" in f.message  # the segments of the majority spelling
    assert f.target_span is not None
    start, end = f.target_span
    assert TARGETS[1][start:end] == "هدر بار"


@pytest.mark.parametrize("variant", [
    "ابراهيم باهس",  # ي for ی
    "ابراهیم‌ باهس",  # a half-space typed in
    "ابراهیم باهس" .replace("ه", "ه\u064e"),  # a vowel mark
])
def test_silent_when_spellings_differ_only_by_script_variants(variant: str) -> None:
    targets = list(TARGETS)
    targets[1] = "به گفتهٔ هیدر بار، زنان بیشترین رنج را می‌برند."
    targets[4] = f"{variant} روز جمعه رفت."
    assert check(list(zip(SOURCES, targets, strict=True)), "prs") == []


def test_qa_runs_it_and_it_can_be_switched_off() -> None:
    pairs = list(zip(SOURCES, TARGETS, strict=True))
    assert NAME_INCONSISTENT in qa.ALL_CHECKS
    codes = {f.code for f in qa.check(pairs, "en", "prs")}
    assert NAME_INCONSISTENT in codes
    codes = {f.code for f in qa.check(pairs, "en", "prs", disabled=[NAME_INCONSISTENT])}
    assert NAME_INCONSISTENT not in codes


def _session(tmp_path: Path) -> EditSession:
    doc = tmp_path / "names.txt"
    doc.write_text("\n\n".join(SOURCES) + "\n", encoding="utf-8")
    s = EditSession.from_document(doc, "dari", path=tmp_path / "names.tarjuman")
    assert len(s.segments) == len(SOURCES)
    for row, text in enumerate(TARGETS):
        s.edit(row, text)
    return s


def test_majority_spelling_applied_everywhere_and_undone(tmp_path: Path) -> None:
    s = _session(tmp_path)
    s.run_qa()
    assert any(f.code == NAME_INCONSISTENT for f in s.findings.get(1, []))
    (variance,) = session_variances(s)
    assert variance.majority.spelling == "هیدر بار"
    changes = apply_majority(s, variance)
    assert changes.rows == [1]
    assert s.segments[1].target == "به گفتهٔ هیدر بار، زنان بیشترین رنج را می‌برند."
    assert session_variances(s) == []
    s.undo()  # one step takes it back
    assert s.segments[1].target == TARGETS[1]
    s.close()


def test_cli_qa_reports_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _session(tmp_path).close()
    capsys.readouterr()
    assert main(["qa", str(tmp_path / "names.tarjuman"), "--json"]) == 0
    found = [f for f in json.loads(capsys.readouterr().out) if f["code"] == NAME_INCONSISTENT]
    assert len(found) == 1 and found[0]["segment_id"] == 2
