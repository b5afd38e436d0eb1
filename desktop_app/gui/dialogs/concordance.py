"""Concordance (Ctrl+K): a word or phrase over the TM, the glossaries and every project's
confirmed segments, on the side the query's script belongs to (or the side chosen), hits in
context with the side they were found on and where they come from."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QVBoxLayout,
)

from desktop_app.core import languages
from desktop_app.core.concordance import KINDS, SIDE_OF_HIT, SIDES, Hit, search
from desktop_app.gui.i18n import N_, Texts, _, number

if TYPE_CHECKING:
    from desktop_app.gui.main_window import MainWindow

MARK = '<b style="background:#ffe58a;color:#1f1f1f">{}</b>'  # dark on yellow, any theme


def hit_html(hit: Hit, rtl_target: bool) -> str:
    def cell(text: str, marked: bool, rtl: bool) -> str:
        if marked:
            a, b = hit.span
            body = html.escape(text[:a]) + MARK.format(html.escape(text[a:b])) \
                + html.escape(text[b:])
        else:
            body = html.escape(text)
        direction = "rtl" if rtl else "ltr"
        return f'<td dir="{direction}" align="{"right" if rtl else "left"}">{body}</td>'

    return (f"<tr>{cell(hit.source, hit.side == 'source', False)}"
            f"{cell(hit.target, hit.side == 'target', rtl_target)}"
            f'<td><small>{html.escape(_(KINDS[hit.kind]))}, '
            f"{html.escape(_(SIDE_OF_HIT[hit.side]))}<br>{html.escape(hit.where)}"
            f"</small></td></tr>")


class ConcordanceDialog(QDialog):
    def __init__(self, window: MainWindow, query: str = ""):
        super().__init__(window)
        self.editor_window = window
        session = window.session
        self.texts = Texts()  # set again when the UI language changes
        self.texts.keep(self.setWindowTitle, N_("Concordance"))
        self.resize(760, 420)
        self.query = QLineEdit(query)
        self.side = QComboBox()
        for key, label in SIDES.items():
            self.side.addItem(_(label), key)
        find = QLabel()
        self.texts.keep(find.setText, N_("Find:"))
        self.summary = QLabel()
        self.results = QTextBrowser()
        self.hits: list[Hit] = []
        row = QHBoxLayout()
        row.addWidget(find)
        row.addWidget(self.query, 1)
        row.addWidget(self.side)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        self.query.returnPressed.connect(self.run)
        self.side.currentIndexChanged.connect(self.run)
        self.rtl_target = session is not None and languages.get(
            session.project.target_lang).is_rtl
        self.query.setFocus()
        if query:
            self.run()

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.side.blockSignals(True)
        for n, label in enumerate(SIDES.values()):
            self.side.setItemText(n, _(label))
        self.side.blockSignals(False)
        self.run()  # the summary and each hit's labels

    def run(self) -> None:
        session = self.editor_window.session
        if session is None or not self.query.text().strip():
            return
        project = session.project
        self.hits = search(self.query.text(), project.source_lang, project.target_lang,
                           side=self.side.currentData(), tm=session.tm,
                           glossaries=session.glossaries)
        self.summary.setText(_("{n} hits").format(n=number(len(self.hits))))
        rows = "".join(hit_html(h, self.rtl_target) for h in self.hits)
        self.results.setHtml(f'<table width="100%" cellpadding="4" border="0">{rows}</table>')

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)
