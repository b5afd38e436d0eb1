"""The import-review report says what the reviewer changed, word by word: the words removed
and added per segment (``[-old-]{+new+}`` on the command line), a word written with or
without a ZWNJ counted as one word."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.exports import export
from desktop_app.core.project import Project
from desktop_app.core.resources import sample
from desktop_app.core.worddiff import marked, word_diff, words
from tests.unit.test_review import edit_as_reviewer

BEFORE = "مقاومت در دره پنجشیر ادامه دارد"
AFTER = "مقاومت مردم در درهٔ پنجشیر ادامه دارد"


def test_word_diff_keeps_zwnj_words_whole_and_tags_apart() -> None:
    assert words("کتاب‌ها را ⟨1⟩می‌خواند⟨/1⟩.") == ["کتاب‌ها", "را", "⟨1⟩", "می‌خواند",
                                                   "⟨/1⟩", "."]
    assert marked(word_diff(BEFORE, AFTER)) == \
        "مقاومت {+مردم+} در [-دره-]{+درهٔ+} پنجشیر ادامه دارد"
    # a ZWNJ put in is a change a terminal could not show otherwise
    assert marked(word_diff("کتاب ها را", "کتاب‌ها را")) == "[-کتاب ها-]{+کتاب‹zwnj›ها+} را"
    assert marked(word_diff("⟨1⟩۱۸ سنبله⟨/1⟩", "۱۸ ⟨1⟩سنبله⟨/1⟩")) == \
        "{+۱۸+} ⟨1⟩ [-۱۸-] سنبله ⟨/1⟩"
    long = " ".join(f"w{n}" for n in range(40))
    assert marked(word_diff(long, long.replace("w20", "x"))) == \
        "… w14 w15 w16 w17 w18 w19 [-w20-]{+x+} w21 w22 w23 w24 w25 w26 …"


def test_import_review_cli_prints_removed_and_added_words(cli, tmp_path: Path) -> None:
    proj = tmp_path / "p.tarjuman"
    project = Project.create(sample("panjshir.docx"), "dari", path=proj)
    first = project.segments()[0]
    project.set_target(first.id, BEFORE)
    project.close()
    out = tmp_path / "review.docx"
    project = Project.open(proj)
    export(project, out, bilingual=True)
    project.close()
    edit_as_reviewer(out, {first.id: AFTER}, {})
    r = cli("project", "import-review", str(proj), str(out))
    assert r.returncode == 0, r.stderr
    line = next(x for x in r.stdout.splitlines() if x.startswith(f"segment {first.id}:"))
    assert line == (f"segment {first.id}: edited -> edited: "
                    "مقاومت {+مردم+} در [-دره-]{+درهٔ+} پنجشیر ادامه دارد")
