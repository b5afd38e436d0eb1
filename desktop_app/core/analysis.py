"""Analysis for a quote: segments, words and characters per match band, and weighted words.

Each segment falls in one band, tried in this order:

- ``locked`` (the client locked it, e.g. a Trados locked segment) and ``confirmed``
  (already done): work that is not quoted again;
- ``context`` (101%): an exact TM match whose previous and next segments are exact TM
  matches too (the start and the end of a document count as matching);
- ``repetition``: the same source (folded, half-space-aware) earlier in the analysed
  documents; its first occurrence counts in its own band;
- ``100``: an exact TM match; ``95-99``, ``85-94``, ``75-84``, ``50-74``: the best fuzzy
  TM score (the TM's own scorer); ``no-match``: below 50%.

Words and characters are counted by :mod:`desktop_app.core.wordcount`. Weighted words
= words × the band's weight (a percentage); the weights table is a JSON file in the data
dir that the user can change (:func:`load_weights`, :func:`save_weights`).
"""

from __future__ import annotations

import csv
import html
import io
import json
import math
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core import languages, wordcount
from desktop_app.core.documents.base import strip_tags
from desktop_app.core.errors import InputError
from desktop_app.core.i18n import N_, _
from desktop_app.core.mt.engine import Cancelled
from desktop_app.core.paths import data_dir
from desktop_app.core.project import Project
from desktop_app.core.segments import Status
from desktop_app.core.textnorm import match_key
from desktop_app.core.tm import FuzzyIndex, TranslationMemory

BANDS = ("context", "repetition", "100", "95-99", "85-94", "75-84", "50-74", "no-match",
         "locked", "confirmed")
BAND_LABELS = {
    "context": N_("Context match (101%)"), "repetition": N_("Repetitions"),
    "100": N_("100%"), "95-99": N_("95–99%"), "85-94": N_("85–94%"), "75-84": N_("75–84%"),
    "50-74": N_("50–74%"), "no-match": N_("No match"), "locked": N_("Locked"),
    "confirmed": N_("Already confirmed"),
}
# Percent of the full word rate, like memoQ's and Trados's default grids.
DEFAULT_WEIGHTS: dict[str, float] = {
    "context": 0.0, "repetition": 10.0, "100": 10.0, "95-99": 30.0, "85-94": 60.0,
    "75-84": 60.0, "50-74": 100.0, "no-match": 100.0, "locked": 0.0, "confirmed": 0.0,
}
FUZZY_FLOOR = 50.0


def weights_file() -> Path:
    return data_dir() / "analysis-weights.json"


def load_weights(path: Path | None = None) -> dict[str, float]:
    """The weights table (percent per band): defaults, overridden by the file if there is
    one. A file that is not a JSON object of band -> number 0..1000 is refused."""
    path = path or weights_file()
    weights = dict(DEFAULT_WEIGHTS)
    if not path.exists():
        return weights
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(_("{name}: not a weights table (JSON): {reason}").format(
            name=path.name, reason=exc)) from exc
    if not isinstance(data, dict):
        raise InputError(_("{name}: a weights table is a JSON object of band: percent").format(
            name=path.name))
    for band, value in data.items():
        if band not in BANDS:
            raise InputError(_("{name}: unknown band {band} (the bands are {bands})").format(
                name=path.name, band=band, bands=", ".join(BANDS)))
        if isinstance(value, bool) or not isinstance(value, int | float) \
                or not math.isfinite(value) or not 0 <= value <= 1000:
            raise InputError(_("{name}: the weight of {band} must be a percent from 0 to "
                               "1000").format(name=path.name, band=band))
        weights[band] = float(value)
    return weights


def save_weights(weights: dict[str, float], path: Path | None = None) -> None:
    """Write the table (the data dir's file by default; a temp file renamed into place)."""
    clean = {band: float(weights.get(band, DEFAULT_WEIGHTS[band])) for band in BANDS}
    path = path or weights_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".weights-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(clean, fh, indent=2)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(slots=True)
class Count:
    segments: int = 0
    words: int = 0
    characters: int = 0

    def add(self, other: Count) -> None:
        self.segments += other.segments
        self.words += other.words
        self.characters += other.characters


