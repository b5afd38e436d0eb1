"""PO catalogs in legacy charsets, headers msgfmt accepts, C-string control characters:
read right, exported as UTF-8 that ``msgfmt -c`` accepts, control characters carried into
XLIFF 2.0 as ``<cp>`` and refused by XLIFF 1.2 with a sentence. Catalogs written here."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from desktop_app.core.documents.base import DocumentError
from desktop_app.core.documents.po import Po
from desktop_app.core.documents.xliff import Xliff
from desktop_app.core.exports import export
from desktop_app.core.project import Project
from desktop_app.core.xliff_export import read_fresh

X2 = "{urn:oasis:names:tc:xliff:document:2.0}"

LATIN1 = ('# French translation of tgif.\n# Roland, 2000.\n#\nmsgid ""\nmsgstr ""\n'
          '"Project-Id-Version: tgif 4.1.26\\n"\n"PO-Revision-Date: 2013-05-23 16:15GMT+2\\n"\n'
          '"Last-Translator: Roland <r@example.org>\\n"\n"Language-Team: Français\\n"\n'
          '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n'
          '"Content-Transfer-Encoding: 8bit\\n"\n"X-Generator: KBabel 0.9.5\\n"\n\n'
          '#: menu.c:12\nmsgid "Screen Capture"\nmsgstr "Capture d\'écran"\n\n'
          '#, c-format\nmsgid "%d files"\nmsgstr "%d fichiers"\n')

KOI8 = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset= koi8-r\\n"\n\n'
        'msgid "Hello"\nmsgstr "Привет"\n')

CSTRINGS = (b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            b'msgid "Bell\\a and backspace\\b, tab\\v feed\\f, octal\\001 end"\nmsgstr ""\n')

BELARUSIAN = ('msgid ""\nmsgstr ""\n"Language: be\\n"\n'
              '"Content-Type: text/plain; charset=CP1251\\n"\n'
              '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : 1);\\n"\n\n'
              'msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d файл"\n'
              'msgstr[1] "%d файлы"\nmsgstr[2] "%d файлаў"\n')


def msgfmt_check(data: bytes, tmp_path: Path) -> None:
    """``msgfmt -c`` accepts ``data`` (gettext is a test dependency: .ci/run installs it)."""
    if shutil.which("msgfmt") is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("msgfmt (gettext) is required when CI=true")
        pytest.skip("msgfmt (gettext) is not installed: apt-get install gettext")
    path = tmp_path / "check.po"
    path.write_bytes(data)
    done = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_latin1_catalog_is_read_and_written_as_utf8_with_its_header(tmp_path: Path) -> None:
    data = LATIN1.encode("latin-1")
    doc = Po().load(data, "fr.po")
    assert [b.target for b in doc.blocks] == ["Capture d'écran", "%d fichiers"]
    out = Po().save(data, "fr.po", {"M0": "گرفتن صفحه", "M1": "%d فایل"}, "dari")
    text = out.decode("utf-8")
    assert "charset=UTF-8" in text and "ISO-8859-1" not in text
    for kept in ("Project-Id-Version: tgif 4.1.26", "PO-Revision-Date: 2013-05-23 16:15GMT+2",
                 "X-Generator: KBabel 0.9.5", "Language-Team: Français", "# Roland, 2000.",
                 "#: menu.c:12"):
        assert kept in text, kept
    assert "PROJECT VERSION" not in text and "\\u06" not in text
    assert "Language: fa_AF" in text and "Plural-Forms: nplurals=2;" in text
    assert [b.target for b in Po().load(out, "fa.po").blocks] == ["گرفتن صفحه", "%d فایل"]
    msgfmt_check(out, tmp_path)


def test_koi8r_catalog_and_a_wrong_charset(tmp_path: Path) -> None:
    data = KOI8.encode("koi8-r")
    assert Po().load(data, "ru.po").blocks[0].target == "Привет"
    msgfmt_check(Po().save(data, "ru.po", {"M0": "سلام"}, "pashto"), tmp_path)
    wrong = LATIN1.replace("ISO-8859-1", "UTF-8").encode("latin-1")
    with pytest.raises(DocumentError, match="UTF-8"):
        Po().load(wrong, "wrong.po")


def test_plural_forms_follow_the_target_language(tmp_path: Path) -> None:
    data = BELARUSIAN.encode("cp1251")
    doc = Po().load(data, "be.po")
    assert [b.text for b in doc.blocks] == ["%d file", "%d files"]
    out = Po().save(data, "be.po", {"M0.0": "%d فایل", "M0.1": "%d فایل‌ها"}, "dari")
    text = out.decode("utf-8")
    assert 'msgstr[1] "%d فایل‌ها"' in text and "msgstr[2]" not in text
    msgfmt_check(out, tmp_path)


def test_c_string_control_characters(tmp_path: Path) -> None:
    doc = Po().load(CSTRINGS, "c.po")
    source = doc.blocks[0].text
    assert source == "Bell\a and backspace\b, tab\v feed\f, octal\x01 end"
    out = Po().save(CSTRINGS, "c.po", {"M0": "زنگ\a و\b،\v\f\x01 پایان"}, "dari")
    assert '"زنگ\\a'.encode() in out and b"\\001" in out
    assert Po().load(out, "again.po").blocks[0].target == "زنگ\a و\b،\v\f\x01 پایان"
    msgfmt_check(out, tmp_path)
    # XLIFF 2.0 writes them as <cp hex>, and reads them back
    path = tmp_path / "c.po"
    path.write_bytes(CSTRINGS)
    project = Project.create(path, "dari", path=tmp_path / "c.tarjuman")
    seg = project.segments()[0]
    project.set_target(seg.id, "زنگ\a پایان")
    xlf = tmp_path / "c.xlf"
    export(project, xlf)
    root = etree.fromstring(xlf.read_bytes())
    assert [cp.get("hex") for cp in root.iter(f"{X2}cp")] == [
        "0007", "0008", "000B", "000C", "0001", "0007"]
    _pid, returned = read_fresh(xlf.read_bytes(), "c.xlf")
    assert returned[0].target == "زنگ\a پایان"


def test_xliff12_refuses_a_control_character_naming_the_segment() -> None:
    data = (b'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
            b'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" '
            b'source-language="en" target-language="fa-AF" datatype="plaintext"><body>'
            b'<trans-unit id="bell"><source>Bell</source></trans-unit></body></file></xliff>')
    with pytest.raises(DocumentError) as err:
        Xliff().save(data, "a.xlf", {"bell": "زنگ\a"}, "dari")
    message = str(err.value)
    assert "segment bell" in message and "U+0007" in message and "\n" not in message
