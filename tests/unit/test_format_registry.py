"""Each format says how its content looks: the registry recognises a document under a
wrong name by asking the formats in order, and file dialogs list what the registry holds.
A new format is its module and one registry entry: a fake one, registered here, is
recognised and offered without any other edit."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import openpyxl
import pytest
from pptx import Presentation

from desktop_app.core import languages
from desktop_app.core.documents.base import Block, Content, DocumentError, Imported
from desktop_app.core.documents.registry import (
    FORMATS,
    FileFilter,
    detect,
    look,
    open_filters,
    sniff,
)
from desktop_app.core.exports import check_target, export_filters
from desktop_app.core.review import REVIEW_EXTENSIONS, review_filters
from tests.fixtures.odf_epub import make_epub, make_odp, make_odt
from tests.fixtures.pdf_report import blank_pdf


def _docx(tmp: Path) -> bytes:
    document = docx.Document()
    document.add_paragraph("The road to Panjshir is open.")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _pptx(tmp: Path) -> bytes:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Panjshir in 2024"
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def _xlsx(tmp: Path) -> bytes:
    book = openpyxl.Workbook()
    book.active["A1"] = "Food reached Khost"
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


XLIFF = (b'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
         b'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a.txt" '
         b'source-language="en" target-language="fa-AF" datatype="plaintext"><body>'
         b'<trans-unit id="1"><source>Roads reopened.</source></trans-unit></body></file>'
         b'</xliff>\n')
PO = (b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
      b'msgid "Roads reopened."\nmsgstr ""\n')

# a small real document of every registered format, built here
SAMPLES: dict[str, Callable[[Path], bytes]] = {
    "docx": _docx,
    "xliff": lambda tmp: XLIFF,
    "html": lambda tmp: b"<!DOCTYPE html>\n<html><body><p>Roads reopened.</p></body></html>",
    "md": lambda tmp: b"# Panjshir\n\nRoads *reopened*.\n",
    "txt": lambda tmp: b"Roads reopened.\n",
    "po": lambda tmp: PO,
    "srt": lambda tmp: b"1\n00:00:01,000 --> 00:00:02,500\nRoads reopened.\n\n",
    "pdf": lambda tmp: blank_pdf(),
    "pptx": _pptx,
    "xlsx": _xlsx,
    "odt": lambda tmp: make_odt(tmp / "a.odt").read_bytes(),
    "odp": lambda tmp: make_odp(tmp / "a.odp").read_bytes(),
    "epub": lambda tmp: make_epub(tmp / "a.epub").read_bytes(),
}
UNMARKED = {"md", "txt", "po"}  # plain text with no mark of its own: known by the extension


def test_every_registered_format_has_a_sample_here() -> None:
    assert set(SAMPLES) == set(FORMATS)


@pytest.mark.parametrize("name", sorted(set(FORMATS) - UNMARKED))
def test_content_is_recognised_under_a_wrong_name(tmp_path: Path, name: str) -> None:
    data = SAMPLES[name](tmp_path)
    assert sniff(data) == name
    lie = ".txt" if name != "txt" else ".md"
    for path in (Path("report" + lie), Path("report.bin"), Path("report")):
        assert detect(path, data).name == name, path
    if name != "pdf":  # a PDF without text is refused for that, after it is recognised
        assert FORMATS[name].load(data, "report" + lie).blocks


@pytest.mark.parametrize("name", sorted(UNMARKED))
def test_plain_text_formats_go_by_their_extension(tmp_path: Path, name: str) -> None:
    data = SAMPLES[name](tmp_path)
    assert sniff(data) is None
    for ext in FORMATS[name].extensions:
        assert detect(Path("report" + ext), data).name == name
    with pytest.raises(DocumentError, match="unsupported document type"):
        detect(Path("report.bin"), data)


def test_order_decides_between_formats_that_both_match() -> None:
    """XLIFF carrying HTML is XLIFF; a zip holding a Word body and a slide deck is Word."""
    assert sniff(b'<?xml version="1.0"?><xliff><file><body><html>') == "xliff"
    assert sniff(b'<?xml version="1.0"?><html><body>') == "html"
    both = Content(b"PK\x03\x04", zip_names=frozenset({"word/document.xml",
                                                       "ppt/presentation.xml"}))
    assert next(f.name for f in FORMATS.values() if f.sniff(both)) == "docx"


def test_a_damaged_zip_shows_nothing() -> None:
    content = look(b"PK\x03\x04 this is not really a zip")
    assert content.zip_names == frozenset() and content.text == ""
    assert sniff(b"PK\x03\x04 this is not really a zip") is None


class Fake:
    """A format made up for the test: lines after a ``#fake`` first line."""

    name = "fake"
    extensions = (".fake", ".fk")
    label = "Fake notes"

    def sniff(self, content: Content) -> bool:
        return content.text.startswith("#fake")

    def load(self, data: bytes, name: str) -> Imported:
        lines = data.decode("utf-8").splitlines()[1:]
        return Imported(self.name, [Block(str(i), line) for i, line in enumerate(lines, 1)])

    def save(self, data: bytes, name: str, targets: dict[str, str], target_lang: str) -> bytes:
        return ("#fake\n" + "\n".join(targets.values()) + "\n").encode("utf-8")


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[Fake]:
    fmt = Fake()
    monkeypatch.setitem(FORMATS, fmt.name, fmt)  # the one line a new format adds
    yield fmt


