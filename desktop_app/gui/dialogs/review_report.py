"""The report after File > Import review: per changed segment what the reviewer removed
(struck out, red) and added (underlined, green), word by word, the comments, and the
count; the same words as ``tarjuman project import-review`` prints with ``[-…-]{+…+}``."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.core import bidi
from desktop_app.core.review import ReviewReport
from desktop_app.gui.i18n import _

REMOVED = '<s style="background:#ffd6d6;color:#1f1f1f">{}</s>'
ADDED = '<u style="background:#c9f2c9;color:#1f1f1f">{}</u>'
SHOWN = 12  # changed segments in the box; the command line prints them all


def diff_html(diff: list[tuple[str, str]]) -> str:
    parts = []
    for op, words in diff:
        text = html.escape(words)
        parts.append({"equal": text, "delete": REMOVED.format(text),
                      "insert": ADDED.format(text)}[op])
    return " ".join(parts)


def report_html(report: ReviewReport, rtl: bool) -> str:
    """The report as rich text: a paragraph per change, the target's words in their own
    direction, the summary last."""
    lines = []
    for c in report.changes[-SHOWN:]:
        if c.target_changed:
            diff = c.target_diff()
            text = diff_html(diff) if diff else html.escape(c.new_target[:70])
            lines.append(html.escape(_("segment {n}: {old} -> {new}: {text}")).format(
                n=c.segment_id, old=c.old_status.value, new=c.new_status.value,
                text=bidi.in_own_direction(text, rtl)))
        if c.note_changed:
            lines.append(html.escape(_("segment {n}: comment: {text}")).format(
                n=c.segment_id, text=bidi.in_own_direction(html.escape(c.new_note[:70]), rtl)))
    lines.append(html.escape(report.lines()[-1]))
    return "".join(f"<p>{line}</p>" for line in lines)


def show_review_report(parent: QWidget | None, report: ReviewReport, rtl: bool) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, _("Tarjuman"), "",
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("review-report")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(report_html(report, rtl))
    box.open()
    return box
