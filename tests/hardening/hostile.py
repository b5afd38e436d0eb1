"""Hostile inputs built at test time (none is kept in the repository): each is a file a
real translator could be handed, crafted to break an importer."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

from desktop_app.core.project import Project
from desktop_app.core.resources import sample

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _docx_parts(extra: dict[str, bytes] | None = None, *, body: str = "",
                doc_rels: str = "") -> dict[str, bytes]:
    """A minimal but real Word package, parts overridable."""
    body = body or '<w:p><w:r><w:t>Kabul is calm.</w:t></w:r></w:p>'
    parts = {
        "[Content_Types].xml": (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            b'<Default Extension="html" ContentType="text/html"/>'
            b'<Override PartName="/word/document.xml" ContentType="application/vnd.'
            b'openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.'
            b'openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
            b'</Types>'),
        "_rels/.rels": (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            b'</Relationships>'),
        "word/document.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W} {R}>'
            f'<w:body>{body}</w:body></w:document>').encode(),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships">{doc_rels}</Relationships>').encode(),
    }
    parts.update(extra or {})
    return parts


def _zip(path: Path, parts: dict[str, bytes] | list[tuple[str, bytes]]) -> Path:
    items = parts.items() if isinstance(parts, dict) else parts
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in items:
            zf.writestr(name, data)
    path.write_bytes(buf.getvalue())
    return path


def docx_entity(path: Path) -> Path:
    doc = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY k "Kabul">]>'
           f'<w:document {W}><w:body><w:p><w:r><w:t>&k; is calm.</w:t></w:r></w:p>'
           '</w:body></w:document>').encode()
    return _zip(path, _docx_parts({"word/document.xml": doc}))


def docx_duplicate_member(path: Path) -> Path:
    parts = list(_docx_parts().items())
    hidden = (f'<w:document {W}><w:body><w:p><w:r><w:t>Hidden copy.</w:t></w:r></w:p>'
              '</w:body></w:document>').encode()
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate: that is the point
        return _zip(path, [*parts, ("word/document.xml", hidden)])


def docx_altchunk(path: Path) -> Path:
    body = ('<w:p><w:r><w:t>Intro.</w:t></w:r></w:p><w:altChunk r:id="rIdAlt"/>')
    rels = ('<Relationship Id="rIdAlt" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/aFChunk" Target="chunk.html"/>')
    return _zip(path, _docx_parts({"word/chunk.html": b"<p>Embedded text.</p>"}, body=body,
                                  doc_rels=rels))


def docx_broken_footnotes(path: Path) -> Path:
    rels = ('<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/footnotes" Target="footnotes.xml"/>')
    return _zip(path, _docx_parts({"word/footnotes.xml": b"<w:footnotes><w:footnote"},
                                  doc_rels=rels))


def docx_footnote_bomb(path: Path) -> Path:
    rels = ('<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/footnotes" Target="footnotes.xml"/>')
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "lol"}">' for i in range(9))
    notes = (f'<?xml version="1.0"?><!DOCTYPE w:footnotes [{lol}]><w:footnotes {W}>'
             '<w:footnote w:id="1"><w:p><w:r><w:t>&l8;</w:t></w:r></w:p></w:footnote>'
             '</w:footnotes>').encode()
    return _zip(path, _docx_parts({"word/footnotes.xml": notes}, doc_rels=rels))


def docx_header_to_nowhere(path: Path) -> Path:
    body = ('<w:p><w:r><w:t>Kabul.</w:t></w:r></w:p><w:sectPr><w:headerReference '
            'w:type="default" r:id="rIdMissing"/></w:sectPr>')
    return _zip(path, _docx_parts(body=body))


def html_deep(path: Path) -> Path:
    path.write_text("<html><body>" + "<div>" * 300 + "<p>Deep text.</p>" + "</div>" * 300
                    + "<p>Text after the deep part.</p></body></html>", "utf-8")
    return path


def csv_mixed_encoding(path: Path) -> Path:
    path.write_bytes("en,fa-AF\nKabul,کابل\n".encode() + b"Herat,"
                     + "هرات\n".encode("cp1256") + "Balkh,بلخ\n".encode())
    return path


def csv_unterminated_quote(path: Path) -> Path:
    path.write_text('en,fa-AF\nKabul,"کابل\nHerat,هرات\nBalkh,بلخ\n', "utf-8")
    return path


def csv_huge_header(path: Path) -> Path:
    path.write_text("en," + "x" * 2_000_000 + "\nKabul,a\n", "utf-8")
    return path


def tbx_huge_term(path: Path, chars: int = 1_100_000) -> Path:
    path.write_text('<?xml version="1.0" encoding="UTF-8"?><martif type="TBX" xml:lang="en">'
                    '<text><body><termEntry id="c1"><langSet xml:lang="en"><tig><term>'
                    + "Kabul " * (chars // 6) + '</term></tig></langSet><langSet '
                    'xml:lang="fa-AF"><tig><term>کابل</term></tig></langSet></termEntry>'
                    '</body></text></martif>', "utf-8")
    return path


def tbx_late_entity(path: Path) -> Path:
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>' + "<!-- padding -->" * 5000
                    + '<!DOCTYPE martif [<!ENTITY x "Kabul">]><martif type="TBX"><text><body>'
                    '<termEntry><langSet xml:lang="en"><tig><term>&x;</term></tig></langSet>'
                    '</termEntry></body></text></martif>', "utf-8")
    return path


def po_charset(path: Path) -> Path:
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=no-such-set\\n"\n'
                    '\nmsgid "Kabul"\nmsgstr ""\n', "utf-8")
    return path


def po_plurals(path: Path) -> Path:
    path.write_text('msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=100000000; plural=n;\\n"\n'
                    '\nmsgid "a day"\nmsgid_plural "%d days"\nmsgstr[0] ""\n', "utf-8")
    return path


def _project(path: Path, change: Callable[[sqlite3.Connection], None]) -> Path:
    Project.create(sample("panjshir.txt"), "dari", path=path).close()
    con = sqlite3.connect(path)
    change(con)
    con.commit()
    con.close()
    return path


def project_trigger(path: Path) -> Path:
    return _project(path, lambda c: c.execute(
        "CREATE TRIGGER t AFTER UPDATE ON segments BEGIN DELETE FROM segments; END;"))


def project_view(path: Path) -> Path:
    return _project(path, lambda c: c.execute("CREATE VIEW v AS SELECT * FROM segments"))


def project_no_source_lang(path: Path) -> Path:
    return _project(path, lambda c: c.execute("DELETE FROM meta WHERE key = 'source_lang'"))


def project_no_documents(path: Path) -> Path:
    return _project(path, lambda c: c.execute("DELETE FROM documents"))


def project_null_target(path: Path) -> Path:
    return _project(path, lambda c: c.execute("UPDATE segments SET target = NULL WHERE id = 1"))


def project_unknown_status(path: Path) -> Path:
    return _project(path, lambda c: c.execute("UPDATE segments SET status = 'weird' "
                                              "WHERE id = 1"))


def project_corrupt_page(path: Path) -> Path:
    _project(path, lambda c: None)
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 2, min(len(data), page * 4)):
        data[offset] = 0x5A
    path.write_bytes(bytes(data))
    return path


DOCUMENTS: dict[str, Callable[[Path], Path]] = {
    "entity.docx": docx_entity, "duplicate-member.docx": docx_duplicate_member,
    "altchunk.docx": docx_altchunk, "broken-footnotes.docx": docx_broken_footnotes,
    "footnote-bomb.docx": docx_footnote_bomb, "deep.html": html_deep,
    "charset.po": po_charset, "plurals.po": po_plurals,
}
GLOSSARIES: dict[str, Callable[[Path], Path]] = {
    "mixed-encoding.csv": csv_mixed_encoding, "unterminated.csv": csv_unterminated_quote,
    "huge-header.csv": csv_huge_header, "huge-term.tbx": tbx_huge_term,
    "late-entity.tbx": tbx_late_entity,
}
PROJECTS: dict[str, Callable[[Path], Path]] = {
    "trigger.tarjuman": project_trigger, "view.tarjuman": project_view,
    "no-source-lang.tarjuman": project_no_source_lang,
    "no-documents.tarjuman": project_no_documents,
    "null-target.tarjuman": project_null_target,
    "unknown-status.tarjuman": project_unknown_status,
    "corrupt-page.tarjuman": project_corrupt_page,
}
