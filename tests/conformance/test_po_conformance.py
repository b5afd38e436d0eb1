"""The Hebrew (RTL) gettext catalog written by Weblate, and plural messages."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from desktop_app.core.documents.base import DocumentError
from desktop_app.core.documents.po import Po

NAME = "other/weblate_he-three_gettext-po_hebrew-rtl.po"


def test_po_facts(conformance: Path, expected: dict) -> None:
    facts = expected["valid"][NAME]
    data = (conformance / NAME).read_bytes()
    doc = Po().load(data, "he.po")
    assert doc.target_lang == facts["language"]
    assert len(doc.blocks) == facts["entry_count_excluding_header"]
    assert (doc.blocks[0].text, doc.blocks[0].target) == (facts["sample"]["msgid"],
                                                          facts["sample"]["msgstr"])
    catalog = read_po(io.BytesIO(data))
    assert catalog.plural_forms.replace(" ", "") == facts["plural_forms"].replace(" ", "")


def test_po_export_keeps_the_catalog(conformance: Path) -> None:
    data = (conformance / NAME).read_bytes()
    doc = Po().load(data, "he.po")
    out = Po().save(data, "he.po", {doc.blocks[0].id: "اطلاعات شخصی"}, "dari")
    again = Po().load(out, "fa.po")
    assert again.blocks[0].text == "Personal info" and again.blocks[0].target == "اطلاعات شخصی"
    assert again.target_lang == "fa_AF"


def test_plural_messages_are_one_block_per_form() -> None:
    data = (b'msgid ""\nmsgstr ""\n"Language: ps\\n"\n'
            b'"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
            b'msgid "{n} segment"\nmsgid_plural "{n} segments"\nmsgstr[0] ""\nmsgstr[1] ""\n')
    doc = Po().load(data, "ps.po")
    assert [b.text for b in doc.blocks] == ["{n} segment", "{n} segments"]
    out = Po().save(data, "ps.po", {"M0.0": "{n} برخه", "M0.1": "{n} برخې"}, "pashto")
    assert [b.target for b in Po().load(out, "x.po").blocks] == ["{n} برخه", "{n} برخې"]


@pytest.mark.parametrize("data", [b'msgid "a"\nmsgstr "b\n', b"this is just text\n",
                                  b'msgid "a"\nmsgstr[0] "x"\nmsgid "b"\n', b"\x00\x01"])
def test_broken_po_is_refused(data: bytes) -> None:
    with pytest.raises(DocumentError):
        Po().load(data, "broken.po")
