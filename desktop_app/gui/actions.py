"""Every action of the editor in one registry: text, shortcut, menu and handler.

Texts are message ids; ``retranslate()`` sets them again in the current UI language
(the Frescobaldi pattern), so the language can change while the window is open.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from desktop_app.gui.i18n import N_, _, isolate, number
from desktop_app.gui.mnemonics import ENGLISH


@dataclass(frozen=True, slots=True)
class Spec:
    key: str
    text: str
    shortcut: str = ""
    menu: str = ""


SPECS: tuple[Spec, ...] = (
    Spec("new_project", N_("&New project from document…"), "Ctrl+N", "file"),
    Spec("open_project", N_("&Open project…"), "Ctrl+O", "file"),
    Spec("export", N_("&Export translation…"), "Ctrl+E", "file"),
    Spec("export_bilingual", N_("Export &bilingual…"), "", "file"),
    Spec("import_review", N_("&Import review…"), "", "file"),
    Spec("analysis", N_("&Analysis…"), "", "file"),
    Spec("quit", N_("&Quit"), "Ctrl+Q", "file"),
    Spec("undo", N_("&Undo"), "Ctrl+Z", "edit"),
    Spec("redo", N_("&Redo"), "Ctrl+Shift+Z", "edit"),
    Spec("find", N_("&Find and replace…"), "Ctrl+F", "edit"),
    Spec("concordance", N_("C&oncordance…"), "Ctrl+K", "edit"),
    Spec("insert_zwnj", N_("Insert zero-width non-joiner (ZWNJ)"), "Ctrl+Shift+2", "edit"),
    Spec("insert_lrm", N_("Insert left-to-right mark (LRM)"), "", "edit"),
    Spec("insert_rlm", N_("Insert right-to-left mark (RLM)"), "", "edit"),
    Spec("confirm_next", N_("&Confirm and go to next"), "Ctrl+Return", "segment"),
    Spec("unconfirm", N_("&Unconfirm"), "Ctrl+Shift+Return", "segment"),
    Spec("go_to", N_("&Go to segment…"), "Ctrl+G", "segment"),
    Spec("previous", N_("&Previous segment"), "Ctrl+Up", "segment"),
    Spec("next", N_("&Next segment"), "Ctrl+Down", "segment"),
    Spec("copy_mt", N_("Copy &MT to target"), "Ctrl+I", "segment"),
    Spec("copy_source", N_("Copy &source to target"), "Ctrl+Shift+I", "segment"),
    Spec("add_term", N_("Add &term from selection"), "Ctrl+T", "segment"),
    Spec("next_tag", N_("Insert next missing &tag"), "Ctrl+Shift+T", "segment"),
    Spec("copy_tags", N_("Copy source t&ags"), "Ctrl+Alt+T", "segment"),
    Spec("comment", N_("Co&mment…"), "Ctrl+M", "segment"),
    Spec("notes", N_("Notes from the &file"), "Ctrl+Alt+N", "segment"),
    Spec("next_issue", N_("Next &QA issue"), "F8", "segment"),
    Spec("fix_names", N_("Use the majorit&y spelling of a name"), "Ctrl+Shift+M", "segment"),
    Spec("ignore_issue", N_("Ignore QA &finding"), "Shift+F8", "segment"),
    Spec("split", N_("Spl&it segment at the caret"), "Ctrl+Shift+S", "segment"),
    Spec("join", N_("&Join with the next segment"), "Ctrl+Shift+J", "segment"),
    *(Spec(f"term_{n}", "Insert glossary term {n}", f"Ctrl+{n}", "segment/terms")
      for n in range(1, 10)),
    *(Spec(f"alt_{n}", "Insert suggestion {n} (MT, then TM)", f"Ctrl+Alt+{n}",
           "segment/suggestions") for n in range(1, 10)),
    Spec("pretranslate", N_("&Pretranslate document"), "Ctrl+Shift+P", "translate"),
    Spec("cancel", N_("&Cancel translation"), "", "translate"),
    Spec("glossary", N_("&Glossary…"), "", "tools"),
    Spec("new_terms", N_("&New terms…"), "Ctrl+Shift+N", "tools"),
    Spec("models", N_("&Translation models…"), "", "tools"),
    Spec("tm_manager", N_("Translation &memory…"), "", "tools"),
    Spec("align", N_("&Align documents…"), "", "tools"),
    Spec("settings", N_("&Settings…"), "", "tools"),
    Spec("team", N_("Te&am…"), "", "tools"),
    Spec("qa_report", N_("QA &report…"), "", "tools"),
    Spec("ui_en", "English", "", "language"),
    Spec("ui_prs", "دری", "", "language"),
    Spec("ui_ps", "پښتو", "", "language"),
    Spec("native_digits", N_("&Dari and Pashto digits ({digits})"), "", "language"),
)
# each language's own name is its menu item; the Latin fallback mnemonic comes from these
LATIN_NAMES = {"ui_en": "English", "ui_prs": "Dari", "ui_ps": "Pashto"}
MENUS = (("file", N_("&File")), ("edit", N_("&Edit")), ("segment", N_("&Segment")),
         ("translate", N_("&Translate")), ("view", N_("&View")), ("tools", N_("T&ools")),
         ("language", N_("&Language")))
SUBMENUS = (("segment/terms", N_("Insert glossary &term")),
            ("segment/suggestions", N_("Insert MT or TM &suggestion")))
N_("Insert glossary term {n}")
N_("Insert suggestion {n} (MT, then TM)")


class ActionRegistry:
    def __init__(self, owner: QWidget, handlers: Mapping[str, Callable[[], object]]):
        self.actions: dict[str, QAction] = {}
        for spec in SPECS:
            action = QAction(owner)
            action.setObjectName(spec.key)
            if spec.shortcut:
                action.setShortcut(QKeySequence(spec.shortcut))
            handler = handlers.get(spec.key)
            if handler is not None:
                action.triggered.connect(lambda _checked=False, h=handler: h())
            owner.addAction(action)
            self.actions[spec.key] = action
        self.retranslate()

    def __getitem__(self, key: str) -> QAction:
        return self.actions[key]

    def retranslate(self) -> None:
        """Texts in the UI language; mnemonics are given per menu afterwards
        (``mnemonics.assign_all``), the English text kept for the Latin fallback."""
        for spec in SPECS:
            n = spec.key.removeprefix("term_").removeprefix("alt_")
            action = self.actions[spec.key]
            if n.isdigit():
                action.setText(_(spec.text).format(n=number(int(n))))
                action.setProperty(ENGLISH, spec.text.format(n=n))
            elif spec.key in LATIN_NAMES:  # a language's own name, in every UI language
                action.setText(spec.text)
                action.setProperty(ENGLISH, LATIN_NAMES[spec.key])
            else:  # (the digits item shows them, isolated: an example, not a number)
                action.setText(_(spec.text).replace("{digits}", isolate("۱۲۳")))
                action.setProperty(ENGLISH, spec.text)