def test_a_new_format_is_recognised_and_offered_with_no_other_edit(fake: Fake,
                                                                  tmp_path: Path) -> None:
    data = b"#fake\nRoads reopened.\n"
    assert sniff(data) == "fake"
    assert detect(Path("notes.txt"), data) is fake
    assert detect(Path("notes.fk"), b"no mark here\n") is fake
    filters = open_filters()
    assert {"*.fake", "*.fk"} <= set(filters[0].patterns)  # "All documents"
    assert FileFilter("Fake notes", ("*.fake", "*.fk")) in filters
    assert export_filters("fake")[0] == FileFilter("Fake notes", ("*.fake", "*.fk"))
    assert check_target(tmp_path / "out.fk", "fake") == "fake"


def test_open_filters_list_every_extension_once_all_documents_first() -> None:
    filters = open_filters()
    every = [ext for f in FORMATS.values() for ext in f.extensions]
    assert filters[0] == FileFilter("All documents", tuple("*" + ext for ext in every))
    assert [f.patterns for f in filters[1:-1]] == [tuple("*" + e for e in f.extensions)
                                                    for f in FORMATS.values()]
    assert filters[-1] == FileFilter("All files", ("*",))
    assert len({f.label for f in filters}) == len(filters)  # no two types called the same


def test_export_filters_offer_what_the_export_accepts(tmp_path: Path) -> None:
    """Every pattern the save dialog offers is an export check_target takes."""
    for name in FORMATS:
        for bilingual in (False, True):
            offered = export_filters(name, bilingual=bilingual)
            assert offered and all(f.label for f in offered)
            for ext in {p[1:] for f in offered for p in f.patterns}:
                check_target(tmp_path / ("out" + ext), name, bilingual=bilingual)
    assert export_filters("pdf")[0] == FileFilter("Word documents", ("*.docx",))
    assert [f.label for f in export_filters("xliff")] == ["XLIFF files",
                                                          "TMX translation memories"]
    assert review_filters() == [FileFilter("Review files",
                                           tuple("*" + e for e in REVIEW_EXTENSIONS))]


def test_dialog_labels_speak_the_ui_language() -> None:
    languages.set_ui_language("prs")
    try:
        dari = open_filters()
        languages.set_ui_language("ps")
        pashto = open_filters()
    finally:
        languages.set_ui_language("en")
    english = open_filters()
    assert dari[0].label == "همه سندها" and pashto[0].label == "ټول اسناد"
    for translated in (dari, pashto):
        for mine, theirs in zip(translated, english, strict=True):
            assert mine.label != theirs.label and mine.patterns == theirs.patterns
    assert export_filters("docx")[0].label == "Word documents"


def test_the_cli_names_the_registered_formats_and_engines(
        fake: Fake, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop_app import cli
    from desktop_app.core.mt import registry as engines

    with pytest.raises(SystemExit):
        cli.main(["--help"])
    listed = " ".join(capsys.readouterr().out.split())  # argparse wraps the line
    assert "translate a document (" + ", ".join(FORMATS) + ")" in listed
    assert "fake" in listed and "libretranslate" in engines.ENGINE_NAMES
    for command in (["translate"], ["project", "pretranslate"]):
        with pytest.raises(SystemExit):
            cli.main([*command, "--help"])
        assert "--engine {" + ",".join(engines.ENGINE_NAMES) + "}" in capsys.readouterr().out
