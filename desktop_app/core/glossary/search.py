"""Glossary search, ranked: a term that is the query comes first, then terms that hold it,
then terms the query is an inflected form of (``جنگسالاران`` finds ``جنگ‌سالار``: the
ending tables of ``core.inflection``, checked by the same matcher as term QA), and only
then concepts whose notes mention it (``kabul`` finds Kabul before Parwan, whose note says
"north of Kabul"). Each result says which it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop_app.core.glossary.matcher import Matcher
from desktop_app.core.glossary.model import Concept, lang_code

if TYPE_CHECKING:
    from desktop_app.core.glossary.store import Glossary
from desktop_app.core.i18n import N_
from desktop_app.core.inflection import endings_for, english_singular
from desktop_app.core.textnorm import fold, is_arabic_text

# How each result was found, best first; the labels are shown to the user.
EXACT, TERM, INFLECTED, NOTE = 0, 1, 2, 3
KIND_LABELS = (N_("term"), N_("in a term"), N_("inflected form of a term"), N_("note"))
KIND_NAMES = ("term", "in-term", "inflected", "note")
MAX_STEMS = 64
ARABIC_LANGS = ("prs", "ps", "fa")


@dataclass(frozen=True, slots=True)
class Found:
    concept: Concept
    kind: int  # EXACT, TERM, INFLECTED or NOTE

    @property
    def kind_name(self) -> str:
        return KIND_NAMES[self.kind]


def _squash(text: str) -> str:
    return text.replace(" ", "").replace("ئ", "ی")


def _stems(word: str, lang: str) -> list[str]:
    """``word`` and every form it may be an inflection of (endings removed or undone)."""
    endings = endings_for(lang)
    out = [word]
    for ending in endings.added + endings.clitics:
        e = fold(ending, lang)
        if e and word.endswith(e) and len(word) - len(e) >= endings.min_word:
            out.append(word[: -len(e)])
    for final, replacements in endings.replaced:
        for r in replacements:
            r = fold(r, lang)
            if r and word.endswith(r) and len(word) - len(r) >= endings.min_word - 1:
                out.append(word[: -len(r)] + fold(final, lang))
    out += _singulars(word, lang)
    return list(dict.fromkeys(out))


def _singulars(word: str, lang: str) -> list[str]:
    """What ``word`` is the irregular plural of: Arabic -ات and broken plurals, English
    irregular plurals (the matcher then confirms each)."""
    endings = endings_for(lang)
    out = []
    if word.endswith("ات") and len(word) - 2 >= endings.arabic_min_stem:
        out += [word[:-2] + fold(final, lang) for final in endings.arabic]
    out += [fold(singular, lang) for singular, plurals in endings.broken
            if word in {fold(p, lang) for p in plurals}]
    if lang == "en":
        singular = english_singular(word)
        if singular:
            out.append(singular)
    return out


def stem_keys(query: str, lang: str) -> list[str]:
    """The squashed keys of every term ``query`` may be an inflected form of."""
    combos: list[str] = [""]
    for word in fold(query, lang).split():
        combos = [c + s for c in combos for s in _stems(word, lang)][:MAX_STEMS]
    return [c for c in dict.fromkeys(combos) if c]


def _fts_query(words: list[str], column: str) -> str:
    phrases = " ".join('"' + w.replace('"', '""') + '"*' for w in words)
    return f"{{{column}}} : ({phrases})"


def _ids(glossary: Glossary, sql: str, params: list[Any]) -> list[int]:
    return [int(r[0]) for r in glossary.db.execute(sql, params).fetchall()]


def _term_hits(glossary: Glossary, query: str, lang: str | None) -> dict[int, int]:
    folded = fold(query)
    squashed = _squash(folded)
    where_lang = " AND lang = ?" if lang else ""
    extra = [lang_code(lang)] if lang else []
    found: dict[int, int] = {}
    for cid in _ids(glossary, "SELECT concept_id FROM terms WHERE replace(replace(norm, ' ', "
                    "''), 'ئ', 'ی') = ?" + where_lang, [squashed, *extra]):
        found.setdefault(cid, EXACT)
    sql = ("SELECT terms.concept_id FROM terms_fts JOIN terms ON terms.rowid = terms_fts.rowid "
           "WHERE terms_fts MATCH ?" + where_lang.replace("lang", "terms.lang")
           + " ORDER BY terms_fts.rank")
    for cid in _ids(glossary, sql, [_fts_query(folded.split(), "norm"), *extra]):
        found.setdefault(cid, TERM)
    # Half-space, space or nothing inside a term: compare the terms without spaces too.
    for cid in _ids(glossary, "SELECT concept_id FROM terms WHERE instr(replace(replace(norm, "
                    "' ', ''), 'ئ', 'ی'), ?)" + where_lang, [squashed, *extra]):
        found.setdefault(cid, TERM)
    return found


def _inflected_hits(glossary: Glossary, query: str, lang: str | None) -> dict[int, int]:
    """Concepts with a term of which the whole query is an inflected form."""
    if lang:
        langs: tuple[str, ...] = (lang_code(lang),)
    else:
        langs = ARABIC_LANGS if is_arabic_text(fold(query)) else ("en",)
    found: dict[int, int] = {}
    for code in langs:
        keys = stem_keys(query, code)
        if not keys:
            continue
        marks = ", ".join("?" * len(keys))
        ids = _ids(glossary, "SELECT DISTINCT concept_id FROM terms WHERE lang = ? AND "
                   f"replace(replace(norm, ' ', ''), 'ئ', 'ی') IN ({marks})", [code, *keys])
        if not ids:
            continue
        matcher = Matcher(code, [glossary.get(cid) for cid in ids])
        text = query.strip()
        for hit in matcher.find(text):
            if hit.start == 0 and hit.end >= len(text.rstrip(".,;:!?؟،")):
                found.setdefault(hit.concept_key[1], INFLECTED)
    return found


def _note_hits(glossary: Glossary, query: str, lang: str | None) -> dict[int, int]:
    words = fold(query).split()
    sql = ("SELECT terms.concept_id, terms_fts.rank AS r FROM terms_fts JOIN terms "
           "ON terms.rowid = terms_fts.rowid WHERE terms_fts MATCH ?")
    params: list[Any] = [_fts_query(words, "note_norm")]
    if lang:
        sql += " AND terms.lang = ?"
        params.append(lang_code(lang))
    else:
        sql += (" UNION ALL SELECT concepts.id, concepts_fts.rank AS r FROM concepts_fts "
                "JOIN concepts ON concepts.rowid = concepts_fts.rowid WHERE concepts_fts MATCH ?")
        params.append(_fts_query(words, "note_norm"))
    sql = f"SELECT concept_id FROM ({sql}) GROUP BY concept_id ORDER BY min(r)"
    return {cid: NOTE for cid in _ids(glossary, sql, params)}


def search(glossary: Glossary, query: str, lang: str | None = None, *,
           notes: bool = True) -> list[Found]:
    """Every concept found for ``query`` in one glossary, best kind first."""
    if not fold(query).split():
        return []
    found: dict[int, int] = {}
    parts = [_term_hits, _inflected_hits] + ([_note_hits] if notes else [])
    for part in parts:
        for cid, kind in part(glossary, query, lang).items():
            found[cid] = min(kind, found.get(cid, kind))
    order = sorted(found, key=lambda cid: found[cid])  # stable: the SQL order within a kind
    return [Found(glossary.get(cid), found[cid]) for cid in order]