@dataclass(slots=True)
class DocumentAnalysis:
    name: str
    bands: dict[str, Count] = field(default_factory=lambda: {b: Count() for b in BANDS})

    def total(self) -> Count:
        out = Count()
        for count in self.bands.values():
            out.add(count)
        return out


def _weighted(count: Count, weight: float) -> float:
    return round(count.words * weight / 100, 2)


@dataclass(slots=True)
class Analysis:
    documents: list[DocumentAnalysis]
    weights: dict[str, float]
    tm_units: int = 0

    def bands(self) -> dict[str, Count]:
        out = {b: Count() for b in BANDS}
        for doc in self.documents:
            for band, count in doc.bands.items():
                out[band].add(count)
        return out

    def weighted_words(self, bands: dict[str, Count] | None = None) -> float:
        bands = bands if bands is not None else self.bands()
        return round(sum(_weighted(c, self.weights[b]) for b, c in bands.items()), 2)

    def _rows(self, bands: dict[str, Count]) -> list[dict[str, Any]]:
        return [{"band": b, "segments": c.segments, "words": c.words,
                 "characters": c.characters, "weight": self.weights[b],
                 "weighted_words": _weighted(c, self.weights[b])} for b, c in bands.items()]

    def _total(self, bands: dict[str, Count]) -> dict[str, Any]:
        total = Count()
        for count in bands.values():
            total.add(count)
        return {"segments": total.segments, "words": total.words,
                "characters": total.characters, "weighted_words": self.weighted_words(bands)}

    def as_json(self) -> dict[str, Any]:
        bands = self.bands()
        return {"bands": self._rows(bands), "total": self._total(bands),
                "documents": [{"document": d.name, "bands": self._rows(d.bands),
                               "total": self._total(d.bands)} for d in self.documents],
                "weights": self.weights, "tm_units": self.tm_units}

    def table(self) -> list[tuple[str, str, str, str, str, str]]:
        """Rows for text output (band label, segments, words, characters, weight,
        weighted words), the total last."""
        bands = self.bands()
        rows = [(_(BAND_LABELS[b]), str(c.segments), str(c.words), str(c.characters),
                 f"{self.weights[b]:g}%", f"{_weighted(c, self.weights[b]):g}")
                for b, c in bands.items()]
        t = self._total(bands)
        rows.append((_("Total"), str(t["segments"]), str(t["words"]), str(t["characters"]),
                     "", f"{t['weighted_words']:g}"))
        return rows

    def csv(self) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["document", "band", "segments", "words", "characters", "weight",
                         "weighted_words"])
        for name, bands in [(d.name, d.bands) for d in self.documents] + [("", self.bands())]:
            for row in self._rows(bands):
                writer.writerow([name or "TOTAL", row["band"], row["segments"], row["words"],
                                 row["characters"], row["weight"], row["weighted_words"]])
            t = self._total(bands)
            writer.writerow([name or "TOTAL", "total", t["segments"], t["words"],
                             t["characters"], "", t["weighted_words"]])
        return out.getvalue().encode("utf-8-sig")  # Excel reads Dari names with the BOM

    def html(self) -> bytes:
        head = "".join(f"<th>{html.escape(h)}</th>" for h in (
            _("Band"), _("Segments"), _("Words"), _("Characters"), _("Weight"),
            _("Weighted words")))

        def table(title: str, bands: dict[str, Count]) -> str:
            body = "".join(
                f"<tr><td>{html.escape(_(BAND_LABELS[r['band']]))}</td><td>{r['segments']}</td>"
                f"<td>{r['words']}</td><td>{r['characters']}</td><td>{r['weight']:g}%</td>"
                f"<td>{r['weighted_words']:g}</td></tr>" for r in self._rows(bands))
            t = self._total(bands)
            body += (f"<tr class=total><th>{html.escape(_('Total'))}</th><th>{t['segments']}"
                     f"</th><th>{t['words']}</th><th>{t['characters']}</th><th></th>"
                     f"<th>{t['weighted_words']:g}</th></tr>")
            return (f"<h2>{html.escape(title)}</h2><table><thead><tr>{head}</tr></thead>"
                    f"<tbody>{body}</tbody></table>")

        parts = [table(_("All documents"), self.bands())]
        if len(self.documents) > 1:
            parts += [table(d.name, d.bands) for d in self.documents]
        style = ("body{font-family:sans-serif}table{border-collapse:collapse}"
                 "td,th{border:1px solid #999;padding:2px 8px;text-align:end}"
                 "td:first-child{text-align:start}.total{background:#eee}")
        title = html.escape(_("Analysis"))
        ui = languages.get(languages.ui_language())
        direction = "rtl" if ui.is_rtl else "ltr"
        return (f'<!DOCTYPE html><html lang="{ui.bcp47}" dir="{direction}"><head>'
                f"<meta charset=utf-8><title>"
                f"{title}</title><style>{style}</style></head><body>"
                f"<h1>{title}</h1>{''.join(parts)}</body></html>"
                ).encode()


