"""Glossaries as CSV or TSV.

Two layouts are read, told apart by the header:

- **wide**, one row per concept, easy to write by hand: a column per language
  (``en``, ``fa-AF``/``prs``/``dari``, ``ps``/``pashto``, ``fa``...) holding the
  preferred term, then admitted variants separated by ``|``; ``<lang>:admitted`` and
  ``<lang>:forbidden`` columns; ``domain``, ``note``, ``pos``.
- **long**, one row per term, lossless (what export writes): ``concept, domain,
  concept_note, lang, term, status, pos, note, case_sensitive, dnt``.

A bad row stops the import with the line number; nothing is imported (one transaction
in the store).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from desktop_app.core import languages
from desktop_app.core.errors import TarjumanError
from desktop_app.core.glossary.store import (
    MAX_TERM_CHARS,
    STATUSES,
    Concept,
    GlossaryError,
    Term,
    lang_code,
)
from desktop_app.core.i18n import _
from desktop_app.core.textio import read_text, write_atomic

LONG_COLUMNS = ["concept", "domain", "concept_note", "lang", "term", "status", "pos", "note",
                "case_sensitive", "dnt"]
CONCEPT_COLUMNS = {"domain", "note", "pos", "source", "id"}
TRUE = {"1", "true", "yes", "y", "x"}
_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")



def _dialect(path: Path, header_line: str) -> str:
    if path.suffix.lower() == ".tsv" or header_line.count("\t") > header_line.count(","):
        return "\t"
    return ","


def _language_column(name: str) -> tuple[str, str] | None:
    """(language code, status) for a language column name, else None."""
    base, _, status = name.partition(":")
    status = status.strip().lower() or "preferred"
    if status not in STATUSES:
        return None
    base = base.strip()
    if not base or base.lower() in CONCEPT_COLUMNS:
        return None
    if not _LANG_TAG.match(base) and not languages.is_known(base):
        return None
    return lang_code(base), status


def read(path: Path) -> list[Concept]:
    return list(iter_read(path))


def iter_read(path: Path) -> Iterator[Concept]:
    """The concepts of a CSV/TSV file, one at a time (a wide file is never held whole as
    concepts: memory stays bounded by the text)."""
    try:
        text = read_text(path)
    except TarjumanError as exc:
        raise GlossaryError(str(exc)) from exc
    return iter_parse(text, path.name, _dialect(path, text.split("\n", 1)[0]))


def parse(text: str, name: str = "glossary.csv", delimiter: str = ",") -> list[Concept]:
    return list(iter_parse(text, name, delimiter))


def iter_parse(text: str, name: str = "glossary.csv", delimiter: str = ","
               ) -> Iterator[Concept]:
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(rows)]
    except StopIteration:
        raise GlossaryError(_("{name} is empty").format(name=name)) from None
    except csv.Error as exc:
        raise GlossaryError(_("{name}: line 1: {exc}").format(name=name, exc=exc)) from exc
    lowered = [h.lower() for h in header]
    if "lang" in lowered and "term" in lowered:
        return iter(_parse_long(rows, lowered, name))
    lang_cols = {i: col for i, h in enumerate(header) if (col := _language_column(h))}
    unknown = [h for i, h in enumerate(header)
               if i not in lang_cols and h.lower() not in CONCEPT_COLUMNS and h]
    if not lang_cols:
        raise GlossaryError(_("{name}: line 1: no language column (en, fa-AF, ps...) and no "
                              "lang+term columns; found: {columns}").format(
                                  name=name, columns=', '.join(header) or _('nothing')))
    if unknown:
        raise GlossaryError(_("{name}: line 1: unknown column(s): {columns}").format(
            name=name, columns=', '.join(unknown)))
    return _parse_wide(rows, header, lowered, lang_cols, name)


def _check_terms(cells: list[str], line: int, name: str) -> None:
    """A term cell holding a line break or a huge text is an unterminated quote that
    swallowed the rows after it: refuse the file rather than store them as one term."""
    for cell in cells:
        if "\n" in cell or "\r" in cell or len(cell) > MAX_TERM_CHARS * 20:
            raise GlossaryError(_("{name}: line {line}: a field spans several lines or is huge "
                                  "({n} characters): is a quote left open?").format(
                                      name=name, line=line, n=len(cell)))


def _parse_wide(rows: Any, header: list[str], lowered: list[str],
                lang_cols: dict[int, tuple[str, str]], name: str) -> Iterator[Concept]:
    try:
        for row in rows:
            line = rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                raise GlossaryError(_("{name}: line {line}: {n} fields, "
                                      "the header has {columns}").format(
                    name=name, line=line, n=len(row), columns=len(header)))
            cells = dict(zip(lowered, (c.strip() for c in row), strict=False))
            concept = Concept(domain=cells.get("domain", ""), ext_id=cells.get("id", ""))
            concept.note = "\n".join(x for x in (cells.get("note", ""), cells.get("source", ""))
                                     if x)
            _check_terms([row[i] for i in lang_cols if i < len(row)], line, name)
            for i, (lang, status) in lang_cols.items():
                if i >= len(row):
                    continue
                variants = [v.strip() for v in row[i].split("|") if v.strip()]
                for k, variant in enumerate(variants):
                    term_status = "admitted" if status == "preferred" and k else status
                    concept.terms.append(Term(lang, variant, term_status,
                                              pos=cells.get("pos", "")))
            if not concept.terms:
                raise GlossaryError(_("{name}: line {line}: a row without any term").format(
                    name=name, line=line))
            yield concept
    except csv.Error as exc:
        raise GlossaryError(_("{name}: line {line}: {exc}").format(
            name=name, line=rows.line_num, exc=exc)) from exc


def _parse_long(rows: Any, lowered: list[str], name: str) -> list[Concept]:
    by_key: dict[str, Concept] = {}
    try:
        for row in rows:
            line = rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            cells = dict(zip(lowered, (c.strip() for c in row), strict=False))
            text, lang = cells.get("term", ""), cells.get("lang", "")
            _check_terms([text], line, name)
            if not text or not lang:
                raise GlossaryError(_("{name}: line {line}: lang and term are required").format(
                    name=name, line=line))
            status = (cells.get("status") or "preferred").lower()
            if status not in STATUSES:
                raise GlossaryError(_("{name}: line {line}: unknown status {status!r}; use "
                                      "{statuses}").format(name=name, line=line, status=status,
                                                           statuses=", ".join(STATUSES)))
            key = cells.get("concept") or f"row{line}"
            concept = by_key.setdefault(key, Concept(domain=cells.get("domain", ""),
                                                     note=cells.get("concept_note", ""),
                                                     ext_id=key))
            concept.terms.append(Term(lang_code(lang), text, status, cells.get("pos", ""),
                                      cells.get("note", ""),
                                      cells.get("case_sensitive", "").lower() in TRUE,
                                      cells.get("dnt", "").lower() in TRUE))
    except csv.Error as exc:
        raise GlossaryError(_("{name}: line {line}: {exc}").format(
            name=name, line=rows.line_num, exc=exc)) from exc
    return list(by_key.values())


def to_text(concepts: list[Concept], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(LONG_COLUMNS)
    seen: set[str] = set()
    for n, concept in enumerate(concepts, 1):
        key = concept.ext_id or f"c{concept.id or n}"
        while key in seen:  # rows are grouped by this key on import: keep concepts apart
            key = f"{key}+"
        seen.add(key)
        for term in concept.terms:
            writer.writerow([key, concept.domain, concept.note, term.lang, term.text,
                             term.status, term.pos, term.note,
                             "true" if term.case_sensitive else "",
                             "true" if term.dnt else ""])
    return out.getvalue()


def write(path: Path, concepts: list[Concept]) -> None:
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    write_atomic(path, to_text(concepts, delimiter).encode("utf-8"))
