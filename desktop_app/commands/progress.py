"""Progress of long CLI jobs on stderr, through tqdm.

On a terminal it is tqdm's live bar; anywhere else (a pipe, a log file, CI) tqdm stays
silent and one plain line says where the job got to when it ends: no carriage returns or
redrawn bars in a log."""

from __future__ import annotations

import os
import sys
from typing import Any


def _on_terminal() -> bool:
    isatty = getattr(sys.stderr, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def _columns() -> int:
    """The terminal's width; 80 when it tells none (a terminal of 0 columns, as some
    terminals made for tools are, would get an empty bar)."""
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns or 80
    except (AttributeError, OSError, ValueError):
        return 80


class ProgressBar:
    """``bar(done, total)`` as work goes on (``total`` None when unknown), ``bar.close()``
    at the end. ``in_bytes``: done and total count bytes, shown in kB/MB."""

    def __init__(self, label: str, *, in_bytes: bool = False) -> None:
        self.label = label
        self.in_bytes = in_bytes
        self.done = 0
        self.total: int | None = None
        self.shown = False
        self._bar: Any = None

    def __call__(self, done: int, total: int | None = None) -> None:
        self.done, self.total, self.shown = done, total or None, True
        if self._bar is None:
            if not _on_terminal():
                return
            from tqdm import tqdm

            unit = {"unit": "B", "unit_scale": True, "unit_divisor": 1024} if self.in_bytes \
                else {}
            self._bar = tqdm(total=self.total, desc=self.label, file=sys.stderr, leave=True,
                             ncols=_columns(), **unit)
        if self._bar.total != self.total:
            self._bar.total = self.total
        self._bar.update(done - self._bar.n)

    def _amount(self, n: int) -> str:
        return f"{n / 1e6:.1f} MB" if self.in_bytes else str(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        elif self.shown:
            done = self._amount(self.done)
            end = f"{done}/{self._amount(self.total)}" if self.total is not None else done
            print(f"{self.label}: {end}", file=sys.stderr, flush=True)
