"""SubRip subtitles (.srt): one block per cue; numbers, timings and positions are kept."""

from __future__ import annotations

import re
from typing import Any

from desktop_app.core.documents.base import Block, Content, DocumentError, Imported
from desktop_app.core.documents.block_notes import CUE, add_notes, note
from desktop_app.core.i18n import N_, _
from desktop_app.core.textio import decode

TIMING = re.compile(r"^\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}")
_INLINE = re.compile(r"</?(?:b|i|u|font)(?:\s[^>]*)?>|\{\\[^}]*\}", re.IGNORECASE)


def _cues(text: str, name: str) -> list[tuple[list[str], list[str]]]:
    """(header lines: number + timing, text lines) per cue."""
    # CR CR LF (a CR LF file that went through a CR -> CR LF conversion again) is one end
    text = re.sub(r"\r*\n|\r", "\n", text)
    chunks = re.split(r"\n[ \t]*\n", text.strip("\n"))
    cues = []
    for n, chunk in enumerate(chunks, 1):
        lines = chunk.split("\n")
        timing_at = next((i for i, ln in enumerate(lines[:2]) if TIMING.match(ln)), None)
        if timing_at is None:
            raise DocumentError(_("{name}: cue {n} has no timing line "
                                  "(00:00:01,000 --> ...)").format(
                name=name, n=n))
        cues.append((lines[: timing_at + 1], lines[timing_at + 1:]))
    if not cues:
        raise DocumentError(_("{name}: no subtitle cues").format(name=name))
    return cues


def _seconds(stamp: str) -> float:
    h, m, rest = stamp.strip().replace(",", ".").split(":")
    return int(h) * 3600 + int(m) * 60 + float(rest)


def cue_meta(head: list[str], n: int) -> dict[str, Any]:
    """The cue's number (as written, else its place) and timing as a unit note, and its
    start and end in seconds (for the reading speed)."""
    number = head[0].strip() if len(head) > 1 and head[0].strip() else str(n)
    timing = TIMING.match(head[-1])
    start, end = (timing.group(0) if timing else head[-1]).split("-->")
    meta: dict[str, Any] = {CUE: {"number": number, "start": _seconds(start),
                                  "end": _seconds(end)}}
    add_notes(meta, [note("cue", f"{number}  {head[-1].strip()}")])
    return meta


def _to_tags(lines: list[str]) -> tuple[str, list[str]]:
    """Cue text with markup (<b>, {\\an8}) as tags, and the markup by tag number."""
    markup: list[str] = []
    out = []
    for m_text in re.split(f"({_INLINE.pattern})", "\n".join(lines), flags=re.IGNORECASE):
        if m_text and _INLINE.fullmatch(m_text):
            markup.append(m_text)
            out.append(f"⟨{len(markup)}/⟩")
        else:
            out.append(m_text)
    return "".join(out), markup


def _from_tags(text: str, markup: list[str]) -> str:
    def put(m: re.Match[str]) -> str:
        k = int(m.group(1))
        return markup[k - 1] if 0 < k <= len(markup) else ""
    return re.sub(r"⟨/?(\d+)/?⟩", put, text)


class Subtitles:
    name = "srt"
    extensions = (".srt",)
    label = N_("SRT subtitles")

    def sniff(self, content: Content) -> bool:
        lines = content.text.splitlines()  # a cue number, then its timing
        return len(lines) > 1 and bool(
            TIMING.match(lines[1] if lines[0].strip().isdigit() else lines[0]))

    def load(self, data: bytes, name: str) -> Imported:
        text, _ = decode(data, name)
        blocks = []
        for n, (head, body) in enumerate(_cues(text, name)):
            tagged, markup = _to_tags(body)
            meta = {"timing": head[-1], "markup": markup, **cue_meta(head, n + 1)}
            blocks.append(Block(f"C{n}", tagged, "cue", meta))
        return Imported(self.name, blocks)

    def save(self, data: bytes, name: str, targets: dict[str, str], target_lang: str) -> bytes:
        text, _ = decode(data, name)
        out = []
        for n, (head, body) in enumerate(_cues(text, name)):
            _, markup = _to_tags(body)
            target = targets.get(f"C{n}")
            lines = body if target is None else _from_tags(target, markup).split("\n")
            out.append("\n".join(head + lines))
        return ("\n\n".join(out) + "\n").encode("utf-8")
