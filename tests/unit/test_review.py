"""Hand-offs that come back: the review docx a reviewer edits in Word, and XLIFF."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from desktop_app.core.documents.base import tag_ids
from desktop_app.core.documents.xliff import XLIFF2_NS
from desktop_app.core.exports import export
from desktop_app.core.project import Project
from desktop_app.core.resources import sample
from desktop_app.core.review import ReviewError
from desktop_app.core.segments import Status
from desktop_app.core.session import EditSession
from tests.fixtures.sessions import import_review

X = f"{{{XLIFF2_NS}}}"


def new_project(tmp_path: Path, name: str = "p.tarjuman") -> Project:
    return Project.create(sample("panjshir.docx"), "dari", path=tmp_path / name)


def snapshot(project: Project) -> list[tuple[int, str, str, str]]:
    return [(s.id, s.target, s.status.value, s.note) for s in project.segments()]


# -- fresh XLIFF: sentence level, tags as codes, back with every target and status ------


def test_fresh_xliff_is_sentence_level_with_codes(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    segs = project.segments()
    out = tmp_path / "p.xlf"
    export(project, out)
    root = etree.parse(str(out)).getroot()
    segments = list(root.iter(f"{X}segment"))
    assert [s.get("id") for s in segments] == [f"s{s.id}" for s in segs]
    assert len(list(root.iter(f"{X}unit"))) == len(project.blocks()) < len(segments)
    # every inline tag of the project is a code: pc inside a sentence, sc/ec across two
    codes = [c for c in root.iter() if etree.QName(c).localname in ("pc", "sc", "ec", "ph")]
    assert len(codes) >= sum(len(tag_ids(s.source)) for s in segs) // 2 > 0


def test_fresh_xliff_comes_back_with_every_target_and_status(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    segs = project.segments()
    project.set_target(segs[0].id, "مقاومت در دره پنجشیر")
    project.apply_machine([(segs[1].id, "ترجمه ماشینی", "mt:nllb")])
    out = tmp_path / "p.xlf"
    export(project, out)
    tree = etree.parse(str(out))
    by_id = {s.get("id"): s for s in tree.getroot().iter(f"{X}segment")}
    assert by_id[f"s{segs[1].id}"].get("subState") == "tarjuman:mt-suggestion"
    # the reviewer's tool: confirms one, translates a tagged one, fixes the MT
    by_id[f"s{segs[0].id}"].set("state", "final")
    tagged = next(s for s in segs if "⟨" in s.source)
    seg = by_id[f"s{tagged.id}"]
    target = etree.SubElement(seg, f"{X}target")
    source = seg.find(f"{X}source")
    target.text = "ترجمه "
    for child in source:
        target.append(copy.deepcopy(child))
    seg.set("state", "translated")
    fixed = by_id[f"s{segs[1].id}"]
    fixed.find(f"{X}target").text = "ترجمه بازبینی شده"
    fixed.set("state", "translated")
    del fixed.attrib["subState"]
    back = tmp_path / "back.xlf"
    tree.write(str(back), xml_declaration=True, encoding="UTF-8")
    report = import_review(project, back, reviewer="Farida")
    assert project.segment(segs[0].id).status is Status.CONFIRMED
    assert project.segment(segs[0].id).target == "مقاومت در دره پنجشیر"
    got = project.segment(tagged.id)
    assert got.status is Status.EDITED and tag_ids(got.target) == tag_ids(tagged.source)
    assert project.segment(segs[1].id).target == "ترجمه بازبینی شده"
    assert report.targets == 3 and report.reviewer == "Farida"
    assert project.history(tagged.id)[-1][2] == "review:Farida"
    # a second round trip changes nothing
    export(project, out)
    assert import_review(project, out).targets == 0


# -- the review docx ----------------------------------------------------------------


def test_review_docx_is_readable_rtl_and_identified(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    seg = project.segments()[0]
    project.set_target(seg.id, "مقاومت در دره پنجشیر")
    out = tmp_path / "review.docx"
    export(project, out, bilingual=True)
    document = docx.Document(str(out))
    assert document.core_properties.identifier.startswith("tarjuman-project:")
    head = "\n".join(p.text for p in document.paragraphs)
    assert "English" in head and "Dari" in head and "54 segments" in head
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["#", "Source", "Target", "Status",
                                                     "Comments"]
    assert len(table.rows) == 1 + len(project.segments())
    target_p = table.rows[1].cells[2].paragraphs[0]._p
    assert target_p.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is not None
    assert target_p.find(f"{qn('w:pPr')}/{qn('w:jc')}") is None  # starts at the right edge
    run = target_p.find(qn("w:r"))
    assert run.find(f"{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:bidi")) == "fa-AF"
    assert run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}").get(qn("w:cs")) == "Noto Sans Arabic"
    widths = [c.width.cm for c in table.rows[1].cells]
    assert widths[1] > 8 and widths[2] > 8 and widths[0] < 2
    assert table.rows[1].cells[3].text == "edited"


def edit_as_reviewer(path: Path, edits: dict[int, str], comments: dict[int, str],
                     author: str = "Nasrin") -> None:
    """What a reviewer does in Word: type over target cells, add comments, save."""
    document = docx.Document(str(path))
    for row in document.tables[0].rows[1:]:
        number = int(row.cells[0].text)
        if number in edits:
            cell = row.cells[2]
            for p in cell.paragraphs[1:]:
                p._p.getparent().remove(p._p)
            paragraph = cell.paragraphs[0]
            for r in paragraph.runs:
                r._r.getparent().remove(r._r)
            paragraph.add_run(edits[number])
        if number in comments:
            row.cells[4].paragraphs[0].add_run(comments[number])
    document.core_properties.last_modified_by = author
    document.save(str(path))


def test_review_docx_comes_back_with_changes_notes_and_history(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    segs = project.segments()
    project.apply_machine([(s.id, f"ترجمه {k}", "mt:nllb") for k, s in enumerate(segs[:5])])
    out = tmp_path / "review.docx"
    export(project, out, bilingual=True)
    tagged = next(s for s in segs if "⟨" in s.source)
    edit_as_reviewer(out, {segs[0].id: "عنوان بازبینی شده", segs[2].id: "جمله سوم",
                           tagged.id: "جمله با برچسب"},
                     {segs[2].id: "check the name spelling"})
    report = import_review(project, out)
    assert report.reviewer == "Nasrin" and report.targets == 3 and report.notes == 1
    first = project.segment(segs[0].id)
    assert (first.target, first.status) == ("عنوان بازبینی شده", Status.EDITED)
    assert project.segment(segs[1].id).status is Status.MT  # untouched stays as it was
    assert project.segment(segs[2].id).note == "check the name spelling"
    assert tag_ids(project.segment(tagged.id).target) == tag_ids(tagged.source)
    history = project.history(segs[0].id)
    assert history[-1] == ("عنوان بازبینی شده", "edited", "review:Nasrin")
    times = [r["time"] for r in project.db.table("history").rows_where(
        "segment_id = ?", [segs[0].id])]
    assert times[-1] > 0
    assert any("segment" in line and "edited" in line for line in report.lines())


def test_review_docx_confirm(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    seg = project.segments()[3]
    out = tmp_path / "review.docx"
    export(project, out, bilingual=True)
    edit_as_reviewer(out, {seg.id: "تأیید شده"}, {})
    import_review(project, out, confirm=True)
    assert project.segment(seg.id).status is Status.CONFIRMED


def _rows(path: Path) -> docx.document.Document:
    return docx.Document(str(path))


@pytest.mark.parametrize("damage", ["other project", "row removed", "id changed"])
def test_a_foreign_or_damaged_review_file_changes_nothing(tmp_path: Path,
                                                         damage: str) -> None:
    project = new_project(tmp_path)
    out = tmp_path / "review.docx"
    if damage == "other project":
        other = new_project(tmp_path, "other.tarjuman")
        export(other, out, bilingual=True)
    else:
        export(project, out, bilingual=True)
    edit_as_reviewer(out, {project.segments()[0].id: "تغییر"}, {1: "x"})
    document = _rows(out)
    table = document.tables[0]
    if damage == "row removed":
        table._tbl.remove(table.rows[5]._tr)
    elif damage == "id changed":
        table.rows[7].cells[0].paragraphs[0].runs[0].text = "999"
    document.save(str(out))
    before = snapshot(project)
    history = project.db.table("history").count
    with pytest.raises(ReviewError) as err:
        import_review(project, out)
    assert "\n" not in str(err.value) and out.name in str(err.value)
    assert snapshot(project) == before and project.db.table("history").count == history


def test_import_review_cli(cli, tmp_path: Path) -> None:
    proj = tmp_path / "p.tarjuman"
    assert cli("project", "new", str(sample("panjshir.docx")), "--to", "dari", "-o",
               str(proj)).returncode == 0
    out = tmp_path / "review.docx"
    assert cli("project", "export", str(proj), "-o", str(out), "--bilingual").returncode == 0
    edit_as_reviewer(out, {1: "عنوان"}, {2: "نام درست است؟"})
    r = cli("project", "import-review", str(proj), str(out), "--confirm")
    assert r.returncode == 0, r.stderr
    assert "segment 1" in r.stdout and "1 target(s) and 1 comment(s)" in r.stdout
    r = cli("tm", "lookup", "Resistance in the Panjshir Valley: a new chapter in an old "
            "struggle", "--to", "dari")
    assert "عنوان" in r.stdout  # the confirmed review went to the translation memory
    short = tmp_path / "short.docx"
    document = docx.Document(str(out))
    document.tables[0]._tbl.remove(document.tables[0].rows[-1]._tr)
    document.save(str(short))
    r = cli("project", "import-review", str(proj), str(short))
    assert r.returncode != 0 and len(r.stderr.strip().splitlines()) == 1
    assert "segments" in r.stderr


def test_track_changes_and_margin_comments_come_back(tmp_path: Path) -> None:
    """A reviewer in Word with Track Changes on, adding a comment in the margin."""
    project = new_project(tmp_path)
    segs = project.segments()
    project.set_target(segs[0].id, "مقاومت در پنجشیر")
    out = tmp_path / "review.docx"
    export(project, out, bilingual=True)
    document = docx.Document(str(out))
    row = document.tables[0].rows[1]
    paragraph = row.cells[2].paragraphs[0]
    run = paragraph.runs[0]._r
    deleted = copy.deepcopy(run)  # the old text, struck out
    deleted.find(qn("w:t")).tag = qn("w:delText")
    wrap_del = etree.SubElement(paragraph._p, qn("w:del"), {qn("w:id"): "91",
                                                            qn("w:author"): "Nasrin"})
    wrap_del.append(deleted)
    inserted = copy.deepcopy(run)
    inserted.find(qn("w:t")).text = "مقاومت در دره پنجشیر"
    wrap_ins = etree.SubElement(paragraph._p, qn("w:ins"), {qn("w:id"): "92",
                                                            qn("w:author"): "Nasrin"})
    wrap_ins.append(inserted)
    paragraph._p.remove(run)
    document.add_comment(row.cells[1].paragraphs[0].runs, text="Is Panjshir a valley here?",
                         author="Nasrin")
    document.save(str(out))
    report = import_review(project, out)
    seg = project.segment(segs[0].id)
    assert seg.target == "مقاومت در دره پنجشیر" and seg.status is Status.EDITED
    assert seg.note == "Nasrin: Is Panjshir a valley here?"
    assert report.targets == 1 and report.notes == 1


def test_undo_after_a_review_import_takes_back_the_review_not_the_translators_work(
        cli, tmp_path: Path) -> None:
    """Confirm segment 1, import a review that changes it, undo: the translator's confirmed
    text and TM unit are back (before, undo wiped both and left the segment empty)."""
    proj = tmp_path / "p.tarjuman"
    assert cli("project", "new", str(sample("panjshir.docx")), "--to", "dari", "-o",
               str(proj)).returncode == 0
    assert cli("project", "edit", str(proj), "1", "مقاومت در پنجشیر", "--confirm").returncode == 0
    out = tmp_path / "review.docx"
    assert cli("project", "export", str(proj), "-o", str(out), "--bilingual").returncode == 0
    edit_as_reviewer(out, {1: "مقاومت در دره پنجشیر"}, {})
    assert cli("project", "import-review", str(proj), str(out), "--confirm",
               "--reviewer", "Nasrin").returncode == 0
    history = json.loads(cli("project", "history", str(proj), "--json").stdout)
    assert [(h["kind"], h["segments"], h["undone"]) for h in history] == [
        ("import-review", 1, False), ("confirm", 1, False)]

    def state() -> tuple[str, Status]:
        with Project.open(proj) as project:
            seg = project.segments()[0]
            return seg.target, seg.status

    def tm_has(text: str) -> bool:
        r = cli("tm", "lookup", "Resistance in the Panjshir Valley: a new chapter in an old "
                "struggle", "--to", "dari")
        return text in r.stdout

    assert state() == ("مقاومت در دره پنجشیر", Status.CONFIRMED) and tm_has("دره")
    undo = cli("project", "undo", str(proj))
    assert undo.returncode == 0 and "1 segment" in undo.stdout
    assert state() == ("مقاومت در پنجشیر", Status.CONFIRMED)
    assert tm_has("مقاومت در پنجشیر") and not tm_has("دره")  # only the review's unit went
    assert cli("project", "redo", str(proj)).returncode == 0
    assert state() == ("مقاومت در دره پنجشیر", Status.CONFIRMED) and tm_has("دره")
    assert cli("project", "undo", str(proj)).returncode == 0
    assert cli("project", "undo", str(proj)).returncode == 0  # the confirmation itself
    assert state()[1] is not Status.CONFIRMED
    nothing = cli("project", "undo", str(proj))
    assert nothing.returncode == 1 and "nothing to undo" in nothing.stderr


def test_undo_in_the_window_after_a_review_import_keeps_the_translators_text(
        tmp_path: Path) -> None:
    project = new_project(tmp_path)
    session = EditSession(project, qa=False)
    try:
        session.confirm(0, "مقاومت در پنجشیر")
        out = tmp_path / "review.docx"
        export(project, out, bilingual=True)
        edit_as_reviewer(out, {session.segments[0].id: "مقاومت در دره پنجشیر"}, {})
        session.import_review(out, reviewer="Nasrin")
        assert session.segments[0].target == "مقاومت در دره پنجشیر"
        changes = session.undo()
        assert changes.rows == [0]
        assert (session.segments[0].target, session.segments[0].status) == (
            "مقاومت در پنجشیر", Status.CONFIRMED)
    finally:
        session.tm.close()