def band_of(score: float) -> str:
    for floor, band in ((100, "100"), (95, "95-99"), (85, "85-94"), (75, "75-84"),
                        (FUZZY_FLOOR, "50-74")):
        if score >= floor:
            return band
    return "no-match"


def _locked_blocks(project: Project) -> set[str]:
    rows = project.db.execute("SELECT id, meta FROM blocks").fetchall()
    return {bid for bid, meta in rows if meta and '"locked"' in meta
            and json.loads(meta).get("locked") is True}


def analyze(projects: Iterable[Project], *, tm: TranslationMemory | None = None,
            weights: dict[str, float] | None = None,
            on_progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> Analysis:
    """Analyse the projects' documents together (a repetition may be in an earlier one)
    against the local TM (the default TM when ``tm`` is None)."""
    projects = list(projects)
    own = tm is None
    memory = tm if tm is not None else TranslationMemory()
    try:
        indexes: dict[tuple[str, str], FuzzyIndex] = {}
        for project in projects:
            pair = (project.source_lang, project.target_lang)
            if pair not in indexes:
                indexes[pair] = memory.fuzzy_index(*pair)
        documents = []
        seen: set[tuple[str, str, str]] = set()
        work = [(p, p.segments()) for p in projects]
        total = sum(len(segs) for _p, segs in work)
        done = 0
        for project, segments in work:
            index = indexes[(project.source_lang, project.target_lang)]
            locked = _locked_blocks(project)
            exact = [index.exact(s.source) for s in segments]
            doc = DocumentAnalysis(project.document()[0])
            last = len(segments) - 1
            for i, seg in enumerate(segments):
                key = (project.source_lang, project.target_lang,
                       match_key(strip_tags(seg.source), project.source_lang))
                repeated = key in seen
                seen.add(key)
                if seg.block_id in locked:
                    band = "locked"
                elif seg.status == Status.CONFIRMED:
                    band = "confirmed"
                elif exact[i] and (i == 0 or exact[i - 1]) and (i == last or exact[i + 1]):
                    band = "context"
                elif repeated:
                    band = "repetition"
                elif exact[i]:
                    band = "100"
                else:
                    band = band_of(min(index.best(seg.source, FUZZY_FLOOR), 99.9))
                count = doc.bands[band]
                count.segments += 1
                count.words += wordcount.words(seg.source)
                count.characters += wordcount.characters(seg.source)
                done += 1
                if done % 250 == 0:
                    if cancelled is not None and cancelled():
                        raise Cancelled(_("analysis cancelled"))
                    if on_progress is not None:
                        on_progress(done, total)
            documents.append(doc)
        if on_progress is not None:
            on_progress(total, total)
        return Analysis(documents, weights if weights is not None else load_weights(),
                        sum(len(i) for i in indexes.values()))
    finally:
        if own:
            memory.close()


def analyze_files(paths: list[Path], *, weights: dict[str, float] | None = None,
                  on_progress: Callable[[int, int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> Analysis:
    """Open the project files, analyse them together, close them."""
    projects: list[Project] = []
    try:
        for path in paths:
            projects.append(Project.open(path))
        return analyze(projects, weights=weights, on_progress=on_progress,
                       cancelled=cancelled)
    finally:
        for project in projects:
            project.close()
