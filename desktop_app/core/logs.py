"""Logging to a rotating file under the data dir. No document text is logged by default."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from desktop_app.core.paths import logs_dir

_configured: str | None = None


def setup_logging(level: int = logging.INFO) -> logging.Logger:
    global _configured
    root = logging.getLogger("tarjuman")
    try:
        path = logs_dir() / "tarjuman.log"
    except OSError:  # the data dir cannot be written: commands say so themselves
        root.addHandler(logging.NullHandler())
        return root
    if _configured == str(path):
        return root
    for old in list(root.handlers):
        root.removeHandler(old)
        old.close()
    # A full disk or an unwritable log must never print "Logging error" tracebacks.
    logging.raiseExceptions = False
    handler: logging.Handler
    try:
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3,
                                      encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    root.propagate = False
    _configured = str(path)
    return root


def get_logger(name: str) -> logging.Logger:
    return logging.getLogger(f"tarjuman.{name}")
