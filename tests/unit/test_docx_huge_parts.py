"""A Word file whose part expands to 1 GB is refused before parsing, with one line naming
the limit, in bounded memory: as a document to translate and as a review file. The
package is generated here (1 GB of repeated markup deflates to a few MB); the refusal runs
in a child process that reports its own peak RSS."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
GIB = 1024 ** 3
MAX_RSS_MB = 500

CHILD = r"""
import json, sys
from pathlib import Path
from desktop_app.core.bilingual import read_review_docx
from desktop_app.core.documents.base import DocumentError
from desktop_app.core.documents.docx import Docx
path = Path(sys.argv[1])
data = path.read_bytes()
out = {}
for how, call in (("document", lambda: Docx().load(data, path.name)),
                  ("review", lambda: read_review_docx(data, path.name))):
    try:
        call()
        out[how] = None
    except DocumentError as exc:
        out[how] = str(exc)
# the high-water mark of this process's own memory (VmHWM starts afresh at exec; ru_maxrss
# would carry the test run's peak over from the process that started this one)
hwm = [l for l in Path("/proc/self/status").read_text().splitlines() if l.startswith("VmHWM")]
out["rss_mb"] = int(hwm[0].split()[1]) / 1024
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def huge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("huge") / "huge.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w") as fh:
            fh.write(f'<w:document xmlns:w="{W}"><w:body>'.encode())
            chunk = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 32768
            written = 0
            while written < GIB:
                fh.write(chunk)
                written += len(chunk)
            fh.write(b"</w:body></w:document>")
    return path


def lying(huge: Path, into: Path) -> Path:
    """The same package whose directory says document.xml is 2 KB: only a streamed count
    of what it really expands to can tell."""
    data = bytearray(huge.read_bytes())
    with zipfile.ZipFile(huge) as zf:
        info = zf.getinfo("word/document.xml")
    struct.pack_into("<I", data, info.header_offset + 22, 2048)  # local header
    name = info.filename.encode()
    start = 0
    while True:
        central = data.find(b"PK\x01\x02", start)
        assert central >= 0
        if data[central + 46:central + 46 + len(name)] == name:
            break
        start = central + 4
    struct.pack_into("<I", data, central + 24, 2048)
    into.write_bytes(bytes(data))
    return into


def refuse(path: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True,
                          text=True, timeout=120, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_a_1_gb_part_is_refused_by_its_declared_size(huge: Path) -> None:
    assert huge.stat().st_size < 16 * 1024 * 1024
    result = refuse(huge)
    for how in ("document", "review"):
        message = result[how]
        assert message and "\n" not in message, result
        assert "word/document.xml expands to more than 48 MB" in message, message
        assert "internal error" not in message
    assert result["rss_mb"] < MAX_RSS_MB, result


def test_a_part_that_lies_about_its_size_is_refused_while_streaming(huge: Path,
                                                                    tmp_path: Path) -> None:
    path = lying(huge, tmp_path / "liar.docx")
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("word/document.xml").file_size == 2048
    result = refuse(path)
    for how in ("document", "review"):
        message = result[how]
        assert message and "\n" not in message, result
        assert "internal error" not in message
    assert result["rss_mb"] < MAX_RSS_MB, result
