"""The review docx as Word users send it back: tracked moves, text written twice
(AlternateContent), tables inside cells, huge cells, odd numbers and broken rows each
give the right text or one sentence, and the file names Tarjuman and the translator."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from desktop_app.core.documents.base import MAX_BLOCK_CHARS, DocumentError
from desktop_app.core.exports import export
from desktop_app.core.project import Project
from desktop_app.core.resources import sample
from desktop_app.core.review import read_returned

MC = ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def review_file(tmp_path: Path) -> tuple[Project, Path]:
    project = Project.create(sample("panjshir.docx"), "dari", path=tmp_path / "p.tarjuman")
    out = tmp_path / "review.docx"
    export(project, out, bilingual=True)
    return project, out


def set_target_xml(path: Path, row: int, paragraph_xml: str) -> None:
    """Replace the target cell's content of table row ``row`` by raw WordprocessingML."""
    document = docx.Document(str(path))
    tc = document.tables[0].rows[row].cells[2]._tc
    for p in tc.findall(qn("w:p")):
        tc.remove(p)
    tc.append(parse_xml(paragraph_xml))
    document.save(str(path))


def returned_target(project: Project, path: Path, row: int) -> str:
    returned, _who = read_returned(project, path)
    return returned[row - 1].target


def test_a_tracked_move_is_read_once(tmp_path: Path) -> None:
    project, path = review_file(tmp_path)
    set_target_xml(path, 1, f'<w:p {nsdecls("w")}><w:moveFrom w:id="1" w:author="R">'
                            '<w:r><w:t>دوم </w:t></w:r></w:moveFrom><w:r><w:t>اول </w:t></w:r>'
                            '<w:moveTo w:id="2" w:author="R"><w:r><w:t>دوم</w:t></w:r>'
                            '</w:moveTo></w:p>')
    assert returned_target(project, path, 1) == "اول دوم"


def test_alternate_content_is_read_once(tmp_path: Path) -> None:
    project, path = review_file(tmp_path)
    set_target_xml(path, 1, f'<w:p {nsdecls("w")}{MC}><w:r><w:t>متن </w:t></w:r>'
                            '<mc:AlternateContent><mc:Choice Requires="w14"><w:r><w:t>یک'
                            '</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>یک</w:t></w:r>'
                            '</mc:Fallback></mc:AlternateContent></w:p>')
    assert returned_target(project, path, 1) == "متن یک"


def test_a_table_inside_a_target_cell_is_refused_with_a_sentence(tmp_path: Path) -> None:
    project, path = review_file(tmp_path)
    document = docx.Document(str(path))
    document.tables[0].rows[2].cells[2].add_table(rows=1, cols=1).cell(0, 0).text = "پنهان"
    document.save(str(path))
    with pytest.raises(DocumentError, match="row 2 holds a table inside a cell"):
        read_returned(project, path)


def test_a_target_cell_over_the_block_limit_is_refused(tmp_path: Path) -> None:
    project, path = review_file(tmp_path)
    document = docx.Document(str(path))
    document.tables[0].rows[1].cells[2].paragraphs[0].add_run("ب" * (MAX_BLOCK_CHARS + 1))
    document.save(str(path))
    with pytest.raises(DocumentError, match="the limit is 100,000"):
        read_returned(project, path)


@pytest.mark.parametrize("value", ["²", "1.5", "-3", "۱"])
def test_an_odd_number_is_a_sentence_not_an_internal_error(tmp_path: Path, value: str) -> None:
    project, path = review_file(tmp_path)
    document = docx.Document(str(path))
    document.tables[0].rows[3].cells[0].text = value
    document.save(str(path))
    with pytest.raises(DocumentError, match="in the # column is not a segment number"):
        read_returned(project, path)


def test_a_row_with_three_cells_is_a_sentence(tmp_path: Path) -> None:
    project, path = review_file(tmp_path)
    document = docx.Document(str(path))
    tr = document.tables[0].rows[2]._tr
    for tc in tr.findall(qn("w:tc"))[3:]:
        tr.remove(tc)
    document.save(str(path))
    with pytest.raises(DocumentError, match="row 2 has 3 cells; a review row has 5"):
        read_returned(project, path)


def test_the_review_file_names_tarjuman_and_the_translator(tmp_path: Path) -> None:
    from desktop_app.core.settings_door import change_settings

    change_settings(team_name="Farida Ahmadi")
    _project, path = review_file(tmp_path)
    document = docx.Document(str(path))
    props = document.core_properties
    assert props.author == "Farida Ahmadi"
    assert "python-docx" not in f"{props.author} {props.comments} {props.last_modified_by}"
    assert "Tarjuman" in props.comments
    app = document.part.package.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        "extended-properties").blob
    assert b"<Application>Tarjuman</Application>" in app


def test_a_damaged_review_table_is_a_sentence(tmp_path: Path) -> None:
    project, path = review_file(tmp_path)
    document = docx.Document(str(path))
    tr = document.tables[0].rows[0]._tr
    for tc in tr.findall(qn("w:tc")):
        tr.remove(tc)
    document.save(str(path))
    with pytest.raises(DocumentError) as caught:
        read_returned(project, path)
    assert "\n" not in str(caught.value) and "internal" not in str(caught.value)
