"""Raw PDF bytes written at test time: a valid file with Helvetica, one page per content
stream (deflated), and extra objects (form XObjects) numbered after the pages."""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from pathlib import Path


def deflate(chunks: Iterable[bytes]) -> bytes:
    packer = zlib.compressobj(9)
    return b"".join([*(packer.compress(c) for c in chunks), packer.flush()])


def write_pdf(path: Path, pages: list[bytes], extra: list[bytes] = ()) -> Path:  # type: ignore[assignment]
    """A valid PDF: one Helvetica font, one page per deflated content stream in ``pages``,
    ``extra`` objects appended as they are (numbered after the pages)."""
    first_page = 4
    kids = " ".join(f"{first_page + 2 * k} 0 R" for k in range(len(pages)))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    xobjects = " ".join(f"/X{k} {first_page + 2 * len(pages) + k} 0 R"
                        for k in range(len(extra)))
    for k, stream in enumerate(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                       f"<< /Font << /F1 3 0 R >> /XObject << {xobjects} >> >> /Contents "
                       f"{first_page + 2 * k + 1} 0 R >>".encode())
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
                       + stream + b"\nendstream")
    objects.extend(extra)
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def text_page(lines: list[tuple[float, float, float, str]]) -> bytes:
    """A deflated content stream drawing each (size, x, y, text) line in Helvetica."""
    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    body = "".join(f"BT /F1 {size} Tf {x} {y} Td ({escape(text)}) Tj ET\n"
                   for size, x, y, text in lines)
    return deflate([body.encode("latin-1")])
