"""The side docks: MT alternatives, TM matches with differences, glossary hits, QA."""

from __future__ import annotations

import html
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QTextDocument, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import bidi
from desktop_app.core.glossary.labels import status_label
from desktop_app.core.glossary.store import Term
from desktop_app.core.session import TermHit
from desktop_app.core.tm import Match, match_details
from desktop_app.gui.i18n import _, isolate, number, percent
from desktop_app.gui.widgets.cell_text import draw_cell

TEXT = Qt.ItemDataRole.UserRole + 1
HTML = Qt.ItemDataRole.UserRole + 2  # a cell's lines as rich text (GlossaryPanel)
FORBIDDEN = '<span style="color:#8a1c1c"><s>{}</s>{}</span>'
FSI, PDI = "\u2068", "\u2069"  # bidi isolation: a message keeps its own direction


def target_list(rtl: bool) -> QListWidget:
    """A list of target-language texts laid out in that language's direction (a Dari
    sentence's final period on the left), whatever the UI language."""
    widget = QListWidget()
    widget.setWordWrap(True)  # a long unbroken output wraps: no sideways scrolling
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    widget.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrapped when the dock resizes
    widget.setItemDelegate(_LinesDelegate(widget, Qt.AlignmentFlag.AlignRight if rtl
                                          else Qt.AlignmentFlag.AlignLeft))
    if rtl:
        widget.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    return widget


def _rtl_item(text: str, rtl: bool) -> QListWidgetItem:
    item = QListWidgetItem(text)
    # tags isolated (and numbers in a right-to-left line): each drawn where it stands
    item.setData(HTML, f"<p>{html.escape(bidi.for_display(text, rtl=rtl))}</p>")
    if rtl:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    return item


class MTPanel(QWidget):
    """MT alternatives (Ctrl+Alt+1..); without a model, what is missing and a button to
    Tools > Translation models."""

    use_text = Signal(str)
    open_models = Signal()

    def __init__(self, rtl: bool):
        super().__init__()
        self.rtl = rtl
        self.route_note = ""  # the model or server that answered last
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.models_button = QPushButton()
        self.models_button.setVisible(False)
        self.models_button.clicked.connect(self.open_models)
        self.list = target_list(rtl)
        # four one-line alternatives in sight at the default window size
        self.list.setMinimumHeight(4 * (self.list.fontMetrics().lineSpacing() + 6) + 8)
        self.list.itemDoubleClicked.connect(lambda item: self.use_text.emit(item.data(TEXT)))
        scroller = QScrollArea()  # a long message scrolls, it is never cut off
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        scroller.setWidget(self.status)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroller.setMinimumHeight(2 * self.fontMetrics().lineSpacing() + 8)
        self.status.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(scroller, 1)
        layout.addWidget(self.models_button)
        layout.addWidget(self.list, 3)
        self.retranslate()

    def retranslate(self) -> None:
        self.models_button.setText(_("&Translation models…").replace("&", ""))
        self.models_button.setToolTip(_("Open Tools > Translation models…"))

    def show_message(self, text: str) -> None:
        self.list.clear()
        self.list.setVisible(True)
        self.models_button.setVisible(False)
        self.status.setText(text)

    def show_no_model(self, source: str, target: str) -> None:
        """What is missing, in the window's words (not the command line's), and the way to
        a model: the empty list makes room for the message."""
        text = no_model_text(source, target)
        if self.status.text() == text and self.list.isHidden() and self.list.count() == 0:
            return  # said already (every row change of a pair with no model asks again)
        self.show_message(text)
        self.list.setVisible(False)
        self.models_button.setVisible(True)

    def show_alternatives(self, texts: list[str], note: str = "",
                          weak: list[list[str]] | None = None) -> None:
        """``weak``: for each text, the words the model was least sure of (in the tooltip)."""
        if note:
            self.route_note = note  # shown again while the next answer is on its way
        self.list.clear()
        self.list.setVisible(True)
        self.models_button.setVisible(False)
        for n, text in enumerate(texts, 1):
            item = _rtl_item(f"{number(n)}. {text}" if n < 10 else text, self.rtl)
            item.setData(TEXT, text)
            tip = f"Ctrl+Alt+{n}" if n < 10 else ""
            words = weak[n - 1] if weak and n <= len(weak) else []
            if words:
                tip += "\n" + _("Least sure of: {words}").format(
                    words=isolate("، ".join(words) if self.rtl else ", ".join(words)))
            item.setToolTip(tip.strip())
            self.list.addItem(item)
        self.status.setText(note)

    def texts(self) -> list[str]:
        return [str(self.list.item(i).data(TEXT)) for i in range(self.list.count())]


