"""HTML: every run of visible text and every attribute a reader sees is offered, and comes
back translated in a file a browser reads in the right charset."""

from __future__ import annotations

import re

import lxml.html
import pytest

from desktop_app.core.documents.base import TAG
from desktop_app.core.documents.html import Html
from desktop_app.core.errors import InputError

DARI = "ترجمه"


def load(html: str | bytes) -> dict[str, tuple[str, str]]:
    data = html.encode() if isinstance(html, str) else html
    return {b.id: (b.kind, b.text) for b in Html().load(data, "t.html").blocks}


def translate(html: str | bytes, lang: str = "dari") -> bytes:
    """Every block replaced by Dari, its tags kept in place."""
    data = html.encode() if isinstance(html, str) else html
    blocks = Html().load(data, "t.html").blocks
    targets = {b.id: re.sub(r"[A-Za-z][^⟨⟩]*?(?=⟨|$)", DARI, b.text) for b in blocks}
    return Html().save(data, "t.html", targets, lang)


def visible_english(out: bytes) -> list[str]:
    root = lxml.html.document_fromstring(out)
    for bad in root.xpath("//script|//style|//code"):
        bad.drop_tree()
    words = re.findall(r"[A-Za-z]{3,}", " ".join(root.itertext()))
    attrs = [v for el in root.iter() if isinstance(el.tag, str)
             for k, v in el.attrib.items() if k in ("title", "alt", "placeholder", "aria-label")]
    attrs += [m.get("content", "") for m in root.iter("meta") if m.get("name") == "description"]
    return words + [w for v in attrs for w in re.findall(r"[A-Za-z]{3,}", v)]


def test_inline_titles_in_a_paragraph_with_a_break() -> None:
    src = '<p>Text <b title="Long name">LN</b> here.<br/>more <i title="t2">x</i></p>'
    blocks = load(src)
    assert list(blocks.values()) == [("p", "Text ⟨1⟩LN⟨/1⟩ here.⟨2/⟩more ⟨3⟩x⟨/3⟩"),
                                     ("attr", "Long name"), ("attr", "t2")]
    out = translate(src)
    p = lxml.html.document_fromstring(out).find(".//p")
    assert [(c.tag, c.get("title")) for c in p] == [("b", DARI), ("br", None), ("i", DARI)]
    assert visible_english(out) == []


@pytest.mark.parametrize(("html", "where"), [
    ("<html>Loose in html<body><p>Para.</p></body></html>", "Loose in html"),
    ("<body>Before <b>bold</b> text<div>Block.</div>After the block.</body>", "After the block."),
    ("<body><center>Centred words</center></body>", "Centred words"),
    ("<table><tbody><tr><td>Cell</td></tr></tbody><tfoot><tr><td>Total row</td></tr></tfoot>"
     "</table>", "Total row"),
    ("<body><noscript>Please enable scripts</noscript></body>", "Please enable scripts"),
    ("<body><video src='v.mp4'>Your player cannot play this</video></body>",
     "Your player cannot play this"),
    ("<body><canvas>Drawing shown here</canvas></body>", "Drawing shown here"),
    ("<body><object data='x.pdf'>Download the report</object></body>", "Download the report"),
    ("<body><pre>  Keep   these\n  spaces</pre></body>", "  Keep   these\n  spaces"),
    ("<body><textarea>Default answer</textarea></body>", "Default answer"),
])
def test_text_outside_leaf_paragraphs_is_offered(html: str, where: str) -> None:
    texts = [TAG.sub("", t) for _k, t in load(html).values()]
    assert where in texts
    assert visible_english(translate(html)) == []


def test_each_run_of_a_mixed_container_is_its_own_block_and_keeps_its_place() -> None:
    src = ("<body>\n  First words <b>bold</b> end.\n  <div>Inside.</div>\n  Second words."
           "\n  <!-- note -->\n</body>")
    assert [t for _k, t in load(src).values()] == ["First words ⟨1⟩bold⟨/1⟩ end.", "Inside.",
                                                    "Second words."]
    out = translate(src).decode()
    body = out[out.index("<body>"):]
    assert body.index("<b>") < body.index("<div>") < body.index("<!-- note -->")
    assert "\n  <div>" in body  # the whitespace around a run stays where it was


