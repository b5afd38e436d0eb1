"""XLIFF states both ways, extensions kept, ids per file: small files written here."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from desktop_app.core.documents.xliff import Xliff
from desktop_app.core.exports import export
from desktop_app.core.project import Project
from desktop_app.core.segments import Status

MQ = """<?xml version="1.0" encoding="utf-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"
       xmlns:mq="MQXliff">
  <!-- written by memoQ -->
  <file original="a.docx" source-language="en" target-language="fa-AF" datatype="x-docx">
    <header><skl><external-file href="a.skl"/></skl></header>
    <body>
      <trans-unit id="1" mq:status="NotStarted">
        <source>The <bpt id="1">&lt;b&gt;</bpt>valley<ept id="1">&lt;/b&gt;</ept> is quiet.</source>
        <note>context: headline</note>
      </trans-unit>
      <trans-unit id="2" mq:status="ManuallyConfirmed">
        <source>Fighters moved.</source>
        <target state="translated">کهنه</target>
      </trans-unit>
      <trans-unit id="3"><source>Aid arrived.</source></trans-unit>
    </body>
  </file>
  <file original="b.docx" source-language="en" datatype="x-docx">
    <body>
      <trans-unit id="1"><source>Same id, second file.</source></trans-unit>
    </body>
  </file>
</xliff>
""".encode()

V2 = b"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">
  <file id="f1">
    <unit id="u1">
      <segment id="a"><source>One.</source></segment>
      <ignorable><source> </source></ignorable>
      <segment id="b"><source>Two <ph id="1"/>.</source></segment>
    </unit>
  </file>
</xliff>
"""


def test_ids_are_per_file_and_the_tree_is_kept(tmp_path: Path) -> None:
    doc = tmp_path / "a.mqxliff"
    doc.write_bytes(MQ)
    blocks = Xliff().load(MQ, doc.name).blocks
    assert [b.id for b in blocks] == ["1", "2", "3", "f2/1"]
    project = Project.create(doc, "prs", path=tmp_path / "a.tarjuman")
    segs = project.segments()
    assert segs[1].status is Status.CONFIRMED  # mq:status="ManuallyConfirmed"
    project.apply_machine([(segs[0].id, "دره ⟨1/⟩آرام⟨2/⟩ است.", "tm:fuzzy:87")])
    project.confirm(segs[2].id, "کمک رسید.")
    project.set_target(segs[3].id, "همان شناسه، فایل دوم.")
    out = tmp_path / "out.mqxliff"
    export(project, out)
    data = out.read_bytes()
    assert b"<!-- written by memoQ -->" in data
    assert b'<external-file href="a.skl"/>' in data and b"<note>context: headline</note>" in data
    root = etree.fromstring(data)
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    first, second, third = root.findall(".//x:file[1]//x:trans-unit", ns)
    target = first.find("x:target", ns)
    assert (target.get("state"), target.get("state-qualifier")) == (
        "needs-review-translation", "fuzzy-match")
    assert etree.tostring(target, encoding="unicode").count("&lt;b&gt;") == 1  # native code
    assert second.find("x:target", ns).text == "کهنه"  # untouched: as it was
    assert second.find("x:target", ns).get("state") == "translated"
    mq = "{MQXliff}status"
    assert (first.get(mq), second.get(mq), third.get(mq)) == (
        "MachineTranslated", "ManuallyConfirmed", None)  # the third never had one
    assert third.find("x:target", ns).get("state") == "final" and third.get("approved") == "yes"
    other = root.find(".//x:file[2]//x:trans-unit", ns)
    assert other.find("x:target", ns).get("state") == "translated"
    assert root.findall(".//x:file", ns)[1].get("target-language") == "fa-AF"
    again = {b.id: b for b in Xliff().load(data, out.name).blocks}
    assert again["1"].meta["status"] == "mt" and again["3"].meta["status"] == "confirmed"
    assert again["f2/1"].target == "همان شناسه، فایل دوم."


def test_xliff2_segments_states_and_substates(tmp_path: Path) -> None:
    doc = tmp_path / "b.xlf"
    doc.write_bytes(V2)
    project = Project.create(doc, "ps", path=tmp_path / "b.tarjuman")
    one, two = project.segments()
    project.apply_machine([(one.id, "یو.", "mt:nllb")])
    project.set_target(two.id, "دوه ⟨1/⟩.")
    out = tmp_path / "out.xlf"
    export(project, out)
    root = etree.fromstring(out.read_bytes())
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    a, b = root.findall(".//x:segment", ns)
    assert (a.get("id"), a.get("state"), a.get("subState")) == ("a", "initial",
                                                               "tarjuman:mt-suggestion")
    assert (b.get("id"), b.get("state"), b.get("subState")) == ("b", "translated", None)
    assert b.find("x:target/x:ph", ns).get("id") == "1"
    assert root.find(".//x:ignorable", ns) is not None and root.get("trgLang") == "ps"


def test_untranslated_and_copied_targets_read_as_new() -> None:
    seg = '<segment{a}><source>Aid arrived.</source><target>{t}</target></segment>'
    units = "".join(f'<unit id="u{k}">{seg.format(a=a, t=t)}</unit>' for k, (a, t) in enumerate([
        (' state="initial"', "کمک رسید."),  # the file says: not translated
        (' state="initial" subState="tarjuman:mt-suggestion"', "کمک رسید."),  # our MT
        ("", "کمک رسید."),  # no state: a target is taken as MT
        (' state="translated"', "Aid arrived."),  # a copy of the source
        (' state="final"', "Aid arrived."),  # ...that a reviewer signed off
    ]))
    data = (f'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" '
            f'trgLang="fa-AF"><file id="f">{units}</file></xliff>').encode()
    assert [b.meta["status"] for b in Xliff().load(data, "a.xlf").blocks] == [
        "new", "mt", "mt", "new", "confirmed"]


def test_client_xliff_back_from_review_keeps_untranslated_segments_new(tmp_path: Path) -> None:
    from tests.fixtures.sessions import import_review

    units = "".join(f'<trans-unit id="{k}"><source>{text}</source></trans-unit>'
                    for k, text in enumerate(["Kabul fell.", "Aid arrived.", "Nothing else."]))
    doc = tmp_path / "c.xlf"
    doc.write_bytes((f'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
                     f'<file original="c" source-language="en" target-language="fa-AF" '
                     f'datatype="plaintext"><body>{units}</body></file></xliff>').encode())
    project = Project.create(doc, "prs", path=tmp_path / "c.tarjuman")
    first = project.segments()[0]
    project.set_target(first.id, "کابل سقوط کرد.")
    out = tmp_path / "out.xlf"
    export(project, out)
    # the reviewer's tool fills the untranslated units with copies of the source
    data = out.read_bytes()
    for text, state in ((b"Aid arrived.", b"needs-translation"), (b"Nothing else.", b"new")):
        data = data.replace(text + b"</source>", text + b"</source><target state=\"" + state
                            + b"\">" + text + b"</target>")
    out.write_bytes(data)
    import_review(project, out)
    assert [(s.status, s.target) for s in project.segments()] == [
        (Status.EDITED, "کابل سقوط کرد."), (Status.NEW, ""), (Status.NEW, "")]
