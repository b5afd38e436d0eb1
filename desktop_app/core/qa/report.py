"""The QA report a reviewer reads without Tarjuman: HTML (one section per check, targets in
their own direction) or CSV (one finding a line), in the UI language."""

from __future__ import annotations

import csv
import html
import io
import time
from collections.abc import Sequence

from desktop_app.core import languages
from desktop_app.core.documents.base import strip_tags
from desktop_app.core.i18n import N_, _, ngettext, number
from desktop_app.core.qa.profiles import RANK
from desktop_app.core.qa.review import Item

CHECK_NAMES = {
    "empty": N_("Untranslated"), "identical": N_("Target same as source"),
    "numbers": N_("Numbers"), "latin-punctuation": N_("Latin punctuation in the target"),
    "unbalanced": N_("Unbalanced brackets and quotes"), "bidi-marks": N_("Bidi marks"),
    "double-space": N_("Doubled spaces"), "tags": N_("Inline tags"),
    "spelling": N_("Spelling"), "date": N_("Dates"),
    "term-missing": N_("Glossary term missing"), "term-forbidden": N_("Forbidden term"),
    "term-inconsistent": N_("Term rendered differently"),
    "repeated-word": N_("Repeated words"), "whitespace-edges": N_("Spaces at the edges"),
    "end-punctuation": N_("End punctuation"), "url-mismatch": N_("URLs, e-mails and codes"),
    "length": N_("Length"), "inconsistent-target": N_("Inconsistent target"),
    "inconsistent-source": N_("Inconsistent source"), "word-list": N_("Project word list"),
    "regex-check": N_("Project checklist"),
}
SEVERITY_NAMES = {"error": N_("error"), "warning": N_("warning"), "note": N_("note")}


def check_name(code: str) -> str:
    return _(CHECK_NAMES[code]) if code in CHECK_NAMES else code


def severity_name(level: str) -> str:
    return _(SEVERITY_NAMES[level]) if level in SEVERITY_NAMES else level


def grouped(items: Sequence[Item]) -> list[tuple[str, list[Item]]]:
    """Findings by check, the most severe checks first, segments in order within."""
    groups: dict[str, list[Item]] = {}
    for item in items:
        groups.setdefault(item.finding.code, []).append(item)
    return sorted(groups.items(), key=lambda g: (min(RANK.get(i.severity, 3) for i in g[1]),
                                                 g[0]))


def _when(stamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(stamp))


def _ignored_text(item: Item) -> str:
    return _("ignored by {who} on {when}").format(who=item.ignored_by,
                                                   when=_when(item.ignored_at))


_CSS = """body{font-family:'Noto Sans','Noto Sans Arabic',sans-serif;margin:1.5em}
table{border-collapse:collapse;width:100%;margin-bottom:1.5em}
td,th{border:1px solid #bbb;padding:4px 6px;vertical-align:top;text-align:start}
th{background:#eee}td.n{white-space:nowrap}.error{color:#a00;font-weight:bold}
.warning{color:#8a5a00}.note{color:#555}tr.ignored td{color:#888}
[dir=rtl]{font-family:'Noto Sans Arabic',sans-serif}"""


def to_html(items: Sequence[Item], *, title: str, source_lang: str, target_lang: str) -> str:
    ui = languages.get(languages.ui_language())
    src, tgt = languages.get(source_lang), languages.get(target_lang)
    open_items = [i for i in items if not i.ignored]
    counts = {level: sum(1 for i in open_items if i.severity == level) for level in RANK}
    summary = _(", ").join((
        ngettext("{n} error", "{n} errors", counts["error"]).format(n=number(counts["error"])),
        ngettext("{n} warning", "{n} warnings", counts["warning"]).format(
            n=number(counts["warning"])),
        ngettext("{n} note", "{n} notes", counts["note"]).format(n=number(counts["note"]))))
    heading = _("QA report: {name}").format(name=title)
    ignored = _("ignored: {n}").format(n=number(len(items) - len(open_items)))
    columns = (_("Segment"), _("Severity"), _("Source"), _("Target"), _("Finding"))
    parts = [f'<!DOCTYPE html>\n<html lang="{ui.bcp47}" dir="{ui.direction}"><head>'
             f'<meta charset="utf-8"><title>{html.escape(heading)}</title>'
             f"<style>{_CSS}</style></head><body>",
             f"<h1>{html.escape(heading)}</h1>",
             f"<p>{html.escape(summary)}; {html.escape(ignored)}</p>"]
    head = "<tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in columns) + "</tr>"
    comma = html.escape(_(", "))
    for code, group in grouped(items):
        label = ngettext("{n} finding", "{n} findings", len(group)).format(n=number(len(group)))
        parts.append(f'<h2 id="{html.escape(code)}">{html.escape(check_name(code))} '
                     f"<small>(<bdi>{html.escape(code)}</bdi>{comma}{html.escape(label)})</small></h2>")
        parts.append(f"<table>{head}")
        for item in group:
            seg, f = item.segment, item.finding
            note = f"<br><i>{html.escape(_ignored_text(item))}</i>" if item.ignored else ""
            parts.append(
                f'<tr class="{"ignored" if item.ignored else ""}"><td class="n">'
                f"{number(seg.id)}</td><td class=\"{item.severity}\">"
                f"{html.escape(severity_name(item.severity))}</td>"
                f'<td lang="{src.bcp47}" dir="{src.direction}">'
                f"{html.escape(strip_tags(seg.source))}</td>"
                f'<td lang="{tgt.bcp47}" dir="{tgt.direction}">'
                f"{html.escape(strip_tags(seg.target))}</td>"
                f'<td dir="auto">{html.escape(f.message)}{note}</td></tr>')
        parts.append("</table>")
    if not items:
        none = _("No findings.")
        parts.append(f"<p>{html.escape(none)}</p>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def to_csv(items: Sequence[Item]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["check", "severity", "segment", "source", "target", "message",
                     "ignored_by", "ignored_at"])
    for code, group in grouped(items):
        for item in group:
            writer.writerow([code, item.severity, item.segment.id,
                             strip_tags(item.segment.source), strip_tags(item.segment.target),
                             item.finding.message, item.ignored_by,
                             _when(item.ignored_at) if item.ignored else ""])
    return out.getvalue()