class TMPanel(QWidget):
    use_text = Signal(str)

    def __init__(self, rtl: bool):
        super().__init__()
        self.rtl = rtl
        self.list = target_list(rtl)
        self.diff = QTextBrowser()
        self.matches: list[Match] = []
        self.list.currentRowChanged.connect(self._show_diff)
        self.list.itemDoubleClicked.connect(
            lambda item: self.use_text.emit(self.matches[self.list.row(item)].target))
        two_lines = 2 * (self.fontMetrics().lineSpacing() + 6) + 8
        self.list.setMinimumHeight(two_lines)  # small minimums: the glossary dock below
        self.diff.setMinimumHeight(two_lines)  # gets the height the docks can spare
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.diff)

    def show_matches(self, matches: list[Match]) -> None:
        self.matches = matches
        self.list.clear()
        for m in matches:
            self.list.addItem(_rtl_item(f"{percent(int(m.score))}  {m.target}", self.rtl))
        if matches:
            self.list.setCurrentRow(0)
        else:
            self.show_message(_("No translation memory match"))

    def show_waiting(self) -> None:
        """A lookup is under way: no matches (nothing to insert) until it answers."""
        self.matches = []
        self.list.clear()
        self.show_message(_("Searching the translation memory…"))

    def show_message(self, message: str) -> None:
        self.diff.setHtml(f"<i>{html.escape(message)}</i>")

    def _show_diff(self, row: int) -> None:
        """The TM source against this segment, word by word, and where the unit came from:
        words only in this segment underlined, words only in the TM struck through."""
        if not 0 <= row < len(self.matches):
            return
        match = self.matches[row]
        parts = []
        for op, words in match.diff:
            text = html.escape(words)
            parts.append({"equal": text,
                          "delete": f'<u style="background:#d6e8ff;color:#1f1f1f">{text}</u>',
                          "insert": f'<s style="background:#ffd6d6;color:#1f1f1f">{text}</s>'}[op])
        details = html.escape(" · ".join(match_details(match)))
        legend = _("underlined: only in this segment; struck through: only in the TM")
        self.diff.setHtml(f'<p dir="ltr">{" ".join(parts) or html.escape(match.source)}</p>'
                          f"<p><small>{details}</small><br>"
                          f'<small style="color:#666">{html.escape(legend)}</small></p>')


class _LinesDelegate(QStyledItemDelegate):
    """A cell drawn from its HTML role, one paragraph a line, each line in its own
    direction, aligned as the view asks, wrapped at words or, for an unbroken run, anywhere (the
    style's own wrapping would elide it); rows fit the wrapped text."""

    CACHE = 200  # laid-out lines kept: a dock is measured again on every row change

    def __init__(self, view: QAbstractItemView, align: Qt.AlignmentFlag):
        super().__init__(view)
        self.view, self.align = view, align
        self._docs: OrderedDict[tuple[str, int, str], QTextDocument] = OrderedDict()

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
                  ) -> QTextDocument:
        """The cell laid out, cached by its HTML, width and font."""
        text = str(index.data(HTML) or "")
        view = self.view
        width = view.columnWidth(index.column()) if isinstance(view, QTableWidget) \
            else view.viewport().width() - 2 * (view.spacing() if isinstance(view, QListView)
                                                 else 0)
        key = (text, max(10, width), option.font.key())
        doc = self._docs.get(key)
        if doc is not None:
            self._docs.move_to_end(key)
            return doc
        doc = self._docs[key] = self._layout(option, text, key[1])
        if len(self._docs) > self.CACHE:
            self._docs.popitem(last=False)
        return doc

    def _layout(self, option: QStyleOptionViewItem, text: str, width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(3)
        text_option = QTextOption(self.align | Qt.AlignmentFlag.AlignAbsolute)
        # lines aligned right are target-language lines: laid out right to left, so a date
        # suggestion reads ۲۹ اسد ۱۴۰۰ from the right (left to right it read اسد ۱۴۰۰ ۲۹)
        text_option.setTextDirection(Qt.LayoutDirection.RightToLeft
                                     if self.align & Qt.AlignmentFlag.AlignRight
                                     else Qt.LayoutDirection.LeftToRight)
        text_option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(text_option)
        doc.setHtml(text)
        doc.setTextWidth(width)
        return doc

    def paint(self, painter: Any, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        if index.data(HTML) is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        draw_cell(painter, opt, self._document(opt, index))

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        if index.data(HTML) is None:
            return super().sizeHint(option, index)
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()))


