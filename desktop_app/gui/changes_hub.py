"""One signal carries every change to every view (Anki's ``operation_did_execute``): the
window's session edits (:class:`~desktop_app.core.session.Changes`), glossary steps
(:class:`~desktop_app.core.glossary.editor.GlossaryChanges`) and TM steps
(:class:`~desktop_app.core.tm_manager.TmChanges`). Whoever changes something publishes what
the core returned; whoever shows something listens and repaints what it names. No dialog
keeps a "changed" flag for its caller to read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop_app.core.glossary.editor import GlossaryChanges
from desktop_app.core.session import Changes
from desktop_app.core.tm_manager import TmChanges


class ChangesHub(QObject):
    changed = Signal(object)  # a Changes, GlossaryChanges or TmChanges value

    def publish(self, changes: object) -> None:
        """Tell every listener; a call that changed nothing is not announced."""
        if changes is not None and (bool(changes) or isinstance(changes, Changes)):
            self.changed.emit(changes)


def hub_for(widget: QObject) -> ChangesHub:
    """The hub of the window ``widget`` lives in; a dialog opened on its own gets one (kept
    on its top widget, so its own child dialogs share it)."""
    node: QObject | None = widget
    top = widget
    while node is not None:
        hub = getattr(node, "changes_hub", None)
        if isinstance(hub, ChangesHub):
            return hub
        top = node
        node = node.parent()
    hub = ChangesHub(top)
    top.changes_hub = hub  # type: ignore[attr-defined]
    return hub


def touches_glossary(changes: object) -> bool:
    return isinstance(changes, GlossaryChanges) or (
        isinstance(changes, Changes) and bool(changes.glossary))


def window_views(window: Any) -> Callable[[object], None]:
    """The editor window's listener: the grid, the glossary dock, the term highlighting,
    the QA list and the TM dock follow what a change names."""

    def show(changes: object) -> None:
        session = window.session
        if session is None:
            return
        if isinstance(changes, GlossaryChanges):  # a step of the glossary manager
            changes = session.glossary_changed(changes)  # matcher and glossary QA follow
        row = window.current_row()
        if isinstance(changes, TmChanges):
            if row is not None:
                window.panels.look_up_tm(row)
            return
        if not isinstance(changes, Changes):
            return
        window.apply(changes)
        if changes.glossary:
            window.view.viewport().update()  # the term highlighting
            if row is not None:
                window.glossary_panel.show_hits(session.glossary_hits(row)
                                                + session.offers(row))
            window.qa_panel.show_findings(session.findings)

    return show
