"""User settings: a typed schema (msgspec) read from JSON in the data dir.

The schema holds every field's type, range and choices; a bad file is refused with one line
that names the field and what it may be, in the UI language. Keys this version does not
know (written by a newer Tarjuman) are ignored on load and kept in the file when it is
written. Settings are read here and changed only through ``core/settings_door.py``.
"""

from __future__ import annotations

import getpass
import json
import re
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec

from desktop_app.core import languages
from desktop_app.core.errors import InputError, TarjumanError
from desktop_app.core.i18n import _
from desktop_app.core.paths import settings_file

Threads = Annotated[int, msgspec.Meta(ge=0, le=256)]
Beam = Annotated[int, msgspec.Meta(ge=1, le=32)]
Batch = Annotated[int, msgspec.Meta(ge=1, le=4096)]
Backups = Annotated[int, msgspec.Meta(ge=0, le=1000)]
RemoteBatch = Annotated[int, msgspec.Meta(ge=1, le=1000)]
LogProb = Annotated[float, msgspec.Meta(ge=-100.0, le=0.0)]
ReadingSpeed = Annotated[float, msgspec.Meta(ge=1.0, le=100.0)]
LineChars = Annotated[int, msgspec.Meta(ge=1, le=1000)]


class Settings(msgspec.Struct, kw_only=True):
    ui_language: str = "en"
    # Dari and Pashto UI numbers: "native" (۱۲۳) or "latin" (123)
    ui_digits: Literal["native", "latin"] = "native"
    # CTranslate2 threading: 0 = derived from the usable cores (core/mt/hardware.py; `make
    # bench` prints the throughput of each choice); a number above 0 wins.
    intra_threads: Threads = 0
    inter_threads: Threads = 0
    # "auto" (a GPU when CTranslate2 sees one), "cpu" or "cuda"
    mt_device: Literal["auto", "cpu", "cuda"] = "auto"
    mt_model: str = ""  # the model the user chose; used for every pair it serves
    beam_size: Beam = 4
    n_best: Beam = 1
    max_batch_size: Batch = 32
    batch_type: Literal["examples", "tokens"] = "examples"
    use_glossary: bool = True
    # QA mt-low-confidence: MT whose mean log-probability per token is below this
    mt_low_confidence: LogProb = -1.5
    default_target: str = "prs"
    # subtitles: characters per line and reading speed (characters per second) checked
    subtitle_line: LineChars = 42
    subtitle_cps: ReadingSpeed = 17.0
    backups_keep: Backups = 5  # rolling backups of each project, taken when it is opened
    # A team LibreTranslate server: text goes there only when a URL is set here.
    libretranslate_url: str = ""
    libretranslate_api_key: str = ""
    libretranslate_batch: RemoteBatch = 16
    prefer_remote: bool = False  # local models first unless this is set
    spelling: bool = True  # misspelt words marked in the target (when a checker can be had)
    # a folder of Hunspell .dic/.aff files read before the machine's own ("" = none)
    spell_dictionaries: str = ""
    recent: list[str] = msgspec.field(default_factory=list)  # recently opened projects
    # A team hub (PostgreSQL): the connection string without a password (libpq reads that
    # from ~/.pgpass or PGPASSWORD), the name changes are signed with, this client's id,
    # and project glossaries shared under a hub glossary name ({glossary file: name}).
    team_dsn: str = ""
    team_name: str = ""
    team_client: str = ""
    team_shared: dict[str, str] = msgspec.field(default_factory=dict)

    def user_name(self) -> str:
        """Who this user is in the TM and for the team: the team name, else the login."""
        if self.team_name:
            return self.team_name
        try:
            return getpass.getuser()
        except (OSError, KeyError):  # no login name in a bare container
            return ""

    def with_recent(self, path: str, keep: int = 8) -> list[str]:
        """The recent-projects list with ``path`` first."""
        return [path] + [p for p in self.recent if p != path][: keep - 1]

    def as_dict(self) -> dict[str, Any]:
        return {name: _plain(getattr(self, name)) for name in FIELDS}

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        path = path or settings_file()
        raw = read_raw(path)
        try:
            return validate(raw)
        except SettingsError as exc:
            raise TarjumanError(_("settings file {path}: {key!r} {problem}; correct it or "
                                  "delete the file to start from the defaults").format(
                                      path=path, key=exc.field, problem=exc.problem)) from None


