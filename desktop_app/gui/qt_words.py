"""Qt's own words in the UI language: the standard buttons of every dialog (OK, Cancel,
Yes, No...) come from a QTranslator that answers from the Tarjuman catalogs, so a Dari or
Pashto dialog has no English button. Other Qt texts keep Qt's English."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTranslator

from desktop_app.gui.i18n import N_, _

CONTEXTS = frozenset({"QPlatformTheme", "QDialogButtonBox", "QMessageBox"})
WORDS = frozenset({
    N_("OK"), N_("Cancel"), N_("&Yes"), N_("&No"), N_("Yes to &All"), N_("N&o to All"),
    N_("Close"), N_("Save"), N_("Save All"), N_("Open"), N_("Discard"), N_("Apply"),
    N_("Reset"), N_("Restore Defaults"), N_("Help"), N_("Abort"), N_("Retry"), N_("Ignore"),
})


class CatalogTranslator(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        if context in CONTEXTS and source in WORDS:
            return _(source)  # the language of the moment: a switch needs no reinstall
        return None  # not ours: Qt's own text


def install(owner: QObject) -> None:
    """Once per application (the translator lives as long as its owner)."""
    if owner.findChild(CatalogTranslator) is None:
        QCoreApplication.installTranslator(CatalogTranslator(owner))
