"""A progress line on stderr for long CLI jobs."""

from __future__ import annotations

import sys


class ProgressBar:
    def __init__(self, label: str, width: int = 30):
        self.label = label
        self.width = width
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        filled = self.width * done // total if total else self.width
        bar = "#" * filled + "-" * (self.width - filled)
        sys.stderr.write(f"\r{self.label} [{bar}] {done}/{total}")
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()
