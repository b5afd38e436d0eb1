"""The editor's logic without a display (EditSession)."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.resources import sample
from desktop_app.core.segments import Status
from desktop_app.core.session import EditSession


def session(tmp_path: Path) -> EditSession:
    return EditSession.from_document(sample("panjshir.txt"), "dari",
                                     path=tmp_path / "s.tarjuman")


def test_default_project_path_is_in_the_data_dir(tarjuman_home: Path) -> None:
    s = EditSession.from_document(sample("panjshir.txt"), "dari")
    assert s.project.path.parent == tarjuman_home / "projects"
    s2 = EditSession.from_document(sample("panjshir.txt"), "dari")
    assert s2.project.path != s.project.path


def test_edit_confirm_next_and_tm(tmp_path: Path) -> None:
    s = session(tmp_path)
    s.set_target(0, "مقاومت")
    assert s.segments[0].status == Status.EDITED
    s.confirm(0)
    assert s.segments[0].status == Status.CONFIRMED
    assert s.next_unconfirmed(0) == 1
    assert s.tm.exact(s.segments[0].source, "en", "dari").target == "مقاومت"


def test_find_is_variant_aware_and_replace_all(tmp_path: Path) -> None:
    s = session(tmp_path)
    s.set_target(2, "كابل آرام است")  # Arabic kaf
    assert s.find("کابل", in_source=False) == [2]
    assert 1 in s.find("panjshir valley", in_target=False)
    assert s.find("Kab.l", in_source=True, in_target=False, regex=True)
    assert s.replace_all("آرام", "ناآرام") == 1
    assert s.segments[2].target == "كابل ناآرام است"


def test_glossary_hits_add_term_and_qa(tmp_path: Path) -> None:
    s = session(tmp_path)
    row = next(r for r, seg in enumerate(s.segments) if "Panjshir" in seg.source)
    hits = s.glossary_hits(row)
    assert any(h.targets == ["پنجشیر"] for h in hits)
    s.add_term("side valleys", "دره‌های فرعی")
    row2 = next(r for r, seg in enumerate(s.segments) if "side valleys" in seg.source)
    assert any(h.targets == ["دره‌های فرعی"] for h in s.glossary_hits(row2))
    s.set_target(row, "متن بدون اصطلاح")
    assert any(f.code == "term-missing" for f in s.findings[row])


def test_project_glossary_comes_first_and_travels(tmp_path: Path) -> None:
    from desktop_app.core.glossary.library import project_glossary_path

    s = session(tmp_path)
    assert [g.name for g in s.glossaries.glossaries] == ["project", "my-glossary", "starter"]
    s.add_term("side valleys", "دره‌های فرعی")
    assert project_glossary_path(s.project.path).exists()
    assert s.glossaries.writable.count() == 1
    path = s.project.path
    s.close()
    again = EditSession.open(path)
    assert any(h.targets == ["دره‌های فرعی"] for r in range(len(again.segments))
               for h in again.glossary_hits(r))


def test_view_state_persists(tmp_path: Path) -> None:
    s = session(tmp_path)
    s.save_view(7, "mt")
    path = s.project.path
    s.close()
    again = EditSession.open(path)
    assert again.load_view() == (7, "mt")


def test_catalogs_translate_every_ui_message() -> None:
    from babel.messages.pofile import read_po

    from desktop_app.gui.i18n import locale_dir

    with (locale_dir() / "tarjuman.pot").open("rb") as fh:
        ids = {m.id for m in read_po(fh) if m.id}
    for code in ("prs", "ps"):
        with (locale_dir() / code / "LC_MESSAGES" / "tarjuman.po").open("rb") as fh:
            done = {m.id for m in read_po(fh) if m.id and m.string}
        assert ids <= done, (code, ids - done)
