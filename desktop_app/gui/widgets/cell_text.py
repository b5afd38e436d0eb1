"""A grid cell's text: laid out in its own language's paragraph direction (a Dari
sentence ends on the left even in the English UI), tags as chips, glossary hits and find
hits highlighted, as plain text when nothing needs HTML; and drawn over its background."""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

from desktop_app.core import bidi

CHIP = ('<span style="background:#d9d9e8;color:#333;font-size:small">'
        "&nbsp;{}&nbsp;</span>")
# Highlights carry their own dark text: a selected row paints plain text in the palette's
# highlighted-text colour (white), which on yellow or light blue cannot be read.
TERM_COLOUR, FOUND_COLOUR, HIT_TEXT = "#ffe58a", "#9fd3ff", "#1f1f1f"
TERM = f'<span style="background:{TERM_COLOUR};color:{HIT_TEXT}">'
FOUND = f'<span style="background:{FOUND_COLOUR};color:{HIT_TEXT}">'
PAD = 4
# text that lays out the same as plain text and as HTML: no tags (chips), and no white space
# that HTML folds (line breaks, tabs, runs of spaces, spaces at either end)
PLAIN = re.compile(r"(?!\s)(?:[^\s⟨]| (?! ))*(?<!\s)")
def source_html(text: str, spans: list[tuple[int, int]],
                found: list[tuple[int, int]] | None = None, *, rtl: bool = False) -> str:
    """Text as HTML: spans (in tag-free offsets) highlighted, tags as chips, each chip
    isolated (and in a right-to-left line each number) so it is drawn where it stands."""
    marks: dict[int, list[str]] = {}
    for spans_of, opening in ((spans, TERM), (found or [], FOUND)):
        for a, b in spans_of:
            marks.setdefault(a, []).append(opening)
            marks.setdefault(b, []).insert(0, "</span>")
    cuts = sorted(marks)
    out: list[str] = []
    plain_pos = 0

    def emit_marks(at: int) -> None:  # the spans closing here, then those opening
        out.extend(m for m in marks[at] if m == "</span>")
        out.extend(m for m in marks[at] if m != "</span>")

    def emit_text(chunk: str) -> None:  # escaped in runs between the marks inside it
        nonlocal plain_pos
        start, end = plain_pos, plain_pos + len(chunk)
        pos = start
        for cut in cuts[bisect_left(cuts, start):bisect_left(cuts, end)]:
            out.append(html.escape(chunk[pos - start:cut - start]))
            emit_marks(cut)
            pos = cut
        out.append(html.escape(chunk[pos - start:]))
        plain_pos = end

    for kind, chunk in bidi.pieces(text):
        if kind == "tag":
            out.append(bidi.FSI + CHIP.format(html.escape(chunk[1:-1])) + bidi.PDI)
        elif kind == "number" and rtl:
            out.append(bidi.LRI)
            emit_text(chunk)
            out.append(bidi.PDI)
        else:
            emit_text(chunk)
    out.extend(m for m in marks.get(plain_pos, ()) if m == "</span>")
    return "".join(out)


def lay_out(raw: str, font: QFont, width: int, *, rtl: bool, terms: list[tuple[int, int]],
            found: list[tuple[int, int]]) -> QTextDocument:
    """A cell's text laid out at ``width``: ``terms`` and ``found`` (tag-free offsets)
    highlighted, in the language's direction."""
    doc = QTextDocument()
    doc.setDefaultFont(font)
    doc.setDocumentMargin(PAD)
    text_option = QTextOption()
    text_option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    text_option.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl
                                 else Qt.LayoutDirection.LeftToRight)
    text_option.setAlignment((Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
                             | Qt.AlignmentFlag.AlignAbsolute)
    doc.setDefaultTextOption(text_option)
    shown = bidi.for_display(raw, rtl=rtl)
    if PLAIN.fullmatch(raw) and (shown == raw or not (terms or found)):
        # no chips and no white space HTML would fold: plain text, the highlights set on
        # it (where the text is shown as stored), lays out the same lines as the HTML at
        # half its cost
        doc.setPlainText(shown)
        for spans_of, colour in ((terms, TERM_COLOUR), (found, FOUND_COLOUR)):
            for start, end in spans_of:
                highlight(doc, start, end, colour)
    else:
        direction = "rtl" if rtl else "ltr"
        doc.setHtml(f'<div dir="{direction}">{source_html(raw, terms, found, rtl=rtl)}</div>')
    doc.setTextWidth(max(10, width))
    return doc


def highlight(doc: QTextDocument, start: int, end: int, colour: str) -> None:
    """Characters ``start:end`` of a plain-text cell on ``colour``, in dark text (as
    :data:`TERM` and :data:`FOUND` do in HTML)."""
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(colour))
    fmt.setForeground(QColor(HIT_TEXT))
    cursor = QTextCursor(doc)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.mergeCharFormat(fmt)


def draw_cell(painter: Any, opt: QStyleOptionViewItem, doc: QTextDocument) -> None:
    """An item's background (selection included), then its laid-out text on top; a
    selected row's plain text in the highlighted-text colour."""
    selected = bool(opt.state & QStyle.StateFlag.State_Selected)
    if selected or opt.state & QStyle.StateFlag.State_HasFocus:
        opt.text = ""  # the style's selection and focus frame
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
    elif opt.backgroundBrush.style() != Qt.BrushStyle.NoBrush:  # all the style draws here
        painter.fillRect(opt.rect, opt.backgroundBrush)
    painter.save()
    painter.setClipRect(opt.rect)
    painter.translate(opt.rect.topLeft())
    ctx = QAbstractTextDocumentLayout.PaintContext()
    if selected:
        ctx.palette.setColor(QPalette.ColorRole.Text,
                             opt.palette.color(QPalette.ColorRole.HighlightedText))
    doc.documentLayout().draw(painter, ctx)
    painter.restore()