def term_lines(hit: TermHit) -> tuple[str, str]:
    """A hit's target terms as plain lines and as HTML: only a forbidden term's line in
    the warning colour, its term struck through; every line keeps its status."""
    plain, rich = [], []
    for t in hit.terms:
        rest = f" · {status_label(t.status, t.status_detail)}" + (
            f" — {t.note}" if t.note else "")
        plain.append(t.text + rest)
        text, rest = html.escape(t.text), html.escape(rest)
        rich.append(FORBIDDEN.format(text, rest) if t.status == "forbidden" else text + rest)
    if not plain:
        plain = [" | ".join(hit.targets) or _("(no target term)")]
        rich = [html.escape(plain[0])]
    return "\n".join(plain), "".join(f"<p>{line}</p>" for line in rich)


def term_details(hit: TermHit) -> tuple[str, str]:
    """What the tooltips add to a hit, as plain lines: the concept's subject, definition
    and note with the source term's part of speech and context (source cell); each target
    term's part of speech and context (target cell)."""
    concept, source = hit.concept, hit.hit.term
    lines = [hit.note]
    if concept is not None:
        lines += [_("Subject: {domain}").format(domain=concept.domain) if concept.domain else "",
                  _("Definition: {text}").format(text=concept.definition(source.lang))
                  if concept.definition(source.lang) else ""]
    lines += _term_facts(source)
    target = [line for t in hit.terms for line in (
        [t.text] + [f"  {fact}" for fact in _term_facts(t)] if _term_facts(t) else [])]
    if concept is not None and hit.terms and concept.definitions.get(hit.terms[0].lang):
        target.append(_("Definition: {text}").format(
            text=concept.definitions[hit.terms[0].lang]))
    return "\n".join(x for x in lines if x), "\n".join(target)


def _term_facts(term: Term) -> list[str]:
    out = [_("Part of speech: {pos}").format(pos=term.pos)] if term.pos else []
    out += [_("Context: {text}").format(text=line) for line in term.context.split("\n") if line]
    return out


class GlossaryPanel(QTableWidget):
    """Glossary hits of the current segment: key, source term, every target term with its
    status (forbidden ones struck through, in red: that line only) and the notes; no
    horizontal scrolling."""

    def __init__(self) -> None:
        super().__init__(0, 3)
        self.hits: list[TermHit] = []
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)  # one line per term or note, elided: several hits in sight
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setMinimumSectionSize(20)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self.setColumnWidth(0, self.fontMetrics().horizontalAdvance("Ctrl+9") + 12)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setItemDelegateForColumn(2, _LinesDelegate(self, Qt.AlignmentFlag.AlignRight))
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels(["", _("Source term"), _("Target term")])

    def show_hits(self, hits: list[TermHit]) -> None:
        self.hits = hits
        self.setRowCount(len(hits))
        for row, hit in enumerate(hits):
            key = QTableWidgetItem(f"Ctrl+{row + 1}" if row < 9 else "")
            self.setItem(row, 0, key)
            # the concept's note under the source term, in its own (source) direction: in
            # the target column a note like "Dari تیلفون" read as one more target term
            source = QTableWidgetItem("\n".join(x for x in (hit.hit.text, hit.note) if x))
            about_source, about_targets = term_details(hit)
            source.setToolTip(about_source)
            self.setItem(row, 1, source)
            plain, rich = term_lines(hit)
            target = QTableWidgetItem(plain)
            target.setData(HTML, rich)
            target.setToolTip("\n".join(x for x in (plain, about_targets) if x))
            target.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                                    | Qt.AlignmentFlag.AlignVCenter)
            self.setItem(row, 2, target)
        self.resizeRowsToContents()

    def term(self, n: int) -> str | None:
        if 0 <= n < len(self.hits) and self.hits[n].targets:
            return self.hits[n].targets[0]
        return None


def no_model_text(source: str, target: str) -> str:
    """The editor's sentence for a language pair no installed model serves."""
    from desktop_app.core import languages

    return _("No installed model translates {source} into {target}. Download or install "
             "one in Tools > Translation models.").format(
        source=languages.get(source).display_name(), target=languages.get(target).display_name())
