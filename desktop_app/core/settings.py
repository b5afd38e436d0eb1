"""User settings: a dataclass persisted as JSON in the data dir, written atomically."""

from __future__ import annotations

import getpass
import json
import os
import tempfile
from dataclasses import MISSING, asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from desktop_app.core import languages
from desktop_app.core.errors import TarjumanError
from desktop_app.core.i18n import _
from desktop_app.core.paths import settings_file

RANGES = {"intra_threads": (0, 256), "inter_threads": (0, 256), "beam_size": (1, 32),
          "n_best": (1, 32), "max_batch_size": (1, 4096), "backups_keep": (0, 1000),
          "libretranslate_batch": (1, 1000), "mt_low_confidence": (-100.0, 0.0)}
CHOICES = {"batch_type": ("examples", "tokens"), "mt_device": ("auto", "cpu", "cuda"),
           "ui_digits": ("native", "latin")}


def _check_field(key: str, value: Any) -> str:
    """Why ``value`` cannot be the setting ``key``, or "" if it can."""
    default = Settings.__dataclass_fields__[key]
    expected = type(default.default) if default.default_factory is MISSING else type(
        default.default_factory())
    if expected is list:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return _("must be a list of file names")
        return ""
    if expected is dict:
        if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            return _("must be a table of names to text")
        return ""
    if expected is int and (isinstance(value, bool) or not isinstance(value, int)):
        return _("must be a whole number, not {value}").format(value=json.dumps(value)[:40])
    if expected is float and (isinstance(value, bool) or not isinstance(value, (int, float))):
        return _("must be a number, not {value}").format(value=json.dumps(value)[:40])
    if expected not in (int, float) and not isinstance(value, expected):
        return (_("must be true or false, not {value}") if expected is bool else
                _("must be text, not {value}")).format(value=json.dumps(value)[:40])
    if key in RANGES and not RANGES[key][0] <= value <= RANGES[key][1]:
        return _("must be between {low} and {high}, not {value}").format(
            low=RANGES[key][0], high=RANGES[key][1], value=value)
    if key in CHOICES and value not in CHOICES[key]:
        return _("must be one of {choices}, not {value!r}").format(
            choices=", ".join(CHOICES[key]), value=value)
    if key in ("ui_language", "default_target") and not languages.is_known(value):
        return _("is not a known language: {value!r}").format(value=value)
    return ""


@dataclass(slots=True)
class Settings:
    ui_language: str = "en"
    ui_digits: str = "native"  # Dari and Pashto UI numbers: "native" (۱۲۳) or "latin" (123)
    # CTranslate2 threading: 0 = derived from the usable cores (core/mt/hardware.py; `make
    # bench` prints the throughput of each choice); a number above 0 wins.
    intra_threads: int = 0
    inter_threads: int = 0
    mt_device: str = "auto"  # "auto" (a GPU when CTranslate2 sees one), "cpu" or "cuda"
    mt_model: str = ""  # the model the user chose; used for every pair it serves
    beam_size: int = 4
    n_best: int = 1
    max_batch_size: int = 32
    batch_type: str = "examples"  # or "tokens"
    use_glossary: bool = True
    # QA mt-low-confidence: MT whose mean log-probability per token is below this
    mt_low_confidence: float = -1.5
    default_target: str = "prs"
    backups_keep: int = 5  # rolling backups of each project, taken when it is opened
    # A team LibreTranslate server: text goes there only when a URL is set here.
    libretranslate_url: str = ""
    libretranslate_api_key: str = ""
    libretranslate_batch: int = 16
    prefer_remote: bool = False  # local models first unless this is set
    recent: list[str] = field(default_factory=list)  # recently opened projects
    # A team hub (PostgreSQL): the connection string without a password (libpq reads that
    # from ~/.pgpass or PGPASSWORD), the name changes are signed with, this client's id,
    # and project glossaries shared under a hub glossary name ({glossary file: name}).
    team_dsn: str = ""
    team_name: str = ""
    team_client: str = ""
    team_shared: dict[str, str] = field(default_factory=dict)

    def user_name(self) -> str:
        """Who this user is in the TM and for the team: the team name, else the login."""
        if self.team_name:
            return self.team_name
        try:
            return getpass.getuser()
        except (OSError, KeyError):  # no login name in a bare container
            return ""

    def remember(self, path: str, keep: int = 8) -> None:
        self.recent = [path] + [p for p in self.recent if p != path][: keep - 1]

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        path = path or settings_file()
        if not path.exists():
            return cls()
        try:
            raw: Any = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise TarjumanError(_("cannot read settings file {path}: {exc}").format(
                path=path, exc=exc)) from exc
        if not isinstance(raw, dict):
            raise TarjumanError(_("settings file {path} does not hold a JSON object").format(
                path=path))
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in raw.items() if k in known}
        for key, value in values.items():
            problem = _check_field(key, value)
            if problem:
                raise TarjumanError(_("settings file {path}: {key!r} {problem}; correct it or "
                                      "delete the file to start from the defaults").format(
                                          path=path, key=key, problem=problem))
        return cls(**values)

    def save(self, path: Path | None = None) -> None:
        path = path or settings_file()
        fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(asdict(self), fh, indent=2, ensure_ascii=False)
            os.chmod(tmp, 0o600)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
