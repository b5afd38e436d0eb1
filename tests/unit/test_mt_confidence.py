"""MT that says how sure it is: CTranslate2 scores on the tiny real models."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.mt import argos, nllb
from desktop_app.core.settings import Settings
from desktop_app.core.settings_door import change_settings

SOURCES = ["Ahmad Massoud spoke to reporters in Kabul on Monday.",
           "Women protested in the streets of the capital.",
           "The ministry announced new rules for schools and universities."]
GARBAGE = ["zzzq xxqv 1234 @@@@ qqqq", "!!!! ~~~ zzzz kkkk", "#### vvvv ((( ))) 0000"]


def _check(engine, source: str, target: str) -> None:  # type: ignore[no-untyped-def]
    out = engine.translate(SOURCES, source, target)
    for t in out:
        assert t.confidence is not None and t.confidence < 0
    own = engine.score(SOURCES, [t.text for t in out], source, target)
    bad = engine.score(SOURCES, GARBAGE, source, target)
    for mine, garbage, t in zip(own, bad, out, strict=True):
        assert garbage.mean < mine.mean  # garbage ranks below the model's own output
        assert len(mine.tokens) == len(mine.log_probs) and mine.tokens[-1] == "</s>"
        # the decoder's own (length-normalised) score says more than the garbage's too
        assert t.confidence is not None and garbage.mean < t.confidence
    # the weakest words of a target can be pointed at
    worst = min(range(len(bad[0].log_probs)), key=lambda i: bad[0].log_probs[i])
    assert bad[0].log_probs[worst] < min(own[0].log_probs)


def test_argos_scores(tiny_argos: Path) -> None:
    engine = argos.BACKEND.engine(argos.install(tiny_argos), Settings())
    _check(engine, "en", "fa")


def test_nllb_scores(tiny_nllb: Path) -> None:
    engine = nllb.BACKEND.engine(nllb.install(tiny_nllb), Settings())
    _check(engine, "en", "prs")


def test_confidence_is_stored_shown_and_checked(tmp_path: Path, tiny_argos: Path,
                                                capsys) -> None:  # type: ignore[no-untyped-def]
    import json
    import sqlite3

    from desktop_app.cli import main
    from desktop_app.core.mt.confidence import LOW_CONFIDENCE
    from desktop_app.core.project import Project

    argos.install(tiny_argos)
    doc = tmp_path / "a.txt"
    doc.write_text("\n\n".join(SOURCES) + "\n", encoding="utf-8")
    assert main(["project", "new", str(doc), "--to", "dari"]) == 0
    path = tmp_path / "a.txt.tarjuman"
    assert main(["project", "pretranslate", str(path), "--no-glossary"]) == 0
    capsys.readouterr()
    assert main(["project", "segments", str(path), "--json"]) == 0
    segs = json.loads(capsys.readouterr().out)
    assert len(segs) == 3 and all(isinstance(s["confidence"], float) for s in segs)
    assert all(s["confidence"] < 0 for s in segs)

    # the threshold is a setting: above every score, each MT segment is reported
    change_settings(mt_low_confidence=-0.001)
    assert main(["qa", str(path), "--json"]) == 0
    low = [f for f in json.loads(capsys.readouterr().out) if f["code"] == LOW_CONFIDENCE]
    assert sorted(f["segment_id"] for f in low) == [s["id"] for s in segs]
    change_settings(mt_low_confidence=-99.0)
    assert main(["qa", str(path), "--json"]) == 0
    assert not [f for f in json.loads(capsys.readouterr().out) if f["code"] == LOW_CONFIDENCE]

    # translate --json says it too
    assert main(["translate", str(doc), "--to", "dari", "-o", str(tmp_path / "out.txt"),
                 "--json", "--no-glossary"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["from_mt"] == 3
    assert all(isinstance(s["confidence"], float) for s in out["segments"])

    # a project written before confidence was kept opens, upgraded, with none
    con = sqlite3.connect(path)
    con.execute("ALTER TABLE segments DROP COLUMN confidence")
    con.execute("PRAGMA user_version=2")
    con.commit()
    con.close()
    with Project.open(path) as project:
        assert all(s.confidence is None for s in project.segments())


def test_weakest_words_by_the_model(tiny_argos: Path) -> None:
    from desktop_app.core.mt.confidence import weak_words_for, weakest_words, word_scores

    assert word_scores(["▁کا", "بل", "▁شهر", "</s>"], [-0.5, -2.0, -0.1, -0.3]) == [
        ("کابل", -2.0), ("شهر", -0.1)]
    assert weakest_words(["▁a", "▁b", "▁c", "</s>"], [-0.2, -4.0, -2.5, -0.1]) == ["b", "c"]
    assert weakest_words(["▁a", "▁b", "</s>"], [-0.2, -0.5, -0.1]) == []  # all sure enough
    argos.install(tiny_argos)
    weak = weak_words_for(SOURCES[0], ["zzzq xxqv", ""], "en", "dari")
    assert weak[1] == [] and weak[0] and set(weak[0]) <= {"zzzq", "xxqv"}
