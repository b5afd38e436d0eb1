"""Background sync with the team hub, and its word in the status bar.

When a hub is set, a sync runs as a background job soon after start and then every minute
(a click on the status text runs one now); the window never waits on it. The label says
"synced", "N changes waiting" or "offline since …". When the team's glossary changes
arrive, the open project's matcher is rebuilt and the grid repainted, so the new terms are
highlighted at once.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QLabel

from desktop_app.core.errors import TarjumanError
from desktop_app.core.settings import Settings
from desktop_app.gui import jobs
from desktop_app.gui.i18n import _, ngettext, number

if TYPE_CHECKING:
    from desktop_app.gui.main_window import MainWindow

INTERVAL_MS = 60_000


def _work(ctx: jobs.Context) -> tuple[str, Any, str]:
    from desktop_app.core.team import sync
    from desktop_app.core.team.hub import HubUnreachable

    try:
        return "ok", sync.sync(), ""
    except HubUnreachable as exc:
        return "offline", sync.status(), str(exc)
    except TarjumanError as exc:  # refused (a reviewer), not a hub, too new...
        return "refused", sync.status(), str(exc)


class TeamSync(QObject):
    def __init__(self, window: MainWindow, interval_ms: int = INTERVAL_MS):
        super().__init__(window)
        self.window = window
        self.job: jobs.Op[tuple[str, Any, str]] | None = None
        self.again = False  # a sync was asked for while one ran
        self.state: tuple[str, Any, str] | None = None
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.linkActivated.connect(lambda _link: self.sync_now())
        self.label.setVisible(False)
        window.statusBar().addPermanentWidget(self.label)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.sync_now)
        window.installEventFilter(self)
        if Settings.load().team_dsn:
            self.timer.start()
            QTimer.singleShot(1000, self.sync_now)

    def sync_now(self) -> None:
        """A sync now; asked during one, one more right after it (what changed on the hub
        since that one started is fetched too)."""
        if self.job is not None:
            self.again = True
            return
        if not Settings.load().team_dsn:
            return
        if not self.timer.isActive():
            self.timer.start()
        self.job = jobs.Op(_work).success(self._done).failure(
            lambda exc: self._failed(jobs.message(exc))).finished(self._finished)
        self.job.run_in_background()
        self._show(_("Team: syncing…"))

    @property
    def busy(self) -> bool:
        return self.job is not None

    def _finished(self) -> None:
        self.job = None
        if self.again:
            self.again = False
            self.sync_now()

    def _failed(self, message: str) -> None:
        self.state = ("error", None, message)
        self._show(_("Team: sync failed"), message)

    def _done(self, result: tuple[str, Any, str]) -> None:
        self.state = result
        kind, info, message = result
        if kind == "ok":
            if info.waiting:
                text = ngettext("Team: {n} change waiting", "Team: {n} changes waiting",
                                info.waiting).format(n=number(info.waiting))
            else:
                text = _("Team: synced {time}").format(time=time.strftime("%H:%M"))
            if info.pulled_terms:
                self._glossary_changed()
            self._show(text, message)
            return
        waiting = number(info.waiting)
        if kind == "offline":
            since = time.strftime("%H:%M", time.localtime(info.offline_since or time.time()))
            text = ngettext("Team: offline since {time}, {n} change waiting",
                            "Team: offline since {time}, {n} changes waiting",
                            info.waiting).format(time=since, n=waiting)
        else:
            text = ngettext("Team: not sent ({n} change waiting)",
                            "Team: not sent ({n} changes waiting)", info.waiting).format(n=waiting)
        self._show(text, message)

    def _show(self, text: str, tip: str = "") -> None:
        self.label.setText(f'<a href="sync" style="text-decoration:none">{text}</a>')
        self.label.setToolTip(tip or _("Click to sync with the team hub now"))
        self.label.setVisible(True)

    def _glossary_changed(self) -> None:
        """A sync brought glossary changes: every view reads the glossaries again."""
        from desktop_app.core.glossary.editor import GlossaryChanges
        from desktop_app.gui.changes_hub import hub_for

        hub_for(self.window).publish(GlossaryChanges(other=True))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.timer.stop()
            self.again = False
            if self.job is not None:
                QThreadPool.globalInstance().waitForDone(10_000)
        return False
