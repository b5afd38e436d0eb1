"""The export warning counts in the UI language's digits, as the status bar around it."""

from __future__ import annotations

from desktop_app.core import languages
from desktop_app.core.session import ExportCheck


def test_export_warning_counts_in_dari_digits() -> None:
    languages.set_ui_language("prs")
    try:
        said = ExportCheck(unreviewed_mt=44, empty=3).warning()
    finally:
        languages.set_ui_language("en")
    assert "۴۴" in said and "۳" in said
    assert not any(c.isascii() and c.isdigit() for c in said)
    assert "44 segments" in ExportCheck(unreviewed_mt=44, empty=0).warning()
