"""Alignment of old translations: the gold set's link precision and recall (the floor the
README reports), the editor's operations, the CLI storing `aligned` units and TMX, docx in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.core.align.document import Alignment, align_files
from desktop_app.core.tm import TranslationMemory, origin_label

GOLD = Path(__file__).resolve().parents[1] / "data" / "align"
FLOOR = 0.95


def score(links: list[dict[str, list[int]]], code: str) -> tuple[float, float]:
    gold = {(tuple(s), tuple(t)) for s, t in json.loads(
        (GOLD / f"gold-{code}.json").read_text(encoding="utf-8"))}
    got = {(tuple(k["source_sentences"]), tuple(k["target_sentences"])) for k in links}
    right = len(gold & got)
    return right / len(got), right / len(gold)


@pytest.mark.parametrize(("code", "name"), [("prs", "dari"), ("ps", "pashto")])
def test_gold_precision_and_recall(cli, code: str, name: str) -> None:
    gold = json.loads((GOLD / f"gold-{code}.json").read_text(encoding="utf-8"))
    assert sum(1 for s, t in gold if s and t) >= 300
    assert {f"{len(s)}:{len(t)}" for s, t in gold} >= {"1:1", "2:1", "1:0", "0:1"}
    out = cli("tm", "align", str(GOLD / f"article-en-{code}.txt"),
              str(GOLD / f"article-{code}.txt"), "--to", name, "--json", "--no-store")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    precision, recall = score(data["links"], code)
    print(f"{code}: precision {precision:.3f} recall {recall:.3f}")
    assert precision >= FLOOR and recall >= FLOOR
    assert data["stored"] == 0


def test_cli_stores_aligned_units_and_writes_tmx(cli, tmp_path: Path) -> None:
    out = cli("tm", "align", str(GOLD / "article-en-prs.txt"), str(GOLD / "article-prs.txt"),
              "--to", "dari", "--tmx", str(tmp_path / "old.tmx"))
    assert out.returncode == 0, out.stderr
    assert "1:1" in out.stdout and "2:1" in out.stdout
    units = json.loads(cli("tm", "search", "Paktia", "--json").stdout)["units"]
    assert units and all(u["origin"].startswith("aligned:") for u in units)
    assert "پکتیا" in units[0]["target"]
    assert "aligned from article-en-prs.txt" in origin_label(units[0]["origin"])
    tmx = (tmp_path / "old.tmx").read_text(encoding="utf-8")
    assert tmx.count("<tu>") + tmx.count("<tu ") >= 250
    bad = cli("tm", "align", str(GOLD / "article-en-prs.txt"), str(GOLD / "article-prs.txt"),
              "--to", "english")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and bad.stderr.count("\n") == 1


def sample(tmp_path: Path) -> Alignment:
    en = tmp_path / "en.txt"
    fa = tmp_path / "fa.txt"
    en.write_text("The school opened in Herat. It has 300 pupils. Teachers were paid.\n\n"
                  "Snow fell. The road was closed for 3 days.\n", encoding="utf-8")
    fa.write_text("مکتب در هرات باز شد. این مکتب ۳۰۰ شاگرد دارد. به معلمان معاش داده شد.\n\n"
                  "برف بارید. سرک برای ۳ روز بسته بود.\n", encoding="utf-8")
    return align_files(en, fa, "dari")


def test_editor_operations_and_undo(tmp_path: Path) -> None:
    a = sample(tmp_path)
    assert [k.kind for k in a.links] == ["1:1"] * 5
    assert "۳۰۰" in a.target_text(a.links[1]) and "300" in a.source_text(a.links[1])
    a.join(0)
    assert a.links[0].kind == "2:2" and len(a.links) == 4
    a.split(0)
    assert [k.kind for k in a.links[:2]] == ["1:1", "1:1"]
    a.move(0, "target", down=True)  # take the next target sentence
    assert a.links[0].kind == "1:2" and a.links[1].kind == "1:0"
    a.move(0, "target", down=False)  # give it back
    assert a.links[0].kind == "1:1" and a.links[1].kind == "1:1"
    a.confirm(2)
    assert a.links[2].confirmed and a.links[2].confidence == 1.0
    for _step in range(5):
        a.undo()
    assert [k.kind for k in a.links] == ["1:1"] * 5 and not a.links[2].confirmed
    with TranslationMemory() as tm:
        assert a.to_tm(tm) == 5
        assert tm.exact("Snow fell.", "en", "prs").target == "برف بارید."


def test_docx_documents_align(tmp_path: Path) -> None:
    import docx

    for name, paragraphs in (("en.docx", ["The dam was damaged. Engineers came on Monday.",
                                          "Is there enough water?"]),
                             ("ps.docx", ["بند ته زیان ورسېد. انجنیران د دوشنبې په ورځ راغلل.",
                                          "ایا کافي اوبه شته؟"])):
        document = docx.Document()
        for text in paragraphs:
            document.add_paragraph(text)
        document.save(str(tmp_path / name))
    a = align_files(tmp_path / "en.docx", tmp_path / "ps.docx", "pashto")
    assert [(a.source_text(k), a.target_text(k)) for k in a.links] == [
        ("The dam was damaged.", "بند ته زیان ورسېد."),
        ("Engineers came on Monday.", "انجنیران د دوشنبې په ورځ راغلل."),
        ("Is there enough water?", "ایا کافي اوبه شته؟")]


def test_an_english_pdf_aligns_with_a_dari_docx(tmp_path: Path) -> None:
    import docx

    from tests.fixtures.pdf_report import to_pdf

    english = ["The clinic in Bamyan opened in 2019. It treats 40 patients a day.",
               "Is the road open in winter? Snow closes it for 12 days."]
    dari = ["کلینیک در بامیان در سال ۲۰۱۹ باز شد. روزانه ۴۰ مریض را تداوی می‌کند.",
            "آیا سرک در زمستان باز است؟ برف آن را برای ۱۲ روز می‌بندد."]
    for name, paragraphs in (("clinic.docx", english), ("clinic-fa.docx", dari)):
        document = docx.Document()
        for text in paragraphs:
            document.add_paragraph(text)
        document.save(str(tmp_path / name))
    pdf = to_pdf(tmp_path / "clinic.docx", tmp_path)
    a = align_files(pdf, tmp_path / "clinic-fa.docx", "dari")
    assert [k.kind for k in a.links] == ["1:1"] * 4
    assert a.target_text(a.links[3]) == "برف آن را برای ۱۲ روز می‌بندد."
    assert "12 days" in a.source_text(a.links[3])
