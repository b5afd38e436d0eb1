"""The bounded stream decoders: the same bytes as pdfminer's own within the limits, a
refusal naming the limit beyond them, and no change at all outside an import."""

from __future__ import annotations

import zlib

import pytest
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream

from desktop_app.core.documents import pdf_limits
from desktop_app.core.documents.pdf_limits import Limits, PdfLimitError, budget

MB = 1024 * 1024


def flate(data: bytes) -> PDFStream:
    return PDFStream({"Filter": LITERALS_FLATE_DECODE[0]}, zlib.compress(data, 9))


def test_within_the_limits_the_bytes_are_pdfminers() -> None:
    text = b"BT /F1 12 Tf (Kabul) Tj ET\n" * 50_000
    with budget("x.pdf") as active:
        assert flate(text).get_data() == text
    assert active.document_bytes == len(text)
    truncated = PDFStream({"Filter": LITERALS_FLATE_DECODE[0]},
                          zlib.compress(text)[:-40])  # pdfminer's repair path
    with budget("x.pdf"):
        repaired = truncated.get_data()
    assert text.startswith(repaired) and len(repaired) > len(text) // 2


def test_one_stream_over_the_limit_is_stopped_while_it_inflates() -> None:
    packer = zlib.compressobj(9)
    bomb = b"".join([packer.compress(b" " * (16 * MB)) for _ in range(8)] + [packer.flush()])
    stream = PDFStream({"Filter": LITERALS_FLATE_DECODE[0]}, bomb)
    with budget("bomb.pdf", Limits(stream_bytes=4 * MB)) as active, pytest.raises(
            PdfLimitError, match=r"bomb.pdf: the file's structure has a stream that "
                                 r"decompresses to more than 4 MB"):
        stream.get_data()
    assert active.document_bytes <= 5 * MB  # stopped at the limit, not after 128 MB


def test_the_file_total_is_charged_across_streams() -> None:
    with budget("x.pdf", Limits(document_bytes=3 * MB)), pytest.raises(
            PdfLimitError, match="more than 3 MB .the limit for one file."):
        for _ in range(4):
            flate(b"a" * MB).get_data()


def test_outside_an_import_nothing_is_limited() -> None:
    pdf_limits.install()
    data = b" " * (40 * MB)
    assert flate(data).get_data() == data
