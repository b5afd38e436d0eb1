"""`tarjuman glossary ...` as real processes on a fresh data dir."""

from __future__ import annotations

import json
from pathlib import Path


def test_starter_loaded_and_search_is_variant_aware(cli) -> None:
    r = cli("glossary", "search", "پنجشير", "--json")  # Arabic yeh
    assert r.returncode == 0, r.stderr
    hits = json.loads(r.stdout)
    assert hits[0]["glossary"] == "starter"
    assert "Panjshir" in [t["text"] for t in hits[0]["terms"]]
    r = cli("glossary", "search", "Panjsher", "--json")
    assert "Panjshir" in [t["text"] for t in json.loads(r.stdout)[0]["terms"]]


def test_add_edit_remove_and_zwnj_search(cli) -> None:
    r = cli("glossary", "add", "--term", "en=books", "--term", "dari=کتاب‌ها", "--json")
    assert r.returncode == 0, r.stderr
    cid = json.loads(r.stdout)[0]["id"]
    found = json.loads(cli("glossary", "search", "کتابها", "--json").stdout)
    assert found[0]["glossary"] == "my-glossary" and found[0]["id"] == cid
    r = cli("glossary", "edit", str(cid), "--domain", "objects", "--admitted", "en=volumes",
            "--json")
    edited = json.loads(r.stdout)[0]
    assert edited["domain"] == "objects" and len(edited["terms"]) == 3
    assert cli("glossary", "remove", str(cid)).returncode == 0
    assert json.loads(cli("glossary", "search", "کتابها", "--json").stdout) == []


def test_tbx_and_csv_export_import(cli, tmp_path: Path) -> None:
    cli("glossary", "add", "--term", "en=Amrullah Saleh", "--term", "ps=امرالله صالح")
    for n, name in enumerate(("mine.tbx", "mine.csv")):
        out = tmp_path / name
        r = cli("glossary", "export", str(out))
        assert r.returncode == 0, r.stderr
        r = cli("glossary", "import", str(out))
        # each round doubles "mine": 1 concept, then 2
        assert r.returncode == 0 and f"imported {n + 1} concepts ({2 * (n + 1)} terms)" in r.stdout
    listed = json.loads(cli("glossary", "list", "--json").stdout)
    mine = [c for c in listed if c["glossary"] == "my-glossary"]
    assert len(mine) == 4 and all(len(c["terms"]) == 2 for c in mine)
    assert {t["text"] for c in mine for t in c["terms"]} == {"Amrullah Saleh", "امرالله صالح"}


def test_bad_glossary_files_import_nothing(cli, tmp_path: Path) -> None:
    bad = {
        "missing-columns.csv": "name,comment\nx,y\n",
        "bad-status.csv": "lang,term,status\nen,Kabul,preferred\nen,Herat,banned\n",
        "broken.tbx": "<martif><text><body><termEntry>",
        "bomb.tbx": '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa">]><martif/>',
        "empty.tbx": "",
        "notes.docx": "x",
    }
    for name, content in bad.items():
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        r = cli("glossary", "import", str(path))
        assert r.returncode == 1, (name, r.stdout, r.stderr)
        assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert json.loads(cli("glossary", "list", "--json").stdout)[0]["glossary"] == "starter"


def test_check_aligned_files(cli, tmp_path: Path) -> None:
    src = tmp_path / "en.txt"
    tgt = tmp_path / "fa.txt"
    src.write_text("The municipality of Kabul.\nThe Northern Alliance held Panjshir.\n", "utf-8")
    tgt.write_text("شهرداری کابل.\nائتلاف شمال پنجشیر را نگه داشت.\n", "utf-8")
    r = cli("glossary", "check", str(src), str(tgt), "--to", "dari", "--json")
    assert r.returncode == 0, r.stderr
    codes = [(f["segment"], f["code"]) for f in json.loads(r.stdout)]
    assert (1, "term-forbidden") in codes and all(seg == 1 for seg, _ in codes)
    tgt.write_text("one line only\n", "utf-8")
    r = cli("glossary", "check", str(src), str(tgt))
    assert r.returncode == 1 and "aligned" in r.stderr


