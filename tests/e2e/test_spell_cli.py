"""`tarjuman spell` as a real process: with a dictionary installed from a file, with none."""

from __future__ import annotations

import json
from pathlib import Path

from tests.fixtures.hunspell_dict import write_dictionary


def test_spell_with_an_installed_dictionary_and_with_none(cli, tmp_path: Path) -> None:
    text = tmp_path / "target.txt"
    text.write_text("مردم امروز به دانشگاه رفت\nکتابب‌ها در شهر\n", "utf-8")
    r = cli("spell", str(text), "--lang", "dari", "--json")
    assert r.returncode == 0, r.stderr
    own = json.loads(r.stdout)  # no dictionary installed: Tarjuman's own Dari list
    assert own["dictionary"].endswith("prs_AF.dic") and own["trusted"] is True
    flagged = {m["word"]: m["suggestions"] for m in own["misspelt"]}
    assert set(flagged) == {"دانشگاه", "کتابب‌ها"}  # شهر, رفت, امروز are in the list
    assert flagged["دانشگاه"][0] == "پوهنتون"  # an Iranian form, the Dari word first

    dic = write_dictionary(tmp_path / "download")
    r = cli("spell", "install", str(dic), "--lang", "dari")
    assert r.returncode == 0 and "installed fa_IR.dic" in r.stdout, r.stderr
    r = cli("spell", str(text), "--lang", "dari", "--json")
    found = json.loads(r.stdout)["misspelt"]
    assert [(m["line"], m["word"]) for m in found] == [(1, "دانشگاه"), (2, "کتابب‌ها")]
    assert found[0]["suggestions"][0] == "پوهنتون"  # the Dari form first (starter glossary)
    r = cli("spell", str(text), "--lang", "dari")
    assert "line 2, column 1: کتابب‌ها" in r.stdout and "2 misspelt words" in r.stdout


def test_spell_learns_glossary_terms_for_pashto(cli, tmp_path: Path) -> None:
    cli("glossary", "add", "--term", "en=president", "--term", "pashto=ولسمشر")
    text = tmp_path / "ps.txt"
    text.write_text("ولسمشرانو ولسمشرنو\n", "utf-8")
    r = cli("spell", str(text), "--lang", "pashto", "--json")
    assert [m["word"] for m in json.loads(r.stdout)["misspelt"]] == ["ولسمشرنو"]


def test_spell_refuses_bad_input_in_one_line(cli, tmp_path: Path) -> None:
    lone = tmp_path / "lone.dic"
    lone.write_text("1\nکتاب\n", "utf-8")
    r = cli("spell", "install", str(lone), "--lang", "dari")
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and ".aff" in r.stderr
    r = cli("spell", str(tmp_path / "missing.txt"), "--lang", "dari")
    assert r.returncode != 0 and "Traceback" not in r.stderr
    r = cli("spell", str(lone), "--lang", "english")
    assert r.returncode != 0 and "Dari and Pashto" in r.stderr


def test_tarjumans_own_lists_check_dari_and_pashto_without_a_dictionary(cli,
                                                                         tmp_path: Path) -> None:
    text = tmp_path / "sp.txt"
    text.write_text("مقامات در کابل اعلام کردند که این کار ادامه دارد و مهم است\n", "utf-8")
    r = cli("spell", str(text), "--lang", "dari")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["0 misspelt words in 1 line"]
    text.write_text("د کابل په ښار کې خلکو وویل چې دا کار مهم دی\nولسوالیو ولسوالۍ وولسوالۍ\n",
                    "utf-8")
    r = cli("spell", str(text), "--lang", "pashto")
    assert "line 2, column 18: وولسوالۍ" in r.stdout, r.stdout
    assert r.stdout.splitlines()[-1] == "1 misspelt word in 2 lines"
