"""Shared fixtures: a private data dir per test, a socket guard, tiny real models."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixtures.tiny_models import build_argos_package, build_madlad_model, build_nllb_model

ROOT = Path(__file__).resolve().parents[1]


class SocketGuard:
    """Refuses and counts every connection that would leave the machine."""

    def __init__(self) -> None:
        self.attempts: list[object] = []

    def check(self, address: object) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and (host.startswith("127.") or host in ("::1", "localhost")):
            return
        if isinstance(address, (str, bytes)):  # AF_UNIX
            return
        self.attempts.append(address)
        raise OSError(f"network access blocked in tests: {address!r}")


@pytest.fixture(autouse=True)
def socket_guard(monkeypatch: pytest.MonkeyPatch) -> SocketGuard:
    guard = SocketGuard()
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: object) -> None:
        guard.check(address)
        return real_connect(self, address)  # type: ignore[arg-type]

    def connect_ex(self: socket.socket, address: object) -> int:
        guard.check(address)
        return real_connect_ex(self, address)  # type: ignore[arg-type]

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        guard.check((host, 0))
        return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return guard


@pytest.fixture(autouse=True)
def tarjuman_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "tarjuman-home"
    home.mkdir()
    monkeypatch.setenv("TARJUMAN_HOME", str(home))
    # the machine's Hunspell dictionaries are not the tests': none unless a test installs one
    monkeypatch.setenv("DICPATH", str(tmp_path / "no-system-dictionaries"))
    from desktop_app.core import languages

    languages.set_ui_language("en")
    return home


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("tiny-models")


@pytest.fixture(scope="session")
def tiny_argos(models_dir: Path) -> Path:
    """A real .argosmodel (en -> fa) with a tiny random model."""
    return build_argos_package(models_dir / "translate-en_fa.argosmodel")


@pytest.fixture(scope="session")
def tiny_nllb(models_dir: Path) -> Path:
    """A folder shaped like a CTranslate2 NLLB-200 conversion."""
    return build_nllb_model(models_dir / "nllb-tiny")


@pytest.fixture(scope="session")
def tiny_madlad(models_dir: Path) -> Path:
    """A folder shaped like a CTranslate2 MADLAD-400 (T5) conversion."""
    return build_madlad_model(models_dir / "madlad-tiny")


def run_cli(*args: str, home: Path, extra_env: dict[str, str] | None = None,
            timeout: float = 120, input_text: str | None = None,
            ) -> subprocess.CompletedProcess[str]:
    """Run ``python -m desktop_app`` as a real process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARGOS_", "XDG_"))}
    env.update({"TARJUMAN_HOME": str(home), "PYTHONPATH": str(ROOT)})
    env.update(extra_env or {})
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], capture_output=True,
                          text=True, env=env, timeout=timeout, cwd=ROOT, input=input_text)


@pytest.fixture
def cli(tarjuman_home: Path) -> Iterator[object]:
    def call(*args: str, **kw: object) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, home=tarjuman_home, **kw)  # type: ignore[arg-type]

    yield call


@pytest.fixture
def cli_inproc(tarjuman_home: Path, capfd: pytest.CaptureFixture[str]) -> Iterator[object]:
    """``tarjuman ARGS`` through :func:`desktop_app.cli.main` in this process: the same
    entry point as ``cli`` without a process start-up per call (for long input corpora)."""
    import signal

    from desktop_app.cli import main

    handler = signal.getsignal(signal.SIGTERM)

    def call(*args: str, timeout: float = 0) -> subprocess.CompletedProcess[str]:
        capfd.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        finally:
            signal.signal(signal.SIGTERM, handler)
        out, err = capfd.readouterr()
        return subprocess.CompletedProcess(list(args), code, out, err)

    yield call