def test_comments_code_and_scripts_inside_a_sentence_are_kept_whole() -> None:
    src = ("<p>Call <code>open(path)</code> first <!-- why --> then "
           "<script>var x = 1;</script>close.</p>")
    (kind, text), = load(src).values()
    assert text == "Call ⟨1/⟩ first ⟨2/⟩ then ⟨3/⟩close."
    out = translate(src).decode()
    assert "<code>open(path)</code>" in out and "<!-- why -->" in out
    assert "var x = 1;" in out
    # a translator who dropped the code chip still gets the code back
    data = src.encode()
    dropped = Html().save(data, "t.html", {"H1": DARI}, "dari").decode()
    assert "<code>open(path)</code>" in dropped and "<!-- why -->" in dropped


def test_translatable_attributes_are_blocks_and_come_back() -> None:
    src = ('<html><head><meta name="description" content="A page about Kabul">'
           '<meta name="viewport" content="width=device-width"></head><body>'
           '<img src="a.png" alt="A map of Herat"><input placeholder="Your name">'
           '<button aria-label="Close the window">X</button></body></html>')
    attrs = [t for k, t in load(src).values() if k == "attr"]
    assert attrs == ["A page about Kabul", "A map of Herat", "Your name", "Close the window"]
    out = translate(src)
    assert visible_english(out) == []
    root = lxml.html.document_fromstring(out)
    assert root.find(".//meta[@name='viewport']").get("content") == "width=device-width"
    assert root.find(".//img").get("src") == "a.png"


def test_undeclared_windows_1252_is_read_and_exported_as_declared_utf8() -> None:
    src = "<html><head><title>Prices</title></head><body><p>Euro: €, © 2024</p></body></html>"
    data = src.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert [t for _k, t in load(data).values()] == ["Prices", "Euro: €, © 2024"]
    out = translate(data)
    root = lxml.html.document_fromstring(out.decode("utf-8"))
    assert [m.get("charset") for m in root.iter("meta")] == ["utf-8"]


@pytest.mark.parametrize("declaration", [
    '<meta charset="windows-1252">',
    '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
])
def test_declared_windows_1252_is_exported_with_the_declaration_updated(
        declaration: str) -> None:
    data = (f"<html><head>{declaration}<title>Café</title></head>"
            "<body><p>Euro: €</p></body></html>").encode("cp1252")
    assert [t for _k, t in load(data).values()] == ["Café", "Euro: €"]
    out = Html().save(data, "t.html", {"H2": "یورو: €"}, "dari")
    text = out.decode("utf-8")
    assert "windows-1252" not in text.lower()
    root = lxml.html.document_fromstring(out)  # the reader follows the declaration
    assert root.find(".//p").text == "یورو: €" and root.find(".//title").text == "Café"


def test_utf8_with_a_line_in_another_encoding_is_still_refused() -> None:
    data = "<p>کابل</p>\n".encode() + "<p>Café</p>".encode("cp1252")
    with pytest.raises(InputError, match="line 2"):
        Html().load(data, "t.html")


def test_right_to_left_export_sets_dir_and_every_lang() -> None:
    src = ('<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en"><body>'
           '<p>Hello.</p></body></html>')
    root = lxml.html.document_fromstring(translate(src, "pashto"))
    assert (root.get("dir"), root.get("lang"), root.get("xml:lang")) == ("rtl", "ps", "ps")


def test_a_project_from_the_earlier_html_reader_still_exports_in_place() -> None:
    """Ids of the earlier reader: E1 the first leaf block, E2@title an attribute..."""
    src = ('<html><head><title>Report</title></head><body><p>Hello <b title="Bold">'
           "world</b>.</p><div>Loose <p>Inner.</p></div></body></html>")
    out = Html().save(src.encode(), "t.html", {"E1": "گزارش", "E2": "سلام ⟨1⟩جهان⟨/1⟩.",
                                                  "E3@title": "پررنگ", "E4": "درونی."},
                      "dari")
    root = lxml.html.document_fromstring(out)
    assert root.find(".//title").text == "گزارش"
    p = root.find(".//body/p")
    assert (p.text, p[0].text, p[0].get("title"), p[0].tail) == ("سلام ", "جهان", "پررنگ", ".")
    assert root.find(".//div/p").text == "درونی."
