"""Segments that are one glossary term (table cells, a one-name heading) are filled from
the glossary by pretranslation, origin ``glossary``, and never sent to MT."""

from __future__ import annotations

from pathlib import Path

import docx

from desktop_app.core.mt import argos
from desktop_app.core.pretranslate import pretranslate
from desktop_app.core.project import Project
from desktop_app.core.segments import Status
from desktop_app.core.workflow import default_enforcer


def _doc(path: Path, sentence: bool) -> Path:
    d = docx.Document()
    d.add_heading("Ahmad Massoud", level=1)
    if sentence:
        d.add_paragraph("The fighters said the valley was calm.")
    table = d.add_table(rows=3, cols=2)
    for row, (a, b) in enumerate((("Taliban", "Resistance:"), ("Kabul", "Panjshir"),
                                  ("Checkpoints", "Northern Alliance"))):
        table.cell(row, 0).text = a
        table.cell(row, 1).text = b
    d.save(str(path))
    return path


def _run(tmp_path: Path, sentence: bool) -> Project:
    doc = _doc(tmp_path / "cells.docx", sentence)
    project = Project.create(doc, "dari", path=tmp_path / "cells.tarjuman")
    enforcer = default_enforcer("en", "prs", project.path,
                                texts=[s.source for s in project.segments()])
    report = pretranslate(project, enforcer=enforcer)
    assert report.from_glossary == 6
    assert "6 from the glossary" in report.summary()
    return project


def test_term_segments_are_filled_from_the_glossary(tmp_path: Path, tiny_argos: Path) -> None:
    argos.install(tiny_argos)
    project = _run(tmp_path, sentence=True)
    by_source = {s.source: s for s in project.segments()}
    expected = {"Ahmad Massoud": "احمد مسعود", "Taliban": "طالبان", "Resistance:": "مقاومت:",
                "Kabul": "کابل", "Panjshir": "پنجشیر", "Northern Alliance": "ائتلاف شمال"}
    for source, target in expected.items():
        seg = by_source[source]
        assert seg.origin == "glossary" and seg.status == Status.MT, source
        assert seg.target == target
    # a sentence and an inflected form still go to MT
    assert by_source["The fighters said the valley was calm."].origin.startswith("mt:")
    assert by_source["Checkpoints"].origin.startswith("mt:")
    project.close()


def test_without_the_glossary_nothing_is_filled_from_it(tmp_path: Path,
                                                         tiny_argos: Path) -> None:
    argos.install(tiny_argos)
    doc = _doc(tmp_path / "cells.docx", sentence=False)
    project = Project.create(doc, "dari", path=tmp_path / "c.tarjuman")
    report = pretranslate(project, enforcer=None)
    assert report.from_glossary == 0
    assert all(s.origin != "glossary" for s in project.segments())
    project.close()
