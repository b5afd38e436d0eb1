"""File > Analysis: segments, words and characters per TM match band, with the weights
table the translator prices from (editable, saved as the default), CSV and HTML export.
The analysis runs as a background job (its own project connection) with a progress bar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop_app.core.analysis import (
    BAND_LABELS,
    BANDS,
    Analysis,
    analyze_files,
    load_weights,
    save_weights,
)
from desktop_app.core.textio import check_output, write_atomic
from desktop_app.gui import file_dialogs, jobs
from desktop_app.gui.dialogs.messages import show_error
from desktop_app.gui.i18n import _, number, shown_number

if TYPE_CHECKING:
    from desktop_app.gui.main_window import MainWindow


def _fmt(value: float) -> str:
    return shown_number(f"{value:g}" if float(value).is_integer() else f"{value:.1f}")


class AnalysisDialog(QDialog):
    def __init__(self, project_path: Path, parent: Any = None, *, start: bool = True):
        super().__init__(parent)
        self.project_path = project_path
        self.analysis: Analysis | None = None
        self.op: jobs.Op[Analysis] | None = None
        self.setWindowTitle(_("Analysis: {name}").format(name=project_path.name))
        self.resize(820, 560)
        self.summary = QLabel(_("Analysing against the translation memory…"))
        self.summary.setWordWrap(True)
        self.progress = QProgressBar()
        self.table = QTableWidget(len(BANDS) + 1, 6)
        self.table.setHorizontalHeaderLabels([_("Band"), _("Segments"), _("Words"),
                                              _("Characters"), _("Weight"),
                                              _("Weighted words")])
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        weights = load_weights()
        self.spins: dict[str, QDoubleSpinBox] = {}
        for row, band in enumerate(BANDS):
            self.table.setItem(row, 0, QTableWidgetItem(_(BAND_LABELS[band])))
            spin = QDoubleSpinBox()
            spin.setRange(0, 1000)
            spin.setDecimals(0)
            spin.setSuffix("%")
            spin.setValue(weights[band])
            spin.setAccessibleName(_("Weight of {band}").format(band=_(BAND_LABELS[band])))
            spin.valueChanged.connect(self._refresh)
            self.table.setCellWidget(row, 4, spin)
            self.spins[band] = spin
        self.table.setItem(len(BANDS), 0, QTableWidgetItem(_("Total")))
        self.save_button = QPushButton(_("&Save weights as default"))
        self.save_button.clicked.connect(self.save_default)
        self.csv_button = QPushButton(_("Export &CSV…"))
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.html_button = QPushButton(_("Export &HTML…"))
        self.html_button.clicked.connect(lambda: self.export("html"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row_layout = QHBoxLayout()
        for button in (self.save_button, self.csv_button, self.html_button):
            row_layout.addWidget(button)
        row_layout.addStretch(1)
        row_layout.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addLayout(row_layout)
        self._set_ready(False)
        if start:
            self.start()

    def start(self) -> None:
        path = self.project_path

        def work(ctx: jobs.Context) -> Analysis:
            return analyze_files([path], on_progress=lambda d, t: ctx.report((d, t)),
                                 cancelled=ctx.cancelled)

        self.op = (jobs.Op(work, key="analysis").success(self.show_result)
                   .failure(self._failed).progress(self._progress).run_in_background())

    def _progress(self, value: tuple[int, int]) -> None:
        done, total = value
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(jobs.message(exc))
        self.progress.setVisible(False)

    def _set_ready(self, ready: bool) -> None:
        for button in (self.csv_button, self.html_button):
            button.setEnabled(ready)

    def weights(self) -> dict[str, float]:
        return {band: spin.value() for band, spin in self.spins.items()}

    def show_result(self, result: Analysis) -> None:
        self.analysis = result
        self.progress.setVisible(False)
        self._set_ready(True)
        self.summary.setText(_("{segments} segments of {name} against {units} translation "
                               "memory units").format(
            segments=number(sum(c.segments for c in result.bands().values())),
            name=self.project_path.name, units=number(result.tm_units)))
        self._refresh()

    def _refresh(self) -> None:
        if self.analysis is None:
            return
        self.analysis.weights = self.weights()
        bands = self.analysis.bands()
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, band in enumerate(BANDS):
            count = bands[band]
            weighted = count.words * self.analysis.weights[band] / 100
            for col, value in ((1, count.segments), (2, count.words), (3, count.characters),
                               (5, weighted)):
                item = QTableWidgetItem(_fmt(value))
                item.setTextAlignment(right)
                self.table.setItem(row, col, item)
        total = self.analysis.as_json()["total"]
        for col, key in ((1, "segments"), (2, "words"), (3, "characters"),
                         (5, "weighted_words")):
            item = QTableWidgetItem(_fmt(total[key]))
            item.setTextAlignment(right)
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            self.table.setItem(len(BANDS), col, item)

    def save_default(self) -> None:
        save_weights(self.weights())
        self.summary.setText(_("The weights are saved: every analysis starts with them."))

    def export(self, kind: str) -> None:
        if self.analysis is None:
            return
        suffix = ".csv" if kind == "csv" else ".html"
        suggestion = self.project_path.with_name(self.project_path.stem + "-analysis" + suffix)
        name = file_dialogs.save_file(self, _("Export the analysis"), "", str(suggestion))
        if name:
            self.write(Path(name), kind)

    def write(self, path: Path, kind: str) -> None:
        assert self.analysis is not None
        try:
            check_output(path, [self.project_path])
            write_atomic(path, self.analysis.csv() if kind == "csv" else self.analysis.html(),
                         [self.project_path])
        except Exception as exc:  # one dialog with one sentence
            show_error(self, jobs.message(exc))
            return
        self.summary.setText(_("wrote {file}").format(file=path))

    def done(self, code: int) -> None:
        if self.op is not None:
            self.op.cancel()
        super().done(code)


def open_analysis(window: MainWindow) -> None:
    """File > Analysis for the open project."""
    from desktop_app.gui.dialogs.messages import show_info

    if window.session is None:
        show_info(window, _("Open a project first: the analysis counts its segments."))
        return
    AnalysisDialog(window.session.project.path, window).exec()
