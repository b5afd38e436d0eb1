"""The glossaries of a data dir: the user's writable one and the shipped starter set.

The starter term base is built from the CSV files in ``glossaries/`` on first start (and
rebuilt when the shipped files change), written to a temp file and renamed into place.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from desktop_app.core.glossary import csvio
from desktop_app.core.glossary.enforce import Enforcer
from desktop_app.core.glossary.matcher import Matcher
from desktop_app.core.glossary.store import SCHEMA_VERSION, Glossary, GlossarySet
from desktop_app.core.paths import sub_dir
from desktop_app.core.resources import shipped
from desktop_app.core.textnorm import FOLD_VERSION

STARTER_FILES = ("afghanistan-politics.csv", "dari-vs-iranian.csv")


def user_glossary_path() -> Path:
    return sub_dir("glossaries") / "my-glossary.sqlite"


def starter_path() -> Path:
    return sub_dir("glossaries") / "starter.sqlite"


def _starter_digest() -> str:
    h = hashlib.sha256(f"schema {SCHEMA_VERSION}".encode())  # a new schema rebuilds it
    h.update(f"fold {FOLD_VERSION}".encode())  # and so does new folding
    for name in STARTER_FILES:
        h.update(shipped("glossaries", name).read_bytes())
    return h.hexdigest()[:16]


def ensure_starter() -> Path:
    path = starter_path()
    digest = _starter_digest()
    stamp = path.with_suffix(".version")
    if path.exists() and stamp.exists() and stamp.read_text() == digest:
        return path
    fd, tmp = tempfile.mkstemp(prefix=".starter-", suffix=".sqlite", dir=path.parent)
    os.close(fd)
    try:
        glossary = Glossary(tmp, name="starter")
        for name in STARTER_FILES:
            glossary.add_concepts(csvio.read(shipped("glossaries", name)))
        glossary.close()
        os.replace(tmp, path)
        stamp.write_text(digest)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return path


def open_user() -> Glossary:
    return Glossary(user_glossary_path(), name="my-glossary")


def open_default() -> GlossarySet:
    """The user's glossary (writable, first) and the starter term base (read-only)."""
    user = open_user()
    starter = Glossary(ensure_starter(), name="starter", readonly=True)
    return GlossarySet([user, starter])


def project_glossary_path(project: Path) -> Path:
    """A project's own glossary lives beside the project file and travels with it."""
    return project.with_name(project.name + ".glossary.sqlite")


def open_for_project(project: Path) -> GlossarySet:
    """The project's glossary (writable, shown first), then the user's, then the starter."""
    own = Glossary(project_glossary_path(project), name="project")
    user = open_user()  # created on first use, then only read from here
    user.readonly = True
    starter = Glossary(ensure_starter(), name="starter", readonly=True)
    return GlossarySet([own, user, starter])


def default_enforcer(source: str, target: str, project: Path | None = None,
                     texts: Iterable[str] | None = None) -> Enforcer:
    """Enforce the project's glossary (if any), the user's and the starter terms; given
    the ``texts`` to translate, only the terms they can use are read from a big glossary."""
    with open_for_project(project) if project else open_default() as glossaries:
        concepts = glossaries.concepts() if texts is None else glossaries.concepts_for(
            texts, source)
        return Enforcer(Matcher(source, concepts), target)
