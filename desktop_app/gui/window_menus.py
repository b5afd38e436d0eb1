"""The window's menus: every action of the registry (``gui.actions``) wired to what it
does, the menus built from it, the recent projects, and which actions are enabled while
no project is open or a job runs."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from desktop_app.gui import shaping
from desktop_app.gui.actions import MENUS, SPECS, SUBMENUS, ActionRegistry
from desktop_app.gui.dialogs import align_editor, analysis, tm_manager
from desktop_app.gui.dialogs.new_terms import open_new_terms, use_majority_spelling
from desktop_app.gui.dialogs.settings_dialog import open_settings
from desktop_app.gui.dialogs.team_dialog import open_team
from desktop_app.gui.i18n import _, isolate, number
from desktop_app.gui.mnemonics import ENGLISH
from desktop_app.gui.window_editing import MARKS

if TYPE_CHECKING:
    from desktop_app.gui.main_window import MainWindow

# what needs an open project; split and join also wait for a job that writes segments
NEEDS_PROJECT = ("export", "export_bilingual", "import_review", "confirm_next", "previous",
                 "next", "copy_mt", "copy_source", "add_term", "find", "undo", "redo",
                 "unconfirm", "go_to", "next_tag", "copy_tags", "comment", "next_issue",
                 "ignore_issue", "qa_report")
NEEDS_NO_JOB = ("pretranslate", "split", "join")


def handlers(window: MainWindow) -> dict[str, Callable[[], object]]:
    """What each action of the registry does."""
    editing, grid, panels = window.editing, window.grid, window.panels
    door, long_jobs = window.projects, window.long_jobs
    found: dict[str, Callable[[], object]] = {
        "new_project": door.ask_new_project, "open_project": door.ask_open_project,
        "export": lambda: long_jobs.ask_export(False),
        "export_bilingual": lambda: long_jobs.ask_export(True), "quit": window.close,
        "import_review": door.ask_import_review,
        "analysis": lambda: analysis.open_analysis(window),
        "tm_manager": lambda: tm_manager.open_tm_manager(window),
        "align": lambda: align_editor.open_align(window),
        "undo": window.undo, "redo": window.redo, "unconfirm": editing.unconfirm,
        "go_to": grid.ask_go_to, "concordance": editing.open_concordance,
        "next_tag": editing.insert_next_tag, "copy_tags": editing.copy_source_tags,
        "comment": editing.edit_comment, "next_issue": grid.next_issue,
        "notes": panels.notes.focus,
        "ignore_issue": panels.qa_panel.ignore_current,
        "find": editing.ask_find, "confirm_next": window.confirm_and_next,
        "previous": lambda: grid.move_by(-1), "next": lambda: grid.move_by(1),
        "copy_mt": editing.copy_mt, "copy_source": editing.copy_source,
        "add_term": editing.add_term_from_selection, "pretranslate": window.pretranslate,
        "cancel": window.cancel_job, "glossary": panels.open_glossary_manager,
        "models": panels.open_model_manager, "new_terms": lambda: open_new_terms(window),
        "fix_names": lambda: use_majority_spelling(window),
        "split": lambda: shaping.split_at_caret(window),
        "join": lambda: shaping.join_with_next(window),
        "settings": lambda: open_settings(window), "team": lambda: open_team(window),
        "qa_report": panels.open_qa_report,
        "ui_en": lambda: window.set_ui_language("en"),
        "ui_prs": lambda: window.set_ui_language("prs"),
        "ui_ps": lambda: window.set_ui_language("ps"),
        "native_digits": window.toggle_native_digits,
    }
    for key, mark in MARKS.items():
        found[key] = partial(editing.insert_text, mark)
    for n in range(1, 10):
        found[f"term_{n}"] = partial(editing.insert_term, n - 1)
        found[f"alt_{n}"] = partial(editing.insert_suggestion, n - 1)
    return found


class MenuBar:
    def __init__(self, window: MainWindow, digits_native: bool) -> None:
        self.window = window
        self.registry = ActionRegistry(window, handlers(window))
        digits = self.registry["native_digits"]
        digits.setCheckable(True)
        digits.setChecked(digits_native)
        self.menus: dict[str, QMenu] = {}
        for key, _title in MENUS + SUBMENUS:
            parent = self.menus.get(key.partition("/")[0]) if "/" in key else None
            menu = parent.addMenu("") if parent is not None else window.menuBar().addMenu("")
            menu.setMinimumWidth(260)  # a label never runs into its shortcut (RTL too)
            self.menus[key] = menu
            for spec in SPECS:
                if spec.menu == key:
                    menu.addAction(self.registry[spec.key])
        self.recent_menu = self.menus["file"].addMenu("")
        for dock in window.docks.values():
            self.menus["view"].addAction(dock.toggleViewAction())

    def retranslate(self) -> None:
        self.registry.retranslate()
        for key, title in MENUS + SUBMENUS:
            self.menus[key].setTitle(_(title))
            self.menus[key].menuAction().setProperty(ENGLISH, title)
        self.recent_menu.setTitle(_("&Recent projects"))
        self.recent_menu.menuAction().setProperty(ENGLISH, "&Recent projects")
        self.fill_recent()

    def fill_recent(self) -> None:
        window = self.window
        self.recent_menu.clear()
        for n, path in enumerate(window.settings.recent[:9], start=1):
            action = self.recent_menu.addAction(f"&{number(n)} {isolate(path.replace('&', '&&'))}")
            action.setProperty(ENGLISH, f"&{n}")
            action.triggered.connect(lambda _c=False, p=path: window.open_path(Path(p)))

    def update_enabled(self, *, has_project: bool, busy: bool) -> None:
        for key in NEEDS_PROJECT:
            self.registry[key].setEnabled(has_project)
        for key in NEEDS_NO_JOB:  # not while a job writes segments by their ids
            self.registry[key].setEnabled(has_project and not busy)
        self.registry["cancel"].setEnabled(busy)
