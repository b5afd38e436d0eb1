"""Concordance (Ctrl+K): a word or phrase over the TM, the glossaries and every project's
confirmed segments, source or target side, hits in context with where they come from."""

from __future__ import annotations

import html
from typing import Any

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
from desktop_app.core.concordance import KINDS, Hit, search
from desktop_app.gui.i18n import _, number

MARK = '<b style="background:#ffe58a;color:#1f1f1f">{}</b>'  # dark on yellow, any theme


def hit_html(hit: Hit, side: str, rtl_target: bool) -> str:
    def cell(text: str, marked: bool, rtl: bool) -> str:
        if marked:
            a, b = hit.span
            body = html.escape(text[:a]) + MARK.format(html.escape(text[a:b])) \
                + html.escape(text[b:])
        else:
            body = html.escape(text)
        direction = "rtl" if rtl else "ltr"
        return f'<td dir="{direction}" align="{"right" if rtl else "left"}">{body}</td>'

    return (f"<tr>{cell(hit.source, side == 'source', False)}"
            f"{cell(hit.target, side == 'target', rtl_target)}"
            f'<td><small>{html.escape(_(KINDS[hit.kind]))}<br>{html.escape(hit.where)}'
            f"</small></td></tr>")


class ConcordanceDialog(QDialog):
    def __init__(self, window: Any, query: str = ""):
        super().__init__(window)
        self.editor_window = window
        session = window.session
        self.setWindowTitle(_("Concordance"))
        self.resize(760, 420)
        self.query = QLineEdit(query)
        self.side = QComboBox()
        self.side.addItems([_("Source"), _("Target")])
        self.summary = QLabel()
        self.results = QTextBrowser()
        self.hits: list[Hit] = []
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Find:")))
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

    def run(self) -> None:
        session = self.editor_window.session
        if session is None or not self.query.text().strip():
            return
        side = "source" if self.side.currentIndex() == 0 else "target"
        project = session.project
        self.hits = search(self.query.text(), project.source_lang, project.target_lang,
                           side=side, tm=session.tm, glossaries=session.glossaries)
        self.summary.setText(_("{n} hits").format(n=number(len(self.hits))))
        rows = "".join(hit_html(h, side, self.rtl_target) for h in self.hits)
        self.results.setHtml(f'<table width="100%" cellpadding="4" border="0">{rows}</table>')

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)