def test_search_finds_a_half_space_term_typed_with_a_space_and_the_reverse(cli) -> None:
    r = cli("glossary", "add", "--term", "en=warlord", "--term", "dari=جنگ‌سالار", "--json")
    warlord = json.loads(r.stdout)[0]["id"]
    r = cli("glossary", "add", "--term", "en=compatriot", "--term", "dari=هم وطن", "--json")
    compatriot = json.loads(r.stdout)[0]["id"]
    for query, cid in (("جنگ سالار", warlord), ("جنگسالار", warlord),
                       ("هم‌وطن", compatriot), ("هموطن", compatriot)):
        r = cli("glossary", "search", query, "--lang", "dari", "--json")
        assert r.returncode == 0, r.stderr
        assert [c["id"] for c in json.loads(r.stdout)] == [cid], query
    r = cli("glossary", "search", "جنگ سالار")
    assert "جنگ‌سالار" in r.stdout


def test_search_lists_terms_before_notes_and_labels_them(cli) -> None:
    lines = cli("glossary", "search", "kabul").stdout.splitlines()
    assert lines[0].startswith("term: ") and "Kabul" in lines[0]
    assert any(line.startswith("note: ") and "Parwan" in line for line in lines)
    first_note = next(i for i, line in enumerate(lines) if line.startswith("note: "))
    assert all(not line.startswith("note: ") for line in lines[:first_note])
    assert "Parwan" not in cli("glossary", "search", "kabul", "--no-notes").stdout
    cli("glossary", "add", "--term", "en=warlord", "--term", "dari=جنگ‌سالار")
    r = cli("glossary", "search", "جنگسالاران")
    assert r.stdout.startswith("inflected form of a term: ") and "warlord" in r.stdout


def test_check_does_not_take_the_pronoun_us_for_the_us(cli, tmp_path: Path) -> None:
    src, tgt = tmp_path / "us.en.txt", tmp_path / "us.prs.txt"
    src.write_text("They told us to leave; let us know.\nThe US embassy closed.\n", "utf-8")
    tgt.write_text("آنها به ما گفتند که برویم؛ به ما خبر بدهید.\nسفارت بسته شد.\n", "utf-8")
    r = cli("glossary", "check", str(src), str(tgt), "--to", "dari")
    assert r.returncode == 0, r.stderr
    missing = [line for line in r.stdout.splitlines() if "term-missing" in line]
    assert len(missing) == 1 and missing[0].startswith("line 2:"), r.stdout


def test_edit_is_one_step_and_a_refused_edit_writes_nothing(cli) -> None:
    """The CLI goes through the same door as the window: an edit whose last part is refused
    leaves the domain and terms as they were."""
    made = json.loads(cli("glossary", "add", "--term", "en=ridge", "--term", "dari=تیغه",
                          "--domain", "land", "--json").stdout)[0]
    other = json.loads(cli("glossary", "add", "--term", "en=pass", "--json").stdout)[0]
    cid, foreign = made["id"], other["terms"][0]["id"]
    r = cli("glossary", "edit", str(cid), "--domain", "changed", "--admitted", "en=crest",
            "--remove-term", str(foreign))
    assert r.returncode != 0 and f"term {foreign} is not part of concept {cid}" in r.stderr
    assert "Traceback" not in r.stderr
    terms = [t["id"] for t in made["terms"]]
    r = cli("glossary", "edit", str(cid), "--domain", "changed", *(
        a for t in terms for a in ("--remove-term", str(t))))
    assert r.returncode != 0 and "needs at least one term" in r.stderr
    mine = [c for c in json.loads(cli("glossary", "list", "--json").stdout) if c["id"] == cid
            and c["glossary"] == "my-glossary"]
    assert mine[0]["domain"] == "land" and [t["id"] for t in mine[0]["terms"]] == terms
    r = cli("glossary", "edit", str(cid), "--domain", "changed", "--admitted", "en=crest",
            "--remove-term", str(terms[1]), "--json")
    edited = json.loads(r.stdout)[0]
    assert edited["domain"] == "changed"
    assert [(t["id"], t["text"]) for t in edited["terms"]][0] == (terms[0], "ridge")
    assert [t["text"] for t in edited["terms"]] == ["ridge", "crest"]
    r = cli("glossary", "remove", "9999")
    assert r.returncode != 0 and "no concept with id 9999" in r.stderr
