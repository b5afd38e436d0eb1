"""Hostile PDFs: small files that unpack into gigabytes or ask for hours of layout work are
refused while pdfminer parses them, with one line naming the limit, under 500 MB and 60 s.

The PDFs are written at test time (raw PDF bytes, content streams deflated with zlib in
chunks, so the test itself never holds the gigabyte). Each import runs as the real CLI in a
child process; its peak memory is the child's own ``ru_maxrss`` (``os.wait4``) and a child
still running after the time limit is killed and fails the test (a hang is a failure)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.hardening.pdf_bytes import deflate, write_pdf

LIMIT_SECONDS = 60
LIMIT_RSS_MB = 500
MB = 1024 * 1024


def repeat(piece: bytes, total: int) -> Iterator[bytes]:
    """``total`` bytes of ``piece`` repeated, in 16 MB chunks."""
    chunk = piece * max(1, (16 * MB) // len(piece))
    left = total
    while left > 0:
        yield chunk[:left]
        left -= len(chunk)


def text_operators(path: Path) -> Path:
    """0.3 MB: one content stream of 40 million ``Tj`` operators (280 MB inflated)."""
    return write_pdf(path, [deflate([b"BT /F1 12 Tf 72 700 Td\n",
                                     *repeat(b"(a) Tj\n", 40_000_000 * 7), b"ET\n"])])


def text_objects(path: Path) -> Path:
    """300,000 text objects of one letter each on one page (9 MB inflated)."""
    body = b"".join(b"BT /F1 9 Tf %d %d Td (x) Tj ET\n" % (20 + k % 570, 20 + k % 750)
                    for k in range(300_000))
    return write_pdf(path, [deflate([body])])


def empty_text_objects(path: Path) -> Path:
    """300,000 text objects with no glyph: no character limit helps, only the count."""
    return write_pdf(path, [deflate([b"BT 10 10 Td ET\n" * 300_000])])


def scattered(path: Path) -> Path:
    """29,000 letters strewn over one page (under the character limit): pdfminer would group
    29,000 one-letter lines into boxes in quadratic time."""
    body = b"".join(b"BT /F1 6 Tf %d %d Td (%c) Tj ET\n" % (10 + k * 37 % 590,
                                                          10 + k * 53 % 770, 97 + k % 26)
                    for k in range(29_000))
    return write_pdf(path, [deflate([body])])


def spaces(path: Path) -> Path:
    """1 MB holding 1 GB of spaces in one content stream."""
    return write_pdf(path, [deflate([b"BT /F1 12 Tf 72 700 Td (Kabul.) Tj ET\n",
                                     *repeat(b" ", 1024 * MB)])])


def spaces_on_many_pages(path: Path) -> Path:
    """Six pages of 30 MB of spaces each: every stream under its limit, the file over."""
    stream = deflate([b"BT /F1 12 Tf 72 700 Td (Kabul.) Tj ET\n", *repeat(b" ", 30 * MB)])
    return write_pdf(path, [stream] * 6)


def operators(path: Path) -> Path:
    """1.2 million drawing operations (gray level changes) on one page, 3.6 MB inflated."""
    return write_pdf(path, [deflate([b"0.5 g\n" * 600_000])])


def form_fan_out(path: Path) -> Path:
    """Form XObjects each drawing the next one 20 times, six deep: 64 million draws."""
    depth, fan = 6, 20
    forms = []
    first = 4 + 2  # one page: objects 4 and 5; the forms follow
    for level in range(depth):
        if level == depth - 1:
            content = b"BT /F1 9 Tf 10 10 Td (x) Tj ET"
            resources = b"<< /Font << /F1 3 0 R >> >>"
        else:
            content = b"/Next Do " * fan
            resources = b"<< /XObject << /Next %d 0 R >> >>" % (first + level + 1)
        forms.append(b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources "
                     + resources + b" /Length %d >>\nstream\n" % len(content) + content
                     + b"\nendstream")
    return write_pdf(path, [deflate([b"/X0 Do " * fan])], forms)


CASES = {
    "text-operators.pdf": (text_operators, "more than 32 MB (the limit for one stream)"),
    "text-objects.pdf": (text_objects, "characters (the limit for one page)"),
    "empty-text-objects.pdf": (empty_text_objects, "text objects (the limit for one page)"),
    "scattered.pdf": (scattered, "lines of text (the limit for one page)"),
    "spaces.pdf": (spaces, "more than 32 MB (the limit for one stream)"),
    "spaces-on-many-pages.pdf": (spaces_on_many_pages, "128 MB (the limit for one file)"),
    "operators.pdf": (operators, "drawing operations (the limit for one page)"),
    "form-fan-out.pdf": (form_fan_out, "(the limit for one page)"),
}


def run_bounded(args: list[str], home: Path) -> tuple[int, str, float]:
    """(exit code, stderr, peak RSS in MB) of ``tarjuman ARGS`` in a child process of its
    own, measured alone (``benchmarks.measure``: a child started straight from this
    process would report the test run's own peak, which grows over a whole suite); killed
    and failed if it is still running after LIMIT_SECONDS."""
    from benchmarks.measure import run

    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARGOS_", "XDG_"))}
    env.update({"TARJUMAN_HOME": str(home), "PYTHONPATH": str(ROOT)})
    done = run([sys.executable, "-m", "desktop_app", *args], env=env, cwd=ROOT,
               timeout=LIMIT_SECONDS)
    if done.stderr.rstrip().endswith(f"timed out after {LIMIT_SECONDS} s"):
        pytest.fail(f"tarjuman {' '.join(args)} still running after {LIMIT_SECONDS} s")
    return done.code, done.stderr, done.rss_mib


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_pdf_is_refused_in_bounds(name: str, tmp_path: Path) -> None:
    build, reason = CASES[name]
    pdf = build(tmp_path / name)
    assert pdf.stat().st_size < 2 * MB
    home = tmp_path / "home"
    home.mkdir()
    out = tmp_path / f"{name}.tarjuman"
    code, err, rss = run_bounded(["project", "new", str(pdf), "--to", "dari", "-o", str(out)],
                                 home)
    lines = err.strip().splitlines()
    assert code != 0 and len(lines) == 1, err
    assert lines[0].startswith("tarjuman: error:") and "internal error" not in err, err
    assert reason in lines[0] and "split it into smaller files" in lines[0], lines[0]
    assert rss < LIMIT_RSS_MB, f"{name}: peak RSS {rss:.0f} MB"
    assert not out.exists()
    print(f"{name}: {pdf.stat().st_size / MB:.2f} MB file, peak RSS {rss:.0f} MB")


def test_a_real_pdf_under_the_limits_still_imports(tmp_path: Path) -> None:
    body = b"".join(b"BT /F1 11 Tf 72 %d Td (Line %d of the report.) Tj ET\n" % (700 - 14 * k, k)
                    for k in range(45))
    pdf = write_pdf(tmp_path / "report.pdf", [deflate([body])] * 3)
    from desktop_app.core.documents.pdf import Pdf

    blocks = Pdf().load(pdf.read_bytes(), "report.pdf").blocks
    assert "Line 7 of the report." in " ".join(b.text for b in blocks)


def test_a_page_of_many_drawn_lines_imports_in_bounds(tmp_path: Path) -> None:
    """70,000 ruled segments (under the operation limit): a drawing, read as paragraphs;
    the table search, which compares rules with rules, is not run on it."""
    body = b"BT /F1 10 Tf 72 700 Td (Kabul grid.) Tj ET\n" + b"".join(
        b"%d %d m %d %d l S\n" % (10 + k % 590, 10 + k // 590 % 770, 41 + k % 590,
                                  10 + k // 590 % 770) for k in range(70_000))
    pdf = write_pdf(tmp_path / "grid.pdf", [deflate([body])])
    home = tmp_path / "home"
    home.mkdir()
    out = tmp_path / "grid.tarjuman"
    code, err, rss = run_bounded(["project", "new", str(pdf), "--to", "dari", "-o", str(out)],
                                 home)
    assert code == 0, err
    assert out.exists() and rss < LIMIT_RSS_MB
