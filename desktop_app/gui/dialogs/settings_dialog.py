"""Tools > Settings: translation engine and model, beam, threads, alternatives, the team's
LibreTranslate server, backups and the translator's name, over the settings door.

Ranges and choices come from the settings schema; a value the core refuses is named next to
its field and nothing is saved. OK saves through ``change_settings`` and the window reacts to
what changed (a new model or server: the MT dock routes the current segment again).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import languages
from desktop_app.core.errors import TarjumanError
from desktop_app.core.settings import Settings, SettingsError, bounds
from desktop_app.core.settings_door import SettingsChange, change_settings
from desktop_app.gui.dialogs.fit import fit_height
from desktop_app.gui.dialogs.messages import show_error
from desktop_app.gui.i18n import N_, _, isolate

if TYPE_CHECKING:
    from desktop_app.gui.main_window import MainWindow

DEVICES = (("auto", N_("Automatic (a graphics card when there is one)")),
           ("cpu", N_("Processor (CPU)")), ("cuda", N_("Graphics card (CUDA)")))
NUMBERS = (("beam_size", N_("&Beam size:")), ("n_best", N_("&Alternatives shown (n-best):")),
           ("intra_threads", N_("&Threads per translation:")),
           ("inter_threads", N_("&Parallel translations:")),
           ("backups_keep", N_("Back&ups kept per project:")))
SPELL_KEYS = frozenset({"spelling", "spell_dictionaries"})
MT_KEYS = frozenset({"mt_model", "mt_device", "beam_size", "n_best", "intra_threads",
                     "inter_threads", "libretranslate_url", "libretranslate_api_key",
                     "prefer_remote"})


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Settings"))
        self.change: SettingsChange | None = None
        settings = Settings.load()
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

        self.model = QComboBox()
        self.model.addItem(_("The best published quality for each pair"), "")
        from desktop_app.core.mt.routing import installed_models

        ids = [m.id for m in installed_models()]
        for model_id in ids:
            self.model.addItem(model_id, model_id)
        if settings.mt_model and settings.mt_model not in ids:
            self.model.addItem(_("{model} (not installed)").format(
                model=isolate(settings.mt_model)), settings.mt_model)
        self.model.setCurrentIndex(max(0, self.model.findData(settings.mt_model)))
        self.device = QComboBox()
        for code, label in DEVICES:
            self.device.addItem(_(label), code)
        self.device.setCurrentIndex(max(0, self.device.findData(settings.mt_device)))
        self.target = QComboBox()
        for lang in (languages.DARI, languages.PASHTO):
            self.target.addItem(lang.display_name(), lang.code)
        self.target.setCurrentIndex(max(0, self.target.findData(
            languages.get(settings.default_target).code)))
        self.numbers: dict[str, QSpinBox] = {}
        for key, _label in NUMBERS:
            spin = QSpinBox()
            spin.setRange(*bounds(key))
            spin.setValue(getattr(settings, key))
            if key.endswith("_threads"):
                spin.setSpecialValueText(_("Automatic"))
            self.numbers[key] = spin
        self.url = QLineEdit(settings.libretranslate_url)
        self.url.setPlaceholderText("http://host:port")
        self.url.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.api_key = QLineEdit(settings.libretranslate_api_key)
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)  # never shown in clear
        self.api_key.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.prefer = QCheckBox(_("Use the &server before local models"))
        self.prefer.setChecked(settings.prefer_remote)
        self.spelling = QCheckBox(_("Mark misspelt &words in the target"))
        self.spelling.setChecked(settings.spelling)
        self.dictionaries = QLineEdit(settings.spell_dictionaries)
        self.dictionaries.setToolTip(_("none: the dictionaries you installed and the "
                                       "system's"))
        browse = QPushButton(_("Brows&e…"))
        browse.clicked.connect(self.choose_dictionaries)
        folder_row = QWidget()
        row = QHBoxLayout(folder_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.dictionaries, 1)
        row.addWidget(browse)
        self.name = QLineEdit(settings.team_name)
        self.name.setPlaceholderText(settings.user_name())

        mt = self._group(_("Machine translation"), [
            ("mt_model", _("&Model:"), self.model), ("mt_device", _("Runs &on:"), self.device),
            *[(key, _(label), self.numbers[key]) for key, label in NUMBERS[:4]]])
        server = self._group(_("Team LibreTranslate server (text is sent there)"), [
            ("libretranslate_url", _("Server add&ress:"), self.url),
            ("libretranslate_api_key", _("API &key:"), self.api_key),
            ("prefer_remote", "", self.prefer)])
        spelling = self._group(_("Spelling"), [
            ("spelling", "", self.spelling),
            ("spell_dictionaries", _("&Dictionary folder (Hunspell .dic/.aff):"), folder_row)])
        work = self._group(_("Projects and you"), [
            ("default_target", _("Translate &into:"), self.target),
            ("backups_keep", _(NUMBERS[4][1]), self.numbers["backups_keep"]),
            ("team_name", _("Your &name (in the TM and for the team):"), self.name)])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        columns = QHBoxLayout()  # two columns: the whole dialog fits a 1366×768 screen
        for groups in ((mt, spelling), (server, work)):
            column = QVBoxLayout()
            for group in groups:
                column.addWidget(group)
            column.addStretch(1)
            columns.addLayout(column)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(buttons)

    def _group(self, title: str, rows: list[tuple[str, str, QWidget]]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label, widget in rows:
            error = QLabel()
            error.setObjectName(f"error-{key}")
            error.setWordWrap(True)
            error.setStyleSheet("color: #b00020")
            error.setVisible(False)
            cell = QWidget()
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(error)
            if label:
                caption = QLabel(label)
                caption.setBuddy(widget)
                form.addRow(caption, cell)
            else:
                form.addRow(cell)
            self.fields[key], self.errors[key] = widget, error
        return box

    def values(self) -> dict[str, Any]:
        """What the dialog shows, as settings (the server address checked here)."""
        url = self.url.text().strip()
        if url:
            from desktop_app.core.mt.libretranslate import check_url

            try:
                url = check_url(url)
            except TarjumanError as exc:
                raise SettingsError(field="libretranslate_url", problem=str(exc)) from None
        folder = self.dictionaries.text().strip()
        if folder and not Path(folder).is_dir():
            raise SettingsError(field="spell_dictionaries", problem=_(
                "{folder} is not a folder").format(folder=isolate(folder)))
        name = self.name.text().strip()
        if name:
            from desktop_app.core.team import rules

            why = rules.bad_name(name, _("the name"))
            if why:
                raise SettingsError(field="team_name", problem=why)
        return {"mt_model": self.model.currentData(), "mt_device": self.device.currentData(),
                "default_target": self.target.currentData(),
                **{key: spin.value() for key, spin in self.numbers.items()},
                "libretranslate_url": url, "libretranslate_api_key": self.api_key.text().strip(),
                "prefer_remote": self.prefer.isChecked() and bool(url), "team_name": name,
                "spelling": self.spelling.isChecked(), "spell_dictionaries": folder}

    def choose_dictionaries(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Dictionary folder"),
                                                  self.dictionaries.text())
        if folder:
            self.dictionaries.setText(folder)

    def show_problem(self, key: str, text: str) -> None:
        for label in self.errors.values():
            label.setVisible(False)
        # a setting this dialog does not show (a damaged file): said at the top
        label = self.errors.get(key) or self.errors["mt_model"]
        label.setText(text)
        label.setVisible(True)
        fit_height(self)
        self.fields.get(key, self.model).setFocus()

    def save(self) -> None:
        try:
            self.change = change_settings(**self.values())
        except SettingsError as exc:
            self.show_problem(exc.field, exc.problem)
            return
        except TarjumanError as exc:  # the file cannot be read or written
            self.show_problem("", str(exc))
            return
        self.accept()


def open_settings(window: MainWindow) -> SettingsChange | None:
    """Tools > Settings: the dialog, then the window follows what changed."""
    try:
        dialog = SettingsDialog(window)
    except TarjumanError as exc:  # the file was damaged since the window opened
        show_error(window, str(exc))
        return None
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.change:
        return None
    follow(window, dialog.change)
    return dialog.change


def follow(window: MainWindow, change: SettingsChange) -> None:
    window.settings = change.settings
    session = window.session
    if SPELL_KEYS.intersection(change.new) and session is not None:
        from desktop_app.core.spell.vocabulary import checker_for_session
        from desktop_app.gui.models.segments import TARGET
        from desktop_app.gui.widgets import spelling

        session.set_spell(checker_for_session(session))
        delegate: Any = window.view.itemDelegateForColumn(TARGET)
        delegate.spell = session.spell
        spelling.show_state(window, session.spell, session.project.target_lang)
        window.view.viewport().update()
    if MT_KEYS.intersection(change.new) and window.session is not None:
        window.mt_panel.show_message("")
        row = window.current_row()
        if row is not None:
            window.panels.show_mt(row)  # routed again: the new model or server answers
