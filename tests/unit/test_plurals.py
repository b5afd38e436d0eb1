"""Counted messages take the plural form of the UI language; the device line is catalogued."""

from __future__ import annotations

import pytest

from desktop_app.core import i18n
from desktop_app.core.i18n import ngettext, number
from desktop_app.core.mt.hardware import Plan
from desktop_app.core.session import ExportCheck


def counted(singular: str, plural: str, n: int) -> str:
    return ngettext(singular, plural, n).format(n=number(n))


@pytest.fixture
def ui(monkeypatch: pytest.MonkeyPatch) -> object:
    def use(code: str) -> None:
        monkeypatch.setattr(i18n, "_ui", code)
    return use


def test_english_counts_agree() -> None:
    assert ExportCheck(0, 1).warning() == "1 segment has no translation (the source is kept)"
    assert ExportCheck(2, 0).warning() == "2 segments are unreviewed machine translation"
    assert counted("{n} finding", "{n} findings", 0) == "0 findings"


def test_pashto_takes_the_catalog_plural_form(ui) -> None:  # type: ignore[no-untyped-def]
    ui("ps")
    assert counted("{n} segment", "{n} segments", 1) == "۱ برخه"
    assert counted("{n} segment", "{n} segments", 3) == "۳ برخې"
    assert ngettext("{n} segment changed", "{n} segments changed", 1) != ngettext(
        "{n} segment changed", "{n} segments changed", 2)
    assert ngettext("no such {n}", "no such {n}s", 2) == "no such {n}s"  # untranslated: English


def test_device_line_is_dari_and_isolated(ui) -> None:  # type: ignore[no-untyped-def]
    ui("prs")
    line = Plan("cpu", "int8", 1, 2).describe()
    assert "worker" not in line and "thread" not in line
    assert line.startswith("پردازنده")
    assert "\u2068int8\u2069" in line and "۲" in line and "۱" in line
    ui("en")
    assert Plan("cpu", "int8", 1, 2).describe() == (
        "CPU (\u2068int8\u2069, 2 workers × 1 thread)")


@pytest.mark.parametrize("code", ["prs", "ps"])
def test_every_plural_message_has_both_forms(code: str) -> None:
    from babel.messages.pofile import read_po

    from desktop_app.core.i18n import locale_dir

    with (locale_dir() / code / "LC_MESSAGES" / "tarjuman.po").open("rb") as fh:
        catalog = read_po(fh)
    assert catalog.num_plurals == 2
    plurals = [m for m in catalog if isinstance(m.id, tuple)]
    assert len(plurals) >= 17
    assert [m.id for m in plurals if m.fuzzy or not all(m.string)] == []
