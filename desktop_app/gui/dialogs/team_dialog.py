"""Tools > Team: connect to the team hub, see how things stand, sync now, disconnect, settle
conflicts. The same core functions as ``tarjuman team connect|status|sync|disconnect``;
everything that touches the hub (or reads the outbox) runs as a background job.

The password has its own field, never echoed: it is used to check the connection and is not
saved (libpq reads it from ~/.pgpass or PGPASSWORD afterwards, as on the command line).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui import jobs
from desktop_app.gui.dialogs.fit import fit_height
from desktop_app.gui.i18n import _, ngettext, number

if TYPE_CHECKING:
    from desktop_app.core.team.sync import Status, SyncReport
    from desktop_app.gui.main_window import MainWindow


def _when(ts: float | None) -> str:
    if not ts:
        return _("never")
    stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(ts))
    return "".join(number(int(ch)) if ch.isdigit() else ch for ch in stamp)


def _with_password(dsn: str, password: str) -> str:
    if not password:
        return dsn
    from psycopg import conninfo

    from desktop_app.core.team.hub import clean_dsn

    clean_dsn(dsn)  # a malformed string is refused in the core's words, not libpq's
    return conninfo.make_conninfo(dsn, password=password)


class TeamDialog(QDialog):
    def __init__(self, parent: QWidget | None = None,
                 on_synced: Callable[[SyncReport], object] | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Team"))
        self.on_synced = on_synced
        self.job: jobs.Op[Any] | None = None
        self.waiting: list[Callable[[], None]] = []
        self.status: Status | None = None

        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.clock = QLabel()
        self.clock.setWordWrap(True)
        self.clock.setStyleSheet("color: #b00020")
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setObjectName("outcome")
        self.outcome.setVisible(False)
        self.quarantine = QListWidget()  # each row whole, wrapped: the why is never cut
        self.quarantine.setWordWrap(True)
        self.quarantine.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.quarantine.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.quarantine.setMaximumHeight(130)
        self.quarantine_title = QLabel(_("Hub rows kept out of this computer, and why:"))

        self.dsn = QLineEdit()
        self.dsn.setPlaceholderText("host=db.lan dbname=team user=farida")
        self.dsn.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)  # never echoed
        self.password.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.name = QLineEdit()
        self.connect_button = QPushButton(_("&Connect"))
        self.connect_button.clicked.connect(self.connect_hub)
        connect_box = QGroupBox(_("Connect to a team hub"))
        form = QFormLayout(connect_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, field in ((_("Connection &string:"), self.dsn),
                            (_("&Password (not saved):"), self.password),
                            (_("Your &name on the hub:"), self.name)):
            caption = QLabel(text)
            caption.setBuddy(field)
            form.addRow(caption, field)
        form.addRow(self.connect_button)

        self.sync_button = QPushButton(_("S&ync now"))
        self.sync_button.clicked.connect(lambda: self.sync_now())
        self.disconnect_button = QPushButton(_("&Disconnect"))
        self.disconnect_button.clicked.connect(self.disconnect_hub)
        self.conflicts_button = QPushButton()
        self.conflicts_button.clicked.connect(self.open_conflicts)
        actions = QHBoxLayout()
        for button in (self.sync_button, self.conflicts_button, self.disconnect_button):
            actions.addWidget(button)
        actions.addStretch(1)
        state_box = QGroupBox(_("Team hub"))
        column = QVBoxLayout(state_box)
        for widget in (self.state, self.clock, self.outcome, self.quarantine_title,
                       self.quarantine):
            column.addWidget(widget)
        column.addLayout(actions)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(state_box)
        layout.addWidget(connect_box)
        layout.addWidget(close)
        self.setMinimumWidth(560)
        self.refresh()

    # -- jobs ----------------------------------------------------------------------------

    def _run(self, work: Callable[[], Any], done: Callable[[Any], object], busy: str,
             said: str = "") -> None:
        """One job at a time, off the GUI thread (the next waits its turn); an error is
        shown under the status, below ``said``."""
        if self.job is not None:
            self.waiting.append(lambda: self._run(work, done, busy, said))
            return
        if busy:
            self._say(busy)
        self._set_busy(True)

        def finished() -> None:
            self.job = None
            self._set_busy(False)
            if self.waiting:
                self.waiting.pop(0)()

        def failed(exc: BaseException) -> None:
            self._say("\n".join(filter(None, [said, jobs.message(exc)])))
            self.refresh()

        self.job = jobs.Op(lambda _ctx: work()).success(done).failure(failed).finished(
            finished).run_in_background()

    def _set_busy(self, busy: bool) -> None:
        connected = bool(self.status and self.status.connected)
        self.connect_button.setEnabled(not busy)
        self.sync_button.setEnabled(not busy and connected)
        self.disconnect_button.setEnabled(not busy and connected)

    @property
    def busy(self) -> bool:
        return self.job is not None or bool(self.waiting)

    def refresh(self) -> None:
        """How things stand (no network: the outbox, conflicts and quarantine are local)."""
        def work() -> Status:
            from desktop_app.core.team import sync

            return sync.status()

        def show(status: Status) -> None:
            self.status = status
            self._show(status)

        self._run(work, show, "")

    def connect_hub(self) -> None:
        dsn, name = self.dsn.text().strip(), self.name.text().strip()
        if not dsn:
            self._say(_("Enter the connection string your team gave you."))
            self.dsn.setFocus()
            return
        password = self.password.text()

        def work() -> tuple[Any, bool]:
            from desktop_app.core.team import sync

            return sync.connect_hub(_with_password(dsn, password), name)

        def done(result: tuple[Any, bool]) -> None:
            info, had_password = result
            self.password.clear()
            role = _("editor") if info.can_write else _("reviewer (read-only)")
            said = _("Connected to the team hub as {user} ({role}).").format(
                user=info.user, role=role)
            if had_password:
                said += " " + _("The password was used to connect and not saved: keep it in "
                                "~/.pgpass or PGPASSWORD for the syncs to come.")
            self._say(said)
            self.sync_now(said)

        self._run(work, done, _("Connecting…"))

    def sync_now(self, said: str = "") -> None:
        """A sync as a job; ``said`` (what connecting said) stays above its outcome."""
        def work() -> SyncReport:
            from desktop_app.core.team import sync

            return sync.sync()

        def done(report: SyncReport) -> None:
            lines = [_("sent {pushed} changes, got {terms} glossary changes and {tm} TM units; "
                       "{conflicts} new conflicts; {waiting} waiting").format(
                           pushed=number(report.pushed), terms=number(report.pulled_terms),
                           tm=number(report.pulled_tm), conflicts=number(report.new_conflicts),
                           waiting=number(report.waiting))]
            lines += [_("not sent (the hub does not take it): {why}").format(why=why)
                      for why in report.held]
            self._say("\n".join([said, *lines] if said else lines))
            if self.on_synced is not None:
                self.on_synced(report)
            self.refresh()

        self._run(work, done, said or _("Syncing…"), said)

    def disconnect_hub(self) -> None:
        def work() -> None:
            from desktop_app.core.team import sync

            sync.disconnect()

        def done(_result: None) -> None:
            self._say(_("Disconnected: your changes keep waiting here for the next "
                                   "connection."))
            self.refresh()

        self._run(work, done, _("Disconnecting…"))

    def open_conflicts(self) -> None:
        from desktop_app.gui.dialogs.team_conflicts import ConflictsDialog

        ConflictsDialog(self).exec()
        self.refresh()

    # -- showing -------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.outcome.setText(text)
        self.outcome.setVisible(bool(text))
        fit_height(self)

    def _show(self, st: Status) -> None:
        if st.connected:
            lines = [_("Connected to {hub}, signing as {name}.").format(
                hub="\u2066" + st.hub + "\u2069", name=st.name)]
            if not self.dsn.text():
                self.name.setText(st.name)
        else:
            lines = [_("Not connected to a team hub.")]
        lines.append(ngettext("{n} change waiting to be sent", "{n} changes waiting to be sent",
                              st.waiting).format(n=number(st.waiting)))
        lines.append(_("Last sync: {when}").format(when=_when(st.last_sync)))
        if st.offline_since:
            lines.append(_("Offline since {when}").format(when=_when(st.offline_since)))
        if st.last_error:
            lines.append(st.last_error)
        self.state.setText("\n".join(lines))
        from desktop_app.commands.team_cmd import _skew  # the CLI's words for the clock

        self.clock.setText(_skew(st.clock_skew))
        self.clock.setVisible(bool(self.clock.text()))
        self.quarantine.clear()
        for q in st.quarantine:
            self.quarantine.addItem(_("kept out of {glossary}: hub {kind} {id}: {why}").format(
                glossary=q.glossary, kind=q.kind, id=q.id, why=q.why))
        self.quarantine.setVisible(bool(st.quarantine))
        self.quarantine_title.setVisible(bool(st.quarantine))
        n = len(st.conflicts)
        self.conflicts_button.setText(_("Con&flicts ({n})…").format(n=number(n)))
        self.conflicts_button.setEnabled(n > 0)
        self._set_busy(self.job is not None)
        fit_height(self)


def open_team(window: MainWindow) -> None:
    """Tools > Team; a sync here updates the window as its own background sync does."""
    def synced(report: SyncReport) -> None:
        window.team_sync._done(("ok", report, ""))  # the status bar word, new terms marked

    TeamDialog(window, synced).exec()
    window.settings = type(window.settings).load()  # connect/disconnect went through the door
    window.team_sync.sync_now()  # starts the minute timer after a first connection
