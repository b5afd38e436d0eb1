import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def shown_window(qtbot, size: tuple[int, int] = (1200, 800)):  # type: ignore[no-untyped-def]
    """A main window at the size a translator's screen gives it, shown, active, exposed."""
    from desktop_app.gui.app import make_app
    from desktop_app.gui.main_window import MainWindow

    make_app()
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


def docks_follow(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Wait for the docks to follow the cursor (they do a frame after the grid moved)."""
    qtbot.waitUntil(lambda: not window.panels.follow_timer.isActive(), timeout=5_000)


def text_runs(doc):  # type: ignore[no-untyped-def]
    """Every run of text (``QTextFragment``) of a laid-out document, in order."""
    runs = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            runs.append(it.fragment())
            it += 1
        block = block.next()
    return runs
