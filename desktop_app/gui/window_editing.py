"""The translator's editing commands in the window: type, confirm and move on, undo and
redo, take the MT, TM or source text, insert tags, marks and terms, comment, add a term,
find. Each goes to the session (one call, one undo step) and the window repaints what
the returned ``Changes`` name."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from desktop_app.core import languages
from desktop_app.core.documents.base import strip_tags
from desktop_app.core.errors import TarjumanError
from desktop_app.core.session import Changes
from desktop_app.gui.dialogs import qa_delivery
from desktop_app.gui.dialogs.messages import show_error
from desktop_app.gui.i18n import _
from desktop_app.gui.widgets.delegates import TargetDelegate
from desktop_app.gui.widgets.target_editor import SourceView, TargetEditor

if TYPE_CHECKING:
    from desktop_app.gui.dialogs.add_term import AddTermDialog
    from desktop_app.gui.main_window import MainWindow

MARKS = {"insert_zwnj": "\u200c", "insert_lrm": "\u200e", "insert_rlm": "\u200f"}


class Editing:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def editor(self) -> TargetEditor | None:
        return self.window.view.editor()

    def _open_editor(self) -> TargetEditor | None:
        return self.editor() or self.window.view.open_editor()

    def commit_editor(self) -> None:
        editor = self.editor()
        if editor is not None:
            self.window.view.commitData(editor)
            self.window.view.closeEditor(editor, TargetDelegate.EndEditHint.NoHint)

    def act(self, call: Callable[[], Changes]) -> bool:
        """One session call; its changes repainted, its refusal said in a dialog."""
        try:
            self.window.changes_hub.publish(call())
        except TarjumanError as exc:
            show_error(self.window, str(exc))
            return False
        return True

    def edit_segment(self, row: int, text: str) -> None:
        """Every typed change of a target: saved at once, one undo step."""
        session = self.window.session
        if session is not None:
            self.act(lambda: session.edit(row, text))

    def history(self, *, redo: bool) -> None:
        """Undo/redo the session's last action and go back to that segment, editing."""
        window, session = self.window, self.window.session
        if session is None:
            return
        self.commit_editor()
        changes = session.redo() if redo else session.undo()
        window.changes_hub.publish(changes)
        if changes.rows:
            window.go_to_row(changes.rows[0])

    def unconfirm(self) -> None:
        row, session = self.window.current_row(), self.window.session
        if row is not None and session is not None:
            self.act(lambda: session.unconfirm(row))

    def ignore_finding(self, row: int, code: str) -> None:
        """The QA list's Delete key / context menu: ignored in the project, for this text."""
        session = self.window.session
        if session is not None:
            self.act(lambda: session.ignore_finding(row, code))

    def replace_target(self, text: str) -> None:
        row = self.window.current_row()
        if row is not None and self.window.session is not None:
            self.commit_editor()
            self.window.edit_segment(row, text)
            self.window.view.open_editor()

    def insert_text(self, text: str) -> None:
        editor = self._open_editor()
        if editor is not None:
            editor.insertPlainText(text)

    def insert_term(self, n: int) -> None:
        self.window.panels.flush()  # the terms of the row the cursor is on
        term = self.window.glossary_panel.term(n)
        if term is not None:
            self.insert_text(term)

    def insert_suggestion(self, n: int) -> None:
        """Ctrl+Alt+1..9: the MT alternatives, then the TM matches, as the docks number them."""
        window = self.window
        window.panels.flush()  # the alternatives of the row the cursor is on
        texts = window.mt_panel.texts() + [m.target for m in window.tm_panel.matches]
        if 0 <= n < len(texts):
            self.replace_target(texts[n])

    def insert_next_tag(self) -> None:
        editor = self._open_editor()
        if editor is not None and not editor.insert_next_missing_tag():
            self.window.statusBar().showMessage(_("Every tag of the source is in the target"),
                                                4000)

    def copy_source_tags(self) -> None:
        editor = self._open_editor()
        if editor is not None:
            editor.copy_source_tags()

    def copy_mt(self) -> None:
        row, session = self.window.current_row(), self.window.session
        if row is not None and session is not None:
            seg = session.segments[row]
            if seg.mt_text:
                self.replace_target(seg.mt_text)

    def copy_source(self) -> None:
        row, session = self.window.current_row(), self.window.session
        if row is not None and session is not None:
            self.replace_target(session.segments[row].source)

    def confirm_and_next(self) -> None:
        """Ctrl+Enter: confirm (with propagation), open the next unconfirmed segment."""
        window, session = self.window, self.window.session
        row = window.current_row()
        if row is None or session is None:
            return
        editor = self.editor()
        text = editor.text() if editor is not None else None
        if editor is not None:
            window.view.closeEditor(editor, TargetDelegate.EndEditHint.NoHint)
        if not qa_delivery.confirm_allowed(window, row, text):
            window.go_to_row(row)  # back to typing in the segment that was not confirmed
            return
        if not self.act(lambda: session.confirm(row, text)):
            return
        nxt = session.next_unconfirmed(row)
        window.go_to_row(nxt if nxt is not None else row)

    def edit_comment(self) -> None:
        row, session = self.window.current_row(), self.window.session
        if row is None or session is None:
            return
        from desktop_app.gui.dialogs.comment import ask_comment

        note = ask_comment(self.window, session.segments[row].note)
        if note is not None:
            self.act(lambda: session.set_note(row, note))

    def open_concordance(self) -> None:
        from desktop_app.gui.dialogs.concordance import ConcordanceDialog

        editor = self.editor()
        selected = editor.textCursor().selectedText() if editor is not None else ""
        ConcordanceDialog(self.window, selected).show()

    def ask_find(self) -> None:
        from desktop_app.gui.dialogs.find_replace import FindReplace

        FindReplace(self.window).show()

    def add_term_from_selection(self) -> None:
        """Ctrl+T: one dialog, prefilled: the phrase selected in the source (opened read-only
        by a click on the current segment's source), and the text last selected in this
        segment's target; empty fields where nothing was selected."""
        from desktop_app.gui.dialogs.add_term import AddTermDialog

        row, session = self.window.current_row(), self.window.session
        if row is None or session is None:
            return
        seg = session.segments[row]
        source = ""  # nothing selected: the translator types the term, not the sentence
        focus = QApplication.focusWidget()
        if isinstance(focus, SourceView) and focus.textCursor().selectedText().strip():
            source = strip_tags(focus.textCursor().selectedText()).strip()
        remembered_source, selected = TargetEditor.last_selection
        if remembered_source != seg.source:
            selected = ""
        project = session.project
        dialog = AddTermDialog(self.window, source, selected, session.existing_concepts,
                               project.target_lang, languages.get(project.target_lang).is_rtl)
        if dialog.exec() and dialog.source.text().strip() and dialog.target.text().strip():
            self.act(lambda: self._add_term(dialog))

    def _add_term(self, dialog: AddTermDialog) -> Changes:
        session = self.window.session
        if session is None:
            return Changes()
        return session.add_term(dialog.source.text(), dialog.target.text(),
                                dialog.variant_of(), status=dialog.term_status(),
                                note=dialog.note.text())
