"""TMX into the translation memory and back: native codes come back as written, a file
with no pair Tarjuman takes is refused with the languages named, duplicates count once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from lxml import etree
from translate.storage.tmx import tmxfile

from desktop_app.core import tmx
from desktop_app.core.tm import MIGRATIONS, TranslationMemory

BOLD = '<bpt i="1" x="1" type="bold">{\\b </bpt>'
ULINE = '<bpt i="2" x="2" type="ulined">{\\ul </bpt>'
IT = '<it pos="begin" x="1" type="bold">{\\b </it>'
PH = '<ph x="2" type="image" assoc="p">{\\pict}</ph>'
CODED = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en-US" '
    'datatype="rtf" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" '
    'o-tmf="t"/><body>\n<tu tuid="1">\n'
    f' <tuv xml:lang="en-US"><seg>The big {BOLD}black<ept i="1">}}</ept> {ULINE}cat'
    '<ept i="2">}</ept> sleeps.</seg></tuv>\n'
    f' <tuv xml:lang="fa-AF"><seg>گربهٔ {ULINE}بزرگ<ept i="2">}}</ept> {BOLD}سیاه'
    '<ept i="1">}</ept> خوابیده است.</seg></tuv>\n</tu>\n<tu tuid="2">\n'
    f' <tuv xml:lang="en-US"><seg>First {IT}sentence {PH} with <hi x="3" type="special">a '
    'part</hi> <ut>{\\u}</ut>.</seg></tuv>\n'
    f' <tuv xml:lang="fa-AF"><seg>جملهٔ {IT}نخست {PH} با <hi x="3" type="special">یک بخش'
    '</hi> <ut>{\\u}</ut>.</seg></tuv>\n</tu>\n</body></tmx>')


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def units(body: str, header: str = 'srclang="en"') -> str:
    return (f'<?xml version="1.0"?><tmx version="1.4"><header {header} datatype="plaintext" '
            'segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" '
            f'o-tmf="t"/><body>{body}</body></tmx>')


def tu(**variants: str) -> str:
    return "<tu>" + "".join(f'<tuv xml:lang="{lang.replace("_", "-")}"><seg>{text}</seg></tuv>'
                            for lang, text in variants.items()) + "</tu>"


def codes_of(seg: etree._Element) -> list[tuple[str, dict[str, str], str]]:
    return [(etree.QName(el).localname, dict(el.attrib), "".join(el.itertext()))
            for el in seg.iter() if el is not seg]


def test_native_codes_come_back_as_written(tmp_path: Path) -> None:
    source = write(tmp_path, "coded.tmx", CODED)
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        assert tm.import_tmx(source, "en", "dari") == 2
        exported = tm.export_tmx("en", "dari")
    original = etree.fromstring(CODED.encode())
    again = etree.fromstring(exported)
    before = [codes_of(seg) for seg in original.iter("seg")]
    after = [codes_of(seg) for seg in again.iter("seg")]
    assert after == before
    assert "⟨" not in exported.decode()  # no placeholder chip written for a native code
    first = again.find(".//seg")
    assert first is not None and first[0].text == "{\\b " and first[0].get("type") == "bold"
    # translate-toolkit, the format's own reader, reads the same two units and their text
    store = tmxfile.parsestring(exported)
    assert len(store.units) == 2
    assert "black" in store.units[0].source and "سیاه" in store.units[0].target


def test_codes_are_numbered_alike_in_both_languages_by_their_x() -> None:
    doc = tmx.parse(CODED.encode())
    assert doc.units[0].variants == {
        "en-US": "The big ⟨1⟩black⟨/1⟩ ⟨2⟩cat⟨/2⟩ sleeps.",
        "fa-AF": "گربهٔ ⟨2⟩بزرگ⟨/2⟩ ⟨1⟩سیاه⟨/1⟩ خوابیده است."}
    assert doc.units[0].codes["fa-AF"]["⟨2⟩"] == '<bpt i="2" x="2" type="ulined">{\\ul </bpt>'


def test_units_made_in_tarjuman_get_generic_codes(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.add("The ⟨1⟩Northern Alliance⟨/1⟩ held.", "ائتلاف ⟨1⟩شمال⟨/1⟩ ایستاد.", "en",
               "dari")
        seg = etree.fromstring(tm.export_tmx("en", "dari")).find(".//seg")
    assert seg is not None
    assert [(el.tag, el.text) for el in seg] == [("bpt", "⟨1⟩"), ("ept", "⟨/1⟩")]


def test_a_confirmation_replacing_an_imported_unit_drops_its_old_codes(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.import_tmx(write(tmp_path, "coded.tmx", CODED), "en", "dari")
        unit = tmx.parse(CODED.encode()).units[0]
        tm.add(unit.variants["en-US"].replace("⟨1⟩", "⟨3⟩").replace("⟨/1⟩", "⟨/3⟩"),
               unit.variants["fa-AF"], "en", "dari", origin="project:x")
        assert tm.count() == 2
        exported = tm.export_tmx("en", "dari").decode()
    assert '<bpt i="3">⟨3⟩</bpt>' in exported and 'type="bold"' in exported  # unit 2 keeps its


@pytest.mark.parametrize(("body", "found"), [
    (tu(en="Good morning", fr="Bonjour") * 2, ["en", "fr"]),
    (tu(en_US="Hello", fr_CA="Salut") + tu(de="Hallo", en_GB="Hello"), ["en-US", "fr-CA", "de",
                                                                       "en-GB"]),
])
def test_a_file_with_no_pair_tarjuman_takes_is_refused_naming_the_languages(
        tmp_path: Path, body: str, found: list[str]) -> None:
    path = write(tmp_path, "french.tmx", units(body))
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        with pytest.raises(tmx.TmxError) as caught:
            tm.import_tmx(path, "en", "dari")
        assert tm.count() == 0
    message = str(caught.value)
    assert "french.tmx" in message and "\n" not in message
    assert f"the file's languages are {', '.join(found)}," in message
    for accepted in ("English (en)", "Dari (prs)", "Pashto (ps)"):
        assert accepted in message


def test_the_cli_refuses_with_the_sentence_and_a_non_zero_exit(cli, tmp_path: Path  # type: ignore[no-untyped-def]
                                                               ) -> None:
    path = write(tmp_path, "level2.tmx", units(tu(en="Good morning", fr="Bonjour")))
    r = cli("tm", "import", str(path))
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert "en, fr" in r.stderr and "Dari (prs)" in r.stderr and "imported 0" not in r.stdout


def test_the_cli_counts_stored_units_not_duplicates(cli, tmp_path: Path  # type: ignore[no-untyped-def]
                                                   ) -> None:
    body = (tu(en="Kabul is the capital.", fa_AF="کابل پایتخت است.") * 3
            + tu(en="Herat is old.", fa_AF="هرات کهن است.")
            + tu(en="Only English here.", fr="Seulement."))
    path = write(tmp_path, "dupes.tmx", units(body))
    r = cli("tm", "import", str(path))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "imported 2 translation units from dupes.tmx"
    assert "2 units repeated others and were stored once" in lines
    assert "1 unit lacked one of the two languages and was left out" in lines
    again = cli("tm", "import", str(path))
    assert again.stdout.splitlines()[0] == "imported 2 translation units from dupes.tmx"


def test_regional_codes_are_read_by_their_language(tmp_path: Path) -> None:
    path = write(tmp_path, "ca.tmx", units(tu(en_CA="Good day.", ps_AF="ورځ مو پخیر.")))
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        report = tm.import_tmx_report(path, "en", "pashto")
    assert (report.stored, report.new, report.languages) == (1, 1, ["en-CA", "ps-AF"])


def test_a_memory_of_the_previous_schema_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    db = sqlite_utils.Database(path)
    for step in MIGRATIONS[:3]:
        step(db)
    db.execute("PRAGMA user_version=3")
    db.execute("INSERT INTO units (source_lang, target_lang, source, target, norm, origin, "
               "created) VALUES ('en', 'prs', 'Kabul.', 'کابل.', 'kabul', '', 0)")
    db.conn.commit()
    db.close()
    with TranslationMemory(path) as tm:
        assert b"<seg>Kabul.</seg>" in tm.export_tmx("en", "dari")
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