FIELDS: tuple[str, ...] = Settings.__struct_fields__
SECRETS = frozenset({"libretranslate_api_key"})  # never shown or logged in clear


class SettingsError(InputError):
    """A setting with a value it cannot have: which field, and why (in the UI language)."""

    def __init__(self, field: str, problem: str):
        super().__init__(_("setting {key!r} {problem}").format(key=field, problem=problem))
        self.field = field
        self.problem = problem


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, list) else (
        dict(value) if isinstance(value, dict) else value)


def read_raw(path: Path) -> dict[str, Any]:
    """The settings file as a JSON object ({} when there is none)."""
    if not path.exists():
        return {}
    try:
        raw: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TarjumanError(_("cannot read settings file {path}: {exc}").format(
            path=path, exc=exc)) from exc
    if not isinstance(raw, dict):
        raise TarjumanError(_("settings file {path} does not hold a JSON object").format(
            path=path))
    return raw


def validate(raw: dict[str, Any]) -> Settings:
    """Settings from a mapping, checked against the schema; unknown keys are ignored."""
    known = {k: v for k, v in raw.items() if k in FIELDS}
    try:
        settings = msgspec.convert(known, Settings, strict=True)
    except msgspec.ValidationError as exc:
        found = re.search(r"at `\$\.(\w+)", str(exc))
        key = found.group(1) if found else next(iter(known), "?")
        raise SettingsError(key, explain(key, known.get(key))) from None
    for key in ("ui_language", "default_target"):
        if not languages.is_known(getattr(settings, key)):
            raise SettingsError(key, _("is not a known language: {value!r}").format(
                value=getattr(settings, key)))
    return settings


_INFO = {f.name: f.type for f in msgspec.inspect.type_info(Settings).fields}  # type: ignore[attr-defined]


def explain(key: str, value: Any) -> str:
    """Why ``value`` cannot be the setting ``key``: what the schema allows, in words."""
    kind = _INFO.get(key)
    shown = json.dumps(value, ensure_ascii=False)[:40]
    if isinstance(kind, msgspec.inspect.ListType):
        return _("must be a list of file names")
    if isinstance(kind, msgspec.inspect.DictType):
        return _("must be a table of names to text")
    if isinstance(kind, msgspec.inspect.LiteralType):
        return _("must be one of {choices}, not {value!r}").format(
            choices=", ".join(str(v) for v in kind.values), value=value)
    if isinstance(kind, msgspec.inspect.IntType):
        if isinstance(value, bool) or not isinstance(value, int):
            return _("must be a whole number, not {value}").format(value=shown)
        return _("must be between {low} and {high}, not {value}").format(
            low=kind.ge, high=kind.le, value=value)
    if isinstance(kind, msgspec.inspect.FloatType):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return _("must be a number, not {value}").format(value=shown)
        return _("must be between {low} and {high}, not {value}").format(
            low=kind.ge, high=kind.le, value=value)
    if isinstance(kind, msgspec.inspect.BoolType):
        return _("must be true or false, not {value}").format(value=shown)
    return _("must be text, not {value}").format(value=shown)


def choices(key: str) -> tuple[Any, ...]:
    """The values a choice setting may have (for a dialog's list)."""
    kind = _INFO.get(key)
    return tuple(kind.values) if isinstance(kind, msgspec.inspect.LiteralType) else ()


def bounds(key: str) -> tuple[int, int]:
    """The lowest and highest value of a number setting (for a dialog's spin box)."""
    kind = _INFO[key]
    assert isinstance(kind, msgspec.inspect.IntType)
    return int(kind.ge if kind.ge is not None else 0), int(
        kind.le if kind.le is not None else 2**31 - 1)
