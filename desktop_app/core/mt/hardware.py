"""Where and how wide CTranslate2 runs: the usable cores (CPU affinity and cgroup quota
respected), the threads derived from them, and an NVIDIA GPU when CTranslate2 sees one.

Defaults, measured with ``make bench``: one intra thread per translator worker and one
worker (``inter_threads``) per usable core, capped at 8 (beyond that batches get too small
to keep workers busy and each worker holds its own scratch memory). A user setting above
zero wins over the derived value.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import ctranslate2

from desktop_app.core.i18n import _, isolate, ngettext, number

MAX_WORKERS = 8


@dataclass(frozen=True, slots=True)
class Plan:
    """How a model is loaded; part of the engine cache key (decode options never are)."""

    device: str  # "cpu" or "cuda"
    compute_type: str  # what CTranslate2 runs: int8 on CPU, int8_float16 on GPU
    intra_threads: int
    inter_threads: int

    def describe(self) -> str:
        """Where a model runs, in the UI language, its Latin names isolated so the
        brackets keep their place in a right-to-left line."""
        if self.device == "cuda":
            return _("GPU ({device}, {compute_type})").format(
                device=isolate("cuda"), compute_type=isolate(self.compute_type))
        workers = ngettext("{n} worker", "{n} workers", self.inter_threads).format(
            n=number(self.inter_threads))
        threads = ngettext("{n} thread", "{n} threads", self.intra_threads).format(
            n=number(self.intra_threads))
        return _("CPU ({compute_type}, {workers} × {threads})").format(
            compute_type=isolate(self.compute_type), workers=workers, threads=threads)


def _cgroup_cpus(root: Path = Path("/sys/fs/cgroup")) -> float | None:
    """The CPU quota of this process's cgroup (v2 ``cpu.max`` or v1 cfs files), if any."""
    try:
        quota, period = (root / "cpu.max").read_text().split()[:2]
        if quota != "max":
            return int(quota) / int(period)
        return None
    except (OSError, ValueError):
        pass
    try:
        q = int((root / "cpu" / "cpu.cfs_quota_us").read_text())
        p = int((root / "cpu" / "cpu.cfs_period_us").read_text())
        return q / p if q > 0 and p > 0 else None
    except (OSError, ValueError):
        return None


def usable_cores(cgroup_root: Path = Path("/sys/fs/cgroup")) -> int:
    """Cores this process may run on: affinity mask, then cgroup quota, at least 1."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    quota = _cgroup_cpus(cgroup_root)
    if quota is not None:
        cores = min(cores, max(1, int(quota + 0.5)))
    return max(1, cores)


def cuda_devices() -> int:
    try:
        return int(ctranslate2.get_cuda_device_count())
    except (RuntimeError, OSError):
        return 0


def plan(intra_threads: int = 0, inter_threads: int = 0, device: str = "auto",
         cores: int | None = None) -> Plan:
    """The load plan: settings above zero win; zero means derived from the machine."""
    use_gpu = device == "cuda" or (device == "auto" and cuda_devices() > 0)
    if use_gpu:
        return Plan("cuda", "int8_float16", max(1, intra_threads or 1),
                    max(1, inter_threads or 1))
    cores = cores or usable_cores()
    intra = intra_threads if intra_threads > 0 else 1
    inter = inter_threads if inter_threads > 0 else max(1, min(MAX_WORKERS, cores // intra))
    return Plan("cpu", "int8", intra, inter)
